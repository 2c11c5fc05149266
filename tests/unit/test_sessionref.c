/* iss - unit tests of the short session references (sessionref.c): the
 * shortest unique prefix, at least ISS_REF_MIN characters.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdlib.h>
#include <string.h>

#include "iss/sessionref.h"
#include "test.h"

static int cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

int main(void)
{
    static const char *const uids[] = {
        "0123456789abcdef0123456789abcdef", /* alone: 6 */
        "abcdef0011111111111111111111111a", /* shares 8 with the next */
        "abcdef0022222222222222222222222b",
        "abcdef0122222222222222222222222c", /* shares 7 with the one above */
        "ffffffffffffffffffffffffffffffff", /* shares all but the last */
        "fffffffffffffffffffffffffffffffe"};
    struct iss_uid_index ix;
    char ref[64];
    size_t i, n = sizeof uids / sizeof uids[0];

    ix.n = n;
    ix.uids = calloc(n, sizeof *ix.uids);
    if (ix.uids == NULL)
        return 1;
    for (i = 0; i < n; i++)
        strcpy(ix.uids[i], uids[i]);
    qsort(ix.uids, n, sizeof *ix.uids, cmp);

    iss_session_ref(&ix, uids[0], ref);
    CHECK_STR(ref, "012345");
    iss_session_ref(&ix, uids[1], ref);
    CHECK_STR(ref, "abcdef001"); /* shares "abcdef00": 8 + 1 */
    iss_session_ref(&ix, uids[2], ref);
    CHECK_STR(ref, "abcdef002");
    iss_session_ref(&ix, uids[3], ref);
    CHECK_STR(ref, "abcdef01");
    iss_session_ref(&ix, uids[4], ref);
    CHECK_STR(ref, uids[4]);
    iss_session_ref(&ix, uids[5], ref);
    CHECK_STR(ref, uids[5]);
    /* A UID not in the index gets a prefix no indexed UID starts with. */
    iss_session_ref(&ix, "abcdef0099999999999999999999999d", ref);
    CHECK_STR(ref, "abcdef009");
    /* An empty index: the minimum. */
    {
        struct iss_uid_index none = {NULL, 0};
        iss_session_ref(&none, uids[1], ref);
        CHECK_STR(ref, "abcdef");
    }
    free(ix.uids);
    return TEST_FINISH();
}
