/* iss - the staff area of iss serve: sign in, Today, My week, and for
 * managers the open compliance actions. Pages are rendered here, with no
 * JavaScript; every write goes through the library (iss_attendance_record,
 * iss_action_close) under the workspace lock. docs/staff.md.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/actions.h"
#include "iss/attendance.h"
#include "iss/lock.h"
#include "iss/report.h"
#include "iss/sessionref.h"
#include "iss/staff.h"
#include "iss/store.h"
#include "iss/today.h"
#include "iss/workspace.h"
#include "staff_web.h"

#define SESSION_HEX 64        /* 256 random bits */
#define MAX_SESSIONS 1024
#define SESSION_MAX_AGE 43200 /* 12 hours from signing in */
#define SESSION_IDLE 7200     /* 2 hours without a request */
#define MAX_THROTTLE 1024
#define LOCK_WAIT 5.0         /* seconds a write waits for the workspace */
#define COOKIE "iss_staff"
#define SIGNIN_COOKIE "iss_signin"

struct web_session {
    char token[SESSION_HEX + 1];
    char csrf[SESSION_HEX + 1];
    char staff[ISS_ID_MAX];
    time_t created, last;
};

struct throttle {
    char key[72];
    int failures;
    time_t window_start;
    time_t blocked_until;
};

struct staff_area {
    char *dir;
    const struct iss_serve_opts *opts;
    pthread_mutex_t lock;
    struct web_session *sessions;
    size_t n_sessions;
    struct throttle *accounts, *addrs;
    size_t n_accounts, n_addrs;
};

bool staff_url(const char *url)
{
    return strncmp(url, "/staff", 6) == 0 &&
           (url[6] == '\0' || url[6] == '/');
}

struct staff_area *staff_area_new(const char *dir,
                                  const struct iss_serve_opts *o)
{
    struct staff_area *a = calloc(1, sizeof *a);

    if (a == NULL || sodium_init() < 0) {
        free(a);
        return NULL;
    }
    a->dir = strdup(dir);
    a->opts = o;
    a->sessions = calloc(MAX_SESSIONS, sizeof *a->sessions);
    a->accounts = calloc(MAX_THROTTLE, sizeof *a->accounts);
    a->addrs = calloc(MAX_THROTTLE, sizeof *a->addrs);
    if (a->dir == NULL || a->sessions == NULL || a->accounts == NULL ||
        a->addrs == NULL) {
        staff_area_free(a);
        return NULL;
    }
    pthread_mutex_init(&a->lock, NULL);
    return a;
}

void staff_area_free(struct staff_area *a)
{
    if (a == NULL)
        return;
    if (a->sessions != NULL) {
        sodium_memzero(a->sessions, MAX_SESSIONS * sizeof *a->sessions);
        pthread_mutex_destroy(&a->lock);
    }
    free(a->sessions);
    free(a->accounts);
    free(a->addrs);
    free(a->dir);
    free(a);
}

/* ---- text ---- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The value of field name in an application/x-www-form-urlencoded text
 * (a body or a query), decoded into out. False when absent, too long or
 * holding a NUL. */
static bool form_field(const char *form, const char *name, char *out,
                       size_t size)
{
    size_t nl = strlen(name);
    const char *p = form;

    if (form == NULL)
        return false;
    while (*p) {
        const char *end = strchr(p, '&');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') {
            size_t i, j = 0;
            for (i = nl + 1; i < len; i++) {
                char ch = p[i];
                if (ch == '+')
                    ch = ' ';
                else if (ch == '%' && i + 2 < len &&
                         hexval(p[i + 1]) >= 0 && hexval(p[i + 2]) >= 0) {
                    ch = (char)(hexval(p[i + 1]) * 16 + hexval(p[i + 2]));
                    i += 2;
                    if (ch == '\0')
                        return false;
                }
                if (j + 1 >= size)
                    return false;
                out[j++] = ch;
            }
            out[j] = '\0';
            return true;
        }
        if (len == nl && strncmp(p, name, nl) == 0) {
            if (size == 0)
                return false;
            out[0] = '\0';
            return true;
        }
        if (end == NULL)
            break;
        p = end + 1;
    }
    return false;
}

/* ---- responses ---- */

static const char *const STYLE =
    "<style>"
    "body{font:16px/1.4 sans-serif;margin:0 auto;padding:0 .6rem 2rem;"
    "max-width:40rem;color:#111;background:#fff}"
    "header{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;"
    "padding:.5rem 0;border-bottom:1px solid #ccc;margin-bottom:.6rem}"
    "header a,header button{padding:.5rem .6rem;border:1px solid #888;"
    "border-radius:4px;text-decoration:none;color:#111;background:#eee;"
    "font-size:1rem}"
    "header form{margin:0 0 0 auto}"
    "h1{font-size:1.3rem;margin:.4rem 0}"
    "h2{font-size:1.1rem;margin:.8rem 0 .3rem}"
    ".s{border:1px solid #bbb;border-radius:6px;padding:.6rem;"
    "margin:.6rem 0}"
    ".t{font-weight:bold;font-size:1.1rem}"
    ".o{margin:.3rem 0;padding:.2rem .4rem;background:#eef5ee}"
    ".btns{display:flex;flex-wrap:wrap;gap:.4rem;margin:.4rem 0}"
    ".btns button{flex:1 1 45%;min-height:44px;font-size:1rem}"
    "input,select,button{font-size:1rem;max-width:100%;box-sizing:border-box}"
    "input[type=text],input[type=password]{width:100%;min-height:44px}"
    "label{display:block;margin:.4rem 0 .1rem}"
    ".p{display:flex;flex-wrap:wrap;gap:.4rem;align-items:end}"
    ".p input{width:6rem}"
    ".p label{margin:0}"
    ".p button{min-height:44px;flex:1 1 6rem}"
    ".err{background:#fdd;padding:.5rem;border:1px solid #c66}"
    "nav.d{display:flex;justify-content:space-between;margin:.4rem 0}"
    "nav.d a{padding:.5rem}"
    "</style>";

static enum MHD_Result send_page(struct MHD_Connection *c, int status,
                                 struct iss_buf *b, const char *location,
                                 const char *cookie, const char *cookie2,
                                 int *st, size_t *bytes)
{
    struct MHD_Response *r;
    enum MHD_Result ret;
    size_t n = b->len;
    char *text = iss_buf_done(b);

    if (text == NULL)
        return MHD_NO;
    r = MHD_create_response_from_buffer(n, text, MHD_RESPMEM_MUST_FREE);
    if (r == NULL) {
        free(text);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; "
                            "form-action 'self'; frame-ancestors 'none'; "
                            "base-uri 'none'");
    if (location != NULL)
        MHD_add_response_header(r, "Location", location);
    if (cookie != NULL)
        MHD_add_response_header(r, "Set-Cookie", cookie);
    if (cookie2 != NULL)
        MHD_add_response_header(r, "Set-Cookie", cookie2);
    if (status == MHD_HTTP_TOO_MANY_REQUESTS)
        MHD_add_response_header(r, "Retry-After", "900");
    if (status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(r, "Retry-After", "5");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, "Allow", "GET, HEAD, POST");
    ret = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    *st = status;
    *bytes = n;
    return ret;
}

