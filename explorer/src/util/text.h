/* A growable NUL-terminated text buffer, and its printf (with a fast path for the simple
 * formats scenarios print). */
#ifndef EXPLORER_TEXT_H
#define EXPLORER_TEXT_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ex_text {
    char *data; /* NUL-terminated once anything was appended; NULL before */
    size_t len, cap;
} ex_text;

void ex_text_append(ex_text *t, const char *s, size_t n);
void ex_text_printf(ex_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ex_text_vprintf(ex_text *t, const char *fmt, va_list ap);
void ex_text_clear(ex_text *t);
void ex_text_free(ex_text *t);

#endif
