/* iss - unit tests of the report (report.c): a week's minutes by cause,
 * built from a small temporary store over the examples workspace, and
 * the identity that every required minute has exactly one cause.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iss/report.h"
#include "iss/store.h"
#include "iss/workspace.h"
#include "test.h"

static iss_date D(const char *s)
{
    iss_date d = ISS_DATE_NONE;

    iss_date_parse(s, &d);
    return d;
}

/* A published hour of C02 (no education), 17:00-18:00 on day, with S1. */
static int put(struct iss_store *st, const char *uid, const char *day,
               bool cancelled, struct iss_error *err)
{
    struct iss_stored_session s;

    memset(&s, 0, sizeof s);
    snprintf(s.uid, sizeof s.uid, "%s", uid);
    snprintf(s.kase, sizeof s.kase, "C02");
    snprintf(s.type, sizeof s.type, "tracking");
    s.date = D(day);
    s.week = iss_week_monday(s.date);
    s.start = 17 * 60;
    s.end = 18 * 60;
    s.start_utc = iss_local_to_utc(s.date, s.start, NULL);
    s.end_utc = s.start_utc + 3600;
    s.cancelled = cancelled;
    s.last_change = s.first_published = s.notice_at = s.start_utc - 86400;
    snprintf(s.staff[0].staff, sizeof s.staff[0].staff, "S1");
    snprintf(s.staff[0].feed_uid, sizeof s.staff[0].feed_uid, "%s-s", uid);
    s.n_staff = 1;
    return iss_store_put(st, &s, err);
}

static int record(struct iss_store *st, const char *uid, const char *outcome,
                  int minutes, const char *cause, struct iss_error *err)
{
    return iss_store_attendance_add(st, uid, outcome, minutes, "", "test",
                                    cause, false, err);
}

int main(void)
{
    char dir[] = "/tmp/iss-test-report.XXXXXX", path[64], cmd[128];
    struct iss_workspace *ws = NULL;
    struct iss_problems probs;
    struct iss_error err = {0, ""};
    struct iss_store *st = NULL;
    struct iss_report *r = NULL;
    const struct iss_report_week *w;
    int c02, sum;

    setenv("ISS_DATADIR", ISS_TEST_SRCDIR, 1);
    setenv("ISS_TODAY", "2026-11-30", 1);
    iss_problems_init(&probs);
    if (iss_workspace_load(ISS_TEST_SRCDIR "/examples", &ws, &probs,
                           &err) != 0 || mkdtemp(dir) == NULL) {
        fprintf(stderr, "cannot load examples/: %s\n", err.msg);
        return 2;
    }
    c02 = iss_workspace_case_index(ws, "C02");
    snprintf(path, sizeof path, "%s/iss.db", dir);
    CHECK_EQ_INT(iss_store_open(path, true, &st, &err), 0);
    CHECK_EQ_INT(iss_store_begin(st, &err), 0);
    /* One hour a day, each with its own outcome; Friday's is not yet
     * recorded, Saturday's was cancelled by a re-plan. */
    CHECK_EQ_INT(put(st, "u1", "2026-11-23", false, &err), 0);
    CHECK_EQ_INT(put(st, "u2", "2026-11-24", false, &err), 0);
    CHECK_EQ_INT(put(st, "u3", "2026-11-25", false, &err), 0);
    CHECK_EQ_INT(put(st, "u4", "2026-11-26", false, &err), 0);
    CHECK_EQ_INT(put(st, "u5", "2026-11-27", false, &err), 0);
    CHECK_EQ_INT(put(st, "u6", "2026-11-28", false, &err), 0);
    CHECK_EQ_INT(put(st, "u7", "2026-11-29", true, &err), 0);
    CHECK_EQ_INT(record(st, "u1", "attended", 60, "", &err), 0);
    CHECK_EQ_INT(record(st, "u2", "absent_unacceptable", 0, "", &err), 0);
    CHECK_EQ_INT(record(st, "u3", "absent_acceptable", 0, "", &err), 0);
    CHECK_EQ_INT(record(st, "u4", "cancelled_by_service", 0, "", &err), 0);
    CHECK_EQ_INT(record(st, "u6", "partial", 40, "service", &err), 0);
    CHECK_EQ_INT(iss_store_end(st, 0, false, NULL, NULL, NULL, NULL, &err),
                 0);

    CHECK_EQ_INT(iss_report_build(ws, st, D("2026-11-23"), D("2026-11-29"),
                                  &c02, 1, D("2026-11-30"), &r, &err), 0);
    CHECK(r != NULL && r->n_weeks == 1);
    if (r == NULL || r->n_weeks != 1)
        return TEST_FINISH();
    w = &r->weeks[0];
    CHECK_EQ_INT(w->kase, c02);
    CHECK_EQ_INT(w->week, D("2026-11-23"));
    /* Six sessions still on (the cancelled one is not planned). */
    CHECK_EQ_INT(w->planned, 6 * 60);
    CHECK_EQ_INT(w->delivered_total, w->education + 60 + 40);
    CHECK(w->required > w->delivered + 5 * 60); /* every cause shows */
    CHECK_EQ_INT(w->absent_unacceptable, 60);
    CHECK_EQ_INT(w->absent_acceptable, 60);
    CHECK_EQ_INT(w->service_ended_early, 20);
    CHECK_EQ_INT(w->not_recorded, 60);
    CHECK_EQ_INT(w->to_come, 0);
    /* cancelled_by_service, and the hour a re-plan cancelled (the week is
     * short of plan by more than that hour). */
    CHECK_EQ_INT(w->service_cancelled, 120);
    CHECK_EQ_INT(w->not_planned, w->required - (6 * 60 + 60));
    /* Every required minute once: delivered or one cause. */
    sum = w->delivered + w->service_cancelled + w->service_ended_early +
          w->absent_unacceptable + w->absent_acceptable + w->not_recorded +
          w->to_come + w->not_planned;
    CHECK_EQ_INT(sum, w->required);
    /* Friday (day 4) has a session not yet recorded. */
    CHECK_EQ_INT(w->days[4].planned, 1);
    CHECK_EQ_INT(w->days[0].delivered, 1);
    CHECK_EQ_INT(w->days[1].delivered, 0);

    iss_report_free(r);
    iss_store_close(st);
    iss_workspace_free(ws);
    iss_problems_clear(&probs);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_EQ_INT(system(cmd), 0);
    return TEST_FINISH();
}
