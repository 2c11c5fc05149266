/* iss - why anything is short: capacity checks a tracking officer can act
 * on (the child's free time, the spacing of contacts, who may work with
 * the child and when, leave, bookings and hour limits).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

struct ctx {
    const struct eng *e;
    const struct pattern *plan;
    slotset *occ;             /* [s * 7 + d]: staff slots taken */
    int *used_day;            /* [s * 7 + d]: planned minutes */
    int *used_week;           /* [s] */
};

/* "13.5 h", "2 h", "45 min" */
static const char *hours(int minutes, char *buf, size_t size)
{
    return iss_hours_text(minutes, ISS_HOURS_DECIMAL, buf, size);
}

/* "Mon 23 Mar" */
static const char *day_name(iss_date d, char *buf, size_t size)
{
    int y, m, dd;

    iss_date_to_ymd(d, &y, &m, &dd);
    snprintf(buf, size, "%s %d %s", iss_weekday_title(iss_weekday(d)), dd,
             iss_month_title(m));
    return buf;
}

static const char *who(const struct eng_case *ec)
{
    return ec->c->feed_name && ec->c->feed_name[0] ? ec->c->feed_name
                                                     : ec->c->id;
}

/* The free windows of a slot set, "15:15-16:40, 17:00-18:40". */
static void windows(const slotset *s, char *buf, size_t size)
{
    int i = 0, n = 0;
    char a[6], b[6];

    buf[0] = '\0';
    while (i < N_SLOTS) {
        int j;
        if (!ss_has(s, i)) {
            i++;
            continue;
        }
        for (j = i; j < N_SLOTS && ss_has(s, j); j++)
            ;
        iss_strcatf(buf, size, "%s%s-%s", n++ ? ", " : "",
                    iss_clock_format(i * SLOT_MINUTES, a),
                    iss_clock_format(j * SLOT_MINUTES, b));
        i = j;
    }
}

/* The most separate contacts of case ec's day d: its fixed sessions
 * (pins, published) where they are, and sessions of the shortest length
 * len in the slots of s; contacts count as plan/contacts.c counts them
 * (a session starting at least the gap after every earlier one ended).
 * A small DP over (slot, end of the latest session): a pin can leave
 * room for fewer contacts than the free time alone suggests. */
static int contacts_possible(const struct eng *e, const struct eng_case *ec,
                             int d, const slotset *s, int len)
{
    /* best[i][r]: most new contacts from slot i on, the latest session
     * having ended at slot r - 1 (r = 0: none yet). */
    int best[N_SLOTS + 1][N_SLOTS + 1], i, r, k;

    for (r = 0; r <= N_SLOTS; r++)
        best[N_SLOTS][r] = 0;
    for (i = N_SLOTS - 1; i >= 0; i--)
        for (r = 0; r <= N_SLOTS; r++) {
            int fx = -1, v;
            bool clash = false;   /* a session from i would cover a fixed one */
            for (k = 0; k < ec->n_fixed[d]; k++) {
                const struct eng_fixed *f = &e->fixed[ec->fixed_first[d] + k];
                if (f->slot == i)
                    fx = k;
                else if (f->slot < i + len && i < f->slot + f->len)
                    clash = true;
            }
            if (fx >= 0) {
                const struct eng_fixed *f = &e->fixed[ec->fixed_first[d] + fx];
                int end = i + f->len > N_SLOTS ? N_SLOTS : i + f->len;
                int nr = end > r - 1 ? end + 1 : r;
                best[i][r] = (r == 0 || i - (r - 1) >= e->gap) +
                             best[end][nr];
                continue;
            }
            v = best[i + 1][r];
            if (!clash && i + len <= N_SLOTS && ss_all(s, i, i + len)) {
                int alt = (r == 0 || i - (r - 1) >= e->gap) +
                          best[i + len][i + len + 1 > r ? i + len + 1 : r];
                if (alt > v)
                    v = alt;
            }
            best[i][r] = v;
        }
    return best[0][0];
}

