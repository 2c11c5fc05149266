/* iss - bands: loading band files, and what a day or a week requires.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <math.h>
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

/* A band owns its memory through an arena kept just before it. */
struct band_box {
    struct iss_arena *arena;
    struct iss_band band;
};

const struct iss_phase *iss_band_phase(const struct iss_band *band,
                                       int month)
{
    size_t i;

    for (i = 0; i < band->n_phases; i++)
        if (month >= band->phases[i].month_from &&
            month <= band->phases[i].month_to)
            return &band->phases[i];
    return NULL;
}

bool iss_band_assumed(const struct iss_band *band, const char *field)
{
    size_t i;

    for (i = 0; i < band->n_assumptions; i++)
        if (strcmp(band->assumptions[i].field, field) == 0)
            return true;
    return false;
}

void iss_band_day(const struct iss_band *band,
                  const struct iss_contact_rules *rules, iss_date start,
                  iss_date end, iss_date day,
                  const struct iss_holidays *holidays,
                  struct iss_day_requirement *req)
{
    memset(req, 0, sizeof *req);
    if (rules == NULL)
        rules = &band->rules;
    req->bank_holiday = holidays != NULL &&
                        iss_is_bank_holiday(holidays, day, NULL);
    if (day < start || day > end)
        return;
    req->in_order = true;
    req->month = iss_order_month(start, day);
    req->phase = iss_band_phase(band, req->month);
    req->in_iss_days = day <= iss_days_end(start, band->iss_days);
    if (req->phase == NULL)
        return;
    req->weekly_minutes = req->phase->weekly_minutes;
    if (rules->contacts_within_iss_days_only && !req->in_iss_days)
        return;
    if (!(rules->contact_days & (1u << iss_weekday(day))))
        return;
    if (req->bank_holiday && !rules->contacts_on_bank_holidays)
        return;
    req->contacts = req->phase->contacts_per_day;
}

int iss_band_week_minutes(const struct iss_band *band, iss_date start,
                          iss_date end, iss_date monday)
{
    long total = 0;
    int i;

    for (i = 0; i < 7; i++) {
        iss_date day = monday + i;
        const struct iss_phase *ph;
        if (day < start || day > end)
            continue;
        ph = iss_band_phase(band, iss_order_month(start, day));
        if (ph != NULL)
            total += ph->weekly_minutes;
    }
    return (int)((total + 6) / 7);
}

int iss_band_weekend_contacts(const struct iss_band *band, iss_date start,
                              iss_date end, iss_date monday)
{
    int best = 0, i;

    for (i = 5; i < 7; i++) {
        iss_date day = monday + i;
        const struct iss_phase *ph;
        if (day < start || day > end)
            continue;
        ph = iss_band_phase(band, iss_order_month(start, day));
        if (ph != NULL && ph->weekend_contacts > best)
            best = ph->weekend_contacts;
    }
    return best;
}

size_t iss_band_months(const struct iss_band *band, iss_date start,
                       struct iss_order_month *out, size_t max)
{
    iss_date iss_end = iss_days_end(start, band->iss_days);
    size_t n = 0;
    int last = band->n_phases ? band->phases[band->n_phases - 1].month_to
                              : 0;
    int m;

    for (m = 1; m <= last; m++, n++) {
        struct iss_order_month om;
        om.month = m;
        om.from = iss_order_month_start(start, m);
        om.to = iss_order_month_end(start, m);
        om.phase = iss_band_phase(band, m);
        om.contacts_per_day = om.phase ? om.phase->contacts_per_day : 0;
        om.contacts_until = ISS_DATE_NONE;
        if (band->rules.contacts_within_iss_days_only &&
            om.contacts_per_day > 0) {
            if (om.from > iss_end)
                om.contacts_per_day = 0;
            else if (om.to > iss_end)
                om.contacts_until = iss_end;
        }
        if (n < max)
            out[n] = om;
    }
    return n;
}

/* ---- loading ---- */

static const char *const band_fields[] = {
    "id", "name", "source", "iss_days", "education_counts_max_hours",
    "curfew_counts_as_contact", "phases", "contact_days",
    "contacts_on_bank_holidays", "contacts_within_iss_days_only",
    "age_at_conviction", "assumptions", NULL};

static const char *const phase_fields[] = {
    "months", "weekly_hours", "contacts_per_day", "weekend_contacts", NULL};

