#!/bin/sh
# The printable letters (out/letters/<case>-<monday>.html), opened in a real
# browser: Debian's headless Chromium (apt-get install chromium). For every
# letter of the published example week:
#   - the rendered DOM (--dump-dom) says "Dear <feed_name>", lists every
#     confirmed session of the child under its day as "HH:MM to HH:MM <title>
#     with <first name>" (times from the plan JSON), nothing of another
#     child, the copy line exactly for the under-16s, and no forbidden word,
#     id, surname or service name (tests/letters/check_letter.py dom);
#   - a screenshot at 1240x1754 is a valid PNG of that size, not blank
#     (decoded with the standard library: check_letter.py png);
#   - printed to PDF it is A4 on at most 2 pages (check_letter.py pdf).
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
export ISS_TODAY
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

printf 'Rendered %d letters in %d Chromium runs, %d s in all\n' \
    "$(printf '%s\n' $letters | grep -c .)" "$N_RUNS" \
    "$(($(date +%s) - STARTED))"
if [ -n "${ISS_LETTERS_KEEP:-}" ]; then
    printf 'Screenshots and PDFs kept in %s\n' "$ISS_LETTERS_KEEP"
fi
finish
