/* iss - the plan: its structures and the plan JSON.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/json.h"
#include "iss/team.h"
#include "iss/plan.h"

const char *iss_session_status_name(enum iss_session_status s)
{
    switch (s) {
    case ISS_SESSION_PLANNED:
        return "planned";
    case ISS_SESSION_PUBLISHED:
        return "published";
    case ISS_SESSION_MOVED:
        return "moved";
    case ISS_SESSION_CANCELLED:
        return "cancelled";
    }
    return "planned";
}

const char *iss_short_kind_name(enum iss_short_kind k)
{
    switch (k) {
    case ISS_SHORT_MINUTES:
        return "minutes";
    case ISS_SHORT_CONTACTS:
        return "contacts";
    case ISS_SHORT_WEEKEND:
        return "weekend_contacts";
    case ISS_SHORT_SESSIONS:
        return "weekly_sessions";
    case ISS_SHORT_CORE:
        return "core_element";
    }
    return "minutes";
}

void iss_plan_free(struct iss_plan *plan)
{
    size_t i;

    if (plan == NULL)
        return;
    for (i = 0; i < plan->n_cases; i++) {
        free(plan->cases[i].sessions_required);
        free(plan->cases[i].sessions_planned);
        free(plan->cases[i].shortfalls);
    }
    free(plan->cases);
    free(plan->sessions);
    free(plan->staff_minutes);
    for (i = 0; i < plan->n_warnings; i++)
        free(plan->warnings[i]);
    free(plan->warnings);
    free(plan);
}

/* ---- JSON ---- */

static cJSON *session_json(const struct iss_session *s,
                           const struct iss_workspace *ws)
{
    cJSON *o = cJSON_CreateObject(), *staff;
    char buf[ISS_RFC3339_BUFSZ], d[ISS_DATE_BUFSZ];
    int k;

    if (o == NULL)
        return NULL;
    if (s->uid[0])
        cJSON_AddStringToObject(o, "uid", s->uid);
    else
        cJSON_AddNullToObject(o, "uid");
    cJSON_AddStringToObject(o, "case", ws->cases[s->kase].id);
    cJSON_AddStringToObject(o, "type", ws->team.types[s->type].id);
    staff = cJSON_AddArrayToObject(o, "staff");
    for (k = 0; k < s->n_staff && staff; k++)
        cJSON_AddItemToArray(
            staff, cJSON_CreateString(ws->team.staff[s->staff[k]].id));
    cJSON_AddStringToObject(o, "date", iss_date_format(s->date, d));
    cJSON_AddStringToObject(o, "start",
                            iss_format_rfc3339_local(s->start_utc, buf));
    cJSON_AddStringToObject(o, "end",
                            iss_format_rfc3339_local(s->end_utc, buf));
    cJSON_AddNumberToObject(o, "minutes",
                            (double)(s->end_utc - s->start_utc) / 60);
    cJSON_AddNumberToObject(o, "sequence", s->sequence);
    cJSON_AddStringToObject(o, "status", iss_session_status_name(s->status));
    cJSON_AddBoolToObject(o, "pinned", s->pinned);
    if (s->place >= 0)
        cJSON_AddStringToObject(o, "place", ws->team.places[s->place].id);
    else
        cJSON_AddNullToObject(o, "place");
    return o;
}

