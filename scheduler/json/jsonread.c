/* iss - strict JSON reading: every problem with its file, path and value.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iss/base.h"
#include "iss/error.h"
#include "iss/json.h"

static void put_escaped(char *buf, size_t size, size_t *at, const char *s,
                        size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t shown = 0;

    while (*p && *at + 8 < size) {
        size_t k = iss_utf8_seq(p);
        if (shown >= max) {
            *at += (size_t)snprintf(buf + *at, size - *at, "...");
            return;
        }
        if (k == 1 && *p >= 0x20 && *p != 0x7f) {
            if (*p == '"' || *p == '\\')
                buf[(*at)++] = '\\';
            buf[(*at)++] = (char)*p;
            p++;
        } else if (k > 1) {
            memcpy(buf + *at, p, k);
            *at += k;
            p += k;
        } else {
            *at += (size_t)snprintf(buf + *at, size - *at, "\\x%02x", *p);
            p++;
        }
        shown++;
    }
    buf[*at] = '\0';
}

const char *jvalue(const cJSON *item, char *buf, size_t size)
{
    size_t at = 0;

    buf[0] = '\0';
    if (item == NULL)
        return buf;
    if (cJSON_IsString(item)) {
        buf[at++] = '"';
        put_escaped(buf, size - 2, &at, item->valuestring, 60);
        buf[at++] = '"';
        buf[at] = '\0';
    } else if (cJSON_IsNumber(item)) {
        if (!isfinite(item->valuedouble))
            snprintf(buf, size, "%s", "a number too large to hold");
        else if (item->valuedouble == floor(item->valuedouble) &&
                 fabs(item->valuedouble) < 1e15)
            snprintf(buf, size, "%.0f", item->valuedouble);
        else
            snprintf(buf, size, "%g", item->valuedouble);
    } else if (cJSON_IsBool(item)) {
        snprintf(buf, size, "%s", cJSON_IsTrue(item) ? "true" : "false");
    } else if (cJSON_IsNull(item)) {
        snprintf(buf, size, "null");
    } else if (cJSON_IsArray(item) || cJSON_IsObject(item)) {
        char *text = cJSON_PrintUnformatted(item);
        if (text != NULL && strlen(text) <= 60 && iss_utf8_valid(text, NULL))
            snprintf(buf, size, "%s", text);
        else
            snprintf(buf, size, "%s",
                     cJSON_IsArray(item) ? "a list" : "an object");
        free(text);
    }
    return buf;
}

void jproblem(struct jctx *c, const char *path, const cJSON *item,
              const char *fmt, ...)
{
    char msg[1024], val[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->problems++;
    if (item != NULL)
        iss_problem(c->probs, "%s: %s: %s: %s", c->file, path,
                    jvalue(item, val, sizeof val), msg);
    else
        iss_problem(c->probs, "%s: %s: %s", c->file, path, msg);
}

const char *jpath_key(char *buf, const char *path, const char *key)
{
    char esc[128];
    size_t at = 0;

    put_escaped(esc, sizeof esc, &at, key, 40);
    if (path == NULL || path[0] == '\0') {
        if (snprintf(buf, ISS_JPATH, "%s", esc) >= ISS_JPATH)
            buf[ISS_JPATH - 1] = '\0';
    } else if (snprintf(buf, ISS_JPATH, "%s.%s", path, esc) >= ISS_JPATH) {
        buf[ISS_JPATH - 1] = '\0';
    }
    return buf;
}

const char *jpath_idx(char *buf, const char *path, int i)
{
    if (snprintf(buf, ISS_JPATH, "%s[%d]", path, i) >= ISS_JPATH)
        buf[ISS_JPATH - 1] = '\0'; /* a cut path still locates it */
    return buf;
}

/* ---- parsing ---- */

static void line_col(const char *text, size_t off, int *line, int *col)
{
    size_t i;

    *line = 1;
    *col = 1;
    for (i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            (*line)++;
            *col = 1;
        } else if ((ch & 0xc0) != 0x80) {
            (*col)++;
        }
    }
}

