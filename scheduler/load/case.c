/* iss - case files: a child's order, timetable, staff preferences, pins.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
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

/* Curfew limits (Sentencing Act 2020 Sch 6 para 18, as amended by the
 * Police, Crime, Sentencing and Courts Act 2022 Sch 17 for convictions on
 * or after 28 June 2022). */
#define CURFEW_MIN_MINUTES 120
#define CURFEW_MAX_DAY_OLD (16 * 60)
#define CURFEW_MAX_DAY_NEW (20 * 60)
#define CURFEW_MAX_WEEK_NEW (112 * 60)

static iss_date pcsc_commencement(void)
{
    return iss_date_from_ymd(2022, 6, 28);
}

/* ---- queries ---- */

bool iss_entry_on(const struct iss_entry *e, iss_date day)
{
    size_t i;

    if (e->date != ISS_DATE_NONE) {
        if (day != e->date)
            return false;
    } else {
        if (!(e->days & (1u << iss_weekday(day))))
            return false;
        if (e->from != ISS_DATE_NONE && day < e->from)
            return false;
        if (e->to != ISS_DATE_NONE && day > e->to)
            return false;
    }
    for (i = 0; i < e->n_except; i++)
        if (day >= e->except[i].from && day <= e->except[i].to)
            return false;
    return true;
}

int iss_age_on(iss_date dob, iss_date on)
{
    int by, bm, bd, y, m, d, age;

    iss_date_to_ymd(dob, &by, &bm, &bd);
    iss_date_to_ymd(on, &y, &m, &d);
    age = y - by;
    if (m < bm || (m == bm && d < bd))
        age--;
    return age;
}

bool iss_case_active_on(const struct iss_case *c, iss_date day)
{
    return day >= c->order_start && day <= c->order_end;
}

static size_t add_busy(struct iss_busy *out, size_t n, size_t max, int start,
                       int end, enum iss_busy_kind kind, int entry)
{
    if (start < 0)
        start = 0;
    if (end > 1440)
        end = 1440;
    if (end <= start)
        return n;
    if (n < max)
        out[n] = (struct iss_busy){start, end, kind, entry};
    return n + 1;
}

/* The parts of entries' periods that fall on day: those starting on day,
 * and the after-midnight part of those that started the day before. */
static size_t entries_busy(const struct iss_entry *list, size_t count,
                           iss_date day, enum iss_busy_kind kind,
                           struct iss_busy *out, size_t n, size_t max)
{
    size_t i;

    for (i = 0; i < count; i++) {
        const struct iss_entry *e = &list[i];
        bool night = iss_clock_period_overnight(&e->time);
        if (iss_entry_on(e, day))
            n = add_busy(out, n, max, e->time.start,
                         night ? 1440 : e->time.end, kind, (int)i);
        if (night && iss_entry_on(e, day - 1))
            n = add_busy(out, n, max, 0, e->time.end, kind, (int)i);
    }
    return n;
}

/* A curfew is part of the order: a period starts only on a day the order
 * is in force (so the night before the first day holds none). */
static bool curfew_on(const struct iss_case *c, const struct iss_entry *e,
                      iss_date day)
{
    return iss_case_active_on(c, day) && iss_entry_on(e, day);
}

static size_t curfew_busy(const struct iss_case *c, iss_date day,
                          struct iss_busy *out, size_t n, size_t max)
{
    size_t i;

    for (i = 0; i < c->n_curfew; i++) {
        const struct iss_entry *e = &c->curfew[i];
        bool night = iss_clock_period_overnight(&e->time);
        if (curfew_on(c, e, day))
            n = add_busy(out, n, max, e->time.start,
                         night ? 1440 : e->time.end, ISS_BUSY_CURFEW,
                         (int)i);
        if (night && curfew_on(c, e, day - 1))
            n = add_busy(out, n, max, 0, e->time.end, ISS_BUSY_CURFEW,
                         (int)i);
    }
    return n;
}

size_t iss_case_busy(const struct iss_case *c, iss_date day,
                     int travel_before_curfew, int travel_after_education,
                     struct iss_busy *out, size_t max)
{
    size_t n = 0, i;

    if (!iss_case_active_on(c, day))
        return add_busy(out, n, max, 0, 1440, ISS_BUSY_OUTSIDE_ORDER, -1);
    n = entries_busy(c->education, c->n_education, day, ISS_BUSY_EDUCATION,
                     out, n, max);
    n = curfew_busy(c, day, out, n, max);
    n = entries_busy(c->commitments, c->n_commitments, day,
                     ISS_BUSY_COMMITMENT, out, n, max);
    /* Time to get from school, college or work to a session. */
    if (travel_after_education > 0)
        for (i = 0; i < c->n_education; i++) {
            const struct iss_entry *e = &c->education[i];
            bool night = iss_clock_period_overnight(&e->time);
            if (iss_entry_on(e, night ? day - 1 : day))
                n = add_busy(out, n, max, e->time.end,
                             e->time.end + travel_after_education,
                             ISS_BUSY_EDU_TRAVEL, (int)i);
        }
    if (travel_before_curfew > 0) {
        for (i = 0; i < c->n_curfew; i++) {
            const struct iss_entry *e = &c->curfew[i];
            int s = e->time.start;
            if (curfew_on(c, e, day))
                n = add_busy(out, n, max, s - travel_before_curfew, s,
                             ISS_BUSY_TRAVEL, (int)i);
            if (curfew_on(c, e, day + 1) && s < travel_before_curfew)
                n = add_busy(out, n, max,
                             1440 - (travel_before_curfew - s), 1440,
                             ISS_BUSY_TRAVEL, (int)i);
        }
    }
    return n;
}