static void head(struct iss_buf *b, const char *title)
{
    iss_buf_put(
        b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, "
           "initial-scale=1\"><title>");
    iss_buf_html(b, title);
    iss_buf_put(b, " - iss</title>");
    iss_buf_put(b, "%s", STYLE);
    iss_buf_put(b, "</head><body>\n");
}

/* A short page: a heading, a message, a link on. */
static enum MHD_Result message(struct MHD_Connection *c, int status,
                               const char *title, const char *text,
                               const char *link, const char *link_text,
                               int *st, size_t *bytes)
{
    struct iss_buf b = ISS_BUF_INIT;

    head(&b, title);
    iss_buf_put(&b, "<h1>");
    iss_buf_html(&b, title);
    iss_buf_put(&b, "</h1><p class=\"err\">");
    iss_buf_html(&b, text);
    iss_buf_put(&b, "</p>");
    if (link != NULL) {
        iss_buf_put(&b, "<p><a href=\"");
        iss_buf_html(&b, link);
        iss_buf_put(&b, "\">");
        iss_buf_html(&b, link_text);
        iss_buf_put(&b, "</a></p>");
    }
    iss_buf_put(&b, "</body></html>\n");
    return send_page(c, status, &b, NULL, NULL, NULL, st, bytes);
}

static enum MHD_Result redirect(struct MHD_Connection *c,
                                const char *location, const char *cookie,
                                int *st, size_t *bytes)
{
    struct iss_buf b = ISS_BUF_INIT;

    iss_buf_put(&b, "<!DOCTYPE html>\n<p><a href=\"");
    iss_buf_html(&b, location);
    iss_buf_put(&b, "\">Go on</a></p>\n");
    return send_page(c, MHD_HTTP_SEE_OTHER, &b, location, cookie, NULL, st,
                     bytes);
}

/* ---- sessions and throttles (the caller holds a->lock) ---- */

static void random_hex(char out[SESSION_HEX + 1])
{
    unsigned char r[SESSION_HEX / 2];

    randombytes_buf(r, sizeof r);
    sodium_bin2hex(out, SESSION_HEX + 1, r, sizeof r);
    sodium_memzero(r, sizeof r);
}

static bool hex_token(const char *s)
{
    size_t i;

    if (s == NULL || strlen(s) != SESSION_HEX)
        return false;
    for (i = 0; i < SESSION_HEX; i++)
        if (hexval(s[i]) < 0 || (s[i] >= 'A' && s[i] <= 'F'))
            return false;
    return true;
}

static bool expired(const struct web_session *w, time_t now)
{
    return w->token[0] == '\0' || now - w->created >= SESSION_MAX_AGE ||
           now - w->last >= SESSION_IDLE;
}

/* The session of a cookie value, or NULL. Every session is compared in
 * full (constant time in the token). */
static struct web_session *find_session(struct staff_area *a,
                                        const char *token, time_t now)
{
    struct web_session *found = NULL;
    size_t i;

    if (!hex_token(token))
        return NULL;
    for (i = 0; i < a->n_sessions; i++) {
        struct web_session *w = &a->sessions[i];
        if (w->token[0] != '\0' &&
            sodium_memcmp(w->token, token, SESSION_HEX) == 0)
            found = w;
    }
    if (found != NULL && expired(found, now)) {
        sodium_memzero(found, sizeof *found);
        return NULL;
    }
    return found;
}

static struct web_session *new_session(struct staff_area *a,
                                       const char *staff, time_t now)
{
    struct web_session *w = NULL;
    size_t i;

    for (i = 0; i < a->n_sessions; i++)
        if (expired(&a->sessions[i], now)) {
            w = &a->sessions[i];
            break;
        }
    if (w == NULL && a->n_sessions < MAX_SESSIONS)
        w = &a->sessions[a->n_sessions++];
    if (w == NULL) { /* full: the one idle longest goes */
        w = &a->sessions[0];
        for (i = 1; i < a->n_sessions; i++)
            if (a->sessions[i].last < w->last)
                w = &a->sessions[i];
    }
    memset(w, 0, sizeof *w);
    random_hex(w->token);
    random_hex(w->csrf);
    snprintf(w->staff, sizeof w->staff, "%s", staff);
    w->created = w->last = now;
    return w;
}

static struct throttle *throttle_of(struct throttle *t, size_t *n,
                                    const char *key, time_t now, int window)
{
    size_t i, pick = SIZE_MAX;

    for (i = 0; i < *n; i++)
        if (strcmp(t[i].key, key) == 0) {
            if (now - t[i].window_start > window &&
                t[i].blocked_until <= now) {
                t[i].window_start = now;
                t[i].failures = 0;
            }
            return &t[i];
        }
    if (*n < MAX_THROTTLE) {
        pick = (*n)++;
    } else {
        /* forget the entry with the fewest failures that is not locked
         * out; when all are, the last one is shared */
        for (i = 0; i < *n; i++) {
            if (t[i].blocked_until > now)
                continue;
            if (pick == SIZE_MAX || t[i].failures < t[pick].failures)
                pick = i;
        }
        if (pick == SIZE_MAX)
            return &t[*n - 1];
    }
    memset(&t[pick], 0, sizeof t[pick]);
    snprintf(t[pick].key, sizeof t[pick].key, "%s", key);
    t[pick].window_start = now;
    return &t[pick];
}

/* ---- the workspace ---- */

static struct iss_workspace *load_ws(const struct staff_area *a)
{
    struct iss_workspace *ws = NULL;
    struct iss_problems probs;
    struct iss_error err = {0, ""};

    iss_problems_init(&probs);
    if (iss_workspace_load(a->dir, &ws, &probs, &err) != 0)
        ws = NULL;
    iss_problems_clear(&probs);
    return ws;
}

static bool is_manager(const struct iss_workspace *ws, const char *staff)
{
    int si = iss_team_staff_index(&ws->team, staff);
    size_t r;

    if (si < 0)
        return false;
    for (r = 0; r < ws->team.n_roles; r++)
        if (strcmp(ws->team.roles[r], "manager") == 0)
            return (ws->team.staff[si].roles & ((iss_roles)1 << r)) != 0;
    return false;
}

