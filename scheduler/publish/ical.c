/* iss - calendar feeds with libical.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * libical 3.0 traps avoided (ICALENDAR.md): times are built from instants
 * in UTC only (no local time labelled UTC); *_r string functions only;
 * components added are owned by their parent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/ical.h"

#ifndef ISS_VERSION
#define ISS_VERSION "0.1.0"
#endif

static struct icaltimetype utc_time(int64_t t)
{
    return icaltime_from_timet_with_zone((time_t)t, 0,
                                         icaltimezone_get_utc_timezone());
}

/* Type id -> the session type, or NULL when the team no longer has it. */
static const struct iss_session_type *find_type(const struct iss_team *t,
                                                const char *id)
{
    int k = iss_team_type_index(t, id);

    return k >= 0 ? &t->types[k] : NULL;
}

static const char *first_name(const struct iss_team *t, const char *id)
{
    int k = iss_team_staff_index(t, id);

    return k >= 0 ? t->staff[k].first_name : NULL;
}

/* "Check-in with Sam" / "Appointment with Sam and Alex", malloc'd: no
 * fixed buffer cuts a name validation accepted (NULL on ENOMEM). */
static char *child_summary(const struct iss_workspace *ws,
                           const struct iss_stored_session *s)
{
    const struct iss_session_type *ty = find_type(&ws->team, s->type);
    const char *title = ty != NULL ? ty->child_title : "Appointment";
    char *buf = iss_aprintf("%s", title);
    int k, named = 0;

    for (k = 0; buf != NULL && k < s->n_staff; k++) {
        const char *name;
        char *next;
        if (s->staff[k].cancelled)
            continue;
        name = first_name(&ws->team, s->staff[k].staff);
        if (name == NULL || name[0] == '\0')
            continue;
        next = iss_aprintf("%s%s%s", buf, named ? " and " : " with ", name);
        free(buf);
        buf = next;
        named++;
    }
    return buf;
}

/* "Jay: Offending behaviour", malloc'd. */
static char *staff_summary(const struct iss_workspace *ws,
                           const struct iss_stored_session *s)
{
    const struct iss_session_type *ty = find_type(&ws->team, s->type);
    int c = iss_workspace_case_index(ws, s->kase);
    const char *who = s->kase;

    if (c >= 0 && ws->cases[c].feed_name[0] != '\0')
        who = ws->cases[c].feed_name;
    return iss_aprintf("%s: %s", who, ty != NULL ? ty->name : s->type);
}

/* LOCATION: the place's name, and its address when it has one (both
 * checked neutral when team.json is loaded); "" when the session has no
 * place (or team.json no longer has it). */
static void location(const struct iss_workspace *ws,
                     const struct iss_stored_session *s, char *buf,
                     size_t size)
{
    int p = s->place[0] ? iss_team_place_index(&ws->team, s->place) : -1;
    const struct iss_place *pl = p >= 0 ? &ws->team.places[p] : NULL;

    buf[0] = '\0';
    if (pl != NULL)
        snprintf(buf, size, "%s%s%s", pl->name, pl->address[0] ? ", " : "",
                 pl->address);
}

static icalcomponent *event(const char *uid, int sequence, bool cancelled,
                            int64_t last_change,
                            const struct iss_stored_session *s,
                            const char *summary, const char *description,
                            const char *where, bool alarm,
                            const char *alarm_text)
{
    icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);

    icalcomponent_add_property(ev, icalproperty_new_uid(uid));
    icalcomponent_add_property(ev,
                               icalproperty_new_dtstamp(utc_time(last_change)));
    icalcomponent_add_property(
        ev, icalproperty_new_lastmodified(utc_time(last_change)));
    icalcomponent_add_property(ev, icalproperty_new_sequence(sequence));
    icalcomponent_add_property(
        ev, icalproperty_new_status(cancelled ? ICAL_STATUS_CANCELLED
                                              : ICAL_STATUS_CONFIRMED));
    icalcomponent_add_property(ev,
                               icalproperty_new_dtstart(utc_time(s->start_utc)));
    icalcomponent_add_property(ev,
                               icalproperty_new_dtend(utc_time(s->end_utc)));
    icalcomponent_add_property(ev, icalproperty_new_summary(summary));
    if (where != NULL && where[0] != '\0')
        icalcomponent_add_property(ev, icalproperty_new_location(where));
    if (description != NULL)
        icalcomponent_add_property(ev,
                                   icalproperty_new_description(description));
    icalcomponent_add_property(
        ev, icalproperty_new_transp(cancelled ? ICAL_TRANSP_TRANSPARENT
                                              : ICAL_TRANSP_OPAQUE));
    if (alarm && !cancelled) {
        icalcomponent *al = icalcomponent_new(ICAL_VALARM_COMPONENT);
        struct icaltriggertype tr;
        memset(&tr, 0, sizeof tr);
        tr.time = icaltime_null_time();
        tr.duration = icaldurationtype_from_int(-3600);
        icalcomponent_add_property(al,
                                   icalproperty_new_action(ICAL_ACTION_DISPLAY));
        icalcomponent_add_property(al, icalproperty_new_trigger(tr));
        icalcomponent_add_property(al,
                                   icalproperty_new_description(alarm_text));
        icalcomponent_add_component(ev, al);
    }
    return ev;
}