/* Nesting depth of arrays and objects at off (strings skipped). */
static int depth_at(const char *text, size_t off)
{
    int depth = 0, max = 0;
    bool in_str = false;
    size_t i;

    for (i = 0; i < off; i++) {
        char ch = text[i];
        if (in_str) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_str = false;
        } else if (ch == '"') {
            in_str = true;
        } else if (ch == '[' || ch == '{') {
            depth++;
            if (depth > max)
                max = depth;
        } else if (ch == ']' || ch == '}') {
            depth--;
        }
    }
    return max;
}

static void syntax_problem(struct jctx *c, const char *text, size_t len,
                           size_t off, const char *why)
{
    int line, col;

    if (off > len)
        off = len;
    line_col(text, off, &line, &col);
    c->problems++;
    iss_problem(c->probs, "%s:%d:%d: not valid JSON: %s", c->file, line, col,
                why);
}

cJSON *jparse(struct jctx *c, const char *text, size_t len)
{
    const char *end = NULL;
    cJSON *root;
    size_t i, off;
    char why[160];

    if (len >= 3 && (unsigned char)text[0] == 0xef &&
        (unsigned char)text[1] == 0xbb && (unsigned char)text[2] == 0xbf) {
        syntax_problem(c, text, len, 0,
                       "the file starts with a byte order mark; save it "
                       "as UTF-8 without BOM");
        return NULL;
    }
    for (i = 0; i < len && strchr(" \t\r\n", text[i]) != NULL; i++)
        ;
    if (i == len) {
        syntax_problem(c, text, len, len,
                       len == 0 ? "the file is empty; a JSON object "
                                  "{...} is expected"
                                : "the file holds only blank space; a "
                                  "JSON object {...} is expected");
        return NULL;
    }
    if (memchr(text, '\0', len) != NULL) {
        off = (size_t)((const char *)memchr(text, '\0', len) - text);
        syntax_problem(c, text, len, off,
                       "a NUL byte; is this a text file?");
        return NULL;
    }
    /* The length includes the terminating NUL: cJSON's "nothing after the
     * value" check needs to see it. */
    root = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
    if (root != NULL)
        return root;
    off = end != NULL && end >= text ? (size_t)(end - text) : 0;
    while (off < len && strchr(" \t\r\n", text[off]) != NULL)
        off++;
    if (off >= len) {
        snprintf(why, sizeof why,
                 "the file ends too soon (an unclosed {, [ or string?)");
    } else if (depth_at(text, off + 1) >= CJSON_NESTING_LIMIT) {
        snprintf(why, sizeof why, "nested more than %d levels deep",
                 CJSON_NESTING_LIMIT);
    } else if (text[off] == '\'' || (off > 0 && text[off - 1] == '\'')) {
        if (text[off] != '\'')
            off--;
        snprintf(why, sizeof why,
                 "unexpected ' (JSON strings use double quotes)");
    } else if ((unsigned char)text[off] >= 0x20 &&
               (unsigned char)text[off] < 0x7f) {
        snprintf(why, sizeof why, "unexpected '%c'%s", text[off],
                 text[off] == '}' || text[off] == ']'
                     ? " (a comma too many before it?)"
                     : "");
    } else {
        snprintf(why, sizeof why, "unexpected byte 0x%02x",
                 (unsigned char)text[off]);
    }
    syntax_problem(c, text, len, off, why);
    return NULL;
}

/* ---- objects ---- */

static int edit_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    int prev[40], cur[40];
    int i, j;

    if (la >= 39 || lb >= 39)
        return 99;
    for (j = 0; j <= lb; j++)
        prev[j] = j;
    for (i = 1; i <= la; i++) {
        cur[0] = i;
        for (j = 1; j <= lb; j++) {
            int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            int del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins)
                               : (del < ins ? del : ins);
        }
        memcpy(prev, cur, sizeof(int) * (size_t)(lb + 1));
    }
    return prev[lb];
}

