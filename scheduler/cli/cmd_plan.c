/* iss plan: plan one or more weeks and print the timetable.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "iss/attendance.h"
#include "iss/lock.h"
#include "iss/plan.h"
#include "iss/publish.h"
#include "iss/solve.h"
#include "iss/store.h"

static void help(void)
{
    fputs("Usage: iss [-C DIR] plan --week YYYY-MM-DD [--weeks N] "
          "[--case ID]...\n"
          "                [--replan] [--time-limit SECONDS] "
          "[--write-lp FILE] [--quiet]\n"
          "Plan the ISO week (Monday to Sunday) holding the date for every "
          "case\n"
          "whose order is in force that week; write out/plan-MONDAY.json "
          "and\n"
          "print the timetable per child and per staff member, and what "
          "is\n"
          "short and why.\n\n"
          "  --week DATE         a day of the (first) week to plan\n"
          "  --weeks N           plan N consecutive weeks (default 1)\n"
          "  --case ID           plan only this case (repeatable)\n"
          "  --replan            published sessions may move or go (each\n"
          "                      change costs; past days never change):\n"
          "                      after a change such as sick leave\n"
          "  --time-limit S      seconds for each week's solve (default: "
          "by the\n"
          "                      number of children, 10 up to 30, 30 at "
          "80,\n"
          "                      60 from 150)\n"
          "  --write-lp FILE     write the model GLPK solved (CPLEX LP); "
          "with\n"
          "                      --weeks, FILE gets -MONDAY before its "
          "extension\n"
          "  --quiet             write the plan but print no timetable\n"
          "  --wait[=S]          if another iss command is writing the "
          "workspace,\n"
          "                      wait for it (at most S seconds)\n"
          "  --greedy-only       the greedy first plan alone, no search "
          "(diagnostics)\n\n"
          "Exit status: 0 success, 1 failure inside iss, 2 bad input or "
          "usage.\n"
          "See docs/plan.md (the plan) and docs/solver.md (the model).\n",
          stdout);
}

static int ensure_out_dir(const char *dir, char **out_dir,
                          struct iss_error *err)
{
    char *p = iss_path_join(dir, "out");

    int rc;

    if (p == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    if ((rc = iss_out_dir_check(p, true, err)) != 0) {
        free(p);
        return rc;
    }
    *out_dir = p;
    return 0;
}

/* "new time, new worker, new place" for a moved session. */
static void change_labels(const struct iss_session *s, char *buf,
                          size_t size)
{
    bool same_staff = s->n_staff == s->was_n_staff &&
                      ((s->staff[0] == s->was_staff[0] &&
                        (s->n_staff < 2 || s->staff[1] == s->was_staff[1])) ||
                       (s->n_staff == 2 && s->staff[0] == s->was_staff[1] &&
                        s->staff[1] == s->was_staff[0]));
    size_t at = 0;

    buf[0] = '\0';
    if (s->date != s->was_date || s->start != s->was_start ||
        s->end != s->was_end)
        at += (size_t)snprintf(buf + at, size - at, "new time");
    if (!same_staff)
        at += (size_t)snprintf(buf + at, size - at, "%snew worker",
                               at ? ", " : "");
    if (s->place != s->was_place)
        at += (size_t)snprintf(buf + at, size - at, "%snew place",
                               at ? ", " : "");
    if (at == 0)
        snprintf(buf, size, "changed");
}

/* What a re-plan changed, for whom: each published session moved (and
 * what of it: the letter's labels), cancelled, and each session added to
 * a week the child already had sessions published in. */
