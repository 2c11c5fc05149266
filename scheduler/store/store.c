/* iss - the store: iss.db in SQLite.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/store.h"

struct iss_store {
    sqlite3 *db;
    char *path;
};

/* Forward migrations: entry v takes a store from version v to v + 1. */
static const char *const migrations[] = {
    /* 0 -> 1: sessions, their staff, feeds, history */
    "CREATE TABLE sessions ("
    "  uid TEXT PRIMARY KEY,"
    "  case_id TEXT NOT NULL,"
    "  week TEXT NOT NULL,"
    "  date TEXT NOT NULL,"
    "  type TEXT NOT NULL,"
    "  start_min INTEGER NOT NULL,"
    "  end_min INTEGER NOT NULL,"
    "  start_utc INTEGER NOT NULL,"
    "  end_utc INTEGER NOT NULL,"
    "  sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),"
    "  status TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),"
    "  pinned INTEGER NOT NULL DEFAULT 0,"
    "  last_change INTEGER NOT NULL,"
    "  first_published INTEGER NOT NULL,"
    "  CHECK (end_utc > start_utc));"
    "CREATE INDEX sessions_week ON sessions(week, start_utc);"
    "CREATE INDEX sessions_case ON sessions(case_id, date);"
    "CREATE TABLE session_staff ("
    "  session_uid TEXT NOT NULL REFERENCES sessions(uid) ON DELETE CASCADE,"
    "  staff_id TEXT NOT NULL,"
    "  feed_uid TEXT NOT NULL UNIQUE,"
    "  sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),"
    "  status TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),"
    "  last_change INTEGER NOT NULL,"
    "  PRIMARY KEY (session_uid, staff_id));"
    "CREATE INDEX session_staff_staff ON session_staff(staff_id);"
    "CREATE TABLE feeds ("
    "  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('case', 'staff')),"
    "  owner_id TEXT NOT NULL,"
    "  token TEXT NOT NULL UNIQUE,"
    "  created INTEGER NOT NULL,"
    "  PRIMARY KEY (owner_kind, owner_id));"
    "CREATE TABLE history ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  at INTEGER NOT NULL,"
    "  who TEXT NOT NULL,"
    "  command TEXT NOT NULL,"
    "  event TEXT NOT NULL,"
    "  session_uid TEXT,"
    "  detail TEXT);"
    "CREATE TRIGGER history_no_update BEFORE UPDATE ON history "
    "  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
    "CREATE TRIGGER history_no_delete BEFORE DELETE ON history "
    "  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;",
    /* 1 -> 2: attendance, append-only (a correction is a new row) */
    "CREATE TABLE attendance ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  session_uid TEXT NOT NULL REFERENCES sessions(uid),"
    "  outcome TEXT NOT NULL CHECK (outcome IN ('attended', 'partial',"
    "    'absent_acceptable', 'absent_unacceptable', 'cancelled_by_service',"
    "    'rescheduled')),"
    "  minutes INTEGER NOT NULL CHECK (minutes >= 0),"
    "  note TEXT NOT NULL DEFAULT '',"
    "  recorded_at INTEGER NOT NULL,"
    "  source TEXT NOT NULL);"
    "CREATE INDEX attendance_session ON attendance(session_uid, id);"
    "CREATE TRIGGER attendance_no_update BEFORE UPDATE ON attendance "
    "  BEGIN SELECT RAISE(ABORT, 'attendance is append-only: record a "
    "correction'); END;"
    "CREATE TRIGGER attendance_no_delete BEFORE DELETE ON attendance "
    "  BEGIN SELECT RAISE(ABORT, 'attendance is append-only'); END;",
    /* 2 -> 3: the clock and the ladder (docs/compliance.md): when a
     * session's current time was first given (notice), the cause of a
     * partial session's missing minutes and whether a short-notice
     * appointment was told in person; compliance actions closed; days of
     * education not attended. All append-only. */
    "ALTER TABLE sessions ADD COLUMN notice_at INTEGER NOT NULL DEFAULT 0;"
    "UPDATE sessions SET notice_at = first_published;"
    "ALTER TABLE attendance ADD COLUMN cause TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE attendance ADD COLUMN told INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE attendance ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE actions ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  case_id TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  key TEXT NOT NULL,"
    "  number INTEGER NOT NULL DEFAULT 0,"
    "  state TEXT NOT NULL CHECK (state IN ('done', 'withdrawn')),"
    "  on_date TEXT NOT NULL,"
    "  by TEXT NOT NULL DEFAULT '',"
    "  note TEXT NOT NULL DEFAULT '',"
    "  recorded_at INTEGER NOT NULL);"
    "CREATE INDEX actions_case ON actions(case_id, kind, key);"
    "CREATE TRIGGER actions_no_update BEFORE UPDATE ON actions "
    "  BEGIN SELECT RAISE(ABORT, 'actions are append-only'); END;"
    "CREATE TRIGGER actions_no_delete BEFORE DELETE ON actions "
    "  BEGIN SELECT RAISE(ABORT, 'actions are append-only'); END;"
    "CREATE TABLE education ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  case_id TEXT NOT NULL,"
    "  date TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('attended',"
    "    'absent_acceptable', 'absent_unacceptable')),"
    "  note TEXT NOT NULL DEFAULT '',"
    "  recorded_at INTEGER NOT NULL,"
    "  source TEXT NOT NULL);"
    "CREATE INDEX education_case ON education(case_id, date, id);"
    "CREATE TRIGGER education_no_update BEFORE UPDATE ON education "
    "  BEGIN SELECT RAISE(ABORT, 'education records are append-only'); END;"
    "CREATE TRIGGER education_no_delete BEFORE DELETE ON education "
    "  BEGIN SELECT RAISE(ABORT, 'education records are append-only'); END;",
    /* 3 -> 4: the files iss wrote under out/ (only those are ever
     * removed); a store from before knows its current feeds' files */
    "CREATE TABLE files ("
    "  name TEXT PRIMARY KEY,"
    "  written INTEGER NOT NULL);"
    "INSERT OR IGNORE INTO files (name, written) "
    "  SELECT 'feeds/' || token || '.ics', created FROM feeds;",
    /* 4 -> 5: where a session happens (a place id of team.json, '' none)
     * and what changed since it was first published (bits of
     * ISS_CHANGED_*, for the letter's labels) */
    "ALTER TABLE sessions ADD COLUMN place TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE sessions ADD COLUMN changes INTEGER NOT NULL DEFAULT 0 "
    "  CHECK (changes >= 0);",
    /* 5 -> 6: the staff area of iss serve (docs/staff.md): each staff
     * member's password as an argon2id string (libsodium's
     * crypto_pwhash_str: salt and cost inside, never the password) */
    "CREATE TABLE staff_passwords ("
    "  staff_id TEXT PRIMARY KEY,"
    "  hash TEXT NOT NULL,"
    "  set_at INTEGER NOT NULL);",
};