static int shortest_length(const struct eng *e, const struct eng_case *ec)
{
    int best = N_SLOTS;
    size_t t, j;

    for (t = 0; t < e->team->n_types; t++) {
        if (!((ec->types_ok >> t) & 1u))
            continue;
        for (j = 0; j < e->team->types[t].n_lengths; j++)
            if (e->team->types[t].lengths[j] / SLOT_MINUTES < best)
                best = e->team->types[t].lengths[j] / SLOT_MINUTES;
    }
    return best;
}

/* What staff_cover counts of a staff member's day: the hours on duty,
 * those not taken by pinned or published sessions (of other children, or
 * the child's own), or those also not taken by this plan's sessions nor
 * past the hour limits. */
enum cover { COVER_DUTY, COVER_AVAIL, COVER_UNBOOKED };

/* Staff on duty while the child is free, in a slot set. */
static slotset staff_cover(const struct ctx *x, const struct eng_case *ec,
                           int d, enum cover mode)
{
    const struct eng *e = x->e;
    slotset u = {{0, 0}}, two = {{0, 0}};
    int k;

    for (k = 0; k < ec->n_staff; k++) {
        int s = ec->staff[k];
        slotset a = mode == COVER_DUTY ? e->staff[s].duty[d]
                                       : e->staff[s].avail[d];
        if (mode == COVER_UNBOOKED) {
            const slotset *o = &x->occ[s * 7 + d];
            int cap = e->staff[s].cap_day[d] - x->used_day[s * 7 + d];
            int wcap = e->staff[s].cap_week - x->used_week[s];
            if (cap < SLOT_MINUTES || wcap < SLOT_MINUTES)
                continue;
            a.w[0] &= ~o->w[0];
            a.w[1] &= ~o->w[1];
        }
        /* a double-staffed case needs two on duty at once */
        two.w[0] |= u.w[0] & a.w[0];
        two.w[1] |= u.w[1] & a.w[1];
        u.w[0] |= a.w[0];
        u.w[1] |= a.w[1];
    }
    if (ec->c->double_staffed)
        u = two;
    u.w[0] &= ec->free[d].w[0];
    u.w[1] &= ec->free[d].w[1];
    return u;
}

/* Staff the case's staff.avoid rules out who hold a role for one of the
 * team's session types and are on duty while the child is free on d:
 * "T1 (on duty 10:00-18:00)", or "" when none. */
static void avoided_on_duty(const struct ctx *x, const struct eng_case *ec,
                            int d, char *buf, size_t size)
{
    const struct eng *e = x->e;
    size_t k, ty;

    buf[0] = '\0';
    for (k = 0; k < ec->c->n_avoid; k++) {
        int s = ec->c->avoid[k];
        slotset a;
        char w[120];
        bool useful = false;
        if (s < 0 || s >= e->n_staff || ec->c->permitted[s])
            continue;
        for (ty = 0; ty < e->team->n_types; ty++)
            if (e->team->staff[s].roles & e->team->types[ty].roles)
                useful = true;
        a = e->staff[s].duty[d];
        a.w[0] &= ec->free[d].w[0];
        a.w[1] &= ec->free[d].w[1];
        if (!useful || ss_count(&a) == 0)
            continue;
        windows(&e->staff[s].duty[d], w, sizeof w);
        iss_strcatf(buf, size, "%s%s (on duty %s)", buf[0] ? ", " : "",
                    e->team->staff[s].id, w);
    }
}

/* Permitted staff outside the case's chosen team (max_distinct) on duty
 * while the child is free on d: their ids, or "" when none. */
static void outside_team(const struct ctx *x, const struct eng_case *ec,
                         int d, char *buf, size_t size)
{
    const struct eng *e = x->e;
    int s, k, shown = 0;

    buf[0] = '\0';
    if (ec->max_distinct <= 0)
        return;
    for (s = 0; s < e->n_staff && shown < 6; s++) {
        slotset a = e->staff[s].avail[d];
        bool in_team = false;
        if (!ec->c->permitted[s])
            continue;
        for (k = 0; k < ec->n_staff; k++)
            if (ec->staff[k] == s)
                in_team = true;
        a.w[0] &= ec->free[d].w[0];
        a.w[1] &= ec->free[d].w[1];
        if (in_team || ss_count(&a) == 0)
            continue;
        iss_strcatf(buf, size, "%s%s", shown++ ? ", " : "",
                    e->team->staff[s].id);
    }
}

