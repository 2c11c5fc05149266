/* iss - the printed timetable of a plan: per child, per staff member, and
 * what is short and why.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdio.h>
#include <string.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/plan.h"

static const char *hm(int minutes, char *buf, size_t size)
{
    return iss_hours_text(minutes, ISS_HOURS_HM, buf, size);
}

static void print_session_line(const struct iss_plan *plan,
                               const struct iss_workspace *ws,
                               const struct iss_session *s, bool for_staff,
                               FILE *out)
{
    const struct iss_team *t = &ws->team;
    char a[6], b[6];
    int k;

    fprintf(out, "    %s-%s  %-28s", iss_clock_format(s->start, a),
            iss_clock_format(s->end, b), t->types[s->type].name);
    if (for_staff) {
        const struct iss_case *c = &ws->cases[s->kase];
        fprintf(out, " %s%s%s%s", c->id, c->feed_name[0] ? " (" : "",
                c->feed_name, c->feed_name[0] ? ")" : "");
    } else {
        fprintf(out, " with");
        for (k = 0; k < s->n_staff; k++)
            fprintf(out, "%s %s %s", k ? " and" : "",
                    t->staff[s->staff[k]].id,
                    t->staff[s->staff[k]].first_name);
    }
    if (s->pinned)
        fprintf(out, "  [pinned]");
    if (s->status != ISS_SESSION_PLANNED)
        fprintf(out, "  [%s]", iss_session_status_name(s->status));
    fputc('\n', out);
    (void)plan;
}

/* A staff member on a rota: their hours each day of the week, as
 * iss_staff_day gives them ("Tue 1 Dec off (dated)"). */
static void print_rota_week(const struct iss_plan *plan,
                            const struct iss_workspace *ws,
                            const struct iss_staff *st, FILE *out)
{
    int day;

    fputs("  rota:", out);
    for (day = 0; day < 7; day++) {
        struct iss_staff_day sd;
        char d[ISS_HDATE_BUFSZ], a[6], b[6];
        size_t k;
        iss_staff_day(st, ws->holidays, plan->monday + day, &sd);
        iss_date_human(plan->monday + day, d);
        d[strlen(d) > 5 ? strlen(d) - 5 : 0] = '\0'; /* "Tue 1 Dec" */
        fprintf(out, "%s %s", day ? ";" : "", d);
        switch (sd.kind) {
        case ISS_DAY_LEAVE:
            fputs(" on leave", out);
            break;
        case ISS_DAY_BANK_HOLIDAY:
            fputs(" bank holiday", out);
            break;
        case ISS_DAY_OFF_WEEKLY:
        case ISS_DAY_OFF_ROTA:
            fputs(" off", out);
            break;
        case ISS_DAY_ON:
            for (k = 0; k < sd.n_spans; k++)
                fprintf(out, "%s%s-%s", k ? ", " : " ",
                        iss_clock_format(sd.spans[k].start, a),
                        iss_clock_format(sd.spans[k].end, b));
            break;
        }
        if (sd.dated != NULL && sd.kind != ISS_DAY_LEAVE)
            fputs(" (dated)", out);
    }
    fputc('\n', out);
}

/* One child's week: the hours, then day by day the contacts and the
 * sessions. */
static void print_case_week(const struct iss_plan *plan,
                            const struct iss_workspace *ws,
                            const struct iss_case_week *cw, FILE *out)
{
    const struct iss_case *c = &ws->cases[cw->kase];
    int got = cw->planned_minutes + cw->education_minutes_counted;
    char d[ISS_HDATE_BUFSZ], x[32], y[32], z[32];
    size_t j;
    int day;

    fprintf(out, "%s%s%s%s  %s, %s: %s required; %s planned",
            c->id, c->feed_name[0] ? " " : "", c->feed_name,
            c->double_staffed ? " (double-staffed)" : "",
            ws->bands[c->band]->id, cw->phase,
            hm(cw->required_minutes, x, sizeof x),
            hm(cw->planned_minutes, y, sizeof y));
    if (cw->education_minutes_counted > 0)
        fprintf(out, " + %s education",
                hm(cw->education_minutes_counted, z, sizeof z));
    fprintf(out, "  %s\n",
            got >= cw->required_minutes ? "[hours met]" : "[hours SHORT]");
    for (day = 0; day < 7; day++) {
        const struct iss_day_contacts *dc = &cw->days[day];
        iss_date date = plan->monday + day;
        bool any = false;
        if (!dc->in_order)
            continue;
        fprintf(out, "  %s", iss_date_human(date, d));
        if (dc->required > 0 || dc->planned > 0)
            fprintf(out, "  contacts %d%s of %d%s",
                    dc->planned, dc->curfew_contact ? " + EM curfew" : "",
                    dc->required,
                    dc->planned + dc->curfew_contact >= dc->required
                        ? ""
                        : "  SHORT");
        fputc('\n', out);
        for (j = 0; j < plan->n_sessions; j++) {
            const struct iss_session *s = &plan->sessions[j];
            if (s->kase != cw->kase || s->date != date ||
                s->status == ISS_SESSION_CANCELLED)
                continue;
            print_session_line(plan, ws, s, false, out);
            any = true;
        }
        if (!any && dc->required == 0)
            fprintf(out, "    -\n");
    }
    fputc('\n', out);
}

