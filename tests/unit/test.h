/* iss - a small unit test helper: CHECK, CHECK_EQ_INT, CHECK_STR, and
 * TEST_FINISH() which prints "N passed, N failed" and gives main's status.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_TEST_H
#define ISS_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

#define TEST_RESULT_(ok, ...)                                              \
    do {                                                                   \
        if (ok) {                                                          \
            test_passed++;                                                 \
        } else {                                                           \
            test_failed++;                                                 \
            fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                \
            fprintf(stderr, __VA_ARGS__);                                  \
            fputc('\n', stderr);                                           \
        }                                                                  \
    } while (0)

#define CHECK(cond) TEST_RESULT_((cond), "CHECK(%s) failed", #cond)

#define CHECK_EQ_INT(a, b)                                                 \
    do {                                                                   \
        long long test_a_ = (a), test_b_ = (b);                            \
        TEST_RESULT_(test_a_ == test_b_, "%s == %s: %lld != %lld", #a, #b, \
                     test_a_, test_b_);                                    \
    } while (0)

#define CHECK_STR(a, b)                                                    \
    do {                                                                   \
        const char *test_a_ = (a), *test_b_ = (b);                         \
        TEST_RESULT_(test_a_ && test_b_ && strcmp(test_a_, test_b_) == 0,  \
                     "%s == %s: \"%s\" != \"%s\"", #a, #b,                 \
                     test_a_ ? test_a_ : "(null)",                         \
                     test_b_ ? test_b_ : "(null)");                        \
    } while (0)

/* The end of main: return TEST_FINISH(); */
#define TEST_FINISH()                                                      \
    (printf("%d passed, %d failed\n", test_passed, test_failed),           \
     test_failed == 0 ? 0 : 1)

#endif
