/* iss publish: store the week's plan, write the feeds and the letters.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "iss/complletters.h"
#include "iss/plan.h"
#include "iss/publish.h"
#include "iss/solve.h"

static void help(void)
{
    fputs("Usage: iss [-C DIR] publish --week YYYY-MM-DD [--weeks N]\n"
          "Store the plan of the week (out/plan-MONDAY.json, made by iss "
          "plan)\n"
          "in iss.db and write a calendar feed for each child and staff\n"
          "member (out/feeds/TOKEN.ics) and a printable letter for each "
          "child\n"
          "(out/letters/CASE-MONDAY.html). New sessions get a random UID;\n"
          "moved ones keep theirs with a higher SEQUENCE; dropped ones are\n"
          "published as cancelled. Publishing the same plan again changes\n"
          "nothing. The letters of open warnings and breach actions are\n"
          "written again too (iss letters).\n\n"
          "  --week DATE   a day of the (first) week\n"
          "  --weeks N     publish N consecutive weeks (default 1)\n"
          "  --wait[=S]    if another iss command is writing the workspace,\n"
          "                wait for it (at most S seconds)\n\n"
          "Exit status: 0 success, 1 failure inside iss, 2 bad input or "
          "usage.\n"
          "See docs/feeds.md and docs/store.md.\n", stdout);
}

/* "iss publish --week 2026-11-23": the command line for the history,
 * without -C (the folder may name a person). */
char *cli_command_line(const char *name, int argc, char **argv)
{
    size_t len = strlen(name) + 8, at;
    char *s;
    int i;

    for (i = 1; i < argc; i++)
        len += strlen(argv[i]) + 1;
    s = malloc(len);
    if (s == NULL)
        return NULL;
    at = (size_t)snprintf(s, len, "iss %s", name);
    for (i = 1; i < argc; i++)
        at += (size_t)snprintf(s + at, len - at, " %s", argv[i]);
    return s;
}

/* The options of iss publish. *done: stop with the status returned (help
 * was shown, or the command line is wrong). */
