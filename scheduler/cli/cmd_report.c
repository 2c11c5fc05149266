/* iss report: required, planned, delivered; shortfall by cause; actions.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "iss/report.h"

static void help(void)
{
    fputs("Usage: iss [-C DIR] report [--week DATE | --from DATE --to DATE]"
          "\n                  [--case ID]... [--format "
          "text|json|csv|html]\n"
          "Per child and week: required, planned and delivered minutes, the\n"
          "shortfall split by cause (child absent acceptable or "
          "unacceptable,\n"
          "cancelled by the service, never planned, not yet recorded, still "
          "to\n"
          "come), contacts, and the compliance actions due (warnings,\n"
          "compliance meetings, breach, follow-ups), overdue ones first.\n\n"
          "  --week DATE        the week holding DATE (default: this week)\n"
          "  --from/--to DATE   the weeks from one date to another\n"
          "  --case ID          only this case (repeatable)\n"
          "  --format FORMAT    text (default), json, csv (a row per child "
          "and\n"
          "                     week), html (one self-contained page with "
          "charts)\n\n"
          "Exit status: 0 success, 1 failure inside iss, 2 bad input or "
          "usage.\n"
          "See docs/report.md and docs/compliance.md.\n", stdout);
}

/* What iss report is asked for. */
struct report_args {
    iss_date week, from, to;
    const char *format;
    const char **ids; /* --case, argc + 1 places */
    size_t n_ids;
};

/* The options into a. *done: stop with the status returned (help was
 * shown, or the command line is wrong). */
static int parse_options(int argc, char **argv, struct report_args *a,
                         bool *done)
{
    static const struct option opts[] = {
        {"week", required_argument, NULL, 'w'},
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"case", required_argument, NULL, 'c'},
        {"format", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int ch;

    *done = true;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'w':
            if (cli_date_arg("report", "--week", optarg, &a->week) != 0)
                return ISS_EINPUT;
            break;
        case 'f':
            if (cli_date_arg("report", "--from", optarg, &a->from) != 0)
                return ISS_EINPUT;
            break;
        case 't':
            if (cli_date_arg("report", "--to", optarg, &a->to) != 0)
                return ISS_EINPUT;
            break;
        case 'c':
            a->ids[a->n_ids++] = optarg;
            break;
        case 'F':
            a->format = optarg;
            break;
        case 'h':
            help();
            return 0;
        case ':':
        default:
            return cli_option_error("report", ch, argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage("report", "unexpected argument '%s'", argv[optind]);
    *done = false;
    return 0;
}

/* The format and the period make sense; no period is this week, a week
 * is the period from and to its day. */
static int check_args(struct report_args *a)
{
    const char *format = a->format;

    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 &&
        strcmp(format, "csv") != 0 && strcmp(format, "html") != 0)
        return cli_usage("report", "--format: '%s'; text, json, csv or html",
                         format);
    if (a->week != ISS_DATE_NONE &&
        (a->from != ISS_DATE_NONE || a->to != ISS_DATE_NONE))
        return cli_usage("report", "give --week or --from/--to, not both");
    if ((a->from == ISS_DATE_NONE) != (a->to == ISS_DATE_NONE))
        return cli_usage("report", "--from and --to go together");
    if (a->from != ISS_DATE_NONE && a->to < a->from)
        return cli_usage("report", "--to is before --from");
    if (a->from != ISS_DATE_NONE && a->to - a->from > 3 * 366)
        return cli_usage("report", "at most three years at a time");
    if (a->week == ISS_DATE_NONE && a->from == ISS_DATE_NONE)
        a->week = iss_today();
    if (a->week != ISS_DATE_NONE)
        a->from = a->to = a->week;
    return 0;
}

/* The report on stdout in its format. */
static int print_report(const struct iss_report *rep,
                        const struct iss_workspace *ws, const char *format)
{
    char *text;

    if (strcmp(format, "text") == 0) {
        iss_report_text(rep, ws, stdout);
        return 0;
    }
    text = strcmp(format, "json") == 0  ? iss_report_json(rep, ws)
           : strcmp(format, "csv") == 0 ? iss_report_csv(rep, ws)
                                        : iss_report_html(rep, ws);
    if (text == NULL)
        return ISS_EFAIL;
    fputs(text, stdout);
    if (strcmp(format, "json") == 0)
        fputc('\n', stdout);
    free(text);
    return 0;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
    struct report_args a = {ISS_DATE_NONE, ISS_DATE_NONE, ISS_DATE_NONE,
                            "text", NULL, 0};
    int *cases = calloc((size_t)argc + 1, sizeof *cases);
    size_t i;
    struct iss_workspace *ws = NULL;
    struct cli_store db = CLI_STORE_INIT;
    struct iss_report *rep = NULL;
    struct iss_error err = {0, ""};
    int rc = 0;
    bool done;

    a.ids = calloc((size_t)argc + 1, sizeof *a.ids);
    if (a.ids == NULL || cases == NULL) {
        free(a.ids);
        free(cases);
        return ISS_EFAIL;
    }
    rc = parse_options(argc, argv, &a, &done);
    if (done || (rc = check_args(&a)) != 0)
        goto out;
    rc = cli_load_workspace(cli, &ws);
    if (rc != 0)
        goto out;
    for (i = 0; i < a.n_ids; i++) {
        cases[i] = iss_workspace_case_index(ws, a.ids[i]);
        if (cases[i] < 0) {
            rc = cli_usage("report", "--case: no case '%s' in cases/",
                           a.ids[i]);
            goto out;
        }
    }
    rc = cli_store_open(cli, NULL, 0, NULL, CLI_DB_READ_IF_ANY, &db);
    if (rc != 0)
        goto out;
    rc = iss_report_build(ws, db.st, a.from, a.to, cases, a.n_ids, iss_today(),
                          &rep, &err);
    if (rc != 0) {
        rc = cli_error(&err);
        goto out;
    }
    rc = print_report(rep, ws, a.format);
out:
    iss_report_free(rep);
    cli_store_close(&db);
    iss_workspace_free(ws);
    free(a.ids);
    free(cases);
    return rc;
}