/* Read a [min, max] pair of whole numbers in lo..hi. */
static bool int_pair(struct jctx *c, const cJSON *obj, const char *path,
                     const char *key, int lo, int hi, int out[2])
{
    char p[ISS_JPATH];
    const cJSON *it = jfield(obj, key);
    const cJSON *a, *b;

    jpath_key(p, path, key);
    if (it == NULL) {
        jproblem(c, p, NULL, "missing: [first, last] is required");
        return false;
    }
    if (!cJSON_IsArray(it) || cJSON_GetArraySize(it) != 2) {
        jproblem(c, p, it, "[first, last] is expected, e.g. [1, 3]");
        return false;
    }
    a = cJSON_GetArrayItem(it, 0);
    b = cJSON_GetArrayItem(it, 1);
    /* The range first: converting a double outside int's range (say
     * 1e11) to int is undefined behaviour. */
    if (!cJSON_IsNumber(a) || !cJSON_IsNumber(b) ||
        !(a->valuedouble >= lo && a->valuedouble <= hi) ||
        !(b->valuedouble >= lo && b->valuedouble <= hi) ||
        a->valuedouble != floor(a->valuedouble) ||
        b->valuedouble != floor(b->valuedouble) ||
        a->valuedouble > b->valuedouble) {
        jproblem(c, p, it, "two whole numbers from %d to %d, the first not "
                           "after the second",
                 lo, hi);
        return false;
    }
    out[0] = (int)a->valuedouble;
    out[1] = (int)b->valuedouble;
    return true;
}

static void read_phases(struct jctx *c, const cJSON *root,
                        struct iss_band *b)
{
    char p[ISS_JPATH];
    const cJSON *list = jlist(c, root, "", "phases", true, 36);
    const cJSON *it;
    int i = 0, next_month = 1;

    if (list == NULL)
        return;
    if (cJSON_GetArraySize(list) == 0) {
        jproblem(c, "phases", NULL, "empty; a band needs at least one "
                                    "phase");
        return;
    }
    b->phases = iss_arena_calloc(c->arena, (size_t)cJSON_GetArraySize(list),
                                 sizeof *b->phases);
    if (b->phases == NULL)
        return;
    cJSON_ArrayForEach(it, list) {
        struct iss_phase ph = {0, 0, 0, 0, 0};
        int months[2];
        char q[ISS_JPATH];
        bool ok;

        jpath_idx(p, "phases", i++);
        if (!jobject(c, it, p, phase_fields))
            continue;
        ok = int_pair(c, it, p, "months", 1, 36, months);
        if (ok && months[0] != next_month) {
            jproblem(c, jpath_key(q, p, "months"), jfield(it, "months"),
                     next_month == 1
                         ? "the first phase must start in month 1"
                         : "phases must follow on without gaps or overlaps:"
                           " this one should start in month %d",
                     next_month);
            ok = false;
        }
        if (ok) {
            ph.month_from = months[0];
            ph.month_to = months[1];
            next_month = months[1] + 1;
        }
        ok &= jhours(c, it, p, "weekly_hours", true, 168, &ph.weekly_minutes);
        ok &= jint(c, it, p, "contacts_per_day", true, 0, 10,
                   &ph.contacts_per_day);
        if (jfield(it, "weekend_contacts"))
            ok &= jint(c, it, p, "weekend_contacts", false, 0, 10,
                       &ph.weekend_contacts);
        if (ok)
            b->phases[b->n_phases++] = ph;
    }
}

static void read_assumptions(struct jctx *c, const cJSON *root,
                             struct iss_band *b)
{
    static const char *const fields[] = {"field", "note", NULL};
    const cJSON *list = jlist(c, root, "", "assumptions", false, 100);
    const cJSON *it;
    char p[ISS_JPATH];
    int i = 0;

    if (list == NULL)
        return;
    b->assumptions = iss_arena_calloc(c->arena,
                                      (size_t)cJSON_GetArraySize(list) + 1,
                                      sizeof *b->assumptions);
    if (b->assumptions == NULL)
        return;
    cJSON_ArrayForEach(it, list) {
        struct iss_assumption a = {NULL, NULL};
        jpath_idx(p, "assumptions", i++);
        if (!jobject(c, it, p, fields))
            continue;
        if (jstring(c, it, p, "field", true, 100, &a.field) &&
            jstring(c, it, p, "note", true, 400, &a.note))
            b->assumptions[b->n_assumptions++] = a;
    }
}

