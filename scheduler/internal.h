/* iss - internals shared between the library's files (not public API).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_INTERNAL_H
#define ISS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "iss/band.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"

/* ---- arena: many small allocations released together ---- */

struct iss_arena;

struct iss_arena *iss_arena_new(void);
void iss_arena_free(struct iss_arena *a);
/* Zeroed memory, aligned for any type; NULL on ENOMEM. */
void *iss_arena_alloc(struct iss_arena *a, size_t size);
void *iss_arena_calloc(struct iss_arena *a, size_t n, size_t size);
char *iss_arena_strdup(struct iss_arena *a, const char *s);

/* ---- files ---- */

/* Read a whole file into a NUL-terminated buffer (caller frees). Files
 * over max_bytes are refused. Returns 0 or ISS_EFAIL/ISS_EINPUT with err. */
int iss_read_file(const char *path, size_t max_bytes, char **text,
                  size_t *len, struct iss_error *err);

#define ISS_MAX_INPUT_BYTES (8u << 20)

/* Write a file atomically: a temporary file in the same folder with the
 * given mode, fsync, rename over path. */
int iss_write_file_atomic(const char *path, const char *data, size_t len,
                          int mode, struct iss_error *err);

/* A point where a crash must lose nothing (tests): when the environment
 * sets ISS_CRASH_AT=N, the N-th point reached kills the process with
 * SIGKILL, as a power cut or kill -9 would. No effect otherwise. */
void iss_crashpoint(const char *where);

/* A point where a test may hold the run still (every crash point is one
 * too): when ISS_PAUSE_AT is part of where, the first such point creates
 * the file $ISS_PAUSE_FILE and waits until the test removes it (at most
 * 10 minutes). No effect otherwise. */
void iss_pausepoint(const char *where);

/* ---- text ---- */

/* Cut s to at most max bytes (not counting the NUL) without splitting a
 * UTF-8 character: a character that does not fit goes whole. Returns the
 * new length. The one place text is shortened (every fixed buffer goes
 * through it or iss_snprintf). */
size_t iss_utf8_cut(char *s, size_t max);

/* Drop an incomplete UTF-8 character at the end of s (what a byte-wise
 * cut leaves). Returns the new length. */
size_t iss_utf8_trim(char *s);

/* snprintf, but a result cut short by size ends on a whole UTF-8
 * character. Returns what snprintf returns (the length wanted). */
int iss_snprintf(char *buf, size_t size, const char *fmt, ...)
    ISS_PRINTF(3, 4);

/* The formatted text in a malloc'd string of its own length (no limit);
 * NULL on ENOMEM. */
char *iss_aprintf(const char *fmt, ...) ISS_PRINTF(1, 2);

/* Join a directory and a name into a malloc'd path. */
char *iss_path_join(const char *dir, const char *name);

/* ---- CSV tables written by people (csvread.c) ---- */

#define ISS_CSV_MAX_COLUMNS 8

/* What a file's header may name. */
struct iss_csv_spec {
    const char *display;          /* "attendance.csv", for messages */
    const char *const *columns;   /* the known columns */
    int n_columns;
    int n_required;               /* the first n_required must be there */
    bool trim;                    /* strip spaces around header names */
    bool allow_notes;             /* also "note" and "x-..." (ignored) */
};

struct iss_csv_row {
    int row;                      /* record number; the header is row 1 */
    char **cell;                  /* per known column; "" when absent */
    bool bad;                     /* too many fields, or a NUL byte:
                                     already reported */
};

struct iss_csv_table {
    int col[ISS_CSV_MAX_COLUMNS]; /* header index per column, -1 absent */
    struct iss_csv_row *rows;     /* data rows, blank lines left out */
    size_t n_rows;
    int problems;                 /* problems reported so far */
};

/* Read a CSV held in memory (len bytes, need not end in a NUL): a byte
 * order mark, broken quoting, an empty file, unknown, repeated or missing
 * columns, too many fields and NUL bytes are reported to probs as
 * "DISPLAY: row N: what" (t->problems counts them). Returns 0, or
 * ISS_EFAIL with err (out of memory). Free t with iss_csv_free. */