static int open_store(const struct staff_area *a, bool write,
                      struct iss_store **st, struct iss_error *err)
{
    char *db = iss_path_join(a->dir, "iss.db");
    int rc;

    if (db == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    rc = write ? iss_store_open(db, false, st, err)
               : iss_store_open_read(db, st, err);
    free(db);
    return rc;
}

/* ---- pages ---- */

struct ctx {
    struct staff_area *a;
    struct MHD_Connection *c;
    const struct staff_request *rq;
    struct web_session sess;  /* a copy of the signed-in session */
    bool signed_in;
    struct iss_workspace *ws;
    bool manager;
    int *status;
    size_t *bytes;
};

static void nav(struct iss_buf *b, const struct ctx *x, const char *title)
{
    int si = iss_team_staff_index(&x->ws->team, x->sess.staff);

    head(b, title);
    iss_buf_put(b, "<header><a href=\"/staff/today\">Today</a>"
                   "<a href=\"/staff/week\">My week</a>");
    if (x->manager)
        iss_buf_put(b, "<a href=\"/staff/actions\">Actions</a>"
                       "<a href=\"/staff/report\">Report</a>");
    iss_buf_put(b, "<form method=\"post\" action=\"/staff/signout\">"
                   "<input type=\"hidden\" name=\"csrf\" value=\"");
    iss_buf_put(b, "%s", x->sess.csrf);
    iss_buf_put(
        b, "\"><button>Sign out</button></form></header>\n<p>Signed in as ");
    iss_buf_html(b, si >= 0 ? x->ws->team.staff[si].name : x->sess.staff);
    iss_buf_put(b, " (");
    iss_buf_html(b, x->sess.staff);
    iss_buf_put(b, ")</p>\n");
}

static bool day_arg(const struct ctx *x, iss_date *day)
{
    const char *d = MHD_lookup_connection_value(x->c, MHD_GET_ARGUMENT_KIND,
                                                "date");

    *day = iss_today();
    return d == NULL || d[0] == '\0' || iss_date_parse(d, day) == 0;
}

static const struct {
    enum iss_outcome o;
    const char *label;
} BUTTONS[] = {
    {ISS_OUT_ATTENDED, "Attended"},
    {ISS_OUT_ABSENT_UNACCEPTABLE, "Absent, no good reason"},
    {ISS_OUT_ABSENT_ACCEPTABLE, "Absent, good reason"},
    {ISS_OUT_CANCELLED_BY_SERVICE, "Cancelled by us"},
    {ISS_OUT_RESCHEDULED, "Rescheduled"},
};

static void session_card(struct iss_buf *b, const struct ctx *x,
                         const struct iss_day_row *r, iss_date day, bool mine)
{
    char ds[ISS_DATE_BUFSZ];
    size_t k;

    iss_buf_put(b, "<div class=\"s\" id=\"s-");
    iss_buf_html(b, r->ref);
    iss_buf_put(b, "\"><div class=\"t\">");
    iss_buf_html(b, r->time);
    iss_buf_put(b, " ");
    iss_buf_html(b, r->child);
    iss_buf_put(b, "</div><div>");
    iss_buf_html(b, r->what);
    iss_buf_put(b, " &middot; ");
    iss_buf_html(b, r->place);
    iss_buf_put(b, "</div><div>With ");
    iss_buf_html(b, r->staff);
    iss_buf_put(b, " &middot; ref ");
    iss_buf_html(b, r->ref);
    iss_buf_put(b, "</div><div class=\"o\">Outcome: <b>");
    iss_buf_html(b, r->outcome_text);
    iss_buf_put(b, "</b>");
    if (r->outcome == ISS_OUT_PARTIAL && r->cause != ISS_CAUSE_NONE)
        iss_buf_put(b, "%s",
                    r->cause == ISS_CAUSE_CHILD_UNACCEPTABLE
                        ? ", the child left, no good reason"
                    : r->cause == ISS_CAUSE_CHILD_ACCEPTABLE
                        ? ", the child left, good reason"
                    : r->cause == ISS_CAUSE_SERVICE ? ", ended by us"
                                                    : ", cause not stated");
    if (r->note[0]) {
        iss_buf_put(b, " &middot; ");
        iss_buf_html(b, r->note);
    }
    iss_buf_put(b, "</div>");
    if (!mine && !x->manager) {
        iss_buf_put(b, "</div>\n");
        return;
    }
    iss_buf_put(b, "<form method=\"post\" action=\"/staff/record\">"
                   "<input type=\"hidden\" name=\"csrf\" value=\"");
    iss_buf_put(b, "%s", x->sess.csrf);
    iss_buf_put(b, "\"><input type=\"hidden\" name=\"uid\" value=\"");
    iss_buf_html(b, r->uid);
    iss_buf_put(b, "\"><input type=\"hidden\" name=\"date\" value=\"");
    iss_buf_put(b, "%s", iss_date_format(day, ds));
    iss_buf_put(b, "\"><div class=\"btns\">");
    for (k = 0; k < sizeof BUTTONS / sizeof BUTTONS[0]; k++) {
        iss_buf_put(b, "<button name=\"outcome\" value=\"");
        iss_buf_put(b, "%s", iss_outcome_name(BUTTONS[k].o));
        iss_buf_put(b, "\">");
        iss_buf_put(b, "%s", BUTTONS[k].label);
        iss_buf_put(b, "</button>");
    }
    iss_buf_put(
        b, "</div><label>Note (optional)<input type=\"text\" name=\"note\" "
           "maxlength=\"500\"></label>"
           "<label><input type=\"checkbox\" name=\"told\" value=\"1\"> "
           "a short-notice time was told in person</label>"
           "<div class=\"p\"><label>Minutes<input type=\"number\" "
           "name=\"minutes\" min=\"0\" max=\"1440\" inputmode=\"numeric\">"
           "</label><label>Why it ended early<select name=\"cause\">"
           "<option value=\"\">-</option>"
           "<option value=\"child_unacceptable\">child, no good reason"
           "</option>"
           "<option value=\"child_acceptable\">child, good reason</option>"
           "<option value=\"service\">the service</option></select></label>"
           "<button name=\"outcome\" value=\"partial\">Partial</button>"
           "</div></form></div>\n");
}

static enum MHD_Result page_today(struct ctx *x)
{
    struct iss_buf b = ISS_BUF_INIT;
    struct iss_store *st = NULL;
    struct iss_error err = {0, ""};
    struct iss_day_row *rows = NULL;
    size_t n = 0, i;
    int n_cancelled = 0;
    iss_date day;
    char h[ISS_HDATE_BUFSZ], d1[ISS_DATE_BUFSZ], d2[ISS_DATE_BUFSZ];
    const char *all_arg =
        MHD_lookup_connection_value(x->c, MHD_GET_ARGUMENT_KIND, "all");
    bool all = x->manager && all_arg != NULL && strcmp(all_arg, "1") == 0;

