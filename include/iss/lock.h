/* iss - one writer at a time: the workspace lock (iss.lock).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * Every command that writes the workspace (plan, publish, feeds --rotate,
 * attendance, action, letters, staff password, and the staff area of
 * iss serve) holds an advisory lock (flock) on iss.lock beside iss.db for
 * its whole run, so that what it reads (plan files, the feed list, the
 * files in out/) cannot change under it. A second writer is told who holds
 * the workspace, or waits for it. Readers take no lock: the store gives
 * them one consistent snapshot and every file is renamed into place
 * whole (docs/store.md).
 */
#ifndef ISS_LOCK_H
#define ISS_LOCK_H

#include "iss/error.h"

struct iss_lock;

/* Take dir/iss.lock for command ("iss publish --week 2026-11-23"). wait: 0
 * fails at once when another command holds it; > 0 waits up to that many
 * seconds; < 0 waits as long as it takes. A busy workspace is ISS_EFAIL
 * with "busy: COMMAND (pid N, since HH:MM:SS) holds this workspace...". */
int iss_lock_take(const char *dir, const char *command, double wait,
                  struct iss_lock **out, struct iss_error *err);

/* Release the lock (NULL is fine). The file stays (removing it would race
 * with the next writer's open). */
void iss_lock_release(struct iss_lock *l);

#endif
