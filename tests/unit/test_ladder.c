/* Unit tests: the compliance ladder (DOMAIN.md section 6, scenario 3).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <string.h>

#include "iss/ladder.h"
#include "test.h"

static iss_date D(const char *s)
{
    iss_date d = ISS_DATE_NONE;

    iss_date_parse(s, &d);
    return d;
}

static struct iss_holidays *hol;

static struct iss_miss miss(const char *date, bool acceptable)
{
    struct iss_miss m;

    memset(&m, 0, sizeof m);
    m.date = D(date);
    m.acceptable = acceptable;
    snprintf(m.uid, sizeof m.uid, "u-%s", date);
    return m;
}

/* The first action of a kind (and number, when > 0), or NULL. */
static const struct iss_action *find(const struct iss_action *a, size_t n,
                                     enum iss_action_kind kind, int number)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (a[i].kind == kind && (number == 0 || a[i].number == number))
            return &a[i];
    return NULL;
}

static size_t count(const struct iss_action *a, size_t n,
                    enum iss_action_kind kind)
{
    size_t i, c = 0;

    for (i = 0; i < n; i++)
        c += a[i].kind == kind;
    return c;
}

static void test_scenario3(void)
{
    /* ETE apprentice, order Mon 1 Sep 2025: unacceptable misses on 9 Sep,
     * 20 Sep and 2 Oct: warnings 1 and 2, then breach due Thu 9 Oct. */
    struct iss_policy pol;
    struct iss_miss m[3];
    struct iss_action a[16];
    const struct iss_action *x;
    size_t n;

    iss_policy_defaults(&pol);
    m[0] = miss("2025-10-02", false); /* out of order on purpose */
    m[1] = miss("2025-09-09", false);
    m[2] = miss("2025-09-20", false);
    n = iss_ladder(&pol, hol, m, 3, a, 16);
    CHECK_EQ_INT(n, 6);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_WARNING), 2);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 1);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_FOLLOW_UP), 3);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_COMPLIANCE_MEETING), 0);
    x = find(a, n, ISS_ACTION_WARNING, 1);
    CHECK(x != NULL && x->trigger == D("2025-09-09"));
    CHECK(x != NULL && x->due == D("2025-09-10"));
    x = find(a, n, ISS_ACTION_WARNING, 2);
    CHECK(x != NULL && x->trigger == D("2025-09-20"));
    CHECK(x != NULL && x->due == D("2025-09-22")); /* Sat -> Mon */
    x = find(a, n, ISS_ACTION_BREACH, 0);
    CHECK(x != NULL && x->trigger == D("2025-10-02"));
    CHECK(x != NULL && x->due == D("2025-10-09"));
    CHECK(x != NULL && strcmp(x->uid, "u-2025-10-02") == 0);
    /* sorted by trigger */
    CHECK(a[0].trigger == D("2025-09-09"));
    CHECK(a[n - 1].trigger == D("2025-10-02"));
    /* Wokingham: a compliance meeting within 10 days of warning 2. */
    pol.ladder = ISS_LADDER_WOKINGHAM;
    pol.compliance_meeting_after_warning = 2;
    n = iss_ladder(&pol, hol, m, 3, a, 16);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_COMPLIANCE_MEETING), 1);
    x = find(a, n, ISS_ACTION_COMPLIANCE_MEETING, 0);
    CHECK(x != NULL && x->trigger == D("2025-09-20"));
    CHECK(x != NULL && x->due == D("2025-09-30"));
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 1);
}

static void test_rules(void)
{
    struct iss_policy pol;
    struct iss_miss m[6];
    struct iss_action a[32];
    const struct iss_action *x;
    size_t n;

    iss_policy_defaults(&pol);
    /* Acceptable misses are not failures: follow-ups only. */
    m[0] = miss("2025-09-09", true);
    m[1] = miss("2025-09-10", true);
    m[2] = miss("2025-09-11", true);
    n = iss_ladder(&pol, hol, m, 3, a, 32);
    CHECK_EQ_INT(n, 3);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_FOLLOW_UP), 3);
    /* Warnings expire after the warned period (12 months): a failure 13
     * months after two warnings earns warning 1 again, not breach. */
    m[0] = miss("2024-01-10", false);
    m[1] = miss("2024-02-10", false);
    m[2] = miss("2025-03-10", false);
    n = iss_ladder(&pol, hol, m, 3, a, 32);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 0);
    x = find(a, n, ISS_ACTION_WARNING, 0);
    CHECK(x != NULL);
    CHECK_EQ_INT(a[n - 1].kind, ISS_ACTION_WARNING);
    CHECK_EQ_INT(a[n - 1].number, 1);
    /* ... but within 12 months it is breach. */
    m[2] = miss("2025-01-09", false);
    n = iss_ladder(&pol, hol, m, 3, a, 32);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 1);
    /* After breach the warnings are spent: the next failure is warning 1. */
    m[3] = miss("2025-01-20", false);
    n = iss_ladder(&pol, hol, m, 4, a, 32);
    CHECK_EQ_INT(a[n - 1].kind, ISS_ACTION_WARNING);
    CHECK_EQ_INT(a[n - 1].number, 1);
    /* Deadlines skip bank holidays and weekends: a failure on Thursday 18
     * Dec 2025 with warnings live: 5 working days over Christmas (25, 26
     * Dec holidays): 19, 22, 23, 24, 29 Dec -> 29 Dec; without Christmas
     * Eve as a working day, 30 Dec. */
    m[0] = miss("2025-12-01", false);
    m[1] = miss("2025-12-08", false);
    m[2] = miss("2025-12-18", false);
    n = iss_ladder(&pol, hol, m, 3, a, 32);
    x = find(a, n, ISS_ACTION_BREACH, 0);
    CHECK(x != NULL && x->due == D("2025-12-29"));
    pol.christmas_eve_working = false;
    n = iss_ladder(&pol, hol, m, 3, a, 32);
    x = find(a, n, ISS_ACTION_BREACH, 0);
    CHECK(x != NULL && x->due == D("2025-12-30"));
    pol.christmas_eve_working = true;
    /* One warning before breach (a stricter custom ladder). */
    pol.warnings_before_breach = 1;
    m[0] = miss("2025-09-09", false);
    m[1] = miss("2025-09-10", false);
    n = iss_ladder(&pol, hol, m, 2, a, 32);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_WARNING), 1);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 1);
    /* Nothing missed, nothing due; the output limit is respected. */
    CHECK_EQ_INT(iss_ladder(&pol, hol, m, 0, a, 32), 0);
    CHECK_EQ_INT(iss_ladder(&pol, hol, m, 2, a, 1), 4);
}

int main(void)
{
    struct iss_problems probs;
    struct iss_error err = {0, ""};

    iss_problems_init(&probs);
    hol = iss_holidays_new();
    iss_holidays_load(hol, ISS_TEST_SRCDIR "/data/bank-holidays-ew.json",
                      "holidays", &probs, &err);
    CHECK_EQ_INT(probs.count, 0);
    iss_problems_clear(&probs);
    test_scenario3();
    test_rules();
    iss_holidays_free(hol);
    return TEST_FINISH();
}