static cJSON *case_json(const struct iss_plan *plan,
                        const struct iss_case_week *cw,
                        const struct iss_workspace *ws)
{
    const struct iss_case *c = &ws->cases[cw->kase];
    cJSON *o = cJSON_CreateObject(), *contacts, *wk, *ws_arr, *core, *sf;
    char d[ISS_DATE_BUFSZ];
    size_t i;

    if (o == NULL)
        return NULL;
    cJSON_AddStringToObject(o, "id", c->id);
    cJSON_AddStringToObject(o, "band", ws->bands[c->band]->id);
    cJSON_AddStringToObject(o, "phase", cw->phase);
    cJSON_AddNumberToObject(o, "required_minutes", cw->required_minutes);
    cJSON_AddNumberToObject(o, "planned_minutes", cw->planned_minutes);
    cJSON_AddNumberToObject(o, "education_minutes_counted",
                            cw->education_minutes_counted);
    contacts = cJSON_AddObjectToObject(o, "contacts");
    for (i = 0; i < 7 && contacts; i++) {
        cJSON *day;
        if (!cw->days[i].in_order)
            continue;
        day = cJSON_AddObjectToObject(
            contacts, iss_date_format(plan->monday + (iss_date)i, d));
        if (day == NULL)
            continue;
        cJSON_AddNumberToObject(day, "required", cw->days[i].required);
        cJSON_AddNumberToObject(day, "planned", cw->days[i].planned);
        cJSON_AddBoolToObject(day, "curfew_contact",
                              cw->days[i].curfew_contact);
    }
    wk = cJSON_AddObjectToObject(o, "weekend_contacts");
    if (wk) {
        cJSON_AddNumberToObject(wk, "required", cw->weekend_required);
        cJSON_AddNumberToObject(wk, "planned", cw->weekend_planned);
    }
    ws_arr = cJSON_AddArrayToObject(o, "weekly_sessions");
    for (i = 0; i < ws->team.n_types && ws_arr; i++) {
        cJSON *e;
        if (cw->sessions_required == NULL || cw->sessions_required[i] == 0)
            continue;
        e = cJSON_CreateObject();
        if (e == NULL)
            continue;
        cJSON_AddStringToObject(e, "type", ws->team.types[i].id);
        cJSON_AddNumberToObject(e, "required", cw->sessions_required[i]);
        cJSON_AddNumberToObject(e, "planned", cw->sessions_planned[i]);
        cJSON_AddItemToArray(ws_arr, e);
    }
    core = cJSON_AddArrayToObject(o, "core_elements_missing");
    for (i = 0; i < ISS_CORE_ELEMENTS && core; i++)
        if ((cw->core_missing >> i) & 1u)
            cJSON_AddItemToArray(core, cJSON_CreateString(
                                           iss_element_name((int)i)));
    sf = cJSON_AddArrayToObject(o, "shortfall");
    for (i = 0; i < cw->n_shortfalls && sf; i++) {
        const struct iss_shortfall *s = &cw->shortfalls[i];
        cJSON *e = cJSON_CreateObject();
        if (e == NULL)
            continue;
        cJSON_AddStringToObject(e, "kind", iss_short_kind_name(s->kind));
        cJSON_AddNumberToObject(e, "minutes", s->minutes);
        if (s->date != ISS_DATE_NONE)
            cJSON_AddStringToObject(e, "date", iss_date_format(s->date, d));
        else
            cJSON_AddNullToObject(e, "date");
        cJSON_AddNumberToObject(e, "short", s->short_by);
        cJSON_AddStringToObject(e, "reason", s->reason);
        cJSON_AddItemToArray(sf, e);
    }
    return o;
}

