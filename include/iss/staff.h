/* iss - the staff area's accounts: a password per staff member, kept in
 * the store as an argon2id string (libsodium's crypto_pwhash_str), and
 * the sign-in check. docs/staff.md.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_STAFF_H
#define ISS_STAFF_H

#include <stdbool.h>

#include "iss/error.h"
#include "iss/store.h"

#define ISS_PASSWORD_MIN 10   /* characters (bytes) */
#define ISS_PASSWORD_MAX 256

/* libsodium's sodium_init (safe to call more than once). ISS_EFAIL when
 * the library cannot start. */
int iss_staff_crypto_init(struct iss_error *err);

/* Is the password acceptable: ISS_PASSWORD_MIN to ISS_PASSWORD_MAX bytes,
 * one line. NULL if so, else why not. */
const char *iss_password_problem(const char *password);

/* Set (or replace) staff member id's password (its own transaction;
 * audited in the history as command). The caller checked that id is a
 * staff member of team.json and holds the workspace lock. */
int iss_staff_password_set(struct iss_store *st, const char *id,
                           const char *password, const char *command,
                           struct iss_error *err);

/* Check a password: *ok is true when id has a password and it matches.
 * An id without a password costs the same work as a wrong password. */
int iss_staff_password_check(struct iss_store *st, const char *id,
                             const char *password, bool *ok,
                             struct iss_error *err);

/* Does staff member id have a password (may sign in at all)? */
int iss_staff_password_exists(struct iss_store *st, const char *id,
                              bool *exists, struct iss_error *err);

#endif