static void team_names(const struct eng *e, const struct eng_case *ec,
                       char *buf, size_t size)
{
    int k;

    buf[0] = '\0';
    for (k = 0; k < ec->n_staff; k++)
        iss_strcatf(buf, size, "%s%s", k ? ", " : "",
                    e->team->staff[ec->staff[k]].id);
}

/* What staff_absence says of the staff at work on a day. */
struct duty_lists {
    char hours[300];          /* on duty only at other hours */
    char booked[200];         /* on duty while the child is free, booked */
    char alone[300];          /* ... free, but no second one then */
};

/* Staff member s of the team, at work on d: their hours on duty into
 * l->hours ("S3 09:00-17:00") when those miss the child's free time, or
 * their id into l->booked when pinned or published sessions take all of
 * it; when some is left (a double-staffed case needing two at once), the
 * hours left into l->alone. */
static void on_duty(const struct ctx *x, const struct eng_case *ec, int d,
                    int s, struct duty_lists *l)
{
    const struct eng *e = x->e;
    const char *id = e->team->staff[s].id;
    slotset duty = e->staff[s].duty[d], avail = e->staff[s].avail[d];
    slotset df = duty, af = avail;
    char w[120];

    df.w[0] &= ec->free[d].w[0];
    df.w[1] &= ec->free[d].w[1];
    af.w[0] &= ec->free[d].w[0];
    af.w[1] &= ec->free[d].w[1];
    if (ss_count(&df) > 0 && ss_count(&af) == 0) {
        iss_strcatf(l->booked, sizeof l->booked, "%s%s",
                    l->booked[0] ? ", " : "", id);
    } else if (ss_count(&df) > 0) {
        windows(&af, w, sizeof w);
        iss_strcatf(l->alone, sizeof l->alone, "%s%s %s",
                    l->alone[0] ? ", " : "", id, w);
    } else {
        windows(&duty, w, sizeof w);
        iss_strcatf(l->hours, sizeof l->hours, "%s%s %s",
                    l->hours[0] ? ", " : "", id,
                    w[0] ? w : "(no hours in the planning day)");
    }
}

/* Why no permitted staff member is on duty while the child is free on d:
 * "S1, S6 on leave; S3 does not work on Mondays; S4 is not on the rota on
 * Tue 8 Dec; ...". Each staff member's day comes from iss_staff_day. */
