/* iss - the report as text, JSON, CSV and HTML (with SVG charts drawn
 * here: no script, no network).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/json.h"
#include "iss/team.h"
#include "iss/report.h"

static const char *hours(int minutes, char *buf, size_t size)
{
    return iss_hours_text(minutes, ISS_HOURS_HM, buf, size);
}

/* The causes, in the order of docs/report.md. */
struct cause {
    const char *key;
    const char *label;
    const char *color;
};

static const struct cause causes[] = {
    {"child_absent_unacceptable", "child absent (unacceptable)", "#c62828"},
    {"child_absent_acceptable", "child absent (acceptable)", "#ef8f00"},
    {"service_cancelled", "cancelled by the service", "#6a1b9a"},
    {"service_ended_early", "ended early by the service", "#9c64c4"},
    {"not_planned", "never planned", "#616161"},
    {"not_recorded", "not yet recorded", "#9e9e9e"},
    {"to_come", "still to come", "#cfd8dc"},
};

#define N_CAUSES (int)(sizeof causes / sizeof causes[0])

/* Why days were short of contacts (enum iss_short_cause order). */
static const char *const short_labels[ISS_SHORT_CAUSES] = {
    "child absent (unacceptable)", "child absent (acceptable)",
    "cancelled by the service", "ended early by the service",
    "never planned", "not yet recorded"};

static int cause_value(const struct iss_report_week *w, int k)
{
    switch (k) {
    case 0:
        return w->absent_unacceptable;
    case 1:
        return w->absent_acceptable;
    case 2:
        return w->service_cancelled;
    case 3:
        return w->service_ended_early;
    case 4:
        return w->not_planned;
    case 5:
        return w->not_recorded;
    default:
        return w->to_come;
    }
}

/* "Warning 2", "Verbal warning", "Compliance meeting", "Review 3". */
static const char *action_label(const struct iss_action *a, char *buf,
                                size_t size)
{
    if (a->kind == ISS_ACTION_WARNING && a->number == 0)
        snprintf(buf, size, "Verbal warning");
    else if (a->kind == ISS_ACTION_WARNING || a->kind == ISS_ACTION_REVIEW)
        snprintf(buf, size, "%s %d", iss_action_label(a->kind), a->number);
    else
        snprintf(buf, size, "%s", iss_action_label(a->kind));
    return buf;
}

/* What raised an action, in words. */
static const char *action_after(const struct iss_action *a)
{
    switch (a->kind) {
    case ISS_ACTION_FIRST_CONTACT:
    case ISS_ACTION_PLANNING_MEETING:
        return "the order started";
    case ISS_ACTION_REVIEW:
        return "review of the order";
    default:
        return "the miss of";
    }
}

/* ---- JSON ---- */