    if (!day_arg(x, &day))
        return message(x->c, MHD_HTTP_BAD_REQUEST, "Not a date",
                       "date: a day as YYYY-MM-DD", "/staff/today",
                       "Today", x->status, x->bytes);
    if (open_store(x->a, false, &st, &err) != 0 ||
        iss_day_list(x->ws, st, day, all ? NULL : x->sess.staff, NULL,
                     &rows, &n, &n_cancelled, &err) != 0) {
        iss_store_close(st);
        free(rows);
        return message(x->c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                       "Cannot read the sessions", err.msg, "/staff/today",
                       "Try again", x->status, x->bytes);
    }
    iss_store_close(st);
    nav(&b, x, "Today");
    iss_buf_put(&b, "<h1>");
    iss_buf_put(&b, "%s", all ? "All sessions, " : "My sessions, ");
    iss_buf_put(&b, "%s", iss_date_human(day, h));
    iss_buf_put(&b, "</h1><nav class=\"d\"><a href=\"/staff/today?date=");
    iss_buf_put(&b, "%s", iss_date_format(day - 1, d1));
    iss_buf_put(&b, "%s", all ? "&amp;all=1" : "");
    iss_buf_put(&b, "\">&larr; Day before</a><a href=\"/staff/today?date=");
    iss_buf_put(&b, "%s", iss_date_format(day + 1, d2));
    iss_buf_put(&b, "%s", all ? "&amp;all=1" : "");
    iss_buf_put(&b, "\">Day after &rarr;</a></nav>\n");
    if (x->manager)
        iss_buf_put(&b, "<p><a href=\"/staff/today?date=%s%s\">%s</a></p>\n",
                    iss_date_format(day, d1), all ? "" : "&amp;all=1",
                    all ? "Only mine" : "Everyone's sessions");
    if (n == 0)
        iss_buf_put(&b, "<p>No sessions.</p>\n");
    for (i = 0; i < n; i++)
        session_card(&b, x, &rows[i], day,
                     iss_day_row_has_staff(&rows[i], x->sess.staff));
    if (n_cancelled > 0)
        iss_buf_put(&b, "<p>(%d cancelled session%s not listed.)</p>\n",
                    n_cancelled, n_cancelled == 1 ? "" : "s");
    iss_buf_put(&b, "</body></html>\n");
    free(rows);
    return send_page(x->c, MHD_HTTP_OK, &b, NULL, NULL, NULL, x->status,
                     x->bytes);
}

static enum MHD_Result page_week(struct ctx *x)
{
    struct iss_buf b = ISS_BUF_INIT;
    struct iss_store *st = NULL;
    struct iss_error err = {0, ""};
    iss_date day, monday;
    int k, total = 0;
    char h[ISS_HDATE_BUFSZ], d[ISS_DATE_BUFSZ];

    if (!day_arg(x, &day))
        return message(x->c, MHD_HTTP_BAD_REQUEST, "Not a date",
                       "date: a day as YYYY-MM-DD", "/staff/week",
                       "This week", x->status, x->bytes);
    monday = iss_week_monday(day);
    if (open_store(x->a, false, &st, &err) != 0)
        return message(x->c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                       "Cannot read the sessions", err.msg, "/staff/week",
                       "Try again", x->status, x->bytes);
    nav(&b, x, "My week");
    iss_buf_put(&b, "<h1>My week from ");
    iss_buf_put(&b, "%s", iss_date_human(monday, h));
    iss_buf_put(&b, "</h1><nav class=\"d\"><a href=\"/staff/week?date=");
    iss_buf_put(&b, "%s", iss_date_format(monday - 7, d));
    iss_buf_put(&b, "\">&larr; Week before</a><a href=\"/staff/week?date=");
    iss_buf_put(&b, "%s", iss_date_format(monday + 7, d));
    iss_buf_put(&b, "\">Week after &rarr;</a></nav>\n");
    for (k = 0; k < 7; k++) {
        struct iss_day_row *rows = NULL;
        size_t n = 0, i;
        int nc = 0;
        if (iss_day_list(x->ws, st, monday + k, x->sess.staff, NULL, &rows,
                         &n, &nc, &err) != 0) {
            free(rows);
            free(b.s);
            iss_store_close(st);
            return message(x->c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                           "Cannot read the sessions", err.msg,
                           "/staff/week", "Try again", x->status, x->bytes);
        }
        iss_buf_put(&b, "<h2><a href=\"/staff/today?date=");
        iss_buf_put(&b, "%s", iss_date_format(monday + k, d));
        iss_buf_put(&b, "\">");
        iss_buf_put(&b, "%s", iss_date_human(monday + k, h));
        iss_buf_put(&b, "</a></h2>");
        if (n == 0)
            iss_buf_put(&b, "<p>-</p>");
        for (i = 0; i < n; i++) {
            iss_buf_put(&b, "<div class=\"s\"><span class=\"t\">");
            iss_buf_html(&b, rows[i].time);
            iss_buf_put(&b, "</span> ");
            iss_buf_html(&b, rows[i].child);
            iss_buf_put(&b, "<br>");
            iss_buf_html(&b, rows[i].what);
            iss_buf_put(&b, " &middot; ");
            iss_buf_html(&b, rows[i].place);
            iss_buf_put(&b, " &middot; <b>");
            iss_buf_html(&b, rows[i].outcome_text);
            iss_buf_put(&b, "</b></div>");
        }
        iss_buf_put(&b, "\n");
        total += (int)n;
        free(rows);
    }
    iss_store_close(st);
    iss_buf_put(&b, "<p>%d session%s this week.</p></body></html>\n", total,
                total == 1 ? "" : "s");
    return send_page(x->c, MHD_HTTP_OK, &b, NULL, NULL, NULL, x->status,
                     x->bytes);
}

static enum MHD_Result page_actions(struct ctx *x)
{
    struct iss_buf b = ISS_BUF_INIT;
    struct iss_store *st = NULL;
    struct iss_error err = {0, ""};
    iss_date today = iss_today();
    size_t ci;
    int shown = 0;
    char h[ISS_HDATE_BUFSZ];

