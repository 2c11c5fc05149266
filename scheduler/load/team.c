/* iss - the team file: staff, session types, policy.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/calread.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/json.h"
#include "iss/team.h"
#include "load.h"

static const char *const element_names[ISS_ELEMENT_COUNT] = {
    "ete", "restorative", "offending_behaviour", "family", "interpersonal",
    "surveillance", "constructive"};

const char *iss_element_name(enum iss_element e)
{
    return (unsigned)e < ISS_ELEMENT_COUNT ? element_names[e] : "?";
}

int iss_element_parse(const char *s)
{
    int i;

    for (i = 0; i < ISS_ELEMENT_COUNT; i++)
        if (strcmp(s, element_names[i]) == 0)
            return i;
    return -1;
}

/* Words a child's lock screen (and letter) must never show (DOMAIN.md
 * section 8), as whole words: "court" but not "Courtney". A word matches
 * when it is one of these or, for stems ending in '*', begins with it. */
static const char *const forbidden[] = {
    "yot", "yjs", "yos", "offen*", "court", "courts", "order", "orders",
    "breach*", "police", "policing", "curfew*", "tag", "tagged", "tags",
    "drug*", "victim*", "probation", "warning", "warnings", "custody",
    "crime*", "criminal*", "sentenc*", "justice", "prison*", "arrest*",
    "convict*", "detention", NULL};

const char *iss_forbidden_word(const char *s)
{
    char word[64];
    size_t i, n;

    while (*s) {
        while (*s && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
            s++;
        n = 0;
        while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) {
            if (n < sizeof word - 1)
                word[n++] = (char)tolower((unsigned char)*s);
            s++;
        }
        word[n] = '\0';
        if (n == 0)
            continue;
        for (i = 0; forbidden[i] != NULL; i++) {
            size_t len = strlen(forbidden[i]);
            if (forbidden[i][len - 1] == '*'
                    ? strncmp(word, forbidden[i], len - 1) == 0
                    : strcmp(word, forbidden[i]) == 0)
                return forbidden[i];
        }
    }
    return NULL;
}

void iss_policy_defaults(struct iss_policy *p)
{
    memset(p, 0, sizeof *p);
    p->warnings_before_breach = 2;
    p->breach_within_working_days = 5;
    p->follow_up_within_working_days = 1;
    p->christmas_eve_working = true;
    p->travel_minutes_before_curfew = 20;
    p->travel_minutes_after_education = 20;
    p->travel_minutes_between_sessions = 15;
    p->contact_gap_minutes = 120;
    p->max_child_minutes_per_day = 360;
    p->ladder = ISS_LADDER_INSPECTION;
    p->compliance_meeting_after_warning = 0;
    p->compliance_meeting_within_days = 10;
    p->warning_period_months = 12;
    p->first_contact_within_working_days = 1;
    p->planning_meeting_within_working_days = 5;
    p->min_notice_hours = 24;
    p->review_every_months = 0;
    p->verbal_warning_first = false;
    p->max_element_share = 0.4;
}

bool iss_short_notice(const struct iss_policy *p, int64_t start_utc,
                      int64_t notice_at)
{
    return notice_at > 0 &&
           start_utc - notice_at < (int64_t)p->min_notice_hours * 3600;
}

int iss_team_staff_index(const struct iss_team *team, const char *id)
{
    size_t i;

    for (i = 0; i < team->n_staff; i++)
        if (strcmp(team->staff[i].id, id) == 0)
            return (int)i;
    return -1;
}

int iss_team_type_index(const struct iss_team *team, const char *id)
{
    size_t i;

    for (i = 0; i < team->n_types; i++)
        if (strcmp(team->types[i].id, id) == 0)
            return (int)i;
    return -1;
}

int iss_team_place_index(const struct iss_team *team, const char *id)
{
    size_t i;

    for (i = 0; i < team->n_places; i++)
        if (strcmp(team->places[i].id, id) == 0)
            return (int)i;
    return -1;
}

int iss_team_type_place(const struct iss_team *team, int ty)
{
    if (ty >= 0 && (size_t)ty < team->n_types && team->types[ty].place >= 0)
        return team->types[ty].place;
    return team->default_place;
}

bool iss_staff_on_leave(const struct iss_staff *s, iss_date date)
{
    size_t i;

    for (i = 0; i < s->n_leave; i++)
        if (date >= s->leave[i].from && date <= s->leave[i].to)
            return true;
    return false;
}

/* ---- a day's hours ---- */

static size_t merge_spans(struct iss_span *s, size_t n);

int iss_rota_week(iss_date start, int n_weeks, iss_date date)
{
    int64_t weeks, w;

    if (n_weeks <= 1)
        return 1;
    /* Floor division: the week holding date, counted from start's. */
    weeks = ((int64_t)date - start) >= 0
                ? ((int64_t)date - start) / 7
                : -((((int64_t)start - date) + 6) / 7);
    w = weeks % n_weeks;
    if (w < 0)
        w += n_weeks;
    return (int)w + 1;
}

const struct iss_rota_day *iss_staff_dated(const struct iss_staff *s,
                                           iss_date date)
{
    size_t lo = 0, hi = s->n_dated;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->dated[mid].date < date)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n_dated && s->dated[lo].date == date ? &s->dated[lo]
                                                        : NULL;
}

bool iss_staff_on_rota(const struct iss_staff *s)
{
    return s->rota_cycle || s->n_dated > 0;
}

/* The periods that start on date (by the day they start; ends may pass
 * 1440): the dated entry's, else the cycle week's pattern. */
static const struct iss_span *starting(const struct iss_staff *s,
                                       iss_date date, size_t *n,
                                       int *week,
                                       const struct iss_rota_day **dated)
{
    const struct iss_rota_day *e = iss_staff_dated(s, date);
    int w;

    *dated = e;
    *week = 0;
    if (e != NULL) {
        *n = e->off ? 0 : e->n_spans;
        return e->spans;
    }
    if (s->rota_weeks < 1) {
        *n = 0;
        return NULL;
    }
    w = s->rota_cycle ? iss_rota_week(s->rota_start, s->rota_weeks, date)
                      : 1;
    if (s->rota_cycle)
        *week = w;
    *n = s->n_pattern[w - 1][iss_weekday(date)];
    return s->pattern[w - 1][iss_weekday(date)];
}

