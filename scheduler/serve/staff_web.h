/* iss - the staff area of iss serve (/staff/): internal to serve.c and
 * staff_web.c. docs/staff.md.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_STAFF_WEB_H
#define ISS_STAFF_WEB_H

#include <stdbool.h>
#include <stddef.h>

#include <microhttpd.h>

#include "iss/serve.h"

struct staff_area;

/* What serve.c knows of a request to /staff. */
struct staff_request {
    const char *addr;         /* the client, for the history and log */
    const char *key;          /* the address its failures count under */
    bool https;               /* the trusted proxy says it came by HTTPS */
    const char *method;
    const char *url;          /* without the query */
    const char *body;         /* a POST's form, NUL-terminated */
    size_t body_len;
};

/* NULL when out of memory. */
struct staff_area *staff_area_new(const char *dir,
                                  const struct iss_serve_opts *o);
void staff_area_free(struct staff_area *a);

/* Is url one of the staff area's (/staff, /staff/...)? */
bool staff_url(const char *url);

/* Answer a request; *status and *bytes say what was sent (for the
 * access log). */
enum MHD_Result staff_handle(struct staff_area *a, struct MHD_Connection *c,
                             const struct staff_request *rq, int *status,
                             size_t *bytes);

#endif
