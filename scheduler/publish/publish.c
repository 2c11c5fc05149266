/* iss - publishing a plan: the store, then the feeds.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/json.h"
#include "iss/team.h"
#include "iss/complletters.h"
#include "iss/ical.h"
#include "iss/publish.h"

/* ---- applying a plan ---- */

static void describe(const struct iss_workspace *ws,
                     const struct iss_stored_session *s, char *buf,
                     size_t size)
{
    char d[ISS_DATE_BUFSZ], a[6], b[6];
    size_t at;
    int k;

    snprintf(buf, size, "case %s %s %s-%s type %s%s%s staff", s->kase,
             iss_date_format(s->date, d), iss_clock_format(s->start, a),
             iss_clock_format(s->end, b), s->type,
             s->place[0] ? " place " : "", s->place);
    for (k = 0; k < s->n_staff; k++) {
        if (s->staff[k].cancelled)
            continue;
        at = strlen(buf);
        snprintf(buf + at, size - at, " %s", s->staff[k].staff);
    }
    (void)ws;
}

static bool same_staff(const struct iss_workspace *ws,
                       const struct iss_stored_session *s,
                       const struct iss_session *p);

/* The plan session's fields as a stored session (staff rows not set). */
static void from_plan(const struct iss_workspace *ws, iss_date monday,
                      const struct iss_session *p,
                      struct iss_stored_session *s)
{
    snprintf(s->kase, sizeof s->kase, "%s", ws->cases[p->kase].id);
    snprintf(s->type, sizeof s->type, "%s", ws->team.types[p->type].id);
    s->week = monday;
    s->date = p->date;
    s->start = p->start;
    s->end = p->end;
    s->start_utc = p->start_utc;
    s->end_utc = p->end_utc;
    s->pinned = p->pinned;
    snprintf(s->place, sizeof s->place, "%s",
             p->place >= 0 ? ws->team.places[p->place].id : "");
}

static const char *plan_place(const struct iss_workspace *ws,
                              const struct iss_session *p)
{
    return p->place >= 0 ? ws->team.places[p->place].id : "";
}

/* What moving s to the plan's p changes (ISS_CHANGED_* bits). */
static unsigned changes(const struct iss_workspace *ws,
                        const struct iss_stored_session *s,
                        const struct iss_session *p)
{
    unsigned c = 0;

    if (s->date != p->date || s->start != p->start || s->end != p->end)
        c |= ISS_CHANGED_TIME;
    if (!same_staff(ws, s, p))
        c |= ISS_CHANGED_STAFF;
    if (strcmp(s->place, plan_place(ws, p)) != 0)
        c |= ISS_CHANGED_PLACE;
    if (strcmp(s->type, ws->team.types[p->type].id) != 0)
        c |= ISS_CHANGED_TYPE;
    return c;
}

static bool same_staff(const struct iss_workspace *ws,
                       const struct iss_stored_session *s,
                       const struct iss_session *p)
{
    int k, j, current = 0;

    for (k = 0; k < s->n_staff; k++) {
        bool found = false;
        if (s->staff[k].cancelled)
            continue;
        current++;
        for (j = 0; j < p->n_staff; j++)
            if (strcmp(ws->team.staff[p->staff[j]].id, s->staff[k].staff) ==
                0)
                found = true;
        if (!found)
            return false;
    }
    return current == p->n_staff;
}

static bool same_session(const struct iss_workspace *ws,
                         const struct iss_stored_session *s,
                         const struct iss_session *p)
{
    return !s->cancelled && s->date == p->date && s->start == p->start &&
           s->end == p->end &&
           strcmp(s->type, ws->team.types[p->type].id) == 0 &&
           strcmp(s->place, plan_place(ws, p)) == 0 && same_staff(ws, s, p);
}

/* Set the staff rows of s to the plan's staff: rows of staff who stay get
 * a higher sequence when bump, new staff a new feed UID, staff who leave
 * are cancelled (their feed shows it). */