char *iss_report_json(const struct iss_report *r,
                      const struct iss_workspace *ws)
{
    cJSON *root = cJSON_CreateObject(), *cases, *actions, *c = NULL;
    char d[ISS_DATE_BUFSZ], lab[64];
    char *text;
    size_t i;
    int last = -1, k;

    if (root == NULL)
        return NULL;
    cJSON_AddStringToObject(root, "from", iss_date_format(r->from, d));
    cJSON_AddStringToObject(root, "to", iss_date_format(r->to, d));
    cJSON_AddStringToObject(root, "today", iss_date_format(r->today, d));
    cases = cJSON_AddArrayToObject(root, "cases");
    for (i = 0; i < r->n_weeks && cases; i++) {
        const struct iss_report_week *w = &r->weeks[i];
        cJSON *weeks, *wk, *sf, *contacts;
        int day;
        if (w->kase != last) {
            c = cJSON_CreateObject();
            if (c == NULL)
                break;
            cJSON_AddItemToArray(cases, c);
            cJSON_AddStringToObject(c, "id", ws->cases[w->kase].id);
            cJSON_AddStringToObject(c, "band",
                                    ws->bands[ws->cases[w->kase].band]->id);
            cJSON_AddArrayToObject(c, "weeks");
            last = w->kase;
        }
        weeks = cJSON_GetObjectItemCaseSensitive(c, "weeks");
        wk = cJSON_CreateObject();
        if (wk == NULL)
            break;
        cJSON_AddItemToArray(weeks, wk);
        cJSON_AddStringToObject(wk, "week", iss_date_format(w->week, d));
        cJSON_AddNumberToObject(wk, "required_minutes", w->required);
        cJSON_AddNumberToObject(wk, "education_minutes_counted",
                                w->education);
        cJSON_AddNumberToObject(wk, "planned_minutes", w->planned);
        cJSON_AddNumberToObject(wk, "delivered_minutes", w->delivered);
        cJSON_AddNumberToObject(wk, "delivered_minutes_total",
                                w->delivered_total);
        sf = cJSON_AddObjectToObject(wk, "shortfall");
        for (k = 0; k < N_CAUSES && sf; k++)
            cJSON_AddNumberToObject(sf, causes[k].key, cause_value(w, k));
        cJSON_AddNumberToObject(wk, "education_minutes_planned",
                                w->education_planned);
        cJSON_AddNumberToObject(wk, "education_minutes_missed",
                                w->education_missed);
        cJSON_AddNumberToObject(wk, "days_contacts_short",
                                w->days_contacts_short);
        {
            cJSON *by = cJSON_AddObjectToObject(wk,
                                                "days_contacts_short_by_cause");
            for (k = 0; k < ISS_SHORT_CAUSES && by; k++)
                cJSON_AddNumberToObject(
                    by, iss_short_cause_name((enum iss_short_cause)k),
                    w->days_short[k]);
        }
        contacts = cJSON_AddObjectToObject(wk, "contacts");
        for (day = 0; day < 7 && contacts; day++) {
            const struct iss_report_day *rd = &w->days[day];
            cJSON *o;
            if (!rd->in_order)
                continue;
            o = cJSON_AddObjectToObject(contacts,
                                        iss_date_format(w->week + day, d));
            if (o == NULL)
                continue;
            cJSON_AddNumberToObject(o, "required", rd->required);
            cJSON_AddBoolToObject(o, "curfew_contact", rd->curfew_contact);
            cJSON_AddNumberToObject(o, "planned", rd->planned);
            cJSON_AddNumberToObject(o, "delivered", rd->delivered);
        }
    }
    actions = cJSON_AddArrayToObject(root, "actions");
    for (i = 0; i < r->n_actions && actions; i++) {
        const struct iss_report_action *a = &r->actions[i];
        cJSON *o = cJSON_CreateObject();
        if (o == NULL)
            break;
        cJSON_AddItemToArray(actions, o);
        cJSON_AddStringToObject(o, "case", ws->cases[a->kase].id);
        cJSON_AddStringToObject(o, "action", iss_action_name(a->a.kind));
        cJSON_AddStringToObject(o, "trigger",
                                iss_date_format(a->a.trigger, d));
        cJSON_AddStringToObject(o, "due", iss_date_format(a->a.due, d));
        cJSON_AddBoolToObject(o, "overdue", a->overdue);
        cJSON_AddNumberToObject(o, "number", a->a.number);
        cJSON_AddStringToObject(o, "session", a->a.uid);
        cJSON_AddStringToObject(o, "label", action_label(&a->a, lab,
                                                         sizeof lab));
        cJSON_AddStringToObject(o, "state",
                                iss_action_state_name(a->a.state));
        cJSON_AddNumberToObject(o, "days_overdue", a->days_overdue);
        cJSON_AddNumberToObject(o, "later_failures", a->a.also_failures);
        if (a->a.not_counted[0])
            cJSON_AddStringToObject(o, "not_counted", a->a.not_counted);
        if (a->a.state != ISS_ACTION_DUE) {
            cJSON_AddStringToObject(o, "closed_on",
                                    iss_date_format(a->a.closed_on, d));
            cJSON_AddStringToObject(o, "by", a->a.by);
            cJSON_AddStringToObject(o, "note", a->a.note);
            cJSON_AddBoolToObject(o, "automatic", a->a.automatic);
        }
    }
    text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}

/* ---- CSV ---- */

/* A text cell. One starting =, +, -, @, tab or CR would be run as a
 * formula by a spreadsheet (CSV injection): it gets a leading ' and
 * quotes, OWASP's rule (docs/report.md). */
