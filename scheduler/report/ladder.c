/* iss - the compliance ladder, as a state machine over what was issued.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iss/ladder.h"

static const char *const kind_names[ISS_ACTION_KINDS] = {
    "follow_up", "warning", "compliance_meeting", "breach",
    "first_contact", "planning_meeting", "review"};

static const char *const kind_labels[ISS_ACTION_KINDS] = {
    "Follow-up", "Warning", "Compliance meeting", "Breach action",
    "First contact", "Planning meeting", "Review"};

const char *iss_action_name(enum iss_action_kind k)
{
    return (unsigned)k < ISS_ACTION_KINDS ? kind_names[k] : "follow_up";
}

const char *iss_action_label(enum iss_action_kind k)
{
    return (unsigned)k < ISS_ACTION_KINDS ? kind_labels[k] : "Follow-up";
}

int iss_action_parse(const char *s)
{
    int i;

    for (i = 0; i < ISS_ACTION_KINDS; i++)
        if (strcmp(s, kind_names[i]) == 0)
            return i;
    return -1;
}

const char *iss_action_state_name(enum iss_action_state s)
{
    switch (s) {
    case ISS_ACTION_DONE:
        return "done";
    case ISS_ACTION_WITHDRAWN:
        return "withdrawn";
    case ISS_ACTION_DUE:
        break;
    }
    return "due";
}

iss_date iss_working_day_on_or_after(const struct iss_holidays *h,
                                     bool christmas_eve_working, iss_date d)
{
    int guard = 0;

    while (!iss_is_working_day(h, christmas_eve_working, d) && guard++ < 30)
        d++;
    return d;
}

static int miss_cmp(const void *a, const void *b)
{
    const struct iss_miss *x = a, *y = b;

    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    /* Two misses on one day: the earlier one is the failure a warning
     * names, the later one its "since then" (was: by uid, at random). */
    if (x->start_utc != y->start_utc)
        return x->start_utc < y->start_utc ? -1 : 1;
    return strcmp(x->uid, y->uid);
}

static int action_cmp(const void *a, const void *b)
{
    const struct iss_action *x = a, *y = b;

    if (x->trigger != y->trigger)
        return x->trigger < y->trigger ? -1 : 1;
    if (x->kind != y->kind)
        return (int)x->kind - (int)y->kind;
    if (x->number != y->number)
        return x->number - y->number;
    return strcmp(x->key, y->key);
}

struct acts {
    struct iss_action *a;
    size_t n, cap;
    bool failed;
};

/* Append an action, with its closing if one is stored. */
static struct iss_action *add(struct acts *v, const struct iss_ladder_input *in,
                              enum iss_action_kind kind, iss_date trigger,
                              iss_date due, int number, const char *uid,
                              const char *key)
{
    struct iss_action *a;
    size_t i;

    if (v->n == v->cap) {
        size_t ncap = v->cap ? v->cap * 2 : 16;
        struct iss_action *na = realloc(v->a, ncap * sizeof *na);
        if (na == NULL) {
            v->failed = true;
            return NULL;
        }
        v->a = na;
        v->cap = ncap;
    }
    a = &v->a[v->n++];
    memset(a, 0, sizeof *a);
    a->kind = kind;
    a->trigger = trigger;
    a->due = iss_working_day_on_or_after(in->holidays,
                                         in->policy->christmas_eve_working,
                                         due);
    a->number = number;
    a->closed_on = ISS_DATE_NONE;
    snprintf(a->uid, sizeof a->uid, "%s", uid);
    snprintf(a->key, sizeof a->key, "%s", key);
    for (i = 0; i < in->n_closures; i++) {
        const struct iss_closure *c = &in->closures[i];
        if (c->kind == kind && strcmp(c->key, a->key) == 0) {
            a->state = c->state;
            a->closed_on = c->on;
            snprintf(a->by, sizeof a->by, "%s", c->by);
            snprintf(a->note, sizeof a->note, "%s", c->note);
        }
    }
    return a;
}

/* Still due on day d: raised on or before d and not closed before d. */
static bool due_on(const struct iss_action *a, iss_date d)
{
    return a->trigger <= d &&
           (a->state == ISS_ACTION_DUE || a->closed_on >= d);
}

static void milestones(struct acts *v, const struct iss_ladder_input *in)
{
    const struct iss_policy *pol = in->policy;
    bool xmas = pol->christmas_eve_working;
    iss_date s = in->order_start;
    struct iss_action *a;
    int k;

    a = add(v, in, ISS_ACTION_FIRST_CONTACT, s,
            iss_working_days_after(in->holidays, xmas, s,
                                   pol->first_contact_within_working_days),
            0, "", "order");
    /* The first session attended is the first contact, unless the officer
     * recorded it otherwise. */
    if (a != NULL && a->state == ISS_ACTION_DUE &&
        in->first_contact != ISS_DATE_NONE) {
        a->state = ISS_ACTION_DONE;
        a->closed_on = in->first_contact;
        a->automatic = true;
    }
    add(v, in, ISS_ACTION_PLANNING_MEETING, s,
        iss_working_days_after(in->holidays, xmas, s,
                               pol->planning_meeting_within_working_days),
        0, "", "order");
    if (pol->review_every_months <= 0)
        return;
    for (k = 1; k < 200; k++) {
        iss_date due = iss_add_months(s, k * pol->review_every_months);
        char key[32];
        if (due > in->until || due > in->order_end)
            break;
        snprintf(key, sizeof key, "review-%d", k);
        add(v, in, ISS_ACTION_REVIEW, due, due, k, "", key);
    }
}