static int restaff(const struct iss_workspace *ws,
                   struct iss_stored_session *s, const struct iss_session *p,
                   bool bump, int64_t now, struct iss_error *err)
{
    bool keep[8] = {false};
    int k, j, rc;

    for (j = 0; j < p->n_staff; j++) {
        const char *id = ws->team.staff[p->staff[j]].id;
        for (k = 0; k < s->n_staff; k++)
            if (strcmp(s->staff[k].staff, id) == 0)
                break;
        if (k < s->n_staff) {
            struct iss_stored_staff *x = &s->staff[k];
            keep[k] = true;
            if (x->cancelled || bump) {
                x->sequence++;
                x->cancelled = false;
                x->last_change = now;
            }
            continue;
        }
        if (s->n_staff >= (int)(sizeof s->staff / sizeof s->staff[0]))
            return iss_fail(err, ISS_EFAIL, "session %s: too many staff "
                                            "changes", s->uid);
        k = s->n_staff++;
        memset(&s->staff[k], 0, sizeof s->staff[k]);
        snprintf(s->staff[k].staff, sizeof s->staff[k].staff, "%s", id);
        if ((rc = iss_random_hex(s->staff[k].feed_uid, 16, err)) != 0)
            return rc;
        s->staff[k].last_change = now;
        keep[k] = true;
    }
    for (k = 0; k < s->n_staff; k++)
        if (!keep[k] && !s->staff[k].cancelled) {
            s->staff[k].cancelled = true;
            s->staff[k].sequence++;
            s->staff[k].last_change = now;
        }
    return 0;
}

static void note(struct iss_publish_report *rep, const char *line)
{
    size_t have = rep->notes ? strlen(rep->notes) : 0;
    char *n = realloc(rep->notes, have + strlen(line) + 2);

    if (n == NULL)
        return;
    memcpy(n + have, line, strlen(line));
    n[have + strlen(line)] = '\n';
    n[have + strlen(line) + 1] = '\0';
    rep->notes = n;
}

/* One week's publish: the plan, what the store holds for the week, and
 * which stored sessions the plan has matched or names by UID. */
struct week_publish {
    const struct iss_workspace *ws;
    struct iss_store *st;
    struct iss_plan *plan;
    const char *command;
    struct iss_publish_report *rep;
    struct iss_stored_session *have;
    size_t n_have;
    bool *matched, *claimed;
    int64_t now;
};

/* Find the stored session: by UID, or (for a session new to the plan) one
 * already stored for the same child and start: a publish that was cut
 * short after its store step. */
static struct iss_stored_session *find_stored(struct week_publish *w,
                                              const struct iss_session *p)
{
    const char *kase = w->ws->cases[p->kase].id;
    size_t j;

    for (j = 0; j < w->n_have; j++) {
        struct iss_stored_session *h = &w->have[j];
        if (w->matched[j])
            continue;
        if (p->uid[0] != '\0' ? strcmp(h->uid, p->uid) == 0
                              : (!h->cancelled && !w->claimed[j] &&
                                 strcmp(h->kase, kase) == 0 &&
                                 h->date == p->date &&
                                 h->start == p->start)) {
            w->matched[j] = true;
            return h;
        }
    }
    return NULL;
}

/* Refuse a plan out of date against the store or against now; a session
 * new to the store that starts before now is left out (*left_out). */
static int check_session(struct week_publish *w,
                         const struct iss_stored_session *s,
                         const struct iss_session *p, bool *left_out,
                         struct iss_error *err)
{
    const struct iss_workspace *ws = w->ws;
    char d[ISS_DATE_BUFSZ], a[6];

    *left_out = false;
    if (s == NULL && p->uid[0] != '\0')
        return iss_fail(err, ISS_EINPUT,
                        "the plan's session %s (%s %s) is not in the "
                        "store: the plan is out of date; plan the week "
                        "again", p->uid, ws->cases[p->kase].id,
                        iss_date_format(p->date, d));
    if (s == NULL && p->start_utc < w->now) {
        /* Never given in writing before it started: left out. */
        char line[200];
        snprintf(line, sizeof line,
                 "left out: %s %s %s: it starts before now, so it can "
                 "no longer be given in writing beforehand",
                 ws->cases[p->kase].id, iss_date_format(p->date, d),
                 iss_clock_format(p->start, a));
        note(w->rep, line);
        w->rep->left_out++;
        *left_out = true;
        return 0;
    }
    if (s != NULL && s->start_utc <= w->now &&
        (p->status == ISS_SESSION_CANCELLED ||
         (!same_session(ws, s, p) && !s->cancelled)))
        return iss_fail(err, ISS_EINPUT,
                        "the plan changes session %s (%s %s %s), which "
                        "has started: the plan is out of date; plan the "
                        "week again",
                        s->uid, s->kase, iss_date_format(s->date, d),
                        iss_clock_format(s->start, a));
    if (s != NULL && p->status != ISS_SESSION_CANCELLED &&
        p->start_utc < w->now && !same_session(ws, s, p))
        return iss_fail(err, ISS_EINPUT,
                        "the plan moves session %s (%s) to %s %s, which "
                        "is before now: the plan is out of date; plan "
                        "the week again",
                        s->uid, s->kase, iss_date_format(p->date, d),
                        iss_clock_format(p->start, a));
    return 0;
}