void iss_staff_day(const struct iss_staff *s,
                   const struct iss_holidays *holidays, iss_date date,
                   struct iss_staff_day *out)
{
    const struct iss_rota_day *prev_dated;
    const struct iss_span *sp;
    size_t n, k;
    int prev_week;

    out->n_spans = 0;
    sp = starting(s, date, &n, &out->cycle_week, &out->dated);
    if (iss_staff_on_leave(s, date)) {
        out->kind = ISS_DAY_LEAVE;
        return;
    }
    if (out->dated == NULL && !s->works_bank_holidays && holidays != NULL &&
        iss_is_bank_holiday(holidays, date, NULL)) {
        out->kind = ISS_DAY_BANK_HOLIDAY;
        return;
    }
    for (k = 0; k < n && out->n_spans < ISS_DAY_MAX_SPANS; k++)
        out->spans[out->n_spans++] = (struct iss_span){
            sp[k].start, sp[k].end > 1440 ? 1440 : sp[k].end};
    sp = starting(s, date - 1, &n, &prev_week, &prev_dated);
    for (k = 0; k < n && out->n_spans < ISS_DAY_MAX_SPANS; k++)
        if (sp[k].end > 1440)
            out->spans[out->n_spans++] =
                (struct iss_span){0, sp[k].end - 1440};
    out->n_spans = merge_spans(out->spans, out->n_spans);
    if (out->n_spans > 0)
        out->kind = ISS_DAY_ON;
    else if (out->dated != NULL || s->rota_cycle)
        out->kind = ISS_DAY_OFF_ROTA;
    else
        out->kind = ISS_DAY_OFF_WEEKLY;
}

/* ---- roles ---- */

static int role_index(const struct iss_team *t, const char *name)
{
    size_t i;

    for (i = 0; i < t->n_roles; i++)
        if (strcmp(t->roles[i], name) == 0)
            return (int)i;
    return -1;
}

/* ---- staff ---- */

static const char *const staff_fields[] = {
    "id", "name", "roles", "max_hours_per_week", "max_hours_per_day",
    "availability", "leave", "bank_holidays", "rota", NULL};

static int span_cmp(const void *a, const void *b)
{
    const struct iss_span *x = a, *y = b;

    return x->start != y->start ? (x->start > y->start) - (x->start < y->start)
                                : (x->end > y->end) - (x->end < y->end);
}

/* Sort and merge overlapping or touching spans in place. */
static size_t merge_spans(struct iss_span *s, size_t n)
{
    size_t i, k = 0;

    if (n == 0)
        return 0;
    qsort(s, n, sizeof *s, span_cmp);
    for (i = 1; i < n; i++) {
        if (s[i].start <= s[k].end) {
            if (s[i].end > s[k].end)
                s[k].end = s[i].end;
        } else {
            s[++k] = s[i];
        }
    }
    return k + 1;
}

/* Copy n spans into the arena (one more, so that n == 0 is not NULL). */
static struct iss_span *arena_spans(struct jctx *c, const struct iss_span *s,
                                    size_t n)
{
    struct iss_span *out = iss_arena_calloc(c->arena, n + 1, sizeof *out);

    if (out != NULL && n > 0)
        memcpy(out, s, n * sizeof *s);
    return out;
}

/* One period list (at path) into spans by the day they start: a period
 * past midnight ends after 1440. Returns how many were read (at most max);
 * every bad item is reported. */
static size_t read_periods(struct jctx *c, const cJSON *list,
                           const char *path, struct iss_span *out,
                           size_t max)
{
    char r[ISS_JPATH];
    const cJSON *it;
    size_t n = 0;
    int i = 0;

    cJSON_ArrayForEach(it, list) {
        struct iss_clock_period per;
        const char *why = NULL;

        jpath_idx(r, path, i++);
        if (!cJSON_IsString(it) || it->valuestring == NULL ||
            iss_clock_period_parse(it->valuestring, &per, &why) != 0) {
            jproblem(c, r, it, "%s%sa time is written \"HH:MM-HH:MM\" "
                               "on the 24-hour clock, e.g. "
                               "\"09:00-17:00\"",
                     why ? why : "", why ? "; " : "");
            continue;
        }
        if (n < max)
            out[n++] = (struct iss_span){
                per.start,
                iss_clock_period_overnight(&per) ? per.end + 1440 : per.end};
    }
    return n;
}

/* A week's hours {mon: [...], ...} at path into raw[d] (by start day).
 * False when av is not such an object. */
static bool read_week(struct jctx *c, const cJSON *av, const char *path,
                      struct iss_span raw[7][24], size_t n[7])
{
    static const char *const days[] = {"mon", "tue", "wed", "thu", "fri",
                                       "sat", "sun", NULL};
    char q[ISS_JPATH];
    int d;

    for (d = 0; d < 7; d++)
        n[d] = 0;
    if (!jobject(c, av, path, days))
        return false;
    for (d = 0; d < 7; d++) {
        const cJSON *list = jlist(c, av, path, days[d], false, 24);
        if (list == NULL)
            continue;
        jpath_key(q, path, days[d]);
        n[d] = read_periods(c, list, q, raw[d], 24);
    }
    return true;
}

/* Store a week read by read_week as pattern week w of s. */
static void set_pattern(struct jctx *c, struct iss_staff *s, int w,
                        struct iss_span raw[7][24], const size_t n[7])
{
    int d;

    for (d = 0; d < 7; d++) {
        struct iss_span tmp[24];
        size_t k = n[d];
        memcpy(tmp, raw[d], k * sizeof tmp[0]);
        k = merge_spans(tmp, k);
        s->pattern[w][d] = arena_spans(c, tmp, k);
        s->n_pattern[w][d] = k;
    }
}

