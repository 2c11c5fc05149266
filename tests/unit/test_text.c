/* Unit tests: UTF-8-safe truncation (iss_utf8_cut, iss_utf8_trim,
 * iss_snprintf), iss_aprintf, and the workspace lock (issue 14).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/lock.h"
#include "test.h"

/* Every cut of s at 0..strlen(s) bytes is valid UTF-8 and a prefix of s
 * that loses at most the one character that did not fit. */
static void all_cuts(const char *s, int char_bytes)
{
    size_t len = strlen(s), max;

    for (max = 0; max <= len + 1; max++) {
        char buf[256];
        size_t got;
        snprintf(buf, sizeof buf, "%s", s);
        got = iss_utf8_cut(buf, max);
        CHECK(got <= max);
        CHECK(iss_text_valid(buf));
        CHECK(strncmp(buf, s, got) == 0);
        CHECK(got + (size_t)char_bytes > max || got == len);
    }
}

static void test_cut(void)
{
    char buf[64];

    /* 2-byte é, 3-byte € (and 自), 4-byte 😀 (U+1F600). */
    all_cuts("ab\xc3\xa9" "cd\xc3\xa9\xc3\xa9", 2);
    all_cuts("x\xe2\x82\xac\xe2\x82\xac" "y\xe8\x87\xaa", 3);
    all_cuts("\xf0\x9f\x98\x80z\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 4);
    snprintf(buf, sizeof buf, "\xc3\xa9\xc3\xa9");
    CHECK_EQ_INT(iss_utf8_cut(buf, 3), 2);
    CHECK_STR(buf, "\xc3\xa9");
    snprintf(buf, sizeof buf, "a\xe2\x82\xac");
    CHECK_EQ_INT(iss_utf8_cut(buf, 3), 1);
    CHECK_EQ_INT(iss_utf8_cut(buf, 1), 1);
    snprintf(buf, sizeof buf, "\xf0\x9f\x98\x80");
    CHECK_EQ_INT(iss_utf8_cut(buf, 3), 0);
    snprintf(buf, sizeof buf, "\xf0\x9f\x98\x80");
    CHECK_EQ_INT(iss_utf8_cut(buf, 4), 4);
}

static void test_trim(void)
{
    char buf[16];

    snprintf(buf, sizeof buf, "ab\xc3");
    CHECK_EQ_INT(iss_utf8_trim(buf), 2);
    snprintf(buf, sizeof buf, "ab\xe2\x82");
    CHECK_EQ_INT(iss_utf8_trim(buf), 2);
    snprintf(buf, sizeof buf, "ab\xf0\x9f\x98");
    CHECK_EQ_INT(iss_utf8_trim(buf), 2);
    snprintf(buf, sizeof buf, "ab\xf0\x9f\x98\x80");
    CHECK_EQ_INT(iss_utf8_trim(buf), 6);
    snprintf(buf, sizeof buf, "abc");
    CHECK_EQ_INT(iss_utf8_trim(buf), 3);
}

static void test_snprintf(void)
{
    char small[8], name[400], big[160];
    size_t i;
    int n;

    /* "Sessions (" + é... as ical.c once cut a staff name of 99 é. */
    for (i = 0; i < 99; i++)
        memcpy(name + 2 * i, "\xc3\xa9", 2);
    name[198] = '\0';
    n = iss_snprintf(big, sizeof big, "Sessions (%s)", name);
    CHECK_EQ_INT(n, 10 + 198 + 1);
    CHECK(iss_text_valid(big));
    CHECK(strlen(big) <= sizeof big - 1);
    CHECK(strlen(big) >= sizeof big - 2);
    n = iss_snprintf(small, sizeof small, "%s", "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac");
    CHECK_EQ_INT(n, 9);
    CHECK_STR(small, "\xe2\x82\xac\xe2\x82\xac");
    n = iss_snprintf(small, sizeof small, "%s", "ab\xf0\x9f\x98\x80xyz");
    CHECK_STR(small, "ab\xf0\x9f\x98\x80x");
    n = iss_snprintf(small, sizeof small, "%s", "abcd\xf0\x9f\x98\x80");
    CHECK_STR(small, "abcd");
    {
        char *s = iss_aprintf("Sessions (%s)", name);
        CHECK(s != NULL && strlen(s) == 10 + 198 + 1);
        CHECK(s != NULL && iss_text_valid(s));
        free(s);
    }
}

/* iss_grow: 16 items at first, then twice as many; an overflowing size
 * leaves the block and the capacity as they were. */
static void test_grow(void)
{
    size_t cap = 0, big;
    int *v = iss_grow(NULL, &cap, sizeof *v), *w;

    CHECK(v != NULL && cap == 16);
    v[15] = 7;
    w = iss_grow(v, &cap, sizeof *w);
    CHECK(w != NULL && cap == 32 && w[15] == 7);
    v = w;
    big = SIZE_MAX / 4 + 1;
    CHECK(iss_grow(v, &big, sizeof *v) == NULL);
    CHECK(big == SIZE_MAX / 4 + 1);
    CHECK(iss_grow(v, &cap, 0) == NULL && cap == 32);
    free(v);
}

static void test_lock(void)
{
    char dir[] = "/tmp/iss-lock-test.XXXXXX";
    struct iss_lock *a = NULL, *b = NULL;
    struct iss_error err = {0, ""};
    struct stat sb;
    char path[64];

    if (mkdtemp(dir) == NULL) {
        CHECK(!"mkdtemp");
        return;
    }
    CHECK_EQ_INT(iss_lock_take(dir, "iss publish --week 2026-11-23", 0, &a,
                               &err), 0);
    snprintf(path, sizeof path, "%s/iss.lock", dir);
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    /* flock is per open file: a second take in the same process is
     * refused as another process's would be. */
    CHECK_EQ_INT(iss_lock_take(dir, "iss feeds --rotate C01", 0, &b, &err),
                 ISS_EFAIL);
    CHECK(b == NULL);
    CHECK(strstr(err.msg, "busy: iss publish --week 2026-11-23 (pid ") ==
          err.msg);
    CHECK(strstr(err.msg, ", since ") != NULL);
    CHECK(strstr(err.msg, ") holds this workspace") != NULL);
    iss_error_clear(&err);
    iss_lock_release(a);
    CHECK_EQ_INT(iss_lock_take(dir, "iss feeds --rotate C01", 0, &b, &err),
                 0);
    iss_lock_release(b);
    CHECK(stat(path, &sb) == 0 && sb.st_size == 0);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    test_cut();
    test_trim();
    test_snprintf();
    test_grow();
    test_lock();
    return TEST_FINISH();
}
