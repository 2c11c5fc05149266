/* iss - the contact rule: how many separate contacts a child's sessions
 * on one day make (docs/plan.md, "Contacts").
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * The one statement of the rule, for the plan, the report and the engine:
 * take the sessions in order of start (sessions that start together in
 * the order given); a session is a new contact when it starts at least
 * gap after every earlier one has ended. The first is always one.
 * Any unit will do (clock minutes, the engine's slots) as long as start,
 * end and gap share it. The engine's pat_contacts (pricing.c) calls it
 * on a pattern's sessions in slots; its pricing DP keeps the same rule as
 * a state (the distance from the last end, capped at the gap).
 */
#include <stddef.h>

#include "iss/plan.h"

/* True if session k comes before session i in start order. */
static int earlier(const int *start, size_t k, size_t i)
{
    return start[k] < start[i] || (start[k] == start[i] && k < i);
}

/* Without a sorted copy (a day has a handful of sessions), so that it
 * cannot fail: session i is a new contact when no earlier session ends
 * less than gap before it starts. */
int iss_count_contacts(const int *start, const int *end, size_t n, int gap)
{
    size_t i, k;
    int count = 0;

    for (i = 0; i < n; i++) {
        int separate = 1;

        for (k = 0; k < n && separate; k++)
            if (k != i && earlier(start, k, i) && start[i] - end[k] < gap)
                separate = 0;
        count += separate;
    }
    return count;
}
