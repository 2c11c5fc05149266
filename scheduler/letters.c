/* iss - the printable letter of a child's week: plain words, large type,
 * a day-by-day list, changes, the month ahead, clean on A4.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * A letter says nothing a child would not want seen: no service name, no
 * "order", "court" or the like (the session types' child_title is checked
 * neutral when team.json is loaded), only first names.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "iss/publish.h"

struct buf {
    char *s;
    size_t len, cap;
    bool failed;
};

static void put(struct buf *b, const char *fmt, ...) ISS_PRINTF(2, 3);

static void put(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (b->failed)
        return;
    for (;;) {
        size_t room = b->cap - b->len;
        va_start(ap, fmt);
        n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? room : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->failed = true;
            return;
        }
        if (b->s != NULL && (size_t)n < room) {
            b->len += (size_t)n;
            return;
        }
        {
            size_t ncap = b->cap ? b->cap * 2 : 8192;
            char *ns;
            while (ncap < b->len + (size_t)n + 1)
                ncap *= 2;
            ns = realloc(b->s, ncap);
            if (ns == NULL) {
                b->failed = true;
                return;
            }
            b->s = ns;
            b->cap = ncap;
        }
    }
}

/* Text for HTML: & < > " ' escaped. */
static void esc(struct buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            put(b, "&amp;");
            break;
        case '<':
            put(b, "&lt;");
            break;
        case '>':
            put(b, "&gt;");
            break;
        case '"':
            put(b, "&quot;");
            break;
        case '\'':
            put(b, "&#39;");
            break;
        default:
            put(b, "%c", *s);
        }
    }
}