bool iss_case_em_curfew_on(const struct iss_case *c, iss_date day)
{
    size_t i;

    if (!iss_case_active_on(c, day))
        return false;
    for (i = 0; i < c->n_curfew; i++) {
        const struct iss_entry *e = &c->curfew[i];
        if (!e->electronic_monitoring)
            continue;
        if (curfew_on(c, e, day))
            return true;
        if (iss_clock_period_overnight(&e->time) && curfew_on(c, e, day - 1))
            return true;
    }
    return false;
}

static int busy_cmp(const void *a, const void *b)
{
    const struct iss_busy *x = a, *y = b;

    return (x->start > y->start) - (x->start < y->start);
}

int iss_case_education_minutes(const struct iss_case *c, iss_date day)
{
    struct iss_busy b[ISS_BUSY_MAX];
    size_t n, i;
    int total = 0, reach = 0;

    if (!iss_case_active_on(c, day))
        return 0;
    n = 0;
    for (i = 0; i < c->n_education; i++) {
        const struct iss_entry *e = &c->education[i];
        if (e->counts)
            n = entries_busy(e, 1, day, ISS_BUSY_EDUCATION, b, n,
                                 ISS_BUSY_MAX);
    }
    if (n > ISS_BUSY_MAX)
        n = ISS_BUSY_MAX;
    qsort(b, n, sizeof b[0], busy_cmp);
    for (i = 0; i < n; i++) {
        int s = b[i].start > reach ? b[i].start : reach;
        if (b[i].end > s)
            total += b[i].end - s;
        if (b[i].end > reach)
            reach = b[i].end;
    }
    return total;
}

/* ---- reading ---- */

enum entry_kind { ENTRY_EDUCATION, ENTRY_CURFEW, ENTRY_COMMITMENT };

static const char *const education_fields[] = {
    "what", "days", "time", "from", "to", "except", "counts", NULL};
static const char *const curfew_fields[] = {
    "days", "time", "from", "to", "except", "electronic_monitoring", NULL};
static const char *const commitment_fields[] = {
    "what", "days", "date", "time", "from", "to", "except", NULL};

static void read_entries(struct jctx *c, const cJSON *root, const char *key,
                         enum entry_kind kind, struct iss_entry **out,
                         size_t *n)
{
    const cJSON *list = jlist(c, root, "", key, false, 200);
    const cJSON *it;
    char p[ISS_JPATH], q[ISS_JPATH];
    int i = 0;

    *out = NULL;
    *n = 0;
    if (list == NULL)
        return;
    *out = iss_arena_calloc(c->arena, (size_t)cJSON_GetArraySize(list) + 1,
                            sizeof **out);
    if (*out == NULL)
        return;
    cJSON_ArrayForEach(it, list) {
        struct iss_entry e;
        const char *const *fields =
            kind == ENTRY_EDUCATION ? education_fields
            : kind == ENTRY_CURFEW  ? curfew_fields
                                    : commitment_fields;
        bool ok = true;

        memset(&e, 0, sizeof e);
        e.days = ISS_ALL_DAYS;
        e.date = e.from = e.to = ISS_DATE_NONE;
        e.counts = true;
        jpath_idx(p, key, i++);
        if (!jobject(c, it, p, fields))
            continue;
        if (kind != ENTRY_CURFEW)
            ok &= jstring(c, it, p, "what", true, 100, &e.what);
        else
            e.what = "curfew";
        if (kind == ENTRY_COMMITMENT && jfield(it, "date") != NULL) {
            if (jfield(it, "days") != NULL) {
                jproblem(c, jpath_key(q, p, "date"), jfield(it, "date"),
                         "a commitment has either \"days\" (weekly) or "
                         "\"date\" (one-off), never both");
                ok = false;
            }
            if (jfield(it, "from") != NULL || jfield(it, "to") != NULL) {
                jproblem(c, jpath_key(q, p, "date"), jfield(it, "date"),
                         "a one-off commitment has no \"from\"/\"to\"");
                ok = false;
            }
            ok &= jdate(c, it, p, "date", true, &e.date);
            e.days = 0;
        } else if (jfield(it, "days") != NULL) {
            ok &= jdays(c, it, p, "days", false, &e.days);
        }
        ok &= jperiod(c, it, p, "time", true, true, &e.time);
        if (jfield(it, "from") != NULL)
            ok &= jdate(c, it, p, "from", false, &e.from);
        if (jfield(it, "to") != NULL)
            ok &= jdate(c, it, p, "to", false, &e.to);
        if (e.from != ISS_DATE_NONE && e.to != ISS_DATE_NONE &&
            e.to < e.from) {
            jproblem(c, jpath_key(q, p, "to"), jfield(it, "to"),
                     "before \"from\"");
            ok = false;
        }
        ok &= jranges(c, it, p, "except", &e.except, &e.n_except);
        if (kind == ENTRY_CURFEW)
            jbool(c, it, p, "electronic_monitoring", false,
                  &e.electronic_monitoring);
        if (kind == ENTRY_EDUCATION)
            jbool(c, it, p, "counts", false, &e.counts);
        if (ok)
            (*out)[(*n)++] = e;
    }
}