bool jobject(struct jctx *c, const cJSON *obj, const char *path,
             const char *const *allowed)
{
    const cJSON *it, *prev;
    char p[ISS_JPATH];
    const char *shown = path && path[0] ? path : "top level";

    if (!cJSON_IsObject(obj)) {
        jproblem(c, shown, obj, "an object {...} is expected here");
        return false;
    }
    for (it = obj->child; it != NULL; it = it->next) {
        const char *key = it->string ? it->string : "";
        size_t i;
        bool known = false;

        jpath_key(p, path, key);
        for (prev = obj->child; prev != it; prev = prev->next)
            if (prev->string && strcmp(prev->string, key) == 0)
                break;
        if (prev != it) {
            jproblem(c, p, NULL,
                     "the field appears twice; keep one");
            continue;
        }
        if (strncmp(key, "x-", 2) == 0)
            continue;
        for (i = 0; allowed[i] != NULL; i++)
            if (strcmp(allowed[i], key) == 0)
                known = true;
        if (!known) {
            char list[512];
            size_t at = 0;
            const char *best = NULL;
            int best_d = 3;
            for (i = 0; allowed[i] != NULL; i++) {
                int d = edit_distance(key, allowed[i]);
                if (d < best_d) {
                    best_d = d;
                    best = allowed[i];
                }
                at += (size_t)snprintf(list + at, sizeof list - at, "%s%s",
                                       i ? ", " : "", allowed[i]);
                if (at >= sizeof list)
                    at = sizeof list - 1;
            }
            if (best != NULL)
                jproblem(c, p, NULL,
                         "unknown field (did you mean \"%s\"?); allowed "
                         "here: %s, or x-... for notes", best, list);
            else
                jproblem(c, p, NULL,
                         "unknown field; allowed here: %s, or x-... for "
                         "notes", list);
        }
    }
    return true;
}

const cJSON *jfield(const cJSON *obj, const char *key)
{
    const cJSON *it;

    if (!cJSON_IsObject(obj))
        return NULL;
    for (it = obj->child; it != NULL; it = it->next)
        if (it->string && strcmp(it->string, key) == 0)
            return it;
    return NULL;
}

const cJSON *jget(struct jctx *c, const cJSON *obj, const char *path,
                  const char *key, bool required, const char *what, char *p)
{
    const cJSON *it = jfield(obj, key);

    jpath_key(p, path, key);
    if (it == NULL && required)
        jproblem(c, p, NULL, "missing: %s is required", what);
    return it;
}

static bool check_text(struct jctx *c, const char *p, const cJSON *it,
                       size_t max_len, bool allow_empty)
{
    size_t chars = 0;

    if (!cJSON_IsString(it) || it->valuestring == NULL) {
        jproblem(c, p, it, "text in double quotes is expected");
        return false;
    }
    if (!iss_utf8_valid(it->valuestring, &chars)) {
        jproblem(c, p, it, "not valid UTF-8; save the file as UTF-8");
        return false;
    }
    if (iss_has_control(it->valuestring)) {
        jproblem(c, p, it,
                 "contains a control character (tab, newline, ...); "
                 "text must be on one line");
        return false;
    }
    if (!allow_empty && chars == 0) {
        jproblem(c, p, it, "empty; give some text");
        return false;
    }
    if (chars > max_len) {
        jproblem(c, p, it, "%zu characters; at most %zu are allowed", chars,
                 max_len);
        return false;
    }
    return true;
}

bool jstring(struct jctx *c, const cJSON *obj, const char *path,
             const char *key, bool required, size_t max_len, char **out)
{
    char p[ISS_JPATH];
    const cJSON *it = jget(c, obj, path, key, required, "text", p);

    if (it == NULL || !check_text(c, p, it, max_len, !required))
        return false;
    *out = iss_arena_strdup(c->arena, it->valuestring);
    return *out != NULL;
}

