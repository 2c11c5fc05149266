/* iss - Intensive Supervision and Surveillance week planner.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * Errors and problem lists.
 *
 * Memory rule for the whole library: arguments are borrowed; what a
 * function returns belongs to the caller and is released with its _free.
 * Every _free accepts NULL.
 */
#ifndef ISS_ERROR_H
#define ISS_ERROR_H

#include <stddef.h>

#ifdef __GNUC__
#define ISS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ISS_PRINTF(f, a)
#endif

/* Exit statuses of the command line, also returned by library calls
 * that fail: 0 success, 1 failure inside iss, 2 bad input or usage. */
enum { ISS_OK = 0, ISS_EFAIL = 1, ISS_EINPUT = 2 };

/* One error: the first failure wins, the message names the place and the
 * value, with no trailing newline. */
struct iss_error {
    int code;        /* ISS_EFAIL or ISS_EINPUT; 0 when unset */
    char msg[1024];
};

/* Set err (if not NULL and not yet set) and return code. */
int iss_fail(struct iss_error *err, int code, const char *fmt, ...)
    ISS_PRINTF(3, 4);

/* Clear an error so it can be reused. */
void iss_error_clear(struct iss_error *err);

/* A list of input problems: validation reports every problem, not only the
 * first. Each entry reads "file: json.path: value: what is allowed". */
struct iss_problems {
    char **items;
    size_t count;
    size_t cap;
    size_t limit;    /* stop storing after this many (0 = 1000) */
    size_t dropped;  /* problems seen after the limit */
};

void iss_problems_init(struct iss_problems *p);
void iss_problems_clear(struct iss_problems *p);
/* Add one problem; formatted like printf. Never fails (drops on ENOMEM). */
void iss_problem(struct iss_problems *p, const char *fmt, ...)
    ISS_PRINTF(2, 3);

#endif
