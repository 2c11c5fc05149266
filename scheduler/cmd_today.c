/* iss today: the sessions of a day, with the short references iss
 * attendance record accepts, the child, time, place, staff and outcome.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "iss/attendance.h"
#include "iss/sessionref.h"
#include "iss/store.h"

static void help(void)
{
    fputs("Usage: iss [-C DIR] today [--date YYYY-MM-DD] [--staff ID] "
          "[--case ID]\n"
          "List the published sessions of a day (default: today), in time "
          "order:\n"
          "a short reference (the shortest unique start of the session's "
          "UID,\n"
          "at least 6 characters), the time, the child, what it is, the "
          "place,\n"
          "the staff and the outcome if one is recorded. Record one with\n"
          "iss attendance record REF OUTCOME.\n\n"
          "  --date DATE   the day (default: today)\n"
          "  --staff ID    only the sessions of this staff member\n"
          "  --case ID     only the sessions of this case\n\n"
          "Exit status: 0 success, 1 failure inside iss, 2 bad input or "
          "usage.\n"
          "See docs/attendance.md.\n",
          stdout);
}

struct row {
    char ref[64], time[16], child[80], what[110], place[110], staff[110],
        outcome[40];
};

static bool has_staff(const struct iss_stored_session *s, const char *id)
{
    int k;

    for (k = 0; k < s->n_staff; k++)
        if (!s->staff[k].cancelled && strcmp(s->staff[k].staff, id) == 0)
            return true;
    return false;
}

/* Display width of UTF-8 text: code points (names are not CJK-wide). */
static int width(const char *s)
{
    int w = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            w++;
    return w;
}

static void cell(const char *s, int w, bool last)
{
    fputs(s, stdout);
    if (!last)
        printf("%*s", w - width(s) + 2, "");
}