#define N_MIGRATIONS (int)(sizeof migrations / sizeof migrations[0])

static int db_fail(struct iss_store *st, struct iss_error *err,
                   const char *what)
{
    return iss_fail(err, ISS_EFAIL, "%s: %s: %s", st->path, what,
                    sqlite3_errmsg(st->db));
}

static int exec(struct iss_store *st, const char *sql, struct iss_error *err)
{
    char *msg = NULL;
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);

    if (rc != SQLITE_OK) {
        rc = iss_fail(err, ISS_EFAIL, "%s: %s", st->path,
                      msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return rc;
    }
    return 0;
}

static int user_version(struct iss_store *st, int *v, struct iss_error *err)
{
    sqlite3_stmt *q;
    int rc;

    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q, NULL) !=
        SQLITE_OK)
        return db_fail(st, err, "reading the schema version");
    rc = sqlite3_step(q);
    *v = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? 0 : db_fail(st, err, "reading the version");
}

static int migrate(struct iss_store *st, struct iss_error *err)
{
    int v, rc;
    char sql[64];

    rc = user_version(st, &v, err);
    if (rc != 0)
        return rc;
    if (v > N_MIGRATIONS)
        return iss_fail(err, ISS_EFAIL,
                        "%s: made by a newer iss (schema %d; this one knows "
                        "up to %d): upgrade iss",
                        st->path, v, N_MIGRATIONS);
    while (v < N_MIGRATIONS) {
        if ((rc = exec(st, "BEGIN IMMEDIATE", err)) != 0)
            return rc;
        if ((rc = exec(st, migrations[v], err)) != 0) {
            exec(st, "ROLLBACK", NULL);
            return rc;
        }
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        if ((rc = exec(st, sql, err)) != 0 ||
            (rc = exec(st, "COMMIT", err)) != 0) {
            exec(st, "ROLLBACK", NULL);
            return rc;
        }
        v++;
    }
    return 0;
}

/* Is the database a store iss made? user_version 0 with tables in it is
 * someone else's SQLite file. */
static int check_ours(struct iss_store *st, struct iss_error *err)
{
    sqlite3_stmt *q;
    int v, rc, n = 0;

    if ((rc = user_version(st, &v, err)) != 0)
        return rc;
    if (v != 0)
        return 0;
    if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_master", -1,
                           &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "reading the schema");
    if (sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    if (n > 0)
        return iss_fail(err, ISS_EINPUT,
                        "%s: not an iss store (an SQLite file with %d "
                        "tables iss did not make): put iss.db back from a "
                        "copy, or move this file away", st->path, n);
    return 0;
}

/* How many feed files (*.ics) out/feeds beside the store holds. */
static int feed_files_beside(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dl = slash != NULL ? (size_t)(slash - path) + 1 : 0;
    char *dir = malloc(dl + 16);
    DIR *dh;
    struct dirent *de;
    int n = 0;

    if (dir == NULL)
        return 0;
    memcpy(dir, path, dl);
    memcpy(dir + dl, "out/feeds", 10);
    dh = opendir(dir);
    while (dh != NULL && (de = readdir(dh)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len > 4 && strcmp(de->d_name + len - 4, ".ics") == 0)
            n++;
    }
    if (dh != NULL)
        closedir(dh);
    free(dir);
    return n;
}

/* A new store beside feeds that were published from another would give
 * every feed a new address and remove the old files: every phone's
 * subscription broken. */
static int refuse_new_beside_feeds(const char *path, bool empty,
                                   struct iss_error *err)
{
    int n = feed_files_beside(path);

    if (n == 0)
        return 0;
    return iss_fail(err, ISS_EINPUT,
                    "%s: %s, but out/feeds holds %d published feed%s: a new "
                    "store would give every feed a new address and break "
                    "every subscription. Put iss.db back from a copy; or, "
                    "to start afresh on purpose, move out/feeds away first",
                    path, empty ? "empty (0 bytes), not an iss store"
                                : "missing",
                    n, n == 1 ? "" : "s");
}

/* The store file must be a regular file. *empty when it has 0 bytes
 * (SQLite would take it for a new database). */
static int check_file(const char *path, bool *empty, struct iss_error *err)
{
    struct stat sb;

    *empty = false;
    if (lstat(path, &sb) != 0)
        return iss_fail(err, ISS_EFAIL, "%s: %s", path, strerror(errno));
    if (S_ISLNK(sb.st_mode) || !S_ISREG(sb.st_mode))
        return iss_fail(err, ISS_EINPUT,
                        "%s: not a regular file (%s): iss.db must be the "
                        "store itself", path,
                        S_ISLNK(sb.st_mode) ? "a symbolic link"
                        : S_ISDIR(sb.st_mode) ? "a folder"
                                              : "a device, FIFO or socket");
    *empty = sb.st_size == 0;
    return 0;
}

/* Make the store and the WAL and shared-memory files beside it 0600 (a
 * WAL left by a killed run holds tokens; SQLite gives new ones the
 * database's mode). Files of another user are left alone. */
static void tighten(const char *path)
{
    static const char *const sfx[] = {"", "-wal", "-shm"};
    size_t i, len = strlen(path);
    char *p = malloc(len + 8);

    if (p == NULL)
        return;
    for (i = 0; i < 3; i++) {
        struct stat sb;
        snprintf(p, len + 8, "%s%s", path, sfx[i]);
        if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) &&
            sb.st_uid == geteuid() && (sb.st_mode & 077) != 0)
            chmod(p, 0600);
    }
    free(p);
}

/* path as an SQLite URI with the query q: only unreserved characters
 * and '/' are kept as they are. */