static const char *const month_names[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
static const char *const day_names[] = {"Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday",
                                        "Sunday"};

/* "Monday 23 November" (with the year when with_year). */
static void long_date(struct buf *b, iss_date d, bool with_year)
{
    int y, m, dd;

    iss_date_to_ymd(d, &y, &m, &dd);
    put(b, "%s %d %s", day_names[iss_weekday(d)], dd, month_names[m - 1]);
    if (with_year)
        put(b, " %d", y);
}

/* "Appointment with Sam" for a stored session. */
static void what(struct buf *b, const struct iss_workspace *ws,
                 const struct iss_stored_session *s)
{
    int ty = iss_team_type_index(&ws->team, s->type), k, named = 0;

    esc(b, ty >= 0 ? ws->team.types[ty].child_title : "Appointment");
    for (k = 0; k < s->n_staff; k++) {
        int st;
        if (s->staff[k].cancelled)
            continue;
        st = iss_team_staff_index(&ws->team, s->staff[k].staff);
        if (st < 0)
            continue;
        put(b, "%s", named++ ? " and " : " with ");
        esc(b, ws->team.staff[st].first_name);
    }
}

static void times(struct buf *b, const struct iss_stored_session *s)
{
    char a[6], c[6];

    put(b, "%s to %s", iss_clock_format(s->start, a),
        iss_clock_format(s->end, c));
}

char *iss_letter_html(const struct iss_workspace *ws, int kase,
                      iss_date monday, const struct iss_stored_session *week,
                      size_t n_week, const struct iss_stored_session *ahead,
                      size_t n_ahead, iss_date today)
{
    const struct iss_case *c = &ws->cases[kase];
    struct buf b = {NULL, 0, 0, false};
    size_t i;
    int d, n_cancelled = 0, shown = 0;

    (void)today;
    put(&b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
            "<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, "
            "initial-scale=1\">\n<title>Your appointments: week of ");
    long_date(&b, monday, true);
    put(&b, "</title>\n<style>\n"
            "@page { size: A4; margin: 18mm 16mm; }\n"
            "html { background: #fff; }\n"
            "body { font-family: \"DejaVu Sans\", Verdana, Arial, "
            "sans-serif; font-size: 16pt; line-height: 1.45; color: #000; "
            "max-width: 178mm; margin: 12mm auto; padding: 0 6mm; }\n"
            "h1 { font-size: 26pt; margin: 0 0 10pt; }\n"
            "h2 { font-size: 20pt; margin: 22pt 0 8pt; border-bottom: 2pt "
            "solid #000; }\n"
            ".day { break-inside: avoid; page-break-inside: avoid; "
            "margin: 0 0 10pt; }\n"
            ".day h3 { font-size: 17pt; margin: 0 0 2pt; }\n"
            "ul { margin: 0; padding-left: 1.3em; }\n"
            "li { margin: 2pt 0; }\n"
            ".none { color: #333; font-style: italic; }\n"
            ".changed { font-weight: bold; }\n"
            ".copy { margin-top: 24pt; font-size: 14pt; }\n"
            "@media print { body { margin: 0 auto; padding: 0; } }\n"
            "</style>\n</head>\n<body>\n<h1>Your appointments</h1>\n");
    put(&b, "<p>Dear ");
    esc(&b, c->feed_name[0] ? c->feed_name : "you");
    put(&b, ",</p>\n<p>These are your appointments for the week of ");
    long_date(&b, monday, true);
    put(&b, ". Please be there on time. If you cannot make one, tell your "
            "worker as soon as you can.</p>\n<h2>This week</h2>\n");
    for (d = 0; d < 7; d++) {
        iss_date day = monday + d;
        bool any = false;
        put(&b, "<div class=\"day\">\n<h3>");
        long_date(&b, day, false);
        put(&b, "</h3>\n");
        for (i = 0; i < n_week; i++) {
            const struct iss_stored_session *s = &week[i];
            if (s->date != day)
                continue;
            if (s->cancelled) {
                n_cancelled++;
                continue;
            }
            if (!any)
                put(&b, "<ul>\n");
            any = true;
            put(&b, "<li><strong>");
            times(&b, s);
            put(&b, "</strong> ");
            what(&b, ws, s);
            if (s->sequence > 0)
                put(&b, " <span class=\"changed\">(new time)</span>");
            if (iss_short_notice(&ws->team.policy, s->start_utc,
                                 s->notice_at))
                put(&b, " <span class=\"changed\">(short notice)</span>");
            put(&b, "</li>\n");
        }
        if (any)
            put(&b, "</ul>\n");
        else
            put(&b, "<p class=\"none\">No appointments.</p>\n");
        put(&b, "</div>\n");
    }
    if (n_cancelled > 0) {
        put(&b, "<h2>No longer happening</h2>\n<p>You do not need to come "
                "to these:</p>\n<ul>\n");
        for (i = 0; i < n_week; i++) {
            const struct iss_stored_session *s = &week[i];
            if (!s->cancelled)
                continue;
            put(&b, "<li>");
            long_date(&b, s->date, false);
            put(&b, ", ");
            times(&b, s);
            put(&b, ": ");
            what(&b, ws, s);
            put(&b, "</li>\n");
        }
        put(&b, "</ul>\n");
    }
    put(&b, "<h2>The month ahead</h2>\n");
    for (i = 0; i < n_ahead; i++) {
        const struct iss_stored_session *s = &ahead[i];
        if (s->cancelled)
            continue;
        if (shown++ == 0)
            put(&b, "<ul>\n");
        put(&b, "<li>");
        long_date(&b, s->date, false);
        put(&b, ", ");
        times(&b, s);
        put(&b, ": ");
        what(&b, ws, s);
        put(&b, "</li>\n");
    }
    if (shown > 0)
        put(&b, "</ul>\n");
    else
        put(&b, "<p class=\"none\">Nothing is booked after this week yet. "
                "You will get a new letter when it is.</p>\n");
    if (iss_age_on(c->date_of_birth, monday) < 16)
        put(&b, "<p class=\"copy\">Copy to parent or carer.</p>\n");
    put(&b, "</body>\n</html>\n");
    if (b.failed) {
        free(b.s);
        return NULL;
    }
    return b.s;
}