static void csv_field(struct iss_buf *b, const char *s)
{
    bool formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;

    if (formula) {
        iss_buf_put(b, "\"'");
        for (; *s; s++)
            iss_buf_put(b, *s == '"' ? "\"\"" : "%c", *s);
        iss_buf_put(b, "\"");
        return;
    }
    if (strpbrk(s, ",\"\r\n") == NULL) {
        iss_buf_put(b, "%s", s);
        return;
    }
    iss_buf_put(b, "\"");
    for (; *s; s++)
        iss_buf_put(b, *s == '"' ? "\"\"" : "%c", *s);
    iss_buf_put(b, "\"");
}

char *iss_report_csv(const struct iss_report *r,
                     const struct iss_workspace *ws)
{
    struct iss_buf b = ISS_BUF_INIT;
    char d[ISS_DATE_BUFSZ];
    size_t i, j;
    int k;

    iss_buf_put(&b,
                "case,name,band,week,required_minutes,"
                "education_minutes_counted,planned_minutes,delivered_minutes,"
                "delivered_minutes_total");
    for (k = 0; k < N_CAUSES; k++)
        if (k != 3) /* new columns go at the end */
            iss_buf_put(&b, ",%s", causes[k].key);
    iss_buf_put(&b, ",days_contacts_short,actions_due,actions_overdue,"
                    "service_ended_early,education_minutes_planned,"
                    "education_minutes_missed");
    for (k = 0; k < ISS_SHORT_CAUSES; k++)
        iss_buf_put(&b, ",days_short_%s", iss_short_cause_name(k));
    iss_buf_put(&b, ",actions_open\r\n");
    for (i = 0; i < r->n_weeks; i++) {
        const struct iss_report_week *w = &r->weeks[i];
        const struct iss_case *c = &ws->cases[w->kase];
        int due = 0, overdue = 0, open = 0;
        for (j = 0; j < r->n_actions; j++) {
            if (r->actions[j].kase != w->kase)
                continue;
            if (r->actions[j].a.trigger >= w->week &&
                r->actions[j].a.trigger <= w->week + 6) {
                due++;
                overdue += r->actions[j].overdue;
            }
            if (r->actions[j].a.state == ISS_ACTION_DUE &&
                r->actions[j].a.trigger <= w->week + 6)
                open++;
        }
        csv_field(&b, c->id);
        iss_buf_put(&b, ",");
        csv_field(&b, c->feed_name);
        iss_buf_put(&b, ",");
        csv_field(&b, ws->bands[c->band]->id);
        iss_buf_put(&b, ",%s,%d,%d,%d,%d,%d", iss_date_format(w->week, d),
                    w->required, w->education, w->planned, w->delivered,
                    w->delivered_total);
        for (k = 0; k < N_CAUSES; k++)
            if (k != 3)
                iss_buf_put(&b, ",%d", cause_value(w, k));
        iss_buf_put(&b, ",%d,%d,%d,%d,%d,%d", w->days_contacts_short, due,
                    overdue, w->service_ended_early, w->education_planned,
                    w->education_missed);
        for (k = 0; k < ISS_SHORT_CAUSES; k++)
            iss_buf_put(&b, ",%d", w->days_short[k]);
        iss_buf_put(&b, ",%d\r\n", open);
    }
    return iss_buf_done(&b);
}

/* ---- text ---- */

