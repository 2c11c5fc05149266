/* iss attendance: import a CSV of outcomes, or record one.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "iss/attendance.h"
#include "iss/sessionref.h"
#include "iss/store.h"

static void help(void)
{
    fputs("Usage: iss [-C DIR] attendance import FILE.csv\n"
          "       iss [-C DIR] attendance record REF OUTCOME [--minutes N] "
          "[--cause C]\n"
          "               [--told-in-person] [--note TEXT]\n"
          "Record what happened to published sessions. OUTCOME is one of\n"
          "attended, partial, absent_acceptable, absent_unacceptable,\n"
          "cancelled_by_service, rescheduled.\n\n"
          "import: an RFC 4180 CSV with the header uid,outcome,"
          "minutes_attended,note\n"
          "  (and optionally cause,told_in_person).\n"
          "  All or nothing: a file with any bad row (unknown or duplicate "
          "uid,\n"
          "  a session not yet started, minutes over the session, an "
          "unknown\n"
          "  outcome) imports nothing and every bad row is named. Importing "
          "the\n"
          "  same file again changes nothing; a later file may correct an\n"
          "  outcome (the store keeps both).\n"
          "record: one outcome, on the day. REF is the reference iss today "
          "shows,\n"
          "  any unique start (4 characters or more) of the session's UID, "
          "or the\n"
          "  UID of the session in the child's or a staff member's feed.\n"
          "  --minutes N   minutes attended (partial; attended means the "
          "whole\n"
          "                session)\n"
          "  --cause C     partial: whose the minutes missed were:\n"
          "                child_unacceptable, child_acceptable or "
          "service\n"
          "  --told-in-person  a short-notice appointment was told to the "
          "child\n"
          "                in person (only then can an unacceptable "
          "absence\n"
          "                from it count toward a warning)\n"
          "  --note TEXT   a short note (one line)\n"
          "rescheduled is recorded before the session starts (the next "
          "re-plan\n"
          "moves or drops it); every other outcome once it has started.\n\n"
          "education: a day of school or work the child did not attend\n"
          "  iss attendance education CASE DATE --absent [--acceptable] "
          "[--note TEXT]\n"
          "  iss attendance education CASE DATE --attended   (a "
          "correction)\n"
          "  iss attendance education --import FILE.csv  (header case,date,"
          "status,note;\n"
          "      status attended, absent_acceptable or "
          "absent_unacceptable)\n"
          "  Only past days of education count as delivered.\n\n"
          "Exit status: 0 success, 1 failure inside iss, 2 bad input or "
          "usage.\n"
          "See docs/attendance.md.\n", stdout);
}

/* What an import did: every problem and "nothing was imported", or the
 * counts ("outcome", "education day"). Returns the exit status. */
static int import_result(int rc, const struct iss_problems *probs,
                         const struct iss_error *err, const char *file,
                         const char *what, int added, int same)
{
    size_t i;

    if (rc == ISS_EINPUT && probs->count > 0) {
        for (i = 0; i < probs->count; i++)
            fprintf(stderr, "%s\n", probs->items[i]);
        fprintf(stderr, "iss: %zu problem%s; nothing was imported\n",
                probs->count, probs->count == 1 ? "" : "s");
        return rc;
    }
    if (rc != 0)
        return cli_error(err);
    printf("Imported %s: %d %s%s recorded, %d already as recorded.\n", file,
           added, what, added == 1 ? "" : "s", same);
    return 0;
}

static int do_import(struct cli *cli, int argc, char **argv)
{
    struct cli_store db = CLI_STORE_INIT;
    struct iss_problems probs;
    struct iss_error err = {0, ""};
    char *command;
    int added = 0, same = 0, rc;

    if (argc != 3)
        return cli_usage("attendance", "import needs one file: iss "
                                       "attendance import FILE.csv");
    rc = cli_store_open(cli, "attendance", argc, argv, CLI_DB_WRITE, &db);
    if (rc != 0) {
        cli_store_close(&db);
        return rc;
    }
    command = cli_command_line("attendance", argc - 1, argv + 1);
    iss_problems_init(&probs);
    rc = iss_attendance_import(db.st, argv[2], argv[2],
                               command ? command : "iss attendance import",
                               &added, &same, &probs, &err);
    rc = import_result(rc, &probs, &err, argv[2], "outcome", added, same);
    iss_problems_clear(&probs);
    free(command);
    cli_store_close(&db);
    return rc;
}