static char *uri_of(const char *path, const char *q)
{
    size_t len = strlen(path), i, at = 5;
    char *u = malloc(5 + 3 * len + strlen(q) + 2);

    if (u == NULL)
        return NULL;
    memcpy(u, "file:", 5);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)path[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || strchr("/-._~", c) != NULL)
            u[at++] = (char)c;
        else
            at += (size_t)sprintf(u + at, "%%%02X", c);
    }
    sprintf(u + at, "?%s", q);
    return u;
}

/* Open path; mode 'w' read-write, 'r' read-only, 'i' read-only and
 * immutable (a WAL store on a read-only share whose -shm file cannot be
 * made: nothing can be writing it then). */
static int open_db(const char *path, char mode, struct iss_store **out,
                   struct iss_error *err)
{
    struct iss_store *st;
    char *uri;
    int rc;

    *out = NULL;
    st = calloc(1, sizeof *st);
    uri = uri_of(path, mode == 'i' ? "immutable=1" : mode == 'r' ? "mode=ro"
                                                                 : "mode=rw");
    if (st == NULL || uri == NULL || (st->path = strdup(path)) == NULL) {
        free(st);
        free(uri);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    rc = sqlite3_open_v2(uri, &st->db,
                         (mode == 'w' ? SQLITE_OPEN_READWRITE
                                      : SQLITE_OPEN_READONLY) |
                             SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                         NULL);
    free(uri);
    if (rc != SQLITE_OK) {
        rc = iss_fail(err, ISS_EFAIL, "%s: cannot open: %s", path,
                      st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
        iss_store_close(st);
        return rc;
    }
    sqlite3_busy_timeout(st->db, 10000);
    *out = st;
    return 0;
}

/* A clearer word for what SQLite says of a file that is not a database. */
static int open_fail(struct iss_store *st, int rc, struct iss_error *err)
{
    if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_NOTADB ||
        strstr(err->msg, "file is not a database") != NULL) {
        iss_error_clear(err);
        rc = iss_fail(err, ISS_EINPUT,
                      "%s: not an iss store (not an SQLite database): put "
                      "iss.db back from a copy, or move this file away",
                      st->path);
    } else if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_BUSY) {
        iss_error_clear(err);
        rc = iss_fail(err, ISS_EFAIL,
                      "%s: another program holds the store (an iss command "
                      "still running, or sqlite3): try again when it has "
                      "finished", st->path);
    }
    iss_store_close(st);
    return rc;
}

int iss_store_open(const char *path, bool create, struct iss_store **out,
                   struct iss_error *err)
{
    struct iss_store *st;
    bool empty = false;
    int rc, fd;

    *out = NULL;
    if (access(path, F_OK) != 0) {
        if (!create)
            return iss_fail(err, ISS_EINPUT,
                            "%s: nothing has been published yet (iss "
                            "publish --week DATE)", path);
        /* Make the file 0600 before SQLite opens it. */
        if ((rc = refuse_new_beside_feeds(path, false, err)) != 0)
            return rc;
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                  0600);
        if (fd < 0 && errno != EEXIST)
            return iss_fail(err, ISS_EFAIL, "%s: cannot create: %s", path,
                            strerror(errno));
        if (fd >= 0)
            close(fd);
    } else if ((rc = check_file(path, &empty, err)) != 0) {
        return rc;
    } else if (empty && !create) {
        return iss_fail(err, ISS_EINPUT,
                        "%s: empty (0 bytes), not an iss store: put iss.db "
                        "back from a copy", path);
    } else if (empty &&
               (rc = refuse_new_beside_feeds(path, true, err)) != 0) {
        return rc;
    }
    /* Before SQLite opens it: the WAL and shared-memory files it makes
     * take the database's mode. */
    tighten(path);
    if ((rc = open_db(path, 'w', &st, err)) != 0)
        return rc;
    if ((rc = exec(st, "PRAGMA journal_mode = WAL", err)) != 0 ||
        (rc = exec(st, "PRAGMA synchronous = FULL", err)) != 0 ||
        (rc = exec(st, "PRAGMA foreign_keys = ON", err)) != 0 ||
        (rc = check_ours(st, err)) != 0 || (rc = migrate(st, err)) != 0)
        return open_fail(st, rc, err);
    tighten(path);
    *out = st;
    return 0;
}

int iss_store_open_read(const char *path, struct iss_store **out,
                        struct iss_error *err)
{
    struct iss_store *st;
    bool empty;
    int rc, v;

    *out = NULL;
    if (access(path, F_OK) != 0)
        return iss_fail(err, ISS_EINPUT,
                        "%s: nothing has been published yet (iss publish "
                        "--week DATE)", path);
    if ((rc = check_file(path, &empty, err)) != 0)
        return rc;
    if (empty)
        return iss_fail(err, ISS_EINPUT,
                        "%s: empty (0 bytes), not an iss store: put iss.db "
                        "back from a copy", path);
    /* A store iss may write is opened as a writer would (the same WAL
     * and checks), so that nothing differs; only a store it may not
     * write (a read-only copy, a read-only share) is opened read-only,
     * where nothing is migrated. */
    if (access(path, W_OK) == 0) {
        char *dir = strdup(path), *slash;
        bool dir_ok;
        if (dir == NULL)
            return iss_fail(err, ISS_EFAIL, "out of memory");
        slash = strrchr(dir, '/');
        if (slash != NULL)
            slash[slash == dir ? 1 : 0] = '\0';
        dir_ok = access(slash != NULL ? dir : ".", W_OK) == 0;
        free(dir);
        if (dir_ok)
            return iss_store_open(path, false, out, err);
    }
    if ((rc = open_db(path, 'r', &st, err)) != 0)
        return rc;
    if (user_version(st, &v, err) != 0 &&
        (sqlite3_errcode(st->db) & 0xff) == SQLITE_READONLY) {
        iss_store_close(st);
        if ((rc = open_db(path, 'i', &st, err)) != 0)
            return rc;
    }
    if ((rc = check_ours(st, err)) != 0 ||
        (rc = user_version(st, &v, err)) != 0)
        return open_fail(st, rc, err);
    if (v != N_MIGRATIONS) {
        rc = iss_fail(err, ISS_EFAIL,
                      "%s: schema %d, and this iss reads %d; the store is "
                      "read-only here, so it cannot be brought up to date: "
                      "run iss where iss.db may be written, or use the iss "
                      "that made it", path, v, N_MIGRATIONS);
        iss_store_close(st);
        return rc;
    }
    *out = st;
    return 0;
}