void iss_report_text(const struct iss_report *r,
                     const struct iss_workspace *ws, FILE *out)
{
    char d1[ISS_HDATE_BUFSZ], d2[ISS_HDATE_BUFSZ], h[6][24], lab[64];
    const char *sep;
    size_t i, n_open = 0;
    int last = -1, k;

    fprintf(out, "%s: report for %s to %s (today %s)\n\n", ws->team.service,
            iss_date_human(r->from, d1), iss_date_human(r->to, d2),
            iss_date_format(r->today, h[0]));
    for (i = 0; i < r->n_weeks; i++) {
        const struct iss_report_week *w = &r->weeks[i];
        const struct iss_case *c = &ws->cases[w->kase];
        if (w->kase != last) {
            fprintf(out, "%s %s (%s)\n", c->id, c->feed_name,
                    ws->bands[c->band]->id);
            last = w->kase;
        }
        fprintf(out, "  week of %s: required %s, planned %s + %s "
                     "education, delivered %s",
                iss_date_human(w->week, d1),
                hours(w->required, h[0], sizeof h[0]),
                hours(w->planned, h[1], sizeof h[1]),
                hours(w->education, h[2], sizeof h[2]),
                hours(w->delivered, h[3], sizeof h[3]));
        if (w->delivered >= w->required)
            fprintf(out, "  [met]");
        fputc('\n', out);
        for (k = 0; k < N_CAUSES; k++)
            if (cause_value(w, k) > 0)
                fprintf(out, "    short %s: %s\n",
                        hours(cause_value(w, k), h[4], sizeof h[4]),
                        causes[k].label);
        if (w->education_planned > 0)
            fprintf(out, "    education still to come: %s\n",
                    hours(w->education_planned, h[4], sizeof h[4]));
        if (w->days_contacts_short > 0 ||
            w->days_short[ISS_SHORT_NOT_RECORDED] > 0) {
            fprintf(out, "    contacts short on %d day%s",
                    w->days_contacts_short,
                    w->days_contacts_short == 1 ? "" : "s");
            for (k = 0, sep = ": "; k < ISS_SHORT_CAUSES; k++) {
                if (w->days_short[k] == 0)
                    continue;
                fprintf(out, "%s%d %s", sep, w->days_short[k],
                        short_labels[k]);
                sep = ", ";
            }
            fputc('\n', out);
        }
    }
    for (i = 0; i < r->n_actions; i++)
        n_open += r->actions[i].a.state == ISS_ACTION_DUE;
    fprintf(out, "\nActions (%zu)%s\n", n_open,
            n_open ? ", overdue first:" : "");
    for (i = 0; i < r->n_actions; i++) {
        const struct iss_report_action *a = &r->actions[i];
        if (a->a.state != ISS_ACTION_DUE)
            continue;
        fprintf(out, "  %s%s %s", a->overdue ? "OVERDUE " : "",
                ws->cases[a->kase].id, action_label(&a->a, lab, sizeof lab));
        fprintf(out, ": due %s (after %s%s%s)", iss_date_human(a->a.due, d1),
                action_after(&a->a),
                strcmp(action_after(&a->a), "the miss of") == 0 ? " " : ", ",
                iss_date_human(a->a.trigger, d2));
        if (a->overdue)
            fprintf(out, ", %d day%s overdue", a->days_overdue,
                    a->days_overdue == 1 ? "" : "s");
        if (a->a.also_failures > 0)
            fprintf(out, "; %d more unacceptable miss%s while it was due",
                    a->a.also_failures, a->a.also_failures == 1 ? "" : "es");
        if (a->a.not_counted[0])
            fprintf(out, "; not counted toward a warning (%s)",
                    a->a.not_counted);
        fputc('\n', out);
    }
    if (n_open < r->n_actions) {
        fprintf(out, "\nDone and withdrawn in the period (%zu):\n",
                r->n_actions - n_open);
        for (i = 0; i < r->n_actions; i++) {
            const struct iss_report_action *a = &r->actions[i];
            if (a->a.state == ISS_ACTION_DUE)
                continue;
            fprintf(out, "  %s %s: %s %s", ws->cases[a->kase].id,
                    action_label(&a->a, lab, sizeof lab),
                    iss_action_state_name(a->a.state),
                    iss_date_human(a->a.closed_on, d1));
            if (a->a.by[0])
                fprintf(out, " by %s", a->a.by);
            if (a->a.automatic)
                fprintf(out, " (a session attended)");
            fprintf(out, " (was due %s)", iss_date_human(a->a.due, d2));
            if (a->a.note[0])
                fprintf(out, ": %s", a->a.note);
            fputc('\n', out);
        }
    }
}

/* ---- HTML with SVG ---- */

/* A stacked bar per week: delivered, then each cause, adding up to the
 * required minutes; a line marks the requirement. */
