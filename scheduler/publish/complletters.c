/* iss - writing the compliance letters of the open warning and breach
 * actions: what each says is gathered from the store (the appointment
 * missed, the next one, the meeting with a manager), the text is
 * scheduler/publish/letters.c's. docs/letters.md, "Compliance letters".
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/actions.h"
#include "iss/attendance.h"
#include "iss/complletters.h"
#include "iss/publish.h"

void iss_compliance_letter_name(const char *case_id,
                                const struct iss_action *a, bool copy,
                                char *buf, size_t size)
{
    char d[ISS_DATE_BUFSZ], what[16];

    if (a->kind == ISS_ACTION_BREACH)
        snprintf(what, sizeof what, "final");
    else if (a->kind == ISS_ACTION_WARNING && a->number == 0)
        snprintf(what, sizeof what, "note");
    else if (a->kind == ISS_ACTION_WARNING)
        snprintf(what, sizeof what, "letter%d", a->number);
    else {
        if (size > 0)
            buf[0] = '\0';
        return;
    }
    snprintf(buf, size, "%s-%s-%s%s.html", case_id, what,
             iss_date_format(a->trigger, d), copy ? "-copy" : "");
}

bool iss_compliance_letter_file(const char *case_id, const char *name)
{
    size_t n = strlen(case_id), len;
    const char *p;
    iss_date d;
    char buf[11];

    if (strncmp(name, case_id, n) != 0 || name[n] != '-')
        return false;
    p = name + n + 1;
    if (strncmp(p, "note-", 5) == 0)
        p += 5;
    else if (strncmp(p, "final-", 6) == 0)
        p += 6;
    else if (strncmp(p, "letter", 6) == 0) {
        p += 6;
        if (*p < '1' || *p > '9')
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p++ != '-')
            return false;
    } else
        return false;
    len = strlen(p);
    if (len < 15)
        return false;
    memcpy(buf, p, 10);
    buf[10] = '\0';
    if (iss_date_parse(buf, &d) != 0)
        return false;
    return strcmp(p + 10, ".html") == 0 || strcmp(p + 10, "-copy.html") == 0;
}

/* Does html hold the same text as old, apart from the date paragraph? */
static bool same_but_date(const char *old, size_t old_len, const char *html)
{
    static const char mark[] = "<p class=\"date\">";
    const char *a = strstr(old, mark), *b = strstr(html, mark), *ae, *be;

    if (strlen(old) != old_len)
        return false;
    if (a == NULL || b == NULL || a - old != b - html ||
        memcmp(old, html, (size_t)(a - old)) != 0)
        return false;
    ae = strstr(a, "</p>");
    be = strstr(b, "</p>");
    return ae != NULL && be != NULL && strcmp(ae, be) == 0;
}

/* Write the letter unless the file already says the same (then it keeps
 * its date). */
static int put(const char *dir, const char *name, char *html,
               struct iss_compliance_report *rep, struct iss_error *err)
{
    char *path, *old = NULL;
    size_t old_len = 0;
    struct iss_error e2 = {0, ""};
    int rc = 0;