char *iss_plan_to_json(const struct iss_plan *plan,
                       const struct iss_workspace *ws)
{
    cJSON *root = cJSON_CreateObject(), *solver, *cases, *sessions, *staff;
    char d[ISS_DATE_BUFSZ];
    char *text = NULL;
    size_t i;

    if (root == NULL)
        return NULL;
    cJSON_AddStringToObject(root, "week", iss_date_format(plan->monday, d));
    cJSON_AddStringToObject(root, "service", ws->team.service);
    solver = cJSON_AddObjectToObject(root, "solver");
    if (solver) {
        const struct iss_solver_report *r = &plan->solver;
        cJSON_AddStringToObject(solver, "status", r->status);
        cJSON_AddNumberToObject(solver, "seconds",
                                (double)(long)(r->seconds * 100 + 0.5) / 100);
        cJSON_AddNumberToObject(solver, "objective",
                                (double)(long long)(r->objective * 100 + 0.5)
                                    / 100);
        cJSON_AddNumberToObject(solver, "bound",
                                (double)(long long)(r->bound * 100) / 100);
        cJSON_AddNumberToObject(solver, "gap",
                                (double)(long)(r->gap * 10000 + 0.5) /
                                    10000);
        cJSON_AddNumberToObject(solver, "greedy_objective",
                                (double)(long long)(r->greedy_objective * 100
                                                    + 0.5) / 100);
        cJSON_AddNumberToObject(solver, "columns", r->columns);
        cJSON_AddNumberToObject(solver, "rounds", r->rounds);
    }
    cases = cJSON_AddArrayToObject(root, "cases");
    for (i = 0; i < plan->n_cases && cases; i++) {
        cJSON *c = case_json(plan, &plan->cases[i], ws);
        if (c != NULL)
            cJSON_AddItemToArray(cases, c);
    }
    sessions = cJSON_AddArrayToObject(root, "sessions");
    for (i = 0; i < plan->n_sessions && sessions; i++) {
        cJSON *s = session_json(&plan->sessions[i], ws);
        if (s != NULL)
            cJSON_AddItemToArray(sessions, s);
    }
    if (plan->n_warnings > 0) {
        cJSON *w = cJSON_AddArrayToObject(root, "warnings");
        for (i = 0; i < plan->n_warnings && w; i++)
            cJSON_AddItemToArray(w, cJSON_CreateString(plan->warnings[i]));
    }
    staff = cJSON_AddArrayToObject(root, "staff");
    for (i = 0; i < plan->n_staff && staff; i++) {
        cJSON *s = cJSON_CreateObject();
        if (s == NULL)
            continue;
        cJSON_AddStringToObject(s, "id", ws->team.staff[i].id);
        cJSON_AddNumberToObject(s, "planned_minutes", plan->staff_minutes[i]);
        cJSON_AddItemToArray(staff, s);
    }
    text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}

int iss_plan_write_json(const struct iss_plan *plan,
                        const struct iss_workspace *ws, const char *path,
                        struct iss_error *err)
{
    char *text = iss_plan_to_json(plan, ws);
    size_t len;
    int rc;

    if (text == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    len = strlen(text);
    text[len] = '\0';
    {
        /* end with a newline */
        char *t2 = realloc(text, len + 2);
        if (t2 == NULL) {
            free(text);
            return iss_fail(err, ISS_EFAIL, "out of memory");
        }
        text = t2;
        text[len++] = '\n';
        text[len] = '\0';
    }
    rc = iss_write_file_atomic(path, text, len, 0600, err);
    free(text);
    return rc;
}

/* ---- reading a plan back ---- */

/* The session's staff: one or two ids of team.json. */
static int session_staff(const struct iss_workspace *ws, const cJSON *staff,
                         const char *path, int i, struct iss_session *s,
                         struct iss_error *err)
{
    const cJSON *x;