static void read_availability(struct jctx *c, const cJSON *obj,
                              const char *path, struct iss_staff *s,
                              bool cycle)
{
    struct iss_span raw[7][24];
    struct iss_span tmp[7][64];
    size_t n[7] = {0}, m[7] = {0};
    char p[ISS_JPATH];
    const cJSON *av = jfield(obj, "availability");
    int d;
    size_t k;

    jpath_key(p, path, "availability");
    if (av == NULL && cycle) {
        av = NULL; /* rota.weeks gives the hours */
    } else if (av == NULL) {
        jproblem(c, p, NULL, "missing: the hours this person works are "
                             "required, e.g. {\"mon\": [\"09:00-17:00\"]} "
                             "({} for none), or a rota with \"weeks\"");
        return;
    } else if (!read_week(c, av, p, raw, n)) {
        return;
    }
    if (cycle && av != NULL) {
        for (d = 0; d < 7 && n[d] == 0; d++)
            ;
        if (d < 7)
            jproblem(c, p, NULL, "this person's rota has \"weeks\", which "
                                 "give the hours of each week: leave "
                                 "availability out (or {})");
        for (d = 0; d < 7; d++)
            n[d] = 0;
    }
    for (d = 0; d < 7; d++)
        for (k = 0; k < n[d]; k++) {
            if (raw[d][k].end > 1440) {
                tmp[d][m[d]++] = (struct iss_span){raw[d][k].start, 1440};
                tmp[(d + 1) % 7][m[(d + 1) % 7]++] =
                    (struct iss_span){0, raw[d][k].end - 1440};
            } else {
                tmp[d][m[d]++] = raw[d][k];
            }
        }
    for (d = 0; d < 7; d++) {
        m[d] = merge_spans(tmp[d], m[d]);
        s->n_availability[d] = m[d];
        s->availability[d] = arena_spans(c, tmp[d], m[d]);
    }
    s->rota_weeks = 1;
    if (!cycle)
        set_pattern(c, s, 0, raw, n);
}

/* ---- rotas ---- */

static int rota_day_cmp(const void *a, const void *b)
{
    const struct iss_rota_day *x = a, *y = b;

    return (x->date > y->date) - (x->date < y->date);
}

/* One dated entry {date, time | off} at path into *out. False when bad
 * (reported). */
static bool read_rota_day(struct jctx *c, const cJSON *it, const char *path,
                          struct iss_rota_day *out)
{
    static const char *const fields[] = {"date", "time", "off", NULL};
    struct iss_span tmp[24];
    char q[ISS_JPATH];
    const cJSON *time;
    bool ok = true, off = false, has_off;
    size_t n;

    memset(out, 0, sizeof *out);
    if (!jobject(c, it, path, fields))
        return false;
    ok &= jdate(c, it, path, "date", true, &out->date);
    has_off = jfield(it, "off") != NULL;
    if (has_off && jbool(c, it, path, "off", false, &off) && !off) {
        jproblem(c, jpath_key(q, path, "off"), jfield(it, "off"),
                 "off is true (the day off) or left out; give \"time\" for "
                 "the hours worked that day");
        ok = false;
    }
    time = jfield(it, "time");
    if (has_off && time != NULL) {
        jproblem(c, path, NULL, "has both \"off\" and \"time\": give one "
                                "(the day off, or the hours worked)");
        return false;
    }
    if (!has_off && time == NULL) {
        jproblem(c, path, NULL, "give \"time\": [\"HH:MM-HH:MM\", ...] "
                                "(the hours that replace the day's) or "
                                "\"off\": true");
        return false;
    }
    out->off = off;
    if (time != NULL) {
        const cJSON *list = jlist(c, it, path, "time", true, 24);
        if (list == NULL)
            return false;
        jpath_key(q, path, "time");
        if (cJSON_GetArraySize(list) == 0) {
            jproblem(c, q, NULL, "empty; give one or more periods "
                                 "\"HH:MM-HH:MM\", or \"off\": true");
            return false;
        }
        n = read_periods(c, list, q, tmp, 24);
        if (n != (size_t)cJSON_GetArraySize(list))
            return false;
        n = merge_spans(tmp, n);
        out->spans = arena_spans(c, tmp, n);
        out->n_spans = n;
    }
    {
        char src[ISS_JPATH + 40];
        snprintf(src, sizeof src, "%s %s", c->file, path);
        out->source = iss_arena_strdup(c->arena, src);
    }
    return ok;
}

static void read_rota(struct jctx *c, const cJSON *obj, const char *path,
                      struct iss_staff *s)
{
    static const char *const fields[] = {"start", "weeks", "dates", NULL};
    const cJSON *rota = jfield(obj, "rota"), *weeks, *dates, *it;
    char p[ISS_JPATH], q[ISS_JPATH], r[ISS_JPATH];
    size_t j;
    int i;

