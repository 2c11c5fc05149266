/* iss - the one strict JSON reader: every problem with its file, path and value
 * (scheduler/json/).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_JSON_H
#define ISS_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "iss/base.h"
#include "iss/error.h"

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
/* jfield, with path.key in p (size ISS_JPATH), reporting "missing: WHAT
 * is required" when required (for readers of other types, calread.c). */
const cJSON *jget(struct jctx *c, const cJSON *obj, const char *path,
                  const char *key, bool required, const char *what, char *p);
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
/* A list (at path.key); returns the array item or NULL (missing when not
 * required, or reported). */
const cJSON *jlist(struct jctx *c, const cJSON *obj, const char *path,
                   const char *key, bool required, int max_items);

/* A short JSON rendering of item for messages, into buf. */
const char *jvalue(const cJSON *item, char *buf, size_t size);

#endif
