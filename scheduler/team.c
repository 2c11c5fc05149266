/* iss - the team file: staff, session types, policy.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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

bool iss_staff_on_leave(const struct iss_staff *s, iss_date date)
{
    size_t i;

    for (i = 0; i < s->n_leave; i++)
        if (date >= s->leave[i].from && date <= s->leave[i].to)
            return true;
    return false;
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
    "availability", "leave", "bank_holidays", NULL};

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

static void read_availability(struct jctx *c, const cJSON *obj,
                              const char *path, struct iss_staff *s)
{
    static const char *const days[] = {"mon", "tue", "wed", "thu", "fri",
                                       "sat", "sun", NULL};
    struct iss_span tmp[7][64];
    size_t n[7] = {0};
    char p[ISS_JPATH], q[ISS_JPATH], r[ISS_JPATH];
    const cJSON *av = jfield(obj, "availability");
    int d;

    jpath_key(p, path, "availability");
    if (av == NULL) {
        jproblem(c, p, NULL, "missing: the hours this person works are "
                             "required, e.g. {\"mon\": [\"09:00-17:00\"]} "
                             "({} for none)");
        return;
    }
    if (!jobject(c, av, p, days))
        return;
    for (d = 0; d < 7; d++) {
        const cJSON *list = jlist(c, av, p, days[d], false, 24);
        const cJSON *it;
        int i = 0;

        if (list == NULL)
            continue;
        jpath_key(q, p, days[d]);
        cJSON_ArrayForEach(it, list) {
            struct iss_clock_period per;
            const char *why = NULL;

            jpath_idx(r, q, i++);
            if (!cJSON_IsString(it) || it->valuestring == NULL ||
                iss_clock_period_parse(it->valuestring, &per, &why) != 0) {
                jproblem(c, r, it, "%s%sa time is written \"HH:MM-HH:MM\" "
                                   "on the 24-hour clock, e.g. "
                                   "\"09:00-17:00\"",
                         why ? why : "", why ? "; " : "");
                continue;
            }
            if (iss_clock_period_overnight(&per)) {
                tmp[d][n[d]++] = (struct iss_span){per.start, 1440};
                if (per.end > 0)
                    tmp[(d + 1) % 7][n[(d + 1) % 7]++] =
                        (struct iss_span){0, per.end};
            } else {
                tmp[d][n[d]++] = (struct iss_span){per.start, per.end};
            }
        }
    }
    for (d = 0; d < 7; d++) {
        n[d] = merge_spans(tmp[d], n[d]);
        s->n_availability[d] = n[d];
        s->availability[d] = iss_arena_calloc(c->arena, n[d] + 1,
                                              sizeof(struct iss_span));
        if (s->availability[d] != NULL && n[d] > 0)
            memcpy(s->availability[d], tmp[d], n[d] * sizeof tmp[d][0]);
    }
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
        read_availability(c, it, p, s);
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
    "id", "name", "element", "minutes", "roles", "child_title", NULL};

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
    const cJSON *list = jlist(c, root, "", "session_types", false, 100);
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
    "planning_meeting_within_working_days", NULL};

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
        } else if (strcmp(ladder, "custom") == 0) {
            pol->ladder = ISS_LADDER_CUSTOM;
        } else {
            jproblem(c, jpath_key(q, P, "ladder"), jfield(obj, "ladder"),
                     "one of \"inspection\", \"wokingham\", \"custom\"");
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
}

/* ---- the team ---- */

static const char *const team_fields[] = {
    "service", "planning_day", "staff", "session_types", "policy",
    "extra_holidays", NULL};

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
    read_session_types(c, root, t);
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