static void staff_absence(const struct ctx *x, const struct eng_case *ec,
                          int d, char *buf, size_t size)
{
    const struct eng *e = x->e;
    const struct iss_team *t = e->team;
    iss_date date = e->monday + d;
    int wd = iss_weekday(date), k, shown = 0, n_rota = 0;
    char leave[200] = "", off[200] = "", bh[200] = "";
    char rota[200] = "", day[ISS_HDATE_BUFSZ];
    char avoided[200] = "";
    struct duty_lists l = {"", "", ""};

    iss_date_human(date, day);
    day[strlen(day) > 5 ? strlen(day) - 5 : 0] = '\0'; /* "Tue 8 Dec" */
    for (k = 0; k < ec->n_staff && shown < 12; k++) {
        const struct iss_staff *st = &t->staff[ec->staff[k]];
        struct iss_staff_day sd;
        shown++;
        iss_staff_day(st, e->ws->holidays, date, &sd);
        if (sd.kind == ISS_DAY_LEAVE)
            iss_strcatf(leave, sizeof leave, "%s%s", leave[0] ? ", " : "",
                        st->id);
        else if (sd.kind == ISS_DAY_BANK_HOLIDAY)
            iss_strcatf(bh, sizeof bh, "%s%s", bh[0] ? ", " : "", st->id);
        else if (sd.kind == ISS_DAY_OFF_ROTA) {
            iss_strcatf(rota, sizeof rota, "%s%s", rota[0] ? ", " : "",
                        st->id);
            n_rota++;
        } else if (sd.kind == ISS_DAY_OFF_WEEKLY)
            iss_strcatf(off, sizeof off, "%s%s", off[0] ? ", " : "", st->id);
        else
            on_duty(x, ec, d, ec->staff[k], &l);
    }
    avoided_on_duty(x, ec, d, avoided, sizeof avoided);
    buf[0] = '\0';
    if (ec->n_staff == 0) {
        iss_strcatf(buf, size, "no staff member may work with %s%s%s",
                    who(ec),
                    ec->c->n_only ? " (check staff.only)" : "",
                    ec->c->n_avoid ? " (check staff.avoid)" : "");
        return;
    }
    iss_strcatf(buf, size, "no %s on duty while %s is free",
                ec->c->double_staffed ? "two permitted staff together"
                                      : "permitted staff",
                who(ec));
    if (leave[0])
        iss_strcatf(buf, size, "; on leave: %s", leave);
    if (bh[0])
        iss_strcatf(buf, size, "; not working the bank holiday: %s", bh);
    if (rota[0])
        iss_strcatf(buf, size, "; %s %s not on the rota on %s", rota,
                    n_rota > 1 ? "are" : "is", day);
    if (off[0])
        iss_strcatf(buf, size, "; not working %ss: %s", iss_weekday_word(wd),
                    off);
    if (l.hours[0])
        iss_strcatf(buf, size, "; on duty only %s", l.hours);
    if (l.alone[0])
        iss_strcatf(buf, size, "; on duty while %s is free but with no "
                               "second member of staff then: %s", who(ec),
                    l.alone);
    if (l.booked[0])
        iss_strcatf(buf, size, "; on duty while %s is free but booked "
                               "with other sessions (pinned or published): "
                               "%s", who(ec), l.booked);
    if (ec->c->n_only)
        iss_strcatf(buf, size, " (staff.only limits who may)");
    if (avoided[0])
        iss_strcatf(buf, size, "; staff.avoid rules out %s", avoided);
}

static void add_short(struct iss_case_week *cw, enum iss_short_kind kind,
                      int minutes, int short_by, iss_date date,
                      const char *reason)
{
    struct iss_shortfall *n = realloc(
        cw->shortfalls, sizeof *n * (cw->n_shortfalls + 1));
    struct iss_shortfall *s;

    if (n == NULL)
        return;
    cw->shortfalls = n;
    s = &n[cw->n_shortfalls++];
    s->kind = kind;
    s->minutes = minutes;
    s->short_by = short_by;
    s->date = date;
    iss_snprintf(s->reason, sizeof s->reason, "%s", reason);
}

static void explain_contacts(const struct ctx *x, int wc, int d,
                             struct iss_case_week *cw)
{
    const struct eng *e = x->e;
    const struct eng_case *ec = &e->cases[wc];
    const struct pattern *p = &x->plan[wc * 7 + d];
    int need = ec->band_contacts[d], got = p->contacts +
                                          (ec->curfew_contact[d] ? 1 : 0);
    int len = shortest_length(e, ec);
    char reason[400], dn[32], w[200];
    slotset open = ec->free[d], cover, unbooked;
    int k, room;
    const char *fx = ec->n_fixed[d] > 0 ? ", with the day's pinned or "
                                          "published sessions where they are"
                                        : "";