int iss_band_from_json(struct jctx *c, const cJSON *root,
                       struct iss_band **out)
{
    struct iss_band *b;
    const cJSON *edu;
    int before = c->problems;
    int ages[2] = {10, 17};

    *out = NULL;
    if (!jobject(c, root, "", band_fields))
        return ISS_EINPUT;
    b = iss_arena_calloc(c->arena, 1, sizeof *b);
    if (b == NULL)
        return ISS_EFAIL;
    b->file = iss_arena_strdup(c->arena, c->file);
    b->rules.contact_days = ISS_ALL_DAYS;
    b->rules.contacts_on_bank_holidays = true;
    b->rules.contacts_within_iss_days_only = true;
    b->rules.education_counts_max_minutes = ISS_EDUCATION_ALL;
    jident(c, root, "", "id", true, true, &b->id);
    jstring(c, root, "", "name", true, 100, &b->name);
    jstring(c, root, "", "source", true, 200, &b->source);
    jint(c, root, "", "iss_days", true, 1, 400, &b->iss_days);
    edu = jfield(root, "education_counts_max_hours");
    if (edu == NULL)
        jproblem(c, "education_counts_max_hours", NULL,
                 "missing: null (all count), 0 (none) or a number of hours "
                 "is required");
    else if (!cJSON_IsNull(edu))
        jhours(c, root, "", "education_counts_max_hours", true, 168,
               &b->rules.education_counts_max_minutes);
    jbool(c, root, "", "curfew_counts_as_contact", true,
          &b->rules.curfew_counts_as_contact);
    read_phases(c, root, b);
    if (jfield(root, "contact_days"))
        jdays(c, root, "", "contact_days", false, &b->rules.contact_days);
    jbool(c, root, "", "contacts_on_bank_holidays", false,
          &b->rules.contacts_on_bank_holidays);
    jbool(c, root, "", "contacts_within_iss_days_only", false,
          &b->rules.contacts_within_iss_days_only);
    if (jfield(root, "age_at_conviction"))
        int_pair(c, root, "", "age_at_conviction", 10, 17, ages);
    b->age_min = ages[0];
    b->age_max = ages[1];
    read_assumptions(c, root, b);
    if (c->problems != before)
        return ISS_EINPUT;
    *out = b;
    return 0;
}

static int band_parse(const char *text, size_t len, const char *display,
                      struct iss_band **out, struct iss_problems *probs)
{
    struct band_box *box;
    struct jctx c;
    cJSON *root;
    struct iss_band *b = NULL;
    int rc;

    *out = NULL;
    box = calloc(1, sizeof *box);
    if (box == NULL)
        return ISS_EFAIL;
    box->arena = iss_arena_new();
    if (box->arena == NULL) {
        free(box);
        return ISS_EFAIL;
    }
    c.file = display;
    c.probs = probs;
    c.arena = box->arena;
    c.problems = 0;
    root = jparse(&c, text, len);
    if (root == NULL) {
        rc = ISS_EINPUT;
        goto fail;
    }
    rc = iss_band_from_json(&c, root, &b);
    cJSON_Delete(root);
    if (rc != 0)
        goto fail;
    box->band = *b;
    *out = &box->band;
    return 0;
fail:
    iss_arena_free(box->arena);
    free(box);
    return rc;
}

int iss_band_parse(const char *text, size_t len, const char *display,
                   struct iss_band **out, struct iss_problems *probs)
{
    return band_parse(text, len, display, out, probs);
}

int iss_band_load(const char *path, const char *display,
                  struct iss_band **out, struct iss_problems *probs,
                  struct iss_error *err)
{
    char *text;
    size_t len;
    int rc = iss_read_file(path, ISS_MAX_INPUT_BYTES, &text, &len, err);

    *out = NULL;
    if (rc != 0)
        return rc;
    rc = band_parse(text, len, display, out, probs);
    free(text);
    return rc;
}

void iss_band_free(struct iss_band *band)
{
    struct band_box *box;

    if (band == NULL)
        return;
    box = (struct band_box *)((char *)band -
                              offsetof(struct band_box, band));
    iss_arena_free(box->arena);
    free(box);
}
