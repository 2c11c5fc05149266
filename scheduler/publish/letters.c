/* iss - the printable letter of a child's week: plain words, large type,
 * a day-by-day list, changes, the month ahead, clean on A4.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * A letter says nothing a child would not want seen: no "order", "court"
 * or the like (the session types' child_title, the places and the
 * letterhead are checked neutral when team.json is loaded), only first
 * names, never a case id. The service is named only by its letterhead
 * (team.json "letterhead"), never by its "service". docs/letters.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/complletters.h"
#include "iss/publish.h"

/* "Monday 23 November" (with the year when with_year). */
static void long_date(struct iss_buf *b, iss_date d, bool with_year)
{
    int y, m, dd;

    iss_date_to_ymd(d, &y, &m, &dd);
    iss_buf_put(b, "%s %d %s", iss_weekday_word(iss_weekday(d)), dd,
                iss_month_word(m));
    if (with_year)
        iss_buf_put(b, " %d", y);
}

/* "Appointment with Sam" for a stored session. */
static void what(struct iss_buf *b, const struct iss_workspace *ws,
                 const struct iss_stored_session *s)
{
    int ty = iss_team_type_index(&ws->team, s->type), k, named = 0;

    iss_buf_html(b, ty >= 0 ? ws->team.types[ty].child_title : "Appointment");
    for (k = 0; k < s->n_staff; k++) {
        int st;
        if (s->staff[k].cancelled)
            continue;
        st = iss_team_staff_index(&ws->team, s->staff[k].staff);
        if (st < 0)
            continue;
        iss_buf_put(b, "%s", named++ ? " and " : " with ");
        iss_buf_html(b, ws->team.staff[st].first_name);
    }
}

static const struct iss_place *place_of(const struct iss_workspace *ws,
                                        const struct iss_stored_session *s)
{
    int p = s->place[0] ? iss_team_place_index(&ws->team, s->place) : -1;

    return p >= 0 ? &ws->team.places[p] : NULL;
}

/* ", Millbrook Centre" when the session has a place (", Home visit"
 * reads right too, where " at" would not). */
static void where(struct iss_buf *b, const struct iss_workspace *ws,
                  const struct iss_stored_session *s)
{
    const struct iss_place *pl = place_of(ws, s);

    if (pl == NULL)
        return;
    iss_buf_put(b, ", ");
    iss_buf_html(b, pl->name);
}

static void times(struct iss_buf *b, const struct iss_stored_session *s)
{
    char a[6], c[6];

    iss_buf_put(b, "%s to %s", iss_clock_format(s->start, a),
                iss_clock_format(s->end, c));
}

/* The labels of what changed since the child was first told:
 * "(new time, new worker, new place)", "(added)", "(changed)". */
static void labels(struct iss_buf *b, const struct iss_stored_session *s)
{
    const char *l[5];
    int k = 0, i;

    if (s->changes & ISS_CHANGED_ADDED) {
        l[k++] = "added";
    } else {
        if (s->changes & ISS_CHANGED_TIME)
            l[k++] = "new time";
        if (s->changes & ISS_CHANGED_STAFF)
            l[k++] = "new worker";
        if (s->changes & ISS_CHANGED_PLACE)
            l[k++] = "new place";
        if ((s->changes & ISS_CHANGED_TYPE) && k == 0)
            l[k++] = "changed";
    }
    if (k == 0)
        return;
    iss_buf_put(b, " <span class=\"changed\">(");
    for (i = 0; i < k; i++)
        iss_buf_put(b, "%s%s", i ? ", " : "", l[i]);
    iss_buf_put(b, ")</span>");
}

/* "3 December 2026" */
static void plain_date(struct iss_buf *b, iss_date d)
{
    int y, m, dd;

    iss_date_to_ymd(d, &y, &m, &dd);
    iss_buf_put(b, "%d %s %d", dd, iss_month_word(m), y);
}

/* The letter's date: the day its contents were last decided (the latest
 * change of any session it shows or no longer shows), so that writing
 * the same letter again gives the same file. */
