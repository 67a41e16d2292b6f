/* A growable NUL-terminated text buffer, and its printf.
 *
 * The printf's fast path: formats made only of plain text and the conversions %d %i %u %x
 * (with no length, l or ll), %s, %c and %% -- no flags, width or precision -- are formatted
 * here, without vsnprintf's set-up, which costs more than the formatting itself for the
 * short lines scenarios print at every execution. Any other format is left whole to
 * vsnprintf. The result is byte for byte what vsnprintf writes (glibc's "(null)" for a null
 * %s included). */
#include "util/text.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void text_reserve(ex_text *t, size_t extra) {
    if (t->len + extra + 1 <= t->cap)
        return;
    size_t cap = t->cap ? t->cap : 64;
    while (cap < t->len + extra + 1)
        cap *= 2;
    char *data = realloc(t->data, cap);
    if (!data)
        abort();
    t->data = data;
    t->cap = cap;
}

void ex_text_append(ex_text *t, const char *s, size_t n) {
    text_reserve(t, n);
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

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

/* Appends s[0, n): short pieces byte by byte while they fit (a call to memcpy costs more). */
static void put(ex_text *t, const char *s, size_t n) {
    if (n > 16 || t->len + n + 1 > t->cap) {
        ex_text_append(t, s, n);
        return;
    }
    char *to = t->data + t->len;
    for (size_t i = 0; i < n; i++)
        to[i] = s[i];
    to[n] = '\0';
    t->len += n;
}

/* `value` in base 10 or 16, after a '-' when `negative`. (Each base is a constant divisor:
 * a multiplication, not a division.) */
static void put_number(ex_text *t, unsigned long long value, bool hex, bool negative) {
    char digits[24], *end = digits + sizeof digits, *p = end;
    do {
        *--p = "0123456789abcdef"[hex ? value % 16 : value % 10];
        value = hex ? value / 16 : value / 10;
    } while (value);
    if (negative)
        *--p = '-';
    put(t, p, (size_t)(end - p));
}

static void put_integer(ex_text *t, char kind, length len, va_list *ap) {
    if (kind == 'd' || kind == 'i') {
        long long v = len == LONG_LONG ? va_arg(*ap, long long)
                      : len == LONG    ? va_arg(*ap, long)
                                       : va_arg(*ap, int);
        put_number(t, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, false, v < 0);
        return;
    }
    unsigned long long v = len == LONG_LONG ? va_arg(*ap, unsigned long long)
                           : len == LONG    ? va_arg(*ap, unsigned long)
                                            : va_arg(*ap, unsigned);
    put_number(t, v, kind == 'x', false);
}

/* One pass: a conversion it does not handle takes back what it wrote (`ap` is the caller's
 * copy, used up either way). */
static bool format_simple(ex_text *t, const char *fmt, va_list *ap) {
    size_t start = t->len;
    for (const char *p = fmt;;) {
        const char *percent = p;
        while (*percent && *percent != '%') /* (a loop: strchr's call costs more here) */
            percent++;
        if (percent > p)
            put(t, p, (size_t)(percent - p));
        if (!*percent)
            return true;
        length len;
        const char *kind = percent[1] == '%' ? percent + 1 : conversion(percent + 1, &len);
        if (!kind) {
            t->len = start;
            if (t->data)
                t->data[start] = '\0';
            return false;
        }
        if (*kind == '%') {
            put(t, "%", 1);
        } else if (*kind == 's') {
            const char *s = va_arg(*ap, const char *);
            s = s ? s : "(null)";
            put(t, s, strlen(s));
        } else if (*kind == 'c') {
            char c = (char)va_arg(*ap, int);
            put(t, &c, 1);
        } else {
            put_integer(t, *kind, len, ap);
        }
        p = kind + 1;
    }
}

void ex_text_vprintf(ex_text *t, const char *fmt, va_list ap) {
    text_reserve(t, 64);
    va_list again;
    va_copy(again, ap);
    bool done = format_simple(t, fmt, &again);
    va_end(again);
    if (done)
        return;
    va_copy(again, ap);
    int n = vsnprintf(t->data + t->len, t->cap - t->len, fmt, ap);
    if (n > 0 && (size_t)n >= t->cap - t->len) { /* did not fit: grow, format again */
        text_reserve(t, (size_t)n);
        vsnprintf(t->data + t->len, (size_t)n + 1, fmt, again);
    }
    if (n > 0)
        t->len += (size_t)n;
    t->data[t->len] = '\0';
    va_end(again);
}

void ex_text_printf(ex_text *t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ex_text_vprintf(t, fmt, ap);
    va_end(ap);
}

void ex_text_clear(ex_text *t) {
    t->len = 0;
    if (t->data)
        t->data[0] = '\0';
}

void ex_text_free(ex_text *t) {
    free(t->data);
    t->data = NULL;
    t->len = t->cap = 0;
}