/* New: a fresh UID, the plan's fields and staff. */
static int add_session(struct week_publish *w, const struct iss_session *p,
                       struct iss_stored_session *s, struct iss_error *err)
{
    size_t j;
    int rc;

    memset(s, 0, sizeof *s);
    if ((rc = iss_random_hex(s->uid, 16, err)) != 0)
        return rc;
    from_plan(w->ws, w->plan->monday, p, s);
    s->first_published = s->last_change = s->notice_at = w->now;
    /* Added to a week the child was already told about. */
    for (j = 0; j < w->n_have; j++)
        if (strcmp(w->have[j].kase, s->kase) == 0)
            s->changes |= ISS_CHANGED_ADDED;
    return restaff(w->ws, s, p, false, w->now, err);
}

/* Cancel the session and each staff member's copy of it. */
static void cancel_stored(struct iss_stored_session *s, int64_t now)
{
    int k;

    s->cancelled = true;
    s->sequence++;
    s->last_change = now;
    for (k = 0; k < s->n_staff; k++)
        if (!s->staff[k].cancelled) {
            s->staff[k].cancelled = true;
            s->staff[k].sequence++;
            s->staff[k].last_change = now;
        }
}

/* Moved (times, type, place or staff changed). A new time is notice given
 * now. */
static int move_session(struct week_publish *w, struct iss_stored_session *s,
                        const struct iss_session *p, struct iss_error *err)
{
    if (s->cancelled || s->date != p->date || s->start != p->start ||
        s->end != p->end)
        s->notice_at = w->now;
    s->changes |= changes(w->ws, s, p);
    from_plan(w->ws, w->plan->monday, p, s);
    s->cancelled = false;
    s->sequence++;
    s->last_change = w->now;
    return restaff(w->ws, s, p, true, w->now, err);
}

/* Bring the stored session *sp to the plan's p (NULL: a new session,
 * made in fresh); *event says what changed, NULL when nothing did. */
static int apply_session(struct week_publish *w,
                         struct iss_stored_session **sp,
                         struct iss_stored_session *fresh,
                         const struct iss_session *p, const char **event,
                         struct iss_error *err)
{
    struct iss_stored_session *s = *sp;
    struct iss_publish_report *rep = w->rep;
    char d[ISS_DATE_BUFSZ];
    int rc;

    *event = NULL;
    if (s == NULL) {
        *sp = fresh;
        if ((rc = add_session(w, p, fresh, err)) != 0)
            return rc;
        *event = "session added";
        rep->added++;
    } else if (p->status == ISS_SESSION_CANCELLED) {
        if (!s->cancelled) {
            cancel_stored(s, w->now);
            *event = "session cancelled";
            rep->cancelled++;
        } else {
            rep->unchanged++;
        }
    } else if (same_session(w->ws, s, p)) {
        rep->unchanged++;
    } else if (p->status == ISS_SESSION_PUBLISHED) {
        return iss_fail(err, ISS_EINPUT,
                        "session %s (%s %s) changed in the store after "
                        "this plan was made: plan the week again",
                        s->uid, s->kase, iss_date_format(s->date, d));
    } else {
        if ((rc = move_session(w, s, p, err)) != 0)
            return rc;
        *event = "session moved";
        rep->moved++;
    }
    return 0;
}

/* Store the changed session and log the event. */
static int record_event(struct week_publish *w,
                        const struct iss_stored_session *s,
                        const char *event, struct iss_error *err)
{
    char detail[256];
    int rc;

    if (!s->cancelled &&
        iss_short_notice(&w->ws->team.policy, s->start_utc, s->notice_at) &&
        s->notice_at == w->now)
        w->rep->short_notice++;
    if ((rc = iss_store_put(w->st, s, err)) != 0)
        return rc;
    describe(w->ws, s, detail, sizeof detail);
    return iss_store_log(w->st, w->command, event, s->uid, detail, err);
}