static iss_date letter_date(const struct iss_stored_session *week,
                            size_t n_week,
                            const struct iss_stored_session *ahead,
                            size_t n_ahead, iss_date monday)
{
    int64_t t = 0;
    size_t i;
    iss_date d;
    int minute;

    for (i = 0; i < n_week; i++)
        if (week[i].last_change > t)
            t = week[i].last_change;
    for (i = 0; i < n_ahead; i++)
        if (ahead[i].last_change > t)
            t = ahead[i].last_change;
    if (t == 0)
        return monday;
    iss_utc_to_local(t, &d, &minute);
    return d;
}

static void letterhead(struct iss_buf *b, const struct iss_team *t)
{
    const struct iss_letterhead *lh = &t->letterhead;

    if (lh->name == NULL)
        return;
    iss_buf_put(b, "<div class=\"head\">\n<p class=\"letterhead\"><strong>");
    iss_buf_html(b, lh->name);
    iss_buf_put(b, "</strong><br>\n");
    iss_buf_html(b, lh->address);
    iss_buf_put(b, "<br>\nPhone: ");
    iss_buf_html(b, lh->phone);
    if (lh->email[0]) {
        iss_buf_put(b, "<br>\nEmail: ");
        iss_buf_html(b, lh->email);
    }
    if (lh->opening_hours[0]) {
        iss_buf_put(b, "<br>\nOpen: ");
        iss_buf_html(b, lh->opening_hours);
    }
    iss_buf_put(b, "</p>\n</div>\n");
}

/* The bank holidays on weekdays from the letter's date (from) to the
 * first working day after its last appointment (last): the day the child
 * would phone about it. "The office is closed on Fri 25 Dec and Mon 28
 * Dec, but appointments on those days still go ahead. " (docs/letters.md). */
static void office_closed(struct iss_buf *b, const struct iss_workspace *ws,
                          iss_date from, iss_date last)
{
    const struct iss_policy *pol = &ws->team.policy;
    iss_date d, end = last + 1, days[16];
    int n = 0, k, y, m, dd;

    while (end < last + 15 &&
           !iss_is_working_day(ws->holidays, pol->christmas_eve_working,
                               end))
        end++;
    for (d = from; d <= end && d < from + 62 && n < 16; d++)
        if (iss_weekday(d) < 5 && iss_is_bank_holiday(ws->holidays, d, NULL))
            days[n++] = d;
    if (n == 0)
        return;
    iss_buf_put(b, "The office is closed on ");
    for (k = 0; k < n; k++) {
        iss_date_to_ymd(days[k], &y, &m, &dd);
        iss_buf_put(b, "%s%s %d %s", k == 0 ? "" : k == n - 1 ? " and " : ", ",
                    iss_weekday_title(iss_weekday(days[k])), dd,
                    iss_month_title(m));
    }
    /* The child must not read it as "no appointment that day". */
    iss_buf_put(b, ", but appointments on %s still go ahead. ",
                n == 1 ? "that day" : "those days");
}

/* What to do when the child cannot come; the office's closed days from
 * the letter's date (from) to its last appointment (last). */
static void cannot_come(struct iss_buf *b, const struct iss_workspace *ws,
                        const struct iss_case *c, bool copy, iss_date from,
                        iss_date last)
{
    const struct iss_letterhead *lh = &ws->team.letterhead;
    const char *kw = c->key_worker >= 0
                         ? ws->team.staff[c->key_worker].first_name
                         : NULL;

    iss_buf_put(b, "<h2>If %s cannot come</h2>\n<p>", copy ? "they" : "you");
    if (lh->name != NULL) {
        iss_buf_put(b, "Phone us on <strong>");
        iss_buf_html(b, lh->phone);
        iss_buf_put(b, "</strong>");
        if (lh->opening_hours[0]) {
            iss_buf_put(b, " (");
            iss_buf_html(b, lh->opening_hours);
            iss_buf_put(b, ")");
        }
        iss_buf_put(
            b, " before the appointment if you can, or as soon as you can "
               "after it. ");
        if (lh->opening_hours[0])
            office_closed(b, ws, from, last);
        if (lh->email[0]) {
            iss_buf_put(b, "You can also email ");
            iss_buf_html(b, lh->email);
            iss_buf_put(b, ". ");
        }
    } else {
        iss_buf_put(b,
                    "Tell %s worker before the appointment if you can, or as "
                    "soon as you can after it. ",
                    copy ? "their" : "your");
    }
    iss_buf_put(b,
                "Say why, for example if %s ill, and we will find a new time. "
                "If there is a doctor's note or a letter, please bring it to "
                "the next appointment.",
                copy ? "they are" : "you are");
    if (kw != NULL) {
        iss_buf_put(b, "</p>\n<p class=\"keyworker\">%s key worker is ",
                    copy ? "Their" : "Your");
        iss_buf_html(b, kw);
        iss_buf_put(b, ".");
    }
    iss_buf_put(b, "</p>\n");
}