/* Read a list of staff ids into indices; reports unknown ids. */
static int *read_staff_ids(struct jctx *c, const cJSON *obj,
                           const char *path, const char *key,
                           const struct iss_team *team, size_t *n)
{
    const cJSON *list = jlist(c, obj, path, key, false, 500);
    const cJSON *it;
    char p[ISS_JPATH], q[ISS_JPATH];
    int *ids, i = 0;
    size_t k;

    *n = 0;
    if (list == NULL)
        return NULL;
    jpath_key(p, path, key);
    ids = iss_arena_calloc(c->arena, (size_t)cJSON_GetArraySize(list) + 1,
                           sizeof *ids);
    if (ids == NULL)
        return NULL;
    cJSON_ArrayForEach(it, list) {
        int s;
        jpath_idx(q, p, i++);
        if (!cJSON_IsString(it) || it->valuestring == NULL) {
            jproblem(c, q, it, "a staff id in double quotes is expected");
            continue;
        }
        s = iss_team_staff_index(team, it->valuestring);
        if (s < 0) {
            jproblem(c, q, it, "no staff member has this id in %s",
                     team->file ? team->file : "team.json");
            continue;
        }
        for (k = 0; k < *n; k++)
            if (ids[k] == s)
                break;
        if (k < *n) {
            jproblem(c, q, it, "listed twice");
            continue;
        }
        ids[(*n)++] = s;
    }
    return ids;
}

static bool in_list(const int *ids, size_t n, int s)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (ids[i] == s)
            return true;
    return false;
}

static const char *const staff_pref_fields[] = {
    "key_worker", "only", "avoid", "max_distinct", NULL};

static void read_staff_prefs(struct jctx *c, const cJSON *root,
                             const struct iss_team *team, struct iss_case *k)
{
    const cJSON *obj = jfield(root, "staff");
    const char *P = "staff";
    char q[ISS_JPATH];
    char *kw = NULL;
    size_t i;

    k->key_worker = -1;
    if (obj == NULL)
        return;
    if (!jobject(c, obj, P, staff_pref_fields))
        return;
    if (jident(c, obj, P, "key_worker", false, false, &kw) && kw != NULL) {
        k->key_worker = iss_team_staff_index(team, kw);
        if (k->key_worker < 0)
            jproblem(c, "staff.key_worker", jfield(obj, "key_worker"),
                     "no staff member has this id in %s", team->file);
    }
    k->only = read_staff_ids(c, obj, P, "only", team, &k->n_only);
    k->avoid = read_staff_ids(c, obj, P, "avoid", team, &k->n_avoid);
    if (jfield(obj, "only") != NULL && cJSON_IsArray(jfield(obj, "only")) &&
        cJSON_GetArraySize(jfield(obj, "only")) == 0)
        jproblem(c, "staff.only", NULL,
                 "empty: nobody could work with this child; leave it out "
                 "to allow anyone");
    jint(c, obj, P, "max_distinct", false, 1, 50, &k->max_distinct);
    if (k->key_worker >= 0) {
        if (k->n_only > 0 && !in_list(k->only, k->n_only, k->key_worker))
            jproblem(c, "staff.key_worker", jfield(obj, "key_worker"),
                     "the key worker is not on the only list; add them "
                     "to staff.only");
        if (in_list(k->avoid, k->n_avoid, k->key_worker))
            jproblem(c, "staff.key_worker", jfield(obj, "key_worker"),
                     "the key worker is also on the avoid list");
    }
    for (i = 0; i < k->n_avoid; i++)
        if (in_list(k->only, k->n_only, k->avoid[i]))
            jproblem(c, jpath_idx(q, "staff.avoid", (int)i),
                     cJSON_GetArrayItem(jfield(obj, "avoid"), (int)i),
                     "also on the only list; a staff member is either "
                     "allowed or avoided");
}

static const char *const override_fields[] = {
    "curfew_counts_as_contact", "contacts_on_bank_holidays",
    "contacts_within_iss_days_only", "contact_days", NULL};

static void read_overrides(struct jctx *c, const cJSON *root,
                           struct iss_contact_rules *r)
{
    const cJSON *obj = jfield(root, "band_overrides");
    const char *P = "band_overrides";

    if (obj == NULL || !jobject(c, obj, P, override_fields))
        return;
    jbool(c, obj, P, "curfew_counts_as_contact", false,
          &r->curfew_counts_as_contact);
    jbool(c, obj, P, "contacts_on_bank_holidays", false,
          &r->contacts_on_bank_holidays);
    jbool(c, obj, P, "contacts_within_iss_days_only", false,
          &r->contacts_within_iss_days_only);
    if (jfield(obj, "contact_days") != NULL)
        jdays(c, obj, P, "contact_days", false, &r->contact_days);
}

static void read_weekly_sessions(struct jctx *c, const cJSON *root,
                                 const struct iss_team *team,
                                 struct iss_case *k)
{
    static const char *const fields[] = {"type", "count", "max", NULL};
    const cJSON *list = jlist(c, root, "", "weekly_sessions", false, 100);
    const cJSON *it;
    char p[ISS_JPATH], q[ISS_JPATH];
    int i = 0;
    size_t j;