void iss_store_close(struct iss_store *st)
{
    if (st == NULL)
        return;
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

int iss_store_begin(struct iss_store *st, struct iss_error *err)
{
    int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

    if (rc == SQLITE_OK)
        return 0;
    /* Every iss command that writes holds the workspace lock first, so
     * what holds the store now is another program. */
    if ((rc & 0xff) == SQLITE_BUSY)
        return iss_fail(err, ISS_EFAIL,
                        "%s: busy: another program (an sqlite3 shell, a "
                        "backup, an iss without the workspace lock) has "
                        "held the store for 10 s; try again when it has "
                        "finished", st->path);
    return db_fail(st, err, "starting a transaction");
}

int iss_store_commit(struct iss_store *st, struct iss_error *err)
{
    int rc;

    iss_crashpoint("before commit");
    rc = exec(st, "COMMIT", err);
    iss_crashpoint("after commit");
    return rc;
}

void iss_store_rollback(struct iss_store *st)
{
    exec(st, "ROLLBACK", NULL);
}

int iss_store_end(struct iss_store *st, int rc, bool log, const char *command,
                  const char *event, const char *uid, const char *detail,
                  struct iss_error *err)
{
    if (rc == 0 && log)
        rc = iss_store_log(st, command, event, uid, detail, err);
    if (rc == 0)
        rc = iss_store_commit(st, err);
    if (rc != 0)
        iss_store_rollback(st);
    return rc;
}

/* ---- randomness ---- */

int iss_random_hex(char *buf, size_t bytes, struct iss_error *err)
{
    unsigned char raw[64];
    size_t got = 0, i;

    if (bytes > sizeof raw)
        return iss_fail(err, ISS_EFAIL, "random identifier too long");
    while (got < bytes) {
        ssize_t n = getrandom(raw + got, bytes - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return iss_fail(err, ISS_EFAIL, "getrandom: %s",
                            strerror(errno));
        }
        got += (size_t)n;
    }
    for (i = 0; i < bytes; i++)
        snprintf(buf + 2 * i, 3, "%02x", raw[i]);
    return 0;
}

/* ---- sessions ---- */

static void text(sqlite3_stmt *q, int col, char *buf, size_t size)
{
    const unsigned char *t = sqlite3_column_text(q, col);

    snprintf(buf, size, "%s", t ? (const char *)t : "");
}

static iss_date date_col(sqlite3_stmt *q, int col)
{
    char buf[16];
    iss_date d = ISS_DATE_NONE;

    text(q, col, buf, sizeof buf);
    iss_date_parse(buf, &d);
    return d;
}

#define SESSION_COLUMNS                                                    \
    "s.uid, s.case_id, s.type, s.week, s.date, s.start_min, s.end_min, "   \
    "s.start_utc, s.end_utc, s.sequence, s.status, s.pinned, "             \
    "s.last_change, s.first_published, s.notice_at, s.place, s.changes"

static void read_session(sqlite3_stmt *q, struct iss_stored_session *s)
{
    char status[16];

    memset(s, 0, sizeof *s);
    text(q, 0, s->uid, sizeof s->uid);
    text(q, 1, s->kase, sizeof s->kase);
    text(q, 2, s->type, sizeof s->type);
    s->week = date_col(q, 3);
    s->date = date_col(q, 4);
    s->start = sqlite3_column_int(q, 5);
    s->end = sqlite3_column_int(q, 6);
    s->start_utc = sqlite3_column_int64(q, 7);
    s->end_utc = sqlite3_column_int64(q, 8);
    s->sequence = sqlite3_column_int(q, 9);
    text(q, 10, status, sizeof status);
    s->cancelled = strcmp(status, "cancelled") == 0;
    s->pinned = sqlite3_column_int(q, 11) != 0;
    s->last_change = sqlite3_column_int64(q, 12);
    s->first_published = sqlite3_column_int64(q, 13);
    s->notice_at = sqlite3_column_int64(q, 14);
    text(q, 15, s->place, sizeof s->place);
    s->changes = sqlite3_column_int(q, 16);
}

/* Fill the staff rows of sessions (current first, then former ones). */
static int read_staff(struct iss_store *st, struct iss_stored_session *v,
                      size_t n, struct iss_error *err)
{
    sqlite3_stmt *q;
    size_t i;

    if (sqlite3_prepare_v2(st->db,
                           "SELECT staff_id, feed_uid, sequence, status, "
                           "last_change FROM session_staff WHERE "
                           "session_uid = ? ORDER BY status = 'cancelled', "
                           "rowid",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "reading session staff");
    for (i = 0; i < n; i++) {
        sqlite3_bind_text(q, 1, v[i].uid, -1, SQLITE_STATIC);
        v[i].n_staff = 0;
        while (sqlite3_step(q) == SQLITE_ROW &&
               v[i].n_staff < (int)(sizeof v[i].staff / sizeof v[i].staff[0])) {
            struct iss_stored_staff *s = &v[i].staff[v[i].n_staff++];
            char status[16];
            text(q, 0, s->staff, sizeof s->staff);
            text(q, 1, s->feed_uid, sizeof s->feed_uid);
            s->sequence = sqlite3_column_int(q, 2);
            text(q, 3, status, sizeof status);
            s->cancelled = strcmp(status, "cancelled") == 0;
            s->last_change = sqlite3_column_int64(q, 4);
        }
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    return 0;
}

static int query_sessions(struct iss_store *st, sqlite3_stmt *q,
                          struct iss_stored_session **out, size_t *n,
                          struct iss_error *err)
{
    struct iss_stored_session *v = NULL;
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (*n == cap) {
            struct iss_stored_session *nv = iss_grow(v, &cap, sizeof *nv);
            if (nv == NULL) {
                free(v);
                sqlite3_finalize(q);
                return iss_fail(err, ISS_EFAIL, "out of memory");
            }
            v = nv;
        }
        read_session(q, &v[(*n)++]);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        free(v);
        *n = 0;
        return db_fail(st, err, "reading sessions");
    }
    rc = read_staff(st, v, *n, err);
    if (rc != 0) {
        free(v);
        *n = 0;
        return rc;
    }
    *out = v;
    return 0;
}

int iss_store_week(struct iss_store *st, iss_date monday,
                   struct iss_stored_session **out, size_t *n,
                   struct iss_error *err)
{
    sqlite3_stmt *q;
    char d[ISS_DATE_BUFSZ];

    if (sqlite3_prepare_v2(st->db,
                           "SELECT " SESSION_COLUMNS " FROM sessions s "
                           "WHERE s.week = ? ORDER BY s.start_utc, s.uid",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "reading the week");
    sqlite3_bind_text(q, 1, iss_date_format(monday, d), -1, SQLITE_TRANSIENT);
    return query_sessions(st, q, out, n, err);
}

int iss_store_owner(struct iss_store *st, char kind, const char *id,
                    iss_date from, struct iss_stored_session **out,
                    size_t *n, struct iss_error *err)
{
    sqlite3_stmt *q;
    char d[ISS_DATE_BUFSZ];
    const char *sql =
        kind == 'c'
            ? "SELECT " SESSION_COLUMNS " FROM sessions s WHERE "
              "s.case_id = ?1 AND s.date >= ?2 ORDER BY s.start_utc, s.uid"
            : "SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.uid IN "
              "(SELECT session_uid FROM session_staff WHERE staff_id = ?1) "
              "AND s.date >= ?2 ORDER BY s.start_utc, s.uid";

    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "reading a feed's sessions");
    sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, iss_date_format(from, d), -1, SQLITE_TRANSIENT);
    return query_sessions(st, q, out, n, err);
}

int iss_store_session(struct iss_store *st, const char *uid,
                      struct iss_stored_session *out, struct iss_error *err)
{
    sqlite3_stmt *q;
    struct iss_stored_session *v = NULL;
    size_t n = 0;
    int rc;

    if (sqlite3_prepare_v2(st->db,
                           "SELECT " SESSION_COLUMNS " FROM sessions s "
                           "WHERE s.uid = ?",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "reading a session");
    sqlite3_bind_text(q, 1, uid, -1, SQLITE_TRANSIENT);
    rc = query_sessions(st, q, &v, &n, err);
    if (rc == 0 && n == 0)
        rc = iss_fail(err, ISS_EINPUT, "no published session has the UID %s",
                      uid);
    if (rc == 0)
        *out = v[0];
    free(v);
    return rc;
}

int iss_store_put(struct iss_store *st, const struct iss_stored_session *s,
                  struct iss_error *err)
{
    sqlite3_stmt *q = NULL;
    char week[ISS_DATE_BUFSZ], date[ISS_DATE_BUFSZ];
    int i, rc = 0;

    if (sqlite3_prepare_v2(
            st->db,
            "INSERT INTO sessions (uid, case_id, week, date, type, "
            "start_min, end_min, start_utc, end_utc, sequence, status, "
            "pinned, last_change, first_published, notice_at, place, "
            "changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
            "?12, ?13, ?14, ?15, ?16, ?17) ON CONFLICT(uid) DO UPDATE SET "
            "case_id = ?2, week = ?3, date = ?4, type = ?5, start_min = ?6, "
            "end_min = ?7, start_utc = ?8, end_utc = ?9, sequence = ?10, "
            "status = ?11, pinned = ?12, last_change = ?13, notice_at = ?15, "
            "place = ?16, changes = ?17",
            -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "storing a session");
    sqlite3_bind_text(q, 1, s->uid, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, s->kase, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, iss_date_format(s->week, week), -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(q, 4, iss_date_format(s->date, date), -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(q, 5, s->type, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 6, s->start);
    sqlite3_bind_int(q, 7, s->end);
    sqlite3_bind_int64(q, 8, s->start_utc);
    sqlite3_bind_int64(q, 9, s->end_utc);
    sqlite3_bind_int(q, 10, s->sequence);
    sqlite3_bind_text(q, 11, s->cancelled ? "cancelled" : "confirmed", -1,
                      SQLITE_STATIC);
    sqlite3_bind_int(q, 12, s->pinned);
    sqlite3_bind_int64(q, 13, s->last_change);
    sqlite3_bind_int64(q, 14, s->first_published);
    sqlite3_bind_int64(q, 15, s->notice_at ? s->notice_at
                                           : s->first_published);
    sqlite3_bind_text(q, 16, s->place, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 17, s->changes);
    if (sqlite3_step(q) != SQLITE_DONE)
        rc = db_fail(st, err, "storing a session");
    sqlite3_finalize(q);
    if (rc != 0)
        return rc;
    iss_crashpoint("storing a session");
    if (sqlite3_prepare_v2(
            st->db,
            "INSERT INTO session_staff (session_uid, staff_id, feed_uid, "
            "sequence, status, last_change) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
            "ON CONFLICT(session_uid, staff_id) DO UPDATE SET sequence = ?4, "
            "status = ?5, last_change = ?6",
            -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "storing session staff");
    for (i = 0; i < s->n_staff && rc == 0; i++) {
        const struct iss_stored_staff *x = &s->staff[i];
        sqlite3_bind_text(q, 1, s->uid, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, x->staff, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, x->feed_uid, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 4, x->sequence);
        sqlite3_bind_text(q, 5, x->cancelled ? "cancelled" : "confirmed", -1,
                          SQLITE_STATIC);
        sqlite3_bind_int64(q, 6, x->last_change);
        if (sqlite3_step(q) != SQLITE_DONE)
            rc = db_fail(st, err, "storing session staff");
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    return rc;
}

/* ---- history ---- */

int iss_store_log(struct iss_store *st, const char *command,
                  const char *event, const char *uid, const char *detail,
                  struct iss_error *err)
{
    sqlite3_stmt *q;
    struct passwd *pw = getpwuid(getuid());
    const char *who = pw != NULL ? pw->pw_name : "unknown";
    int rc = 0;

    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO history (at, who, command, event, "
                           "session_uid, detail) VALUES (?, ?, ?, ?, ?, ?)",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "writing the history");
    sqlite3_bind_int64(q, 1, iss_now());
    sqlite3_bind_text(q, 2, who, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, command, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, event, -1, SQLITE_STATIC);
    if (uid != NULL)
        sqlite3_bind_text(q, 5, uid, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 5);
    if (detail != NULL)
        sqlite3_bind_text(q, 6, detail, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 6);
    if (sqlite3_step(q) != SQLITE_DONE)
        rc = db_fail(st, err, "writing the history");
    sqlite3_finalize(q);
    return rc;
}

int iss_store_weeks(struct iss_store *st, iss_date from, iss_date **out,
                    size_t *n, struct iss_error *err)
{
    sqlite3_stmt *q;
    iss_date *weeks = NULL;
    size_t cap = 0;
    char d[ISS_DATE_BUFSZ];
    int rc = 0, step;

    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT DISTINCT week FROM sessions WHERE "
                                   "week >= ? ORDER BY week",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "reading the published weeks: %s",
                        sqlite3_errmsg(st->db));
    sqlite3_bind_text(q, 1, iss_date_format(from, d), -1, SQLITE_TRANSIENT);
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(q, 0);
        iss_date w;

        if (t == NULL || iss_date_parse((const char *)t, &w) != 0)
            continue;
        if (*n == cap) {
            iss_date *nw = iss_grow(weeks, &cap, sizeof *nw);
            if (nw == NULL) {
                rc = iss_fail(err, ISS_EFAIL, "out of memory");
                break;
            }
            weeks = nw;
        }
        weeks[(*n)++] = w;
    }
    sqlite3_finalize(q);
    if (rc == 0 && step != SQLITE_DONE)
        rc = iss_fail(err, ISS_EFAIL, "reading the published weeks: %s",
                      sqlite3_errmsg(st->db));
    if (rc != 0) {
        free(weeks);
        *n = 0;
        return rc;
    }
    *out = weeks;
    return 0;
}

/* ---- session references (sessionref.c) ---- */

int iss_store_all_uids(struct iss_store *st, char (**uids)[64], size_t *n,
                       struct iss_error *err)
{
    sqlite3 *db = st->db;
    sqlite3_stmt *q;
    size_t cap = 0;
    int rc;

    *uids = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db, "SELECT uid FROM sessions UNION ALL "
                               "SELECT feed_uid FROM session_staff",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "reading the UIDs: %s",
                        sqlite3_errmsg(db));
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(q, 0);
        if (*n == cap) {
            char(*nu)[64] = iss_grow(*uids, &cap, sizeof *nu);
            if (nu == NULL) {
                sqlite3_finalize(q);
                free(*uids);
                *uids = NULL;
                *n = 0;
                return iss_fail(err, ISS_EFAIL, "out of memory");
            }
            *uids = nu;
        }
        snprintf((*uids)[(*n)++], 64, "%s", t ? (const char *)t : "");
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        free(*uids);
        *uids = NULL;
        *n = 0;
        return iss_fail(err, ISS_EFAIL, "reading the UIDs: %s",
                        sqlite3_errmsg(db));
    }
    return 0;
}

/* The session UIDs whose own UID or a staff feed UID starts with (or, when
 * exact, equals) key. Writes at most max distinct ones; returns how many
 * there are (or -1 on a store error). */
int iss_store_uid_candidates(struct iss_store *st, const char *key, bool exact,
                      char (*out)[64], int max, struct iss_error *err)
{
    sqlite3 *db = st->db;
    sqlite3_stmt *q;
    int n = 0, rc, k;
    const char *sql =
        exact ? "SELECT uid FROM sessions WHERE uid = ?1 UNION "
                "SELECT session_uid FROM session_staff WHERE feed_uid = ?1 "
                "ORDER BY 1"
              : "SELECT uid FROM sessions WHERE substr(uid, 1, length(?1)) "
                "= ?1 UNION SELECT session_uid FROM session_staff WHERE "
                "substr(feed_uid, 1, length(?1)) = ?1 ORDER BY 1";

    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
        iss_fail(err, ISS_EFAIL, "finding a session: %s",
                 sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(q, 0);
        bool seen = false;
        for (k = 0; k < n && k < max; k++)
            if (t != NULL && strcmp(out[k], (const char *)t) == 0)
                seen = true;
        if (seen)
            continue;
        if (n < max)
            snprintf(out[n], 64, "%s", t ? (const char *)t : "");
        n++;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        iss_fail(err, ISS_EFAIL, "finding a session: %s",
                 sqlite3_errmsg(db));
        return -1;
    }
    return n;
}

/* ---- compliance actions closed (actions.c gives them meaning) ---- */

int iss_store_action_rows(struct iss_store *st, const char *case_id,
                          struct iss_store_action **out, size_t *n,
                          struct iss_error *err)
{
    sqlite3_stmt *q;
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT kind, key, state, on_date, by, note FROM "
                           "actions WHERE case_id = ? ORDER BY id",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "reading actions: %s",
                        sqlite3_errmsg(st->db));
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct iss_store_action *a;

        if (*n == cap) {
            struct iss_store_action *na = iss_grow(*out, &cap, sizeof *na);
            if (na == NULL) {
                sqlite3_finalize(q);
                free(*out);
                *out = NULL;
                *n = 0;
                return iss_fail(err, ISS_EFAIL, "out of memory");
            }
            *out = na;
        }
        a = &(*out)[(*n)++];
        memset(a, 0, sizeof *a);
        text(q, 0, a->kind, sizeof a->kind);
        text(q, 1, a->key, sizeof a->key);
        text(q, 2, a->state, sizeof a->state);
        a->on = date_col(q, 3);
        text(q, 4, a->by, sizeof a->by);
        text(q, 5, a->note, sizeof a->note);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return iss_fail(err, ISS_EFAIL, "reading actions: %s",
                        sqlite3_errmsg(st->db));
    }
    return 0;
}

int iss_store_action_add(struct iss_store *st, const char *case_id,
                         const char *kind, const char *key, int number,
                         const char *state, iss_date on, const char *by,
                         const char *note, struct iss_error *err)
{
    sqlite3_stmt *q;
    char d[ISS_DATE_BUFSZ];
    int rc;

    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO actions (case_id, kind, key, number, "
                           "state, on_date, by, note, recorded_at) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "recording the action: %s",
                        sqlite3_errmsg(st->db));
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, kind, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(q, 4, number);
    sqlite3_bind_text(q, 5, state, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 6, iss_date_format(on, d), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 7, by, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 8, note, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 9, iss_now());
    rc = sqlite3_step(q) == SQLITE_DONE
             ? 0
             : iss_fail(err, ISS_EFAIL, "recording the action: %s",
                        sqlite3_errmsg(st->db));
    sqlite3_finalize(q);
    return rc;
}

iss_date iss_store_records_began(struct iss_store *st)
{
    sqlite3_stmt *q;
    iss_date d = ISS_DATE_NONE;
    int minute;

    if (sqlite3_prepare_v2(st->db, "SELECT MIN(at) FROM history", -1, &q,
                           NULL) != SQLITE_OK)
        return d;
    if (sqlite3_step(q) == SQLITE_ROW &&
        sqlite3_column_type(q, 0) != SQLITE_NULL)
        iss_utc_to_local(sqlite3_column_int64(q, 0), &d, &minute);
    sqlite3_finalize(q);
    return d;
}

/* ---- education days (education.c gives them meaning) ---- */

int iss_store_education_latest(struct iss_store *st, const char *case_id,
                               iss_date date, struct iss_store_education *e,
                               bool *found, struct iss_error *err)
{
    sqlite3_stmt *q;
    char d[ISS_DATE_BUFSZ];
    int rc;

    memset(e, 0, sizeof *e);
    *found = false;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT status, note FROM education WHERE "
                           "case_id = ? AND date = ? ORDER BY id DESC "
                           "LIMIT 1",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "reading education: %s",
                        sqlite3_errmsg(st->db));
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, iss_date_format(date, d), -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *found = true;
        e->date = date;
        text(q, 0, e->status, sizeof e->status);
        text(q, 1, e->note, sizeof e->note);
    }
    sqlite3_finalize(q);
    return 0;
}

