/* iss - calendar feeds (RFC 5545, RFC 7986) for children and staff.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * docs/feeds.md: a child's feed is named "My appointments" and shows only
 * neutral titles (the session type's child_title) with the staff member's
 * first name; a staff member's feed names the child by feed_name and the
 * session type. Times are in UTC. Events carry the UID, SEQUENCE, STATUS
 * and last change stored at publishing, so the same state always gives
 * byte-identical text.
 */
#ifndef ISS_ICAL_H
#define ISS_ICAL_H

#include <stddef.h>

#include "iss/calendar.h"
#include "iss/error.h"
#include "iss/store.h"
#include "iss/workspace.h"

/* How long past sessions stay in a feed (cancelled ones go once their
 * date has passed). */
#define ISS_FEED_HISTORY_DAYS 56

/* The feed of a case (kind 'c', id a case id) or staff member (kind 's')
 * from its stored sessions (as iss_store_owner gives them), as iCalendar
 * text (malloc'd), or NULL with err. today decides which past events are
 * left out. */
char *iss_ical_feed(const struct iss_workspace *ws, char kind,
                    const char *id, const struct iss_stored_session *s,
                    size_t n, iss_date today, struct iss_error *err);

#endif