/* "Where to go": the address of each place the week and the month ahead
 * use that has one, once. */
static void places(struct iss_buf *b, const struct iss_workspace *ws,
                   const struct iss_stored_session *week, size_t n_week,
                   const struct iss_stored_session *ahead, size_t n_ahead)
{
    size_t p, i;
    int shown = 0;

    for (p = 0; p < ws->team.n_places; p++) {
        const struct iss_place *pl = &ws->team.places[p];
        bool used = false;
        if (!pl->address[0])
            continue;
        for (i = 0; i < n_week && !used; i++)
            used = !week[i].cancelled && strcmp(week[i].place, pl->id) == 0;
        for (i = 0; i < n_ahead && !used; i++)
            used = !ahead[i].cancelled && strcmp(ahead[i].place, pl->id) == 0;
        if (!used)
            continue;
        if (shown++ == 0)
            iss_buf_put(b, "<h2>Where to go</h2>\n<ul class=\"places\">\n");
        iss_buf_put(b, "<li><strong>");
        iss_buf_html(b, pl->name);
        iss_buf_put(b, "</strong>: ");
        iss_buf_html(b, pl->address);
        iss_buf_put(b, "</li>\n");
    }
    if (shown > 0)
        iss_buf_put(b, "</ul>\n");
}

char *iss_letter_html(const struct iss_workspace *ws, int kase,
                      iss_date monday, const struct iss_stored_session *week,
                      size_t n_week, const struct iss_stored_session *ahead,
                      size_t n_ahead, iss_date today, bool carer_copy)
{
    const struct iss_case *c = &ws->cases[kase];
    struct iss_buf b = ISS_BUF_INIT;
    size_t i;
    int d, n_cancelled = 0, shown = 0;
    bool under16 = iss_age_on(c->date_of_birth, monday) < 16;
    const char *child = c->feed_name[0] ? c->feed_name : NULL;

    (void)today;
    iss_buf_put(&b,
                "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
                "<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, "
                "initial-scale=1\">\n<title>%s: week of ",
                carer_copy ? "Appointments (copy)" : "Your appointments");
    long_date(&b, monday, true);
    iss_buf_put(
        &b, "</title>\n<style>\n"
            "@page { size: A4; margin: 14mm 16mm; }\n"
            "html { background: #fff; }\n"
            "body { font-family: \"DejaVu Sans\", Verdana, Arial, "
            "sans-serif; font-size: 14pt; line-height: 1.35; color: #000; "
            "max-width: 178mm; margin: 10mm auto; padding: 0 6mm; }\n"
            ".head { text-align: right; font-size: 11pt; line-height: 1.3; "
            "margin: 0 0 6pt; }\n"
            ".head p { margin: 0; }\n"
            ".date { margin: 0 0 8pt; }\n"
            "h1 { font-size: 22pt; margin: 0 0 8pt; }\n"
            "h2 { font-size: 17pt; margin: 14pt 0 6pt; border-bottom: 2pt "
            "solid #000; }\n"
            ".day { break-inside: avoid; page-break-inside: avoid; "
            "margin: 0 0 6pt; }\n"
            ".day h3 { font-size: 15pt; margin: 0 0 1pt; }\n"
            "p { margin: 0 0 6pt; }\n"
            "ul { margin: 0; padding-left: 1.3em; }\n"
            "li { margin: 1pt 0; }\n"
            ".none { color: #333; font-style: italic; margin: 0; }\n"
            ".changed { font-weight: bold; }\n"
            ".copy { margin-top: 14pt; font-size: 12pt; }\n"
            "@media print { body { margin: 0 auto; padding: 0; } }\n"
            "</style>\n</head>\n<body>\n");
    letterhead(&b, &ws->team);
    iss_buf_put(&b, "<p class=\"date\">");
    plain_date(&b, letter_date(week, n_week, ahead, n_ahead, monday));
    iss_buf_put(&b, "</p>\n<h1>%s</h1>\n",
                carer_copy ? "Appointments: a copy for you"
                           : "Your appointments");
    iss_buf_put(&b, "<p>Dear ");
    if (carer_copy)
        iss_buf_html(&b, c->carer.address_as);
    else
        iss_buf_html(&b, child != NULL ? child : "you");
    iss_buf_put(&b, ",</p>\n");
    if (carer_copy) {
        iss_buf_put(&b, "<p>This is a copy of the letter we have sent to ");
        iss_buf_html(&b, child != NULL ? child : "your child");
        iss_buf_put(&b, " about their appointments for the week of ");
        long_date(&b, monday, true);
        iss_buf_put(&b, ". Please help them to be there on time.</p>\n");
    } else {
        iss_buf_put(&b, "<p>These are your appointments for the week of ");
        long_date(&b, monday, true);
        iss_buf_put(&b, ". Please be there on time.</p>\n");
    }
    iss_buf_put(&b, "<h2>This week</h2>\n");
    for (d = 0; d < 7; d++) {
        iss_date day = monday + d;
        bool any = false;
        iss_buf_put(&b, "<div class=\"day\">\n<h3>");
        long_date(&b, day, false);
        iss_buf_put(&b, "</h3>\n");
        for (i = 0; i < n_week; i++) {
            const struct iss_stored_session *s = &week[i];
            if (s->date != day)
                continue;
            if (s->cancelled) {
                n_cancelled++;
                continue;
            }
            if (!any)
                iss_buf_put(&b, "<ul>\n");
            any = true;
            iss_buf_put(&b, "<li><strong>");
            times(&b, s);
            iss_buf_put(&b, "</strong> ");
            what(&b, ws, s);
            where(&b, ws, s);
            labels(&b, s);
            if (iss_short_notice(&ws->team.policy, s->start_utc,
                                 s->notice_at))
                iss_buf_put(&b,
                            " <span class=\"changed\">(short notice)</span>");
            iss_buf_put(&b, "</li>\n");
        }
        if (any)
            iss_buf_put(&b, "</ul>\n");
        else
            iss_buf_put(&b, "<p class=\"none\">No appointments.</p>\n");
        iss_buf_put(&b, "</div>\n");
    }
    if (n_cancelled > 0) {
        iss_buf_put(&b,
                    "<h2>No longer happening</h2>\n<p>%s not need to come "
                    "to these:</p>\n<ul>\n",
                    carer_copy ? "They do" : "You do");
        for (i = 0; i < n_week; i++) {
            const struct iss_stored_session *s = &week[i];
            if (!s->cancelled)
                continue;
            iss_buf_put(&b, "<li>");
            long_date(&b, s->date, false);
            iss_buf_put(&b, ", ");
            times(&b, s);
            iss_buf_put(&b, ": ");
            what(&b, ws, s);
            where(&b, ws, s);
            iss_buf_put(&b, " <span class=\"changed\">(no longer happening)"
                            "</span></li>\n");
        }
        iss_buf_put(&b, "</ul>\n");
    }
    {
        iss_date last = monday + 6;
        for (i = 0; i < n_ahead; i++)
            if (!ahead[i].cancelled && ahead[i].date > last)
                last = ahead[i].date;
        cannot_come(&b, ws, c, carer_copy,
                    letter_date(week, n_week, ahead, n_ahead, monday), last);
    }
    iss_buf_put(&b, "<h2>The month ahead</h2>\n");
    for (i = 0; i < n_ahead; i++) {
        const struct iss_stored_session *s = &ahead[i];
        if (s->cancelled)
            continue;
        if (shown++ == 0)
            iss_buf_put(&b, "<ul>\n");
        iss_buf_put(&b, "<li>");
        long_date(&b, s->date, false);
        iss_buf_put(&b, ", ");
        times(&b, s);
        iss_buf_put(&b, ": ");
        what(&b, ws, s);
        where(&b, ws, s);
        labels(&b, s);
        iss_buf_put(&b, "</li>\n");
    }
    if (shown > 0)
        iss_buf_put(&b, "</ul>\n");
    else
        iss_buf_put(&b,
                    "<p class=\"none\">Nothing is booked after this week yet. "
                    "You will get a new letter when it is.</p>\n");
    places(&b, ws, week, n_week, ahead, n_ahead);
    if (under16 && !carer_copy) {
        if (c->carer.name != NULL) {
            iss_buf_put(&b, "<p class=\"copy\">Copy to ");
            iss_buf_html(&b, c->carer.name);
            iss_buf_put(&b, " (parent or carer).</p>\n");
        } else {
            iss_buf_put(&b,
                        "<p class=\"copy\">Copy to parent or carer.</p>\n");
        }
    }
    iss_buf_put(&b, "</body>\n</html>\n");
    return iss_buf_done(&b);
}