    if (list == NULL)
        return;
    k->weekly_sessions = iss_arena_calloc(
        c->arena, (size_t)cJSON_GetArraySize(list) + 1,
        sizeof *k->weekly_sessions);
    if (k->weekly_sessions == NULL)
        return;
    cJSON_ArrayForEach(it, list) {
        struct iss_weekly_sessions ws = {-1, 0, -1};
        char *type = NULL;
        jpath_idx(p, "weekly_sessions", i++);
        if (!jobject(c, it, p, fields))
            continue;
        if (jident(c, it, p, "type", true, true, &type)) {
            ws.type = iss_team_type_index(team, type);
            if (ws.type < 0)
                jproblem(c, jpath_key(q, p, "type"), jfield(it, "type"),
                         "no such session type in %s", team->file);
        }
        if (!jint(c, it, p, "count", true, 0, 50, &ws.count))
            continue;
        if (jfield(it, "max") != NULL &&
            jint(c, it, p, "max", false, 0, 50, &ws.max) &&
            ws.max < ws.count) {
            jproblem(c, jpath_key(q, p, "max"), jfield(it, "max"),
                     "must be at least count (%d)", ws.count);
            continue;
        }
        if (ws.type < 0)
            continue;
        for (j = 0; j < k->n_weekly_sessions; j++)
            if (k->weekly_sessions[j].type == ws.type)
                break;
        if (j < k->n_weekly_sessions) {
            jproblem(c, jpath_key(q, p, "type"), jfield(it, "type"),
                     "the type is listed twice; give one count");
            continue;
        }
        k->weekly_sessions[k->n_weekly_sessions++] = ws;
    }
}

static const char *busy_name(const struct iss_case *k,
                             const struct iss_busy *b, char *buf,
                             size_t size)
{
    const struct iss_entry *e = NULL;
    const char *list = "";
    char t1[6], t2[6];

    switch (b->kind) {
    case ISS_BUSY_EDUCATION:
    case ISS_BUSY_EDU_TRAVEL:
        e = &k->education[b->entry];
        list = "education";
        break;
    case ISS_BUSY_CURFEW:
    case ISS_BUSY_TRAVEL:
        e = &k->curfew[b->entry];
        list = "curfew";
        break;
    case ISS_BUSY_COMMITMENT:
        e = &k->commitments[b->entry];
        list = "commitments";
        break;
    case ISS_BUSY_OUTSIDE_ORDER:
        snprintf(buf, size, "the order's dates");
        return buf;
    }
    snprintf(buf, size, "%s%s[%d] (%s %s-%s)",
             b->kind == ISS_BUSY_TRAVEL       ? "the travel time before "
             : b->kind == ISS_BUSY_EDU_TRAVEL ? "the travel time after "
                                              : "",
             list, b->entry, e->what, iss_clock_format(e->time.start, t1),
             iss_clock_format(e->time.end, t2));
    return buf;
}

static const char *const pin_fields[] = {"date", "time", "type", "staff",
                                         "place", NULL};

static void read_pins(struct jctx *c, const cJSON *root,
                      const struct iss_team *team, struct iss_case *k)
{
    const cJSON *list = jlist(c, root, "", "pinned", false, 200);
    const cJSON *it;
    char p[ISS_JPATH], q[ISS_JPATH];
    int i = 0;

    if (list == NULL)
        return;
    k->pins = iss_arena_calloc(c->arena, (size_t)cJSON_GetArraySize(list) + 1,
                               sizeof *k->pins);
    if (k->pins == NULL)
        return;
    cJSON_ArrayForEach(it, list) {
        struct iss_pin pin;
        char *type = NULL;
        const cJSON *sl;
        bool ok = true;

        memset(&pin, 0, sizeof pin);
        pin.type = -1;
        pin.place = -1;
        jpath_idx(p, "pinned", i++);
        if (!jobject(c, it, p, pin_fields))
            continue;
        ok &= jdate(c, it, p, "date", true, &pin.date);
        if (jperiod(c, it, p, "time", true, false, &pin.time)) {
            if (pin.time.start % 15 != 0 || pin.time.end % 15 != 0) {
                jproblem(c, jpath_key(q, p, "time"), jfield(it, "time"),
                         "a pinned session starts and ends on the quarter "
                         "hour (planning uses a 15-minute grid)");
                ok = false;
            }
        } else {
            ok = false;
        }
        if (jident(c, it, p, "type", true, true, &type)) {
            pin.type = iss_team_type_index(team, type);
            if (pin.type < 0) {
                jproblem(c, jpath_key(q, p, "type"), jfield(it, "type"),
                         "no such session type in %s", team->file);
                ok = false;
            }
        } else {
            ok = false;
        }
        if (jfield(it, "place") != NULL) {
            char *place = NULL;
            if (jident(c, it, p, "place", true, true, &place)) {
                pin.place = iss_team_place_index(team, place);
                if (pin.place < 0) {
                    jproblem(c, jpath_key(q, p, "place"),
                             jfield(it, "place"),
                             "no place has this id in the places of %s",
                             team->file);
                    ok = false;
                }
            } else {
                ok = false;
            }
        }
        sl = jlist(c, it, p, "staff", true, 2);
        if (sl != NULL) {
            const cJSON *s;
            int j = 0;
            char r[ISS_JPATH];
            jpath_key(q, p, "staff");
            cJSON_ArrayForEach(s, sl) {
                int idx;
                jpath_idx(r, q, j++);
                if (!cJSON_IsString(s) || s->valuestring == NULL) {
                    jproblem(c, r, s, "a staff id is expected");
                    ok = false;
                    continue;
                }
                idx = iss_team_staff_index(team, s->valuestring);
                if (idx < 0) {
                    jproblem(c, r, s, "no staff member has this id in %s",
                             team->file);
                    ok = false;
                    continue;
                }
                if (pin.n_staff == 1 && pin.staff[0] == idx) {
                    jproblem(c, r, s, "listed twice");
                    ok = false;
                    continue;
                }
                pin.staff[pin.n_staff++] = idx;
            }
            if (ok && pin.n_staff != (k->double_staffed ? 2 : 1)) {
                jproblem(c, q, sl,
                         k->double_staffed
                             ? "the case is double-staffed: give two staff"
                             : "give one staff member (two only for a "
                               "double-staffed case)");
                ok = false;
            }
        } else {
            ok = false;
        }
        if (ok)
            k->pins[k->n_pins++] = pin;
    }
}