    if (rota == NULL)
        return;
    jpath_key(p, path, "rota");
    if (!jobject(c, rota, p, fields))
        return;
    weeks = jfield(rota, "weeks");
    if ((jfield(rota, "start") != NULL) != (weeks != NULL)) {
        jproblem(c, p, NULL, "a cycle needs both \"start\" (the Monday its "
                             "week 1 begins) and \"weeks\" (the weekly "
                             "patterns, in order)");
    } else if (weeks != NULL) {
        iss_date start;
        const cJSON *list = jlist(c, rota, p, "weeks", true,
                                  ISS_ROTA_MAX_WEEKS);
        if (jdate(c, rota, p, "start", true, &start)) {
            if (iss_weekday(start) != 0) {
                char d[ISS_HDATE_BUFSZ];
                jproblem(c, jpath_key(q, p, "start"), jfield(rota, "start"),
                         "week 1 of a cycle starts on a Monday; %s is a %s",
                         iss_date_human(start, d),
                         iss_weekday_word(iss_weekday(start)));
            }
            s->rota_start = start - iss_weekday(start);
        }
        jpath_key(q, p, "weeks");
        if (list != NULL && cJSON_GetArraySize(list) == 0)
            jproblem(c, q, NULL, "empty; give 1-%d weekly patterns "
                                 "{\"mon\": [\"09:00-17:00\"], ...}",
                     ISS_ROTA_MAX_WEEKS);
        else if (list != NULL) {
            i = 0;
            s->rota_cycle = true;
            s->rota_weeks = cJSON_GetArraySize(list);
            cJSON_ArrayForEach(it, list) {
                struct iss_span raw[7][24];
                size_t n[7];
                jpath_idx(r, q, i);
                if (!read_week(c, it, r, raw, n))
                    memset(n, 0, sizeof n);
                set_pattern(c, s, i, raw, n);
                i++;
            }
        }
    }
    dates = jlist(c, rota, p, "dates", false, 2000);
    if (dates == NULL)
        return;
    jpath_key(q, p, "dates");
    s->dated = iss_arena_calloc(c->arena,
                                (size_t)cJSON_GetArraySize(dates) + 1,
                                sizeof *s->dated);
    if (s->dated == NULL)
        return;
    i = 0;
    cJSON_ArrayForEach(it, dates) {
        struct iss_rota_day *e = &s->dated[s->n_dated];
        jpath_idx(r, q, i++);
        if (!read_rota_day(c, it, r, e))
            continue;
        for (j = 0; j < s->n_dated; j++)
            if (s->dated[j].date == e->date) {
                char d[ISS_DATE_BUFSZ];
                jproblem(c, r, NULL, "\"%s\": %s is for the same day; "
                                     "one entry per day (remove one)",
                         iss_date_format(e->date, d), s->dated[j].source);
                break;
            }
        if (j == s->n_dated)
            s->n_dated++;
    }
    qsort(s->dated, s->n_dated, sizeof *s->dated, rota_day_cmp);
}

static iss_roles read_role_list(struct jctx *c, const cJSON *obj,
                                const char *path, const char *key,
                                struct iss_team *t, bool add, bool *ok)
{
    char p[ISS_JPATH], q[ISS_JPATH];
    const cJSON *list = jlist(c, obj, path, key, true, 16);
    const cJSON *it;
    iss_roles set = 0;
    int i = 0;

    *ok = list != NULL;
    if (list == NULL)
        return 0;
    jpath_key(p, path, key);
    if (cJSON_GetArraySize(list) == 0) {
        jproblem(c, p, NULL, "empty; give at least one role");
        *ok = false;
        return 0;
    }
    cJSON_ArrayForEach(it, list) {
        int idx;
        jpath_idx(q, p, i++);
        if (!cJSON_IsString(it) || it->valuestring == NULL ||
            !iss_ident_valid(it->valuestring, true)) {
            jproblem(c, q, it, "a role name is 1-32 of a-z, 0-9 and _");
            *ok = false;
            continue;
        }
        idx = role_index(t, it->valuestring);
        if (idx < 0 && add) {
            if (t->n_roles >= ISS_MAX_ROLES) {
                jproblem(c, q, it, "more than %d different roles",
                         ISS_MAX_ROLES);
                *ok = false;
                continue;
            }
            t->roles[t->n_roles] = iss_arena_strdup(c->arena,
                                                    it->valuestring);
            idx = (int)t->n_roles++;
        }
        if (idx < 0) {
            jproblem(c, q, it, "no staff member holds this role");
            *ok = false;
            continue;
        }
        if (set & ((iss_roles)1 << idx)) {
            jproblem(c, q, it, "the role is listed twice");
            *ok = false;
        }
        set |= (iss_roles)1 << idx;
    }
    return set;
}

static void read_staff(struct jctx *c, const cJSON *root, struct iss_team *t)
{
    const cJSON *list = jlist(c, root, "", "staff", true, 2000);
    const cJSON *it;
    char p[ISS_JPATH];
    int i = 0;

    if (list == NULL)
        return;
    if (cJSON_GetArraySize(list) == 0) {
        jproblem(c, "staff", NULL, "empty; a team needs at least one staff "
                                   "member");
        return;
    }
    t->staff = iss_arena_calloc(c->arena, (size_t)cJSON_GetArraySize(list),
                                sizeof *t->staff);
    if (t->staff == NULL)
        return;
    cJSON_ArrayForEach(it, list) {
        struct iss_staff *s = &t->staff[t->n_staff];
        char q[ISS_JPATH];
        bool ok = true;
        size_t j;

        jpath_idx(p, "staff", i++);
        if (!jobject(c, it, p, staff_fields))
            continue;
        s->max_minutes_week = ISS_NO_LIMIT;
        s->max_minutes_day = ISS_NO_LIMIT;
        s->works_bank_holidays = true;
        ok &= jident(c, it, p, "id", true, false, &s->id);
        if (s->id != NULL) {
            for (j = 0; j < t->n_staff; j++)
                if (strcmp(t->staff[j].id, s->id) == 0) {
                    jproblem(c, jpath_key(q, p, "id"), jfield(it, "id"),
                             "staff[%zu] has the same id; ids must be "
                             "unique", j);
                    ok = false;
                }
        }
        ok &= jstring(c, it, p, "name", true, 100, &s->name);
        s->roles = read_role_list(c, it, p, "roles", t, true, &(bool){0});
        if (jfield(it, "max_hours_per_week"))
            ok &= jhours(c, it, p, "max_hours_per_week", false, 168,
                         &s->max_minutes_week);
        if (jfield(it, "max_hours_per_day"))
            ok &= jhours(c, it, p, "max_hours_per_day", false, 24,
                         &s->max_minutes_day);
        {
            const cJSON *rota = jfield(it, "rota");
            bool cycle = cJSON_IsObject(rota) &&
                         jfield(rota, "weeks") != NULL;
            read_availability(c, it, p, s, cycle);
            read_rota(c, it, p, s);
            if (cycle && !s->rota_cycle)
                s->rota_weeks = 1; /* a bad cycle: no hours */
        }
        jranges(c, it, p, "leave", &s->leave, &s->n_leave);
        jbool(c, it, p, "bank_holidays", false, &s->works_bank_holidays);
        if (s->name != NULL) {
            size_t k = strcspn(s->name, " ");
            s->first_name = iss_arena_calloc(c->arena, k + 1, 1);
            if (s->first_name != NULL)
                memcpy(s->first_name, s->name, k);
        }
        /* Keep an entry with a good id even when another field is bad, so
         * that cases naming it get no follow-on problems. */
        (void)ok;
        if (s->id != NULL) {
            if (s->name == NULL)
                s->name = s->first_name = s->id;
            t->n_staff++;
        } else {
            memset(s, 0, sizeof *s);
        }
    }
}