    if (got >= need)
        return;
    /* free time includes the day's fixed sessions */
    for (k = 0; k < ec->n_fixed[d]; k++) {
        const struct eng_fixed *f = &e->fixed[ec->fixed_first[d] + k];
        ss_fill(&open, f->slot, f->slot + f->len, true);
    }
    iss_snprintf(reason, sizeof reason, "%s: %d of %d contacts%s - ",
             day_name(e->monday + d, dn, sizeof dn), got, need,
             ec->curfew_contact[d] ? " (the EM curfew counts as one)" : "");
    windows(&open, w, sizeof w);
    cover = staff_cover(x, ec, d, COVER_AVAIL);
    unbooked = staff_cover(x, ec, d, COVER_UNBOOKED);
    if (ss_count(&open) == 0) {
        iss_strcatf(
            reason, sizeof reason,
            "no free time between %s outside education, curfew (with the "
            "travel home) and commitments",
            "the planning day's hours");
    } else if ((room = contacts_possible(e, ec, d, &open, len)) +
                   ec->curfew_contact[d] <
               need) {
        iss_strcatf(
            reason, sizeof reason,
            "free only %s outside education, curfew and commitments%s: "
            "room for %d separate contact%s (contacts count apart when %d "
            "min or more separate them)",
            w, fx, room, room == 1 ? "" : "s",
            e->team->policy.contact_gap_minutes);
    } else if (ss_count(&cover) == 0) {
        char why[300], others[120], team[200];
        outside_team(x, ec, d, others, sizeof others);
        if (others[0]) {
            team_names(e, ec, team, sizeof team);
            iss_strcatf(
                reason, sizeof reason,
                "the case allows at most %d different staff "
                "(staff.max_distinct) and none of this week's (%s) %s on "
                "duty while %s is free; %s %s",
                ec->max_distinct, team,
                ec->c->double_staffed ? "are two" : "is", who(ec), others,
                strchr(others, ',') ? "are" : "is");
        } else {
            staff_absence(x, ec, d, why, sizeof why);
            iss_strcatf(reason, sizeof reason, "%s (free %s)", why, w);
        }
    } else if (contacts_possible(e, ec, d, &cover, len) +
                   ec->curfew_contact[d] <
               need) {
        char cw_s[200];
        slotset duty = staff_cover(x, ec, d, COVER_DUTY);
        bool booked = contacts_possible(e, ec, d, &duty, len) +
                          ec->curfew_contact[d] >= need;
        room = contacts_possible(e, ec, d, &cover, len);
        windows(booked ? &cover : &duty, cw_s, sizeof cw_s);
        if (booked)
            iss_strcatf(reason, sizeof reason,
                        "permitted staff on duty while %s is free are "
                        "booked with other sessions (pinned or published) "
                        "but for %s%s: room for %d separate contact%s",
                        who(ec), cw_s, fx, room, room == 1 ? "" : "s");
        else
            iss_strcatf(reason, sizeof reason,
                        "permitted staff are on duty only %s while %s is "
                        "free%s: room for %d separate contact%s",
                        cw_s, who(ec), fx, room, room == 1 ? "" : "s");
    } else if (contacts_possible(e, ec, d, &unbooked, len) + got < need) {
        char names[200] = "";
        int shown = 0;
        for (k = 0; k < ec->n_staff && shown < 6; k++) {
            int s = ec->staff[k];
            slotset a = e->staff[s].avail[d];
            a.w[0] &= open.w[0];
            a.w[1] &= open.w[1];
            if (ss_count(&a) == 0)
                continue;
            iss_strcatf(names, sizeof names, "%s%s", shown++ ? ", " : "",
                        e->team->staff[s].id);
        }
        iss_strcatf(
            reason, sizeof reason,
            "permitted staff on duty while %s is free (%s) are booked with "
            "other children or at their hour limits",
            who(ec), names);
    } else {
        iss_strcatf(
            reason, sizeof reason,
            "staff time that day went to other children's required hours "
            "and contacts, which the plan ranks first (docs/solver.md)");
    }
    add_short(cw, ISS_SHORT_CONTACTS, 0, need - got, e->monday + d, reason);
}

static void explain_minutes(const struct ctx *x, int wc,
                            struct iss_case_week *cw)
{
    const struct eng *e = x->e;
    const struct eng_case *ec = &e->cases[wc];
    int planned = cw->planned_minutes, need = ec->need;
    int short_by = cw->required_minutes - cw->education_minutes_counted -
                   planned;
    int open_min = 0, capped = 0, covered = 0, unbooked = 0, d, k;
    int on_duty_min = 0;
    char reason[400], a[32], b[32], c2[32], rules[160], avoided[200] = "";

