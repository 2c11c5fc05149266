/* iss - compliance letters: file names, and what the text says for each
 * action without a store (docs/letters.md, "Compliance letters").
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdlib.h>
#include <string.h>

#include "iss/calendar.h"
#include "iss/complletters.h"
#include "iss/workspace.h"
#include "test.h"

static iss_date day(const char *s)
{
    iss_date d = ISS_DATE_NONE;
    iss_date_parse(s, &d);
    return d;
}

static void test_names(void)
{
    struct iss_action a;
    char buf[128];

    memset(&a, 0, sizeof a);
    a.kind = ISS_ACTION_WARNING;
    a.trigger = day("2026-11-23");
    iss_compliance_letter_name("C07", &a, false, buf, sizeof buf);
    CHECK_STR(buf, "C07-note-2026-11-23.html");
    a.number = 2;
    iss_compliance_letter_name("C07", &a, true, buf, sizeof buf);
    CHECK_STR(buf, "C07-letter2-2026-11-23-copy.html");
    CHECK(iss_compliance_letter_file("C07", buf));
    CHECK(!iss_compliance_letter_file("C0", buf));
    a.kind = ISS_ACTION_BREACH;
    iss_compliance_letter_name("C07", &a, false, buf, sizeof buf);
    CHECK_STR(buf, "C07-final-2026-11-23.html");
    CHECK(iss_compliance_letter_file("C07", buf));
    a.kind = ISS_ACTION_FOLLOW_UP;
    iss_compliance_letter_name("C07", &a, false, buf, sizeof buf);
    CHECK_STR(buf, "");
    /* a week's letter, and look-alikes, are not compliance letters */
    CHECK(!iss_compliance_letter_file("C07", "C07-2026-11-23.html"));
    CHECK(!iss_compliance_letter_file("C07", "C07-letter0-2026-11-23.html"));
    CHECK(!iss_compliance_letter_file("C07", "C07-note-2026-13-23.html"));
    CHECK(!iss_compliance_letter_file("C07", "C07-note-2026-11-23.htm"));
    CHECK(!iss_compliance_letter_file("C07", "C07-note-2026-11-23-x.html"));
}

static void test_text(struct iss_workspace *ws)
{
    struct iss_action a;
    struct iss_compliance_letter l;
    int c07 = iss_workspace_case_index(ws, "C07");
    int c01 = iss_workspace_case_index(ws, "C01");
    char *h;

    memset(&a, 0, sizeof a);
    memset(&l, 0, sizeof l);
    a.kind = ISS_ACTION_WARNING;
    a.number = 2;
    a.trigger = day("2026-11-27");
    l.action = &a;
    l.date = day("2026-11-28");
    l.meeting = true;
    l.meeting_due = day("2026-12-10");
    h = iss_compliance_letter_html(ws, c07, &l, false);
    CHECK(h != NULL && strstr(h, "Your second formal letter") != NULL);
    CHECK(h && strstr(h, "<p class=\"date\">28 November 2026</p>"));
    CHECK(h && strstr(h, "on or before Thursday 10 December 2026."));
    CHECK(h && strstr(h, "Your next appointments are not booked yet."));
    CHECK(h && strstr(h, "we may have to ask the magistrates"));
    CHECK(h && strstr(h, "Copy to Dana (parent or carer)."));
    CHECK(h && strstr(h, "Dear Dana,") == NULL);
    free(h);
    h = iss_compliance_letter_html(ws, c07, &l, true);
    CHECK(h && strstr(h, "Dear Dana,") && strstr(h, "Dear Ethan,") &&
          strstr(h, "a copy of the letter we have sent to Ethan"));
    free(h);
    /* warning 1 of 2: the next step is letter 2; no meeting */
    a.number = 1;
    a.also_failures = 2;
    l.meeting = false;
    h = iss_compliance_letter_html(ws, c01, &l, false);
    CHECK(h && strstr(h, "you will get formal letter number 2."));
    CHECK(h && strstr(h, "Since then, you have missed 2 more appointments"));
    CHECK(h && strstr(h, "Meeting with a manager") == NULL);
    CHECK(h && strstr(h, "Copy to") == NULL); /* 17 */
    free(h);
    /* the final notice names the warnings given */
    a.kind = ISS_ACTION_BREACH;
    a.also_failures = 0;
    l.n_given = 2;
    l.given[0] = day("2025-09-10");
    l.given[1] = day("2025-09-22");
    h = iss_compliance_letter_html(ws, c01, &l, false);
    CHECK(h && strstr(h, "Final notice about missed appointments"));
    CHECK(h && strstr(h, "2 formal letters about missed appointments, on "
                         "10 September 2025 and 22 September 2025."));
    free(h);
}

int main(void)
{
    struct iss_workspace *ws = NULL;
    struct iss_problems probs;
    struct iss_error err = {0, ""};

    iss_tz_init(&err);
    iss_problems_init(&probs);
    test_names();
    if (iss_workspace_load(ISS_TEST_SRCDIR "/examples", &ws, &probs,
                           &err) == 0 && ws != NULL)
        test_text(ws);
    else
        CHECK(!"the examples load");
    iss_problems_clear(&probs);
    iss_workspace_free(ws);
    return TEST_FINISH();
}