/* ---- session types ---- */

struct default_type {
    const char *id, *name, *element, *title;
    int lengths[4];
    const char *roles[3];
};

static const struct default_type default_types[] = {
    {"ete", "Education, training and employment", "ete", "Appointment",
     {60, 90, 120, 0}, {"case_manager", "ete_worker", NULL}},
    {"restorative", "Reparation", "restorative", "Activity",
     {60, 120, 180, 0}, {"case_manager", "reparation_worker", NULL}},
    {"offending_behaviour", "Offending behaviour", "offending_behaviour",
     "Appointment", {60, 90, 0, 0}, {"case_manager", NULL, NULL}},
    {"family", "Family support", "family", "Meeting", {60, 90, 0, 0},
     {"case_manager", "family_worker", NULL}},
    {"interpersonal", "Interpersonal skills", "interpersonal", "Session",
     {60, 90, 0, 0}, {"case_manager", NULL, NULL}},
    {"tracking", "Tracking check-in", "surveillance", "Check-in",
     {15, 30, 0, 0}, {"tracker", NULL, NULL}},
};

static void default_session_types(struct jctx *c, struct iss_team *t)
{
    size_t i, k, n = sizeof default_types / sizeof default_types[0];

    t->default_types = true;
    t->types = iss_arena_calloc(c->arena, n, sizeof *t->types);
    if (t->types == NULL)
        return;
    for (i = 0; i < n; i++) {
        const struct default_type *d = &default_types[i];
        struct iss_session_type *ty = &t->types[t->n_types];
        char names[128] = "";
        size_t at = 0;

        ty->id = (char *)d->id;
        ty->name = (char *)d->name;
        ty->child_title = (char *)d->title;
        ty->place = -1;
        ty->element = (enum iss_element)iss_element_parse(d->element);
        ty->builtin = true;
        for (k = 0; k < 4 && d->lengths[k] != 0; k++)
            ;
        ty->n_lengths = k;
        ty->lengths = (int *)d->lengths;
        for (k = 0; k < 3 && d->roles[k] != NULL; k++) {
            int r = role_index(t, d->roles[k]);
            if (r >= 0)
                ty->roles |= (iss_roles)1 << r;
            at += (size_t)snprintf(names + at, sizeof names - at, "%s%s",
                                   k ? " or " : "", d->roles[k]);
        }
        if (ty->roles == 0) {
            jproblem(c, "session_types", NULL,
                     "left out, so the default session types apply, but no "
                     "staff member holds a role for \"%s\" (%s): give a "
                     "staff member that role, or list session_types",
                     d->id, names);
            continue;
        }
        t->n_types++;
    }
}

static const char *const type_fields[] = {
    "id", "name", "element", "minutes", "roles", "child_title", "place",
    NULL};

/* A text a child's phone or letter shows: neutral words only. */
static bool neutral(struct jctx *c, const cJSON *obj, const char *path,
                    const char *key, const char *value, const char *shows)
{
    char q[ISS_JPATH];
    const char *w = value != NULL ? iss_forbidden_word(value) : NULL;

    if (w == NULL)
        return true;
    jproblem(c, jpath_key(q, path, key), jfield(obj, key),
             "%s and must stay neutral: \"%s\" is not allowed", shows, w);
    return false;
}

/* A place id at path.key -> index into t->places (-1 and a problem when
 * unknown). */
static int place_ref(struct jctx *c, const cJSON *obj, const char *path,
                     const char *key, const struct iss_team *t)
{
    char *id = NULL, q[ISS_JPATH];
    int idx;

    if (!jident(c, obj, path, key, true, true, &id))
        return -1;
    idx = iss_team_place_index(t, id);
    if (idx < 0)
        jproblem(c, jpath_key(q, path, key), jfield(obj, key),
                 "no place has this id in places%s",
                 t->n_places == 0 ? " (team.json lists none)" : "");
    return idx;
}

static void read_lengths(struct jctx *c, const cJSON *obj, const char *path,
                         struct iss_session_type *ty, bool *ok)
{
    char p[ISS_JPATH], q[ISS_JPATH];
    const cJSON *list = jlist(c, obj, path, "minutes", true, 12);
    const cJSON *it;
    int i = 0, last = 0;

    if (list == NULL) {
        *ok = false;
        return;
    }
    jpath_key(p, path, "minutes");
    if (cJSON_GetArraySize(list) == 0) {
        jproblem(c, p, NULL, "empty; give the allowed lengths in minutes, "
                             "e.g. [60, 90]");
        *ok = false;
        return;
    }
    ty->lengths = iss_arena_calloc(c->arena, (size_t)cJSON_GetArraySize(list),
                                   sizeof *ty->lengths);
    if (ty->lengths == NULL) {
        *ok = false;
        return;
    }
    cJSON_ArrayForEach(it, list) {
        double v;
        jpath_idx(q, p, i++);
        if (!cJSON_IsNumber(it)) {
            jproblem(c, q, it, "a number of minutes is expected");
            *ok = false;
            continue;
        }
        v = it->valuedouble;
        if (!(v >= 15 && v <= 720) || v != (int)v || (int)v % 15 != 0) {
            jproblem(c, q, it, "a length is a multiple of 15 minutes from "
                               "15 to 720 (planning uses a 15-minute "
                               "grid)");
            *ok = false;
            continue;
        }
        if ((int)v <= last) {
            jproblem(c, q, it, "lengths must be listed from shortest to "
                               "longest, each once");
            *ok = false;
            continue;
        }
        last = (int)v;
        ty->lengths[ty->n_lengths++] = (int)v;
    }
}

