/* iss - unit tests of the one strict JSON reader (jsonread.c): syntax
 * errors with line and column, paths, unknown and repeated fields, and
 * the field readers' checks.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdlib.h>
#include <string.h>

#include "iss/base.h"
#include "iss/calread.h"
#include "iss/json.h"
#include "test.h"

static struct iss_problems probs;
static struct iss_arena *arena;

static struct jctx ctx(void)
{
    struct jctx c = {"f.json", &probs, arena, 0};

    iss_problems_clear(&probs);
    iss_problems_init(&probs);
    return c;
}

/* Parse text; NULL with the first problem in probs when it is not JSON. */
static cJSON *parse(struct jctx *c, const char *text)
{
    return jparse(c, text, strlen(text));
}

static const char *first(void)
{
    return probs.count > 0 ? probs.items[0] : "";
}

static void test_syntax(void)
{
    struct jctx c = ctx();
    cJSON *root;

    CHECK(parse(&c, "") == NULL);
    CHECK_STR(first(), "f.json:1:1: not valid JSON: the file is empty; a "
                       "JSON object {...} is expected");
    c = ctx();
    CHECK(parse(&c, "{\n  \"a\": 1,\n  \"b\": }") == NULL);
    CHECK_STR(first(), "f.json:3:8: not valid JSON: unexpected '}' (a comma "
                       "too many before it?)");
    c = ctx();
    CHECK(parse(&c, "{'a': 1}") == NULL);
    CHECK_STR(first(), "f.json:1:2: not valid JSON: unexpected ' (JSON "
                       "strings use double quotes)");
    c = ctx();
    CHECK(parse(&c, "\xef\xbb\xbf{}") == NULL);
    CHECK(strstr(first(), "byte order mark") != NULL);
    c = ctx();
    CHECK(parse(&c, "{\"a\": [1, 2") == NULL);
    CHECK(strstr(first(), "ends too soon") != NULL);
    c = ctx();
    root = parse(&c, " {\"a\": 1} \n");
    CHECK(root != NULL);
    CHECK_EQ_INT(c.problems, 0);
    cJSON_Delete(root);
}

static void test_object(void)
{
    static const char *const allowed[] = {"name", "hours", NULL};
    struct jctx c = ctx();
    cJSON *root = parse(&c, "{\"name\": \"a\", \"nmae\": 1, \"x-note\": 2, "
                            "\"name\": \"b\", \"zzzzzz\": 3}");
    char p[ISS_JPATH];

    CHECK(root != NULL);
    CHECK(jobject(&c, root, "", allowed));
    CHECK_EQ_INT(c.problems, 3);
    CHECK_EQ_INT(probs.count, 3);
    if (probs.count == 3) {
        CHECK_STR(probs.items[0], "f.json: nmae: unknown field (did you "
                                  "mean \"name\"?); allowed here: name, "
                                  "hours, or x-... for notes");
        CHECK_STR(probs.items[1], "f.json: name: the field appears twice; "
                                  "keep one");
        CHECK_STR(probs.items[2], "f.json: zzzzzz: unknown field; allowed "
                                  "here: name, hours, or x-... for notes");
    }
    CHECK_STR(jpath_key(p, "cases", "id"), "cases.id");
    CHECK_STR(jpath_idx(p, "cases", 3), "cases[3]");
    CHECK_STR(jpath_key(p, "", "id"), "id");
    c = ctx();
    CHECK(!jobject(&c, cJSON_GetObjectItem(root, "nmae"), "nmae", allowed));
    CHECK_STR(first(), "f.json: nmae: 1: an object {...} is expected here");
    cJSON_Delete(root);
}

static void test_fields(void)
{
    struct jctx c = ctx();
    cJSON *root = parse(&c, "{\"n\": 7, \"f\": 2.5, \"big\": 99, \"s\": \"ok\","
                            " \"d\": \"2026-02-30\", \"d2\": \"2026-11-23\","
                            " \"h\": 1.5, \"b\": \"yes\", \"id\": \"A b\","
                            " \"days\": [\"mon\", \"mon\"]}");
    int n = -1, minutes = -1;
    bool b = false;
    char *s = NULL;
    iss_date d = ISS_DATE_NONE;
    uint8_t days = 0;

    CHECK(root != NULL);
    CHECK(jint(&c, root, "", "n", true, 0, 10, &n));
    CHECK_EQ_INT(n, 7);
    CHECK(!jint(&c, root, "", "f", true, 0, 10, &n));
    CHECK_STR(first(), "f.json: f: 2.5: a whole number is expected");
    c = ctx();
    CHECK(!jint(&c, root, "", "big", true, 0, 10, &n));
    CHECK_STR(first(), "f.json: big: 99: must be from 0 to 10");
    c = ctx();
    CHECK(!jint(&c, root, "top", "missing", true, 0, 10, &n));
    CHECK_STR(first(), "f.json: top.missing: missing: a whole number is "
                       "required");
    c = ctx();
    CHECK(!jint(&c, root, "", "missing", false, 0, 10, &n));
    CHECK_EQ_INT(c.problems, 0); /* optional and absent: no problem */
    CHECK_EQ_INT(n, 7);          /* and *out left alone */
    CHECK(jstring(&c, root, "", "s", true, 10, &s));
    CHECK_STR(s, "ok");
    CHECK(!jstring(&c, root, "", "n", true, 10, &s));
    CHECK_STR(first(), "f.json: n: 7: text in double quotes is expected");
    c = ctx();
    CHECK(!jdate(&c, root, "", "d", true, &d));
    CHECK_STR(first(), "f.json: d: \"2026-02-30\": no such date in the "
                       "calendar");
    CHECK(jdate(&c, root, "", "d2", true, &d));
    CHECK_EQ_INT(iss_weekday(d), 0);
    CHECK(jhours(&c, root, "", "h", true, 40, &minutes));
    CHECK_EQ_INT(minutes, 90);
    c = ctx();
    CHECK(!jbool(&c, root, "", "b", true, &b));
    CHECK_STR(first(), "f.json: b: \"yes\": true or false is expected (no "
                       "quotes)");
    c = ctx();
    CHECK(!jident(&c, root, "", "id", true, false, &s));
    CHECK(strstr(first(), "an id is 1-32 of") != NULL);
    c = ctx();
    CHECK(!jdays(&c, root, "", "days", true, &days));
    CHECK_STR(first(), "f.json: days[1]: \"mon\": the day is listed twice");
    cJSON_Delete(root);
}

static void test_text(void)
{
    CHECK(iss_text_valid("Ok \xc3\xa9"));
    CHECK(!iss_text_valid("tab\there"));
    CHECK(!iss_text_valid("\xc3("));         /* a broken sequence */
    CHECK(!iss_text_valid("\xed\xa0\x80"));  /* a surrogate */
    CHECK(iss_ident_valid("Case_01-b", false));
    CHECK(!iss_ident_valid("Case", true));
    CHECK(!iss_ident_valid("", false));
    CHECK(!iss_ident_valid("abcdefghijabcdefghijabcdefghijabc", false));
}

int main(void)
{
    iss_problems_init(&probs);
    arena = iss_arena_new();
    test_syntax();
    test_object();
    test_fields();
    test_text();
    iss_problems_clear(&probs);
    iss_arena_free(arena);
    return TEST_FINISH();
}