int iss_csv_read(const struct iss_csv_spec *spec, const char *text,
                 size_t len, struct iss_csv_table *t,
                 struct iss_problems *probs, struct iss_error *err);
void iss_csv_free(struct iss_csv_table *t);
void iss_csv_problem(const struct iss_csv_spec *spec, struct iss_csv_table *t,
                     struct iss_problems *probs, int row, const char *fmt,
                     ...) ISS_PRINTF(5, 6);

/* ---- strict JSON reading with paths and a problem list ---- */

/* A reading context: which file, where problems go, where memory comes
 * from, and how many problems this file had. */
struct jctx {
    const char *file;            /* display name: "cases/C17.json" */
    struct iss_problems *probs;
    struct iss_arena *arena;
    int problems;
};

/* Parse text with cJSON: a BOM, an empty file, trailing text and syntax
 * errors are reported as "file:LINE:COL: not valid JSON: ..." and NULL is
 * returned. */
cJSON *jparse(struct jctx *c, const char *text, size_t len);

/* Report a problem "file: path: value: message". value is the JSON text of
 * the offending item (shortened), or omitted when item is NULL. */
void jproblem(struct jctx *c, const char *path, const cJSON *item,
              const char *fmt, ...) ISS_PRINTF(4, 5);

/* Build "path.key" or "path[i]" into buf (size ISS_JPATH). */
#define ISS_JPATH 256
const char *jpath_key(char *buf, const char *path, const char *key);
const char *jpath_idx(char *buf, const char *path, int i);

/* Check that obj (at path) is an object whose keys are all in allowed
 * (NULL-terminated) or start with "x-", with no key twice. Reports every
 * unknown and duplicate field. Returns false if obj is not an object. */
bool jobject(struct jctx *c, const cJSON *obj, const char *path,
             const char *const *allowed);

/* Field readers. Each looks up key in obj (at path). Missing + required
 * reports "missing"; wrong types and ranges are reported. They return
 * true when a valid value was stored in *out (which is left alone
 * otherwise), false when missing or bad. */
const cJSON *jfield(const cJSON *obj, const char *key);
bool jstring(struct jctx *c, const cJSON *obj, const char *path,
             const char *key, bool required, size_t max_len, char **out);
bool jident(struct jctx *c, const cJSON *obj, const char *path,
            const char *key, bool required, bool lower_only, char **out);
bool jbool(struct jctx *c, const cJSON *obj, const char *path,
           const char *key, bool required, bool *out);
bool jint(struct jctx *c, const cJSON *obj, const char *path,
          const char *key, bool required, int min, int max, int *out);
/* A share: a number more than 0 and at most 1. */
bool jshare(struct jctx *c, const cJSON *obj, const char *path,
            const char *key, bool required, double *out);
/* A decimal number of hours stored as whole minutes (must be a whole
 * number of minutes). */
bool jhours(struct jctx *c, const cJSON *obj, const char *path,
            const char *key, bool required, double max_hours, int *out);
bool jdate(struct jctx *c, const cJSON *obj, const char *path,
           const char *key, bool required, iss_date *out);
bool jperiod(struct jctx *c, const cJSON *obj, const char *path,
             const char *key, bool required, bool allow_overnight,
             struct iss_clock_period *out);
/* "daily" or a list of weekdays -> weekday set. */
bool jdays(struct jctx *c, const cJSON *obj, const char *path,
           const char *key, bool required, uint8_t *out);
/* A list (at path.key); returns the array item or NULL (missing when not
 * required, or reported). */
const cJSON *jlist(struct jctx *c, const cJSON *obj, const char *path,
                   const char *key, bool required, int max_items);
/* A list of {from, to} date ranges with from <= to. */
bool jranges(struct jctx *c, const cJSON *obj, const char *path,
             const char *key, struct iss_date_range **out, size_t *n);

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

/* Identifier rules: 1-32 of A-Z a-z 0-9 _ - (lower_only: a-z 0-9 _). */
bool iss_ident_valid(const char *s, bool lower_only);
/* Valid UTF-8 without control characters. */
bool iss_text_valid(const char *s);

/* A short JSON rendering of item for messages, into buf. */
const char *jvalue(const cJSON *item, char *buf, size_t size);

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