/* One session of the plan into the store; the plan's session takes the
 * stored UID, sequence and status. */
static int publish_session(struct week_publish *w, struct iss_session *p,
                           struct iss_error *err)
{
    struct iss_stored_session *s = find_stored(w, p), fresh;
    const char *event;
    bool left_out;
    int rc;

    rc = check_session(w, s, p, &left_out, err);
    if (rc != 0 || left_out)
        return rc;
    rc = apply_session(w, &s, &fresh, p, &event, err);
    if (rc == 0 && event != NULL)
        rc = record_event(w, s, event, err);
    if (rc != 0)
        return rc;
    snprintf(p->uid, sizeof p->uid, "%s", s->uid);
    p->sequence = s->sequence;
    p->status = s->cancelled ? ISS_SESSION_CANCELLED : ISS_SESSION_PUBLISHED;
    return 0;
}

/* The store may not hold sessions of the planned cases that the plan
 * does not know. */
static int check_unknown(const struct week_publish *w,
                         const bool *planned_case, struct iss_error *err)
{
    char d[ISS_DATE_BUFSZ], a[6];
    size_t j;

    for (j = 0; j < w->n_have; j++) {
        const struct iss_stored_session *h = &w->have[j];
        int c = iss_workspace_case_index(w->ws, h->kase);
        if (w->matched[j] || h->cancelled || c < 0 || !planned_case[c])
            continue;
        return iss_fail(err, ISS_EINPUT,
                        "the store has a session the plan does not know "
                        "(%s %s %s): the plan is older than the last "
                        "publish; plan the week again",
                        h->kase, iss_date_format(h->date, d),
                        iss_clock_format(h->start, a));
    }
    return 0;
}

/* One week's plan into the store, inside the caller's transaction. */
static int publish_week(const struct iss_workspace *ws, struct iss_store *st,
                        struct iss_plan *plan, const char *command,
                        struct iss_publish_report *rep, struct iss_error *err)
{
    struct week_publish w = {ws, st, plan, command, rep, NULL, 0,
                             NULL, NULL, iss_now()};
    bool *planned_case = NULL;
    size_t i, j;
    char detail[256], d[ISS_DATE_BUFSZ], what[96];
    int rc;

    memset(rep, 0, sizeof *rep);
    rc = iss_store_week(st, plan->monday, &w.have, &w.n_have, err);
    if (rc != 0)
        goto fail;
    w.matched = calloc(w.n_have + 1, sizeof *w.matched);
    planned_case = calloc(ws->n_cases + 1, sizeof *planned_case);
    w.claimed = calloc(w.n_have + 1, sizeof *w.claimed);
    if (w.matched == NULL || planned_case == NULL || w.claimed == NULL) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto fail;
    }
    for (i = 0; i < plan->n_cases; i++)
        planned_case[plan->cases[i].kase] = true;
    /* Stored sessions the plan names by UID are theirs: a new session at
     * the same child and start (a re-plan that cancels one session and
     * adds another in its place) must not take them. */
    for (i = 0; i < plan->n_sessions; i++)
        if (plan->sessions[i].uid[0] != '\0')
            for (j = 0; j < w.n_have; j++)
                if (strcmp(w.have[j].uid, plan->sessions[i].uid) == 0)
                    w.claimed[j] = true;
    for (i = 0; i < plan->n_sessions; i++)
        if ((rc = publish_session(&w, &plan->sessions[i], err)) != 0)
            goto fail;
    if ((rc = check_unknown(&w, planned_case, err)) != 0)
        goto fail;
    snprintf(what, sizeof what, "%d added, %d moved, %d cancelled",
             rep->added, rep->moved, rep->cancelled);
    snprintf(detail, sizeof detail, "week %s: %s",
             iss_date_format(plan->monday, d), what);
    rc = iss_store_log(st, command, "week published", NULL, detail, err);
fail:
    free(w.have);
    free(w.matched);
    free(w.claimed);
    free(planned_case);
    return rc;
}