    if (!x->manager)
        return message(x->c, MHD_HTTP_FORBIDDEN, "Managers only",
                       "The compliance actions are for staff with the role "
                       "manager.", "/staff/today", "Today", x->status,
                       x->bytes);
    if (open_store(x->a, false, &st, &err) != 0)
        return message(x->c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                       "Cannot read the store", err.msg, "/staff/actions",
                       "Try again", x->status, x->bytes);
    nav(&b, x, "Actions");
    iss_buf_put(&b, "<h1>Open compliance actions</h1>\n");
    for (ci = 0; ci < x->ws->n_cases; ci++) {
        struct iss_action *acts = NULL;
        size_t n = 0, i;
        bool first_of[ISS_ACTION_KINDS] = {false};
        if (iss_case_actions(x->ws, st, (int)ci, today, &acts, &n, &err) !=
            0) {
            free(acts);
            free(b.s);
            iss_store_close(st);
            return message(x->c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                           "Cannot read the actions", err.msg,
                           "/staff/actions", "Try again", x->status,
                           x->bytes);
        }
        for (i = 0; i < n; i++) {
            const struct iss_action *ac = &acts[i];
            const struct iss_case *k = &x->ws->cases[ci];
            if (ac->state != ISS_ACTION_DUE)
                continue;
            shown++;
            iss_buf_put(&b, "<div class=\"s\"><div class=\"t\">");
            iss_buf_html(&b, iss_action_label(ac->kind));
            if (ac->kind == ISS_ACTION_WARNING && ac->number == 0)
                iss_buf_put(&b, " (verbal)");
            else if (ac->kind == ISS_ACTION_WARNING ||
                     ac->kind == ISS_ACTION_REVIEW)
                iss_buf_put(&b, " %d", ac->number);
            iss_buf_put(&b, "</div><div>");
            iss_buf_html(&b, k->feed_name[0] ? k->feed_name : k->id);
            iss_buf_put(&b, " (");
            iss_buf_html(&b, k->id);
            iss_buf_put(&b, ") &middot; due ");
            iss_buf_put(&b, "%s", iss_date_human(ac->due, h));
            if (ac->due < today)
                iss_buf_put(&b, " <b>overdue</b>");
            iss_buf_put(&b, "</div>");
            if (!first_of[ac->kind]) {
                first_of[ac->kind] = true;
                iss_buf_put(&b,
                            "<form method=\"post\" action=\"/staff/action\">"
                            "<input type=\"hidden\" name=\"csrf\" value=\"");
                iss_buf_put(&b, "%s", x->sess.csrf);
                iss_buf_put(
                    &b, "\"><input type=\"hidden\" name=\"case\" value=\"");
                iss_buf_html(&b, k->id);
                iss_buf_put(
                    &b, "\"><input type=\"hidden\" name=\"kind\" value=\"");
                iss_buf_put(&b, "%s", iss_action_name(ac->kind));
                iss_buf_put(&b,
                            "\"><label>Note (optional)<input type=\"text\" "
                            "name=\"note\" maxlength=\"499\"></label>"
                            "<div class=\"btns\"><button>Mark done today"
                            "</button></div></form>");
            } else {
                iss_buf_put(&b, "<div>(after the one above)</div>");
            }
            iss_buf_put(&b, "</div>\n");
        }
        free(acts);
    }
    iss_store_close(st);
    if (shown == 0)
        iss_buf_put(&b, "<p>No open actions.</p>\n");
    iss_buf_put(&b, "</body></html>\n");
    return send_page(x->c, MHD_HTTP_OK, &b, NULL, NULL, NULL, x->status,
                     x->bytes);
}

/* The live report (managers): iss report --week of the day given (this
 * week by default) as its HTML, built from the store as it is now. */
static enum MHD_Result page_report(struct ctx *x)
{
    struct iss_buf b = ISS_BUF_INIT;
    struct iss_store *st = NULL;
    struct iss_report *rep = NULL;
    struct iss_error err = {0, ""};
    iss_date day, monday;
    char *html;

    if (!x->manager)
        return message(x->c, MHD_HTTP_FORBIDDEN, "Managers only",
                       "The report is for staff with the role manager.",
                       "/staff/today", "Today", x->status, x->bytes);
    if (!day_arg(x, &day))
        return message(x->c, MHD_HTTP_BAD_REQUEST, "Not a date",
                       "date: a day as YYYY-MM-DD", "/staff/report",
                       "This week", x->status, x->bytes);
    monday = iss_week_monday(day);
    if (open_store(x->a, false, &st, &err) != 0 ||
        iss_report_build(x->ws, st, monday, monday + 6, NULL, 0,
                         iss_today(), &rep, &err) != 0) {
        iss_store_close(st);
        return message(x->c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                       "Cannot build the report", err.msg, "/staff/report",
                       "Try again", x->status, x->bytes);
    }
    iss_store_close(st);
    html = iss_report_html(rep, x->ws);
    iss_report_free(rep);
    if (html == NULL)
        return MHD_NO;
    iss_buf_put(&b, "%s", html);
    free(html);
    return send_page(x->c, MHD_HTTP_OK, &b, NULL, NULL, NULL, x->status,
                     x->bytes);
}

static enum MHD_Result page_signin(struct ctx *x, int status,
                                   const char *problem)
{
    struct iss_buf b = ISS_BUF_INIT;
    char token[SESSION_HEX + 1], cookie[200];
    const char *pre = MHD_lookup_connection_value(x->c, MHD_COOKIE_KIND,
                                                  SIGNIN_COOKIE);

    /* the browser's sign-in token stays while it is valid (a form in
     * another tab still works); a new one otherwise */
    if (hex_token(pre))
        snprintf(token, sizeof token, "%s", pre);
    else
        random_hex(token);
    snprintf(cookie, sizeof cookie,
             SIGNIN_COOKIE "=%s; Path=/staff; HttpOnly; SameSite=Strict; "
                           "Max-Age=3600%s",
             token, x->rq->https ? "; Secure" : "");
    head(&b, "Sign in");
    iss_buf_put(&b, "<h1>Staff sign in</h1>\n");
    if (problem != NULL) {
        iss_buf_put(&b, "<p class=\"err\">");
        iss_buf_html(&b, problem);
        iss_buf_put(&b, "</p>\n");
    }
    iss_buf_put(&b, "<form method=\"post\" action=\"/staff/signin\">"
                    "<input type=\"hidden\" name=\"csrf\" value=\"");
    iss_buf_put(&b, "%s", token);
    iss_buf_put(
        &b, "\"><label>Staff id<input type=\"text\" name=\"staff\" "
            "autocomplete=\"username\" autocapitalize=\"none\" required>"
            "</label><label>Password<input type=\"password\" name=\"password\""
            " autocomplete=\"current-password\" required></label>"
            "<div class=\"btns\"><button>Sign in</button></div></form>\n"
            "</body></html>\n");
    return send_page(x->c, status, &b, NULL, cookie, NULL, x->status,
                     x->bytes);
}

/* ---- actions ---- */

static bool csrf_ok(const char *want, const char *body)
{
    char got[SESSION_HEX + 2];

    return hex_token(want) &&
           form_field(body, "csrf", got, sizeof got) && hex_token(got) &&
           sodium_memcmp(got, want, SESSION_HEX) == 0;
}

static enum MHD_Result do_signin(struct ctx *x)
{
    struct staff_area *a = x->a;
    const struct iss_serve_opts *o = a->opts;
    const char *pre = MHD_lookup_connection_value(x->c, MHD_COOKIE_KIND,
                                                  SIGNIN_COOKIE);
    char staff[ISS_ID_MAX], pw[ISS_PASSWORD_MAX + 2];
    struct throttle *ta, *tb;
    struct iss_store *st = NULL;
    struct iss_error err = {0, ""};
    struct web_session *w;
    char cookie[256], gone[128];
    time_t now = time(NULL);
    bool blocked, ok = false;
    int rc;

