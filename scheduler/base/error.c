/* iss - errors and problem lists.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iss/error.h"

int iss_fail(struct iss_error *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || err->code != 0)
        return code;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

void iss_error_clear(struct iss_error *err)
{
    if (err == NULL)
        return;
    err->code = 0;
    err->msg[0] = '\0';
}

void iss_problems_init(struct iss_problems *p)
{
    memset(p, 0, sizeof *p);
}

void iss_problems_clear(struct iss_problems *p)
{
    size_t i;

    if (p == NULL)
        return;
    for (i = 0; i < p->count; i++)
        free(p->items[i]);
    free(p->items);
    p->items = NULL;
    p->count = p->cap = p->dropped = 0;
}

void iss_problem(struct iss_problems *p, const char *fmt, ...)
{
    va_list ap;
    char buf[2048];
    size_t limit;
    char *copy;

    if (p == NULL)
        return;
    limit = p->limit ? p->limit : 1000;
    if (p->count >= limit) {
        p->dropped++;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        char **items = realloc(p->items, cap * sizeof *items);
        if (items == NULL) {
            p->dropped++;
            return;
        }
        p->items = items;
        p->cap = cap;
    }
    copy = strdup(buf);
    if (copy == NULL) {
        p->dropped++;
        return;
    }
    p->items[p->count++] = copy;
}