/* Checks of pins against the case's own timetable, staff and order. */
static void check_pins(struct jctx *c, const struct iss_team *team,
                       const struct iss_holidays *holidays,
                       struct iss_case *k)
{
    size_t i, j;
    char p[ISS_JPATH], d[ISS_HDATE_BUFSZ], what[160], t1[6], t2[6];
    struct iss_busy busy[ISS_BUSY_MAX];

    for (i = 0; i < k->n_pins; i++) {
        const struct iss_pin *pin = &k->pins[i];
        const struct iss_session_type *ty = &team->types[pin->type];
        bool role = false;
        size_t n;
        int s;

        jpath_idx(p, "pinned", (int)i);
        iss_date_human(pin->date, d);
        if (!iss_case_active_on(k, pin->date)) {
            char a[ISS_DATE_BUFSZ], b[ISS_DATE_BUFSZ];
            jproblem(c, p, NULL, "%s is outside the order (%s to %s)", d,
                     iss_date_format(k->order_start, a),
                     iss_date_format(k->order_end, b));
            continue;
        }
        if (pin->time.start < team->day_earliest ||
            pin->time.end > team->day_latest) {
            char a[6], b[6];
            jproblem(c, p, NULL,
                     "%s %s-%s is outside the planning day %s-%s "
                     "(team.json planning_day)",
                     d, iss_clock_format(pin->time.start, t1),
                     iss_clock_format(pin->time.end, t2),
                     iss_clock_format(team->day_earliest, a),
                     iss_clock_format(team->day_latest, b));
        }
        /* A pin may start straight after education (a person chose it). */
        n = iss_case_busy(k, pin->date,
                          team->policy.travel_minutes_before_curfew, 0, busy,
                          ISS_BUSY_MAX);
        for (j = 0; j < n && j < ISS_BUSY_MAX; j++) {
            if (busy[j].start < pin->time.end &&
                pin->time.start < busy[j].end) {
                jproblem(c, p, NULL,
                         "%s %s-%s clashes with %s; a pin must fit the "
                         "child's own timetable",
                         d, iss_clock_format(pin->time.start, t1),
                         iss_clock_format(pin->time.end, t2),
                         busy_name(k, &busy[j], what, sizeof what));
                break;
            }
        }
        for (j = 0; j < i; j++) {
            const struct iss_pin *o = &k->pins[j];
            if (o->date == pin->date && o->time.start < pin->time.end &&
                pin->time.start < o->time.end)
                jproblem(c, p, NULL, "overlaps pinned[%zu] on %s", j, d);
        }
        for (s = 0; s < pin->n_staff; s++) {
            const struct iss_staff *st = &team->staff[pin->staff[s]];
            struct iss_staff_day sd;
            char q[ISS_JPATH], r[ISS_JPATH];
            jpath_idx(r, jpath_key(q, p, "staff"), s);
            if (!k->permitted[pin->staff[s]])
                jproblem(c, r, NULL, "\"%s\" may not work with this child "
                                     "(staff.only / staff.avoid)",
                         st->id);
            iss_staff_day(st, holidays, pin->date, &sd);
            if (sd.kind == ISS_DAY_LEAVE)
                jproblem(c, r, NULL, "\"%s\" is on leave on %s", st->id, d);
            else if (sd.kind == ISS_DAY_BANK_HOLIDAY)
                jproblem(c, r, NULL, "\"%s\" does not work bank holidays "
                                     "(\"bank_holidays\": false) and %s is "
                                     "one", st->id, d);
            if (st->roles & ty->roles)
                role = true;
        }
        if (!role)
            jproblem(c, p, NULL, "no staff member of the pin holds a role "
                                 "that may deliver \"%s\"", ty->id);
    }
    if (k->max_distinct > 0) {
        int seen[200], ns = 0, s;
        for (i = 0; i < k->n_pins; i++)
            for (s = 0; s < k->pins[i].n_staff; s++) {
                int x;
                for (x = 0; x < ns; x++)
                    if (seen[x] == k->pins[i].staff[s])
                        break;
                if (x == ns && ns < 200)
                    seen[ns++] = k->pins[i].staff[s];
            }
        if (ns > k->max_distinct)
            jproblem(c, "staff.max_distinct", NULL,
                     "the pins alone use %d different staff, more than %d",
                     ns, k->max_distinct);
    }
}

/* ---- the curfew and the law ---- */

/* The days on which an entry's periods start, within the order. */
static void entry_span(const struct iss_case *k, const struct iss_entry *e,
                       iss_date *first, iss_date *last)
{
    iss_date a = e->from != ISS_DATE_NONE ? e->from : k->order_start;
    iss_date b = e->to != ISS_DATE_NONE ? e->to : k->order_end;

    if (e->date != ISS_DATE_NONE)
        a = b = e->date;
    while (a <= b && !iss_entry_on(e, a))
        a++;
    while (b >= a && !iss_entry_on(e, b))
        b--;
    *first = a;
    *last = b;
}

/* Elapsed curfew minutes on day (periods split at midnight), and the first
 * entry that contributes. */
