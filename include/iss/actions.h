/* iss - compliance actions of a case from the store: the ladder over what
 * was recorded, and closing an action (done or withdrawn).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_ACTIONS_H
#define ISS_ACTIONS_H

#include <stddef.h>

#include "iss/error.h"
#include "iss/ladder.h"
#include "iss/store.h"
#include "iss/workspace.h"

/* The actions of case ci (ws->cases index) from the store: every miss
 * recorded so far, the closings stored, the order's milestones (for
 * orders that started while the store kept records) with reviews due up
 * to until. *out is malloc'd (free it); it may be NULL with *n 0. */
int iss_case_actions(const struct iss_workspace *ws, struct iss_store *st,
                     int ci, iss_date until, struct iss_action **out,
                     size_t *n, struct iss_error *err);

/* Close the earliest open action of a kind of case ci (its own
 * transaction): state ISS_ACTION_DONE or ISS_ACTION_WITHDRAWN, on day
 * on (not before the action was raised, not after today), by (a staff id
 * or ""), note (required to withdraw). *closed gets the action closed.
 * ISS_EINPUT when there is no open action of that kind. */
int iss_action_close(const struct iss_workspace *ws, struct iss_store *st,
                     int ci, enum iss_action_kind kind,
                     enum iss_action_state state, iss_date on,
                     const char *by, const char *note, const char *command,
                     struct iss_action *closed, struct iss_error *err);

#endif
