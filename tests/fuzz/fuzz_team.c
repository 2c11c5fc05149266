/* libFuzzer harness: team.json, through the loader `iss check` uses
 * (iss_check_team_text: jparse + iss_team_from_json). See docs/fuzzing.md.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include "fuzz.h"
#include "iss/calendar.h"
#include "iss/workspace.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct iss_error err = {0, ""};

    (void)argc;
    (void)argv;
    fuzz_use_source_data();
    fuzz_require(iss_tz_init(&err) == 0, "iss_tz_init", NULL, &err);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    struct iss_problems probs;
    int rc;

    iss_problems_init(&probs);
    rc = iss_check_team_text(text, size, &probs);
    /* Bad input is always explained: ISS_EINPUT comes with a problem. */
    if (rc == ISS_EINPUT && probs.count == 0)
        abort();
    iss_problems_clear(&probs);
    free(text);
    return 0;
}