static int curfew_day_minutes(const struct iss_case *k, iss_date day,
                              int *entry)
{
    struct iss_busy b[ISS_BUSY_MAX];
    size_t n = curfew_busy(k, day, b, 0, ISS_BUSY_MAX);
    size_t i;
    int reach = 0;
    int64_t total = 0;

    if (n > ISS_BUSY_MAX)
        n = ISS_BUSY_MAX;
    qsort(b, n, sizeof b[0], busy_cmp);
    *entry = n > 0 ? b[0].entry : -1;
    for (i = 0; i < n; i++) {
        int s = b[i].start > reach ? b[i].start : reach;
        if (b[i].end > s)
            total += iss_local_elapsed_minutes(day, s, day, b[i].end);
        if (b[i].end > reach)
            reach = b[i].end;
    }
    return (int)total;
}

static void hm(int minutes, char *buf, size_t size)
{
    iss_hours_text(minutes, ISS_HOURS_WORDS, buf, size);
}

/* Each curfew entry's own checks (at least 2 h, within the order), and
 * the span of all: the first day, the day after the last (an overnight
 * period ends the next day) and the entry that reaches it. */
static void curfew_entries(struct jctx *c, const cJSON *list,
                           const struct iss_case *k, iss_date *first,
                           iss_date *last, int *last_entry)
{
    char p[ISS_JPATH], q[ISS_JPATH], a[32], t1[ISS_DATE_BUFSZ];
    size_t i;

    for (i = 0; i < k->n_curfew; i++) {
        const struct iss_entry *e = &k->curfew[i];
        const cJSON *item = cJSON_GetArrayItem(list, (int)i);
        int len = iss_clock_period_minutes(&e->time);
        iss_date f, l;

        jpath_idx(p, "curfew", (int)i);
        if (len < CURFEW_MIN_MINUTES) {
            hm(len, a, sizeof a);
            jproblem(c, jpath_key(q, p, "time"), jfield(item, "time"),
                     "is %s; a curfew period is at least 2 h (Sentencing "
                     "Act 2020 Sch 6 para 18)", a);
        }
        if (e->from != ISS_DATE_NONE && e->from < k->order_start)
            jproblem(c, jpath_key(q, p, "from"), jfield(item, "from"),
                     "before the order starts (%s)",
                     iss_date_format(k->order_start, t1));
        if (e->to != ISS_DATE_NONE && e->to > k->order_end)
            jproblem(c, jpath_key(q, p, "to"), jfield(item, "to"),
                     "after the order ends (%s)",
                     iss_date_format(k->order_end, t1));
        entry_span(k, e, &f, &l);
        if (f > l)
            continue;
        if (iss_clock_period_overnight(&e->time))
            l++;
        if (*first == ISS_DATE_NONE || f < *first)
            *first = f;
        if (*last == ISS_DATE_NONE || l > *last) {
            *last = l;
            *last_entry = (int)i;
        }
    }
}

/* All within 12 months of its first day. */
static void curfew_year(struct jctx *c, const struct iss_case *k,
                        iss_date first, iss_date last, int last_entry)
{
    iss_date limit_day = iss_add_months(first, 12) - 1;
    char p[ISS_JPATH], d[ISS_HDATE_BUFSZ], d2[ISS_HDATE_BUFSZ];
    char t1[ISS_DATE_BUFSZ];
    const struct iss_entry *e;

    if (last <= limit_day)
        return;
    e = &k->curfew[last_entry];
    jpath_idx(p, "curfew", last_entry);
    jproblem(c, p, NULL,
             "the curfew runs until %s, beyond 12 months from its "
             "first day %s (last allowed day %s)%s (Sentencing Act "
             "2020 Sch 6 para 18)",
             iss_date_human(last, d), iss_date_human(first, d2),
             iss_date_format(limit_day, t1),
             e->to == ISS_DATE_NONE
                 ? "; the entry has no \"to\", so it runs to the "
                   "order's end: give \"to\""
                 : "");
}

/* Hours in any day: the first day over the limit in full, then how many
 * more. */
static void curfew_days(struct jctx *c, const cJSON *list,
                        const struct iss_case *k, iss_date first,
                        iss_date last, bool new_law, int day_limit)
{
    char p[ISS_JPATH], a[32], b[32], d[ISS_HDATE_BUFSZ];
    int day_reported = 0, extra_days = 0;
    iss_date day;

    for (day = first; day <= last; day++) {
        int entry, m = curfew_day_minutes(k, day, &entry);
        if (m <= day_limit)
            continue;
        if (day_reported++ > 0) {
            extra_days++;
            continue;
        }
        jpath_idx(p, "curfew", entry);
        hm(m, a, sizeof a);
        hm(m - day_limit, b, sizeof b);
        jproblem(c, p, cJSON_GetArrayItem(list, entry) ?
                     jfield(cJSON_GetArrayItem(list, entry), "time") : NULL,
                 "%s of curfew on %s%s is over the %d h a day limit by %s "
                 "(%s)%s",
                 a, iss_date_human(day, d),
                 iss_day_elapsed_minutes(day) != 1440 ||
                         iss_day_elapsed_minutes(day + 1) != 1440
                     ? " (a clock change day)"
                     : "",
                 day_limit / 60, b,
                 new_law ? "PCSC Act 2022 Sch 17, convictions from 28 Jun "
                           "2022"
                         : "Sentencing Act 2020 Sch 6 para 18, convictions "
                           "before 28 Jun 2022",
                 "");
    }
    if (extra_days > 0)
        jproblem(c, "curfew", NULL, "over the daily limit on %d more day%s",
                 extra_days, extra_days == 1 ? "" : "s");
}

/* 112 hours in each 7 days counted from the curfew's first day (the new
 * law): report the worst such week and how many break the limit. */