static void read_session_types(struct jctx *c, const cJSON *root,
                               struct iss_team *t)
{
    const cJSON *list = jlist(c, root, "", "session_types", false, 64);
    const cJSON *it;
    char p[ISS_JPATH], q[ISS_JPATH];
    int i = 0;

    if (jfield(root, "session_types") == NULL) {
        default_session_types(c, t);
        return;
    }
    if (list == NULL)
        return;
    if (cJSON_GetArraySize(list) == 0) {
        jproblem(c, "session_types", NULL, "empty; leave the field out for "
                                           "the defaults, or list types");
        return;
    }
    t->types = iss_arena_calloc(c->arena, (size_t)cJSON_GetArraySize(list),
                                sizeof *t->types);
    if (t->types == NULL)
        return;
    cJSON_ArrayForEach(it, list) {
        struct iss_session_type *ty = &t->types[t->n_types];
        char *element = NULL;
        bool ok = true, roles_ok;
        size_t j;

        jpath_idx(p, "session_types", i++);
        if (!jobject(c, it, p, type_fields))
            continue;
        ok &= jident(c, it, p, "id", true, true, &ty->id);
        if (ty->id != NULL) {
            for (j = 0; j < t->n_types; j++)
                if (strcmp(t->types[j].id, ty->id) == 0) {
                    jproblem(c, jpath_key(q, p, "id"), jfield(it, "id"),
                             "session_types[%zu] has the same id", j);
                    ok = false;
                }
        }
        ok &= jstring(c, it, p, "name", true, 100, &ty->name);
        if (jstring(c, it, p, "element", true, 40, &element)) {
            int e = iss_element_parse(element);
            if (e < 0) {
                jproblem(c, jpath_key(q, p, "element"),
                         jfield(it, "element"),
                         "one of ete, restorative, offending_behaviour, "
                         "family, interpersonal, surveillance, "
                         "constructive");
                ok = false;
            }
            ty->element = (enum iss_element)(e < 0 ? 0 : e);
        } else {
            ok = false;
        }
        read_lengths(c, it, p, ty, &ok);
        ty->roles = read_role_list(c, it, p, "roles", t, false, &roles_ok);
        ok &= roles_ok;
        ty->place = -1;
        if (jfield(it, "place") != NULL)
            ty->place = place_ref(c, it, p, "place", t);
        ty->child_title = "Appointment";
        if (jfield(it, "child_title") != NULL) {
            if (jstring(c, it, p, "child_title", true, 60,
                        &ty->child_title)) {
                const char *w = iss_forbidden_word(ty->child_title);
                if (w != NULL) {
                    jproblem(c, jpath_key(q, p, "child_title"),
                             jfield(it, "child_title"),
                             "a child's calendar shows this on the lock "
                             "screen and must stay neutral: \"%s\" is not "
                             "allowed (e.g. \"Appointment\", "
                             "\"Check-in\")", w);
                    ok = false;
                }
            } else {
                ok = false;
            }
        }
        (void)ok; /* kept when the id is good: no follow-on problems */
        if (ty->id != NULL) {
            if (ty->name == NULL)
                ty->name = ty->id;
            t->n_types++;
        } else {
            memset(ty, 0, sizeof *ty);
        }
    }
}

/* ---- policy ---- */

static const char *const policy_fields[] = {
    "warnings_before_breach", "breach_within_working_days",
    "follow_up_within_working_days", "christmas_eve_working",
    "travel_minutes_before_curfew", "travel_minutes_after_education",
    "travel_minutes_between_sessions",
    "contact_gap_minutes", "max_child_minutes_per_day", "ladder",
    "compliance_meeting_after_warning", "compliance_meeting_within_days",
    "warning_period_months", "first_contact_within_working_days",
    "planning_meeting_within_working_days", "min_notice_hours",
    "review_every_months", "verbal_warning_first", "max_element_share",
    NULL};

static void read_policy(struct jctx *c, const cJSON *root, struct iss_policy *pol)
{
    const cJSON *obj = jfield(root, "policy");
    const char *P = "policy";
    char *ladder = NULL;

    iss_policy_defaults(pol);
    if (obj == NULL)
        return;
    if (!jobject(c, obj, P, policy_fields))
        return;
    if (jstring(c, obj, P, "ladder", false, 40, &ladder) && ladder != NULL) {
        char q[ISS_JPATH];
        if (strcmp(ladder, "inspection") == 0) {
            pol->ladder = ISS_LADDER_INSPECTION;
        } else if (strcmp(ladder, "wokingham") == 0) {
            pol->ladder = ISS_LADDER_WOKINGHAM;
            pol->compliance_meeting_after_warning = 2;
            pol->verbal_warning_first = true;
            pol->review_every_months = 3;
        } else if (strcmp(ladder, "bolton") == 0) {
            pol->ladder = ISS_LADDER_BOLTON;
            pol->review_every_months = 1;
        } else if (strcmp(ladder, "derbyshire") == 0) {
            pol->ladder = ISS_LADDER_DERBYSHIRE;
            pol->compliance_meeting_after_warning = 1;
            pol->review_every_months = 3;
        } else if (strcmp(ladder, "custom") == 0) {
            pol->ladder = ISS_LADDER_CUSTOM;
        } else {
            jproblem(c, jpath_key(q, P, "ladder"), jfield(obj, "ladder"),
                     "one of \"inspection\", \"wokingham\", \"bolton\", "
                     "\"derbyshire\", \"custom\"");
        }
    }
    jint(c, obj, P, "warnings_before_breach", false, 0, 10,
         &pol->warnings_before_breach);
    jint(c, obj, P, "breach_within_working_days", false, 0, 60,
         &pol->breach_within_working_days);
    jint(c, obj, P, "follow_up_within_working_days", false, 0, 30,
         &pol->follow_up_within_working_days);
    jbool(c, obj, P, "christmas_eve_working", false,
          &pol->christmas_eve_working);
    jint(c, obj, P, "travel_minutes_before_curfew", false, 0, 240,
         &pol->travel_minutes_before_curfew);
    jint(c, obj, P, "travel_minutes_after_education", false, 0, 240,
         &pol->travel_minutes_after_education);
    jint(c, obj, P, "travel_minutes_between_sessions", false, 0, 240,
         &pol->travel_minutes_between_sessions);
    jint(c, obj, P, "contact_gap_minutes", false, 0, 720,
         &pol->contact_gap_minutes);
    jint(c, obj, P, "max_child_minutes_per_day", false, 15, 1440,
         &pol->max_child_minutes_per_day);
    jshare(c, obj, P, "max_element_share", false, &pol->max_element_share);
    jint(c, obj, P, "compliance_meeting_after_warning", false, 0, 10,
         &pol->compliance_meeting_after_warning);
    jint(c, obj, P, "compliance_meeting_within_days", false, 0, 60,
         &pol->compliance_meeting_within_days);
    jint(c, obj, P, "warning_period_months", false, 1, 36,
         &pol->warning_period_months);
    jint(c, obj, P, "first_contact_within_working_days", false, 0, 30,
         &pol->first_contact_within_working_days);
    jint(c, obj, P, "planning_meeting_within_working_days", false, 0, 60,
         &pol->planning_meeting_within_working_days);
    jint(c, obj, P, "min_notice_hours", false, 0, 336,
         &pol->min_notice_hours);
    jint(c, obj, P, "review_every_months", false, 0, 12,
         &pol->review_every_months);
    jbool(c, obj, P, "verbal_warning_first", false,
          &pol->verbal_warning_first);
}