bool jident(struct jctx *c, const cJSON *obj, const char *path,
            const char *key, bool required, bool lower_only, char **out)
{
    char p[ISS_JPATH];
    const cJSON *it = jget(c, obj, path, key, required, "an id", p);

    if (it == NULL || !check_text(c, p, it, 200, false))
        return false;
    if (!iss_ident_valid(it->valuestring, lower_only)) {
        jproblem(c, p, it,
                 lower_only ? "an id is 1-32 of a-z, 0-9 and _"
                            : "an id is 1-32 of A-Z, a-z, 0-9, _ and -");
        return false;
    }
    *out = iss_arena_strdup(c->arena, it->valuestring);
    return *out != NULL;
}

bool jbool(struct jctx *c, const cJSON *obj, const char *path,
           const char *key, bool required, bool *out)
{
    char p[ISS_JPATH];
    const cJSON *it = jget(c, obj, path, key, required, "true or false", p);

    if (it == NULL)
        return false;
    if (!cJSON_IsBool(it)) {
        jproblem(c, p, it, "true or false is expected (no quotes)");
        return false;
    }
    *out = cJSON_IsTrue(it);
    return true;
}

/* A finite number, or a reported problem. */
static bool number(struct jctx *c, const char *p, const cJSON *it)
{
    if (!cJSON_IsNumber(it)) {
        jproblem(c, p, it, "a number is expected (no quotes)");
        return false;
    }
    if (!isfinite(it->valuedouble)) {
        jproblem(c, p, it, "the number is too large");
        return false;
    }
    return true;
}

bool jint(struct jctx *c, const cJSON *obj, const char *path,
          const char *key, bool required, int min, int max, int *out)
{
    char p[ISS_JPATH];
    const cJSON *it = jget(c, obj, path, key, required, "a whole number", p);
    double v;

    if (it == NULL || !number(c, p, it))
        return false;
    v = it->valuedouble;
    if (v != floor(v)) {
        jproblem(c, p, it, "a whole number is expected");
        return false;
    }
    if (v < min || v > max) {
        jproblem(c, p, it, "must be from %d to %d", min, max);
        return false;
    }
    *out = (int)v;
    return true;
}

bool jshare(struct jctx *c, const cJSON *obj, const char *path,
            const char *key, bool required, double *out)
{
    char p[ISS_JPATH];
    const cJSON *it = jget(c, obj, path, key, required, "a share", p);
    double v;

    if (it == NULL || !number(c, p, it))
        return false;
    v = it->valuedouble;
    if (!(v > 0 && v <= 1)) {
        jproblem(c, p, it, "a share is more than 0 and at most 1 "
                           "(0.4 = 40%%)");
        return false;
    }
    *out = v;
    return true;
}

bool jhours(struct jctx *c, const cJSON *obj, const char *path,
            const char *key, bool required, double max_hours, int *out)
{
    char p[ISS_JPATH];
    const cJSON *it = jget(c, obj, path, key, required, "hours", p);
    double v;

    if (it == NULL || !number(c, p, it))
        return false;
    v = it->valuedouble;
    if (v < 0 || v > max_hours) {
        jproblem(c, p, it, "hours must be from 0 to %g", max_hours);
        return false;
    }
    *out = (int)lround(v * 60.0);
    return true;
}

const cJSON *jlist(struct jctx *c, const cJSON *obj, const char *path,
                   const char *key, bool required, int max_items)
{
    char p[ISS_JPATH];
    const cJSON *it = jget(c, obj, path, key, required, "a list [...]", p);

    if (it == NULL)
        return NULL;
    if (!cJSON_IsArray(it)) {
        jproblem(c, p, it, "a list [...] is expected");
        return NULL;
    }
    if (cJSON_GetArraySize(it) > max_items) {
        jproblem(c, p, NULL, "%d items; at most %d are allowed",
                 cJSON_GetArraySize(it), max_items);
        return NULL;
    }
    return it;
}