/* ---- compliance letters (docs/letters.md, "Compliance letters") ---- */

static const char *const ordinals[] = {"first",   "second", "third",
                                       "fourth",  "fifth",  "sixth",
                                       "seventh", "eighth", "ninth",
                                       "tenth"};

static const char *ordinal(int n)
{
    return n >= 1 && n <= 10 ? ordinals[n - 1] : "next";
}

/* "Thursday 26 November 2026, 16:00 to 17:00: Meeting with Isla,
 * Millbrook Centre" */
static void appointment(struct iss_buf *b, const struct iss_workspace *ws,
                        const struct iss_stored_session *s)
{
    iss_buf_put(b, "<strong>");
    long_date(b, s->date, true);
    iss_buf_put(b, ", ");
    times(b, s);
    iss_buf_put(b, "</strong>: ");
    what(b, ws, s);
    where(b, ws, s);
}

static void compliance_title(struct iss_buf *b, const struct iss_action *a,
                             const struct iss_policy *pol)
{
    if (a->kind == ISS_ACTION_BREACH)
        iss_buf_put(b, "Final notice about missed appointments");
    else if (a->number == 0)
        iss_buf_put(b, "A note about a missed appointment");
    else if (pol->warnings_before_breach > 1)
        iss_buf_put(b, "Your %s formal letter about missed appointments",
                    ordinal(a->number));
    else
        iss_buf_put(b, "A formal letter about a missed appointment");
}

