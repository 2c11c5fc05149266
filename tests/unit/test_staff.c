/* iss - unit tests of the staff passwords (staff.c): argon2id strings in
 * the store, the check, replacing a password, what is refused.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "internal.h" /* iss_store_db: the test reads the stored hash */
#include "iss/staff.h"
#include "iss/store.h"
#include "test.h"

int main(void)
{
    char dir[] = "/tmp/iss-test-staff.XXXXXX", path[64];
    struct iss_store *st = NULL;
    struct iss_error err = {0, ""};
    bool ok = true, exists = true;
    sqlite3_stmt *q;
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
    if (sqlite3_prepare_v2(iss_store_db(st),
                           "SELECT hash FROM staff_passwords WHERE "
                           "staff_id = 'S1'", -1, &q, NULL) == SQLITE_OK) {
        const char *h;
        CHECK_EQ_INT(sqlite3_step(q), SQLITE_ROW);
        h = (const char *)sqlite3_column_text(q, 0);
        CHECK(h != NULL && strncmp(h, "$argon2id$", 10) == 0);
        CHECK(h != NULL && strstr(h, "first-password") == NULL);
        sqlite3_finalize(q);
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
