/* iss - a workspace: one team's files, loaded and validated as a whole.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_WORKSPACE_H
#define ISS_WORKSPACE_H

#include <stdbool.h>
#include <stddef.h>

#include "iss/band.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"

struct iss_arena;

struct iss_workspace {
    char *dir;
    struct iss_team team;
    struct iss_band **bands;     /* shipped bands, then the workspace's */
    size_t n_bands;
    struct iss_case *cases;      /* sorted by id */
    size_t n_cases;
    struct iss_holidays *holidays;  /* rules + data file + extra_holidays */
    bool has_rota_csv;           /* the workspace has a rota.csv */
    size_t n_rota_rows;          /* its rows (dated entries added) */
    struct iss_arena *arena;     /* owns the team's and cases' memory */
};

/* Where shipped data (bands/, data/) is found: $ISS_DATADIR if set, else
 * next to the executable (a build tree), else its ../share/iss, else the
 * compiled-in ISS_DATADIR. Returns a static string. */
const char *iss_datadir(void);

/* dir + "/" + name (no second "/" when dir ends in one), malloc'd;
 * NULL on ENOMEM. The one way paths are joined. */
char *iss_path_join(const char *dir, const char *name);

/* Load and validate everything in dir: team.json, rota.csv (if any; its
 * dated entries join the staff's rota), cases/ *.json, the
 * shipped bands overridden or extended by dir/bands/ *.json, the bank
 * holidays. Every problem goes to probs. Returns 0; ISS_EINPUT when there
 * were problems (then *out is NULL); ISS_EFAIL with err when something
 * could not be read at all. */
int iss_workspace_load(const char *dir, struct iss_workspace **out,
                       struct iss_problems *probs, struct iss_error *err);

void iss_workspace_free(struct iss_workspace *ws);

/* Load the shipped bands, then those of dir/bands (dir may be NULL),
 * which replace shipped ones of the same id or add to them. Returns 0,
 * ISS_EINPUT with problems (the good bands are still returned), or
 * ISS_EFAIL with err. Release with iss_bands_free. */
int iss_bands_load(const char *dir, struct iss_band ***bands, size_t *n,
                   struct iss_problems *probs, struct iss_error *err);
void iss_bands_free(struct iss_band **bands, size_t n);

/* Index of a case or band by id, -1 if none. */
int iss_workspace_case_index(const struct iss_workspace *ws, const char *id);
int iss_workspace_band_index(const struct iss_workspace *ws, const char *id);

/* Parse one team.json or case text (for tests and fuzzing): the same
 * checks as a workspace load, against the shipped bands and, for a case,
 * the given team. text[len] must be '\0' (as a file read by the library
 * is). Returns 0 or ISS_EINPUT. */
int iss_check_team_text(const char *text, size_t len,
                        struct iss_problems *probs);
int iss_check_case_text(const struct iss_workspace *ws, const char *text,
                        size_t len, const char *display,
                        struct iss_problems *probs);

#endif
