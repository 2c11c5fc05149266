/* iss - the command line: shared declarations of main.c and cmd_*.c.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_CLI_H
#define ISS_CLI_H

#include <stdbool.h>

#include "iss/base.h"
#include "iss/error.h"
#include "iss/workspace.h"

#ifndef ISS_VERSION
#define ISS_VERSION "0.1.0"
#endif

/* What every command gets: the workspace folder (-C DIR, default "."). */
struct cli {
    const char *dir;
    double wait;              /* --wait: 0 no, > 0 seconds, < 0 no limit */
};

struct iss_lock;

int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_phases(struct cli *cli, int argc, char **argv);
int cmd_plan(struct cli *cli, int argc, char **argv);
int cmd_publish(struct cli *cli, int argc, char **argv);
int cmd_feeds(struct cli *cli, int argc, char **argv);
int cmd_attendance(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_action(struct cli *cli, int argc, char **argv);
int cmd_letters(struct cli *cli, int argc, char **argv);

/* --wait[=SECONDS] (optarg NULL: as long as it takes). Prints the usage
 * error. */
int cli_wait_arg(struct cli *cli, const char *command, const char *optarg);

/* Take the workspace lock for a writing command (name, its argv for the
 * holder's line); prints "iss: busy: ..." and returns 1 when another
 * command holds it. */
int cli_lock(const struct cli *cli, const char *name, int argc, char **argv,
             struct iss_lock **lock);

/* How a command opens the store, DIR/iss.db. */
enum cli_db {
    CLI_DB_READ,        /* iss_store_open_read: a read-only copy will do */
    CLI_DB_READ_IF_ANY, /* the same, or no store (NULL) when there is none */
    CLI_DB_WRITE,       /* an existing one ("nothing published yet") */
    CLI_DB_CREATE       /* made when there is none (publish, staff) */
};

/* What a command holds of the workspace: the lock and the store. */
struct cli_store {
    struct iss_lock *lock;
    struct iss_store *st;
};
#define CLI_STORE_INIT {NULL, NULL}

/* With name set, take the workspace lock (cli_lock: one writer at a time),
 * then open the store as how says; name NULL opens it only (argc, argv
 * unused). Prints any error ("iss: ...") and returns its code; what was
 * taken is in *s for cli_store_close either way. */
int cli_store_open(const struct cli *cli, const char *name, int argc,
                   char **argv, enum cli_db how, struct cli_store *s);
/* Close the store, then release the lock (either may be NULL). */
void cli_store_close(struct cli_store *s);

int cmd_today(struct cli *cli, int argc, char **argv);
int cmd_staff(struct cli *cli, int argc, char **argv);

/* Valid UTF-8 on one line (for option values). */
bool iss_text_valid_cli(const char *s);

/* "iss NAME ARGS..." for the history (without -C). malloc'd. */
char *cli_command_line(const char *name, int argc, char **argv);

/* Print "iss: MESSAGE" and "Try 'iss [COMMAND] --help'." to stderr and
 * return ISS_EINPUT. command may be NULL. */
int cli_usage(const char *command, const char *fmt, ...) ISS_PRINTF(2, 3);

/* The usage error of getopt's ':' (arg needs a value) or '?' (arg is
 * unknown), as cli_usage; returns ISS_EINPUT. */
int cli_option_error(const char *command, int ch, const char *arg);

/* Print an error as "iss: MESSAGE" and return its code. */
int cli_error(const struct iss_error *err);

/* Load the workspace; on problems print each one and a count to stderr
 * and return ISS_EINPUT (or ISS_EFAIL); 0 with *ws set otherwise. */
int cli_load_workspace(const struct cli *cli, struct iss_workspace **ws);

/* Print problems, one a line, then "iss: N problems" to stderr. */
void cli_print_problems(const struct iss_problems *probs);

/* Parse a --week/--start style date argument; prints the usage error. */
int cli_date_arg(const char *command, const char *option, const char *arg,
                 iss_date *out);

/* Parse --weeks (1 to 52); prints the usage error. */
int cli_weeks_arg(const char *command, const char *arg, long *weeks);

#endif
