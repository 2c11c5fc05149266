/* iss staff password ID: set a staff member's password for the staff area
 * of iss serve (docs/staff.md). The password is read from the terminal
 * (without echo, twice) or, when stdin is not a terminal, as the first
 * line of stdin: never from the command line, where ps would show it.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "iss/staff.h"

static void help(void)
{
    fputs("Usage: iss [-C DIR] staff password ID\n"
          "Set (or replace) the password staff member ID (of team.json) "
          "signs in\n"
          "with to the staff area of iss serve. It is read from the "
          "terminal\n"
          "(typed twice, not shown) or, when stdin is not a terminal, as "
          "the\n"
          "first line of stdin; never from the command line. At least 10\n"
          "characters. Stored as an argon2id hash in iss.db (docs/staff.md)."
          "\n\n"
          "Exit status: 0 success, 1 failure inside iss, 2 bad input or "
          "usage.\n"
          "See docs/staff.md.\n", stdout);
}

/* One line from f into buf (size); false at EOF or when it is too long. */
static bool read_line(FILE *f, char *buf, size_t size)
{
    size_t n;

    if (fgets(buf, (int)size, f) == NULL)
        return false;
    n = strlen(buf);
    if (n > 0 && buf[n - 1] == '\n')
        buf[--n] = '\0';
    else if (!feof(f))
        return false; /* longer than the buffer */
    if (n > 0 && buf[n - 1] == '\r')
        buf[--n] = '\0';
    return true;
}

static bool prompt(const char *what, char *buf, size_t size)
{
    struct termios old, quiet;
    bool ok, echo_off;

    fputs(what, stderr);
    fflush(stderr);
    echo_off = tcgetattr(STDIN_FILENO, &old) == 0;
    if (echo_off) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        quiet.c_lflag |= ECHONL;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    ok = read_line(stdin, buf, size);
    if (echo_off)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    return ok;
}

int cmd_staff(struct cli *cli, int argc, char **argv)
{
    struct iss_workspace *ws = NULL;
    struct cli_store db = CLI_STORE_INIT;
    struct iss_error err = {0, ""};
    char pw[ISS_PASSWORD_MAX + 2], again[ISS_PASSWORD_MAX + 2];
    char *command = NULL;
    const char *why;
    int rc;

    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
                      strcmp(argv[1], "-h") == 0)) {
        help();
        return 0;
    }
    for (int i = 1; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_option_error("staff", '?', argv[i]);
    if (argc != 3 || strcmp(argv[1], "password") != 0)
        return cli_usage("staff", "password ID (the password is read from "
                                  "the terminal or stdin, never from the "
                                  "command line)");
    rc = cli_load_workspace(cli, &ws);
    if (rc != 0)
        return rc;
    if (iss_team_staff_index(&ws->team, argv[2]) < 0) {
        rc = cli_usage("staff", "'%s' is not a staff id of team.json",
                       argv[2]);
        goto out;
    }
    if (isatty(STDIN_FILENO)) {
        if (!prompt("New password: ", pw, sizeof pw) ||
            !prompt("Again: ", again, sizeof again)) {
            rc = cli_usage("staff", "no password was given");
            goto out;
        }
        if (strcmp(pw, again) != 0) {
            rc = cli_usage("staff", "the two passwords differ; nothing "
                                    "was changed");
            goto out;
        }
    } else if (!read_line(stdin, pw, sizeof pw)) {
        rc = cli_usage("staff", "stdin: no password line (or longer than "
                                "%d bytes)", ISS_PASSWORD_MAX);
        goto out;
    }
    why = iss_password_problem(pw);
    if (why != NULL) {
        rc = cli_usage("staff", "the password is %s; nothing was changed",
                       why);
        goto out;
    }
    /* The staff area needs a store; a workspace not yet published gets
     * one now (as publish would make it). */
    rc = cli_store_open(cli, "staff", argc, argv, CLI_DB_CREATE, &db);
    if (rc != 0)
        goto out;
    command = cli_command_line("staff", argc, argv);
    rc = iss_staff_password_set(db.st, argv[2], pw,
                                command ? command : "iss staff", &err);
    if (rc != 0) {
        rc = cli_error(&err);
        goto out;
    }
    printf("%s: password set; they can sign in to the staff area of iss "
           "serve.\n", argv[2]);
out:
    memset(pw, 0, sizeof pw);
    memset(again, 0, sizeof again);
    free(command);
    cli_store_close(&db);
    iss_workspace_free(ws);
    return rc;
}