int iss_store_education_add(struct iss_store *st, const char *case_id,
                            iss_date date, const char *status,
                            const char *note, const char *source,
                            struct iss_error *err)
{
    sqlite3_stmt *q;
    char d[ISS_DATE_BUFSZ];
    int rc;

    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO education (case_id, date, status, "
                           "note, recorded_at, source) VALUES (?, ?, ?, ?, "
                           "?, ?)",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "recording education: %s",
                        sqlite3_errmsg(st->db));
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, iss_date_format(date, d), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, status, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 4, note, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 5, iss_now());
    sqlite3_bind_text(q, 6, source, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return iss_fail(err, ISS_EFAIL, "recording education: %s",
                        sqlite3_errmsg(st->db));
    return 0;
}

int iss_store_education_days(struct iss_store *st, const char *case_id,
                             struct iss_store_education **out, size_t *n,
                             struct iss_error *err)
{
    sqlite3_stmt *q;
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT e.date, e.status, e.note FROM education e "
                           "WHERE e.case_id = ?1 AND e.id = (SELECT MAX(id) "
                           "FROM education WHERE case_id = ?1 AND date = "
                           "e.date) ORDER BY e.date",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "reading education: %s",
                        sqlite3_errmsg(st->db));
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct iss_store_education *e;

        if (*n == cap) {
            struct iss_store_education *ne = iss_grow(*out, &cap, sizeof *ne);
            if (ne == NULL) {
                sqlite3_finalize(q);
                free(*out);
                *out = NULL;
                *n = 0;
                return iss_fail(err, ISS_EFAIL, "out of memory");
            }
            *out = ne;
        }
        e = &(*out)[(*n)++];
        memset(e, 0, sizeof *e);
        e->date = date_col(q, 0);
        text(q, 1, e->status, sizeof e->status);
        text(q, 2, e->note, sizeof e->note);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return iss_fail(err, ISS_EFAIL, "reading education: %s",
                        sqlite3_errmsg(st->db));
    }
    return 0;
}

