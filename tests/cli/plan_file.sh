#!/bin/sh
# A plan file edited by hand (or damaged) before `iss publish`: each bad
# field is named with its JSON path and value, the exit status is 2, and
# nothing is published (no feed, no letter). Before, a bad time or an
# empty staff list said only "bad staff or times".
set -eu
. "$(dirname "$0")/lib.sh"
ws=$TMP_ROOT/brookfield
cp -R "$TESTS_DIR/scenarios/brookfield" "$ws"
ISS_NOW=$(date -u -d 2026-12-03T14:30Z +%s)
export ISS_NOW
plan=$ws/out/plan-2026-12-07.json

run iss -C "$ws" plan --week 2026-12-07 --time-limit 3 --quiet
expect_rc 0 "plan the week"
cp "$plan" "$TMP_ROOT/good.json"

# bad EDIT PATTERN WHAT: apply a Python edit of the plan (p), publish.
bad()
{
    cp "$TMP_ROOT/good.json" "$plan"
    /usr/bin/python3 -c "
import json, sys
p = json.load(open(sys.argv[1]))
$1
json.dump(p, open(sys.argv[1], 'w'))" "$plan"
    run iss -C "$ws" publish --week 2026-12-07
    expect_rc 2 "$3: exit status 2"
    expect_err "$2" "$3: the error names it"
    check "[ ! -e '$ws/out/feeds' ] && [ ! -e '$ws/out/letters' ]" \
        "$3: nothing published"
}

bad "p['sessions'][1]['start'] = '2026-12-07T25:00:00+00:00'" \
    'plan-2026-12-07\.json: sessions\[1\]\.start: "2026-12-07T25:00:00\+00:00" is not a time \(YYYY-MM-DDTHH:MM:SS\+HH:MM\)$' \
    "an hour 25"
bad "p['sessions'][1]['end'] = p['sessions'][1]['start']" \
    'plan-2026-12-07\.json: sessions\[1\]\.end: "[0-9T:+-]+" is not after the start, "[0-9T:+-]+"$' \
    "a session ending as it starts"
bad "p['sessions'][2]['staff'] = []" \
    'plan-2026-12-07\.json: sessions\[2\]\.staff: empty: one or two staff ids$' \
    "no staff"
bad "p['sessions'][2]['staff'] = [3]" \
    'plan-2026-12-07\.json: sessions\[2\]\.staff: not one or two staff ids \(strings of team\.json\)$' \
    "a number for a staff id"

# The good plan still publishes.
cp "$TMP_ROOT/good.json" "$plan"
run iss -C "$ws" publish --week 2026-12-07
expect_rc 0 "the plan as written publishes"
finish