int iss_publish_plans(const struct iss_workspace *ws, struct iss_store *st,
                      struct iss_plan *const *plans, size_t n_plans,
                      const char *command, struct iss_publish_report *reps,
                      struct iss_error *err)
{
    size_t w;
    int rc;

    rc = iss_store_begin(st, err);
    if (rc != 0)
        return rc;
    for (w = 0; w < n_plans; w++)
        if ((rc = publish_week(ws, st, plans[w], command, &reps[w], err)) !=
            0)
            goto fail;
    /* Every owner of a published session has a feed. */
    rc = iss_store_feeds_ensure(st, err);
    if (rc != 0)
        goto fail;
    rc = iss_store_commit(st, err);
    if (rc != 0)
        goto fail;
    return 0;
fail:
    iss_store_rollback(st);
    return rc;
}

int iss_publish_plan(const struct iss_workspace *ws, struct iss_store *st,
                     struct iss_plan *plan, const char *command,
                     struct iss_publish_report *rep, struct iss_error *err)
{
    return iss_publish_plans(ws, st, &plan, 1, command, rep, err);
}

/* ---- output files ---- */

int iss_out_dir_check(const char *path, bool create, struct iss_error *err)
{
    struct stat sb;

    if (lstat(path, &sb) != 0) {
        if (errno != ENOENT)
            return iss_fail(err, ISS_EFAIL, "%s: %s", path, strerror(errno));
        if (!create)
            return 0;
        if (mkdir(path, 0700) != 0 && errno != EEXIST)
            return iss_fail(err, ISS_EFAIL, "%s: cannot create: %s", path,
                            strerror(errno));
        if (lstat(path, &sb) != 0)
            return iss_fail(err, ISS_EFAIL, "%s: %s", path, strerror(errno));
    }
    /* A link is not followed: iss would write, chmod and clean up in a
     * folder that is not the workspace's. */
    if (S_ISLNK(sb.st_mode))
        return iss_fail(err, ISS_EINPUT,
                        "%s: a symbolic link; iss writes only into a real "
                        "folder of the workspace: replace the link with a "
                        "folder", path);
    if (!S_ISDIR(sb.st_mode))
        return iss_fail(err, ISS_EINPUT,
                        "%s: not a folder; iss keeps what it writes there: "
                        "move this file away", path);
    if (sb.st_uid == geteuid() && (sb.st_mode & 077) != 0 &&
        chmod(path, 0700) != 0)
        return iss_fail(err, ISS_EFAIL, "%s: chmod: %s", path,
                        strerror(errno));
    return 0;
}

static int ensure_dir(const char *path, struct iss_error *err)
{
    return iss_out_dir_check(path, true, err);
}

/* "-YYYY-MM-DD" + suffix at the end of name[0, len)? */
static bool dated(const char *name, size_t len, const char *suffix)
{
    size_t sl = strlen(suffix), i;
    iss_date d;
    char buf[11];

    if (len < 11 + sl || strncmp(name + len - sl, suffix, sl) != 0 ||
        name[len - sl - 11] != '-')
        return false;
    memcpy(buf, name + len - sl - 10, 10);
    buf[10] = '\0';
    for (i = 0; i < 10; i++)
        if (buf[i] == '\0')
            return false;
    return iss_date_parse(buf, &d) == 0;
}

/* Is name[0, len) a file iss writes in that folder of out/? kind 'o' (out:
 * plan-DATE.json), 'l' (letters: CASE-DATE.html of a case), 'f' (feeds: a
 * file the store records as written). */
static bool ours(const struct iss_workspace *ws, struct iss_store *st,
                 char kind, const char *name, size_t len)
{
    char buf[256];
    bool known = false;
    size_t c;

    if (len >= sizeof buf)
        return false;
    if (kind == 'o')
        return len == 20 && strncmp(name, "plan-", 5) == 0 &&
               dated(name, len, ".json");
    if (kind == 'l') {
        snprintf(buf, sizeof buf, "%.*s", (int)len, name);
        for (c = 0; c < ws->n_cases; c++)
            if (iss_compliance_letter_file(ws->cases[c].id, buf))
                return true;
        if (!dated(name, len, ".html"))
            return false;
        for (c = 0; c < ws->n_cases; c++)
            if (strlen(ws->cases[c].id) == len - 16 &&
                strncmp(name, ws->cases[c].id, len - 16) == 0)
                return true;
        return false;
    }
    snprintf(buf, sizeof buf, "feeds/%.*s", (int)len, name);
    return iss_store_file_known(st, buf, &known, NULL) == 0 && known;
}

