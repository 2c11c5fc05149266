/* iss today: the sessions of a day, with the short references iss
 * attendance record accepts, the child, time, place, staff and outcome.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "iss/attendance.h"
#include "iss/today.h"

static void help(void)
{
    fputs("Usage: iss [-C DIR] today [--date YYYY-MM-DD] [--staff ID] "
          "[--case ID]\n"
          "List the published sessions of a day (default: today), in time "
          "order:\n"
          "a short reference (the shortest unique start of the session's "
          "UID,\n"
          "at least 6 characters), the time, the child, what it is, the "
          "place,\n"
          "the staff and the outcome if one is recorded. Record one with\n"
          "iss attendance record REF OUTCOME.\n\n"
          "  --date DATE   the day (default: today)\n"
          "  --staff ID    only the sessions of this staff member\n"
          "  --case ID     only the sessions of this case\n\n"
          "Exit status: 0 success, 1 failure inside iss, 2 bad input or "
          "usage.\n"
          "See docs/attendance.md.\n",
          stdout);
}

/* Display width of UTF-8 text: code points (names are not CJK-wide). */
static int width(const char *s)
{
    int w = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            w++;
    return w;
}

static void cell(const char *s, int w, bool last)
{
    fputs(s, stdout);
    if (!last)
        printf("%*s", w - width(s) + 2, "");
}

int cmd_today(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"date", required_argument, NULL, 'd'},
        {"staff", required_argument, NULL, 's'},
        {"case", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    iss_date day = ISS_DATE_NONE;
    const char *staff = NULL, *kase = NULL;
    struct iss_workspace *ws = NULL;
    struct cli_store db = CLI_STORE_INIT;
    struct iss_error err = {0, ""};
    struct iss_day_row *rows = NULL;
    size_t n_rows = 0, i;
    int ch, rc = 0, n_cancelled = 0, w[7] = {0}, c;
    char h[ISS_HDATE_BUFSZ];

    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'd':
            if (cli_date_arg("today", "--date", optarg, &day) != 0)
                return ISS_EINPUT;
            break;
        case 's':
            staff = optarg;
            break;
        case 'c':
            kase = optarg;
            break;
        case 'h':
            help();
            return 0;
        case ':':
        default:
            return cli_option_error("today", ch, argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage("today", "unexpected argument '%s'", argv[optind]);
    if (day == ISS_DATE_NONE)
        day = iss_today();
    rc = cli_load_workspace(cli, &ws);
    if (rc != 0)
        return rc;
    if (staff != NULL && iss_team_staff_index(&ws->team, staff) < 0) {
        rc = cli_usage("today", "--staff %s: no staff member has this id "
                                "in team.json", staff);
        goto out;
    }
    if (kase != NULL && iss_workspace_case_index(ws, kase) < 0) {
        rc = cli_usage("today", "--case %s: no case has this id in cases/",
                       kase);
        goto out;
    }
    rc = cli_store_open(cli, NULL, 0, NULL, CLI_DB_WRITE, &db);
    if (rc != 0)
        goto out;
    rc = iss_day_list(ws, db.st, day, staff, kase, &rows, &n_rows,
                      &n_cancelled, &err);
    if (rc != 0) {
        rc = cli_error(&err);
        goto out;
    }
    printf("Sessions on %s", iss_date_human(day, h));
    if (staff != NULL)
        printf(" with %s", staff);
    if (kase != NULL)
        printf(" of %s", kase);
    printf(": %zu\n", n_rows);
    if (n_rows > 0) {
        static const char *const head[7] = {"REF",   "TIME",  "CHILD",
                                            "WHAT",  "PLACE", "STAFF",
                                            "OUTCOME"};
        for (c = 0; c < 7; c++)
            w[c] = width(head[c]);
        for (i = 0; i < n_rows; i++) {
            const char *f[7] = {rows[i].ref,   rows[i].time,
                                rows[i].child, rows[i].what,
                                rows[i].place, rows[i].staff,
                                rows[i].outcome_text};
            for (c = 0; c < 7; c++)
                if (width(f[c]) > w[c])
                    w[c] = width(f[c]);
        }
        for (c = 0; c < 7; c++)
            cell(head[c], w[c], c == 6);
        putchar('\n');
        for (i = 0; i < n_rows; i++) {
            const char *f[7] = {rows[i].ref,   rows[i].time,
                                rows[i].child, rows[i].what,
                                rows[i].place, rows[i].staff,
                                rows[i].outcome_text};
            for (c = 0; c < 7; c++)
                cell(f[c], w[c], c == 6);
            putchar('\n');
        }
    }
    if (n_cancelled > 0)
        printf("(%d cancelled session%s not listed.)\n", n_cancelled,
               n_cancelled == 1 ? "" : "s");
    if (n_rows > 0)
        printf("Record an outcome: iss attendance record REF OUTCOME\n");
out:
    free(rows);
    cli_store_close(&db);
    iss_workspace_free(ws);
    return rc;
}
