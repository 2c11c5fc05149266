/* iss - a small unit test helper: CHECK, CHECK_EQ_INT, CHECK_STR, and
 * TEST_FINISH() which prints "N passed, N failed" and gives main's status.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_TEST_H
#define ISS_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* ---- a scratch workspace folder ---- */

static char test_dir[64];

/* Make /tmp/iss-NAME-XXXXXX with a cases/ folder in it: test_dir, or NULL. */
static inline const char *test_mkdir(const char *name)
{
    char cases[128];

    snprintf(test_dir, sizeof test_dir, "/tmp/iss-%s-XXXXXX", name);
    if (mkdtemp(test_dir) == NULL)
        return NULL;
    snprintf(cases, sizeof cases, "%s/cases", test_dir);
    mkdir(cases, 0700);
    return test_dir;
}

/* Write text to NAME in test_dir. */
static inline void test_write_file(const char *name, const char *text)
{
    char path[256];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", test_dir, name);
    f = fopen(path, "w");
    if (f == NULL)
        return;
    fputs(text, f);
    fclose(f);
}

/* Remove test_dir and all in it. */
static inline void test_remove_dir(void)
{
    char cmd[128];

    if (test_dir[0] == '\0')
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", test_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", test_dir);
    test_dir[0] = '\0';
}

#endif
