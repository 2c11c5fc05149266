/* iss - text checks: UTF-8, control characters, identifiers.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "iss/base.h"

/* Length of the UTF-8 sequence at s, or 0 if it is not valid UTF-8
 * (overlong forms, surrogates and code points over U+10FFFF included). */
size_t iss_utf8_seq(const unsigned char *s)
{
    unsigned c = s[0];

    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return (s[1] & 0xc0) == 0x80 ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
            return 0;
        if (c == 0xe0 && s[1] < 0xa0)
            return 0;
        if (c == 0xed && s[1] >= 0xa0)
            return 0;
        return 3;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
            (s[3] & 0xc0) != 0x80)
            return 0;
        if (c == 0xf0 && s[1] < 0x90)
            return 0;
        if (c == 0xf4 && s[1] >= 0x90)
            return 0;
        return 4;
    }
    return 0;
}

bool iss_utf8_valid(const char *s, size_t *chars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;

    while (*p) {
        size_t k = iss_utf8_seq(p);
        if (k == 0)
            return false;
        p += k;
        n++;
    }
    if (chars)
        *chars = n;
    return true;
}

bool iss_has_control(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    for (; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return true;
    return false;
}

bool iss_text_valid(const char *s)
{
    return iss_utf8_valid(s, NULL) && !iss_has_control(s);
}

bool iss_ident_valid(const char *s, bool lower_only)
{
    size_t n = 0;

    for (; *s; s++, n++) {
        char ch = *s;
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
            ch == '_')
            continue;
        if (!lower_only && ((ch >= 'A' && ch <= 'Z') || ch == '-'))
            continue;
        return false;
    }
    return n >= 1 && n <= 32;
}

/* ---- messages ---- */

/* Append printable text for s to buf, escaping what a terminal should not
 * see, at most max characters. */
