/* iss - bank holidays of England and Wales, and working days.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * The holidays are a sorted array of (date, name), first built by rule for
 * every covered year, then changed by a data file of moved and one-off
 * days (data/bank-holidays-ew.json) and by a team's own extra days.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "iss/calendar.h"

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

/* ---- The data file ------------------------------------------------------ */

struct load {
    const char *file;               /* the name problems give */
    struct iss_problems *probs;
    struct iss_holidays *h;         /* the copy being changed */
    int problems;
    bool nomem;
};

static void problem(struct load *ld, const char *path, const char *value,
                    const char *allowed)
{
    ld->problems++;
    if (ld->probs != NULL)
        iss_problem(ld->probs, "%s: %s: %s: %s", ld->file, path, value,
                    allowed);
}

/* A short JSON rendering of v for a message ("2020-05-05" with quotes,
 * {...} for objects), cut to fit size. */
static void value_text(const cJSON *v, char *buf, size_t size)
{
    char *printed;

    if (v == NULL) {
        snprintf(buf, size, "(missing)");
        return;
    }
    if (cJSON_IsObject(v)) {
        snprintf(buf, size, "{...}");
        return;
    }
    if (cJSON_IsArray(v)) {
        snprintf(buf, size, "[...]");
        return;
    }
    printed = cJSON_PrintUnformatted(v);
    if (printed == NULL) {
        snprintf(buf, size, "(value)");
        return;
    }
    if (strlen(printed) >= size && size > 4)
        snprintf(buf, size, "%.*s...", (int)(size - 4), printed);
    else
        snprintf(buf, size, "%s", printed);
    free(printed);
}

/* Report v at path as not what is allowed. */
static void bad_value(struct load *ld, const char *path, const cJSON *v,
                      const char *allowed)
{
    char text[80];

    value_text(v, text, sizeof text);
    problem(ld, path, text, allowed);
}

/* True if key was already seen among the members of obj before member. */
static bool duplicate_key(const cJSON *obj, const cJSON *member)
{
    const cJSON *it;

    for (it = obj->child; it != NULL && it != member; it = it->next)
        if (strcmp(it->string, member->string) == 0)
            return true;
    return false;
}

static bool is_annotation(const char *key)
{
    return strncmp(key, "x-", 2) == 0;
}

/* Check an entry's members against the allowed names; report the others
 * and any given twice. */
static void check_members(struct load *ld, const cJSON *obj,
                          const char *prefix, const char *const *allowed,
                          const char *what)
{
    const cJSON *member;
    char path[160];

    cJSON_ArrayForEach(member, obj) {
        size_t i;
        bool known = is_annotation(member->string);

        for (i = 0; !known && allowed[i] != NULL; i++)
            known = strcmp(member->string, allowed[i]) == 0;
        snprintf(path, sizeof path, "%s%s%.80s", prefix, *prefix ? "." : "",
                 member->string);
        if (!known)
            bad_value(ld, path, member, what);
        else if (duplicate_key(obj, member))
            bad_value(ld, path, member, "given twice: give each field once");
    }
}

/* A holiday date at obj.key in the covered years: 0 with *out, or -1
 * (reported). */
static int get_date(struct load *ld, const cJSON *obj, const char *prefix,
                    const char *key, iss_date *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    char path[128];

    snprintf(path, sizeof path, "%s.%s", prefix, key);
    if (!cJSON_IsString(v) || iss_date_parse(v->valuestring, out) != 0) {
        bad_value(ld, path, v, "a real date written \"YYYY-MM-DD\"");
        return -1;
    }
    if (!date_covered(*out)) {
        bad_value(ld, path, v, "a date in the years 1990-2150");
        return -1;
    }
    return 0;
}

/* A non-empty name at obj.name, or NULL (reported). */
static const char *get_name(struct load *ld, const cJSON *obj,
                            const char *prefix)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "name");
    char path[128];

    if (cJSON_IsString(v) && v->valuestring[0] != '\0')
        return v->valuestring;
    snprintf(path, sizeof path, "%s.name", prefix);
    bad_value(ld, path, v, "the holiday's name, a non-empty string");
    return NULL;
}

