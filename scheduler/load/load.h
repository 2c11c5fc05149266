/* iss - what the loaders share (private to scheduler/load/).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_LOAD_H
#define ISS_LOAD_H

#include <stddef.h>

#include "iss/band.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/json.h"
#include "iss/team.h"

/* ---- rota.csv (rota.c) ---- */

/* Add the dated entries of a rota.csv text (len bytes; text[len] must be
 * '\0') to the team's staff, from arena. display names the file in
 * messages ("rota.csv: row 4: date: ..."). Every bad row is reported; a
 * row for a person and day that another row or team.json already has is
 * an error naming both. On any problem nothing is added. Returns 0 (with
 * the number of rows in *n_rows, which may be NULL), ISS_EINPUT or
 * ISS_EFAIL with err. */
int iss_rota_csv_apply(struct iss_team *team, struct iss_arena *arena,
                       const char *text, size_t len, const char *display,
                       size_t *n_rows, struct iss_problems *probs,
                       struct iss_error *err);



/* ---- loaders used by workspace.c ---- */

int iss_band_from_json(struct jctx *c, const cJSON *root,
                       struct iss_band **out);

/* The neutral-word check for anything a child's phone shows: returns the
 * first forbidden word found in s (lower case), or NULL. */
const char *iss_forbidden_word(const char *s);

int iss_team_from_json(struct jctx *c, const cJSON *root,
                       struct iss_team *team);

struct iss_band;
int iss_case_from_json(struct jctx *c, const cJSON *root,
                       const struct iss_team *team,
                       struct iss_band *const *bands, size_t n_bands,
                       const struct iss_holidays *holidays,
                       const char *expected_id, struct iss_case *out);



#endif