    cJSON_ArrayForEach(x, staff) {
        int k;
        if (!cJSON_IsString(x) || s->n_staff >= 2)
            return iss_fail(err, ISS_EINPUT, "%s: sessions[%d].staff: not "
                                             "one or two staff ids (strings "
                                             "of team.json)", path, i);
        k = iss_team_staff_index(&ws->team, x->valuestring);
        if (k < 0)
            return iss_fail(err, ISS_EINPUT,
                            "%s: sessions[%d].staff: \"%s\" is no longer in "
                            "team.json: plan the week again", path, i,
                            x->valuestring);
        s->staff[s->n_staff++] = k;
    }
    return 0;
}

/* The session's status; any but "planned" needs a uid. */
static int session_status(const char *status, const char *path, int i,
                          struct iss_session *s, struct iss_error *err)
{
    if (strcmp(status, "planned") == 0)
        s->status = ISS_SESSION_PLANNED;
    else if (strcmp(status, "published") == 0)
        s->status = ISS_SESSION_PUBLISHED;
    else if (strcmp(status, "moved") == 0)
        s->status = ISS_SESSION_MOVED;
    else if (strcmp(status, "cancelled") == 0)
        s->status = ISS_SESSION_CANCELLED;
    else
        return iss_fail(err, ISS_EINPUT, "%s: sessions[%d].status: \"%s\"",
                        path, i, status);
    if (s->status != ISS_SESSION_PLANNED && s->uid[0] == '\0')
        return iss_fail(err, ISS_EINPUT, "%s: sessions[%d]: a %s session "
                                         "has no uid", path, i, status);
    return 0;
}

static int session_from_json(const struct iss_workspace *ws, const cJSON *o,
                             const char *path, int i, struct iss_session *s,
                             struct iss_error *err)
{
    const cJSON *uid = cJSON_GetObjectItemCaseSensitive(o, "uid");
    const cJSON *kase = cJSON_GetObjectItemCaseSensitive(o, "case");
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(o, "type");
    const cJSON *staff = cJSON_GetObjectItemCaseSensitive(o, "staff");
    const cJSON *start = cJSON_GetObjectItemCaseSensitive(o, "start");
    const cJSON *end = cJSON_GetObjectItemCaseSensitive(o, "end");
    const cJSON *seq = cJSON_GetObjectItemCaseSensitive(o, "sequence");
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(o, "status");
    const cJSON *pinned = cJSON_GetObjectItemCaseSensitive(o, "pinned");
    const cJSON *place = cJSON_GetObjectItemCaseSensitive(o, "place");
    iss_date d2;
    int m2, rc;

    memset(s, 0, sizeof *s);
    s->staff[0] = s->staff[1] = -1;
    if (!cJSON_IsString(kase) || !cJSON_IsString(type) ||
        !cJSON_IsArray(staff) || !cJSON_IsString(start) ||
        !cJSON_IsString(end) || !cJSON_IsString(status))
        return iss_fail(err, ISS_EINPUT, "%s: sessions[%d]: not a session "
                                         "of a plan written by iss", path, i);
    if ((s->kase = iss_workspace_case_index(ws, kase->valuestring)) < 0)
        return iss_fail(err, ISS_EINPUT,
                        "%s: sessions[%d].case: \"%s\" is no longer in "
                        "cases/: plan the week again", path, i,
                        kase->valuestring);
    if ((s->type = iss_team_type_index(&ws->team, type->valuestring)) < 0)
        return iss_fail(err, ISS_EINPUT,
                        "%s: sessions[%d].type: \"%s\" is no longer a "
                        "session type: plan the week again", path, i,
                        type->valuestring);
    if ((rc = session_staff(ws, staff, path, i, s, err)) != 0)
        return rc;
    if (s->n_staff == 0)
        return iss_fail(err, ISS_EINPUT, "%s: sessions[%d].staff: empty: "
                                         "one or two staff ids", path, i);
    if (iss_parse_rfc3339(start->valuestring, &s->start_utc) != 0)
        return iss_fail(err, ISS_EINPUT,
                        "%s: sessions[%d].start: \"%s\" is not a time "
                        "(YYYY-MM-DDTHH:MM:SS+HH:MM)", path, i,
                        start->valuestring);
    if (iss_parse_rfc3339(end->valuestring, &s->end_utc) != 0)
        return iss_fail(err, ISS_EINPUT,
                        "%s: sessions[%d].end: \"%s\" is not a time "
                        "(YYYY-MM-DDTHH:MM:SS+HH:MM)", path, i,
                        end->valuestring);
    if (s->end_utc <= s->start_utc)
        return iss_fail(err, ISS_EINPUT,
                        "%s: sessions[%d].end: \"%s\" is not after the "
                        "start, \"%s\"", path, i, end->valuestring,
                        start->valuestring);
    iss_utc_to_local(s->start_utc, &s->date, &s->start);
    iss_utc_to_local(s->end_utc, &d2, &m2);
    s->end = d2 == s->date ? m2 : 1440;
    if (cJSON_IsString(uid) && uid->valuestring[0] != '\0')
        snprintf(s->uid, sizeof s->uid, "%s", uid->valuestring);
    s->sequence = cJSON_IsNumber(seq) ? (int)seq->valuedouble : 0;
    s->pinned = cJSON_IsTrue(pinned);
    s->place = s->was_place = -1;
    if (cJSON_IsString(place) &&
        (s->place = iss_team_place_index(&ws->team, place->valuestring)) < 0)
        return iss_fail(err, ISS_EINPUT,
                        "%s: sessions[%d].place: \"%s\" is no longer a "
                        "place in team.json: plan the week again", path, i,
                        place->valuestring);
    if (place != NULL && !cJSON_IsString(place) && !cJSON_IsNull(place))
        return iss_fail(err, ISS_EINPUT, "%s: sessions[%d].place: a place "
                                         "id or null", path, i);
    return session_status(status->valuestring, path, i, s, err);
}

int iss_plan_read_json(const struct iss_workspace *ws, const char *path,
                       struct iss_plan **out, struct iss_error *err)
{
    char *text = NULL;
    size_t len;
    cJSON *root = NULL;
    const cJSON *week, *sessions, *cases, *o;
    struct iss_plan *plan = NULL;
    int rc, i = 0;