/* ---- staff passwords (staff.c hashes and checks them) ---- */

int iss_store_password_put(struct iss_store *st, const char *id,
                           const char *hash, struct iss_error *err)
{
    sqlite3_stmt *q = NULL;
    int rc = 0;

    if (sqlite3_prepare_v2(st->db,
                           "INSERT OR REPLACE INTO staff_passwords "
                           "(staff_id, hash, set_at) VALUES (?, ?, ?)",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "storing the password");
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, iss_now());
    if (sqlite3_step(q) != SQLITE_DONE)
        rc = db_fail(st, err, "storing the password");
    sqlite3_finalize(q);
    return rc;
}

int iss_store_password_get(struct iss_store *st, const char *id, char *hash,
                           size_t size, bool *found, struct iss_error *err)
{
    sqlite3_stmt *q;
    int rc = 0, s;

    *found = false;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT hash FROM staff_passwords WHERE "
                           "staff_id = ?", -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "reading the passwords");
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    s = sqlite3_step(q);
    if (s == SQLITE_ROW) {
        const char *h = (const char *)sqlite3_column_text(q, 0);
        if (h != NULL && strlen(h) < size) {
            snprintf(hash, size, "%s", h);
            *found = true;
        }
    } else if (s != SQLITE_DONE) {
        rc = db_fail(st, err, "reading the passwords");
    }
    sqlite3_finalize(q);
    return rc;
}

