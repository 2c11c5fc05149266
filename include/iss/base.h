/* iss - the base of the library: memory, files, text (scheduler/base/).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_BASE_H
#define ISS_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iss/error.h"

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

/* ---- text (text.c, util.c) ---- */

/* Length of the UTF-8 sequence at s, or 0 if it is not valid UTF-8
 * (overlong forms, surrogates and code points over U+10FFFF included). */
size_t iss_utf8_seq(const unsigned char *s);
/* Whether s is valid UTF-8; *chars (may be NULL) gets its characters. */
bool iss_utf8_valid(const char *s, size_t *chars);
/* Whether s has a control character (C0, DEL or C1). */
bool iss_has_control(const char *s);
/* Identifier rules: 1-32 of A-Z a-z 0-9 _ - (lower_only: a-z 0-9 _). */
bool iss_ident_valid(const char *s, bool lower_only);
/* Valid UTF-8 without control characters. */
bool iss_text_valid(const char *s);


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

/* dir + "/" + name (no second "/" when dir ends in one), malloc'd;
 * NULL on ENOMEM. The one way paths are joined. */
char *iss_path_join(const char *dir, const char *name);

/* An array of elem-sized items grown to twice *cap (16 at first): the
 * new block, *cap updated; or NULL (p untouched, still the caller's) on
 * ENOMEM or overflow. (util.c) */
void *iss_grow(void *p, size_t *cap, size_t elem);

/* ---- a growing string (strbuf.c) ---- */

/* Text of any length built by appending; start with ISS_BUF_INIT. After
 * a failure (out of memory) appends do nothing and iss_buf_done gives
 * NULL. */
struct iss_buf {
    char *s;
    size_t len, cap;
    bool failed;
};
#define ISS_BUF_INIT {NULL, 0, 0, false}

void iss_buf_put(struct iss_buf *b, const char *fmt, ...) ISS_PRINTF(2, 3);
/* Text for HTML or SVG: & < > " ' escaped (the one HTML escaper). */
void iss_buf_html(struct iss_buf *b, const char *s);
/* The text (caller frees; "" if nothing was appended), or NULL (and the
 * text freed) if an append failed. */
char *iss_buf_done(struct iss_buf *b);

/* Append formatted text to the string in buf (size bytes); text that does
 * not fit is cut on a whole UTF-8 character. */
void iss_strcatf(char *buf, size_t size, const char *fmt, ...)
    ISS_PRINTF(3, 4);


#endif
