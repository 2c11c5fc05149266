/* iss - bank holidays of England and Wales, and working days.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * The holidays are a sorted array of (date, name), first built by rule for
 * every covered year, then changed by a data file of moved and one-off
 * days (data/bank-holidays-ew.json) and by a team's own extra days.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "iss/calendar.h"
#include "iss/base.h"
#include "iss/calread.h"
#include "iss/json.h"

/* A data file larger than this is not a holiday list. */
#define HOLIDAY_FILE_MAX (4u << 20)

struct holiday {
    iss_date date;
    char *name;     /* owned */
};

struct iss_holidays {
    struct holiday *days;   /* sorted by date, one entry per date */
    size_t count;
    size_t cap;
};

/* A holiday as the rules give it, before any data file. */
struct rule_day {
    iss_date date;
    const char *name;
};

/* At most this many rule holidays in a year. */
#define RULE_DAYS_MAX 8

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);

    if (copy != NULL)
        memcpy(copy, s, n);
    return copy;
}

static bool year_covered(int y)
{
    return y >= ISS_HOLIDAY_YEAR_MIN && y <= ISS_HOLIDAY_YEAR_MAX;
}

static bool date_covered(iss_date date)
{
    int y, m, d;

    iss_date_to_ymd(date, &y, &m, &d);
    return year_covered(y);
}

iss_date iss_easter_sunday(int year)
{
    /* The anonymous Gregorian algorithm (Meeus, Jones, Butcher). */
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;

    return iss_date_from_ymd(year, month, day);
}

/* The first Monday on or after date. */
static iss_date monday_from(iss_date date)
{
    return date + (7 - iss_weekday(date)) % 7;
}

/* The last Monday on or before date. */
static iss_date monday_until(iss_date date)
{
    return date - iss_weekday(date);
}

/* The holidays the rules give for year, in date order, into out; returns
 * how many (always RULE_DAYS_MAX). */
static size_t rule_days(int year, struct rule_day *out)
{
    iss_date new_year = iss_date_from_ymd(year, 1, 1);
    iss_date christmas = iss_date_from_ymd(year, 12, 25);
    iss_date easter = iss_easter_sunday(year);
    size_t n = 0;

    if (iss_weekday(new_year) >= 5)
        out[n++] = (struct rule_day){ monday_from(new_year),
                                      "New Year's Day (substitute day)" };
    else
        out[n++] = (struct rule_day){ new_year, "New Year's Day" };
    out[n++] = (struct rule_day){ easter - 2, "Good Friday" };
    out[n++] = (struct rule_day){ easter + 1, "Easter Monday" };
    out[n++] = (struct rule_day){
        monday_from(iss_date_from_ymd(year, 5, 1)), "Early May bank holiday"
    };
    out[n++] = (struct rule_day){
        monday_until(iss_date_from_ymd(year, 5, 31)), "Spring bank holiday"
    };
    out[n++] = (struct rule_day){
        monday_until(iss_date_from_ymd(year, 8, 31)), "Summer bank holiday"
    };
    switch (iss_weekday(christmas)) {
    case 4: /* Friday: Boxing Day falls on Saturday */
        out[n++] = (struct rule_day){ christmas, "Christmas Day" };
        out[n++] = (struct rule_day){ christmas + 3,
                                      "Boxing Day (substitute day)" };
        break;
    case 5: /* Saturday */
        out[n++] = (struct rule_day){ christmas + 2,
                                      "Christmas Day (substitute day)" };
        out[n++] = (struct rule_day){ christmas + 3,
                                      "Boxing Day (substitute day)" };
        break;
    case 6: /* Sunday */
        out[n++] = (struct rule_day){ christmas + 1, "Boxing Day" };
        out[n++] = (struct rule_day){ christmas + 2,
                                      "Christmas Day (substitute day)" };
        break;
    default:
        out[n++] = (struct rule_day){ christmas, "Christmas Day" };
        out[n++] = (struct rule_day){ christmas + 1, "Boxing Day" };
        break;
    }
    return n;
}

static bool is_rule_day(iss_date date)
{
    struct rule_day rules[RULE_DAYS_MAX];
    size_t i, n;
    int y, m, d;

    iss_date_to_ymd(date, &y, &m, &d);
    n = rule_days(y, rules);
    for (i = 0; i < n; i++)
        if (rules[i].date == date)
            return true;
    return false;
}