    *out = NULL;
    rc = iss_read_file(path, 64u << 20, &text, &len, err);
    if (rc != 0)
        return rc;
    root = cJSON_ParseWithLength(text, len);
    free(text);
    week = cJSON_GetObjectItemCaseSensitive(root, "week");
    sessions = cJSON_GetObjectItemCaseSensitive(root, "sessions");
    cases = cJSON_GetObjectItemCaseSensitive(root, "cases");
    plan = calloc(1, sizeof *plan);
    if (plan == NULL) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    if (root == NULL || !cJSON_IsString(week) || !cJSON_IsArray(sessions) ||
        !cJSON_IsArray(cases) ||
        iss_date_parse(week->valuestring, &plan->monday) != 0) {
        rc = iss_fail(err, ISS_EINPUT, "%s: not a plan written by iss plan",
                      path);
        goto out;
    }
    plan->n_staff = ws->team.n_staff;
    plan->staff_minutes = calloc(plan->n_staff + 1, sizeof(int));
    plan->sessions = calloc((size_t)cJSON_GetArraySize(sessions) + 1,
                            sizeof *plan->sessions);
    plan->cases = calloc((size_t)cJSON_GetArraySize(cases) + 1,
                         sizeof *plan->cases);
    if (plan->staff_minutes == NULL || plan->sessions == NULL ||
        plan->cases == NULL) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    cJSON_ArrayForEach(o, cases) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
        int k = cJSON_IsString(id) ? iss_workspace_case_index(ws,
                                                              id->valuestring)
                                   : -1;
        if (k < 0) {
            rc = iss_fail(err, ISS_EINPUT,
                          "%s: cases: \"%s\" is no longer in cases/: plan "
                          "the week again", path,
                          cJSON_IsString(id) ? id->valuestring : "?");
            goto out;
        }
        plan->cases[plan->n_cases++].kase = k;
    }
    cJSON_ArrayForEach(o, sessions) {
        struct iss_session *s = &plan->sessions[plan->n_sessions];
        int k;
        rc = session_from_json(ws, o, path, i++, s, err);
        if (rc != 0)
            goto out;
        if (s->date < plan->monday || s->date > plan->monday + 6) {
            rc = iss_fail(err, ISS_EINPUT, "%s: sessions[%d]: not in the "
                                           "plan's week", path, i - 1);
            goto out;
        }
        if (s->status != ISS_SESSION_CANCELLED)
            for (k = 0; k < s->n_staff; k++)
                plan->staff_minutes[s->staff[k]] += s->end - s->start;
        plan->n_sessions++;
    }
    *out = plan;
    plan = NULL;
    rc = 0;
out:
    cJSON_Delete(root);
    iss_plan_free(plan);
    return rc;
}

char *iss_plan_path(const char *out_dir, iss_date monday)
{
    char name[64], d[ISS_DATE_BUFSZ];

    snprintf(name, sizeof name, "plan-%s.json", iss_date_format(monday, d));
    return iss_path_join(out_dir, name);
}
