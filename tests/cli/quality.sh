#!/bin/sh
# The quality smoke (issue 13; make bench-quality is the benchmark): on two
# small workspaces of the tight and specialist families of tools/genws,
# iss's plans break no hard rule, and iss's greedy plan alone (deterministic,
# no time limit involved) leaves no more misses than tools/baseline.py, the
# naive contacts-first greedy; all judged by tests/checker/check_plan.py.
set -u
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
CHECKER="$PY $TESTS_DIR/checker/check_plan.py"
GENWS=${GENWS:-$SRC_DIR/build/genws}
if [ ! -x "$GENWS" ]; then
    GENWS=$TMP_ROOT/genws
    ${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -O2 -o "$GENWS" \
        "$SRC_DIR/tools/genws.c" || {
        printf 'FAIL: could not build tools/genws.c\n'
        exit 1
    }
fi
# The Friday before the week, 12:00 UTC: nothing of the week is past.
export ISS_TODAY=2026-03-20 ISS_NOW=1774008000

total()
{
    $PY -c "import json, sys; print(json.load(open(sys.argv[1]))['total'])" "$1"
}

for fam in tight specialist; do
    ws=$TMP_ROOT/$fam
    "$GENWS" --family "$fam" --size S --seed 1 --week 2026-03-23 "$ws" \
        2>/dev/null
    run $PY "$SRC_DIR/tools/baseline.py" "$ws" 2026-03-23 "$TMP_ROOT/base.json"
    expect_rc 0 "$fam: the baseline plans"
    $CHECKER "$ws" "$TMP_ROOT/base.json" --hard-only --quiet \
        --misses "$TMP_ROOT/base.m" >"$OUT" 2>&1
    check "[ -s '$TMP_ROOT/base.m' ]" "$fam: the baseline's plan is judged"
    run iss -C "$ws" plan --week 2026-03-23 --greedy-only --quiet
    expect_rc 0 "$fam: iss plans (greedy only)"
    $CHECKER "$ws" "$ws/out/plan-2026-03-23.json" --quiet \
        --misses "$TMP_ROOT/greedy.m" >"$OUT" 2>&1
    check "[ ! -s '$OUT' ]" "$fam: the greedy plan breaks no rule"
    g=$(total "$TMP_ROOT/greedy.m")
    b=$(total "$TMP_ROOT/base.m")
    check "[ $g -le $b ]" \
        "$fam: iss's greedy leaves no more misses ($g) than the baseline ($b)"
    run iss -C "$ws" plan --week 2026-03-23 --time-limit 3 --quiet
    expect_rc 0 "$fam: iss plans (search)"
    $CHECKER "$ws" "$ws/out/plan-2026-03-23.json" --quiet --all-cases \
        >"$OUT" 2>&1
    check "[ ! -s '$OUT' ]" "$fam: the searched plan breaks no rule"
done

finish