static void print_changes(const struct iss_plan *plan,
                          const struct iss_workspace *ws)
{
    size_t i, j;
    int n = 0;
    char d[ISS_HDATE_BUFSZ], d2[ISS_HDATE_BUFSZ], a[6], b[6], c[6], e[6];
    char what[64];

    for (i = 0; i < plan->n_sessions; i++) {
        const struct iss_session *s = &plan->sessions[i];
        const struct iss_case *k = &ws->cases[s->kase];
        bool told = false;
        if (s->status == ISS_SESSION_PLANNED)
            for (j = 0; j < plan->n_sessions && !told; j++)
                told = plan->sessions[j].kase == s->kase &&
                       plan->sessions[j].status != ISS_SESSION_PLANNED;
        if (s->status != ISS_SESSION_MOVED &&
            s->status != ISS_SESSION_CANCELLED && !told)
            continue;
        if (n++ == 0)
            printf("Changes to published sessions (iss publish sends "
                   "them):\n");
        if (s->status == ISS_SESSION_MOVED) {
            change_labels(s, what, sizeof what);
            printf("  %s %s: %s %s %s-%s with %s -> %s %s-%s with %s "
                   "(moved: %s)\n",
                   k->id, k->feed_name, ws->team.types[s->type].id,
                   iss_date_human(s->was_date, d),
                   iss_clock_format(s->was_start, a),
                   iss_clock_format(s->was_end, b),
                   ws->team.staff[s->was_staff[0]].id,
                   iss_date_human(s->date, d2),
                   iss_clock_format(s->start, c),
                   iss_clock_format(s->end, e),
                   ws->team.staff[s->staff[0]].id, what);
        } else {
            printf("  %s %s: %s %s %s-%s with %s (%s)\n", k->id,
                   k->feed_name, ws->team.types[s->type].id,
                   iss_date_human(s->date, d),
                   iss_clock_format(s->start, a),
                   iss_clock_format(s->end, b),
                   ws->team.staff[s->staff[0]].id,
                   s->status == ISS_SESSION_CANCELLED ? "cancelled"
                                                      : "added");
        }
    }
    if (n == 0)
        printf("No published session changes.\n");
}

/* FILE.lp -> FILE-2026-11-23.lp when planning several weeks. */
static char *lp_name(const char *base, iss_date monday, int weeks)
{
    char d[ISS_DATE_BUFSZ];
    const char *dot = strrchr(base, '.'), *slash = strrchr(base, '/');
    size_t n = strlen(base) + 16;
    char *s = malloc(n);

    if (s == NULL)
        return NULL;
    if (weeks <= 1) {
        snprintf(s, n, "%s", base);
        return s;
    }
    iss_date_format(monday, d);
    if (dot != NULL && (slash == NULL || dot > slash))
        snprintf(s, n, "%.*s-%s%s", (int)(dot - base), base, d, dot);
    else
        snprintf(s, n, "%s-%s", base, d);
    return s;
}

/* What iss plan is asked for. */
struct plan_args {
    iss_date week;
    long weeks;
    double limit;         /* seconds; 0: by the number of children */
    const char *write_lp;
    const char **case_ids; /* --case, argc + 1 places */
    size_t n_case_ids;
    bool quiet, greedy_only, replan;
};

/* The options into a. *done: stop with the status returned (help was
 * shown, or an option is wrong). */
static int parse_options(struct cli *cli, int argc, char **argv,
                         struct plan_args *a, bool *done)
{
    static const struct option opts[] = {
        {"week", required_argument, NULL, 'w'},
        {"weeks", required_argument, NULL, 'n'},
        {"case", required_argument, NULL, 'c'},
        {"time-limit", required_argument, NULL, 't'},
        {"write-lp", required_argument, NULL, 'l'},
        {"quiet", no_argument, NULL, 'q'},
        {"greedy-only", no_argument, NULL, 'g'},
        {"replan", no_argument, NULL, 'R'},
        {"wait", optional_argument, NULL, 'W'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    char *end;
    int ch;

    *done = true;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'w':
            if (cli_date_arg("plan", "--week", optarg, &a->week) != 0)
                return ISS_EINPUT;
            break;
        case 'n':
            if (cli_weeks_arg("plan", optarg, &a->weeks) != 0)
                return ISS_EINPUT;
            break;
        case 'c':
            a->case_ids[a->n_case_ids++] = optarg;
            break;
        case 't':
            errno = 0;
            a->limit = strtod(optarg, &end);
            if (errno || *end || !(a->limit >= 1 && a->limit <= 86400))
                return cli_usage("plan", "--time-limit: '%s'; seconds from 1 "
                                         "to 86400", optarg);
            break;
        case 'l':
            a->write_lp = optarg;
            break;
        case 'q':
            a->quiet = true;
            break;
        case 'g':
            a->greedy_only = true;
            break;
        case 'R':
            a->replan = true;
            break;
        case 'W':
            if (cli_wait_arg(cli, "plan", optarg) != 0)
                return ISS_EINPUT;
            break;
        case 'h':
            help();
            return 0;
        case ':':
        default:
            return cli_option_error("plan", ch, argv[optind - 1]);
        }
    }
    *done = false;
    return 0;
}

