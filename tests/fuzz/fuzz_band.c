/* libFuzzer harness: a band file, through the loader `iss check` and
 * `iss phases` use (iss_band_parse: jparse + iss_band_from_json), then the
 * band's calendar as `iss phases` shows it. See docs/fuzzing.md.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include "fuzz.h"
#include "iss/band.h"
#include "iss/calendar.h"

static struct iss_holidays *holidays;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct iss_error err = {0, ""};
    struct iss_problems probs;

    (void)argc;
    (void)argv;
    fuzz_use_source_data();
    fuzz_require(iss_tz_init(&err) == 0, "iss_tz_init", NULL, &err);
    iss_problems_init(&probs);
    holidays = iss_holidays_new();
    fuzz_require(holidays != NULL &&
                     iss_holidays_load(holidays,
                                       ISS_TEST_SRCDIR
                                       "/data/bank-holidays-ew.json",
                                       "data/bank-holidays-ew.json", &probs,
                                       &err) == 0,
                 "loading data/bank-holidays-ew.json", &probs, &err);
    iss_problems_clear(&probs);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    struct iss_problems probs;
    struct iss_band *b = NULL;
    int rc;

    iss_problems_init(&probs);
    rc = iss_band_parse(text, size, "bands/fuzz.json", &b, &probs);
    if (rc == ISS_EINPUT && probs.count == 0)
        abort();
    if (rc == 0 && b != NULL) {
        /* A band that loads must be usable: its months, days and weeks
         * over a whole order (2025-10-31, a month end, to a year on). */
        struct iss_order_month m[64];
        iss_date start, end, d;
        size_t n;

        iss_date_parse("2025-10-31", &start);
        end = iss_add_months(start, 12) - 1;
        n = iss_band_months(b, start, m, 64);
        (void)n;
        for (d = start - 1; d <= end + 1; d++) {
            struct iss_day_requirement req;
            iss_band_day(b, &b->rules, start, end, d, holidays, &req);
        }
        for (d = iss_week_monday(start); d <= end; d += 7) {
            (void)iss_band_week_minutes(b, start, end, d);
            (void)iss_band_weekend_contacts(b, start, end, d);
        }
    }
    iss_band_free(b);
    iss_problems_clear(&probs);
    free(text);
    return 0;
}
