/* iss - serving the feeds over HTTP (libmicrohttpd) for phones.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * GET and HEAD /feeds/<token>.ics only (docs/serve.md): the file as it is
 * on disk at that moment (iss publish renames new files into place, so a
 * request gets the old file or the new one, never half of one), with a
 * strong ETag and Last-Modified (304 on If-None-Match/If-Modified-Since).
 * A wrong token and a malformed path get the same 404, after the same
 * work: the token is compared in constant time against every feed. Too
 * many failed guesses from one address get 429 for a while. The access
 * log never shows a token.
 *
 * Under /staff/ is the staff area (docs/staff.md, scheduler/serve/staff_web.c):
 * sign-in with the passwords of `iss staff password`, Today, My week and
 * the managers' open compliance actions.
 */
#ifndef ISS_SERVE_H
#define ISS_SERVE_H

#include <stdbool.h>
#include <stdio.h>

#include "iss/error.h"

struct iss_serve_opts {
    const char *listen;       /* "127.0.0.1:8080" (IPv4 or [IPv6]:port) */
    int threads;              /* worker threads: 2 */
    int max_failures;         /* failed guesses per address per window: 20 */
    int failure_window;       /* seconds: 600 */
    int header_timeout;       /* seconds from connecting (or from the
                                 last answer) to a whole request: 10 */
    int per_ip_connections;   /* connections from one address: 64 */
    int connections;          /* in all: 1000 */
    const char *trust_proxy[8]; /* peers whose X-Real-IP names the client */
    int n_trust_proxy;
    FILE *log;                /* access log (no tokens), or NULL */
    /* The staff area's sign-in (docs/staff.md): wrong passwords allowed
     * per account and per address in a window before a lock-out of that
     * window. */
    int signin_failures_account; /* 5 */
    int signin_failures_address; /* 20 */
    int signin_window;           /* seconds: 900 */
};

void iss_serve_opts_init(struct iss_serve_opts *o);

/* Serve dir/out/feeds until SIGTERM or SIGINT. Returns 0 after a clean
 * stop, or an error (the address in use, a bad --listen). */
int iss_serve(const char *dir, const struct iss_serve_opts *o,
              struct iss_error *err);

/* The pieces, for tests: is path a feed path, and its token. */
bool iss_serve_parse_path(const char *path, char token[41]);

#endif
