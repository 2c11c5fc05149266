/* libFuzzer harness: a case file (cases/<id>.json), through the loader
 * `iss check` uses (iss_check_case_text: jparse + iss_case_from_json),
 * checked against the example team, the shipped bands and bank holidays,
 * loaded once from the source tree. See docs/fuzzing.md.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include "fuzz.h"

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
