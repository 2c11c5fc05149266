/* iss - the store (iss.db, SQLite): what was published, the feeds' secret
 * tokens, and an append-only history of every change.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * Every command that changes the store does so in one transaction: a run
 * that is killed leaves the previous state. The file is created 0600, in
 * WAL mode with foreign keys on; its schema version is PRAGMA user_version
 * and older versions are migrated forward on open (docs/store.md).
 */
#ifndef ISS_STORE_H
#define ISS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iss/calendar.h"
#include "iss/error.h"

#define ISS_STORE_VERSION 6
#define ISS_ID_MAX 40         /* ids of cases, staff, types (32 + NUL) */
#define ISS_TOKEN_MAX 64

struct iss_store;

/* What a re-plan changed of a published session (the letter labels each;
 * bits accumulate from the session's first publishing on). */
#define ISS_CHANGED_TIME 1u      /* date, start or end */
#define ISS_CHANGED_STAFF 2u     /* who delivers it */
#define ISS_CHANGED_PLACE 4u
#define ISS_CHANGED_TYPE 8u      /* what it is */
#define ISS_CHANGED_ADDED 16u    /* new to a week the child already had
                                    sessions published in */

/* One staff member of a published session, with their own feed event. */
struct iss_stored_staff {
    char staff[ISS_ID_MAX];
    char feed_uid[64];        /* the event's UID in the staff feed */
    int sequence;
    bool cancelled;           /* no longer theirs (or the session is) */
    int64_t last_change;      /* unix seconds */
};

struct iss_stored_session {
    char uid[64];             /* random; the child feed's event UID */
    char kase[ISS_ID_MAX];
    char type[ISS_ID_MAX];
    iss_date week;            /* the Monday */
    iss_date date;
    int start;                /* local clock minutes */
    int end;
    int64_t start_utc;
    int64_t end_utc;
    int sequence;
    bool cancelled;
    bool pinned;
    int64_t last_change;      /* unix seconds: DTSTAMP of the events */
    int64_t first_published;
    int64_t notice_at;        /* when its current time was first given */
    char place[ISS_ID_MAX];   /* a place id of team.json, "" none */
    unsigned changes;         /* ISS_CHANGED_* since first published */
    struct iss_stored_staff staff[8]; /* current staff, then former ones */
    int n_staff;
};

/* Open the store at path. When create is false and there is none, returns
 * ISS_EINPUT ("nothing published yet"). */
int iss_store_open(const char *path, bool create, struct iss_store **out,
                   struct iss_error *err);
void iss_store_close(struct iss_store *st);

/* Open the store for reading only (report, feeds, plan's view of what is
 * published): as iss_store_open(path, false) when the store and its
 * folder may be written, else read-only (a read-only share or copy),
 * where nothing is migrated. */
int iss_store_open_read(const char *path, struct iss_store **out,
                        struct iss_error *err);

/* One transaction (BEGIN IMMEDIATE / COMMIT / ROLLBACK). */
int iss_store_begin(struct iss_store *st, struct iss_error *err);
int iss_store_commit(struct iss_store *st, struct iss_error *err);
void iss_store_rollback(struct iss_store *st);

/* End a command's transaction: when rc is 0, append event to the history
 * (if log) and commit; on any failure, before or here, roll back. Returns
 * the command's result. */
int iss_store_end(struct iss_store *st, int rc, bool log, const char *command,
                  const char *event, const char *uid, const char *detail,
                  struct iss_error *err);

/* The sessions published for the week of monday (cancelled ones too),
 * sorted by start then uid. *out is malloc'd (free it). */
int iss_store_week(struct iss_store *st, iss_date monday,
                   struct iss_stored_session **out, size_t *n,
                   struct iss_error *err);

/* The sessions of one case (kind 'c') or staff member (kind 's') dated on
 * or after from, sorted by start then uid. */
int iss_store_owner(struct iss_store *st, char kind, const char *id,
                    iss_date from, struct iss_stored_session **out,
                    size_t *n, struct iss_error *err);

/* The published session with this UID (cancelled ones too), with its
 * staff; ISS_EINPUT when there is none. */
int iss_store_session(struct iss_store *st, const char *uid,
                      struct iss_stored_session *out, struct iss_error *err);

/* The weeks (Mondays) with published sessions on or after from,
 * in order. *out is malloc'd (free it). */
int iss_store_weeks(struct iss_store *st, iss_date from, iss_date **out,
                    size_t *n, struct iss_error *err);

/* Every UID the store gave out: the sessions' own and the staff feeds'
 * (unsorted; *uids malloc'd, free it). */
int iss_store_all_uids(struct iss_store *st, char (**uids)[64], size_t *n,
                       struct iss_error *err);

/* The session UIDs whose own UID or a staff feed UID starts with (or,
 * when exact, equals) key. Writes at most max distinct ones to out;
 * returns how many there are, or -1 with err on a store error. */
int iss_store_uid_candidates(struct iss_store *st, const char *key,
                             bool exact, char (*out)[64], int max,
                             struct iss_error *err);

