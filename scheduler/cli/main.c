/* iss - plans Intensive Supervision and Surveillance weeks: the command.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "iss/calendar.h"

struct command {
    const char *name;
    int (*run)(struct cli *cli, int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"check", cmd_check, "validate team.json, cases/ and bands; print every "
                         "problem"},
    {"phases", cmd_phases, "an order's calendar: months, hours, contacts, "
                           "ISS days"},
    {"plan", cmd_plan, "plan a week for every child: sessions, staff, "
                       "shortfalls"},
    {"publish", cmd_publish, "store a week's plan; write calendar feeds "
                             "and letters"},
    {"feeds", cmd_feeds, "list the calendar feeds; give one a new "
                         "address"},
    {"today", cmd_today, "a day's sessions with short references to "
                         "record outcomes"},
    {"attendance", cmd_attendance, "import or record what happened to "
                                   "sessions"},
    {"action", cmd_action, "mark a compliance action done, or withdraw "
                           "it"},
    {"letters", cmd_letters, "write the letters of open warnings and "
                             "breach actions"},
    {"report", cmd_report, "required, planned, delivered; shortfall by "
                           "cause; actions due"},
    {"serve", cmd_serve, "serve the calendar feeds (and the staff area) "
                         "over HTTP"},
    {"staff", cmd_staff, "set a staff member's password for the staff "
                         "area"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    size_t i;

    fputs("Usage: iss [-C DIR] COMMAND [OPTIONS]\n"
          "Plan Intensive Supervision and Surveillance (ISS) weeks for the\n"
          "children of a youth justice team, in a workspace folder holding\n"
          "team.json and cases/.\n\n"
          "Commands:\n", out);
    for (i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\nOptions:\n"
          "  -C DIR       run in the workspace DIR (default: here)\n"
          "  --wait[=S]   when another iss command is writing the "
          "workspace,\n"
          "               wait for it (at most S seconds) instead of "
          "failing\n"
          "  -h, --help   show this help (iss COMMAND --help for one "
          "command)\n"
          "  -V, --version  show the version\n\n"
          "Exit status: 0 success, 1 failure inside iss, 2 bad input or "
          "usage.\n"
          "Documentation: man iss (every command and option); README.md and\n"
          "docs/ of the source.\n", out);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"directory", required_argument, NULL, 'C'},
        {"wait", optional_argument, NULL, 'W'},
        {NULL, 0, NULL, 0}};
    struct cli cli = {".", 0};
    struct iss_error err = {0, ""};
    size_t i;
    int ch;

    /* Everything iss writes (the store and its WAL, plans, feeds,
     * letters, LP models) is for its user alone. */
    umask(077);
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "+hVC:", opts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("iss %s\n", ISS_VERSION);
            return 0;
        case 'C':
            cli.dir = optarg;
            break;
        case 'W':
            if (cli_wait_arg(&cli, NULL, optarg) != 0)
                return ISS_EINPUT;
            break;
        case ':':
        default:
            return cli_option_error(NULL, ch, argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage(NULL, "no command given");
    if (iss_tz_init(&err) != 0)
        return cli_error(&err);
    for (i = 0; i < N_COMMANDS; i++) {
        if (strcmp(argv[optind], commands[i].name) == 0) {
            int sub_argc = argc - optind;
            char **sub_argv = argv + optind;
            optind = 0; /* reset getopt for the command (GNU) */
            return commands[i].run(&cli, sub_argc, sub_argv);
        }
    }
    return cli_usage(NULL, "'%s' is not a command", argv[optind]);
}
