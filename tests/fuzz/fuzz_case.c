/* libFuzzer harness: a case file (cases/<id>.json), through the loader
 * `iss check` uses (iss_check_case_text: jparse + iss_case_from_json),
 * checked against the example team, the shipped bands and bank holidays,
 * loaded once from the source tree. See docs/fuzzing.md.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include "fuzz.h"
#include "iss/calendar.h"
#include "iss/workspace.h"

static struct iss_workspace *ws;

static void release(void)
{
    iss_workspace_free(ws);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct iss_error err = {0, ""};
    struct iss_problems probs;

    (void)argc;
    (void)argv;
    fuzz_use_source_data();
    fuzz_require(iss_tz_init(&err) == 0, "iss_tz_init", NULL, &err);
    iss_problems_init(&probs);
    fuzz_require(iss_workspace_load(ISS_TEST_SRCDIR "/examples", &ws, &probs,
                                    &err) == 0,
                 "loading examples/", &probs, &err);
    iss_problems_clear(&probs);
    atexit(release);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    struct iss_problems probs;
    int rc;

    iss_problems_init(&probs);
    rc = iss_check_case_text(ws, text, size, "cases/C90.json", &probs);
    if (rc == ISS_EINPUT && probs.count == 0)
        abort();
    iss_problems_clear(&probs);
    free(text);
    return 0;
}
