#!/bin/sh
# iss publish re-checks its plan against the workspace as it is now
# (issue 14): a plan made before leave, a new curfew, changed availability,
# a commitment, an order's end or a changed pin is refused (exit 2), each
# session and the rule named, nothing stored or written; iss plan --replan
# then makes a plan that publishes and that the independent checker
# accepts.
set -u
. "$(dirname "$0")/lib.sh"

ISS_NOW=1795176000          # Friday 20 Nov 2026, 12:00 UTC
ISS_TODAY=2026-11-20
export ISS_NOW ISS_TODAY
PY=/usr/bin/python3
WEEK=2026-11-23
CHECKER="$PY $TESTS_DIR/checker/check_plan.py"

# stale WHAT PYTHON REGEX: plan, change the workspace, publish: refused.
stale()
{
    ws=$(copy_examples)
    "$ISS" -C "$ws" plan --week $WEEK --quiet >/dev/null 2>&1
    edit "$ws" "$2"
    run iss -C "$ws" check
    expect_rc 0 "$1: the changed workspace is valid"
    before=$(tree_state "$ws")
    run iss -C "$ws" publish --week $WEEK
    expect_rc 2 "$1: publishing the older plan is refused"
    expect_err "$3" "$1: names the session and the rule"
    expect_err "the plan is older than the workspace; iss plan --week $WEEK --replan makes it fit again" \
        "$1: says what fixes it"
    expect_err 'nothing was published' "$1: says nothing was published"
    check "[ \"\$(tree_state '$ws')\" = \"\$before\" ]" "$1: nothing is written"
    run iss -C "$ws" plan --week $WEEK --replan --quiet
    expect_rc 0 "$1: re-plan"
    run iss -C "$ws" publish --week $WEEK
    expect_rc 0 "$1: the re-plan publishes"
    RC=0
    $CHECKER "$ws" "$ws/out/plan-$WEEK.json" --all-cases >"$OUT" 2>&1 || RC=$?
    expect_rc 0 "$1: the published plan passes the checker"
}

# The example's S1 works Monday to Friday; C02 has sessions with S1.
stale "leave" "staff('S1').setdefault('leave', []).append({'from': '2026-11-24', 'to': '2026-11-24'})" \
    'plan-2026-11-23.json: the session of C[0-9]+ Tue 24 Nov 2026 [0-9:]+-[0-9:]+ \([a-z_]+, with S1\) no longer fits: S1 is on leave'
stale "curfew" "c('C02')['curfew'][0]['time'] = '08:00-22:00'" \
    'the session of C02 [A-Z][a-z]+ [0-9]+ Nov 2026 .* no longer fits: the child is now busy then \(the curfew\)'
stale "availability" "staff('S1')['availability'] = {'sat': ['09:00-17:00']}" \
    'no longer fits: S1 does not work on (Mon|Tues|Wednes|Thurs|Fri)days'
stale "commitment" "c('C02').setdefault('commitments', []).append({'what': 'club', 'days': 'daily', 'time': '08:00-21:00'})" \
    'the session of C02 .* no longer fits: the child is now busy then \(a commitment\)'
stale "pin" "c('C07')['pinned'][0]['time'] = '17:00-18:00'" \
    'the session of C07 Tue 24 Nov 2026 16:00-17:00 \(family, with S7\) no longer fits: it was pinned, and cases/C07.json no longer pins it'

# A pin added over a published session (a manager's meeting booked where
# the planner had put a session): the re-plan keeps the pin and moves the
# session, whichever session and day the planner had chosen. (Before, a
# re-plan opened only children with a session that no longer fit, so both
# stayed fixed and the plan silently lacked the pin.)
ws=$(copy_examples)
edit "$ws" "t['staff'].append({'id': 'S11', 'name': 'Olu', 'roles': ['manager', 'family_worker'], 'availability': {}}); c('C07')['staff']['only'].append('S11')"
"$ISS" -C "$ws" plan --week $WEEK --quiet >/dev/null 2>&1
run iss -C "$ws" publish --week $WEEK
expect_rc 0 "pin over a session: the week is published"
# The pin: one hour from the start of C07's first session on Wednesday
# or later that is not a pin.
pin=$("$PY" - "$ws/out/plan-$WEEK.json" <<'EOF'
import json, sys
p = json.load(open(sys.argv[1]))
s = min((s for s in p["sessions"] if s["case"] == "C07" and not s["pinned"]
         and s["date"] >= "2026-11-25"), key=lambda s: s["start"])
h, m = int(s["start"][11:13]), int(s["start"][14:16])
print(s["date"], "%02d:%02d-%02d:%02d" % (h, m, h + 1, m), s["uid"])
EOF
)
set -- $pin
edit "$ws" "c('C07')['pinned'].append({'date': '$1', 'time': '$2', 'type': 'family', 'staff': ['S11']})"
run iss -C "$ws" plan --week $WEEK --replan --quiet
expect_rc 0 "pin over a session: re-plan"
check "$PY -c \"import json; p = json.load(open('$ws/out/plan-$WEEK.json')); s = [s for s in p['sessions'] if s['case'] == 'C07' and s['pinned'] and s['date'] == '$1' and s['start'][11:16] == '${2%-*}' and s['staff'] == ['S11']]; assert len(s) == 1, s\"" \
    "pin over a session: the re-plan has the pin"
check "$PY -c \"import json; p = json.load(open('$ws/out/plan-$WEEK.json')); s = [s for s in p['sessions'] if s['uid'] == '$3' and s['status'] != 'cancelled']; assert all(x['start'][11:16] >= '${2#*-}' or x['end'][11:16] <= '${2%-*}' for x in s), s\"" \
    "pin over a session: the session under it is cancelled or moved"
run iss -C "$ws" publish --week $WEEK
expect_rc 0 "pin over a session: the re-plan publishes"
RC=0
$CHECKER "$ws" "$ws/out/plan-$WEEK.json" --all-cases >"$OUT" 2>&1 || RC=$?
expect_rc 0 "pin over a session: the published plan passes the checker"

finish