static void curfew_weeks(struct jctx *c, const struct iss_case *k,
                         iss_date first, iss_date last)
{
    iss_date block, worst_block = ISS_DATE_NONE;
    int worst = 0, worst_entry = 0, broken = 0;
    char p[ISS_JPATH], a[32], b[32], d[ISS_HDATE_BUFSZ];

    for (block = first; block <= last; block += 7) {
        int total = 0, entry = -1, e2, j;
        for (j = 0; j < 7; j++) {
            total += curfew_day_minutes(k, block + j, &e2);
            if (entry < 0)
                entry = e2;
        }
        if (total > CURFEW_MAX_WEEK_NEW)
            broken++;
        if (total > worst) {
            worst = total;
            worst_block = block;
            worst_entry = entry < 0 ? 0 : entry;
        }
    }
    if (worst <= CURFEW_MAX_WEEK_NEW)
        return;
    jpath_idx(p, "curfew", worst_entry);
    hm(worst, a, sizeof a);
    hm(worst - CURFEW_MAX_WEEK_NEW, b, sizeof b);
    jproblem(c, p, NULL,
             "%s of curfew in the 7 days from %s is over the 112 h "
             "limit by %s (PCSC Act 2022 Sch 17: at most 112 h in "
             "each 7 days counted from the curfew's first day); %d "
             "such week%s over",
             a, iss_date_human(worst_block, d), b, broken,
             broken == 1 ? " is" : "s are");
}

static void check_curfew(struct jctx *c, const cJSON *root,
                         struct iss_case *k)
{
    const cJSON *list = jfield(root, "curfew");
    iss_date first = ISS_DATE_NONE, last = ISS_DATE_NONE;
    bool new_law = k->conviction >= pcsc_commencement();
    int day_limit = new_law ? CURFEW_MAX_DAY_NEW : CURFEW_MAX_DAY_OLD;
    int last_entry = -1;

    if (k->n_curfew == 0)
        return;
    curfew_entries(c, list, k, &first, &last, &last_entry);
    if (first == ISS_DATE_NONE)
        return;
    curfew_year(c, k, first, last, last_entry);
    curfew_days(c, list, k, first, last, new_law, day_limit);
    if (new_law)
        curfew_weeks(c, k, first, last);
}

/* ---- the case ---- */

static const char *const case_fields[] = {
    "id", "feed_name", "date_of_birth", "band", "order", "curfew",
    "education", "commitments", "staff", "double_staffed", "weekly_sessions",
    "education_counts_max_hours", "pinned", "band_overrides", "carer",
    "max_element_share", NULL};

/* The parent or carer of the letter's copy: a name and how to address
 * them, nothing else (no address, no phone: the service holds those in
 * its case records). */
static void read_carer(struct jctx *c, const cJSON *root, struct iss_case *k)
{
    static const char *const fields[] = {"name", "address_as", NULL};
    const cJSON *obj = jfield(root, "carer");

    if (obj == NULL)
        return;
    if (!jobject(c, obj, "carer", fields))
        return;
    jstring(c, obj, "carer", "name", true, 100, &k->carer.name);
    if (jfield(obj, "address_as") != NULL)
        jstring(c, obj, "carer", "address_as", true, 100,
                &k->carer.address_as);
    if (k->carer.name == NULL)
        k->carer.address_as = NULL;
    else if (k->carer.address_as == NULL)
        k->carer.address_as = k->carer.name;
}

static void check_order(struct jctx *c, const cJSON *root,
                        const struct iss_band *band, struct iss_case *k)
{
    const cJSON *order = jfield(root, "order");
    char a[ISS_DATE_BUFSZ], b[ISS_DATE_BUFSZ];
    iss_date iss_end, max_end;
    int age;

    if (k->order_start == ISS_DATE_NONE || k->order_end == ISS_DATE_NONE)
        return;
    if (k->conviction > k->order_start)
        jproblem(c, "order.start", jfield(order, "start"),
                 "before the conviction (%s); an order cannot start before "
                 "conviction", iss_date_format(k->conviction, a));
    if (k->order_end < k->order_start) {
        jproblem(c, "order.end", jfield(order, "end"),
                 "before the order starts (%s)",
                 iss_date_format(k->order_start, a));
        return;
    }
    max_end = iss_add_months(k->order_start, 36) - 1;
    if (k->order_end > max_end)
        jproblem(c, "order.end", jfield(order, "end"),
                 "the order lasts over 3 years (it may run to %s at most; "
                 "Sentencing Act 2020 s.187)", iss_date_format(max_end, a));
    if (band != NULL) {
        iss_end = iss_days_end(k->order_start, band->iss_days);
        if (k->order_end < iss_end)
            jproblem(c, "order.end", jfield(order, "end"),
                     "the order ends before its %d ISS days do (the last "
                     "ISS day is %s, %d day%s later); an order with ISS must "
                     "outlast them",
                     band->iss_days, iss_date_format(iss_end, b),
                     (int)(iss_end - k->order_end),
                     iss_end - k->order_end == 1 ? "" : "s");
    }
    if (k->date_of_birth != ISS_DATE_NONE) {
        int lo = band ? band->age_min : 10, hi = band ? band->age_max : 17;
        age = iss_age_on(k->date_of_birth, k->conviction);
        if (age < lo || age > hi)
            jproblem(c, "date_of_birth", jfield(root, "date_of_birth"),
                     "aged %d at conviction (%s); %s%s is for children "
                     "aged %d to %d at conviction",
                     age, iss_date_format(k->conviction, a),
                     band ? "the band " : "ISS", band ? band->id : "", lo,
                     hi);
    }
}