    if (short_by <= 0)
        return;
    for (d = 0; d < 7; d++) {
        slotset open = ec->free[d], cov, unb, duty;
        int n, cap;
        if (!ec->in_order[d])
            continue;
        for (k = 0; k < ec->n_fixed[d]; k++) {
            const struct eng_fixed *f = &e->fixed[ec->fixed_first[d] + k];
            ss_fill(&open, f->slot, f->slot + f->len, true);
        }
        n = ss_count(&open) * SLOT_MINUTES;
        cap = ec->day_cap[d] * SLOT_MINUTES;
        open_min += n;
        capped += n < cap ? n : cap;
        cov = staff_cover(x, ec, d, COVER_AVAIL);
        unb = staff_cover(x, ec, d, COVER_UNBOOKED);
        duty = staff_cover(x, ec, d, COVER_DUTY);
        on_duty_min += ss_count(&duty) * SLOT_MINUTES +
                       ec->fixed_slots[d] * SLOT_MINUTES;
        if (!avoided[0])
            avoided_on_duty(x, ec, d, avoided, sizeof avoided);
        covered += ss_count(&cov) * SLOT_MINUTES + ec->fixed_slots[d] *
                                                       SLOT_MINUTES;
        unbooked += ss_count(&unb) * SLOT_MINUTES;
    }
    iss_snprintf(reason, sizeof reason, "%s short of the %s required",
             hours(short_by, a, sizeof a),
             hours(cw->required_minutes, b, sizeof b));
    if (cw->education_minutes_counted > 0)
        iss_strcatf(reason, sizeof reason, " (%s education counted)",
                    hours(cw->education_minutes_counted, a, sizeof a));
    iss_strcatf(reason, sizeof reason, " - ");
    if (open_min < need) {
        iss_strcatf(
            reason, sizeof reason,
            "only %s free outside education, curfew (with the travel "
            "home) and commitments in the planning day; %s of sessions "
            "needed",
            hours(open_min, a, sizeof a), hours(need, b, sizeof b));
    } else if (capped < need) {
        iss_strcatf(
            reason, sizeof reason,
            "at most %s of sessions a day (policy "
            "max_child_minutes_per_day) gives %s; %s needed",
            hours(e->team->policy.max_child_minutes_per_day, a, sizeof a),
            hours(capped, b, sizeof b), hours(need, c2, sizeof c2));
    } else if (covered < need) {
        iss_strcatf(
            reason, sizeof reason,
            "only %s while %s is free and a permitted member of staff is "
            "on duty%s; %s needed%s",
            hours(covered, a, sizeof a), who(ec),
            on_duty_min >= need ? " and not booked with other sessions "
                                  "(pinned or published)" : "",
            hours(need, b, sizeof b),
            ec->c->n_only ? " (staff.only limits who may)" : "");
        if (avoided[0])
            iss_strcatf(reason, sizeof reason,
                        "; staff.avoid rules out %s", avoided);
    } else if (eng_rules_limited(e, wc, x->plan, rules, sizeof rules) > 0) {
        iss_strcatf(reason, sizeof reason,
            "practice rules limited it (at most %.0f%% of the week's "
            "session minutes of one element, max_element_share; "
            "weekly_sessions max): at the limit: %s",
            ec->share * 100, rules);
    } else if (unbooked < short_by) {
        iss_strcatf(
            reason, sizeof reason,
            "permitted staff are booked with other children or at their "
            "hour limits: %s of their time is left while %s is free",
            hours(unbooked, a, sizeof a), who(ec));
    } else {
        iss_strcatf(
            reason, sizeof reason,
            "not fitted around the child's breaks and daily limit, or the "
            "search stopped at its time limit (see solver gap)");
    }
    add_short(cw, ISS_SHORT_MINUTES, short_by, 0, ISS_DATE_NONE, reason);
}

void eng_explain(const struct eng *e, const struct pattern *plan,
                 struct iss_plan *out)
{
    struct ctx x;
    int wc, d, i, j, s;
    size_t t;