int cmd_today(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"date", required_argument, NULL, 'd'},
        {"staff", required_argument, NULL, 's'},
        {"case", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    iss_date day = ISS_DATE_NONE;
    const char *staff = NULL, *kase = NULL;
    struct iss_workspace *ws = NULL;
    struct iss_store *st = NULL;
    struct iss_stored_session *v = NULL;
    struct iss_uid_index ix = {NULL, 0};
    struct iss_error err = {0, ""};
    struct row *rows = NULL;
    size_t n = 0, n_rows = 0, i;
    int ch, rc = 0, n_cancelled = 0, w[7] = {0}, c;
    char *db = NULL, h[ISS_HDATE_BUFSZ];

    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'd':
            if (cli_date_arg("today", "--date", optarg, &day) != 0)
                return ISS_EINPUT;
            break;
        case 's':
            staff = optarg;
            break;
        case 'c':
            kase = optarg;
            break;
        case 'h':
            help();
            return 0;
        case ':':
            return cli_usage("today", "%s needs a value", argv[optind - 1]);
        default:
            return cli_usage("today", "unknown option '%s'",
                             argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage("today", "unexpected argument '%s'", argv[optind]);
    if (day == ISS_DATE_NONE)
        day = iss_today();
    rc = cli_load_workspace(cli, &ws);
    if (rc != 0)
        return rc;
    if (staff != NULL && iss_team_staff_index(&ws->team, staff) < 0) {
        rc = cli_usage("today", "--staff %s: no staff member has this id "
                                "in team.json", staff);
        goto out;
    }
    if (kase != NULL && iss_workspace_case_index(ws, kase) < 0) {
        rc = cli_usage("today", "--case %s: no case has this id in cases/",
                       kase);
        goto out;
    }
    db = iss_path_join_cli(cli->dir, "iss.db");
    if (db == NULL) {
        rc = ISS_EFAIL;
        goto out;
    }
    if ((rc = iss_store_open(db, false, &st, &err)) != 0 ||
        (rc = iss_store_week(st, iss_week_monday(day), &v, &n, &err)) != 0 ||
        (rc = iss_uid_index_load(st, &ix, &err)) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    rows = calloc(n + 1, sizeof *rows);
    if (rows == NULL) {
        rc = ISS_EFAIL;
        goto out;
    }
    for (i = 0; i < n; i++) {
        const struct iss_stored_session *s = &v[i];
        struct row *r = &rows[n_rows];
        enum iss_outcome o = ISS_OUT_NONE;
        int ci = iss_workspace_case_index(ws, s->kase);
        int ti = iss_team_type_index(&ws->team, s->type);
        int pi = s->place[0] ? iss_team_place_index(&ws->team, s->place)
                             : -1;
        int minutes = 0, k, named = 0;
        char a[6], b[6];
        size_t at = 0;
        if (s->date != day || (kase != NULL && strcmp(s->kase, kase) != 0) ||
            (staff != NULL && !has_staff(s, staff)))
            continue;
        if (s->cancelled) {
            n_cancelled++;
            continue;
        }
        iss_session_ref(&ix, s->uid, r->ref);
        snprintf(r->time, sizeof r->time, "%s-%s",
                 iss_clock_format(s->start, a), iss_clock_format(s->end, b));
        if (ci >= 0 && ws->cases[ci].feed_name[0])
            snprintf(r->child, sizeof r->child, "%s (%s)",
                     ws->cases[ci].feed_name, s->kase);
        else
            snprintf(r->child, sizeof r->child, "%s", s->kase);
        snprintf(r->what, sizeof r->what, "%s",
                 ti >= 0 ? ws->team.types[ti].name : s->type);
        snprintf(r->place, sizeof r->place, "%s",
                 pi >= 0 ? ws->team.places[pi].name
                         : s->place[0] ? s->place : "-");
        for (k = 0; k < s->n_staff; k++) {
            int si;
            if (s->staff[k].cancelled)
                continue;
            si = iss_team_staff_index(&ws->team, s->staff[k].staff);
            at += (size_t)snprintf(r->staff + at, sizeof r->staff - at,
                                   "%s%s (%s)", named++ ? ", " : "",
                                   si >= 0 ? ws->team.staff[si].first_name
                                           : s->staff[k].staff,
                                   s->staff[k].staff);
            if (at >= sizeof r->staff)
                break;
        }
        if ((rc = iss_attendance_latest(st, s->uid, &o, &minutes, &err)) !=
            0) {
            rc = cli_error(&err);
            goto out;
        }
        if (o == ISS_OUT_PARTIAL)
            snprintf(r->outcome, sizeof r->outcome, "partial (%d min)",
                     minutes);
        else
            snprintf(r->outcome, sizeof r->outcome, "%s",
                     o == ISS_OUT_NONE ? "-" : iss_outcome_name(o));
        n_rows++;
    }
    printf("Sessions on %s", iss_date_human(day, h));
    if (staff != NULL)
        printf(" with %s", staff);
    if (kase != NULL)
        printf(" of %s", kase);
    printf(": %zu\n", n_rows);
    if (n_rows > 0) {
        static const char *const head[7] = {"REF",   "TIME",  "CHILD",
                                            "WHAT",  "PLACE", "STAFF",
                                            "OUTCOME"};
        for (c = 0; c < 7; c++)
            w[c] = width(head[c]);
        for (i = 0; i < n_rows; i++) {
            const char *f[7] = {rows[i].ref,   rows[i].time,
                                rows[i].child, rows[i].what,
                                rows[i].place, rows[i].staff,
                                rows[i].outcome};
            for (c = 0; c < 7; c++)
                if (width(f[c]) > w[c])
                    w[c] = width(f[c]);
        }
        for (c = 0; c < 7; c++)
            cell(head[c], w[c], c == 6);
        putchar('\n');
        for (i = 0; i < n_rows; i++) {
            const char *f[7] = {rows[i].ref,   rows[i].time,
                                rows[i].child, rows[i].what,
                                rows[i].place, rows[i].staff,
                                rows[i].outcome};
            for (c = 0; c < 7; c++)
                cell(f[c], w[c], c == 6);
            putchar('\n');
        }
    }
    if (n_cancelled > 0)
        printf("(%d cancelled session%s not listed.)\n", n_cancelled,
               n_cancelled == 1 ? "" : "s");
    if (n_rows > 0)
        printf("Record an outcome: iss attendance record REF OUTCOME\n");
out:
    free(rows);
    free(v);
    iss_uid_index_free(&ix);
    iss_store_close(st);
    iss_workspace_free(ws);
    free(db);
    return rc;
}
