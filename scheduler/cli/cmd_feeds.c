/* iss feeds: list the published feeds; give one a new secret address.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "iss/publish.h"
#include "iss/store.h"

static void help(void)
{
    fputs("Usage: iss [-C DIR] feeds [--rotate ID] [--base-url URL]\n"
          "List every published calendar feed: whose it is (a case or a\n"
          "staff member) and its file in out/feeds/. With --base-url, also\n"
          "the webcal:// and https:// addresses to subscribe to (where iss\n"
          "serve is reached).\n\n"
          "  --rotate ID     give the feed of case or staff member ID a new\n"
          "                  secret address; the old file is removed and the\n"
          "                  old address stops working (case:ID or staff:ID\n"
          "                  when both have that id)\n"
          "  --base-url URL  e.g. https://calendar.example.org\n"
          "  --wait[=S]      with --rotate: if another iss command is "
          "writing\n"
          "                  the workspace, wait for it (at most S "
          "seconds)\n\n"
          "Exit status: 0 success, 1 failure inside iss, 2 bad input or "
          "usage.\n", stdout);
}

static void print_feed(const struct iss_workspace *ws,
                       const struct iss_feed_entry *f, const char *out_dir,
                       const char *base)
{
    const char *name = "";
    int k;

    if (f->kind == 'c') {
        k = iss_workspace_case_index(ws, f->owner);
        if (k >= 0)
            name = ws->cases[k].feed_name;
    } else {
        k = iss_team_staff_index(&ws->team, f->owner);
        if (k >= 0)
            name = ws->team.staff[k].first_name;
    }
    printf("%-5s %-8s %-12s %s/feeds/%s.ics\n",
           f->kind == 'c' ? "case" : "staff", f->owner, name, out_dir,
           f->token);
    if (base != NULL) {
        const char *host = strstr(base, "://");
        size_t bl = strlen(base);
        while (bl > 0 && base[bl - 1] == '/')
            bl--;
        printf("      %.*s/feeds/%s.ics\n", (int)bl, base, f->token);
        if (host != NULL)
            printf("      webcal://%.*s/feeds/%s.ics\n",
                   (int)(bl - (size_t)(host + 3 - base)), host + 3,
                   f->token);
    }
}

/* The options of iss feeds. *done: stop with the status returned (help
 * was shown, or the command line is wrong). */
static int parse_options(struct cli *cli, int argc, char **argv,
                         const char **rotate, const char **base, bool *done)
{
    static const struct option opts[] = {
        {"rotate", required_argument, NULL, 'r'},
        {"base-url", required_argument, NULL, 'b'},
        {"wait", optional_argument, NULL, 'W'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int ch;

    *done = true;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'r':
            *rotate = optarg;
            break;
        case 'b':
            *base = optarg;
            if (strncmp(*base, "https://", 8) != 0 &&
                strncmp(*base, "http://", 7) != 0)
                return cli_usage("feeds", "--base-url: '%s'; it starts "
                                          "https:// (or http://)", *base);
            break;
        case 'W':
            if (cli_wait_arg(cli, "feeds", optarg) != 0)
                return ISS_EINPUT;
            break;
        case 'h':
            help();
            return 0;
        case ':':
        default:
            return cli_option_error("feeds", ch, argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage("feeds", "unexpected argument '%s'", argv[optind]);
    *done = false;
    return 0;
}

/* Whose feed --rotate names: "case:ID", "staff:ID", or an ID that is one
 * of the two only; *kind is 'c' or 's'. */
static int rotate_owner(const struct iss_workspace *ws, const char *rotate,
                        char *kind, const char **id)
{
    bool is_case, is_staff;

    *kind = 0;
    *id = rotate;
    if (strncmp(rotate, "case:", 5) == 0) {
        *kind = 'c';
        *id = rotate + 5;
    } else if (strncmp(rotate, "staff:", 6) == 0) {
        *kind = 's';
        *id = rotate + 6;
    }
    is_case = iss_workspace_case_index(ws, *id) >= 0;
    is_staff = iss_team_staff_index(&ws->team, *id) >= 0;
    if (*kind == 0) {
        if (is_case && is_staff)
            return cli_usage("feeds", "--rotate: '%s' is both a case and a "
                                      "staff member; write case:%s or "
                                      "staff:%s", *id, *id, *id);
        *kind = is_case ? 'c' : is_staff ? 's' : 0;
    }
    if (*kind == 0 || (*kind == 'c' && !is_case) ||
        (*kind == 's' && !is_staff))
        return cli_usage("feeds", "--rotate: no case or staff member '%s'",
                         *id);
    return 0;
}

int cmd_feeds(struct cli *cli, int argc, char **argv)
{
    const char *rotate = NULL, *base = NULL;
    struct iss_workspace *ws = NULL;
    struct cli_store db = CLI_STORE_INIT;
    struct iss_error err = {0, ""};
    struct iss_feed_entry *feeds = NULL;
    size_t n = 0, i;
    char *out_dir = NULL, *command = NULL;
    int rc = 0;
    bool done;

    rc = parse_options(cli, argc, argv, &rotate, &base, &done);
    if (done)
        return rc;
    rc = cli_load_workspace(cli, &ws);
    if (rc != 0)
        return rc;
    /* A rotation writes: one writer at a time (a publish running now
     * would otherwise write the old address back or delete the new). */
    rc = cli_store_open(cli, rotate != NULL ? "feeds" : NULL, argc, argv,
                        rotate != NULL ? CLI_DB_WRITE : CLI_DB_READ, &db);
    if (rc != 0)
        goto out;
    out_dir = iss_path_join(cli->dir, "out");
    command = cli_command_line("feeds", argc, argv);
    if (out_dir == NULL || command == NULL) {
        rc = ISS_EFAIL;
        goto out;
    }
    if (rotate != NULL) {
        char kind;
        const char *id;
        if ((rc = rotate_owner(ws, rotate, &kind, &id)) != 0)
            goto out;
        rc = iss_feed_rotate(ws, db.st, out_dir, kind, id, command, &err);
        if (rc != 0) {
            rc = cli_error(&err);
            goto out;
        }
        printf("The feed of %s %s has a new address; the old one no longer "
               "works. Give the new one to its owner:\n",
               kind == 'c' ? "case" : "staff member", id);
    }
    rc = iss_store_feeds(db.st, &feeds, &n, &err);
    if (rc != 0) {
        rc = cli_error(&err);
        goto out;
    }
    for (i = 0; i < n; i++) {
        if (rotate != NULL &&
            strcmp(feeds[i].owner, strchr(rotate, ':') ? strchr(rotate, ':') +
                                                             1
                                                       : rotate) != 0)
            continue;
        print_feed(ws, &feeds[i], out_dir, base);
    }
    if (n == 0)
        printf("No feeds yet: publish a week first (iss publish --week "
               "DATE).\n");
out:
    free(feeds);
    cli_store_close(&db);
    iss_workspace_free(ws);
    free(out_dir);
    free(command);
    return rc;
}
