/* libFuzzer harness: rota.csv, through the reader `iss check` uses
 * (iss_rota_csv_apply: libcsv, the header, every row, the clashes with the
 * team's dated entries), against the example team loaded once from the
 * source tree. Each input gets its own copy of the staff list and its own
 * arena, so what one input adds never reaches the next. See
 * docs/fuzzing.md.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include "fuzz.h"
#include "iss/base.h"
#include "iss/team.h"
#include "load.h"

static struct iss_workspace *ws;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ws = fuzz_load_examples();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    struct iss_team team = ws->team;
    struct iss_arena *arena = iss_arena_new();
    struct iss_problems probs;
    struct iss_error err = {0, ""};
    size_t n_rows = 0, i;
    int rc;

    team.staff = malloc(team.n_staff * sizeof *team.staff);
    if (arena == NULL || team.staff == NULL)
        abort();
    memcpy(team.staff, ws->team.staff, team.n_staff * sizeof *team.staff);
    iss_problems_init(&probs);
    rc = iss_rota_csv_apply(&team, arena, text, size, "rota.csv", &n_rows,
                            &probs, &err);
    /* The promises: bad input is always explained; good input leaves every
     * staff member's dated entries sorted, one per day, each day readable. */
    if (rc == ISS_EINPUT && probs.count == 0)
        abort();
    if (rc == 0)
        for (i = 0; i < team.n_staff; i++) {
            const struct iss_staff *st = &team.staff[i];
            size_t k;
            for (k = 0; k < st->n_dated; k++) {
                struct iss_staff_day sd;
                if (k > 0 && st->dated[k - 1].date >= st->dated[k].date)
                    abort();
                iss_staff_day(st, ws->holidays, st->dated[k].date, &sd);
                if (sd.n_spans > ISS_DAY_MAX_SPANS)
                    abort();
            }
        }
    iss_problems_clear(&probs);
    iss_arena_free(arena);
    free(team.staff);
    free(text);
    return 0;
}
