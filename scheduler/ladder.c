/* iss - the compliance ladder.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iss/ladder.h"

const char *iss_action_name(enum iss_action_kind k)
{
    switch (k) {
    case ISS_ACTION_FOLLOW_UP:
        return "follow_up";
    case ISS_ACTION_WARNING:
        return "warning";
    case ISS_ACTION_COMPLIANCE_MEETING:
        return "compliance_meeting";
    case ISS_ACTION_BREACH:
        return "breach";
    }
    return "follow_up";
}

static int miss_cmp(const void *a, const void *b)
{
    const struct iss_miss *x = a, *y = b;

    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return strcmp(x->uid, y->uid);
}

static size_t add(struct iss_action *out, size_t n, size_t max,
                  enum iss_action_kind kind, iss_date trigger, iss_date due,
                  int number, const char *uid)
{
    if (n < max) {
        struct iss_action *a = &out[n];
        memset(a, 0, sizeof *a);
        a->kind = kind;
        a->trigger = trigger;
        a->due = due;
        a->number = number;
        if (uid != NULL)
            snprintf(a->uid, sizeof a->uid, "%s", uid);
    }
    return n + 1;
}

size_t iss_ladder(const struct iss_policy *pol,
                  const struct iss_holidays *holidays,
                  const struct iss_miss *misses, size_t n,
                  struct iss_action *out, size_t max)
{
    struct iss_miss *m = malloc(sizeof *m * (n + 1));
    iss_date warned[64];
    int n_warned = 0, failures = 0;
    bool xmas = pol->christmas_eve_working;
    size_t i, k = 0;

    if (m == NULL)
        return 0;
    if (n > 0)
        memcpy(m, misses, sizeof *m * n);
    qsort(m, n, sizeof *m, miss_cmp);
    for (i = 0; i < n; i++) {
        iss_date d = m[i].date, expiry;
        int live = 0, j;

        k = add(out, k, max, ISS_ACTION_FOLLOW_UP, d,
                iss_working_days_after(holidays, xmas, d,
                                       pol->follow_up_within_working_days),
                0, m[i].uid);
        if (m[i].acceptable)
            continue;
        failures++;
        /* Warnings live for the warned period. */
        expiry = iss_add_months(d, -pol->warning_period_months);
        for (j = 0; j < n_warned; j++)
            if (warned[j] > expiry)
                live++;
        if (live < pol->warnings_before_breach) {
            /* Warning number live + 1 of the warned period. */
            if (n_warned < 64)
                warned[n_warned++] = d;
            k = add(out, k, max, ISS_ACTION_WARNING, d,
                    iss_working_days_after(
                        holidays, xmas, d,
                        pol->follow_up_within_working_days),
                    live + 1, m[i].uid);
            if (pol->compliance_meeting_after_warning > 0 &&
                live + 1 == pol->compliance_meeting_after_warning)
                k = add(out, k, max, ISS_ACTION_COMPLIANCE_MEETING, d,
                        d + pol->compliance_meeting_within_days, live + 1,
                        m[i].uid);
        } else {
            k = add(out, k, max, ISS_ACTION_BREACH, d,
                    iss_working_days_after(holidays, xmas, d,
                                           pol->breach_within_working_days),
                    failures, m[i].uid);
            /* The warnings are spent: a later failure starts again. */
            n_warned = 0;
        }
    }
    free(m);
    return k;
}