    if (!csrf_ok(pre, x->rq->body))
        return message(x->c, MHD_HTTP_FORBIDDEN, "Refused",
                       "The form is out of date or did not come from this "
                       "site (no valid CSRF token).", "/staff/signin",
                       "Sign in", x->status, x->bytes);
    if (!form_field(x->rq->body, "staff", staff, sizeof staff) ||
        !form_field(x->rq->body, "password", pw, sizeof pw))
        return page_signin(x, MHD_HTTP_BAD_REQUEST,
                           "Give your staff id and password.");
    pthread_mutex_lock(&a->lock);
    ta = throttle_of(a->accounts, &a->n_accounts, staff, now,
                     o->signin_window);
    tb = throttle_of(a->addrs, &a->n_addrs, x->rq->key, now,
                     o->signin_window);
    blocked = ta->blocked_until > now || tb->blocked_until > now;
    if (!blocked) {
        /* counted as a failure before the check, so that attempts made
         * at once on several threads cannot pass the limit; a right
         * password takes it back below */
        if (++ta->failures >= o->signin_failures_account)
            ta->blocked_until = now + o->signin_window;
        if (++tb->failures >= o->signin_failures_address)
            tb->blocked_until = now + o->signin_window;
    }
    pthread_mutex_unlock(&a->lock);
    if (blocked) {
        sodium_memzero(pw, sizeof pw);
        if (o->log != NULL) {
            fprintf(o->log, "iss serve: sign-in refused (throttled) from "
                            "%s\n", x->rq->addr);
            fflush(o->log);
        }
        return message(x->c, MHD_HTTP_TOO_MANY_REQUESTS,
                       "Too many attempts",
                       "Too many wrong passwords for this account or from "
                       "this address: wait 15 minutes, or ask a manager.",
                       "/staff/signin", "Sign in", x->status, x->bytes);
    }
    /* Only a staff member of team.json may sign in; the password is
     * checked either way (the same work). */
    rc = open_store(a, false, &st, &err);
    if (rc == 0)
        rc = iss_staff_password_check(st, staff, pw, &ok, &err);
    iss_store_close(st);
    sodium_memzero(pw, sizeof pw);
    if (rc != 0)
        return message(x->c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                       "Cannot sign in", err.msg, "/staff/signin",
                       "Try again", x->status, x->bytes);
    if (ok && iss_team_staff_index(&x->ws->team, staff) < 0)
        ok = false;
    pthread_mutex_lock(&a->lock);
    ta = throttle_of(a->accounts, &a->n_accounts, staff, now,
                     o->signin_window);
    tb = throttle_of(a->addrs, &a->n_addrs, x->rq->key, now,
                     o->signin_window);
    if (!ok) {
        pthread_mutex_unlock(&a->lock);
        if (o->log != NULL) {
            fprintf(o->log, "iss serve: wrong staff id or password from "
                            "%s\n", x->rq->addr);
            fflush(o->log);
        }
        return page_signin(x, MHD_HTTP_UNAUTHORIZED,
                           "Wrong staff id or password.");
    }
    ta->failures = 0;
    ta->blocked_until = 0;
    if (tb->failures > 0)
        tb->failures--;
    if (tb->failures < o->signin_failures_address)
        tb->blocked_until = 0;
    /* a session this browser had before (another staff member's, on a
     * shared phone) ends: one browser, one session */
    w = find_session(a, MHD_lookup_connection_value(x->c, MHD_COOKIE_KIND,
                                                    COOKIE), now);
    if (w != NULL)
        sodium_memzero(w, sizeof *w);
    w = new_session(a, staff, now);
    snprintf(cookie, sizeof cookie,
             COOKIE "=%s; Path=/staff; HttpOnly; SameSite=Strict; "
                    "Max-Age=%d%s",
             w->token, SESSION_MAX_AGE, x->rq->https ? "; Secure" : "");
    pthread_mutex_unlock(&a->lock);
    snprintf(gone, sizeof gone,
             SIGNIN_COOKIE "=; Path=/staff; HttpOnly; SameSite=Strict; "
                           "Max-Age=0%s", x->rq->https ? "; Secure" : "");
    if (o->log != NULL) {
        fprintf(o->log, "iss serve: staff %s signed in from %s\n", staff,
                x->rq->addr);
        fflush(o->log);
    }
    {
        struct iss_buf b = ISS_BUF_INIT;
        iss_buf_put(
            &b,
            "<!DOCTYPE html>\n<p><a href=\"/staff/today\">Go on</a></p>\n");
        return send_page(x->c, MHD_HTTP_SEE_OTHER, &b, "/staff/today",
                         cookie, gone, x->status, x->bytes);
    }
}

static enum MHD_Result do_signout(struct ctx *x)
{
    const char *tok = MHD_lookup_connection_value(x->c, MHD_COOKIE_KIND,
                                                  COOKIE);
    struct web_session *w;
    char cookie[160];