/* libical 3.0 folds at 75 octets counting the line's own CR, so a line of
 * exactly 74 octets before its CRLF comes out as "...\r\r\n \n" (found
 * with a name of non-ASCII letters; tests/cli/feeds.sh "utf-8"). Undo
 * every fold, end every line with CRLF, and fold again ourselves: at most
 * 75 octets a line, never inside a UTF-8 character (RFC 5545 3.1). */
static char *refold(const char *text)
{
    size_t len = strlen(text), n = 0, o = 0, i, col = 0;
    char *flat, *out;

    flat = malloc(len + 1);
    if (flat == NULL)
        return NULL;
    for (i = 0; i < len; i++) {
        if (text[i] == '\r' && text[i + 1] == '\n' && text[i + 2] == ' ') {
            i += 2;
            continue;
        }
        if (text[i] == '\n' && text[i + 1] == ' ') {
            i += 1;
            continue;
        }
        if (text[i] == '\r')
            continue;
        flat[n++] = text[i];
    }
    flat[n] = '\0';
    {
        /* libical writes an X- value with its backslashes escaped but
         * not its ; and ,: escape those in X-WR-CALNAME, a TEXT value
         * (RFC 5545 3.3.11), as NAME has them. */
        static const char tag[] = "\nX-WR-CALNAME:";
        char *at = strstr(flat, tag), *esc;
        size_t extra = 0, i2, o2 = 0, from;
        if (at != NULL) {
            from = (size_t)(at - flat) + strlen(tag);
            for (i2 = from; flat[i2] && flat[i2] != '\n'; i2++)
                extra += flat[i2] == ';' || flat[i2] == ',';
            esc = malloc(n + extra + 1);
            if (esc == NULL) {
                free(flat);
                return NULL;
            }
            memcpy(esc, flat, from);
            o2 = from;
            for (i2 = from; i2 < n; i2++) {
                bool in_line = i2 < from + (size_t)strcspn(flat + from, "\n");
                if (in_line && flat[i2] == '\\' && i2 + 1 < n) {
                    esc[o2++] = flat[i2++];
                    esc[o2++] = flat[i2];
                    continue;
                }
                if (in_line && (flat[i2] == ';' || flat[i2] == ','))
                    esc[o2++] = '\\';
                esc[o2++] = flat[i2];
            }
            esc[o2] = '\0';
            free(flat);
            flat = esc;
            n = o2;
        }
    }
    /* Each line of k octets grows by at most 3 octets per 74. */
    out = malloc(2 * n + 3);
    if (out == NULL) {
        free(flat);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)flat[i];
        size_t clen = 1;
        if (c == '\n') {
            out[o++] = '\r';
            out[o++] = '\n';
            col = 0;
            continue;
        }
        if (c >= 0xf0)
            clen = 4;
        else if (c >= 0xe0)
            clen = 3;
        else if (c >= 0xc0)
            clen = 2;
        if (col + clen > 75) {
            out[o++] = '\r';
            out[o++] = '\n';
            out[o++] = ' ';
            col = 1;
        }
        for (size_t k = 0; k < clen && i + k < n; k++)
            out[o++] = flat[i + k];
        i += clen - 1;
        col += clen;
    }
    out[o] = '\0';
    free(flat);
    return out;
}