static void svg_case(struct iss_buf *b, const struct iss_report *r,
                     size_t first, size_t n)
{
    int max = 60, k;
    size_t i;
    const int bw = 36, gap = 14, height = 160, left = 44;
    int width = left + (int)n * (bw + gap) + 10;

    for (i = first; i < first + n; i++) {
        const struct iss_report_week *w = &r->weeks[i];
        if (w->required > max)
            max = w->required;
        if (w->delivered_total > max)
            max = w->delivered_total;
    }
    max = (max + 59) / 60 * 60;
    iss_buf_put(b,
                "<svg class=\"chart\" role=\"img\" width=\"%d\" height=\"%d\" "
                "viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">",
                width, height + 30, width, height + 30);
    iss_buf_put(b, "<title>Delivered against required, by week</title>");
    for (k = 0; k <= 4; k++) {
        int y = 10 + height - height * k / 4;
        iss_buf_put(
            b,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
            "stroke=\"#ddd\"/><text x=\"%d\" y=\"%d\" font-size=\"10\" "
            "text-anchor=\"end\">%d h</text>",
            left, y, width - 4, y, left - 4, y + 3, max * k / 4 / 60);
    }
    for (i = first; i < first + n; i++) {
        const struct iss_report_week *w = &r->weeks[i];
        int x = left + 6 + (int)(i - first) * (bw + gap);
        int y = 10 + height, part, req_y;
        char d[ISS_DATE_BUFSZ];
        part = w->delivered * height / max;
        iss_buf_put(b,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                    "fill=\"#2e7d32\"><title>delivered %d min</title></rect>",
                    x, y - part, bw, part, w->delivered);
        y -= part;
        for (k = 0; k < N_CAUSES; k++) {
            int v = cause_value(w, k);
            if (v <= 0)
                continue;
            part = v * height / max;
            iss_buf_put(b,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        "fill=\"%s\"><title>%s: %d min</title></rect>",
                        x, y - part, bw, part, causes[k].color,
                        causes[k].label, v);
            y -= part;
        }
        /* What was delivered beyond the requirement (education, mostly)
         * sits above the line, paler. */
        if (w->delivered_total > w->delivered) {
            int over = w->delivered_total - w->delivered;
            part = over * height / max;
            iss_buf_put(b,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        "fill=\"#a5d6a7\" class=\"over\"><title>more than "
                        "required: %d min</title></rect>",
                        x, y - part, bw, part, over);
        }
        req_y = 10 + height - w->required * height / max;
        iss_buf_put(b,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                    "stroke=\"#000\" stroke-width=\"2\"/>",
                    x - 3, req_y, x + bw + 3, req_y);
        iss_buf_put(b,
                    "<text x=\"%d\" y=\"%d\" font-size=\"10\" "
                    "text-anchor=\"middle\">%s</text>",
                    x + bw / 2, height + 24, iss_date_format(w->week, d) + 5);
    }
    iss_buf_put(b, "</svg>\n");
}

static void svg_totals(struct iss_buf *b, const struct iss_report *r)
{
    long tot[N_CAUSES + 1], req = 0, max = 1;
    const int width = 620, bar = 22, left = 200;
    size_t i;
    int k;

    memset(tot, 0, sizeof tot);
    for (i = 0; i < r->n_weeks; i++) {
        tot[0] += r->weeks[i].delivered;
        for (k = 0; k < N_CAUSES; k++)
            tot[k + 1] += cause_value(&r->weeks[i], k);
        req += r->weeks[i].required;
    }
    for (k = 0; k <= N_CAUSES; k++)
        if (tot[k] > max)
            max = tot[k];
    iss_buf_put(b,
                "<svg class=\"chart\" role=\"img\" width=\"%d\" height=\"%d\" "
                "viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">",
                width, (N_CAUSES + 1) * (bar + 8) + 10, width,
                (N_CAUSES + 1) * (bar + 8) + 10);
    iss_buf_put(b,
                "<title>Team totals: required %ld min, split into delivered "
                "and each cause of shortfall</title>",
                req);
    for (k = 0; k <= N_CAUSES; k++) {
        int y = 5 + k * (bar + 8);
        int w = (int)(tot[k] * (width - left - 70) / max);
        iss_buf_put(b,
                    "<text x=\"%d\" y=\"%d\" font-size=\"12\" "
                    "text-anchor=\"end\">%s</text>",
                    left - 8, y + bar - 7,
                    k == 0 ? "delivered" : causes[k - 1].label);
        iss_buf_put(b,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                    "fill=\"%s\"><title>%s: %ld min</title></rect>",
                    left, y, w, bar, k == 0 ? "#2e7d32" : causes[k - 1].color,
                    k == 0 ? "delivered" : causes[k - 1].label, tot[k]);
        iss_buf_put(b,
                    "<text x=\"%d\" y=\"%d\" font-size=\"12\">%.1f h</text>",
                    left + w + 6, y + bar - 7, tot[k] / 60.0);
    }
    iss_buf_put(b, "</svg>\n");
}

