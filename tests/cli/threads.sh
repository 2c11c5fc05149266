#!/bin/sh
# Pricing runs on a thread per core; where a thread cannot start (a
# container's limit on tasks), the caller prices its share. With a shim
# that makes every pthread_create fail (tests/shim/nothreads.c), the plan
# must be the same as with threads, and pass the checker. Two workspaces
# written by hand, with a time limit no step reaches (the status is not
# "time limit"): every step ends on its budget, so the plan does not
# depend on the clock (docs/solver.md, Determinism).
set -eu
. "$(dirname "$0")/lib.sh"
CHECKER="/usr/bin/python3 $TESTS_DIR/checker/check_plan.py"
SHIM=$SRC_DIR/build/tests/nothreads.so
log=$TMP_ROOT/refused

# sessions PLAN: the plan's sessions, one line each, in a fixed order.
sessions()
{
    /usr/bin/python3 -c "
import json, sys
p = json.load(open(sys.argv[1]))
for s in sorted(p['sessions'], key=lambda s: (s['case'], s['start'])):
    print(s['case'], s['start'], s['end'], s['type'], ' '.join(s['staff']))
print(p['solver']['status'], p['solver']['objective'])" "$1"
}

# same_plan NAME WEEK TODAY: plan with threads and without, compare.
same_plan()
{
    name=$1 week=$2
    ws=$TMP_ROOT/$name
    cp -R "$TESTS_DIR/scenarios/$name" "$ws"
    plan=$ws/out/plan-$week.json
    ISS_TODAY=$3
    export ISS_TODAY
    run iss -C "$ws" plan --week "$week" --time-limit 120
    expect_rc 0 "$name: plan with threads"
    sessions "$plan" >"$TMP_ROOT/$name.threads"
    check "! grep -q '^time limit' '$TMP_ROOT/$name.threads'" \
        "$name: no step reached the time limit"
    rm -f "$log" "$plan"
    RC=0
    LD_PRELOAD=$SHIM NOTHREADS_LOG=$log "$ISS" -C "$ws" plan --week "$week" \
        --time-limit 120 >"$OUT" 2>"$ERR" || RC=$?
    expect_rc 0 "$name: plan when no thread can start"
    check "[ -s '$log' ]" "$name: the shim refused the pricing threads"
    sessions "$plan" >"$TMP_ROOT/$name.nothreads"
    check "cmp -s '$TMP_ROOT/$name.threads' '$TMP_ROOT/$name.nothreads'" \
        "$name: the same plan without threads"
    RC=0
    $CHECKER --datadir "$SRC_DIR" --all-cases "$ws" "$plan" \
        >"$OUT" 2>"$ERR" || RC=$?
    expect_rc 0 "$name: the independent checker passes it"
}

same_plan brookfield 2026-12-07 2026-12-03
same_plan xmas 2026-12-21 2026-12-18
finish