/* The index of the first holiday on or after date (count if none). */
static size_t lower_bound(const struct iss_holidays *h, iss_date date)
{
    size_t lo = 0, hi = h->count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (h->days[mid].date < date)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Insert date with a name it takes over (owned); the date must not be
 * there yet. Returns 0, or -1 on ENOMEM (name is then not taken). */
static int insert_owned(struct iss_holidays *h, iss_date date, char *name)
{
    size_t at;

    if (h->count == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 64;
        struct holiday *days = realloc(h->days, cap * sizeof *days);

        if (days == NULL)
            return -1;
        h->days = days;
        h->cap = cap;
    }
    at = lower_bound(h, date);
    memmove(h->days + at + 1, h->days + at,
            (h->count - at) * sizeof *h->days);
    h->days[at].date = date;
    h->days[at].name = name;
    h->count++;
    return 0;
}

/* Free what h holds, leaving it empty (h itself is not freed). */
static void release(struct iss_holidays *h)
{
    size_t i;

    for (i = 0; i < h->count; i++)
        free(h->days[i].name);
    free(h->days);
    h->days = NULL;
    h->count = 0;
    h->cap = 0;
}

struct iss_holidays *iss_holidays_new(void)
{
    struct iss_holidays *h = calloc(1, sizeof *h);
    int year;

    if (h == NULL)
        return NULL;
    for (year = ISS_HOLIDAY_YEAR_MIN; year <= ISS_HOLIDAY_YEAR_MAX; year++) {
        struct rule_day rules[RULE_DAYS_MAX];
        size_t i, n = rule_days(year, rules);

        for (i = 0; i < n; i++) {
            if (iss_holidays_add(h, rules[i].date, rules[i].name) != 0) {
                iss_holidays_free(h);
                return NULL;
            }
        }
    }
    return h;
}

void iss_holidays_free(struct iss_holidays *h)
{
    if (h == NULL)
        return;
    release(h);
    free(h);
}

/* Contract: name NULL keeps the holiday's name. Fails if from is not a
 * holiday, to is another holiday already, to is outside the covered
 * years, or on ENOMEM; h is then unchanged. */
int iss_holidays_move(struct iss_holidays *h, iss_date from, iss_date to,
                      const char *name)
{
    size_t at = lower_bound(h, from);
    char *new_name;

    if (at == h->count || h->days[at].date != from || !date_covered(to))
        return -1;
    if (to != from && iss_is_bank_holiday(h, to, NULL))
        return -1;
    new_name = dup_string(name != NULL ? name : h->days[at].name);
    if (new_name == NULL)
        return -1;
    free(h->days[at].name);
    memmove(h->days + at, h->days + at + 1,
            (h->count - at - 1) * sizeof *h->days);
    h->count--;
    /* Cannot fail: removing one entry left room for it. */
    return insert_owned(h, to, new_name);
}

int iss_holidays_add(struct iss_holidays *h, iss_date date,
                     const char *name)
{
    char *copy;

    if (!date_covered(date))
        return -1;
    if (iss_is_bank_holiday(h, date, NULL))
        return 0;
    copy = dup_string(name != NULL ? name : "Holiday");
    if (copy == NULL)
        return -1;
    if (insert_owned(h, date, copy) != 0) {
        free(copy);
        return -1;
    }
    return 0;
}

bool iss_is_bank_holiday(const struct iss_holidays *h, iss_date date,
                         const char **name)
{
    size_t at;

    if (h == NULL)
        return false;
    at = lower_bound(h, date);
    if (at == h->count || h->days[at].date != date)
        return false;
    if (name != NULL)
        *name = h->days[at].name;
    return true;
}

size_t iss_holidays_in_year(const struct iss_holidays *h, int year,
                            iss_date *out, size_t max)
{
    iss_date first, next;
    size_t at, n = 0;

    if (h == NULL || !year_covered(year))
        return 0;
    first = iss_date_from_ymd(year, 1, 1);
    next = iss_date_from_ymd(year + 1, 1, 1);
    for (at = lower_bound(h, first);
         at < h->count && h->days[at].date < next; at++, n++)
        if (n < max)
            out[n] = h->days[at].date;
    return n;
}

/* ---- Working days ------------------------------------------------------- */

bool iss_is_working_day(const struct iss_holidays *h,
                        bool christmas_eve_working, iss_date date)
{
    int y, m, d;

    if (iss_weekday(date) >= 5 || iss_is_bank_holiday(h, date, NULL))
        return false;
    iss_date_to_ymd(date, &y, &m, &d);
    return christmas_eve_working || m != 12 || d != 24;
}

iss_date iss_working_days_after(const struct iss_holidays *h,
                                bool christmas_eve_working,
                                iss_date trigger, int n)
{
    iss_date day = trigger;

    while (n > 0) {
        day++;
        if (iss_is_working_day(h, christmas_eve_working, day))
            n--;
    }
    return day;
}

/* ---- The data file ------------------------------------------------------
 * Read with the one strict JSON reader (jsonread.c): its syntax, field and
 * value messages, and the rules of a holiday list here. */

struct load {
    struct jctx c;                  /* file name, problems, count */
    struct iss_holidays *h;         /* the copy being changed */
    bool nomem;
};

/* A holiday date at obj.key in the covered years: 0 with *out, or -1
 * (reported). */
static int get_date(struct load *ld, const cJSON *obj, const char *prefix,
                    const char *key, iss_date *out)
{
    const cJSON *v = jfield(obj, key);
    char path[ISS_JPATH];

    jpath_key(path, prefix, key);
    if (v == NULL) {
        jproblem(&ld->c, path, NULL,
                 "missing: a real date written \"YYYY-MM-DD\"");
        return -1;
    }
    if (!cJSON_IsString(v) || iss_date_parse(v->valuestring, out) != 0) {
        jproblem(&ld->c, path, v, "a real date written \"YYYY-MM-DD\"");
        return -1;
    }
    if (!date_covered(*out)) {
        jproblem(&ld->c, path, v, "a date in the years 1990-2150");
        return -1;
    }
    return 0;
}

/* A non-empty name at obj.name, or NULL (reported). */
static const char *get_name(struct load *ld, const cJSON *obj,
                            const char *prefix)
{
    const cJSON *v = jfield(obj, "name");
    char path[ISS_JPATH];

    if (cJSON_IsString(v) && v->valuestring[0] != '\0')
        return v->valuestring;
    jpath_key(path, prefix, "name");
    jproblem(&ld->c, path, v, "%sthe holiday's name, a non-empty string",
             v == NULL ? "missing: " : "");
    return NULL;
}

static void load_moved(struct load *ld, const cJSON *list)
{
    static const char *const fields[] = { "from", "to", "name", NULL };
    const cJSON *entry;
    int index = 0;
    char prefix[ISS_JPATH];
    char path[ISS_JPATH];

    cJSON_ArrayForEach(entry, list) {
        iss_date from, to;
        const char *name;
        int bad = 0;

        jpath_idx(prefix, "moved", index++);
        if (!cJSON_IsObject(entry)) {
            jproblem(&ld->c, prefix, entry,
                     "an object {\"from\", \"to\", \"name\"}");
            continue;
        }
        jobject(&ld->c, entry, prefix, fields);
        bad |= get_date(ld, entry, prefix, "from", &from);
        bad |= get_date(ld, entry, prefix, "to", &to);
        name = get_name(ld, entry, prefix);
        if (bad || name == NULL)
            continue;
        if (!is_rule_day(from)) {
            jproblem(&ld->c, jpath_key(path, prefix, "from"),
                     jfield(entry, "from"), "not a bank holiday by rule");
            continue;
        }
        if (!iss_is_bank_holiday(ld->h, from, NULL)) {
            jproblem(&ld->c, jpath_key(path, prefix, "from"),
                     jfield(entry, "from"),
                     "moved already by an earlier entry");
            continue;
        }
        if (to != from && iss_is_bank_holiday(ld->h, to, NULL)) {
            jproblem(&ld->c, jpath_key(path, prefix, "to"),
                     jfield(entry, "to"),
                     "a bank holiday already: move to a day that is not");
            continue;
        }
        if (iss_holidays_move(ld->h, from, to, name) != 0)
            ld->nomem = true;
    }
}

static void load_added(struct load *ld, const cJSON *list)
{
    static const char *const fields[] = { "date", "name", NULL };
    const cJSON *entry;
    int index = 0;
    char prefix[ISS_JPATH];

    cJSON_ArrayForEach(entry, list) {
        iss_date date;
        const char *name;
        int bad;

        jpath_idx(prefix, "added", index++);
        if (!cJSON_IsObject(entry)) {
            jproblem(&ld->c, prefix, entry,
                     "an object {\"date\", \"name\"}");
            continue;
        }
        jobject(&ld->c, entry, prefix, fields);
        bad = get_date(ld, entry, prefix, "date", &date);
        name = get_name(ld, entry, prefix);
        if (bad || name == NULL)
            continue;
        if (iss_holidays_add(ld->h, date, name) != 0)
            ld->nomem = true;
    }
}

static void load_root(struct load *ld, const cJSON *root)
{
    static const char *const fields[] = {
        "region", "source", "moved", "added", NULL
    };
    const cJSON *region, *source, *moved, *added;

    if (!jobject(&ld->c, root, "", fields))
        return;
    region = jfield(root, "region");
    if (region != NULL && !(cJSON_IsString(region)
                            && strcmp(region->valuestring,
                                      "england-and-wales") == 0))
        jproblem(&ld->c, "region", region,
                 "\"england-and-wales\" (the only region iss knows)");
    source = jfield(root, "source");
    if (source != NULL && !cJSON_IsString(source))
        jproblem(&ld->c, "source", source,
                 "a string saying where the days come from");
    moved = jfield(root, "moved");
    if (moved != NULL && !cJSON_IsArray(moved))
        jproblem(&ld->c, "moved", moved,
                 "a list of {\"from\", \"to\", \"name\"}");
    else
        load_moved(ld, moved);
    added = jfield(root, "added");
    if (added != NULL && !cJSON_IsArray(added))
        jproblem(&ld->c, "added", added, "a list of {\"date\", \"name\"}");
    else
        load_added(ld, added);
}

/* Copy src into an empty dst. Returns 0 or -1 (ENOMEM, dst empty). */
static int clone(struct iss_holidays *dst, const struct iss_holidays *src)
{
    size_t i;

    dst->days = malloc((src->count ? src->count : 1) * sizeof *dst->days);
    if (dst->days == NULL)
        return -1;
    dst->cap = src->count ? src->count : 1;
    for (i = 0; i < src->count; i++) {
        dst->days[i].date = src->days[i].date;
        dst->days[i].name = dup_string(src->days[i].name);
        if (dst->days[i].name == NULL) {
            release(dst);
            return -1;
        }
        dst->count++;
    }
    return 0;
}

/* Contract: all or nothing. The file is checked in full and applied to a
 * copy of h; h changes only if there was no problem. */
int iss_holidays_load(struct iss_holidays *h, const char *path,
                      const char *display_name, struct iss_problems *probs,
                      struct iss_error *err)
{
    struct load ld = { 0 };
    struct iss_holidays copy = { 0 };
    struct iss_holidays old;
    struct iss_error rerr = { 0 };
    cJSON *root = NULL;
    char *text = NULL;
    size_t len = 0;
    int rc;

    ld.c.file = display_name != NULL ? display_name : path;
    ld.c.probs = probs;
    /* A file that cannot be read is a failure of the installation, not a
     * problem of its text. */
    rc = iss_read_file(path, HOLIDAY_FILE_MAX, &text, &len, &rerr);
    if (rc != 0) {
        const char *why = rerr.msg;

        if (strncmp(why, path, strlen(path)) == 0
            && strncmp(why + strlen(path), ": ", 2) == 0)
            why += strlen(path) + 2;
        rc = iss_fail(err, ISS_EFAIL, "%s: %s", ld.c.file, why);
        goto done;
    }
    root = jparse(&ld.c, text, len);
    if (root == NULL) {
        rc = ISS_EINPUT;
        goto done;
    }
    if (clone(&copy, h) != 0) {
        rc = iss_fail(err, ISS_EFAIL, "%s: out of memory", ld.c.file);
        goto done;
    }
    ld.h = &copy;
    load_root(&ld, root);
    if (ld.nomem) {
        rc = iss_fail(err, ISS_EFAIL, "%s: out of memory", ld.c.file);
        goto done;
    }
    if (ld.c.problems > 0) {
        rc = ISS_EINPUT;
        goto done;
    }
    old = *h;
    *h = copy;
    copy = old;
done:
    release(&copy);
    cJSON_Delete(root);
    free(text);
    return rc;
}
