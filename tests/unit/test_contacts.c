/* iss - unit tests of the contact rule (contacts.c, docs/plan.md).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdlib.h>

#include "iss/plan.h"
#include "test.h"

#define N(a) (sizeof(a) / sizeof(a)[0])

/* The rule as docs/plan.md says it, step by step on a sorted copy: the
 * oracle the one function must agree with. */
static int by_the_book(const int *start, const int *end, size_t n, int gap)
{
    size_t order[16], i, j;
    int count = 0, reach = 0;

    for (i = 0; i < n; i++) {
        size_t v = i;
        for (j = i; j > 0 && start[order[j - 1]] > start[v]; j--)
            order[j] = order[j - 1];
        order[j] = v;
    }
    for (i = 0; i < n; i++) {
        size_t k = order[i];
        if (i == 0 || start[k] - reach >= gap)
            count++;
        if (i == 0 || end[k] > reach)
            reach = end[k];
    }
    return count;
}

static void test_cases(void)
{
    /* 10:00-11:00 and 13:00-14:00, gap 120: one contact (2 h from 11:00
     * is 13:00: exactly the gap makes two). */
    int s1[] = {600, 780}, e1[] = {660, 840};
    /* The same given in reverse order. */
    int s2[] = {780, 600}, e2[] = {840, 660};
    /* A long session covering a short one: the short one is no contact. */
    int s3[] = {540, 600, 900}, e3[] = {720, 630, 960};
    /* Two starting together. */
    int s4[] = {600, 600}, e4[] = {660, 700};

    CHECK_EQ_INT(iss_count_contacts(NULL, NULL, 0, 120), 0);
    CHECK_EQ_INT(iss_count_contacts(s1, e1, 1, 120), 1);
    CHECK_EQ_INT(iss_count_contacts(s1, e1, 2, 120), 2);
    CHECK_EQ_INT(iss_count_contacts(s1, e1, 2, 121), 1);
    CHECK_EQ_INT(iss_count_contacts(s2, e2, 2, 120), 2);
    CHECK_EQ_INT(iss_count_contacts(s2, e2, 2, 121), 1);
    /* 15:00 is 3 h after 12:00 (the long one's end), not 630. */
    CHECK_EQ_INT(iss_count_contacts(s3, e3, 3, 180), 2);
    CHECK_EQ_INT(iss_count_contacts(s3, e3, 3, 181), 1);
    CHECK_EQ_INT(iss_count_contacts(s4, e4, 2, 0), 1);
    /* A gap of 0: back-to-back sessions are separate contacts. */
    CHECK_EQ_INT(iss_count_contacts(s1, e1, 2, 0), 2);
}

/* Random days agree with the rule step by step. */
static void test_random(void)
{
    unsigned seed = 12345;
    int trial, bad = 0;

    for (trial = 0; trial < 20000; trial++) {
        int start[8], end[8], gap;
        size_t n, i;

        seed = seed * 1103515245u + 12345u;
        n = (seed >> 16) % 8;
        seed = seed * 1103515245u + 12345u;
        gap = (int)((seed >> 16) % 7) * 30;
        for (i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            start[i] = 480 + (int)((seed >> 16) % 24) * 30;
            seed = seed * 1103515245u + 12345u;
            end[i] = start[i] + 30 + (int)((seed >> 16) % 6) * 30;
        }
        if (iss_count_contacts(start, end, n, gap)
            != by_the_book(start, end, n, gap))
            bad++;
    }
    CHECK_EQ_INT(bad, 0);
}

int main(void)
{
    test_cases();
    test_random();
    return TEST_FINISH();
}
