/* iss - helpers shared by the commands.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/lock.h"
#include "iss/store.h"

int cli_usage(const char *command, const char *fmt, ...)
{
    va_list ap;

    fputs("iss: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (command != NULL)
        fprintf(stderr, "\nTry 'iss %s --help'.\n", command);
    else
        fputs("\nTry 'iss --help'.\n", stderr);
    return ISS_EINPUT;
}

int cli_error(const struct iss_error *err)
{
    fprintf(stderr, "iss: %s\n", err->msg[0] ? err->msg : "failed");
    return err->code ? err->code : ISS_EFAIL;
}

void cli_print_problems(const struct iss_problems *probs)
{
    size_t i, total = probs->count + probs->dropped;

    for (i = 0; i < probs->count; i++)
        fprintf(stderr, "%s\n", probs->items[i]);
    if (probs->dropped > 0)
        fprintf(stderr, "... and %zu more\n", probs->dropped);
    fprintf(stderr, "iss: %zu problem%s found; nothing was written\n", total,
            total == 1 ? "" : "s");
}

int cli_load_workspace(const struct cli *cli, struct iss_workspace **ws)
{
    struct iss_problems probs;
    struct iss_error err = {0, ""};
    int rc;

    iss_problems_init(&probs);
    rc = iss_workspace_load(cli->dir, ws, &probs, &err);
    if (rc == ISS_EFAIL || (rc != 0 && probs.count == 0)) {
        iss_problems_clear(&probs);
        if (err.code == 0)
            iss_fail(&err, rc, "%s: the workspace could not be loaded",
                     cli->dir);
        return cli_error(&err);
    }
    if (rc != 0) {
        cli_print_problems(&probs);
        iss_problems_clear(&probs);
        return ISS_EINPUT;
    }
    iss_problems_clear(&probs);
    return 0;
}

int cli_weeks_arg(const char *command, const char *arg, long *weeks)
{
    char *end;

    errno = 0;
    *weeks = strtol(arg, &end, 10);
    if (errno || *end || end == arg || *weeks < 1 || *weeks > 52)
        return cli_usage(command, "--weeks: '%s'; a number from 1 to 52",
                         arg);
    return 0;
}

int cli_date_arg(const char *command, const char *option, const char *arg,
                 iss_date *out)
{
    int y, m, d;

    if (iss_date_parse(arg, out) != 0) {
        /* A well-formed date out of range says the range. */
        if (strlen(arg) == 10 && sscanf(arg, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
            arg[4] == '-' && arg[7] == '-' && m >= 1 && m <= 12 && d >= 1 &&
            d <= 31 && (y < ISS_YEAR_MIN || y > ISS_YEAR_MAX))
            return cli_usage(command, "%s: \"%s\" is outside the dates iss "
                                      "supports: %d-01-01 to %d-12-31",
                             option, arg, ISS_YEAR_MIN, ISS_YEAR_MAX);
        return cli_usage(command, "%s: \"%s\" is not a date; write "
                                  "YYYY-MM-DD, e.g. 2026-11-23",
                         option, arg);
    }
    return 0;
}

bool iss_text_valid_cli(const char *s)
{
    return iss_text_valid(s);
}

int cli_option_error(const char *command, int ch, const char *arg)
{
    if (ch == ':')
        return cli_usage(command, "%s needs a value", arg);
    return cli_usage(command, "unknown option '%s'", arg);
}

int cli_wait_arg(struct cli *cli, const char *command, const char *optarg)
{
    char *end;
    double v;

    if (optarg == NULL) {
        cli->wait = -1;
        return 0;
    }
    v = strtod(optarg, &end);
    if (end == optarg || *end != '\0' || !(v >= 1 && v <= 86400))
        return cli_usage(command, "--wait=%s: seconds from 1 to 86400 (or "
                                  "--wait alone: as long as it takes)",
                         optarg);
    cli->wait = v;
    return 0;
}

int cli_lock(const struct cli *cli, const char *name, int argc, char **argv,
             struct iss_lock **lock)
{
    struct iss_error err = {0, ""};
    char *command = cli_command_line(name, argc, argv);
    int rc;

    if (command == NULL)
        return ISS_EFAIL;
    rc = iss_lock_take(cli->dir, command, cli->wait, lock, &err);
    free(command);
    return rc == 0 ? 0 : cli_error(&err);
}

int cli_store_open(const struct cli *cli, const char *name, int argc,
                   char **argv, enum cli_db how, struct cli_store *s)
{
    struct iss_error err = {0, ""};
    char *db;
    int rc;

    if (name != NULL && (rc = cli_lock(cli, name, argc, argv, &s->lock)) != 0)
        return rc;
    db = iss_path_join(cli->dir, "iss.db");
    if (db == NULL)
        return ISS_EFAIL;
    if (how == CLI_DB_READ_IF_ANY && access(db, F_OK) != 0)
        rc = 0;
    else if (how == CLI_DB_READ || how == CLI_DB_READ_IF_ANY)
        rc = iss_store_open_read(db, &s->st, &err);
    else
        rc = iss_store_open(db, how == CLI_DB_CREATE, &s->st, &err);
    free(db);
    return rc == 0 ? 0 : cli_error(&err);
}

void cli_store_close(struct cli_store *s)
{
    iss_store_close(s->st);
    s->st = NULL;
    iss_lock_release(s->lock);
    s->lock = NULL;
}
