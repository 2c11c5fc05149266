/* iss action: mark a compliance action done, or withdraw it.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "iss/actions.h"

static void help(void)
{
    fputs("Usage: iss [-C DIR] action done CASE KIND [--date D] [--by STAFF] "
          "[--note TEXT]\n"
          "       iss [-C DIR] action withdraw CASE KIND --note TEXT "
          "[--date D] [--by STAFF]\n"
          "Close the case's earliest open action of KIND: done (the warning\n"
          "was given, the meeting held, breach action taken...) or withdrawn\n"
          "(with the reason, e.g. evidence that the absence was acceptable).\n"
          "KIND is one of follow_up, warning, compliance_meeting, breach,\n"
          "first_contact, planning_meeting, review.\n\n"
          "  --date D      the day it was done (default: today); not before "
          "the\n"
          "                action was raised, not after today\n"
          "  --by STAFF    who did it (a staff id of team.json)\n"
          "  --note TEXT   a short note (one line; required to withdraw)\n\n"
          "A warning counts toward the next rung from the day after it was\n"
          "done; open actions stay in every report until closed.\n"
          "Exit status: 0 success, 1 failure inside iss, 2 bad input or "
          "usage.\n"
          "See docs/compliance.md.\n", stdout);
}

/* The options after "done" or "withdraw". *done: stop with the status
 * returned (help was shown, or the command line is wrong). */
static int parse_options(int argc, char **argv, iss_date *on,
                         const char **by, const char **note, bool *done)
{
    static const struct option opts[] = {
        {"date", required_argument, NULL, 'd'},
        {"by", required_argument, NULL, 'b'},
        {"note", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int ch, rc;

    *done = true;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc - 1, argv + 1, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'd':
            rc = cli_date_arg("action", "--date", optarg, on);
            if (rc != 0)
                return rc;
            break;
        case 'b':
            *by = optarg;
            break;
        case 'n':
            if (!iss_text_valid_cli(optarg) || strlen(optarg) >= 500)
                return cli_usage("action", "--note: one line of text, at "
                                           "most 499 bytes");
            *note = optarg;
            break;
        case 'h':
            help();
            return 0;
        case ':':
        default:
            return cli_option_error("action", ch, argv[optind]);
        }
    }
    *done = false;
    return 0;
}

/* "C1: Warning 2 done on ... (was due ...)". */
static void print_closed(const char *case_id, const struct iss_action *closed,
                         enum iss_action_state state, iss_date on)
{
    char d[ISS_HDATE_BUFSZ];

    printf("%s: %s", case_id, iss_action_label(closed->kind));
    if (closed->kind == ISS_ACTION_WARNING && closed->number == 0)
        printf(" (verbal)");
    else if (closed->kind == ISS_ACTION_WARNING ||
             closed->kind == ISS_ACTION_REVIEW)
        printf(" %d", closed->number);
    printf(" %s on %s", iss_action_state_name(state), iss_date_human(on, d));
    printf(" (was due %s)\n", iss_date_human(closed->due, d));
}

int cmd_action(struct cli *cli, int argc, char **argv)
{
    struct iss_workspace *ws = NULL;
    struct cli_store db = CLI_STORE_INIT;
    struct iss_error err = {0, ""};
    struct iss_action closed;
    enum iss_action_state state;
    iss_date on = ISS_DATE_NONE;
    const char *by = "", *note = "";
    char *command = NULL;
    int rc, ci, kind;
    bool done;

    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
                      strcmp(argv[1], "-h") == 0)) {
        help();
        return 0;
    }
    if (argc < 2 || (strcmp(argv[1], "done") != 0 &&
                     strcmp(argv[1], "withdraw") != 0))
        return cli_usage("action", "done CASE KIND or withdraw CASE KIND "
                                   "--note TEXT");
    state = strcmp(argv[1], "done") == 0 ? ISS_ACTION_DONE
                                         : ISS_ACTION_WITHDRAWN;
    rc = parse_options(argc, argv, &on, &by, &note, &done);
    if (done)
        return rc;
    if (argc - 1 - optind != 2)
        return cli_usage("action", "%s needs a CASE and a KIND", argv[1]);
    kind = iss_action_parse(argv[1 + optind + 1]);
    if (kind < 0)
        return cli_usage("action", "'%s' is not a kind: follow_up, warning, "
                                   "compliance_meeting, breach, "
                                   "first_contact, planning_meeting, review",
                         argv[1 + optind + 1]);
    if (state == ISS_ACTION_WITHDRAWN && note[0] == '\0')
        return cli_usage("action", "withdraw needs --note with the reason");
    rc = cli_load_workspace(cli, &ws);
    if (rc != 0)
        return rc;
    ci = iss_workspace_case_index(ws, argv[1 + optind]);
    if (ci < 0) {
        rc = cli_usage("action", "no case '%s' in cases/", argv[1 + optind]);
        goto out;
    }
    if (by[0] != '\0' && iss_team_staff_index(&ws->team, by) < 0) {
        rc = cli_usage("action", "--by: '%s' is not a staff id of team.json",
                       by);
        goto out;
    }
    if (on == ISS_DATE_NONE)
        on = iss_today();
    rc = cli_store_open(cli, "action", argc, argv, CLI_DB_WRITE, &db);
    if (rc != 0)
        goto out;
    command = cli_command_line("action", argc, argv);
    rc = iss_action_close(ws, db.st, ci, (enum iss_action_kind)kind, state, on,
                          by, note, command ? command : "iss action", &closed,
                          &err);
    if (rc != 0) {
        rc = cli_error(&err);
        goto out;
    }
    print_closed(ws->cases[ci].id, &closed, state, on);
out:
    free(command);
    cli_store_close(&db);
    iss_workspace_free(ws);
    return rc;
}