/* Remove temporary files a killed run left in dir ("NAME.tmpXXXXXX" of
 * iss_write_file_atomic: never served, never read): only those of a NAME
 * iss writes there. The caller holds the workspace lock, so no other iss
 * run is writing one now. */
static void clean_temp(const struct iss_workspace *ws, struct iss_store *st,
                       char kind, const char *dir)
{
    DIR *dh = opendir(dir);
    struct dirent *de;

    while (dh != NULL && (de = readdir(dh)) != NULL) {
        size_t len = strlen(de->d_name), i;
        bool tmp = len > 10 &&
                   strncmp(de->d_name + len - 10, ".tmp", 4) == 0;
        for (i = len - 6; tmp && i < len; i++)
            tmp = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX"
                         "YZ0123456789", de->d_name[i]) != NULL;
        if (tmp && ours(ws, st, kind, de->d_name, len - 10)) {
            char *path = iss_path_join(dir, de->d_name);
            if (path != NULL)
                unlink(path);
            free(path);
        }
    }
    if (dh != NULL)
        closedir(dh);
}

/* Write text to path unless the file already holds exactly it. Returns
 * 1 when written, 0 when unchanged, or an error code (negative). */
static int write_if_changed(const char *path, const char *text,
                            struct iss_error *err)
{
    char *old = NULL;
    size_t old_len = 0, len = strlen(text);
    struct iss_error e2 = {0, ""};
    int rc;

    if (iss_read_file(path, 64u << 20, &old, &old_len, &e2) == 0 &&
        old_len == len && memcmp(old, text, len) == 0) {
        free(old);
        return 0;
    }
    free(old);
    rc = iss_write_file_atomic(path, text, len, 0600, err);
    return rc == 0 ? 1 : -rc;
}

int iss_write_feeds(const struct iss_workspace *ws, struct iss_store *st,
                    const char *out_dir, iss_date today,
                    struct iss_publish_report *rep, struct iss_error *err)
{
    struct iss_feed_entry *feeds = NULL;
    size_t n_feeds = 0, i;
    char *dir = iss_path_join(out_dir, "feeds");
    int rc;
    DIR *dh;
    struct dirent *de;