char *iss_ical_feed(const struct iss_workspace *ws, char kind,
                    const char *id, const struct iss_stored_session *s,
                    size_t n, iss_date today, struct iss_error *err)
{
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalproperty *p;
    char *name, prodid[64], *text = NULL, *crlf = NULL;
    size_t i;

    if (cal == NULL) {
        iss_fail(err, ISS_EFAIL, "out of memory");
        return NULL;
    }
    snprintf(prodid, sizeof prodid, "-//iss//iss %s//EN", ISS_VERSION);
    if (kind == 'c') {
        name = iss_aprintf("My appointments");
    } else {
        const char *fn = first_name(&ws->team, id);
        name = iss_aprintf("Sessions (%s)", fn ? fn : id);
    }
    if (name == NULL) {
        icalcomponent_free(cal);
        iss_fail(err, ISS_EFAIL, "out of memory");
        return NULL;
    }
    icalcomponent_add_property(cal, icalproperty_new_prodid(prodid));
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal, icalproperty_new_name(name));
    p = icalproperty_new_x(name); /* escaped in refold() */
    free(name);
    icalproperty_set_x_name(p, "X-WR-CALNAME");
    icalcomponent_add_property(cal, p);
    p = icalproperty_new_refreshinterval(icaldurationtype_from_int(4 * 3600));
    icalproperty_add_parameter(p, icalparameter_new_value(ICAL_VALUE_DURATION));
    icalcomponent_add_property(cal, p);
    p = icalproperty_new_x("PT4H");
    icalproperty_set_x_name(p, "X-PUBLISHED-TTL");
    icalcomponent_add_property(cal, p);
    for (i = 0; i < n; i++) {
        const struct iss_stored_session *x = &s[i];
        char *summary, *alarm_text, t[6], notice[120], where[320];
        int k;
        if (x->date < today - ISS_FEED_HISTORY_DAYS)
            continue;
        location(ws, x, where, sizeof where);
        if (kind == 'c') {
            if (x->cancelled && x->date < today)
                continue;
            summary = child_summary(ws, x);
            alarm_text = summary != NULL
                             ? iss_aprintf("%s at %s", summary,
                                           iss_clock_format(x->start, t))
                             : NULL;
            if (alarm_text == NULL) {
                free(summary);
                icalcomponent_free(cal);
                iss_fail(err, ISS_EFAIL, "out of memory");
                return NULL;
            }
            snprintf(notice, sizeof notice,
                     "Short notice: this appointment was given less than "
                     "%d hours before it starts.",
                     ws->team.policy.min_notice_hours);
            icalcomponent_add_component(
                cal, event(x->uid, x->sequence, x->cancelled, x->last_change,
                           x, summary,
                           iss_short_notice(&ws->team.policy, x->start_utc,
                                            x->notice_at)
                               ? notice
                               : NULL,
                           where, true, alarm_text));
            free(summary);
            free(alarm_text);
            continue;
        }
        for (k = 0; k < x->n_staff; k++) {
            const struct iss_stored_staff *st = &x->staff[k];
            bool cancelled = st->cancelled || x->cancelled;
            char desc[120];
            if (strcmp(st->staff, id) != 0)
                continue;
            if (cancelled && x->date < today)
                continue;
            summary = staff_summary(ws, x);
            if (summary == NULL) {
                icalcomponent_free(cal);
                iss_fail(err, ISS_EFAIL, "out of memory");
                return NULL;
            }
            iss_snprintf(desc, sizeof desc, "Case %s.", x->kase);
            icalcomponent_add_component(
                cal, event(st->feed_uid, st->sequence, cancelled,
                           st->last_change, x, summary, desc, where, false,
                           NULL));
            free(summary);
        }
    }
    text = icalcomponent_as_ical_string_r(cal);
    icalcomponent_free(cal);
    if (text == NULL) {
        iss_fail(err, ISS_EFAIL, "libical: %s",
                 icalerror_strerror(icalerrno));
        return NULL;
    }
    crlf = refold(text);
    icalmemory_free_buffer(text);
    if (crlf == NULL)
        iss_fail(err, ISS_EFAIL, "out of memory");
    return crlf;
}
