/* iss - unit tests of the staff passwords (staff.c): argon2id strings in
 * the store, the check, replacing a password, what is refused.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iss/staff.h"
#include "iss/store.h"
#include "test.h"

int main(void)
{
    char dir[] = "/tmp/iss-test-staff.XXXXXX", path[64];
    struct iss_store *st = NULL;
    struct iss_error err = {0, ""};
    bool ok = true, exists = true;
    char long_pw[300];

    if (mkdtemp(dir) == NULL)
        return 1;
    snprintf(path, sizeof path, "%s/iss.db", dir);
    CHECK_EQ_INT(iss_store_open(path, true, &st, &err), 0);
    if (st == NULL)
        return 1;

    CHECK(iss_password_problem("short") != NULL);
    CHECK(iss_password_problem("ten chars!") == NULL);
    CHECK(iss_password_problem("with a\ttab in it") != NULL);
    memset(long_pw, 'a', sizeof long_pw - 1);
    long_pw[sizeof long_pw - 1] = '\0';
    CHECK(iss_password_problem(long_pw) != NULL);
    CHECK_EQ_INT(iss_staff_password_set(st, "S1", "short", "test", &err),
                 ISS_EINPUT);

    CHECK_EQ_INT(iss_staff_password_exists(st, "S1", &exists, &err), 0);
    CHECK(!exists);
    CHECK_EQ_INT(iss_staff_password_check(st, "S1", "anything-at-all", &ok,
                                          &err), 0);
    CHECK(!ok); /* no password: no sign-in, whatever is typed */

    CHECK_EQ_INT(iss_staff_password_set(st, "S1", "first-password", "test",
                                        &err), 0);
    CHECK_EQ_INT(iss_staff_password_exists(st, "S1", &exists, &err), 0);
    CHECK(exists);
    CHECK_EQ_INT(iss_staff_password_check(st, "S1", "first-password", &ok,
                                          &err), 0);
    CHECK(ok);
    CHECK_EQ_INT(iss_staff_password_check(st, "S1", "first-passwore", &ok,
                                          &err), 0);
    CHECK(!ok);
    CHECK_EQ_INT(iss_staff_password_check(st, "S2", "first-password", &ok,
                                          &err), 0);
    CHECK(!ok); /* another id */

    /* Stored as an argon2id string, never as the password. */
    {
        char h[256] = "";
        bool found = false;
        CHECK_EQ_INT(iss_store_password_get(st, "S1", h, sizeof h, &found,
                                            &err), 0);
        CHECK(found && strncmp(h, "$argon2id$", 10) == 0);
        CHECK(strstr(h, "first-password") == NULL);
    }

    /* Replaced: the old one no longer works. */
    CHECK_EQ_INT(iss_staff_password_set(st, "S1", "second-password", "test",
                                        &err), 0);
    CHECK_EQ_INT(iss_staff_password_check(st, "S1", "first-password", &ok,
                                          &err), 0);
    CHECK(!ok);
    CHECK_EQ_INT(iss_staff_password_check(st, "S1", "second-password", &ok,
                                          &err), 0);
    CHECK(ok);

    iss_store_close(st);
    unlink(path);
    {
        char wal[80];
        snprintf(wal, sizeof wal, "%s-wal", path);
        unlink(wal);
        snprintf(wal, sizeof wal, "%s-shm", path);
        unlink(wal);
    }
    rmdir(dir);
    return TEST_FINISH();
}