/* Insert or replace a session and its staff rows. */
int iss_store_put(struct iss_store *st, const struct iss_stored_session *s,
                  struct iss_error *err);

/* Append to the history: the command line, what happened, ids only. */
int iss_store_log(struct iss_store *st, const char *command,
                  const char *event, const char *uid, const char *detail,
                  struct iss_error *err);

/* The feed token of an owner; with create, one is made (random, 160
 * bits) when there is none. *found tells whether there was one. */
int iss_store_feed(struct iss_store *st, char kind, const char *id,
                   bool create, char token[ISS_TOKEN_MAX], bool *found,
                   struct iss_error *err);

/* Give an owner's feed a new token; old_token gets the previous one. */
int iss_store_rotate(struct iss_store *st, char kind, const char *id,
                     char token[ISS_TOKEN_MAX],
                     char old_token[ISS_TOKEN_MAX], struct iss_error *err);

/* Give every owner (case or staff member) of a published session a
 * feed token if they have none. */
int iss_store_feeds_ensure(struct iss_store *st, struct iss_error *err);

struct iss_feed_entry {
    char kind;                /* 'c' case, 's' staff */
    char owner[ISS_ID_MAX];
    char token[ISS_TOKEN_MAX];
    int64_t created;
};

int iss_store_feeds(struct iss_store *st, struct iss_feed_entry **out,
                    size_t *n, struct iss_error *err);

/* A session's latest attendance record as stored (attendance.c gives
 * it meaning: iss_attendance_get). */
struct iss_store_attendance {
    char outcome[32];         /* "attended", ... */
    int minutes;
    char cause[32];           /* "" none */
    bool told;
    char note[512];
    int sequence;             /* the session's sequence when recorded */
    int session_sequence;     /* the session's sequence now */
};

/* The latest record of session uid; *found false when there is none. */
int iss_store_attendance_latest(struct iss_store *st, const char *uid,
                                struct iss_store_attendance *a, bool *found,
                                struct iss_error *err);

/* Append a record (recorded now, at the session's current sequence). */
int iss_store_attendance_add(struct iss_store *st, const char *uid,
                             const char *outcome, int minutes,
                             const char *note, const char *source,
                             const char *cause, bool told,
                             struct iss_error *err);

/* A closing of a compliance action as stored (actions.c gives it
 * meaning: the latest per kind and key counts). */
struct iss_store_action {
    char kind[32];            /* "warning", ... */
    char key[64];
    char state[16];           /* "done" or "withdrawn" */
    iss_date on;
    char by[40];
    char note[512];
};

/* Every closing recorded for case_id, oldest first. *out is malloc'd. */
int iss_store_action_rows(struct iss_store *st, const char *case_id,
                          struct iss_store_action **out, size_t *n,
                          struct iss_error *err);
/* Append a closing (recorded now). */
int iss_store_action_add(struct iss_store *st, const char *case_id,
                         const char *kind, const char *key, int number,
                         const char *state, iss_date on, const char *by,
                         const char *note, struct iss_error *err);
/* The local day of the store's first history entry: when it began
 * keeping records (ISS_DATE_NONE if none or unreadable). */
iss_date iss_store_records_began(struct iss_store *st);

/* A day of a case's education as stored (education.c gives it meaning). */
struct iss_store_education {
    iss_date date;
    char status[32];          /* "attended", "absent_acceptable", ... */
    char note[512];
};

/* The latest record of case_id's day; *found false when there is none. */
int iss_store_education_latest(struct iss_store *st, const char *case_id,
                               iss_date date, struct iss_store_education *e,
                               bool *found, struct iss_error *err);
/* Append a record (recorded now). */
int iss_store_education_add(struct iss_store *st, const char *case_id,
                            iss_date date, const char *status,
                            const char *note, const char *source,
                            struct iss_error *err);
/* The latest record of every recorded day of case_id, by date. *out is
 * malloc'd (free it). */
int iss_store_education_days(struct iss_store *st, const char *case_id,
                             struct iss_store_education **out, size_t *n,
                             struct iss_error *err);

/* A staff member's password hash (an argon2id string made by staff.c),
 * set or replaced, and read back (*found false when there is none or it
 * does not fit in size). */
int iss_store_password_put(struct iss_store *st, const char *id,
                           const char *hash, struct iss_error *err);
int iss_store_password_get(struct iss_store *st, const char *id, char *hash,
                           size_t size, bool *found, struct iss_error *err);

/* A random identifier: bytes of getrandom() as lower-case hex into buf
 * (2 * bytes + 1 long). Returns 0 or ISS_EFAIL. */
int iss_random_hex(char *buf, size_t bytes, struct iss_error *err);

/* The files iss wrote under out/ ("feeds/TOKEN.ics"): recorded before
 * they are written, so that only they are ever removed (a file someone
 * else put there is left alone). */
int iss_store_file_add(struct iss_store *st, const char *name,
                       struct iss_error *err);
int iss_store_file_known(struct iss_store *st, const char *name, bool *known,
                         struct iss_error *err);
int iss_store_file_forget(struct iss_store *st, const char *name,
                          struct iss_error *err);

#endif