    if (html == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    path = iss_path_join(dir, name);
    if (path == NULL) {
        free(html);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    if (iss_read_file(path, 1u << 20, &old, &old_len, &e2) != 0 ||
        !same_but_date(old, old_len, html)) {
        rc = iss_write_file_atomic(path, html, strlen(html), 0600, err);
        if (rc == 0)
            rep->written++;
    }
    if (rc == 0)
        rep->letters++;
    free(old);
    free(path);
    free(html);
    return rc;
}

static void list_add(struct iss_compliance_report *rep, const char *line)
{
    size_t have = rep->list ? strlen(rep->list) : 0, n = strlen(line);
    char *nl = realloc(rep->list, have + n + 2);

    if (nl == NULL)
        return;
    memcpy(nl + have, line, n);
    nl[have + n] = '\n';
    nl[have + n + 1] = '\0';
    rep->list = nl;
}

/* The index of role "manager" in the team, -1 when nobody holds it. */
static int manager_role(const struct iss_team *t)
{
    size_t r, s;

    for (r = 0; r < t->n_roles && r < 64; r++)
        if (strcmp(t->roles[r], "manager") == 0)
            for (s = 0; s < t->n_staff; s++)
                if (t->staff[s].roles & ((iss_roles)1 << r))
                    return (int)r;
    return -1;
}

static bool with_manager(const struct iss_team *t, int role,
                         const struct iss_stored_session *s)
{
    int k;

    for (k = 0; role >= 0 && k < s->n_staff; k++) {
        int i;
        if (s->staff[k].cancelled)
            continue;
        i = iss_team_staff_index(t, s->staff[k].staff);
        if (i >= 0 && (t->staff[i].roles & ((iss_roles)1 << role)))
            return true;
    }
    return false;
}

/* The session the action is about, and whether the child left it early. */
static int missed_session(struct iss_store *st, const struct iss_action *a,
                          const struct iss_stored_session *s, size_t ns,
                          struct iss_compliance_letter *l,
                          struct iss_error *err)
{
    struct iss_record r;
    size_t j;
    int rc;

    for (j = 0; j < ns; j++)
        if (strcmp(s[j].uid, a->uid) == 0)
            l->missed = &s[j];
    if (l->missed == NULL)
        return 0;
    rc = iss_attendance_get(st, a->uid, &r, err);
    if (rc != 0)
        return rc;
    l->missed_partial = r.outcome == ISS_OUT_PARTIAL;
    return 0;
}

/* The next appointment: the first one still to start that is not being
 * rescheduled. */
static int next_session(struct iss_store *st,
                        const struct iss_stored_session *s, size_t ns,
                        int64_t now, struct iss_compliance_letter *l,
                        struct iss_error *err)
{
    struct iss_record r;
    size_t j;
    int rc;

    for (j = 0; j < ns && l->next == NULL; j++) {
        if (s[j].cancelled || s[j].start_utc <= now)
            continue;
        rc = iss_attendance_get(st, s[j].uid, &r, err);
        if (rc != 0)
            return rc;
        if (r.outcome != ISS_OUT_RESCHEDULED)
            l->next = &s[j];
    }
    return 0;
}

/* The compliance meeting this warning calls for, still due: a session
 * with a manager from now to its due day. */
static void compliance_meeting(const struct iss_team *t, int role,
                               const struct iss_action *acts, size_t n,
                               const struct iss_action *a,
                               const struct iss_stored_session *s,
                               size_t ns, int64_t now,
                               struct iss_compliance_letter *l)
{
    size_t j;

    for (j = 0; j < n; j++)
        if (acts[j].kind == ISS_ACTION_COMPLIANCE_MEETING &&
            acts[j].state == ISS_ACTION_DUE &&
            acts[j].number == a->number &&
            strcmp(acts[j].key, a->key) == 0 &&
            a->kind == ISS_ACTION_WARNING) {
            l->meeting = true;
            l->meeting_due = acts[j].due;
        }
    for (j = 0; l->meeting && j < ns && l->meeting_session == NULL; j++)
        if (!s[j].cancelled && s[j].start_utc > now &&
            s[j].date <= l->meeting_due && with_manager(t, role, &s[j]))
            l->meeting_session = &s[j];
}

/* The formal warnings given before a breach action, within the warned
 * period, in date order (actions come in order of the miss). */
static void warnings_given(const struct iss_policy *pol,
                           const struct iss_action *acts, size_t n,
                           const struct iss_action *a,
                           struct iss_compliance_letter *l)
{
    iss_date expiry = iss_add_months(a->trigger, -pol->warning_period_months);
    size_t j;
    int x, y;

    for (j = 0; j < n; j++)
        if (acts[j].kind == ISS_ACTION_WARNING && acts[j].number > 0 &&
            acts[j].state == ISS_ACTION_DONE &&
            acts[j].closed_on < a->trigger && acts[j].closed_on > expiry) {
            if (l->n_given == 10)
                memmove(l->given, l->given + 1, 9 * sizeof *l->given);
            else
                l->n_given++;
            l->given[l->n_given - 1] = acts[j].closed_on;
        }
    for (x = 1; x < l->n_given; x++)
        for (y = x; y > 0 && l->given[y - 1] > l->given[y]; y--) {
            iss_date t = l->given[y];
            l->given[y] = l->given[y - 1];
            l->given[y - 1] = t;
        }
    while (l->n_given > pol->warnings_before_breach &&
           pol->warnings_before_breach > 0) {
        memmove(l->given, l->given + 1,
                (size_t)(l->n_given - 1) * sizeof *l->given);
        l->n_given--;
    }
}

/* Write the letter of a due action (and the carer's copy when the child
 * was under 16) and add its line to the report's list. */
static int write_letter(const struct iss_workspace *ws, const char *dir,
                        int ci, const struct iss_action *a,
                        const struct iss_compliance_letter *l,
                        struct iss_compliance_report *rep,
                        struct iss_error *err)
{
    const struct iss_case *c = &ws->cases[ci];
    char name[160], line[300], d[ISS_HDATE_BUFSZ];
    int rc;

    iss_compliance_letter_name(c->id, a, false, name, sizeof name);
    rc = put(dir, name, iss_compliance_letter_html(ws, ci, l, false), rep,
             err);
    if (rc != 0)
        return rc;
    if (a->kind == ISS_ACTION_BREACH)
        snprintf(line, sizeof line, "%s final notice", c->id);
    else if (a->number == 0)
        snprintf(line, sizeof line, "%s verbal warning note", c->id);
    else
        snprintf(line, sizeof line, "%s warning %d letter", c->id,
                 a->number);
    snprintf(line + strlen(line), sizeof line - strlen(line),
             ", due %s: letters/%s", iss_date_human(a->due, d), name);
    if (c->carer.name != NULL &&
        iss_age_on(c->date_of_birth, a->trigger) < 16) {
        iss_compliance_letter_name(c->id, a, true, name, sizeof name);
        rc = put(dir, name, iss_compliance_letter_html(ws, ci, l, true),
                 rep, err);
        if (rc != 0)
            return rc;
        snprintf(line + strlen(line), sizeof line - strlen(line),
                 " (and the carer's copy)");
    }
    list_add(rep, line);
    return 0;
}

/* Letters of this case's actions withdrawn or no longer raised go (never
 * a file of another case whose id starts with this one's). */
static void remove_old_letters(const struct iss_workspace *ws, int ci,
                               const char *dir, char **keep, size_t n_keep,
                               struct iss_compliance_report *rep)
{
    const struct iss_case *c = &ws->cases[ci];
    size_t i, j, k = strlen(c->id);
    DIR *dh;
    struct dirent *de;

    for (i = 0; i < ws->n_cases; i++)
        if ((int)i != ci && strncmp(ws->cases[i].id, c->id, k) == 0 &&
            ws->cases[i].id[k] == '-')
            return;
    dh = opendir(dir);
    while (dh != NULL && (de = readdir(dh)) != NULL) {
        bool kept = false;
        if (!iss_compliance_letter_file(c->id, de->d_name))
            continue;
        for (j = 0; j < n_keep && !kept; j++)
            kept = strcmp(keep[j], de->d_name) == 0;
        if (!kept) {
            char *p = iss_path_join(dir, de->d_name);
            if (p != NULL && unlink(p) == 0)
                rep->removed++;
            free(p);
        }
    }
    if (dh != NULL)
        closedir(dh);
}

static int one_case(const struct iss_workspace *ws, struct iss_store *st,
                    const char *dir, int ci, iss_date today, int64_t now,
                    struct iss_compliance_report *rep, struct iss_error *err)
{
    const struct iss_case *c = &ws->cases[ci];
    struct iss_action *acts = NULL;
    struct iss_stored_session *s = NULL;
    size_t n = 0, ns = 0, i, j;
    char **keep = NULL;
    size_t n_keep = 0;
    int rc, role = manager_role(&ws->team);

    rc = iss_case_actions(ws, st, ci, today, &acts, &n, err);
    if (rc == 0)
        rc = iss_store_owner(st, 'c', c->id, c->order_start, &s, &ns, err);
    if (rc != 0)
        goto out;
    keep = calloc(2 * n + 1, sizeof *keep);
    if (keep == NULL) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    for (i = 0; i < n; i++) {
        const struct iss_action *a = &acts[i];
        struct iss_compliance_letter l;
        char name[160];
        int cp;

        if ((a->kind != ISS_ACTION_WARNING && a->kind != ISS_ACTION_BREACH) ||
            a->state == ISS_ACTION_WITHDRAWN)
            continue;
        for (cp = 0; cp < 2; cp++) {
            iss_compliance_letter_name(c->id, a, cp == 1, name, sizeof name);
            keep[n_keep++] = strdup(name);
            if (keep[n_keep - 1] == NULL) {
                rc = iss_fail(err, ISS_EFAIL, "out of memory");
                goto out;
            }
        }
        /* A letter of an action done is what was given: kept as it is. */
        if (a->state != ISS_ACTION_DUE)
            continue;
        memset(&l, 0, sizeof l);
        l.action = a;
        l.date = today;
        l.meeting_due = ISS_DATE_NONE;
        rc = missed_session(st, a, s, ns, &l, err);
        if (rc == 0)
            rc = next_session(st, s, ns, now, &l, err);
        if (rc != 0)
            goto out;
        compliance_meeting(&ws->team, role, acts, n, a, s, ns, now, &l);
        if (a->kind == ISS_ACTION_BREACH)
            warnings_given(&ws->team.policy, acts, n, a, &l);
        rc = write_letter(ws, dir, ci, a, &l, rep, err);
        if (rc != 0)
            goto out;
    }
    remove_old_letters(ws, ci, dir, keep, n_keep, rep);
out:
    for (j = 0; j < n_keep; j++)
        free(keep[j]);
    free(keep);
    free(acts);
    free(s);
    return rc;
}

int iss_write_compliance_letters(const struct iss_workspace *ws,
                                 struct iss_store *st, const char *out_dir,
                                 int only_case, iss_date today, int64_t now,
                                 struct iss_compliance_report *rep,
                                 struct iss_error *err)
{
    char *dir = iss_path_join(out_dir, "letters");
    size_t c;
    int rc;

    if (dir == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    rc = iss_out_dir_check(out_dir, true, err);
    if (rc == 0)
        rc = iss_out_dir_check(dir, true, err);
    for (c = 0; rc == 0 && c < ws->n_cases; c++)
        if (only_case < 0 || (int)c == only_case)
            rc = one_case(ws, st, dir, (int)c, today, now, rep, err);
    free(dir);
    return rc;
}