/* ---- the team ---- */

static const char *const team_fields[] = {
    "service", "planning_day", "staff", "session_types", "policy",
    "extra_holidays", "places", "default_place", "type_places",
    "letterhead", NULL};

/* "type_places": {"tracking": "home", ...}: a default place per session
 * type, for teams that keep the default session types (a listed type may
 * say "place" itself; not both). */
static void read_type_places(struct jctx *c, const cJSON *root,
                             struct iss_team *t)
{
    const cJSON *obj = jfield(root, "type_places"), *it;
    char q[ISS_JPATH];

    if (obj == NULL)
        return;
    if (!cJSON_IsObject(obj)) {
        jproblem(c, "type_places", obj, "an object of session type id to "
                                        "place id is expected");
        return;
    }
    cJSON_ArrayForEach(it, obj) {
        int ty, pl;
        const cJSON *o;
        bool twice = false;
        jpath_key(q, "type_places", it->string);
        for (o = obj->child; o != it; o = o->next)
            if (strcmp(o->string, it->string) == 0)
                twice = true;
        if (twice) {
            jproblem(c, q, it, "the type is listed twice");
            continue;
        }
        ty = iss_team_type_index(t, it->string);
        if (ty < 0) {
            jproblem(c, q, it, "no session type has this id");
            continue;
        }
        if (!cJSON_IsString(it) || it->valuestring == NULL) {
            jproblem(c, q, it, "a place id is expected");
            continue;
        }
        pl = iss_team_place_index(t, it->valuestring);
        if (pl < 0) {
            jproblem(c, q, it, "no place has this id in places%s",
                     t->n_places == 0 ? " (team.json lists none)" : "");
            continue;
        }
        if (t->types[ty].place >= 0 && t->types[ty].place != pl) {
            jproblem(c, q, it, "session type \"%s\" already names its "
                               "place (session_types[].place): give it in "
                               "one of the two", it->string);
            continue;
        }
        t->types[ty].place = pl;
    }
}

/* ---- places and the letterhead ---- */

static void read_places(struct jctx *c, const cJSON *root, struct iss_team *t)
{
    static const char *const fields[] = {"id", "name", "address", NULL};
    static const char *shows = "a child's calendar (LOCATION) and letter "
                               "show this";
    const cJSON *list = jlist(c, root, "", "places", false, 200);
    const cJSON *it;
    char p[ISS_JPATH], q[ISS_JPATH];
    int i = 0;

    if (list == NULL)
        return;
    t->places = iss_arena_calloc(c->arena,
                                 (size_t)cJSON_GetArraySize(list) + 1,
                                 sizeof *t->places);
    if (t->places == NULL)
        return;
    cJSON_ArrayForEach(it, list) {
        struct iss_place *pl = &t->places[t->n_places];
        size_t j;

        jpath_idx(p, "places", i++);
        if (!jobject(c, it, p, fields))
            continue;
        memset(pl, 0, sizeof *pl);
        if (jident(c, it, p, "id", true, true, &pl->id)) {
            for (j = 0; j < t->n_places; j++)
                if (strcmp(t->places[j].id, pl->id) == 0) {
                    jproblem(c, jpath_key(q, p, "id"), jfield(it, "id"),
                             "places[%zu] has the same id; ids must be "
                             "unique", j);
                    pl->id = NULL;
                    break;
                }
        }
        if (jstring(c, it, p, "name", true, 100, &pl->name)) {
            if (pl->name[0] == '\0')
                jproblem(c, jpath_key(q, p, "name"), jfield(it, "name"),
                         "empty; give the name the child knows the place "
                         "by (e.g. \"Millbrook Centre\", \"Home visit\")");
            else
                neutral(c, it, p, "name", pl->name, shows);
        }
        pl->address = "";
        if (jstring(c, it, p, "address", false, 200, &pl->address) &&
            pl->address != NULL)
            neutral(c, it, p, "address", pl->address, shows);
        if (pl->address == NULL)
            pl->address = "";
        if (pl->id != NULL) {
            if (pl->name == NULL)
                pl->name = pl->id;
            t->n_places++;
        }
    }
}

/* "+44 118 496 0000", "0118 496 0000", "(0118) 496-0000": digits, spaces,
 * + first, brackets, hyphens; 6 to 15 digits (ITU E.164 allows 15). */
static bool phone_valid(const char *s)
{
    int digits = 0;
    size_t i;

    for (i = 0; s[i]; i++) {
        char ch = s[i];
        if (ch >= '0' && ch <= '9')
            digits++;
        else if (ch == '+' ? i != 0 : strchr(" ()-", ch) == NULL)
            return false;
    }
    return digits >= 6 && digits <= 15;
}