static void load_moved(struct load *ld, const cJSON *list)
{
    static const char *const fields[] = { "from", "to", "name", NULL };
    const cJSON *entry;
    size_t index = 0;
    char prefix[64];
    char path[80];

    cJSON_ArrayForEach(entry, list) {
        iss_date from, to;
        const char *name;
        int bad = 0;

        snprintf(prefix, sizeof prefix, "moved[%zu]", index++);
        if (!cJSON_IsObject(entry)) {
            bad_value(ld, prefix, entry,
                      "an object {\"from\", \"to\", \"name\"}");
            continue;
        }
        check_members(ld, entry, prefix, fields,
                      "not a field of a move: from, to, name (or x-...)");
        bad |= get_date(ld, entry, prefix, "from", &from);
        bad |= get_date(ld, entry, prefix, "to", &to);
        name = get_name(ld, entry, prefix);
        if (bad || name == NULL)
            continue;
        if (!is_rule_day(from)) {
            snprintf(path, sizeof path, "%s.from", prefix);
            bad_value(ld, path, cJSON_GetObjectItemCaseSensitive(entry,
                                                                  "from"),
                      "not a bank holiday by rule");
            continue;
        }
        if (!iss_is_bank_holiday(ld->h, from, NULL)) {
            snprintf(path, sizeof path, "%s.from", prefix);
            bad_value(ld, path, cJSON_GetObjectItemCaseSensitive(entry,
                                                                  "from"),
                      "moved already by an earlier entry");
            continue;
        }
        if (to != from && iss_is_bank_holiday(ld->h, to, NULL)) {
            snprintf(path, sizeof path, "%s.to", prefix);
            bad_value(ld, path, cJSON_GetObjectItemCaseSensitive(entry, "to"),
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
    size_t index = 0;
    char prefix[64];

    cJSON_ArrayForEach(entry, list) {
        iss_date date;
        const char *name;
        int bad;

        snprintf(prefix, sizeof prefix, "added[%zu]", index++);
        if (!cJSON_IsObject(entry)) {
            bad_value(ld, prefix, entry, "an object {\"date\", \"name\"}");
            continue;
        }
        check_members(ld, entry, prefix, fields,
                      "not a field of a one-off day: date, name (or x-...)");
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

    if (!cJSON_IsObject(root)) {
        bad_value(ld, "(top level)", root,
                  "an object {\"region\", \"source\", \"moved\", \"added\"}");
        return;
    }
    check_members(ld, root, "", fields,
                  "not a field here: region, source, moved, added (or x-...)");
    region = cJSON_GetObjectItemCaseSensitive(root, "region");
    if (region != NULL && !(cJSON_IsString(region)
                            && strcmp(region->valuestring,
                                      "england-and-wales") == 0))
        bad_value(ld, "region", region,
                  "\"england-and-wales\" (the only region iss knows)");
    source = cJSON_GetObjectItemCaseSensitive(root, "source");
    if (source != NULL && !cJSON_IsString(source))
        bad_value(ld, "source", source, "a string saying where the days "
                                        "come from");
    moved = cJSON_GetObjectItemCaseSensitive(root, "moved");
    if (moved != NULL && !cJSON_IsArray(moved))
        bad_value(ld, "moved", moved,
                  "a list of {\"from\", \"to\", \"name\"}");
    else
        load_moved(ld, moved);
    added = cJSON_GetObjectItemCaseSensitive(root, "added");
    if (added != NULL && !cJSON_IsArray(added))
        bad_value(ld, "added", added, "a list of {\"date\", \"name\"}");
    else
        load_added(ld, added);
}

/* Read the whole file into *text (NUL-terminated, *len bytes without the
 * NUL). Returns 0, ISS_EINPUT (reported) if it is too large, or
 * ISS_EFAIL with err. */
static int read_whole(struct load *ld, const char *path, char **text,
                      size_t *len, struct iss_error *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t used = 0, cap = 0;
    int rc = 0;

    if (f == NULL) {
        rc = iss_fail(err, ISS_EFAIL, "%s: cannot open: %s", ld->file,
                      strerror(errno));
        goto done;
    }
    for (;;) {
        size_t got;

        if (cap - used < 4096) {
            char *bigger;

            if (cap > HOLIDAY_FILE_MAX) {
                problem(ld, "(file)", "(too large)",
                        "a holiday list of at most 4 MiB");
                rc = ISS_EINPUT;
                goto done;
            }
            cap = cap ? cap * 2 : 8192;
            bigger = realloc(buf, cap);
            if (bigger == NULL) {
                rc = iss_fail(err, ISS_EFAIL, "%s: out of memory", ld->file);
                goto done;
            }
            buf = bigger;
        }
        got = fread(buf + used, 1, cap - used - 1, f);
        used += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        rc = iss_fail(err, ISS_EFAIL, "%s: cannot read: %s", ld->file,
                      strerror(errno));
        goto done;
    }
    buf[used] = '\0';
    *text = buf;
    *len = used;
    buf = NULL;
done:
    if (f != NULL)
        fclose(f);
    free(buf);
    return rc;
}

/* Line and column (from 1) of the byte at pos in text. */
static void line_column(const char *text, const char *pos, int *line,
                        int *column)
{
    const char *p;

    *line = 1;
    *column = 1;
    for (p = text; p < pos; p++) {
        if (*p == '\n') {
            (*line)++;
            *column = 1;
        } else {
            (*column)++;
        }
    }
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
    cJSON *root = NULL;
    char *text = NULL;
    const char *end = NULL;
    size_t len = 0;
    int rc;

    ld.file = display_name != NULL ? display_name : path;
    ld.probs = probs;
    rc = read_whole(&ld, path, &text, &len, err);
    if (rc != 0)
        goto done;
    if (memchr(text, '\0', len) != NULL) {
        int line, column;

        line_column(text, text + strlen(text), &line, &column);
        ld.problems++;
        if (probs != NULL)
            iss_problem(probs, "%s:%d:%d: not valid JSON (a NUL byte)",
                        ld.file, line, column);
        rc = ISS_EINPUT;
        goto done;
    }
    /* The length counts the NUL: cJSON checks for it after the value. */
    root = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
    if (root == NULL) {
        int line, column;

        line_column(text, end != NULL ? end : text, &line, &column);
        ld.problems++;
        if (probs != NULL)
            iss_problem(probs, "%s:%d:%d: not valid JSON", ld.file, line,
                        column);
        rc = ISS_EINPUT;
        goto done;
    }
    if (clone(&copy, h) != 0) {
        rc = iss_fail(err, ISS_EFAIL, "%s: out of memory", ld.file);
        goto done;
    }
    ld.h = &copy;
    load_root(&ld, root);
    if (ld.nomem) {
        rc = iss_fail(err, ISS_EFAIL, "%s: out of memory", ld.file);
        goto done;
    }
    if (ld.problems > 0) {
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
