/* iss - shared bits of the libFuzzer harnesses (tests/fuzz, docs/fuzzing.md).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_FUZZ_H
#define ISS_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iss/calendar.h"
#include "iss/error.h"
#include "iss/workspace.h"

#ifndef ISS_TEST_SRCDIR
#error "build with -DISS_TEST_SRCDIR='\"/path/to/the/source\"' (mk/fuzz.mk)"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as the library gets a file: its own heap block (so ASan sees
 * any read past it) with a NUL after the last byte. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);

    if (text == NULL)
        abort();
    if (size > 0)
        memcpy(text, data, size);
    text[size] = '\0';
    return text;
}

/* The shipped data (bands/, data/) of the source tree, not an installed
 * copy. */
static inline void fuzz_use_source_data(void)
{
    setenv("ISS_DATADIR", ISS_TEST_SRCDIR, 1);
}

/* A setup step that must work, or the harness fuzzes nothing. */
static inline void fuzz_require(int ok, const char *what,
                                const struct iss_problems *probs,
                                const struct iss_error *err)
{
    size_t i;

    if (ok)
        return;
    fprintf(stderr, "fuzz setup: %s failed\n", what);
    if (err != NULL && err->msg[0] != '\0')
        fprintf(stderr, "  %s\n", err->msg);
    for (i = 0; probs != NULL && i < probs->count && i < 20; i++)
        fprintf(stderr, "  %s\n", probs->items[i]);
    exit(1);
}

/* The example workspace, loaded once from the source tree (with the
 * shipped bands and bank holidays) for the harnesses that check a file
 * against a team; freed at exit. */
static struct iss_workspace *fuzz_ws;

static inline void fuzz_release_ws(void)
{
    iss_workspace_free(fuzz_ws);
}

static inline struct iss_workspace *fuzz_load_examples(void)
{
    struct iss_error err = {0, ""};
    struct iss_problems probs;

    fuzz_use_source_data();
    fuzz_require(iss_tz_init(&err) == 0, "iss_tz_init", NULL, &err);
    iss_problems_init(&probs);
    fuzz_require(iss_workspace_load(ISS_TEST_SRCDIR "/examples", &fuzz_ws,
                                    &probs, &err) == 0,
                 "loading examples/", &probs, &err);
    iss_problems_clear(&probs);
    atexit(fuzz_release_ws);
    return fuzz_ws;
}

#endif
