#!/bin/sh
# The printable letters (out/letters/<case>-<monday>.html), opened in a real
# browser: Debian's headless Chromium (apt-get install chromium). For every
# letter of the published example week:
#   - the rendered DOM (--dump-dom) says "Dear <feed_name>", lists every
#     confirmed session of the child under its day as "HH:MM to HH:MM <title>
#     with <first name>" (times from the plan JSON), nothing of another
#     child, the copy line exactly for the under-16s (naming the carer when
#     the case names one), the letterhead, the date, what to do if the
#     child cannot come, the key worker, each session's place, and no
#     forbidden word, id, surname or internal service name
#     (tests/letters/check_letter.py dom);
#   - a screenshot at 1240x1754 is a valid PNG of that size, not blank
#     (decoded with the standard library: check_letter.py png);
#   - printed to PDF it is A4 on at most 2 pages (check_letter.py pdf).
# The carer's copy (C07 names a carer) gets the same checks, addressed to
# the carer. Then a re-plan (a staff member off sick on Saturday, a pin
# moved to another place, a pin added to a week already published): the
# letters of the children it touched label each change exactly ("new
# time", "new worker", "new place", "added", "no longer happening"), the
# earlier week's letter is written again, and each still fits 2 pages.
# Chromium missing is a failure, unless ISS_ALLOW_SKIP is set.
# Screenshots and PDFs go to a temporary folder removed at the end, or to
# ISS_LETTERS_KEEP=DIR to look at them (invented names only; never commit).
set -u
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
CL=$TESTS_DIR/letters/check_letter.py
WEEK=2026-11-23
# Nothing of the week is in the past, whatever day the tests run.
ISS_TODAY=2026-01-01
ISS_NOW=1767268800  # 2026-01-01 12:00 UTC
export ISS_TODAY ISS_NOW
STARTED=$(date +%s)

# fail_msg WHAT [DETAIL]: a failure without the last command's output.
fail_msg()
{
    FAILED=$((FAILED + 1))
    printf 'FAIL: %s\n' "$1"
    if [ -n "${2:-}" ]; then
        printf '%s\n' "$2" | head -n 30 | sed 's/^/  /'
    fi
}

# ---- Chromium ----
chromium_init || { finish; exit; }

letter_checks() { py_checks "$CL" "$@"; }

# ---- the example week, with staff surnames that must never show ----
ws=$(copy_examples)
"$PY" - "$ws/team.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
surnames = ["Haddad", "Pemberton", "Castellano", "Ferreira", "Adeyemi",
            "Lindqvist", "Marchetti", "Oduya", "Brannigan", "Kowalczyk"]
for s, last in zip(t["staff"], surnames):
    s["name"] = "%s %s" % (s["name"].split()[0], last)