static int do_record(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"minutes", required_argument, NULL, 'm'},
        {"note", required_argument, NULL, 'n'},
        {"cause", required_argument, NULL, 'c'},
        {"told-in-person", no_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct iss_record r;
    struct cli_store db = CLI_STORE_INIT;
    struct iss_workspace *ws = NULL;
    struct iss_stored_session s;
    struct iss_error err = {0, ""};
    char *command, *end, what[200] = "";
    bool changed = false;
    int ch, rc;
    long v;

    memset(&r, 0, sizeof r);
    r.minutes = -1;
    optind = 0;
    opterr = 0;
    /* argv: attendance record UID OUTCOME [options] */
    while ((ch = getopt_long(argc - 1, argv + 1, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'm':
            errno = 0;
            v = strtol(optarg, &end, 10);
            if (errno || *end || v < 0 || v > 1440)
                return cli_usage("attendance", "--minutes: '%s'; a whole "
                                               "number of minutes", optarg);
            r.minutes = (int)v;
            break;
        case 'n':
            if (!iss_text_valid_cli(optarg) || strlen(optarg) >= sizeof r.note)
                return cli_usage("attendance", "--note: one line of text, "
                                               "at most %zu bytes",
                                 sizeof r.note - 1);
            snprintf(r.note, sizeof r.note, "%s", optarg);
            break;
        case 'c':
            r.cause = iss_cause_parse(optarg);
            if (r.cause == ISS_CAUSE_NONE)
                return cli_usage("attendance", "--cause: '%s'; one of "
                                               "child_unacceptable, "
                                               "child_acceptable, service",
                                 optarg);
            break;
        case 't':
            r.told = true;
            break;
        case 'h':
            help();
            return 0;
        case ':':
        default:
            return cli_option_error("attendance", ch, argv[optind]);
        }
    }
    /* getopt saw argv + 1 ("record" as its name): UID and OUTCOME are the
     * two arguments left. */
    if (argc - 1 - optind != 2)
        return cli_usage("attendance", "record needs a session (REF, as iss "
                                       "today shows it, or a UID) and an "
                                       "OUTCOME");
    r.outcome = iss_outcome_parse(argv[1 + optind + 1]);
    if (r.outcome == ISS_OUT_NONE)
        return cli_usage("attendance", "'%s' is not an outcome: attended, "
                                       "partial, absent_acceptable, "
                                       "absent_unacceptable, "
                                       "cancelled_by_service, rescheduled",
                         argv[1 + optind + 1]);
    rc = cli_store_open(cli, "attendance", argc, argv, CLI_DB_WRITE, &db);
    if (rc != 0) {
        cli_store_close(&db);
        return rc;
    }
    /* The reference (iss today), a prefix or a feed's UID -> the UID; the
     * workspace, when it loads, names the child and the type. */
    {
        struct iss_problems probs;
        iss_problems_init(&probs);
        if (iss_workspace_load(cli->dir, &ws, &probs, &err) != 0)
            ws = NULL;
        iss_problems_clear(&probs);
        err.code = 0;
    }
    rc = iss_session_resolve(db.st, ws, argv[1 + optind], r.uid, &err);
    if (rc != 0) {
        iss_workspace_free(ws);
        cli_store_close(&db);
        return cli_error(&err);
    }
    command = cli_command_line("attendance", argc - 1, argv + 1);
    rc = iss_attendance_record(db.st, &r, command ? command : "iss attendance",
                               &changed, &err);
    free(command);
    if (rc == 0 && iss_store_session(db.st, r.uid, &s, &err) == 0)
        iss_session_describe(ws, &s, what, sizeof what);
    iss_workspace_free(ws);
    cli_store_close(&db);
    if (rc != 0)
        return cli_error(&err);
    printf("%s: %s%s%s%s\n  %s\n", r.uid, iss_outcome_name(r.outcome),
           r.cause != ISS_CAUSE_NONE ? " " : "", iss_cause_name(r.cause),
           changed ? "" : " (already so recorded)", what);
    return 0;
}

/* iss attendance education CASE DATE --absent [--acceptable] [--note T]
 *                         CASE DATE --attended (a correction)
 *                         --import FILE.csv */
static int do_education(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"absent", no_argument, NULL, 'a'},
        {"acceptable", no_argument, NULL, 'k'},
        {"attended", no_argument, NULL, 't'},
        {"note", required_argument, NULL, 'n'},
        {"import", required_argument, NULL, 'i'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct iss_workspace *ws = NULL;
    struct cli_store db = CLI_STORE_INIT;
    struct iss_error err = {0, ""};
    struct iss_edu_record r;
    const char *import = NULL;
    bool absent = false, acceptable = false, attended = false, changed;
    char *command = NULL, d[ISS_HDATE_BUFSZ];
    int ch, rc, ci = -1;

    memset(&r, 0, sizeof r);
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc - 1, argv + 1, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'a':
            absent = true;
            break;
        case 'k':
            acceptable = true;
            break;
        case 't':
            attended = true;
            break;
        case 'n':
            if (!iss_text_valid_cli(optarg) || strlen(optarg) >= sizeof r.note)
                return cli_usage("attendance", "--note: one line of text, "
                                               "at most %zu bytes",
                                 sizeof r.note - 1);
            snprintf(r.note, sizeof r.note, "%s", optarg);
            break;
        case 'i':
            import = optarg;
            break;
        case 'h':
            help();
            return 0;
        case ':':
        default:
            return cli_option_error("attendance", ch, argv[optind]);
        }
    }
    if (import != NULL) {
        if (argc - 1 - optind != 0 || absent || attended || acceptable)
            return cli_usage("attendance", "education --import FILE takes "
                                           "nothing else");
    } else {
        if (argc - 1 - optind != 2)
            return cli_usage("attendance", "education needs a CASE and a "
                                           "DATE (or --import FILE.csv)");
        if (absent == attended)
            return cli_usage("attendance", "education: say --absent (with "
                                           "--acceptable when there is "
                                           "evidence) or --attended");
        if (acceptable && !absent)
            return cli_usage("attendance", "--acceptable goes with "
                                           "--absent");
        rc = cli_date_arg("attendance", "DATE", argv[1 + optind + 1],
                          &r.date);
        if (rc != 0)
            return rc;
        r.status = attended ? ISS_EDU_ATTENDED
                            : acceptable ? ISS_EDU_ABSENT_ACCEPTABLE
                                         : ISS_EDU_ABSENT_UNACCEPTABLE;
    }
    rc = cli_load_workspace(cli, &ws);
    if (rc != 0)
        return rc;
    if (import == NULL) {
        ci = iss_workspace_case_index(ws, argv[1 + optind]);
        if (ci < 0) {
            rc = cli_usage("attendance", "no case '%s' in cases/",
                           argv[1 + optind]);
            goto out;
        }
    }
    rc = cli_store_open(cli, "attendance", argc, argv, CLI_DB_WRITE, &db);
    if (rc != 0)
        goto out;
    command = cli_command_line("attendance", argc, argv);
    if (import != NULL) {
        struct iss_problems probs;
        int added = 0, same = 0;
        iss_problems_init(&probs);
        rc = iss_education_import(ws, db.st, import, import,
                                  command ? command : "iss attendance", &added,
                                  &same, &probs, &err);
        rc = import_result(rc, &probs, &err, import, "education day", added,
                           same);
        iss_problems_clear(&probs);
        goto out;
    }
    rc = iss_education_record(ws, db.st, ci, &r,
                              command ? command : "iss attendance", &changed,
                              &err);
    if (rc != 0) {
        rc = cli_error(&err);
        goto out;
    }
    printf("%s %s: education %s%s\n", ws->cases[ci].id,
           iss_date_human(r.date, d), iss_edu_status_name(r.status),
           changed ? "" : " (already so recorded)");
out:
    free(command);
    cli_store_close(&db);
    iss_workspace_free(ws);
    return rc;
}

int cmd_attendance(struct cli *cli, int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
                      strcmp(argv[1], "-h") == 0)) {
        help();
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "import") == 0)
        return do_import(cli, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "record") == 0)
        return do_record(cli, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "education") == 0)
        return do_education(cli, argc, argv);
    return cli_usage("attendance", "import FILE.csv, record UID OUTCOME or "
                                   "education CASE DATE --absent");
}
