/* iss - staff passwords (argon2id, libsodium) in the store.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/staff.h"
#include "iss/store.h"

int iss_staff_crypto_init(struct iss_error *err)
{
    if (sodium_init() < 0)
        return iss_fail(err, ISS_EFAIL, "libsodium cannot start");
    return 0;
}

const char *iss_password_problem(const char *password)
{
    size_t n = strlen(password), i;

    if (n < ISS_PASSWORD_MIN)
        return "too short: at least 10 characters";
    if (n > ISS_PASSWORD_MAX)
        return "too long: at most 256 bytes";
    for (i = 0; i < n; i++)
        if ((unsigned char)password[i] < 0x20 || password[i] == 0x7f)
            return "one line of text (no control characters)";
    return NULL;
}

int iss_staff_password_set(struct iss_store *st, const char *id,
                           const char *password, const char *command,
                           struct iss_error *err)
{
    char hash[crypto_pwhash_STRBYTES];
    const char *why = iss_password_problem(password);
    int rc;

    if (why != NULL)
        return iss_fail(err, ISS_EINPUT, "the password: %s", why);
    if ((rc = iss_staff_crypto_init(err)) != 0)
        return rc;
    if (crypto_pwhash_str(hash, password, strlen(password),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return iss_fail(err, ISS_EFAIL, "hashing the password: out of "
                                        "memory");
    if ((rc = iss_store_begin(st, err)) != 0)
        return rc;
    rc = iss_store_password_put(st, id, hash, err);
    if (rc != 0)
        goto out;
    rc = iss_store_log(st, command, "staff password set", NULL, id, err);
    if (rc == 0)
        rc = iss_store_commit(st, err);
out:
    sodium_memzero(hash, sizeof hash);
    if (rc != 0)
        iss_store_rollback(st);
    return rc;
}

static int get_hash(struct iss_store *st, const char *id,
                    char hash[crypto_pwhash_STRBYTES], bool *found,
                    struct iss_error *err)
{
    return iss_store_password_get(st, id, hash, crypto_pwhash_STRBYTES,
                                  found, err);
}

int iss_staff_password_exists(struct iss_store *st, const char *id,
                              bool *exists, struct iss_error *err)
{
    char hash[crypto_pwhash_STRBYTES];

    return get_hash(st, id, hash, exists, err);
}

/* A hash of nothing anyone knows, made once: an unknown id is checked
 * against it, so that it takes as long as a wrong password. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
    unsigned char r[32];
    char pw[65];

    randombytes_buf(r, sizeof r);
    sodium_bin2hex(pw, sizeof pw, r, sizeof r);
    if (crypto_pwhash_str(dummy_hash, pw, strlen(pw),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        dummy_hash[0] = '\0';
}

int iss_staff_password_check(struct iss_store *st, const char *id,
                             const char *password, bool *ok,
                             struct iss_error *err)
{
    char hash[crypto_pwhash_STRBYTES];
    bool found;
    int rc;

    *ok = false;
    if ((rc = iss_staff_crypto_init(err)) != 0)
        return rc;
    if ((rc = get_hash(st, id, hash, &found, err)) != 0)
        return rc;
    if (!found) {
        pthread_once(&dummy_once, make_dummy);
        snprintf(hash, sizeof hash, "%s", dummy_hash);
    }
    if (hash[0] != '\0' && strlen(password) <= ISS_PASSWORD_MAX &&
        crypto_pwhash_str_verify(hash, password, strlen(password)) == 0)
        *ok = found;
    return 0;
}