/* name@example.org: one @, something before it, a dotted domain after,
 * no spaces, printable ASCII. */
static bool email_valid(const char *s)
{
    const char *at = strchr(s, '@'), *dot, *q;

    if (at == NULL || at == s || strchr(at + 1, '@') != NULL)
        return false;
    for (q = s; *q; q++)
        if (*q <= ' ' || *q > '~' || strchr("<>()[],;:\\\"", *q) != NULL)
            return false;
    dot = strrchr(at + 1, '.');
    return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

static void read_letterhead(struct jctx *c, const cJSON *root,
                            struct iss_team *t)
{
    static const char *const fields[] = {"name", "address", "phone", "email",
                                         "opening_hours", NULL};
    static const char *shows = "the letter to a child (and whoever picks "
                               "it up) shows this";
    const cJSON *obj = jfield(root, "letterhead");
    struct iss_letterhead *lh = &t->letterhead;
    const char *P = "letterhead";
    char q[ISS_JPATH];
    char *name = NULL;

    lh->email = lh->opening_hours = "";
    if (obj == NULL)
        return;
    if (!jobject(c, obj, P, fields))
        return;
    if (jstring(c, obj, P, "name", true, 100, &name)) {
        if (name[0] == '\0')
            jproblem(c, jpath_key(q, P, "name"), jfield(obj, "name"),
                     "empty; give the service's name as families know it");
        else
            neutral(c, obj, P, "name", name, shows);
    }
    if (jstring(c, obj, P, "address", true, 200, &lh->address)) {
        if (lh->address[0] == '\0')
            jproblem(c, jpath_key(q, P, "address"), jfield(obj, "address"),
                     "empty; give the postal address letters come from");
        else
            neutral(c, obj, P, "address", lh->address, shows);
    }
    if (jstring(c, obj, P, "phone", true, 40, &lh->phone) &&
        !phone_valid(lh->phone))
        jproblem(c, jpath_key(q, P, "phone"), jfield(obj, "phone"),
                 "a phone number: 6 to 15 digits, with spaces, brackets, "
                 "hyphens and a leading + allowed (e.g. \"0118 496 0000\")");
    if (jstring(c, obj, P, "email", false, 100, &lh->email) &&
        lh->email != NULL && !email_valid(lh->email))
        jproblem(c, jpath_key(q, P, "email"), jfield(obj, "email"),
                 "an e-mail address like \"team@example.org\" (no spaces)");
    if (jstring(c, obj, P, "opening_hours", false, 200,
                &lh->opening_hours) &&
        lh->opening_hours != NULL)
        neutral(c, obj, P, "opening_hours", lh->opening_hours, shows);
    if (lh->email == NULL)
        lh->email = "";
    if (lh->opening_hours == NULL)
        lh->opening_hours = "";
    lh->name = name;
}

static void read_planning_day(struct jctx *c, const cJSON *root,
                              struct iss_team *t)
{
    static const char *const fields[] = {"earliest", "latest", NULL};
    const cJSON *obj = jfield(root, "planning_day");
    const char *names[2] = {"earliest", "latest"};
    int *dest[2] = {&t->day_earliest, &t->day_latest};
    char q[ISS_JPATH];
    int k;

    t->day_earliest = 8 * 60;
    t->day_latest = 21 * 60;
    if (obj == NULL)
        return;
    if (!jobject(c, obj, "planning_day", fields))
        return;
    for (k = 0; k < 2; k++) {
        const cJSON *it = jfield(obj, names[k]);
        int m;
        jpath_key(q, "planning_day", names[k]);
        if (it == NULL) {
            jproblem(c, q, NULL, "missing: a time \"HH:MM\" is required");
            continue;
        }
        m = cJSON_IsString(it) && it->valuestring
                ? iss_clock_parse(it->valuestring, k == 1)
                : -1;
        if (m < 0 || m % 15 != 0) {
            jproblem(c, q, it, "a time \"HH:MM\" on the quarter hour is "
                               "expected");
            continue;
        }
        *dest[k] = m;
    }
    if (t->day_latest <= t->day_earliest) {
        jproblem(c, "planning_day.latest", jfield(obj, "latest"),
                 "must be after earliest");
    }
}

int iss_team_from_json(struct jctx *c, const cJSON *root,
                       struct iss_team *t)
{
    const cJSON *list, *it;
    int before = c->problems, i = 0;
    char p[ISS_JPATH];

    memset(t, 0, sizeof *t);
    t->file = iss_arena_strdup(c->arena, c->file);
    iss_policy_defaults(&t->policy);
    if (!jobject(c, root, "", team_fields))
        return ISS_EINPUT;
    t->roles = iss_arena_calloc(c->arena, ISS_MAX_ROLES, sizeof *t->roles);
    if (t->roles == NULL || t->file == NULL)
        return ISS_EFAIL;
    jstring(c, root, "", "service", true, 200, &t->service);
    read_planning_day(c, root, t);
    read_staff(c, root, t);
    t->default_place = -1;
    read_places(c, root, t);
    if (jfield(root, "default_place") != NULL)
        t->default_place = place_ref(c, root, "", "default_place", t);
    read_letterhead(c, root, t);
    read_session_types(c, root, t);
    read_type_places(c, root, t);
    read_policy(c, root, &t->policy);
    list = jlist(c, root, "", "extra_holidays", false, 1000);
    if (list != NULL) {
        t->extra_holidays = iss_arena_calloc(
            c->arena, (size_t)cJSON_GetArraySize(list) + 1, sizeof(iss_date));
        cJSON_ArrayForEach(it, list) {
            iss_date d;
            jpath_idx(p, "extra_holidays", i++);
            if (t->extra_holidays == NULL)
                break;
            if (!cJSON_IsString(it) || it->valuestring == NULL ||
                iss_date_parse(it->valuestring, &d) != 0) {
                jproblem(c, p, it, "a real date \"YYYY-MM-DD\" is "
                                   "expected");
                continue;
            }
            t->extra_holidays[t->n_extra_holidays++] = d;
        }
    }
    return c->problems != before ? ISS_EINPUT : 0;
}