    pthread_mutex_lock(&x->a->lock);
    w = find_session(x->a, tok, time(NULL));
    if (w != NULL)
        sodium_memzero(w, sizeof *w);
    pthread_mutex_unlock(&x->a->lock);
    if (x->a->opts->log != NULL) {
        fprintf(x->a->opts->log, "iss serve: staff %s signed out from %s\n",
                x->sess.staff, x->rq->addr);
        fflush(x->a->opts->log);
    }
    snprintf(cookie, sizeof cookie,
             COOKIE "=; Path=/staff; HttpOnly; SameSite=Strict; "
                    "Max-Age=0%s", x->rq->https ? "; Secure" : "");
    return redirect(x->c, "/staff/signin", cookie, x->status, x->bytes);
}

/* The history's command for a write from the staff area: who, from
 * where (the history row adds when and the OS user iss serve runs as). */
static void web_command(const struct ctx *x, const char *what, char *buf,
                        size_t size)
{
    snprintf(buf, size, "iss serve: staff %s from %s: %s", x->sess.staff,
             x->rq->addr, what);
}

static enum MHD_Result busy_or_fail(struct ctx *x, int rc,
                                    const struct iss_error *err,
                                    const char *back)
{
    if (rc == ISS_EINPUT)
        return message(x->c, MHD_HTTP_BAD_REQUEST, "Not recorded", err->msg,
                       back, "Back", x->status, x->bytes);
    if (strncmp(err->msg, "busy", 4) == 0)
        return message(x->c, MHD_HTTP_SERVICE_UNAVAILABLE, "Busy",
                       "Another change to the workspace is under way: try "
                       "again in a few seconds.", back, "Back", x->status,
                       x->bytes);
    return message(x->c, MHD_HTTP_INTERNAL_SERVER_ERROR, "Not recorded",
                   err->msg, back, "Back", x->status, x->bytes);
}

/* The outcome form of /staff/record into r (the session's UID into uid):
 * false, with the page saying what is wrong in *ret, when it is not
 * right. */
static bool record_form(struct ctx *x, const char *back, char *uid,
                        size_t uid_size, struct iss_record *r,
                        enum MHD_Result *ret)
{
    const char *body = x->rq->body;
    char outcome[40], minutes[16], cause[40], note[600], told[8], *end;
    const char *why = NULL;

    memset(r, 0, sizeof *r);
    r->minutes = -1;
    if (!form_field(body, "uid", uid, uid_size) ||
        !form_field(body, "outcome", outcome, sizeof outcome))
        why = "The form needs a session and an outcome.";
    else if ((r->outcome = iss_outcome_parse(outcome)) == ISS_OUT_NONE)
        why = "Not an outcome: attended, partial, absent_acceptable, "
              "absent_unacceptable, cancelled_by_service or rescheduled.";
    if (why == NULL && form_field(body, "minutes", minutes, sizeof minutes) &&
        minutes[0] != '\0') {
        long v = strtol(minutes, &end, 10);
        if (*end || v < 0 || v > 1440)
            why = "Minutes: a whole number from 0 to 1440.";
        else if (r->outcome == ISS_OUT_PARTIAL)
            r->minutes = (int)v;
    }
    if (why == NULL && r->outcome == ISS_OUT_PARTIAL) {
        if (r->minutes < 0)
            why = "Partial: give the minutes attended.";
        else if (!form_field(body, "cause", cause, sizeof cause) ||
                 (r->cause = iss_cause_parse(cause)) == ISS_CAUSE_NONE)
            why = "Partial: say why it ended early (the child, with or "
                  "without a good reason, or the service).";
    }
    if (why == NULL && form_field(body, "note", note, sizeof note)) {
        if (strlen(note) >= sizeof r->note || !iss_text_valid(note))
            why = "The note: one line of text, at most 511 bytes.";
        else
            snprintf(r->note, sizeof r->note, "%s", note);
    }
    if (why != NULL) {
        *ret = message(x->c, MHD_HTTP_BAD_REQUEST, "Not recorded", why,
                       back, "Back", x->status, x->bytes);
        return false;
    }
    r->told = form_field(body, "told", told, sizeof told) &&
              strcmp(told, "1") == 0;
    return true;
}

static enum MHD_Result do_record(struct ctx *x)
{
    const char *body = x->rq->body;
    char uid[64], date[16], back[64], command[256];
    struct iss_record r;
    struct iss_stored_session s;
    struct iss_store *st = NULL;
    struct iss_lock *lock = NULL;
    struct iss_error err = {0, ""};
    iss_date day;
    enum MHD_Result ret;
    bool changed = false, mine = false;
    int rc, k;

    snprintf(back, sizeof back, "/staff/today");
    if (form_field(body, "date", date, sizeof date) &&
        iss_date_parse(date, &day) == 0)
        snprintf(back, sizeof back, "/staff/today?date=%s", date);
    if (!record_form(x, back, uid, sizeof uid, &r, &ret))
        return ret;
    web_command(x, "attendance record", command, sizeof command);
    rc = iss_lock_take(x->a->dir, command, LOCK_WAIT, &lock, &err);
    if (rc == 0)
        rc = open_store(x->a, true, &st, &err);
    if (rc == 0) {
        rc = iss_store_session(st, uid, &s, &err);
        if (rc == ISS_EINPUT) {
            iss_store_close(st);
            iss_lock_release(lock);
            return message(x->c, MHD_HTTP_NOT_FOUND, "Not recorded",
                           "No published session has this UID.", back,
                           "Back", x->status, x->bytes);
        }
    }
    if (rc == 0) {
        for (k = 0; k < s.n_staff; k++)
            if (!s.staff[k].cancelled &&
                strcmp(s.staff[k].staff, x->sess.staff) == 0)
                mine = true;
        if (!mine && !x->manager) {
            iss_store_close(st);
            iss_lock_release(lock);
            return message(x->c, MHD_HTTP_FORBIDDEN, "Not yours",
                           "This session is another staff member's: only "
                           "they or a manager can record it.", back, "Back",
                           x->status, x->bytes);
        }
        snprintf(r.uid, sizeof r.uid, "%s", s.uid);
        snprintf(command + strlen(command), sizeof command - strlen(command),
                 " %s", iss_outcome_name(r.outcome));
        rc = iss_attendance_record(st, &r, command, &changed, &err);
    }
    iss_store_close(st);
    iss_lock_release(lock);
    if (rc != 0)
        return busy_or_fail(x, rc, &err, back);
    if (x->a->opts->log != NULL) {
        fprintf(x->a->opts->log, "iss serve: staff %s from %s recorded %s "
                                 "for %s%s\n",
                x->sess.staff, x->rq->addr, iss_outcome_name(r.outcome),
                r.uid, changed ? "" : " (already so recorded)");
        fflush(x->a->opts->log);
    }
    return redirect(x->c, back, NULL, x->status, x->bytes);
}

static enum MHD_Result do_action(struct ctx *x)
{
    const char *body = x->rq->body;
    char kase[ISS_ID_MAX], kind[40], note[600], command[256];
    struct iss_store *st = NULL;
    struct iss_lock *lock = NULL;
    struct iss_error err = {0, ""};
    struct iss_action closed;
    int rc, ci, k;

