/* iss - naming a published session the short way: the references that
 * `iss today` prints and `iss attendance record` accepts.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * A session is published with a random UID (the child's feed event) and
 * one more per staff member (that staff member's feed event). A person
 * may name it by either UID, or by any prefix of one that no other UID
 * shares; `iss today` shows the shortest such prefix, at least
 * ISS_REF_MIN characters. docs/attendance.md.
 */
#ifndef ISS_SESSIONREF_H
#define ISS_SESSIONREF_H

#include <stddef.h>

#include "iss/error.h"
#include "iss/store.h"
#include "iss/workspace.h"

#define ISS_REF_MIN 6         /* the shortest reference iss prints */
#define ISS_REF_MIN_TYPED 4   /* the shortest prefix iss accepts */

/* Every UID of the store (sessions' and staff feeds'), sorted, for
 * iss_session_ref. */
struct iss_uid_index {
    char (*uids)[64];
    size_t n;
};

int iss_uid_index_load(struct iss_store *st, struct iss_uid_index *ix,
                       struct iss_error *err);
void iss_uid_index_free(struct iss_uid_index *ix);

/* The shortest prefix of uid (at least ISS_REF_MIN characters) that no
 * other UID of the index starts with, into ref (64 bytes). */
void iss_session_ref(const struct iss_uid_index *ix, const char *uid,
                     char ref[64]);

/* What a person typed -> the session's UID (into uid, 64 bytes): a
 * session's UID, a staff feed's UID, or a prefix (at least
 * ISS_REF_MIN_TYPED characters, any case) of exactly one session's UIDs.
 * An unknown or ambiguous reference is ISS_EINPUT with a message that
 * names what was typed and, when ambiguous, the candidates (with ws, by
 * child, date, time and type). */
int iss_session_resolve(struct iss_store *st, const struct iss_workspace *ws,
                        const char *typed, char uid[64],
                        struct iss_error *err);

/* "Jordan (C01), Mon 23 Nov 2026 16:00-17:00, Tracking check-in" for a
 * stored session (ws may be NULL: ids then). */
void iss_session_describe(const struct iss_workspace *ws,
                          const struct iss_stored_session *s, char *buf,
                          size_t size);

#endif
