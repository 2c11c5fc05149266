/* icalcheck - an independent libical check of one published .ics feed.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 *   icalcheck FILE.ics
 *
 * Fails (exit 1, a message on stderr) when the file breaks a rule of
 * shared/docs/ICALENDAR.md that libical can see:
 *   - octets: a BOM, a line not ended by CRLF (or a bare CR), a line over
 *     75 octets, invalid UTF-8, a fold inside a UTF-8 character;
 *   - structure: not exactly one VCALENDAR, any X-LIC-ERROR (from parsing,
 *     or from icalrestriction_check run on a clone: the check writes
 *     X-LIC-ERROR into what it checks), not exactly one PRODID, one
 *     VERSION:2.0 and one CALSCALE, METHOD present, SOURCE or URL anywhere;
 *   - events: a floating DTSTART/DTEND (no Z and no TZID, or a DATE), a TZID
 *     without its VTIMEZONE, a Z on a TZID time, DTEND missing or not after
 *     DTSTART, DURATION with DTEND, no UID or DTSTAMP.
 * Otherwise prints one line per VEVENT, in file order:
 *   UID START_EPOCH END_EPOCH STATUS SEQUENCE
 * (STATUS as written, NONE when absent; SEQUENCE NONE when absent) and
 * exits 0. Exit 2: usage or the file cannot be read.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

static const char *file_name;
static int failures;

static void bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void bad(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "icalcheck: %s: ", file_name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    failures++;
}

/* The whole file, NUL-terminated; *len its length. NULL on error. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL, *nb;
    size_t cap = 0, n = 0, got;

    if (f == NULL)
        return NULL;
    for (;;) {
        if (cap - n < 4096) {
            cap = cap ? cap * 2 : 65536;
            nb = realloc(buf, cap + 1);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Length of the valid UTF-8 sequence at s (at most n octets), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t k, need;
    unsigned long cp;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        need = 2;
        cp = s[0] & 0x1F;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        need = 3;
        cp = s[0] & 0x0F;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        need = 4;
        cp = s[0] & 0x07;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    for (k = 1; k < need; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if ((need == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return need;
}

/* The octet-level rules: BOM, CRLF, 75 octets, UTF-8, folds. */
static void check_octets(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, line = 1, start = 0, k;

    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        bad("starts with a byte order mark");
    if (len == 0) {
        bad("empty file");
        return;
    }
    if (memchr(text, '\0', len) != NULL)
        bad("holds a NUL octet");
    while (i < len) {
        if (s[i] == '\r' || s[i] == '\n') {
            if (s[i] == '\n')
                bad("line %zu ends with LF, not CRLF", line);
            else if (i + 1 >= len || s[i + 1] != '\n')
                bad("line %zu has a bare CR", line);
            if (i - start > 75)
                bad("line %zu is over 75 octets (%zu)", line, i - start);
            /* A fold (CRLF then a space or tab) must not split a
             * character: the next line's first octet after the space
             * would then be a UTF-8 continuation octet. */
            if (s[i] == '\r' && i + 3 < len && s[i + 1] == '\n' &&
                (s[i + 2] == ' ' || s[i + 2] == '\t') &&
                (s[i + 3] & 0xC0) == 0x80)
                bad("the fold after line %zu splits a UTF-8 character",
                    line);
            i += (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
            start = i;
            line++;
            continue;
        }
        k = utf8_len(s + i, len - i);
        if (k == 0) {
            /* A character split by a fold is reported above; any other
             * invalid octet is reported here. */
            bad("line %zu is not valid UTF-8", line);
            k = 1;
        }
        i += k;
    }
    if (start != len)
        bad("the last line (%zu) has no CRLF", line);
}

static int count_x_lic_errors(icalcomponent *c)
{
    icalproperty *p;
    icalcomponent *sub;
    int n = 0;

    for (p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
         p != NULL;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
        char *v = icalproperty_get_value_as_string_r(p);
        bad("X-LIC-ERROR in %s: %s",
            icalcomponent_kind_to_string(icalcomponent_isa(c)),
            v ? v : "?");
        free(v);
        n++;
    }
    for (sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
         sub != NULL;
         sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        n += count_x_lic_errors(sub);
    return n;
}

/* SOURCE or URL anywhere in the tree. */
static void no_address(icalcomponent *c)
{
    icalcomponent *sub;

    if (icalcomponent_get_first_property(c, ICAL_SOURCE_PROPERTY) != NULL)
        bad("SOURCE in %s (it would copy the secret feed address)",
            icalcomponent_kind_to_string(icalcomponent_isa(c)));
    if (icalcomponent_get_first_property(c, ICAL_URL_PROPERTY) != NULL)
        bad("URL in %s (it would copy the secret feed address)",
            icalcomponent_kind_to_string(icalcomponent_isa(c)));
    for (sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
         sub != NULL;
         sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        no_address(sub);
}

static int count_props(icalcomponent *c, icalproperty_kind k)
{
    return icalcomponent_count_properties(c, k);
}

/* One DTSTART or DTEND: its instant in *t. 0 on success. */
static int instant(icalcomponent *cal, icalproperty *p, const char *uid,
                   time_t *t)
{
    const char *what = icalproperty_kind_to_string(icalproperty_isa(p));
    icalparameter *tzp = icalproperty_get_first_parameter(p,
                                                          ICAL_TZID_PARAMETER);
    struct icaltimetype v = icalvalue_get_datetime(icalproperty_get_value(p));
    icaltimezone *zone;

    if (icaltime_is_null_time(v) || !icaltime_is_valid_time(v)) {
        bad("%s: %s is not a valid date-time", uid, what);
        return -1;
    }
    if (v.is_date) {
        bad("%s: %s is a DATE (floating)", uid, what);
        return -1;
    }
    if (tzp != NULL) {
        const char *tzid = icalparameter_get_tzid(tzp);
        if (icaltime_is_utc(v)) {
            bad("%s: %s has a TZID and a Z", uid, what);
            return -1;
        }
        zone = icalcomponent_get_timezone(cal, tzid);
        if (zone == NULL) {
            bad("%s: %s: TZID %s has no VTIMEZONE in the file", uid, what,
                tzid ? tzid : "?");
            return -1;
        }
        *t = icaltime_as_timet_with_zone(v, zone);
        return 0;
    }
    if (!icaltime_is_utc(v)) {
        bad("%s: %s is floating (no Z, no TZID)", uid, what);
        return -1;
    }
    *t = icaltime_as_timet_with_zone(v, icaltimezone_get_utc_timezone());
    return 0;
}

static void print_event(icalcomponent *cal, icalcomponent *ev)
{
    icalproperty *uidp = icalcomponent_get_first_property(ev,
                                                          ICAL_UID_PROPERTY);
    icalproperty *st = icalcomponent_get_first_property(ev,
                                                        ICAL_DTSTART_PROPERTY);
    icalproperty *en = icalcomponent_get_first_property(ev,
                                                        ICAL_DTEND_PROPERTY);
    icalproperty *sp = icalcomponent_get_first_property(ev,
                                                        ICAL_STATUS_PROPERTY);
    icalproperty *qp = icalcomponent_get_first_property(ev,
                                                        ICAL_SEQUENCE_PROPERTY);
    const char *uid = uidp ? icalproperty_get_uid(uidp) : NULL;
    time_t t0 = 0, t1 = 0;
    int ok = 1;

    if (uid == NULL || uid[0] == '\0') {
        bad("a VEVENT has no UID");
        return;
    }
    if (strchr(uid, ' ') != NULL)
        bad("UID %s has a space", uid);
    if (count_props(ev, ICAL_DTSTAMP_PROPERTY) != 1)
        bad("%s: not exactly one DTSTAMP", uid);
    if (count_props(ev, ICAL_DTSTART_PROPERTY) != 1 ||
        count_props(ev, ICAL_DTEND_PROPERTY) != 1) {
        bad("%s: not exactly one DTSTART and one DTEND", uid);
        return;
    }
    if (icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY) != NULL)
        bad("%s: DURATION as well as DTEND", uid);
    if (instant(cal, st, uid, &t0) != 0)
        ok = 0;
    if (instant(cal, en, uid, &t1) != 0)
        ok = 0;
    if (!ok)
        return;
    if (t1 <= t0)
        bad("%s: DTEND is not after DTSTART", uid);
    printf("%s %lld %lld %s ", uid, (long long)t0, (long long)t1,
           sp ? icalproperty_status_to_string(icalproperty_get_status(sp))
              : "NONE");
    if (qp != NULL)
        printf("%d\n", icalproperty_get_sequence(qp));
    else
        printf("NONE\n");
}

int main(int argc, char **argv)
{
    char *text;
    size_t len = 0;
    icalcomponent *root, *cal, *clone, *ev;
    icalproperty *p;

    if (argc != 2) {
        fprintf(stderr, "usage: icalcheck FILE.ics\n");
        return 2;
    }
    file_name = argv[1];
    text = slurp(file_name, &len);
    if (text == NULL) {
        perror(file_name);
        return 2;
    }
    icalerror_set_errors_are_fatal(0);
    check_octets(text, len);

    root = icalparser_parse_string(text);
    free(text);
    if (root == NULL) {
        bad("libical parsed nothing");
        goto done;
    }
    if (icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
        int n = icalcomponent_count_components(root,
                                               ICAL_VCALENDAR_COMPONENT);
        bad("not exactly one VCALENDAR (%s at the top, %d calendars)",
            icalcomponent_kind_to_string(icalcomponent_isa(root)), n);
        icalcomponent_free(root);
        goto done;
    }
    cal = root;

    /* Parse errors are in the tree already; the restriction check adds
     * its own to what it checks, so check a clone. */
    clone = icalcomponent_new_clone(cal);
    if (clone == NULL) {
        bad("cannot clone the calendar");
    } else {
        icalrestriction_check(clone);
        count_x_lic_errors(clone);
        icalcomponent_free(clone);
    }

    if (count_props(cal, ICAL_PRODID_PROPERTY) != 1)
        bad("not exactly one PRODID");
    if (count_props(cal, ICAL_VERSION_PROPERTY) != 1)
        bad("not exactly one VERSION");
    p = icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY);
    if (p != NULL && strcmp(icalproperty_get_version(p), "2.0") != 0)
        bad("VERSION is %s, not 2.0", icalproperty_get_version(p));
    if (count_props(cal, ICAL_CALSCALE_PROPERTY) != 1)
        bad("not exactly one CALSCALE");
    p = icalcomponent_get_first_property(cal, ICAL_CALSCALE_PROPERTY);
    if (p != NULL && strcmp(icalproperty_get_calscale(p), "GREGORIAN") != 0)
        bad("CALSCALE is %s, not GREGORIAN", icalproperty_get_calscale(p));
    if (icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY) != NULL)
        bad("METHOD present (a subscribed feed has none)");
    no_address(cal);

    for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
         ev != NULL;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
        print_event(cal, ev);
    icalcomponent_free(cal);

done:
    icaltimezone_free_builtin_timezones();
    icalmemory_free_ring();
    if (failures > 0) {
        fprintf(stderr, "icalcheck: %s: %d problem(s)\n", file_name,
                failures);
        return 1;
    }
    return 0;
}