int cmd_plan(struct cli *cli, int argc, char **argv)
{
    struct plan_args a = {ISS_DATE_NONE, 1, 0, NULL, NULL, 0,
                          false, false, false};
    iss_date week;
    long weeks;
    double limit;
    const char *write_lp;
    const char **case_ids = NULL;
    size_t n_case_ids, i;
    int *case_idx = NULL;
    bool quiet, greedy_only, replan, done;
    struct iss_workspace *ws = NULL;
    struct iss_plan *prev = NULL;
    struct iss_lock *lock = NULL;
    struct iss_error err = {0, ""};
    char *out_dir = NULL;
    int rc = 0, w;

    case_ids = a.case_ids = calloc((size_t)argc + 1, sizeof *case_ids);
    if (case_ids == NULL)
        return ISS_EFAIL;
    rc = parse_options(cli, argc, argv, &a, &done);
    if (done)
        goto out;
    week = a.week;
    weeks = a.weeks;
    limit = a.limit;
    write_lp = a.write_lp;
    n_case_ids = a.n_case_ids;
    quiet = a.quiet;
    greedy_only = a.greedy_only;
    replan = a.replan;
    if (optind < argc) {
        rc = cli_usage("plan", "unexpected argument '%s'", argv[optind]);
        goto out;
    }
    if (week == ISS_DATE_NONE) {
        rc = cli_usage("plan", "--week is required");
        goto out;
    }
    rc = cli_load_workspace(cli, &ws);
    if (rc != 0)
        goto out;
    if (n_case_ids > 0) {
        case_idx = calloc(n_case_ids + 1, sizeof *case_idx);
        if (case_idx == NULL) {
            rc = ISS_EFAIL;
            goto out;
        }
        for (i = 0; i < n_case_ids; i++) {
            case_idx[i] = iss_workspace_case_index(ws, case_ids[i]);
            if (case_idx[i] < 0) {
                rc = cli_usage("plan", "--case: no case '%s' in cases/",
                               case_ids[i]);
                goto out;
            }
        }
    }
    /* One writer at a time: the plan files and what the store says is
     * published do not change under this run. */
    rc = cli_lock(cli, "plan", argc, argv, &lock);
    if (rc != 0)
        goto out;
    rc = ensure_out_dir(cli->dir, &out_dir, &err);
    if (rc != 0) {
        rc = cli_error(&err);
        goto out;
    }
    for (w = 0; w < weeks; w++) {
        iss_date monday = iss_week_monday(week) + 7 * w;
        struct iss_solve_opts o;
        struct iss_plan *plan = NULL;
        char *path, *lp = NULL;

        struct iss_fixed_session *published = NULL;
        size_t n_published = 0;
        iss_solve_opts_init(&o);
        rc = iss_published_week(ws, cli->dir, monday, &published, &n_published,
                                &err);
        if (rc != 0) {
            rc = cli_error(&err);
            goto out;
        }
        o.published = published;
        o.n_published = n_published;
        o.replan = replan;
        o.today = iss_today();
        o.now = iss_now();
        o.time_limit = limit;
        o.cases = case_idx;
        o.n_cases = n_case_ids;
        o.previous_week = prev;
        o.greedy_only = greedy_only;
        o.progress = isatty(STDERR_FILENO) || getenv("ISS_PROGRESS")
                         ? stderr
                         : NULL;
        if (write_lp != NULL) {
            lp = lp_name(write_lp, monday, (int)weeks);
            if (lp == NULL) {
                rc = ISS_EFAIL;
                goto out;
            }
            o.write_lp = lp;
        }
        rc = iss_plan_week(ws, monday, &o, &plan, &err);
        if (lp != NULL) {
            /* GLPK keeps the mode of a model file that was there. */
            struct stat sb;
            if (lstat(lp, &sb) == 0 && S_ISREG(sb.st_mode) &&
                sb.st_uid == geteuid())
                chmod(lp, 0600);
        }
        free(lp);
        free(published);
        if (rc != 0) {
            rc = cli_error(&err);
            goto out;
        }
        path = iss_plan_path(out_dir, monday);
        if (path == NULL ||
            iss_plan_write_json(plan, ws, path, &err) != 0) {
            free(path);
            iss_plan_free(plan);
            rc = path == NULL ? ISS_EFAIL : cli_error(&err);
            goto out;
        }
        if (!quiet) {
            iss_plan_print(plan, ws, stdout);
            printf("Written: %s\n\n", path);
        }
        if (replan)
            print_changes(plan, ws);
        free(path);
        iss_plan_free(prev);
        prev = plan;
    }
out:
    iss_lock_release(lock);
    iss_plan_free(prev);
    iss_workspace_free(ws);
    free(out_dir);
    free(case_idx);
    free(case_ids);
    return rc;
}
