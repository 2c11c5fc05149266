/* iss - reading the calendar's values from JSON: dates, times of day,
 * weekdays, date ranges, with the strict reader's paths in messages.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "iss/calread.h"

static bool date_value(struct jctx *c, const char *p, const cJSON *it,
                       iss_date *out)
{
    const char *s;
    bool shaped = true;
    int i;

    if (!cJSON_IsString(it) || it->valuestring == NULL) {
        jproblem(c, p, it, "a date \"YYYY-MM-DD\" is expected");
        return false;
    }
    s = it->valuestring;
    if (iss_date_parse(s, out) == 0)
        return true;
    for (i = 0; i < 10; i++) {
        if (s[i] == '\0') {
            shaped = false;
            break;
        }
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            shaped = false;
    }
    if (shaped && s[10] == '\0') {
        int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
                (s[2] - '0') * 10 + (s[3] - '0');
        if (y < ISS_YEAR_MIN || y > ISS_YEAR_MAX)
            jproblem(c, p, it, "years %d to %d only", ISS_YEAR_MIN,
                     ISS_YEAR_MAX);
        else
            jproblem(c, p, it, "no such date in the calendar");
    } else {
        jproblem(c, p, it, "a date is written \"YYYY-MM-DD\", e.g. "
                           "\"2026-11-23\"");
    }
    return false;
}

bool jdate(struct jctx *c, const cJSON *obj, const char *path,
           const char *key, bool required, iss_date *out)
{
    char p[ISS_JPATH];
    const cJSON *it = jget(c, obj, path, key, required,
                          "a date \"YYYY-MM-DD\"", p);

    if (it == NULL)
        return false;
    return date_value(c, p, it, out);
}

bool jperiod(struct jctx *c, const cJSON *obj, const char *path,
             const char *key, bool required, bool allow_overnight,
             struct iss_clock_period *out)
{
    char p[ISS_JPATH];
    const cJSON *it = jget(c, obj, path, key, required,
                          "a time \"HH:MM-HH:MM\"", p);
    const char *why = NULL;
    struct iss_clock_period per;

    if (it == NULL)
        return false;
    if (!cJSON_IsString(it) || it->valuestring == NULL) {
        jproblem(c, p, it, "a time \"HH:MM-HH:MM\" is expected");
        return false;
    }
    if (iss_clock_period_parse(it->valuestring, &per, &why) != 0) {
        jproblem(c, p, it, "%s; a time is written \"HH:MM-HH:MM\" on the "
                           "24-hour clock, e.g. \"16:00-17:30\"",
                 why ? why : "not a time");
        return false;
    }
    if (!allow_overnight && iss_clock_period_overnight(&per)) {
        jproblem(c, p, it, "runs past midnight; it must end by 24:00 the "
                           "same day");
        return false;
    }
    *out = per;
    return true;
}

bool jdays(struct jctx *c, const cJSON *obj, const char *path,
           const char *key, bool required, uint8_t *out)
{
    char p[ISS_JPATH], q[ISS_JPATH];
    const cJSON *it = jget(c, obj, path, key, required,
                          "\"daily\" or a list of weekdays", p);
    const cJSON *d;
    uint8_t set = 0;
    int i = 0;
    bool ok = true;

    if (it == NULL)
        return false;
    if (cJSON_IsString(it) && it->valuestring &&
        strcmp(it->valuestring, "daily") == 0) {
        *out = ISS_ALL_DAYS;
        return true;
    }
    if (!cJSON_IsArray(it)) {
        jproblem(c, p, it, "\"daily\" or a list of weekdays "
                           "[\"mon\", ...] is expected");
        return false;
    }
    cJSON_ArrayForEach(d, it) {
        int wd = -1;
        jpath_idx(q, p, i++);
        if (cJSON_IsString(d) && d->valuestring)
            wd = iss_weekday_parse(d->valuestring);
        if (wd < 0) {
            jproblem(c, q, d, "a weekday is one of mon, tue, wed, thu, "
                              "fri, sat, sun");
            ok = false;
        } else if (set & (1u << wd)) {
            jproblem(c, q, d, "the day is listed twice");
            ok = false;
        } else {
            set |= (uint8_t)(1u << wd);
        }
    }
    if (ok && set == 0) {
        jproblem(c, p, it, "empty; list weekdays or write \"daily\"");
        return false;
    }
    if (ok)
        *out = set;
    return ok;
}

bool jranges(struct jctx *c, const cJSON *obj, const char *path,
             const char *key, struct iss_date_range **out, size_t *n)
{
    static const char *const fields[] = {"from", "to", NULL};
    char p[ISS_JPATH], q[ISS_JPATH];
    const cJSON *list = jlist(c, obj, path, key, false, 1000);
    const cJSON *it;
    int i = 0;
    bool ok = true;

    *out = NULL;
    *n = 0;
    if (list == NULL)
        return jfield(obj, key) == NULL;
    jpath_key(p, path, key);
    *out = iss_arena_calloc(c->arena, (size_t)cJSON_GetArraySize(list) + 1,
                            sizeof **out);
    if (*out == NULL)
        return false;
    cJSON_ArrayForEach(it, list) {
        struct iss_date_range r = {ISS_DATE_NONE, ISS_DATE_NONE};
        jpath_idx(q, p, i++);
        if (!jobject(c, it, q, fields)) {
            ok = false;
            continue;
        }
        if (!jdate(c, it, q, "from", true, &r.from) ||
            !jdate(c, it, q, "to", true, &r.to)) {
            ok = false;
            continue;
        }
        if (r.to < r.from) {
            char t[ISS_JPATH];
            jproblem(c, jpath_key(t, q, "to"), jfield(it, "to"),
                     "before \"from\"; a range runs from its first day to "
                     "its last");
            ok = false;
            continue;
        }
        (*out)[(*n)++] = r;
    }
    return ok;
}
