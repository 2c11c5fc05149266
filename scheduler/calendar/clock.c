/* iss - the clock: "now" and "today", or what the environment says they
 * are (ISS_NOW, ISS_TODAY) for tests and reproducible runs.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "iss/calendar.h"

int64_t iss_now(void)
{
    const char *env = getenv("ISS_NOW");
    iss_date d;

    if (env != NULL && env[0] != '\0') {
        char *end;
        long long v = strtoll(env, &end, 10);
        if (*end == '\0')
            return v;
    }
    /* "Today" alone fixes "now" too: the start of that day, so that the
     * two never disagree (a session of today has not started). */
    env = getenv("ISS_TODAY");
    if (env != NULL && iss_date_parse(env, &d) == 0) {
        enum iss_local_kind kind;
        return iss_local_to_utc(d, 0, &kind);
    }
    return (int64_t)time(NULL);
}

iss_date iss_today(void)
{
    const char *env = getenv("ISS_TODAY");
    iss_date d;
    int minute;

    if (env != NULL && iss_date_parse(env, &d) == 0)
        return d;
    iss_utc_to_local(iss_now(), &d, &minute);
    return d;
}
