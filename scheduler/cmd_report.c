/* iss report: required, planned, delivered; shortfall by cause; actions.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "iss/report.h"
#include "iss/store.h"

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

int cmd_report(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"week", required_argument, NULL, 'w'},
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"case", required_argument, NULL, 'c'},
        {"format", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    iss_date week = ISS_DATE_NONE, from = ISS_DATE_NONE, to = ISS_DATE_NONE;
    const char *format = "text";
    const char **ids = calloc((size_t)argc + 1, sizeof *ids);
    int *cases = calloc((size_t)argc + 1, sizeof *cases);
    size_t n_ids = 0, i;
    struct iss_workspace *ws = NULL;
    struct iss_store *st = NULL;
    struct iss_report *rep = NULL;
    struct iss_error err = {0, ""};
    char *db = NULL, *text = NULL;
    int ch, rc = 0;

    if (ids == NULL || cases == NULL) {
        free(ids);
        free(cases);
        return ISS_EFAIL;
    }
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'w':
            if (cli_date_arg("report", "--week", optarg, &week) != 0) {
                rc = ISS_EINPUT;
                goto out;
            }
            break;
        case 'f':
            if (cli_date_arg("report", "--from", optarg, &from) != 0) {
                rc = ISS_EINPUT;
                goto out;
            }
            break;
        case 't':
            if (cli_date_arg("report", "--to", optarg, &to) != 0) {
                rc = ISS_EINPUT;
                goto out;
            }
            break;
        case 'c':
            ids[n_ids++] = optarg;
            break;
        case 'F':
            format = optarg;
            break;
        case 'h':
            help();
            goto out;
        case ':':
            rc = cli_usage("report", "%s needs a value", argv[optind - 1]);
            goto out;
        default:
            rc = cli_usage("report", "unknown option '%s'",
                           argv[optind - 1]);
            goto out;
        }
    }
    if (optind < argc) {
        rc = cli_usage("report", "unexpected argument '%s'", argv[optind]);
        goto out;
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 &&
        strcmp(format, "csv") != 0 && strcmp(format, "html") != 0) {
        rc = cli_usage("report", "--format: '%s'; text, json, csv or html",
                       format);
        goto out;
    }
    if (week != ISS_DATE_NONE && (from != ISS_DATE_NONE ||
                                  to != ISS_DATE_NONE)) {
        rc = cli_usage("report", "give --week or --from/--to, not both");
        goto out;
    }
    if ((from == ISS_DATE_NONE) != (to == ISS_DATE_NONE)) {
        rc = cli_usage("report", "--from and --to go together");
        goto out;
    }
    if (from != ISS_DATE_NONE && to < from) {
        rc = cli_usage("report", "--to is before --from");
        goto out;
    }
    if (from != ISS_DATE_NONE && to - from > 3 * 366) {
        rc = cli_usage("report", "at most three years at a time");
        goto out;
    }
    if (week == ISS_DATE_NONE && from == ISS_DATE_NONE)
        week = iss_today();
    if (week != ISS_DATE_NONE)
        from = to = week;
    rc = cli_load_workspace(cli, &ws);
    if (rc != 0)
        goto out;
    for (i = 0; i < n_ids; i++) {
        cases[i] = iss_workspace_case_index(ws, ids[i]);
        if (cases[i] < 0) {
            rc = cli_usage("report", "--case: no case '%s' in cases/",
                           ids[i]);
            goto out;
        }
    }
    db = iss_path_join(cli->dir, "iss.db");
    if (db == NULL) {
        rc = ISS_EFAIL;
        goto out;
    }
    if (access(db, F_OK) == 0 && iss_store_open_read(db, &st, &err) != 0) {
        rc = cli_error(&err);
        goto out;
    }
    rc = iss_report_build(ws, st, from, to, cases, n_ids, iss_today(), &rep,
                          &err);
    if (rc != 0) {
        rc = cli_error(&err);
        goto out;
    }
    if (strcmp(format, "text") == 0) {
        iss_report_text(rep, ws, stdout);
    } else {
        text = strcmp(format, "json") == 0  ? iss_report_json(rep, ws)
               : strcmp(format, "csv") == 0 ? iss_report_csv(rep, ws)
                                            : iss_report_html(rep, ws);
        if (text == NULL) {
            rc = ISS_EFAIL;
            goto out;
        }
        fputs(text, stdout);
        if (strcmp(format, "json") == 0)
            fputc('\n', stdout);
    }
out:
    free(text);
    iss_report_free(rep);
    iss_store_close(st);
    iss_workspace_free(ws);
    free(db);
    free(ids);
    free(cases);
    return rc;
}