/* ---- attendance ---- */

int iss_store_attendance_latest(struct iss_store *st, const char *uid,
                                struct iss_store_attendance *a, bool *found,
                                struct iss_error *err)
{
    sqlite3_stmt *q;
    int rc;

    memset(a, 0, sizeof *a);
    *found = false;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT a.outcome, a.minutes, a.cause, a.told, "
                           "a.note, a.sequence, s.sequence FROM attendance "
                           "a JOIN sessions s ON s.uid = a.session_uid "
                           "WHERE a.session_uid = ? ORDER BY a.id DESC "
                           "LIMIT 1",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "reading attendance: %s",
                        sqlite3_errmsg(st->db));
    sqlite3_bind_text(q, 1, uid, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *found = true;
        text(q, 0, a->outcome, sizeof a->outcome);
        a->minutes = sqlite3_column_int(q, 1);
        text(q, 2, a->cause, sizeof a->cause);
        a->told = sqlite3_column_int(q, 3) != 0;
        text(q, 4, a->note, sizeof a->note);
        a->sequence = sqlite3_column_int(q, 5);
        a->session_sequence = sqlite3_column_int(q, 6);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? 0
               : iss_fail(err, ISS_EFAIL, "reading attendance: %s",
                          sqlite3_errmsg(st->db));
}