    if (!x->manager)
        return message(x->c, MHD_HTTP_FORBIDDEN, "Managers only",
                       "Only staff with the role manager can close "
                       "compliance actions.", "/staff/today", "Today",
                       x->status, x->bytes);
    if (!form_field(body, "case", kase, sizeof kase) ||
        !form_field(body, "kind", kind, sizeof kind) ||
        (ci = iss_workspace_case_index(x->ws, kase)) < 0 ||
        (k = iss_action_parse(kind)) < 0)
        return message(x->c, MHD_HTTP_BAD_REQUEST, "Not recorded",
                       "The form needs a case of cases/ and a kind of "
                       "action.", "/staff/actions", "Back", x->status,
                       x->bytes);
    if (!form_field(body, "note", note, sizeof note))
        note[0] = '\0';
    if (strlen(note) >= 500 || !iss_text_valid(note))
        return message(x->c, MHD_HTTP_BAD_REQUEST, "Not recorded",
                       "The note: one line of text, at most 499 bytes.",
                       "/staff/actions", "Back", x->status, x->bytes);
    web_command(x, "action done", command, sizeof command);
    snprintf(command + strlen(command), sizeof command - strlen(command),
             " %s %s", x->ws->cases[ci].id, iss_action_name(k));
    rc = iss_lock_take(x->a->dir, command, LOCK_WAIT, &lock, &err);
    if (rc == 0)
        rc = open_store(x->a, true, &st, &err);
    if (rc == 0)
        rc = iss_action_close(x->ws, st, ci, (enum iss_action_kind)k,
                              ISS_ACTION_DONE, iss_today(), x->sess.staff,
                              note, command, &closed, &err);
    iss_store_close(st);
    iss_lock_release(lock);
    if (rc != 0)
        return busy_or_fail(x, rc, &err, "/staff/actions");
    return redirect(x->c, "/staff/actions", NULL, x->status, x->bytes);
}

/* ---- the entry ---- */

/* Is url one of the staff area's pages or forms? */
static bool known_page(const char *url)
{
    static const char *const pages[] = {
        "/staff", "/staff/", "/staff/signin", "/staff/signout",
        "/staff/today", "/staff/week", "/staff/actions", "/staff/report",
        "/staff/record", "/staff/action"};
    size_t i;

    for (i = 0; i < sizeof pages / sizeof pages[0]; i++)
        if (strcmp(url, pages[i]) == 0)
            return true;
    return false;
}

/* The page or form the request asks for, by the URL: sign-in first, a
 * form only with its CSRF token. */
static enum MHD_Result route(struct ctx *x, const char *url, bool post)
{
    struct MHD_Connection *c = x->c;
    int *status = x->status;
    size_t *bytes = x->bytes;
    enum MHD_Result ret;

    if (strcmp(url, "/staff/signin") == 0) {
        if (post)
            ret = do_signin(x);
        else if (x->signed_in)
            ret = redirect(c, "/staff/today", NULL, status, bytes);
        else
            ret = page_signin(x, MHD_HTTP_OK, NULL);
    } else if (!x->signed_in) {
        /* pages lead to the sign-in; a form sent without a session is
         * refused */
        ret = post ? message(c, MHD_HTTP_UNAUTHORIZED, "Signed out",
                             "Sign in first (your session ended or was "
                             "signed out).", "/staff/signin", "Sign in",
                             status, bytes)
                   : redirect(c, "/staff/signin", NULL, status, bytes);
    } else if (post && !csrf_ok(x->sess.csrf, x->rq->body)) {
        ret = message(c, MHD_HTTP_FORBIDDEN, "Refused",
                      "The form is out of date or did not come from this "
                      "site (no valid CSRF token).", "/staff/today",
                      "Today", status, bytes);
    } else if (strcmp(url, "/staff") == 0 || strcmp(url, "/staff/") == 0) {
        ret = post ? message(c, MHD_HTTP_METHOD_NOT_ALLOWED, "Not allowed",
                             "GET only.", NULL, NULL, status, bytes)
                   : redirect(c, "/staff/today", NULL, status, bytes);
    } else if (strcmp(url, "/staff/signout") == 0) {
        ret = post ? do_signout(x)
                   : message(c, MHD_HTTP_METHOD_NOT_ALLOWED, "Not allowed",
                             "Sign out with the button.", "/staff/today",
                             "Today", status, bytes);
    } else if (strcmp(url, "/staff/record") == 0 ||
               strcmp(url, "/staff/action") == 0) {
        ret = !post ? message(c, MHD_HTTP_METHOD_NOT_ALLOWED, "Not allowed",
                              "POST only.", "/staff/today", "Today", status,
                              bytes)
              : strcmp(url, "/staff/action") == 0 ? do_action(x)
                  : do_record(x);
    } else if (post) {
        ret = message(c, MHD_HTTP_METHOD_NOT_ALLOWED, "Not allowed",
                      "GET only.", "/staff/today", "Today", status, bytes);
    } else if (strcmp(url, "/staff/today") == 0) {
        ret = page_today(x);
    } else if (strcmp(url, "/staff/week") == 0) {
        ret = page_week(x);
    } else if (strcmp(url, "/staff/report") == 0) {
        ret = page_report(x);
    } else {
        ret = page_actions(x);
    }
    return ret;
}

enum MHD_Result staff_handle(struct staff_area *a, struct MHD_Connection *c,
                             const struct staff_request *rq, int *status,
                             size_t *bytes)
{
    struct ctx x;
    const char *url = rq->url, *tok;
    struct web_session *w;
    bool post = strcmp(rq->method, "POST") == 0;
    bool get = strcmp(rq->method, "GET") == 0 ||
               strcmp(rq->method, "HEAD") == 0;
    time_t now = time(NULL);
    enum MHD_Result ret;

    memset(&x, 0, sizeof x);
    x.a = a;
    x.c = c;
    x.rq = rq;
    x.status = status;
    x.bytes = bytes;
    if (!post && !get)
        return message(c, MHD_HTTP_METHOD_NOT_ALLOWED, "Not allowed",
                       "GET, HEAD or POST only.", NULL, NULL, status, bytes);
    if (!known_page(url))
        return message(c, MHD_HTTP_NOT_FOUND, "Not found",
                       "No such page.", "/staff/today", "Today", status,
                       bytes);
    tok = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, COOKIE);
    pthread_mutex_lock(&a->lock);
    w = find_session(a, tok, now);
    if (w != NULL) {
        w->last = now;
        x.sess = *w;
        x.signed_in = true;
    }
    pthread_mutex_unlock(&a->lock);
    x.ws = load_ws(a);
    if (x.ws == NULL) {
        sodium_memzero(&x.sess, sizeof x.sess);
        return message(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                       "The workspace has problems",
                       "iss check names them; the staff area is back once "
                       "they are put right.", NULL, NULL, status, bytes);
    }
    /* a staff member no longer in team.json is signed out */
    if (x.signed_in &&
        iss_team_staff_index(&x.ws->team, x.sess.staff) < 0)
        x.signed_in = false;
    if (x.signed_in)
        x.manager = is_manager(x.ws, x.sess.staff);

    ret = route(&x, url, post);
    sodium_memzero(&x.sess, sizeof x.sess);
    iss_workspace_free(x.ws);
    return ret;
}
