/* iss - publishing re-checks its plan against the workspace as it is now.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * A plan file is made at one moment; staff leave, availability, a child's
 * timetable, curfew, commitments, order dates and pins may change before
 * it is published. iss publish refuses a plan any of whose sessions still
 * to start (after now: one that has started is history, and a new one
 * before now is left out, docs/compliance.md) no longer fits, with the same rules a re-plan applies
 * (eng_published_misfit), so that "iss plan --replan" is what fixes it.
 */
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/solve.h"

static bool pin_matches(const struct iss_pin *pin, const struct iss_session *s)
{
    int j, k;

    if (pin->date != s->date || pin->time.start != s->start ||
        pin->time.end != s->end || pin->type != s->type ||
        pin->n_staff != s->n_staff)
        return false;
    for (j = 0; j < pin->n_staff; j++) {
        bool found = false;
        for (k = 0; k < s->n_staff; k++)
            found |= pin->staff[j] == s->staff[k];
        if (!found)
            return false;
    }
    return true;
}

static void staff_list(const struct iss_workspace *ws,
                       const struct iss_session *s, char *buf, size_t size)
{
    int j;
    size_t at = 0;

    buf[0] = '\0';
    for (j = 0; j < s->n_staff && at < size; j++)
        at += (size_t)snprintf(buf + at, size - at, "%s%s", j ? " and " : "",
                               ws->team.staff[s->staff[j]].id);
}

int iss_plan_recheck(const struct iss_workspace *ws,
                     const struct iss_plan *plan, const char *file,
                     iss_date today, struct iss_problems *probs)
{
    char d[ISS_HDATE_BUFSZ], wk[ISS_DATE_BUFSZ], a[6], b[6], who[96];
    char why[200];
    size_t i, c, p;
    int64_t now = iss_now();
    int n = 0;

    iss_date_format(plan->monday, wk);
    for (i = 0; i < plan->n_sessions; i++) {
        const struct iss_session *s = &plan->sessions[i];
        const struct iss_case *k = &ws->cases[s->kase];
        struct iss_fixed_session f;
        if (s->status == ISS_SESSION_CANCELLED || s->date < today ||
            s->start_utc <= now)
            continue;
        why[0] = '\0';
        if (s->pinned) {
            /* Pins are checked when the case is loaded; the plan's must
             * still be one. */
            bool found = false;
            for (p = 0; p < k->n_pins && !found; p++)
                found = pin_matches(&k->pins[p], s);
            if (!found)
                snprintf(why, sizeof why, "it was pinned, and %s no longer "
                                          "pins it", k->file);
        } else {
            memset(&f, 0, sizeof f);
            f.kase = s->kase;
            f.type = s->type;
            f.n_staff = s->n_staff;
            f.staff[0] = s->staff[0];
            f.staff[1] = s->n_staff > 1 ? s->staff[1] : -1;
            f.date = s->date;
            f.start = s->start;
            f.end = s->end;
            eng_published_misfit(ws, &f, why, sizeof why);
        }
        if (!why[0])
            continue;
        staff_list(ws, s, who, sizeof who);
        iss_problem(probs,
                    "%s: the session of %s %s %s-%s (%s, with %s) no longer "
                    "fits: %s",
                    file, k->id, iss_date_human(s->date, d),
                    iss_clock_format(s->start, a),
                    iss_clock_format(s->end, b), ws->team.types[s->type].id,
                    who, why);
        n++;
    }
    /* Every pin of a planned case in the week is in the plan. */
    for (c = 0; c < plan->n_cases; c++) {
        const struct iss_case *k = &ws->cases[plan->cases[c].kase];
        for (p = 0; p < k->n_pins; p++) {
            const struct iss_pin *pin = &k->pins[p];
            bool found = false;
            if (pin->date < plan->monday || pin->date > plan->monday + 6 ||
                pin->date < today ||
                iss_local_to_utc(pin->date, pin->time.start, NULL) < now)
                continue;
            for (i = 0; i < plan->n_sessions && !found; i++)
                found = plan->sessions[i].kase == plan->cases[c].kase &&
                        plan->sessions[i].status != ISS_SESSION_CANCELLED &&
                        pin_matches(pin, &plan->sessions[i]);
            if (found)
                continue;
            iss_problem(probs,
                        "%s: %s pins a session on %s %s-%s that the plan "
                        "does not have",
                        file, k->file, iss_date_human(pin->date, d),
                        iss_clock_format(pin->time.start, a),
                        iss_clock_format(pin->time.end, b));
            n++;
        }
    }
    if (n > 0)
        iss_problem(probs,
                    "%s: the plan is older than the workspace; iss plan "
                    "--week %s --replan makes it fit again (then publish)",
                    file, wk);
    return n;
}