/* The follow-up of a miss, saying why the miss does not count when it
 * does not. */
static void follow_up(struct acts *v, const struct iss_ladder_input *in,
                      const struct iss_miss *m)
{
    const struct iss_policy *pol = in->policy;
    struct iss_action *f;

    f = add(v, in, ISS_ACTION_FOLLOW_UP, m->date,
            iss_working_days_after(in->holidays, pol->christmas_eve_working,
                                   m->date,
                                   pol->follow_up_within_working_days),
            0, m->uid, m->uid);
    if (f != NULL && !m->acceptable && m->not_counted)
        snprintf(f->not_counted, sizeof f->not_counted, "%s", m->why_not);
}

/* What had been issued (done before day d), and what is still due (a
 * withdrawn action counts as never raised): the first warning or breach
 * action still due on d (NULL when none is), and in *live the formal
 * warnings given after expiry and after spent. */
static struct iss_action *issued(struct acts *v, iss_date d, iss_date expiry,
                                 iss_date spent, int *live)
{
    struct iss_action *pending = NULL;
    size_t j;

    *live = 0;
    for (j = 0; j < v->n; j++) {
        struct iss_action *a = &v->a[j];
        if (a->kind != ISS_ACTION_WARNING && a->kind != ISS_ACTION_BREACH)
            continue;
        if (due_on(a, d) && a->state != ISS_ACTION_WITHDRAWN &&
            pending == NULL)
            pending = a;
        if (a->kind == ISS_ACTION_WARNING && a->number > 0 &&
            a->state == ISS_ACTION_DONE && a->closed_on < d &&
            a->closed_on > expiry &&
            (spent == ISS_DATE_NONE || a->closed_on > spent))
            (*live)++;
    }
    return pending;
}

/* Formal warning number live + 1 for the miss, and the compliance meeting
 * it calls for. */
static void formal_warning(struct acts *v, const struct iss_ladder_input *in,
                           const struct iss_miss *m, int live)
{
    const struct iss_policy *pol = in->policy;
    iss_date d = m->date;
    struct iss_action *w;

    w = add(v, in, ISS_ACTION_WARNING, d,
            iss_working_days_after(in->holidays, pol->christmas_eve_working,
                                   d, pol->follow_up_within_working_days),
            live + 1, m->uid, m->uid);
    if (w != NULL && pol->compliance_meeting_after_warning > 0 &&
        live + 1 == pol->compliance_meeting_after_warning) {
        /* Within so many days of the warning being given (of its due day
         * while it is not). */
        iss_date base = w->state == ISS_ACTION_DONE ? w->closed_on : w->due;
        add(v, in, ISS_ACTION_COMPLIANCE_MEETING, d,
            base + pol->compliance_meeting_within_days, live + 1, m->uid,
            m->uid);
    }
}

/* The actions, as iss_ladder; (size_t)-1 when out of memory. */
static size_t ladder(const struct iss_ladder_input *in, struct iss_action *out,
                     size_t max)
{
    const struct iss_policy *pol = in->policy;
    bool xmas = pol->christmas_eve_working;
    struct acts v = {NULL, 0, 0, false};
    struct iss_miss *m = malloc(sizeof *m * (in->n_misses + 1));
    iss_date spent = ISS_DATE_NONE; /* warnings before it are spent */
    bool verbal_given = false;
    int failures = 0;
    size_t i, n;

    if (m == NULL)
        return (size_t)-1;
    if (in->n_misses > 0)
        memcpy(m, in->misses, sizeof *m * in->n_misses);
    qsort(m, in->n_misses, sizeof *m, miss_cmp);
    if (in->milestones)
        milestones(&v, in);
    for (i = 0; i < in->n_misses && !v.failed; i++) {
        iss_date d = m[i].date, expiry = iss_add_months(d,
                                                        -pol->warning_period_months);
        struct iss_action *pending;
        int live;

        follow_up(&v, in, &m[i]);
        if (m[i].acceptable || m[i].not_counted)
            continue;
        failures++;
        pending = issued(&v, d, expiry, spent, &live);
        if (pending != NULL) {
            pending->also_failures++;
            continue;
        }
        if (pol->verbal_warning_first && !verbal_given) {
            verbal_given = true;
            add(&v, in, ISS_ACTION_WARNING, d,
                iss_working_days_after(in->holidays, xmas, d,
                                       pol->follow_up_within_working_days),
                0, m[i].uid, m[i].uid);
        } else if (live < pol->warnings_before_breach) {
            formal_warning(&v, in, &m[i], live);
        } else {
            struct iss_action *b = add(
                &v, in, ISS_ACTION_BREACH, d,
                iss_working_days_after(in->holidays, xmas, d,
                                       pol->breach_within_working_days),
                failures, m[i].uid, m[i].uid);
            /* Once breach action is taken the warnings are spent: a later
             * failure starts again at warning 1. */
            if (b != NULL && b->state == ISS_ACTION_DONE)
                spent = b->closed_on;
        }
    }
    free(m);
    if (v.failed) {
        free(v.a);
        return (size_t)-1;
    }
    if (v.n > 1)
        qsort(v.a, v.n, sizeof *v.a, action_cmp);
    n = v.n;
    if (out != NULL && max > 0 && n > 0)
        memcpy(out, v.a, sizeof *out * (n < max ? n : max));
    free(v.a);
    return n;
}

int iss_ladder(const struct iss_ladder_input *in, struct iss_action *out,
               size_t max, size_t *n, struct iss_error *err)
{
    size_t k = ladder(in, out, max);

    *n = 0;
    if (k == (size_t)-1)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    *n = k;
    return 0;
}
