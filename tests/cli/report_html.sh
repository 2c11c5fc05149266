#!/bin/sh
# The manager's report as a web page (iss report --format html), opened in
# Debian's headless Chromium: two weeks of the example workspace, the first
# with attendance (tools/example-attendance.py), the second half to come.
#   - the rendered DOM (--dump-dom) has the team totals, actions due and a
#     section per child whose table rows carry the JSON report's minutes,
#     whose SVG bars say delivered and each cause in the JSON's minutes and
#     stack up to the requirement line, and whose numbers add up on screen
#     (tests/report/check_report.py dom);
#   - a screenshot is a valid PNG of the window's size, not blank
#     (check_report.py png), kept in ISS_REPORT_KEEP=DIR if set.
# Chromium missing is a failure, unless ISS_ALLOW_SKIP is set.
set -u
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
CR=$TESTS_DIR/report/check_report.py
ISS_TODAY=2026-11-16
export ISS_TODAY

chromium_init || { finish; exit; }

ws=$(copy_examples)
run iss -C "$ws" plan --week 2026-11-23 --weeks 2 --quiet
expect_rc 0 "plan two example weeks"
run iss -C "$ws" publish --week 2026-11-23 --weeks 2
expect_rc 0 "publish them"
run "$PY" "$SRC_DIR/tools/example-attendance.py" \
    "$ws/out/plan-2026-11-23.json" "$ws/att.csv"
expect_rc 0 "example attendance for the first week"
# Wednesday of the second week at noon: its Monday and Tuesday are not
# recorded, the rest is to come.
ISS_TODAY=2026-12-02 ISS_NOW=$(date -u -d 2026-12-02T12:00Z +%s)
export ISS_TODAY ISS_NOW
run iss -C "$ws" attendance import "$ws/att.csv"
expect_rc 0 "import it"
run iss -C "$ws" report --from 2026-11-23 --to 2026-12-06 --format json
expect_rc 0 "the report as JSON"
cp "$OUT" "$TMP_ROOT/report.json"
run iss -C "$ws" report --from 2026-11-23 --to 2026-12-06 --format html
expect_rc 0 "the report as HTML"
cp "$OUT" "$TMP_ROOT/report.html"
check "grep -q 'not_recorded\": [1-9]' '$TMP_ROOT/report.json' || \
       grep -q '\"not_recorded\":[[:space:]]*[1-9]' '$TMP_ROOT/report.json'" \
    "the second week has minutes not yet recorded"

chrome --dump-dom "file://$TMP_ROOT/report.html"
check "[ $RC -eq 0 ] && grep -q '</html>' '$OUT'" \
    "Chromium renders the report (--dump-dom)"
cp "$OUT" "$TMP_ROOT/report.dom.html"
py_checks "$CR" dom "$TMP_ROOT/report.json" "$TMP_ROOT/report.dom.html"

SHOTS=${ISS_REPORT_KEEP:-$TMP_ROOT/shots}
mkdir -p "$SHOTS"
png=$SHOTS/report.png
rm -f "$png"
chrome --screenshot="$png" --window-size=1280,2400 \
    "file://$TMP_ROOT/report.html"
check "[ $RC -eq 0 ] && [ -s '$png' ]" "Chromium takes a screenshot"
py_checks "$CR" png "$png" 1280 2400

finish