/* The child's letter itself, from "Dear" to the copy line. */
static void compliance_body(struct iss_buf *b, const struct iss_workspace *ws,
                            const struct iss_case *c,
                            const struct iss_compliance_letter *l)
{
    const struct iss_action *a = l->action;
    const struct iss_policy *pol = &ws->team.policy;
    const struct iss_letterhead *lh = &ws->team.letterhead;
    const char *child = c->feed_name[0] ? c->feed_name : "you";
    const char *kw = c->key_worker >= 0
                         ? ws->team.staff[c->key_worker].first_name
                         : NULL;
    int left = pol->warnings_before_breach - a->number, i;

    iss_buf_put(b, "<p>Dear ");
    iss_buf_html(b, child);
    iss_buf_put(b, ",</p>\n<p class=\"missed\">");
    /* What happened: the appointment, as the child's letter gave it. */
    if (l->missed != NULL) {
        iss_buf_put(b, "You %s your appointment on ",
                    l->missed_partial ? "left" : "did not come to");
        long_date(b, l->missed->date, true);
        iss_buf_put(b, " at %s (",
                    iss_clock_format(l->missed->start, (char[6]){0}));
        what(b, ws, l->missed);
        where(b, ws, l->missed);
        iss_buf_put(b, ")%s.", l->missed_partial ? " before the end" : "");
    } else {
        iss_buf_put(b, "You missed an appointment on ");
        long_date(b, a->trigger, true);
        iss_buf_put(b, ".");
    }
    iss_buf_put(b, " We have not been given a good reason for this, such as "
                   "being ill.</p>\n");
    if (a->also_failures > 0)
        iss_buf_put(b,
                    "<p>Since then, you have missed %d more appointment%s "
                    "without a good reason.</p>\n",
                    a->also_failures, a->also_failures == 1 ? "" : "s");

    if (a->kind == ISS_ACTION_BREACH) {
        iss_buf_put(
            b,
            "<p>We have already sent you %d formal letter%s about "
            "missed appointments",
            l->n_given > 0 ? l->n_given : pol->warnings_before_breach,
            (l->n_given > 0 ? l->n_given : pol->warnings_before_breach) == 1
                ? ""
                : "s");
        for (i = 0; i < l->n_given; i++) {
            iss_buf_put(b, "%s",
                        i == 0                ? ", on "
                        : i + 1 == l->n_given ? " and "
                                              : ", ");
            plain_date(b, l->given[i]);
        }
        iss_buf_put(
            b, ".</p>\n<p>Because of this, we now have to decide whether "
               "to ask the magistrates to look at your case again. We will "
               "write to you to tell you what we decide.</p>\n"
               "<p>Please keep coming to all your appointments while we "
               "decide.</p>\n");
    } else if (a->number == 0) {
        iss_buf_put(b,
                    "<p>Your worker will talk to you about this, if they have "
                    "not already. This note is a record of it.</p>\n"
                    "<p>Coming to every appointment on time is one of the "
                    "conditions you have to keep to. If you miss another "
                    "appointment without a good reason, we will send you a "
                    "formal letter about it.</p>\n");
    } else {
        iss_buf_put(b,
                    "<p>Coming to every appointment on time is one of the "
                    "conditions you have to keep to. This is formal letter "
                    "number %d. It counts for %d months.</p>\n<p>",
                    a->number, pol->warning_period_months);
        if (left > 0)
            iss_buf_put(
                b,
                "If you miss another appointment without a good reason "
                "in that time, you will get formal letter number %d. "
                "After %d formal letters, if you miss one more, we may "
                "have to ask the magistrates to look at your case "
                "again.</p>\n",
                a->number + 1, pol->warnings_before_breach);
        else
            iss_buf_put(
                b, "If you miss another appointment without a good reason "
                   "in that time, we may have to ask the magistrates to "
                   "look at your case again.</p>\n");
    }

    if (l->meeting) {
        iss_buf_put(b,
                    "<h2>Meeting with a manager</h2>\n<p>We want to meet you "
                    "with a manager, to talk about what will help you come to "
                    "your appointments.</p>\n<p class=\"meeting\">");
        if (l->meeting_session != NULL) {
            iss_buf_put(b, "The meeting is on ");
            appointment(b, ws, l->meeting_session);
            iss_buf_put(b, ". Please come.");
        } else {
            iss_buf_put(b,
                        "We will write to you with the date and time of the "
                        "meeting. It will be on or before ");
            long_date(b, l->meeting_due, true);
            iss_buf_put(b, ".");
        }
        iss_buf_put(b, "</p>\n");
    }

    iss_buf_put(b, "<h2>Your next appointment</h2>\n<p class=\"next\">");
    if (l->next != NULL) {
        appointment(b, ws, l->next);
        iss_buf_put(b, ". Please be there on time.");
    } else {
        iss_buf_put(b,
                    "Your next appointments are not booked yet. We will send "
                    "you a letter with them.");
    }
    iss_buf_put(b, "</p>\n");

    cannot_come(b, ws, c, false, l->date,
                l->next != NULL ? l->next->date : l->date);
    iss_buf_put(
        b, "<h2>Talk to us</h2>\n<p>If you think something in this letter "
           "is wrong, or you want to talk about it, ");
    if (lh->name != NULL) {
        iss_buf_put(b, "phone us on ");
        iss_buf_html(b, lh->phone);
        iss_buf_put(b, kw != NULL ? " or talk to " : ".");
    } else {
        iss_buf_put(b, kw != NULL ? "talk to " : "talk to your worker.");
    }
    if (kw != NULL) {
        iss_buf_html(b, kw);
        iss_buf_put(b, ", your key worker.");
    }
    iss_buf_put(b, " We will listen.</p>\n");
    if (iss_age_on(c->date_of_birth, a->trigger) < 16) {
        if (c->carer.name != NULL) {
            iss_buf_put(b, "<p class=\"copy\">Copy to ");
            iss_buf_html(b, c->carer.name);
            iss_buf_put(b, " (parent or carer).</p>\n");
        } else {
            iss_buf_put(b, "<p class=\"copy\">Copy to parent or carer.</p>\n");
        }
    }
}

