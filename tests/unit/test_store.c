/* iss - unit tests of the store (store.c) on a temporary iss.db: sessions
 * stored and read back, one session by UID, the published weeks,
 * attendance rows, feed tokens, UIDs, and that a rolled-back transaction
 * leaves nothing.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iss/store.h"
#include "test.h"

static iss_date D(const char *s)
{
    iss_date d = ISS_DATE_NONE;

    iss_date_parse(s, &d);
    return d;
}

static struct iss_stored_session session(const char *uid, const char *kase,
                                         const char *day, int start,
                                         const char *staff)
{
    struct iss_stored_session s;

    memset(&s, 0, sizeof s);
    snprintf(s.uid, sizeof s.uid, "%s", uid);
    snprintf(s.kase, sizeof s.kase, "%s", kase);
    snprintf(s.type, sizeof s.type, "tracking");
    s.date = D(day);
    s.week = iss_week_monday(s.date);
    s.start = start;
    s.end = start + 60;
    s.start_utc = iss_local_to_utc(s.date, start, NULL);
    s.end_utc = s.start_utc + 3600;
    s.sequence = 0;
    s.last_change = s.first_published = s.notice_at = 1000;
    snprintf(s.staff[0].staff, sizeof s.staff[0].staff, "%s", staff);
    snprintf(s.staff[0].feed_uid, sizeof s.staff[0].feed_uid, "%s-s", uid);
    s.n_staff = 1;
    return s;
}

int main(void)
{
    char dir[] = "/tmp/iss-test-store.XXXXXX", path[64];
    struct iss_store *st = NULL;
    struct iss_error err = {0, ""};
    struct iss_stored_session a, b, c, got, *v = NULL;
    struct iss_store_attendance row;
    struct iss_feed_entry *feeds = NULL;
    char token[ISS_TOKEN_MAX], old[ISS_TOKEN_MAX], (*uids)[64] = NULL;
    char found_uids[4][64];
    iss_date *weeks = NULL;
    size_t n = 0;
    bool found = true;

    if (mkdtemp(dir) == NULL)
        return 2;
    snprintf(path, sizeof path, "%s/iss.db", dir);
    /* No store yet: reading is "nothing published". */
    CHECK_EQ_INT(iss_store_open(path, false, &st, &err), ISS_EINPUT);
    iss_error_clear(&err);
    CHECK_EQ_INT(iss_store_open(path, true, &st, &err), 0);
    if (st == NULL)
        return TEST_FINISH();

    a = session("aaaa1111", "C01", "2026-11-24", 960, "S1");
    b = session("aaaa2222", "C02", "2026-11-23", 900, "S2");
    c = session("bbbb3333", "C01", "2026-12-08", 960, "S1");
    CHECK_EQ_INT(iss_store_begin(st, &err), 0);
    CHECK_EQ_INT(iss_store_put(st, &a, &err), 0);
    CHECK_EQ_INT(iss_store_put(st, &b, &err), 0);
    CHECK_EQ_INT(iss_store_put(st, &c, &err), 0);
    CHECK_EQ_INT(iss_store_end(st, 0, true, "test", "published", NULL, NULL,
                               &err), 0);

    /* A week in start order, with staff. */
    CHECK_EQ_INT(iss_store_week(st, D("2026-11-23"), &v, &n, &err), 0);
    CHECK_EQ_INT(n, 2);
    if (n == 2) {
        CHECK_STR(v[0].uid, "aaaa2222");
        CHECK_STR(v[1].uid, "aaaa1111");
        CHECK_EQ_INT(v[1].n_staff, 1);
        CHECK_STR(v[1].staff[0].staff, "S1");
        CHECK_EQ_INT(v[1].start, 960);
    }
    free(v);
    /* One by UID; an unknown UID is an input error. */
    CHECK_EQ_INT(iss_store_session(st, "bbbb3333", &got, &err), 0);
    CHECK_STR(got.kase, "C01");
    CHECK_EQ_INT(got.date, D("2026-12-08"));
    CHECK_EQ_INT(iss_store_session(st, "cccc", &got, &err), ISS_EINPUT);
    iss_error_clear(&err);
    /* The weeks with sessions, from a day on. */
    CHECK_EQ_INT(iss_store_weeks(st, D("2026-11-23"), &weeks, &n, &err), 0);
    CHECK_EQ_INT(n, 2);
    if (n == 2) {
        CHECK_EQ_INT(weeks[0], D("2026-11-23"));
        CHECK_EQ_INT(weeks[1], D("2026-12-07"));
    }
    free(weeks);
    CHECK_EQ_INT(iss_store_weeks(st, D("2026-11-30"), &weeks, &n, &err), 0);
    CHECK_EQ_INT(n, 1);
    free(weeks);

    /* Attendance: none, then the latest of two. */
    CHECK_EQ_INT(iss_store_attendance_latest(st, "aaaa1111", &row, &found,
                                             &err), 0);
    CHECK(!found);
    CHECK_EQ_INT(iss_store_attendance_add(st, "aaaa1111", "absent_acceptable",
                                          0, "", "record", "", false, &err),
                 0);
    CHECK_EQ_INT(iss_store_attendance_add(st, "aaaa1111", "partial", 40,
                                          "late", "import", "service", true,
                                          &err), 0);
    CHECK_EQ_INT(iss_store_attendance_latest(st, "aaaa1111", &row, &found,
                                             &err), 0);
    CHECK(found);
    CHECK_STR(row.outcome, "partial");
    CHECK_EQ_INT(row.minutes, 40);
    CHECK_STR(row.cause, "service");
    CHECK_STR(row.note, "late");
    CHECK(row.told);
    CHECK_EQ_INT(row.sequence, row.session_sequence);
    /* The store refuses what the schema does not allow. */
    CHECK_EQ_INT(iss_store_attendance_add(st, "aaaa1111", "maybe", 0, "",
                                          "record", "", false, &err),
                 ISS_EFAIL);
    iss_error_clear(&err);

    /* Education days: the latest record of each day, by date. */
    {
        struct iss_store_education e, *days = NULL;
        CHECK_EQ_INT(iss_store_education_latest(st, "C01", D("2026-11-24"),
                                                &e, &found, &err), 0);
        CHECK(!found);
        CHECK_EQ_INT(iss_store_education_add(st, "C01", D("2026-11-24"),
                                             "absent_unacceptable", "", "t",
                                             &err), 0);
        CHECK_EQ_INT(iss_store_education_add(st, "C01", D("2026-11-23"),
                                             "absent_acceptable", "ill", "t",
                                             &err), 0);
        CHECK_EQ_INT(iss_store_education_add(st, "C01", D("2026-11-24"),
                                             "attended", "", "t", &err), 0);
        CHECK_EQ_INT(iss_store_education_latest(st, "C01", D("2026-11-24"),
                                                &e, &found, &err), 0);
        CHECK(found);
        CHECK_STR(e.status, "attended");
        CHECK_EQ_INT(iss_store_education_days(st, "C01", &days, &n, &err),
                     0);
        CHECK_EQ_INT(n, 2);
        if (n == 2) {
            CHECK_EQ_INT(days[0].date, D("2026-11-23"));
            CHECK_STR(days[0].note, "ill");
            CHECK_STR(days[1].status, "attended");
        }
        free(days);
    }

    /* Feeds: every owner gets one; a rotation changes the token. */
    CHECK_EQ_INT(iss_store_begin(st, &err), 0);
    CHECK_EQ_INT(iss_store_feeds_ensure(st, &err), 0);
    CHECK_EQ_INT(iss_store_end(st, 0, false, NULL, NULL, NULL, NULL, &err),
                 0);
    CHECK_EQ_INT(iss_store_feeds(st, &feeds, &n, &err), 0);
    CHECK_EQ_INT(n, 4); /* C01, C02, S1, S2 */
    free(feeds);
    CHECK_EQ_INT(iss_store_feed(st, 'c', "C01", false, token, &found, &err),
                 0);
    CHECK(found && strlen(token) >= 32);
    CHECK_EQ_INT(iss_store_rotate(st, 'c', "C01", token, old, &err), 0);
    CHECK(strcmp(token, old) != 0);

    /* UIDs: all of them, and what a prefix finds. */
    CHECK_EQ_INT(iss_store_all_uids(st, &uids, &n, &err), 0);
    CHECK_EQ_INT(n, 6); /* three sessions, three staff feed UIDs */
    free(uids);
    CHECK_EQ_INT(iss_store_uid_candidates(st, "aaaa", false, found_uids, 4,
                                          &err), 2);
    CHECK_EQ_INT(iss_store_uid_candidates(st, "bbbb3333-s", true, found_uids,
                                          4, &err), 1);
    CHECK_STR(found_uids[0], "bbbb3333");

    /* A rolled-back transaction leaves nothing. */
    c = session("dddd4444", "C03", "2026-11-25", 960, "S1");
    CHECK_EQ_INT(iss_store_begin(st, &err), 0);
    CHECK_EQ_INT(iss_store_put(st, &c, &err), 0);
    CHECK_EQ_INT(iss_store_end(st, ISS_EFAIL, true, "test", "x", NULL, NULL,
                               &err), ISS_EFAIL);
    CHECK_EQ_INT(iss_store_session(st, "dddd4444", &got, &err), ISS_EINPUT);
    iss_error_clear(&err);

    iss_store_close(st);
    {
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        CHECK_EQ_INT(system(cmd), 0);
    }
    return TEST_FINISH();
}