/* One staff member's week: the hours, the rota, the sessions by day. */
static void print_staff_week(const struct iss_plan *plan,
                             const struct iss_workspace *ws, size_t i,
                             FILE *out)
{
    const struct iss_staff *st = &ws->team.staff[i];
    iss_date last = ISS_DATE_NONE;
    char d[ISS_HDATE_BUFSZ], x[32], y[32];
    size_t j;

    fprintf(out, "%s %s: %s", st->id, st->first_name,
            hm(plan->staff_minutes[i], x, sizeof x));
    if (st->max_minutes_week != ISS_NO_LIMIT)
        fprintf(out, " of %s", hm(st->max_minutes_week, y, sizeof y));
    if (st->rota_cycle)
        fprintf(out, " (rota week %d of %d)",
                iss_rota_week(st->rota_start, st->rota_weeks, plan->monday),
                st->rota_weeks);
    fputc('\n', out);
    if (iss_staff_on_rota(st))
        print_rota_week(plan, ws, st, out);
    for (j = 0; j < plan->n_sessions; j++) {
        const struct iss_session *s = &plan->sessions[j];
        int k;
        bool mine = false;
        if (s->status == ISS_SESSION_CANCELLED)
            continue;
        for (k = 0; k < s->n_staff; k++)
            if (s->staff[k] == (int)i)
                mine = true;
        if (!mine)
            continue;
        if (s->date != last) {
            fprintf(out, "  %s\n", iss_date_human(s->date, d));
            last = s->date;
        }
        print_session_line(plan, ws, s, true, out);
    }
}

void iss_plan_print(const struct iss_plan *plan,
                    const struct iss_workspace *ws, FILE *out)
{
    const struct iss_team *t = &ws->team;
    char d[ISS_HDATE_BUFSZ];
    size_t i, j, n_short = 0;

    fprintf(out, "%s: week of %s\n", t->service,
            iss_date_human(plan->monday, d));
    fprintf(out, "Plan: %s in %.1f s; objective %.1f, bound %.1f (gap "
                 "%.2f%%)\n\n",
            plan->solver.status, plan->solver.seconds,
            plan->solver.objective, plan->solver.bound,
            100 * plan->solver.gap);
    for (i = 0; i < plan->n_warnings; i++)
        fprintf(out, "Warning: %s\n", plan->warnings[i]);
    if (plan->n_warnings > 0)
        fputc('\n', out);
    for (i = 0; i < plan->n_cases; i++) {
        print_case_week(plan, ws, &plan->cases[i], out);
        n_short += plan->cases[i].n_shortfalls;
    }
    fprintf(out, "Staff\n");
    for (i = 0; i < t->n_staff; i++)
        print_staff_week(plan, ws, i, out);
    fprintf(out, "\n");
    if (n_short == 0) {
        fprintf(out, "Nothing short: every required hour and contact is "
                     "planned.\n");
        return;
    }
    fprintf(out, "Short (%zu):\n", n_short);
    for (i = 0; i < plan->n_cases; i++) {
        const struct iss_case_week *cw = &plan->cases[i];
        for (j = 0; j < cw->n_shortfalls; j++)
            fprintf(out, "  %s: %s\n", ws->cases[cw->kase].id,
                    cw->shortfalls[j].reason);
    }
}