    if (dir == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    if ((rc = ensure_dir(out_dir, err)) != 0 ||
        (rc = ensure_dir(dir, err)) != 0)
        goto out;
    /* The feed list and the files written from it are read and written
     * under the workspace lock (the caller's): a rotation or another
     * publish cannot change them in between. Each file is recorded as
     * iss's before it is written. */
    if ((rc = iss_store_begin(st, err)) != 0)
        goto out;
    rc = iss_store_feeds(st, &feeds, &n_feeds, err);
    for (i = 0; rc == 0 && i < n_feeds; i++) {
        char name[ISS_TOKEN_MAX + 16];
        snprintf(name, sizeof name, "feeds/%s.ics", feeds[i].token);
        rc = iss_store_file_add(st, name, err);
    }
    if (rc != 0 || (rc = iss_store_commit(st, err)) != 0) {
        iss_store_rollback(st);
        goto out;
    }
    clean_temp(ws, st, 'o', out_dir);
    clean_temp(ws, st, 'f', dir);
    iss_pausepoint("writing the feeds");
    for (i = 0; i < n_feeds; i++) {
        struct iss_stored_session *s = NULL;
        size_t n = 0;
        char name[ISS_TOKEN_MAX + 8], *path, *text;
        rc = iss_store_owner(st, feeds[i].kind, feeds[i].owner,
                             today - ISS_FEED_HISTORY_DAYS, &s, &n, err);
        if (rc != 0)
            goto out;
        text = iss_ical_feed(ws, feeds[i].kind, feeds[i].owner, s, n, today,
                             err);
        free(s);
        if (text == NULL) {
            rc = ISS_EFAIL;
            goto out;
        }
        snprintf(name, sizeof name, "%s.ics", feeds[i].token);
        path = iss_path_join(dir, name);
        if (path == NULL) {
            free(text);
            rc = iss_fail(err, ISS_EFAIL, "out of memory");
            goto out;
        }
        rc = write_if_changed(path, text, err);
        free(path);
        free(text);
        if (rc < 0) {
            rc = -rc;
            goto out;
        }
        rep->feeds_written += rc;
        rep->feeds++;
        rc = 0;
    }
    /* Files of no current feed (a rotated token) go: those iss wrote,
     * never another file someone put there. */
    dh = opendir(dir);
    while (rc == 0 && dh != NULL && (de = readdir(dh)) != NULL) {
        size_t len = strlen(de->d_name);
        bool current = false, known = false;
        char name[300];
        if (len < 5 || strcmp(de->d_name + len - 4, ".ics") != 0 ||
            len > 200)
            continue;
        for (i = 0; i < n_feeds; i++)
            if (len == strlen(feeds[i].token) + 4 &&
                strncmp(de->d_name, feeds[i].token, len - 4) == 0)
                current = true;
        if (current)
            continue;
        snprintf(name, sizeof name, "feeds/%s", de->d_name);
        rc = iss_store_file_known(st, name, &known, err);
        if (rc != 0 || !known) /* an error ends the loop, reported */
            continue;
        {
            char *old = iss_path_join(dir, de->d_name);
            if (old != NULL && (unlink(old) == 0 || errno == ENOENT))
                rc = iss_store_file_forget(st, name, err);
            free(old);
        }
    }
    if (dh != NULL)
        closedir(dh);
out:
    free(feeds);
    free(dir);
    return rc;
}

int iss_feed_rotate(const struct iss_workspace *ws, struct iss_store *st,
                    const char *out_dir, char kind, const char *id,
                    const char *command, struct iss_error *err)
{
    char token[ISS_TOKEN_MAX], old[ISS_TOKEN_MAX], detail[128];
    struct iss_publish_report rep;
    char *fd = iss_path_join(out_dir, "feeds");
    int rc;

    /* The folders the new file goes to, before the store changes. */
    if (fd == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    rc = iss_out_dir_check(out_dir, false, err);
    if (rc == 0)
        rc = iss_out_dir_check(fd, false, err);
    free(fd);
    if (rc != 0)
        return rc;
    if ((rc = iss_store_begin(st, err)) != 0)
        return rc;
    rc = iss_store_rotate(st, kind, id, token, old, err);
    snprintf(detail, sizeof detail, "%s %s", kind == 'c' ? "case" : "staff",
             id);
    rc = iss_store_end(st, rc, true, command, "feed rotated", NULL, detail,
                       err);
    if (rc != 0)
        return rc;
    memset(&rep, 0, sizeof rep);
    /* The new file is written and the old one removed. */
    return iss_write_feeds(ws, st, out_dir, iss_today(), &rep, err);
}

/* Write one letter file (name under dir) unless it holds the text. */
static int put_letter(const char *dir, const char *name, char *html,
                      struct iss_publish_report *rep, struct iss_error *err)
{
    char *path;
    int rc;

    if (html == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    path = iss_path_join(dir, name);
    rc = path ? write_if_changed(path, html, err) : -ISS_EFAIL;
    free(path);
    free(html);
    if (rc < 0)
        return -rc;
    rep->letters++;
    rep->letters_written += rc;
    return 0;
}

int iss_write_letters(const struct iss_workspace *ws, struct iss_store *st,
                      const char *out_dir, iss_date monday, iss_date today,
                      struct iss_publish_report *rep, struct iss_error *err)
{
    struct iss_stored_session *week = NULL;
    size_t n_week = 0, c;
    char *dir = iss_path_join(out_dir, "letters");
    int rc;

    if (dir == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    if ((rc = ensure_dir(out_dir, err)) != 0 ||
        (rc = ensure_dir(dir, err)) != 0 ||
        (rc = iss_store_week(st, monday, &week, &n_week, err)) != 0)
        goto out;
    clean_temp(ws, st, 'l', dir);
    for (c = 0; c < ws->n_cases; c++) {
        const struct iss_case *k = &ws->cases[c];
        struct iss_stored_session *mine = NULL, *ahead = NULL;
        size_t n_mine = 0, n_ahead = 0, i;
        char name[96], d[ISS_DATE_BUFSZ];
        bool any = false;
        for (i = 0; i < n_week; i++)
            if (strcmp(week[i].kase, k->id) == 0)
                any = true;
        if (!any)
            continue;
        rc = iss_store_owner(st, 'c', k->id, monday, &mine, &n_mine, err);
        if (rc != 0)
            goto out;
        /* this week's, then the four weeks after */
        ahead = malloc(sizeof *ahead * (n_mine + 1));
        if (ahead == NULL) {
            free(mine);
            rc = iss_fail(err, ISS_EFAIL, "out of memory");
            goto out;
        }
        {
            size_t j = 0;
            for (i = 0; i < n_mine; i++)
                if (mine[i].date > monday + 6 && mine[i].date <= monday + 34)
                    ahead[n_ahead++] = mine[i];
            for (i = 0; i < n_mine; i++)
                if (mine[i].date <= monday + 6)
                    mine[j++] = mine[i];
            n_mine = j;
        }
        snprintf(name, sizeof name, "%s-%s.html", k->id,
                 iss_date_format(monday, d));
        rc = put_letter(dir, name,
                        iss_letter_html(ws, (int)c, monday, mine, n_mine,
                                        ahead, n_ahead, today, false),
                        rep, err);
        /* The copy for a named parent or carer of an under-16. */
        if (rc == 0 && k->carer.name != NULL &&
            iss_age_on(k->date_of_birth, monday) < 16) {
            snprintf(name, sizeof name, "%s-%s-copy.html", k->id,
                     iss_date_format(monday, d));
            rc = put_letter(dir, name,
                            iss_letter_html(ws, (int)c, monday, mine,
                                            n_mine, ahead, n_ahead, today,
                                            true),
                            rep, err);
        }
        free(mine);
        free(ahead);
        if (rc != 0)
            goto out;
    }
out:
    free(week);
    free(dir);
    return rc;
}

int iss_write_letters_from(const struct iss_workspace *ws,
                           struct iss_store *st, const char *out_dir,
                           iss_date first_monday, iss_date today,
                           struct iss_publish_report *rep,
                           struct iss_error *err)
{
    iss_date from = first_monday - 28, *weeks = NULL;
    size_t n = 0, i;
    int rc;

    if (today != ISS_DATE_NONE && from < iss_week_monday(today))
        from = iss_week_monday(today);
    if (from > first_monday)
        from = first_monday;
    rc = iss_store_weeks(st, from, &weeks, &n, err);
    for (i = 0; rc == 0 && i < n; i++)
        rc = iss_write_letters(ws, st, out_dir, weeks[i], today, rep, err);
    free(weeks);
    return rc;
}

/* ---- the plan file ---- */

int iss_plan_update_json(const char *path, const struct iss_plan *plan,
                         struct iss_error *err)
{
    char *text = NULL, *out;
    size_t len, i = 0;
    cJSON *root, *sessions, *o;
    int rc;

    rc = iss_read_file(path, 64u << 20, &text, &len, err);
    if (rc != 0)
        return rc;
    root = cJSON_ParseWithLength(text, len);
    free(text);
    sessions = cJSON_GetObjectItemCaseSensitive(root, "sessions");
    if (!cJSON_IsArray(sessions)) {
        cJSON_Delete(root);
        return iss_fail(err, ISS_EINPUT, "%s: not a plan", path);
    }
    cJSON_ArrayForEach(o, sessions) {
        const struct iss_session *s;
        if (i >= plan->n_sessions)
            break;
        s = &plan->sessions[i++];
        cJSON_ReplaceItemInObjectCaseSensitive(o, "uid",
                                               cJSON_CreateString(s->uid));
        cJSON_ReplaceItemInObjectCaseSensitive(
            o, "sequence", cJSON_CreateNumber(s->sequence));
        cJSON_ReplaceItemInObjectCaseSensitive(
            o, "status", cJSON_CreateString(iss_session_status_name(
                             s->status)));
    }
    out = cJSON_Print(root);
    cJSON_Delete(root);
    if (out == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    len = strlen(out);
    {
        char *t2 = realloc(out, len + 2);
        if (t2 == NULL) {
            free(out);
            return iss_fail(err, ISS_EFAIL, "out of memory");
        }
        out = t2;
        out[len++] = '\n';
        out[len] = '\0';
    }
    rc = iss_write_file_atomic(path, out, len, 0600, err);
    free(out);
    return rc;
}