json.dump(t, open(sys.argv[1], "w"), indent=2)
EOF
run iss -C "$ws" plan --week "$WEEK" --quiet
expect_rc 0 "plan the example week"
run iss -C "$ws" publish --week "$WEEK"
expect_rc 0 "publish the example week"
plan=$ws/out/plan-$WEEK.json
letters=$(cd "$ws/out/letters" 2>/dev/null && ls ./*-"$WEEK".html 2>/dev/null |
    sed 's|^\./||')
want=$("$PY" -c "import json, sys; print(' '.join(sorted({s['case'] for s in \
json.load(open(sys.argv[1]))['sessions'] if s['status'] != 'cancelled'})))" \
    "$plan" 2>/dev/null)
got=$(printf '%s\n' $letters | sed "s/-$WEEK\.html\$//" | tr '\n' ' ' |
    sed 's/ $//')
check "[ -n \"\$want\" ] && [ \"\$got\" = \"\$want\" ]" \
    "a letter for each child with sessions ($got)"

SHOTS=${ISS_LETTERS_KEEP:-$TMP_ROOT/shots}
mkdir -p "$SHOTS"
for name in $letters; do
    f=$ws/out/letters/$name
    case_id=${name%-"$WEEK".html}
    url=file://$f

    # Self-contained: nothing fetched from anywhere.
    refs=$(grep -Eio '(https?|ftp):[^"<> ]*|<(link|script|img|iframe|object|embed)|@import|url\(' \
        "$f" | sort -u | head -n 5)
    if [ -z "$refs" ]; then pass; else
        fail_msg "$case_id: the letter is self-contained" "it refers to: $refs"
    fi

    chrome --dump-dom "$url"
    check "[ $RC -eq 0 ] && grep -q '</html>' '$OUT'" \
        "$case_id: Chromium renders the letter (--dump-dom)"
    cp "$OUT" "$SHOTS/$case_id.dom.html"
    letter_checks dom "$ws" "$plan" "$case_id" "$SHOTS/$case_id.dom.html"

    png=$SHOTS/$case_id.png
    rm -f "$png"
    chrome --screenshot="$png" --window-size=1240,1754 "$url"
    check "[ $RC -eq 0 ] && [ -s '$png' ]" \
        "$case_id: Chromium takes a screenshot (--screenshot)"
    letter_checks png "$png" 1240 1754

    pdf=$SHOTS/$case_id.pdf
    rm -f "$pdf"
    chrome --print-to-pdf="$pdf" "$NO_HEADER" "$url"
    check "[ $RC -eq 0 ] && [ -s '$pdf' ]" \
        "$case_id: Chromium prints the letter (--print-to-pdf $NO_HEADER)"
    letter_checks pdf "$pdf" 2
done

# ---- the carer's copy ----
copies=$(cd "$ws/out/letters" && ls ./*-"$WEEK"-copy.html 2>/dev/null |
    sed 's|^\./||')
check "[ \"\$copies\" = C07-$WEEK-copy.html ]" \
    "a carer's copy exactly for the under-16 whose case names a carer ($copies)"
for name in $copies; do
    case_id=${name%-"$WEEK"-copy.html}
    url=file://$ws/out/letters/$name
    chrome --dump-dom "$url"
    check "[ $RC -eq 0 ] && grep -q '</html>' '$OUT'" \
        "$case_id: Chromium renders the carer's copy"
    cp "$OUT" "$SHOTS/$case_id.copy.dom.html"
    letter_checks copy "$ws" "$plan" "$case_id" "$SHOTS/$case_id.copy.dom.html"
    pdf=$SHOTS/$case_id.copy.pdf
    rm -f "$pdf"
    chrome --print-to-pdf="$pdf" "$NO_HEADER" "$url"
    check "[ $RC -eq 0 ] && [ -s '$pdf' ]" "$case_id: Chromium prints the copy"
    letter_checks pdf "$pdf" 2
done

# ---- a re-plan: the labels of what changed ----
# The week before is published too: its month ahead shows this week.
PREV=2026-11-16
run iss -C "$ws" plan --week "$PREV" --quiet
expect_rc 0 "plan the week before"
run iss -C "$ws" publish --week "$PREV"
expect_rc 0 "publish the week before"
prev_letter=$ws/out/letters/C03-$PREV.html
cp "$plan" "$TMP_ROOT/first.json"
cp "$prev_letter" "$TMP_ROOT/prev-before.html"
"$PY" - "$ws" <<'EOF'
import json, sys
ws = sys.argv[1]
t = json.load(open(ws + "/team.json"))
for s in t["staff"]:
    if s["id"] == "S6":   # Grace: off sick on Saturday
        s.setdefault("leave", []).append({"from": "2026-11-28",
                                          "to": "2026-11-28"})
json.dump(t, open(ws + "/team.json", "w"), indent=2)
c = json.load(open(ws + "/cases/C07.json"))
c["pinned"][0]["place"] = "home"   # was the default, the centre
json.dump(c, open(ws + "/cases/C07.json", "w"), indent=2)
c = json.load(open(ws + "/cases/C03.json"))
c["pinned"] = [{"date": "2026-11-23", "time": "17:00-18:00",
                "type": "interpersonal", "staff": ["S10"]}]
json.dump(c, open(ws + "/cases/C03.json", "w"), indent=2)
EOF
run iss -C "$ws" plan --week "$WEEK" --replan
expect_rc 0 "re-plan after the changes"
expect_out 'C07 Ethan: family .* \(moved: new place\)$' \
    "the re-plan says the pinned session only changed place"
expect_out 'C03 Riley: interpersonal .* \(added\)$' \
    "the re-plan says the new pin is added"
run iss -C "$ws" publish --week "$WEEK"
expect_rc 0 "publish the re-plan"
check "grep -q '(new place)' '$ws/out/letters/C07-$WEEK.html'" \
    "C07's letter says (new place)"
check "grep -q '(new place)' '$ws/out/letters/C07-$WEEK-copy.html'" \
    "and so does the carer's copy"
check "grep -q '(added)' '$ws/out/letters/C03-$WEEK.html'" \
    "C03's letter says (added)"
check "! grep -q '(new time)' '$ws/out/letters/C07-$WEEK.html'" \
    "a session that only changed place is not labelled (new time)"
check "! cmp -s '$prev_letter' '$TMP_ROOT/prev-before.html' && grep -q 'Monday 23 November, 17:00 to 18:00' '$prev_letter'" \
    "the week before's letter is written again: its month ahead shows the added session"
changed=$("$PY" - "$TMP_ROOT/first.json" "$plan" <<'EOF'
import json, sys
old = {s["uid"]: s for s in json.load(open(sys.argv[1]))["sessions"]}
new = json.load(open(sys.argv[2]))["sessions"]
print(" ".join(sorted({s["case"] for s in new if s["uid"] not in old or
                       s["status"] != "published"})))
EOF
)
check "[ -n \"\$changed\" ]" "the re-plan changed some children's weeks ($changed)"
for case_id in $changed; do
    url=file://$ws/out/letters/$case_id-$WEEK.html
    chrome --dump-dom "$url"
    check "[ $RC -eq 0 ] && grep -q '</html>' '$OUT'" \
        "$case_id: Chromium renders the re-planned letter"
    cp "$OUT" "$SHOTS/$case_id.replan.dom.html"
    letter_checks dom "$ws" "$plan" "$case_id" \
        "$SHOTS/$case_id.replan.dom.html" "$TMP_ROOT/first.json"
    pdf=$SHOTS/$case_id.replan.pdf
    rm -f "$pdf"
    chrome --print-to-pdf="$pdf" "$NO_HEADER" "$url"
    check "[ $RC -eq 0 ] && [ -s '$pdf' ]" "$case_id: prints after the re-plan"
    letter_checks pdf "$pdf" 2
done

printf 'Rendered %d letters in %d Chromium runs, %d s in all\n' \
    "$(printf '%s\n' $letters | grep -c .)" "$N_RUNS" \
    "$(($(date +%s) - STARTED))"
if [ -n "${ISS_LETTERS_KEEP:-}" ]; then
    printf 'Screenshots and PDFs kept in %s\n' "$ISS_LETTERS_KEEP"
fi
finish
