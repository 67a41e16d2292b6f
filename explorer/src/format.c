/* The fast path of the text buffer's printf: formats made only of plain text and the
 * conversions %d %i %u %x (with no length, l or ll), %s, %c and %% -- no flags, width or
 * precision -- are formatted here, without vsnprintf's set-up, which costs more than the
 * formatting itself for the short lines scenarios print at every execution. Any other
 * format is left whole to vsnprintf. The result is byte for byte what vsnprintf writes
 * (glibc's "(null)" for a null %s included). */
#include "runtime.h"

#include <stdarg.h>
#include <string.h>

typedef enum length { PLAIN, LONG, LONG_LONG } length;

/* The conversion at `p` (just after its '%'): its length modifier in *len; the pointer to
 * its conversion character, or NULL if the fast path does not handle it. */
static const char *conversion(const char *p, length *len) {
    *len = PLAIN;
    if (*p == 'l')
        *len = *++p == 'l' ? (p++, LONG_LONG) : LONG;
    if (*p == 'd' || *p == 'i' || *p == 'u' || *p == 'x')
        return p;
    if ((*p == 's' || *p == 'c') && *len == PLAIN) /* (%ls, %lc: wide characters) */
        return p;
    return NULL;
}

/* The first '%' or the end from p. (A loop: the formats are short, strchr's call costs
 * more.) */
static const char *next_percent(const char *p) {
    while (*p && *p != '%')
        p++;
    return p;
}

static bool handled(const char *fmt) {
    length len;
    for (const char *p = fmt; *(p = next_percent(p));) {
        if (p[1] == '%') {
            p += 2;
            continue;
        }
        if (!(p = conversion(p + 1, &len)))
            return false;
        p++;
    }
    return true;
}

/* `value` in base 10 or 16, after a '-' when `negative`. */
static void append_number(ex_text *t, unsigned long long value, unsigned base, bool negative) {
    char digits[24], *end = digits + sizeof digits, *p = end;
    do {
        *--p = "0123456789abcdef"[value % base];
        value /= base;
    } while (value);
    if (negative)
        *--p = '-';
    ex_text_append(t, p, (size_t)(end - p));
}

static void append_integer(ex_text *t, char kind, length len, va_list *ap) {
    if (kind == 'd' || kind == 'i') {
        long long v = len == LONG_LONG ? va_arg(*ap, long long)
                      : len == LONG    ? va_arg(*ap, long)
                                       : va_arg(*ap, int);
        append_number(t, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, 10, v < 0);
        return;
    }
    unsigned long long v = len == LONG_LONG ? va_arg(*ap, unsigned long long)
                           : len == LONG    ? va_arg(*ap, unsigned long)
                                            : va_arg(*ap, unsigned);
    append_number(t, v, kind == 'x' ? 16 : 10, false);
}

bool ex_format_simple(ex_text *t, const char *fmt, va_list *ap) {
    if (!handled(fmt))
        return false;
    for (const char *p = fmt;;) {
        const char *percent = next_percent(p);
        if (percent > p)
            ex_text_append(t, p, (size_t)(percent - p));
        if (!*percent)
            return true;
        length len;
        const char *kind = percent[1] == '%' ? percent + 1 : conversion(percent + 1, &len);
        if (*kind == '%') {
            ex_text_append(t, "%", 1);
        } else if (*kind == 's') {
            const char *s = va_arg(*ap, const char *);
            s = s ? s : "(null)";
            ex_text_append(t, s, strlen(s));
        } else if (*kind == 'c') {
            char c = (char)va_arg(*ap, int);
            ex_text_append(t, &c, 1);
        } else {
            append_integer(t, *kind, len, ap);
        }
        p = kind + 1;
    }
}