    memset(&x, 0, sizeof x);
    x.e = e;
    x.plan = plan;
    x.occ = calloc((size_t)e->n_staff * 7 + 1, sizeof *x.occ);
    x.used_day = calloc((size_t)e->n_staff * 7 + 1, sizeof(int));
    x.used_week = calloc((size_t)e->n_staff + 1, sizeof(int));
    if (x.occ == NULL || x.used_day == NULL || x.used_week == NULL)
        goto out;
    for (wc = 0; wc < e->n_cases; wc++)
        for (d = 0; d < 7; d++) {
            const struct pattern *p = &plan[wc * 7 + d];
            for (i = 0; i < p->n; i++) {
                const struct pat_session *ps = &p->s[i];
                if (ps->fixed)
                    continue;
                for (j = 0; j < ps->n_staff; j++) {
                    s = ps->staff[j];
                    ss_fill(&x.occ[s * 7 + d], ps->slot - e->tb,
                            ps->slot + ps->len + e->tb, true);
                    x.used_day[s * 7 + d] += ps->len * SLOT_MINUTES;
                    x.used_week[s] += ps->len * SLOT_MINUTES;
                }
            }
        }
    for (wc = 0; wc < e->n_cases; wc++) {
        const struct eng_case *ec = &e->cases[wc];
        struct iss_case_week *cw = &out->cases[wc];
        char reason[400];
        explain_minutes(&x, wc, cw);
        for (d = 0; d < 7; d++)
            if (ec->in_order[d])
                explain_contacts(&x, wc, d, cw);
        if (cw->weekend_planned < ec->weekend_need) {
            slotset sat = staff_cover(&x, ec, 5, COVER_DUTY);
            slotset sun = staff_cover(&x, ec, 6, COVER_DUTY);
            iss_snprintf(reason, sizeof reason,
                     "weekend: %d of %d contacts - %s",
                     cw->weekend_planned, ec->weekend_need,
                     ss_count(&sat) + ss_count(&sun) == 0
                         ? "no permitted staff on duty at the weekend "
                           "while the child is free"
                         : "permitted weekend staff are booked with other "
                           "children");
            for (d = 5; d < 7; d++) {
                char avoided[200];
                avoided_on_duty(&x, ec, d, avoided, sizeof avoided);
                if (avoided[0])
                    iss_strcatf(reason, sizeof reason,
                                "; staff.avoid rules out %s on %s", avoided,
                                d == 5 ? "Saturday" : "Sunday");
            }
            add_short(cw, ISS_SHORT_WEEKEND, 0,
                      ec->weekend_need - cw->weekend_planned, ISS_DATE_NONE,
                      reason);
        }
        for (t = 0; t < e->team->n_types; t++) {
            const struct iss_session_type *ty = &e->team->types[t];
            int missing = cw->sessions_required[t] - cw->sessions_planned[t];
            if (missing <= 0)
                continue;
            iss_snprintf(reason, sizeof reason,
                     "%d of %d %s sessions - %s", cw->sessions_planned[t],
                     cw->sessions_required[t], ty->id,
                     !((ec->types_ok >> t) & 1u)
                         ? "no permitted staff member holds a role for it"
                         : "not fitted: time with staff who hold a role "
                           "for it went to required hours and contacts");
            add_short(cw, ISS_SHORT_SESSIONS, 0, missing, ISS_DATE_NONE,
                      reason);
        }
        for (i = 0; i < ISS_CORE_ELEMENTS; i++) {
            if (!((cw->core_missing >> i) & 1u))
                continue;
            iss_snprintf(reason, sizeof reason,
                     "no %s session this week - not fitted: time with staff "
                     "who hold a role for it went to required hours and "
                     "contacts", iss_element_name((enum iss_element)i));
            add_short(cw, ISS_SHORT_CORE, 0, 1, ISS_DATE_NONE, reason);
        }
    }
out:
    free(x.occ);
    free(x.used_day);
    free(x.used_week);
}
