/* iss check: validate the workspace.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static void help(void)
{
    fputs("Usage: iss [-C DIR] check\n"
          "Validate team.json, rota.csv (if any), cases/*.json and the\n"
          "bands of a workspace.\n"
          "Every problem is printed (file: json.path: value: what is\n"
          "allowed); with none, one line sums up the workspace: cases,\n"
          "staff, session types, bands, who is on a rota, and the ISO\n"
          "weeks each order covers.\n\n"
          "Exit status: 0 no problems, 1 failure inside iss, 2 problems "
          "found.\n", stdout);
}

/* Who is on a rota: "rotas: S4 3-week cycle, 2 dated days; S9 1 dated
 * day; rota.csv 3 rows; " (nothing when nobody is). */
static void print_rotas(const struct iss_workspace *ws)
{
    size_t i, shown = 0;

    for (i = 0; i < ws->team.n_staff; i++) {
        const struct iss_staff *st = &ws->team.staff[i];
        if (!iss_staff_on_rota(st))
            continue;
        printf("%s%s", shown++ ? "; " : "rotas: ", st->id);
        if (st->rota_cycle)
            printf(" %d-week cycle%s", st->rota_weeks,
                   st->n_dated ? "," : "");
        if (st->n_dated)
            printf(" %zu dated day%s", st->n_dated,
                   st->n_dated == 1 ? "" : "s");
    }
    if (ws->has_rota_csv)
        printf("%srota.csv %zu row%s", shown++ ? "; " : "rotas: ",
               ws->n_rota_rows, ws->n_rota_rows == 1 ? "" : "s");
    if (shown)
        printf("; ");
}

int cmd_check(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    struct iss_workspace *ws = NULL;
    size_t i;
    int ch, rc;

    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (ch == 'h') {
            help();
            return 0;
        }
        return cli_usage("check", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind < argc)
        return cli_usage("check", "unexpected argument '%s'", argv[optind]);
    rc = cli_load_workspace(cli, &ws);
    if (rc != 0)
        return rc;
    printf("ok: %zu case%s, %zu staff, %zu session types%s, %zu bands; ",
           ws->n_cases, ws->n_cases == 1 ? "" : "s", ws->team.n_staff,
           ws->team.n_types, ws->team.default_types ? " (defaults)" : "",
           ws->n_bands);
    print_rotas(ws);
    printf("weeks:");
    for (i = 0; i < ws->n_cases; i++) {
        const struct iss_case *c = &ws->cases[i];
        iss_date m0 = iss_week_monday(c->order_start);
        iss_date m1 = iss_week_monday(c->order_end);
        int y0, w0, y1, w1;
        iss_iso_week(c->order_start, &y0, &w0);
        iss_iso_week(c->order_end, &y1, &w1);
        printf(" %s %s %d-W%02d..%d-W%02d (%d)%s", c->id,
               ws->bands[c->band]->id, y0, w0, y1, w1,
               (int)((m1 - m0) / 7 + 1), i + 1 < ws->n_cases ? "," : "");
    }
    printf("\n");
    iss_workspace_free(ws);
    return 0;
}
