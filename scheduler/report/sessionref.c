/* iss - short references to published sessions (iss today, iss
 * attendance record): the shortest unique UID prefix, and what a person
 * typed back to a session's UID.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iss/sessionref.h"
#include "iss/store.h"

static int uid_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

int iss_uid_index_load(struct iss_store *st, struct iss_uid_index *ix,
                       struct iss_error *err)
{
    int rc = iss_store_all_uids(st, &ix->uids, &ix->n, err);

    if (rc == 0 && ix->n > 1)
        qsort(ix->uids, ix->n, sizeof *ix->uids, uid_cmp);
    return rc;
}

void iss_uid_index_free(struct iss_uid_index *ix)
{
    free(ix->uids);
    ix->uids = NULL;
    ix->n = 0;
}

static size_t common(const char *a, const char *b)
{
    size_t k = 0;

    while (a[k] && a[k] == b[k])
        k++;
    return k;
}

void iss_session_ref(const struct iss_uid_index *ix, const char *uid,
                     char ref[64])
{
    size_t lo = 0, hi = ix->n, need = 0, len = strlen(uid);

    /* Its place in the sorted index: only the neighbours can share a
     * longer prefix than anything further away. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ix->uids[mid], uid) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0)
        need = common(ix->uids[lo - 1], uid);
    {
        size_t at = lo;
        if (at < ix->n && strcmp(ix->uids[at], uid) == 0)
            at++;
        if (at < ix->n) {
            size_t c = common(ix->uids[at], uid);
            if (c > need)
                need = c;
        }
    }
    need += 1;
    if (need < ISS_REF_MIN)
        need = ISS_REF_MIN;
    if (need > len)
        need = len;
    if (need > 63)
        need = 63;
    memcpy(ref, uid, need);
    ref[need] = '\0';
}

void iss_session_describe(const struct iss_workspace *ws,
                          const struct iss_stored_session *s, char *buf,
                          size_t size)
{
    char d[ISS_HDATE_BUFSZ], a[6], b[6];
    const char *name = "", *type = s->type;
    int c = ws != NULL ? iss_workspace_case_index(ws, s->kase) : -1;
    int t = ws != NULL ? iss_team_type_index(&ws->team, s->type) : -1;

    if (c >= 0)
        name = ws->cases[c].feed_name;
    if (t >= 0)
        type = ws->team.types[t].name;
    snprintf(buf, size, "%s%s%s%s, %s %s-%s, %s", name, name[0] ? " (" : "",
             s->kase, name[0] ? ")" : "", iss_date_human(s->date, d),
             iss_clock_format(s->start, a), iss_clock_format(s->end, b),
             type);
}


int iss_session_resolve(struct iss_store *st, const struct iss_workspace *ws,
                        const char *typed, char uid[64],
                        struct iss_error *err)
{
    enum { MAX = 8 };
    char key[64], found[MAX][64], msg[900];
    size_t len = strlen(typed), i, at;
    int n, k;

    if (len == 0 || len > 63)
        return iss_fail(err, ISS_EINPUT, "'%.70s': a session reference is "
                                         "1 to 63 characters of 0-9 and "
                                         "a-f (iss today shows them)",
                        typed);
    for (i = 0; i < len; i++) {
        int ch = tolower((unsigned char)typed[i]);
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')))
            return iss_fail(err, ISS_EINPUT,
                            "'%.70s': a session reference is hexadecimal "
                            "(0-9, a-f): a UID from the plan file or a "
                            "feed, or the reference iss today shows",
                            typed);
        key[i] = (char)ch;
    }
    key[len] = '\0';
    n = iss_store_uid_candidates(st, key, true, found, MAX, err);
    if (n < 0)
        return ISS_EFAIL;
    if (n == 0 && len < ISS_REF_MIN_TYPED)
        return iss_fail(err, ISS_EINPUT,
                        "'%s': too short; give at least %d characters of "
                        "a session's UID (iss today shows a reference)",
                        typed, ISS_REF_MIN_TYPED);
    if (n == 0)
        n = iss_store_uid_candidates(st, key, false, found, MAX, err);
    if (n < 0)
        return ISS_EFAIL;
    if (n == 0)
        return iss_fail(err, ISS_EINPUT,
                        "'%s': no published session has a UID (its own or "
                        "in a staff member's feed) starting so; iss today "
                        "lists the day's sessions", typed);
    if (n == 1) {
        snprintf(uid, 64, "%s", found[0]);
        return 0;
    }
    at = (size_t)snprintf(msg, sizeof msg, "'%s' is ambiguous: %d sessions "
                                           "match; give more characters:",
                          typed, n);
    for (k = 0; k < n && k < MAX && at < sizeof msg; k++) {
        struct iss_stored_session s;
        struct iss_error e2 = {0, ""};
        char what[160] = "";
        if (iss_store_session(st, found[k], &s, &e2) == 0)
            iss_session_describe(ws, &s, what, sizeof what);
        at += (size_t)snprintf(msg + at, sizeof msg - at, "\n  %s  %s",
                               found[k], what);
    }
    if (n > MAX && at < sizeof msg)
        snprintf(msg + at, sizeof msg - at, "\n  and %d more", n - MAX);
    return iss_fail(err, ISS_EINPUT, "%s", msg);
}
