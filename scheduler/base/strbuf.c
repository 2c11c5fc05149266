/* iss - the one growing string and the one HTML escaper.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * Letters, the report's formats and anything else that builds a document
 * of unknown length append to a struct iss_buf; text that goes into HTML
 * (or SVG) goes through iss_buf_html. Text appended to a fixed buffer
 * (messages) goes through iss_strcatf, which never leaves half a UTF-8
 * character.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iss/base.h"

void iss_buf_put(struct iss_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (b->failed)
        return;
    for (;;) {
        size_t room = b->cap - b->len;

        va_start(ap, fmt);
        n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? room : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->failed = true;
            return;
        }
        if (b->s != NULL && (size_t)n < room) {
            b->len += (size_t)n;
            return;
        }
        {
            size_t ncap = b->cap ? b->cap * 2 : 8192;
            char *ns;

            while (ncap < b->len + (size_t)n + 1)
                ncap *= 2;
            ns = realloc(b->s, ncap);
            if (ns == NULL) {
                b->failed = true;
                return;
            }
            b->s = ns;
            b->cap = ncap;
        }
    }
}

char *iss_buf_done(struct iss_buf *b)
{
    if (b->failed) {
        free(b->s);
        b->s = NULL;
        return NULL;
    }
    if (b->s == NULL)
        return calloc(1, 1);
    return b->s;
}

/* & < > " and ' escaped: safe in element text and in either kind of
 * quoted attribute. */
void iss_buf_html(struct iss_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            iss_buf_put(b, "&amp;");
            break;
        case '<':
            iss_buf_put(b, "&lt;");
            break;
        case '>':
            iss_buf_put(b, "&gt;");
            break;
        case '"':
            iss_buf_put(b, "&quot;");
            break;
        case '\'':
            iss_buf_put(b, "&#39;");
            break;
        default:
            iss_buf_put(b, "%c", *s);
        }
    }
}

void iss_strcatf(char *buf, size_t size, const char *fmt, ...)
{
    size_t at = strlen(buf);
    va_list ap;
    int n;

    if (at >= size - 1)
        return;
    va_start(ap, fmt);
    n = vsnprintf(buf + at, size - at, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n >= size - at)
        iss_utf8_trim(buf); /* never half a character */
}
