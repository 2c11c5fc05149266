#!/bin/sh
# Christmas week in a hand-written service (tests/scenarios/brookfield: 3
# staff, one child at school Monday to Friday): contacts go on on a bank
# holiday (staff on call, DOMAIN.md 7), but the week's hours go to other
# days where there is room. Before, Mo's hour-long session sat on
# Christmas Day like any Friday. Judged by the checker and by the plan's
# minutes per day, not by a copy of the plan.
set -eu
. "$(dirname "$0")/lib.sh"
CHECKER="/usr/bin/python3 $TESTS_DIR/checker/check_plan.py"
ws=$TMP_ROOT/brookfield
cp -R "$TESTS_DIR/scenarios/brookfield" "$ws"
plan=$ws/out/plan-2026-12-21.json
now=$(date -u -d 2026-12-17T14:30Z +%s)   # the Thursday before
ISS_NOW=$now
export ISS_NOW

run iss -C "$ws" plan --week 2026-12-21 --time-limit 5
expect_rc 0 "plan Christmas week"
expect_out '^Nothing short: every required hour and contact is planned\.$' \
    "every contact and hour is planned, Christmas Day included"
RC=0
$CHECKER --datadir "$SRC_DIR" --now "$now" --all-cases "$ws" "$plan" \
    >"$OUT" 2>"$ERR" || RC=$?
expect_rc 0 "the independent checker passes the plan"

# py EXPR: evaluate a Python expression on the plan (p) and minutes by
# date (m) and print it.
py()
{
    /usr/bin/python3 -c "
import json, sys, collections
p = json.load(open(sys.argv[1]))
m = collections.Counter()
for s in p['sessions']:
    m[s['date']] += s['minutes']
print($1)" "$plan"
}
check '[ "$(py "m[\"2026-12-25\"] > 0")" = True ]' \
    "Mo still has sessions on Christmas Day (the contacts)"
check '[ "$(py "all(m[\"2026-12-25\"] < m[d] for d in (\"2026-12-21\", \"2026-12-22\", \"2026-12-23\", \"2026-12-24\"))")" = True ]' \
    "Christmas Day has fewer planned minutes than any other weekday"
check '[ "$(py "max(s[\"minutes\"] for s in p[\"sessions\"] if s[\"date\"] == \"2026-12-25\")")" -le 30 ]' \
    "no longer session on Christmas Day: only short contacts"
finish