/* The case's band by its id (k->band), NULL when there is none such. */
static const struct iss_band *read_band(struct jctx *c, const cJSON *root,
                                        struct iss_band *const *bands,
                                        size_t n_bands, struct iss_case *k)
{
    const struct iss_band *band = NULL;
    char *band_id = NULL, names[256];
    size_t i, at = 0;

    if (!jident(c, root, "", "band", true, true, &band_id))
        return NULL;
    for (i = 0; i < n_bands; i++)
        if (strcmp(bands[i]->id, band_id) == 0) {
            k->band = (int)i;
            band = bands[i];
        }
    if (band == NULL) {
        names[0] = '\0';
        for (i = 0; i < n_bands && at < sizeof names - 40; i++)
            at += (size_t)snprintf(names + at, sizeof names - at, "%s%s",
                                   i ? ", " : "", bands[i]->id);
        jproblem(c, "band", jfield(root, "band"),
                 "no such band; the bands are: %s", names);
    }
    return band;
}

/* The order: its start, its end and the day of conviction (the start
 * when not given). */
static void read_order(struct jctx *c, const cJSON *root, struct iss_case *k)
{
    static const char *const order_fields[] = {"start", "end", "conviction",
                                               NULL};
    const cJSON *order = jfield(root, "order");

    if (order == NULL) {
        jproblem(c, "order", NULL, "missing: {\"start\", \"end\", "
                                   "\"conviction\"} is required");
    } else if (jobject(c, order, "order", order_fields)) {
        jdate(c, order, "order", "start", true, &k->order_start);
        jdate(c, order, "order", "end", true, &k->order_end);
        if (jfield(order, "conviction") != NULL)
            jdate(c, order, "order", "conviction", false, &k->conviction);
        else
            k->conviction = k->order_start;
    }
}

int iss_case_from_json(struct jctx *c, const cJSON *root,
                       const struct iss_team *team,
                       struct iss_band *const *bands, size_t n_bands,
                       const struct iss_holidays *holidays,
                       const char *expected_id, struct iss_case *k)
{
    const cJSON *edu;
    const struct iss_band *band;
    int before = c->problems;
    size_t i;

    memset(k, 0, sizeof *k);
    k->band = -1;
    k->key_worker = -1;
    k->date_of_birth = k->order_start = k->order_end = k->conviction =
        ISS_DATE_NONE;
    k->file = iss_arena_strdup(c->arena, c->file);
    k->feed_name = "";
    if (!jobject(c, root, "", case_fields))
        return ISS_EINPUT;
    if (jident(c, root, "", "id", true, false, &k->id) &&
        expected_id != NULL && strcmp(k->id, expected_id) != 0)
        jproblem(c, "id", jfield(root, "id"),
                 "the file is named %s.json; a case file is named after "
                 "its id", expected_id);
    jstring(c, root, "", "feed_name", false, 40, &k->feed_name);
    read_carer(c, root, k);
    jdate(c, root, "", "date_of_birth", true, &k->date_of_birth);
    band = read_band(c, root, bands, n_bands, k);
    read_order(c, root, k);
    read_entries(c, root, "curfew", ENTRY_CURFEW, &k->curfew, &k->n_curfew);
    read_entries(c, root, "education", ENTRY_EDUCATION, &k->education,
                 &k->n_education);
    read_entries(c, root, "commitments", ENTRY_COMMITMENT, &k->commitments,
                 &k->n_commitments);
    read_staff_prefs(c, root, team, k);
    jbool(c, root, "", "double_staffed", false, &k->double_staffed);
    if (k->double_staffed && k->max_distinct == 1)
        jproblem(c, "staff.max_distinct", NULL,
                 "1, but the case is double-staffed: every session has two "
                 "staff, so at least 2 are needed");
    read_weekly_sessions(c, root, team, k);
    if (jfield(root, "max_element_share") != NULL)
        jshare(c, root, "", "max_element_share", false,
               &k->max_element_share);
    if (band != NULL)
        k->rules = band->rules;
    edu = jfield(root, "education_counts_max_hours");
    if (edu != NULL) {
        if (cJSON_IsNull(edu))
            k->rules.education_counts_max_minutes = ISS_EDUCATION_ALL;
        else
            jhours(c, root, "", "education_counts_max_hours", false, 168,
                   &k->rules.education_counts_max_minutes);
    }
    read_overrides(c, root, &k->rules);
    k->permitted = iss_arena_calloc(c->arena, team->n_staff + 1,
                                    sizeof(bool));
    if (k->permitted == NULL)
        return ISS_EFAIL;
    for (i = 0; i < team->n_staff; i++)
        k->permitted[i] = (k->n_only == 0 ||
                           in_list(k->only, k->n_only, (int)i)) &&
                          !in_list(k->avoid, k->n_avoid, (int)i);
    if (k->double_staffed && k->n_only == 1)
        jproblem(c, "staff.only", NULL,
                 "one staff member, but the case is double-staffed: "
                 "every session needs two");
    read_pins(c, root, team, k);
    if (k->order_start != ISS_DATE_NONE && k->order_end != ISS_DATE_NONE &&
        k->conviction != ISS_DATE_NONE) {
        check_order(c, root, band, k);
        if (k->order_end >= k->order_start &&
            k->order_end - k->order_start < 366 * 3 + 1) {
            check_curfew(c, root, k);
            check_pins(c, team, holidays, k);
        }
    }
    return c->problems != before ? ISS_EINPUT : 0;
}
