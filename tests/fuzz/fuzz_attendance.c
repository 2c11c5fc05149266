/* libFuzzer harness: an attendance CSV, through the parse and check step
 * of `iss attendance import` (iss_attendance_check_text: libcsv, the
 * header, every row, each against the store), with nothing stored. The
 * store is made once in a temporary folder with four published sessions
 * (tests/fuzz/seeds/attendance uses their UIDs). See docs/fuzzing.md.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <unistd.h>

#include "fuzz.h"
#include "iss/attendance.h"
#include "iss/calendar.h"
#include "iss/store.h"

/* "Now" for every input: Mon 30 Nov 2026 12:00 UTC. */
#define FUZZ_NOW "1796040000"

static struct iss_store *store;
static char dir[] = "/tmp/iss-fuzz-attendance-XXXXXX";
static char db[sizeof dir + 16];

static void release(void)
{
    char path[sizeof db + 8];

    iss_store_close(store);
    unlink(db);
    snprintf(path, sizeof path, "%s-wal", db);
    unlink(path);
    snprintf(path, sizeof path, "%s-shm", db);
    unlink(path);
    rmdir(dir);
}

/* One published session: case C01, type ete, one staff member. */
static void put(const char *uid, const char *date, int start_min,
                int minutes, int64_t start_utc, bool cancelled)
{
    struct iss_stored_session s;
    struct iss_error err = {0, ""};

    memset(&s, 0, sizeof s);
    snprintf(s.uid, sizeof s.uid, "%s", uid);
    snprintf(s.kase, sizeof s.kase, "C01");
    snprintf(s.type, sizeof s.type, "ete");
    iss_date_parse(date, &s.date);
    s.week = iss_week_monday(s.date);
    s.start = start_min;
    s.end = start_min + minutes;
    s.start_utc = start_utc;
    s.end_utc = start_utc + 60 * minutes;
    s.cancelled = cancelled;
    s.last_change = s.first_published = 1795000000;
    snprintf(s.staff[0].staff, sizeof s.staff[0].staff, "S1");
    snprintf(s.staff[0].feed_uid, sizeof s.staff[0].feed_uid, "%s-S1", uid);
    s.staff[0].cancelled = cancelled;
    s.staff[0].last_change = s.last_change;
    s.n_staff = 1;
    fuzz_require(iss_store_put(store, &s, &err) == 0, "storing a session",
                 NULL, &err);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct iss_error err = {0, ""};
    struct iss_record r;
    bool changed;

    (void)argc;
    (void)argv;
    fuzz_use_source_data();
    setenv("ISS_NOW", FUZZ_NOW, 1);
    fuzz_require(iss_tz_init(&err) == 0, "iss_tz_init", NULL, &err);
    fuzz_require(mkdtemp(dir) != NULL, "mkdtemp", NULL, NULL);
    snprintf(db, sizeof db, "%s/iss.db", dir);
    fuzz_require(iss_store_open(db, true, &store, &err) == 0,
                 "creating the store", NULL, &err);
    atexit(release);
    put("fuzz-done-60", "2026-11-23", 600, 60, 1795428000, false);
    put("fuzz-done-90", "2026-11-24", 960, 90, 1795536000, false);
    put("fuzz-cancelled", "2026-11-25", 600, 60, 1795600800, true);
    put("fuzz-future", "2026-12-07", 600, 60, 1796637600, false);
    /* An earlier outcome, so the check meets a session with a record. */
    memset(&r, 0, sizeof r);
    snprintf(r.uid, sizeof r.uid, "fuzz-done-90");
    r.outcome = ISS_OUT_PARTIAL;
    r.minutes = 45;
    r.cause = ISS_CAUSE_CHILD_ACCEPTABLE;
    fuzz_require(iss_attendance_record(store, &r, "fuzz setup", &changed,
                                       &err) == 0,
                 "recording an outcome", NULL, &err);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Not NUL-terminated: the CSV reader must not need it. */
    char *text = malloc(size > 0 ? size : 1);
    struct iss_problems probs;
    struct iss_error err = {0, ""};
    int rc;

    if (text == NULL)
        abort();
    if (size > 0)
        memcpy(text, data, size);
    iss_problems_init(&probs);
    rc = iss_attendance_check_text(store, text, size, "attendance.csv",
                                   &probs, &err);
    if (rc == ISS_EINPUT && probs.count == 0)
        abort();
    if (rc == ISS_EFAIL) {
        /* Only the store failing could explain this, and it must not. */
        fprintf(stderr, "iss_attendance_check_text: %s\n", err.msg);
        abort();
    }
    iss_problems_clear(&probs);
    free(text);
    return 0;
}