char *iss_compliance_letter_html(const struct iss_workspace *ws, int kase,
                                 const struct iss_compliance_letter *l,
                                 bool carer_copy)
{
    const struct iss_case *c = &ws->cases[kase];
    struct iss_buf b = ISS_BUF_INIT;
    const char *child = c->feed_name[0] ? c->feed_name : NULL;

    iss_buf_put(&b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
                    "<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, "
                    "initial-scale=1\">\n<title>");
    compliance_title(&b, l->action, &ws->team.policy);
    iss_buf_put(
        &b,
        "%s</title>\n<style>\n"
        "@page { size: A4; margin: 14mm 16mm; }\n"
        "html { background: #fff; }\n"
        "body { font-family: \"DejaVu Sans\", Verdana, Arial, "
        "sans-serif; font-size: 14pt; line-height: 1.35; color: #000; "
        "max-width: 178mm; margin: 10mm auto; padding: 0 6mm; }\n"
        ".head { text-align: right; font-size: 11pt; line-height: 1.3; "
        "margin: 0 0 6pt; }\n"
        ".head p { margin: 0; }\n"
        ".date { margin: 0 0 8pt; }\n"
        "h1 { font-size: 20pt; margin: 0 0 8pt; }\n"
        "h2 { font-size: 16pt; margin: 12pt 0 5pt; border-bottom: 2pt "
        "solid #000; }\n"
        "p { margin: 0 0 6pt; }\n"
        ".letter { border-left: 3pt solid #000; padding-left: 8pt; "
        "margin-top: 10pt; }\n"
        ".copy { margin-top: 12pt; font-size: 12pt; }\n"
        "@media print { body { margin: 0 auto; padding: 0; } }\n"
        "</style>\n</head>\n<body>\n",
        carer_copy ? " (copy)" : "");
    letterhead(&b, &ws->team);
    iss_buf_put(&b, "<p class=\"date\">");
    plain_date(&b, l->date);
    iss_buf_put(&b, "</p>\n<h1>");
    compliance_title(&b, l->action, &ws->team.policy);
    iss_buf_put(&b, "</h1>\n");
    if (carer_copy) {
        iss_buf_put(&b, "<p>Dear ");
        iss_buf_html(&b, c->carer.address_as);
        iss_buf_put(
            &b, ",</p>\n<p class=\"copynote\">This is a copy of the letter "
                "we have sent to ");
        iss_buf_html(&b, child != NULL ? child : "your child");
        iss_buf_put(&b,
                    ". Please talk to them about it, and help them to come to "
                    "every appointment. If you have any questions, ");
        if (ws->team.letterhead.name != NULL) {
            iss_buf_put(&b, "phone us on ");
            iss_buf_html(&b, ws->team.letterhead.phone);
            iss_buf_put(&b, ".");
        } else {
            iss_buf_put(&b, "talk to their worker.");
        }
        iss_buf_put(&b, "</p>\n<div class=\"letter\">\n");
    }
    compliance_body(&b, ws, c, l);
    if (carer_copy)
        iss_buf_put(&b, "</div>\n");
    iss_buf_put(&b, "</body>\n</html>\n");
    return iss_buf_done(&b);
}