static int parse_options(struct cli *cli, int argc, char **argv,
                         iss_date *week, long *weeks, bool *done)
{
    static const struct option opts[] = {
        {"week", required_argument, NULL, 'w'},
        {"weeks", required_argument, NULL, 'n'},
        {"wait", optional_argument, NULL, 'W'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int ch;

    *done = true;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'w':
            if (cli_date_arg("publish", "--week", optarg, week) != 0)
                return ISS_EINPUT;
            break;
        case 'n':
            if (cli_weeks_arg("publish", optarg, weeks) != 0)
                return ISS_EINPUT;
            break;
        case 'W':
            if (cli_wait_arg(cli, "publish", optarg) != 0)
                return ISS_EINPUT;
            break;
        case 'h':
            help();
            return 0;
        case ':':
        default:
            return cli_option_error("publish", ch, argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage("publish", "unexpected argument '%s'",
                         argv[optind]);
    if (*week == ISS_DATE_NONE)
        return cli_usage("publish", "--week is required");
    *done = false;
    return 0;
}

/* out/ and its folders are real folders (not links, not files) before
 * anything is stored. */
static int check_out_dirs(const char *out_dir)
{
    static const char *const sub[] = {"", "feeds", "letters"};
    struct iss_error err = {0, ""};
    int w, rc;

    for (w = 0; w < 3; w++) {
        char *p = w == 0 ? strdup(out_dir)
                         : iss_path_join(out_dir, sub[w]);
        rc = p == NULL ? iss_fail(&err, ISS_EFAIL, "out of memory")
                       : iss_out_dir_check(p, false, &err);
        free(p);
        if (rc != 0)
            return cli_error(&err);
    }
    return 0;
}

/* Every week's plan must be there before anything is stored. */
static int check_plans_there(const char *out_dir, iss_date week, long weeks)
{
    int w;

    for (w = 0; w < weeks; w++) {
        char d[ISS_DATE_BUFSZ], *path;
        iss_date monday = iss_week_monday(week) + 7 * w;
        iss_date_format(monday, d);
        path = iss_plan_path(out_dir, monday);
        if (path == NULL)
            return ISS_EFAIL;
        if (access(path, R_OK) != 0) {
            fprintf(stderr, "iss: %s: no plan for the week of %s; make one "
                            "first: iss plan --week %s\n",
                    path, d, d);
            free(path);
            return ISS_EINPUT;
        }
        free(path);
    }
    return 0;
}

/* Read each week's plan (paths[w] is its file). */
static int read_plans(const struct iss_workspace *ws, const char *out_dir,
                      iss_date week, long weeks, struct iss_plan **plans,
                      char **paths)
{
    struct iss_error err = {0, ""};
    int w;

    for (w = 0; w < weeks; w++) {
        iss_date monday = iss_week_monday(week) + 7 * w;
        paths[w] = iss_plan_path(out_dir, monday);
        if (paths[w] == NULL)
            return ISS_EFAIL;
        if (iss_plan_read_json(ws, paths[w], &plans[w], &err) != 0)
            return cli_error(&err);
    }
    return 0;
}

/* Each plan against the workspace as it is now: leave, availability,
 * curfews, commitments, orders and pins may have changed since it was
 * made. Nothing is published when any session no longer fits. */
static int recheck_plans(const struct iss_workspace *ws,
                         struct iss_plan **plans, char **paths, long weeks)
{
    struct iss_problems probs;
    int bad = 0, w;
    size_t i;

    iss_problems_init(&probs);
    for (w = 0; w < weeks; w++)
        bad += iss_plan_recheck(ws, plans[w], paths[w], iss_today(), &probs);
    if (bad > 0) {
        for (i = 0; i < probs.count; i++)
            fprintf(stderr, "%s\n", probs.items[i]);
        if (probs.dropped > 0)
            fprintf(stderr, "... and %zu more\n", probs.dropped);
        fprintf(stderr, "iss: %d session%s no longer fit%s; nothing was "
                        "published\n",
                bad, bad == 1 ? "" : "s", bad == 1 ? "s" : "");
    }
    iss_problems_clear(&probs);
    return bad > 0 ? ISS_EINPUT : 0;
}

/* What was published in each week, and the week's letters. */
static int write_week_letters(const struct iss_workspace *ws,
                              struct iss_store *st, const char *out_dir,
                              iss_date week, long weeks,
                              const struct iss_publish_report *reps,
                              struct iss_publish_report *total)
{
    struct iss_error err = {0, ""};
    int w;

    for (w = 0; w < weeks; w++) {
        char d[ISS_DATE_BUFSZ], h[ISS_HDATE_BUFSZ];
        iss_date monday = iss_week_monday(week) + 7 * w;
        printf("Published the week of %s: %d added, %d moved, %d "
               "cancelled, %d unchanged.\n",
               iss_date_human(monday, h), reps[w].added, reps[w].moved,
               reps[w].cancelled, reps[w].unchanged);
        if (reps[w].left_out > 0)
            printf("Left out %d session%s that start%s before now "
                   "(never given in writing beforehand):\n%s",
                   reps[w].left_out, reps[w].left_out == 1 ? "" : "s",
                   reps[w].left_out == 1 ? "s" : "", reps[w].notes);
        if (reps[w].short_notice > 0)
            printf("Short notice: %d session%s given less than %d hours "
                   "ahead (marked in the letter and the feed).\n",
                   reps[w].short_notice,
                   reps[w].short_notice == 1 ? "" : "s",
                   ws->team.policy.min_notice_hours);
        total->letters = 0;
        if (iss_write_letters(ws, st, out_dir, monday, iss_today(), total,
                              &err) != 0)
            return cli_error(&err);
        printf("Letters: %d in %s/letters/ (*-%s.html)\n", total->letters,
               out_dir, iss_date_format(monday, d));
    }
    return 0;
}

/* The files that follow from the store besides the weeks' letters: the
 * other letters, the compliance letters and the feeds. */
static int write_other_files(const struct iss_workspace *ws,
                             struct iss_store *st, const char *out_dir,
                             iss_date week, struct iss_publish_report *total)
{
    struct iss_compliance_report crep;
    struct iss_error err = {0, ""};
    int rc;

    /* Every other letter that shows these weeks (a month ahead) or comes
     * after them, and is not past, follows the store too. */
    total->letters = total->letters_written = 0;
    if (iss_write_letters_from(ws, st, out_dir, iss_week_monday(week),
                               iss_today(), total, &err) != 0)
        return cli_error(&err);
    if (total->letters_written > 0)
        printf("Letters of other weeks brought up to date: %d\n",
               total->letters_written);
    /* The letters of open warnings and breach actions: their next
     * appointment may have changed (docs/letters.md). */
    memset(&crep, 0, sizeof crep);
    rc = iss_write_compliance_letters(ws, st, out_dir, -1, iss_today(),
                                      iss_now(), &crep, &err);
    if (rc == 0 && crep.letters > 0)
        printf("Compliance letters: %d (%d changed); list them with "
               "iss letters\n",
               crep.letters, crep.written);
    free(crep.list);
    if (rc != 0)
        return cli_error(&err);
    if (iss_write_feeds(ws, st, out_dir, iss_today(), total, &err) != 0)
        return cli_error(&err);
    printf("Feeds: %d in %s/feeds/ (%d changed); list them with iss "
           "feeds\n",
           total->feeds, out_dir, total->feeds_written);
    return 0;
}

/* A case in these weeks whose conviction date is after today: the court
 * has not made the order yet, and its letters and feed go out now. A
 * warning, not a refusal (the date may be a slip; the officer decides). */
static void warn_unmade_orders(const struct iss_workspace *ws, iss_date week,
                               long weeks)
{
    iss_date from = iss_week_monday(week), to = from + 7 * weeks - 1;
    iss_date today = iss_today();
    char d[ISS_HDATE_BUFSZ];
    size_t i;

    for (i = 0; i < ws->n_cases; i++) {
        const struct iss_case *c = &ws->cases[i];
        if (c->conviction > today && c->order_start <= to &&
            c->order_end >= from)
            fprintf(stderr, "iss: warning: %s: the order's conviction date, "
                            "%s, is after today: the court has not made "
                            "the order yet, and its letters and feed go "
                            "out now\n",
                    c->id, iss_date_human(c->conviction, d));
    }
}

int cmd_publish(struct cli *cli, int argc, char **argv)
{
    iss_date week = ISS_DATE_NONE;
    long weeks = 1;
    struct iss_workspace *ws = NULL;
    struct cli_store db = CLI_STORE_INIT;
    struct iss_error err = {0, ""};
    struct iss_publish_report total;
    struct iss_plan **plans = NULL;
    struct iss_publish_report *reps = NULL;
    char **paths = NULL;
    char *out_dir = NULL, *command = NULL;
    int rc = 0, w;
    bool done;

    memset(&total, 0, sizeof total);
    rc = parse_options(cli, argc, argv, &week, &weeks, &done);
    if (done)
        return rc;
    rc = cli_load_workspace(cli, &ws);
    if (rc != 0)
        return rc;
    /* One writer at a time, for the rest of the run: the plan files, the
     * store and the feed list it writes from cannot change under it. */
    rc = cli_lock(cli, "publish", argc, argv, &db.lock);
    if (rc != 0)
        goto out;
    out_dir = iss_path_join(cli->dir, "out");
    command = cli_command_line("publish", argc, argv);
    if (out_dir == NULL || command == NULL) {
        rc = ISS_EFAIL;
        goto out;
    }
    if ((rc = check_out_dirs(out_dir)) != 0 ||
        (rc = check_plans_there(out_dir, week, weeks)) != 0)
        goto out;
    plans = calloc((size_t)weeks, sizeof *plans);
    reps = calloc((size_t)weeks, sizeof *reps);
    paths = calloc((size_t)weeks, sizeof *paths);
    if (plans == NULL || reps == NULL || paths == NULL) {
        rc = ISS_EFAIL;
        goto out;
    }
    if ((rc = read_plans(ws, out_dir, week, weeks, plans, paths)) != 0 ||
        (rc = recheck_plans(ws, plans, paths, weeks)) != 0)
        goto out;
    /* The store only now: a run refused above writes nothing. */
    rc = cli_store_open(cli, NULL, 0, NULL, CLI_DB_CREATE, &db);
    if (rc != 0)
        goto out;
    /* Every week in one transaction, then the files that follow from the
     * store: a killed or failed run stores all the weeks or none, and each
     * letter's month ahead sees every week this run publishes. */
    rc = iss_publish_plans(ws, db.st, plans, (size_t)weeks, command, reps,
                           &err);
    for (w = 0; rc == 0 && w < weeks; w++)
        rc = iss_plan_update_json(paths[w], plans[w], &err);
    if (rc != 0) {
        rc = cli_error(&err);
        goto out;
    }
    rc = write_week_letters(ws, db.st, out_dir, week, weeks, reps, &total);
    if (rc == 0)
        rc = write_other_files(ws, db.st, out_dir, week, &total);
    if (rc == 0)
        warn_unmade_orders(ws, week, weeks);
out:
    for (w = 0; plans != NULL && w < weeks; w++)
        iss_plan_free(plans[w]);
    for (w = 0; paths != NULL && w < weeks; w++)
        free(paths[w]);
    for (w = 0; reps != NULL && w < weeks; w++)
        free(reps[w].notes);
    free(plans);
    free(reps);
    free(paths);
    cli_store_close(&db);
    iss_workspace_free(ws);
    free(out_dir);
    free(command);
    return rc;
}
