/* iss - reading the calendar's values from JSON (scheduler/calendar/
 * calread.c): each reads key in obj (at path) like the readers of
 * iss/json.h, reports problems with their path, and returns true when a
 * valid value was stored in *out.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_CALREAD_H
#define ISS_CALREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iss/calendar.h"
#include "iss/json.h"

bool jdate(struct jctx *c, const cJSON *obj, const char *path,
           const char *key, bool required, iss_date *out);
bool jperiod(struct jctx *c, const cJSON *obj, const char *path,
             const char *key, bool required, bool allow_overnight,
             struct iss_clock_period *out);
/* "daily" or a list of weekdays -> weekday set. */
bool jdays(struct jctx *c, const cJSON *obj, const char *path,
           const char *key, bool required, uint8_t *out);
/* A list of {from, to} date ranges with from <= to. */
bool jranges(struct jctx *c, const cJSON *obj, const char *path,
             const char *key, struct iss_date_range **out, size_t *n);

#endif
