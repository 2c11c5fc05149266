/* iss letters: write the compliance letters of the open warning and
 * breach actions (docs/letters.md, "Compliance letters").
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "iss/complletters.h"

static void help(void)
{
    fputs("Usage: iss [-C DIR] letters [--case ID]\n"
          "Write a printable letter for each open warning and breach "
          "action\n"
          "(iss report lists them) in out/letters/: the note of a verbal\n"
          "warning (CASE-note-DATE.html), warning letters with the next\n"
          "appointment and, where the policy has one, the meeting with a\n"
          "manager (CASE-letterN-DATE.html), and the final notice when "
          "breach\n"
          "action is due (CASE-final-DATE.html); DATE is the day of the\n"
          "appointment missed. An under-16 whose case names a carer also "
          "gets\n"
          "a copy for them (...-copy.html). iss publish writes them too.\n"
          "Letters of actions done are kept as they are; those of actions\n"
          "withdrawn are removed.\n\n"
          "  --case ID     only this case\n"
          "  --wait[=S]    if another iss command is writing the workspace,\n"
          "                wait for it (at most S seconds)\n\n"
          "Exit status: 0 success, 1 failure inside iss, 2 bad input or "
          "usage.\n"
          "See docs/letters.md and docs/compliance.md.\n", stdout);
}

int cmd_letters(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"case", required_argument, NULL, 'c'},
        {"wait", optional_argument, NULL, 'W'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct iss_workspace *ws = NULL;
    struct cli_store db = CLI_STORE_INIT;
    struct iss_error err = {0, ""};
    struct iss_compliance_report rep;
    const char *only = NULL;
    char *out_dir = NULL;
    int ch, rc, ci = -1;

    memset(&rep, 0, sizeof rep);
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'c':
            only = optarg;
            break;
        case 'W':
            if (cli_wait_arg(cli, "letters", optarg) != 0)
                return ISS_EINPUT;
            break;
        case 'h':
            help();
            return 0;
        case ':':
        default:
            return cli_option_error("letters", ch, argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage("letters", "unexpected argument '%s'",
                         argv[optind]);
    rc = cli_load_workspace(cli, &ws);
    if (rc != 0)
        return rc;
    if (only != NULL) {
        ci = iss_workspace_case_index(ws, only);
        if (ci < 0) {
            rc = cli_usage("letters", "--case: no case '%s' in cases/",
                           only);
            goto out;
        }
    }
    rc = cli_store_open(cli, "letters", argc, argv, CLI_DB_WRITE, &db);
    if (rc != 0)
        goto out;
    out_dir = iss_path_join(cli->dir, "out");
    if (out_dir == NULL) {
        rc = ISS_EFAIL;
        goto out;
    }
    rc = iss_write_compliance_letters(ws, db.st, out_dir, ci, iss_today(),
                                      iss_now(), &rep, &err);
    if (rc != 0) {
        rc = cli_error(&err);
        goto out;
    }
    if (rep.list != NULL)
        fputs(rep.list, stdout);
    printf("Compliance letters: %d in %s/letters/ (%d changed", rep.letters,
           out_dir, rep.written);
    if (rep.removed > 0)
        printf(", %d of actions withdrawn removed", rep.removed);
    printf(")\n");
out:
    free(rep.list);
    free(out_dir);
    cli_store_close(&db);
    iss_workspace_free(ws);
    return rc;
}