char *iss_report_html(const struct iss_report *r,
                      const struct iss_workspace *ws)
{
    struct iss_buf b = ISS_BUF_INIT;
    char d1[ISS_HDATE_BUFSZ], d2[ISS_HDATE_BUFSZ], h[24], lab[64];
    size_t i, j, n_open = 0;
    int k;

    iss_buf_put(&b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta "
                    "charset=\"utf-8\">\n<title>Report: ");
    iss_buf_html(&b, ws->team.service);
    iss_buf_put(&b, ", %s to %s</title>\n", iss_date_human(r->from, d1),
                iss_date_human(r->to, d2));
    iss_buf_put(&b,
                "<style>\n"
                "@page { size: A4 landscape; margin: 12mm; }\n"
                "body { font-family: \"DejaVu Sans\", Verdana, Arial, "
                "sans-serif; font-size: 11pt; color: #111; margin: 16px; }\n"
                "h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: "
                "20px; }\n"
                "table { border-collapse: collapse; margin: 6px 0 14px; }\n"
                "th, td { border: 1px solid #bbb; padding: 3px 6px; "
                "text-align: right; }\n"
                "th:first-child, td:first-child { text-align: left; }\n"
                ".overdue { color: #b00020; font-weight: bold; }\n"
                ".case { break-inside: avoid; page-break-inside: avoid; }\n"
                ".key span { display: inline-block; margin-right: 14px; }\n"
                ".key i { display: inline-block; width: 12px; height: 12px; "
                "margin-right: 4px; vertical-align: middle; }\n"
                "@media print { body { margin: 0; } }\n"
                "</style>\n</head>\n<body>\n<h1>");
    iss_buf_html(&b, ws->team.service);
    iss_buf_put(&b,
                "</h1>\n<p>Delivered against required, %s to %s (today %s). "
                "Each bar adds up to the week's required minutes: delivered "
                "(green) and each cause of shortfall; the black line is the "
                "requirement, and pale green above it is delivered beyond "
                "it.</p>\n",
                iss_date_human(r->from, d1), iss_date_human(r->to, d2),
                iss_date_format(r->today, h));
    iss_buf_put(&b,
                "<p class=\"key\"><span><i style=\"background:#2e7d32\"></i>"
                "delivered</span>");
    for (k = 0; k < N_CAUSES; k++)
        iss_buf_put(&b, "<span><i style=\"background:%s\"></i>%s</span>",
                    causes[k].color, causes[k].label);
    iss_buf_put(&b, "<span><i style=\"background:#a5d6a7\"></i>more than "
                    "required</span>");
    iss_buf_put(&b, "</p>\n<h2>Team totals</h2>\n");
    svg_totals(&b, r);
    for (i = 0; i < r->n_actions; i++)
        n_open += r->actions[i].a.state == ISS_ACTION_DUE;
    iss_buf_put(&b, "<h2>Actions due</h2>\n");
    if (n_open == 0) {
        iss_buf_put(&b, "<p>None.</p>\n");
    } else {
        iss_buf_put(&b, "<table><tr><th>case</th><th>action</th><th>raised"
                        "</th><th>due</th><th>days overdue</th></tr>\n");
        for (i = 0; i < r->n_actions; i++) {
            const struct iss_report_action *a = &r->actions[i];
            if (a->a.state != ISS_ACTION_DUE)
                continue;
            iss_buf_put(&b, "<tr%s><td>",
                        a->overdue ? " class=\"overdue\"" : "");
            iss_buf_html(&b, ws->cases[a->kase].id);
            iss_buf_put(&b, " ");
            iss_buf_html(&b, ws->cases[a->kase].feed_name);
            iss_buf_put(
                &b,
                "</td><td>%s%s%s%s%s</td><td>%s</td><td>%s</td>"
                "<td>%d</td></tr>\n",
                a->overdue ? "OVERDUE " : "",
                action_label(&a->a, lab, sizeof lab),
                a->a.not_counted[0] ? " (not counted toward a warning: " : "",
                a->a.not_counted, a->a.not_counted[0] ? ")" : "",
                iss_date_human(a->a.trigger, d1), iss_date_human(a->a.due, d2),
                a->days_overdue);
        }
        iss_buf_put(&b, "</table>\n");
    }
    if (n_open < r->n_actions) {
        iss_buf_put(&b,
                    "<h2>Done and withdrawn in the period</h2>\n<table><tr>"
                    "<th>case</th><th>action</th><th>was due</th><th>closed"
                    "</th><th>by</th><th>note</th></tr>\n");
        for (i = 0; i < r->n_actions; i++) {
            const struct iss_report_action *a = &r->actions[i];
            if (a->a.state == ISS_ACTION_DUE)
                continue;
            iss_buf_put(&b, "<tr><td>");
            iss_buf_html(&b, ws->cases[a->kase].id);
            iss_buf_put(&b, "</td><td>%s</td><td>%s</td><td>%s %s</td><td>",
                        action_label(&a->a, lab, sizeof lab),
                        iss_date_human(a->a.due, d1),
                        iss_action_state_name(a->a.state),
                        iss_date_human(a->a.closed_on, d2));
            iss_buf_html(&b, a->a.by);
            iss_buf_put(&b, "</td><td>");
            iss_buf_html(&b, a->a.note);
            iss_buf_put(&b, "</td></tr>\n");
        }
        iss_buf_put(&b, "</table>\n");
    }
    iss_buf_put(&b, "<h2>Children</h2>\n");
    for (i = 0; i < r->n_weeks; i = j) {
        const struct iss_case *c = &ws->cases[r->weeks[i].kase];
        for (j = i; j < r->n_weeks && r->weeks[j].kase == r->weeks[i].kase;
             j++)
            ;
        iss_buf_put(&b, "<div class=\"case\">\n<h3>");
        iss_buf_html(&b, c->id);
        iss_buf_put(&b, " ");
        iss_buf_html(&b, c->feed_name);
        iss_buf_put(&b, " (%s)</h3>\n", ws->bands[c->band]->id);
        svg_case(&b, r, i, j - i);
        iss_buf_put(&b,
                    "<table><tr><th>week</th><th>required</th><th>planned</th>"
                    "<th>education</th><th>delivered</th>");
        for (k = 0; k < N_CAUSES; k++)
            iss_buf_put(&b, "<th>%s</th>", causes[k].label);
        iss_buf_put(&b, "<th>days contacts short</th>");
        for (k = 0; k < ISS_SHORT_CAUSES; k++)
            iss_buf_put(&b, "<th>days short: %s</th>", short_labels[k]);
        iss_buf_put(&b, "</tr>\n");
        for (; i < j; i++) {
            const struct iss_report_week *w = &r->weeks[i];
            iss_buf_put(&b,
                        "<tr><td>%s</td><td>%d</td><td>%d</td><td>%d</td>"
                        "<td>%d</td>",
                        iss_date_human(w->week, d1), w->required, w->planned,
                        w->education, w->delivered);
            for (k = 0; k < N_CAUSES; k++)
                iss_buf_put(&b, "<td>%d</td>", cause_value(w, k));
            iss_buf_put(&b, "<td>%d</td>", w->days_contacts_short);
            for (k = 0; k < ISS_SHORT_CAUSES; k++)
                iss_buf_put(&b, "<td>%d</td>", w->days_short[k]);
            iss_buf_put(&b, "</tr>\n");
        }
        iss_buf_put(&b, "</table>\n</div>\n");
    }
    iss_buf_put(&b, "<p>Minutes throughout. docs/report.md explains every "
                    "figure.</p>\n</body>\n</html>\n");
    return iss_buf_done(&b);
}