int iss_store_attendance_add(struct iss_store *st, const char *uid,
                             const char *outcome, int minutes,
                             const char *note, const char *source,
                             const char *cause, bool told,
                             struct iss_error *err)
{
    sqlite3_stmt *q;
    int rc;

    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO attendance (session_uid, outcome, "
                           "minutes, note, recorded_at, source, cause, told, "
                           "sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                           "(SELECT sequence FROM sessions WHERE uid = ?1))",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "recording attendance: %s",
                        sqlite3_errmsg(st->db));
    sqlite3_bind_text(q, 1, uid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, outcome, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(q, 3, minutes);
    sqlite3_bind_text(q, 4, note, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 5, iss_now());
    sqlite3_bind_text(q, 6, source, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 7, cause, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(q, 8, told ? 1 : 0);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return iss_fail(err, ISS_EFAIL, "recording attendance: %s",
                        sqlite3_errmsg(st->db));
    return 0;
}

/* ---- feeds ---- */

static const char *kind_name(char kind)
{
    return kind == 'c' ? "case" : "staff";
}

int iss_store_feed(struct iss_store *st, char kind, const char *id,
                   bool create, char token[ISS_TOKEN_MAX], bool *found,
                   struct iss_error *err)
{
    sqlite3_stmt *q;
    int rc;

    *found = false;
    token[0] = '\0';
    if (sqlite3_prepare_v2(st->db,
                           "SELECT token FROM feeds WHERE owner_kind = ? "
                           "AND owner_id = ?",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "reading feeds");
    sqlite3_bind_text(q, 1, kind_name(kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        text(q, 0, token, ISS_TOKEN_MAX);
        *found = true;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(st, err, "reading feeds");
    if (*found || !create)
        return 0;
    if ((rc = iss_random_hex(token, 20, err)) != 0)
        return rc;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO feeds (owner_kind, owner_id, token, "
                           "created) VALUES (?, ?, ?, ?)",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "making a feed");
    sqlite3_bind_text(q, 1, kind_name(kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, token, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 4, iss_now());
    rc = sqlite3_step(q) == SQLITE_DONE ? 0 : db_fail(st, err, "making a feed");
    sqlite3_finalize(q);
    return rc;
}

int iss_store_rotate(struct iss_store *st, char kind, const char *id,
                     char token[ISS_TOKEN_MAX],
                     char old_token[ISS_TOKEN_MAX], struct iss_error *err)
{
    sqlite3_stmt *q;
    bool found;
    int rc = iss_store_feed(st, kind, id, false, old_token, &found, err);

    if (rc != 0)
        return rc;
    if (!found)
        return iss_fail(err, ISS_EINPUT, "%s %s has no feed yet (publish "
                                         "first)", kind_name(kind), id);
    if ((rc = iss_random_hex(token, 20, err)) != 0)
        return rc;
    if (sqlite3_prepare_v2(st->db,
                           "UPDATE feeds SET token = ?, created = ? WHERE "
                           "owner_kind = ? AND owner_id = ?",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "rotating a feed");
    sqlite3_bind_text(q, 1, token, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 2, iss_now());
    sqlite3_bind_text(q, 3, kind_name(kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(q) == SQLITE_DONE ? 0
                                        : db_fail(st, err, "rotating a feed");
    sqlite3_finalize(q);
    return rc;
}

int iss_store_feeds_ensure(struct iss_store *st, struct iss_error *err)
{
    sqlite3_stmt *q;
    int rc = 0;

    if (sqlite3_prepare_v2(st->db,
                           "SELECT 'c', case_id FROM sessions UNION "
                           "SELECT 's', staff_id FROM session_staff",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "reading feed owners: %s",
                        sqlite3_errmsg(st->db));
    while (rc == 0 && sqlite3_step(q) == SQLITE_ROW) {
        char token[ISS_TOKEN_MAX], id[ISS_ID_MAX];
        const unsigned char *k = sqlite3_column_text(q, 0);
        bool found;

        text(q, 1, id, sizeof id);
        rc = iss_store_feed(st, k && k[0] == 'c' ? 'c' : 's', id, true, token,
                            &found, err);
    }
    sqlite3_finalize(q);
    return rc;
}

int iss_store_feeds(struct iss_store *st, struct iss_feed_entry **out,
                    size_t *n, struct iss_error *err)
{
    sqlite3_stmt *q;
    struct iss_feed_entry *v = NULL;
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT owner_kind, owner_id, token, created FROM "
                           "feeds ORDER BY owner_kind, owner_id",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "reading feeds");
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        char kind[8];
        if (*n == cap) {
            struct iss_feed_entry *nv = iss_grow(v, &cap, sizeof *nv);
            if (nv == NULL) {
                free(v);
                sqlite3_finalize(q);
                return iss_fail(err, ISS_EFAIL, "out of memory");
            }
            v = nv;
        }
        text(q, 0, kind, sizeof kind);
        v[*n].kind = kind[0] == 'c' ? 'c' : 's';
        text(q, 1, v[*n].owner, sizeof v[*n].owner);
        text(q, 2, v[*n].token, sizeof v[*n].token);
        v[*n].created = sqlite3_column_int64(q, 3);
        (*n)++;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        free(v);
        *n = 0;
        return db_fail(st, err, "reading feeds");
    }
    *out = v;
    return 0;
}

/* ---- files iss wrote ---- */

int iss_store_file_add(struct iss_store *st, const char *name,
                       struct iss_error *err)
{
    sqlite3_stmt *q;
    int rc;

    if (sqlite3_prepare_v2(st->db,
                           "INSERT OR IGNORE INTO files (name, written) "
                           "VALUES (?, ?)",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "recording a file");
    sqlite3_bind_text(q, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 2, iss_now());
    rc = sqlite3_step(q) == SQLITE_DONE ? 0
                                        : db_fail(st, err, "recording a file");
    sqlite3_finalize(q);
    return rc;
}

int iss_store_file_known(struct iss_store *st, const char *name, bool *known,
                         struct iss_error *err)
{
    sqlite3_stmt *q;
    int rc;

    *known = false;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM files WHERE name = ?", -1,
                           &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "reading the files");
    sqlite3_bind_text(q, 1, name, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(q);
    *known = rc == SQLITE_ROW;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? 0
               : db_fail(st, err, "reading the files");
}

int iss_store_file_forget(struct iss_store *st, const char *name,
                          struct iss_error *err)
{
    sqlite3_stmt *q;
    int rc;

    if (sqlite3_prepare_v2(st->db, "DELETE FROM files WHERE name = ?", -1,
                           &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "forgetting a file");
    sqlite3_bind_text(q, 1, name, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(q) == SQLITE_DONE ? 0
                                        : db_fail(st, err, "forgetting a file");
    sqlite3_finalize(q);
    return rc;
}
