#!/bin/sh
# Record what the planner makes of fixed inputs, to show that a change moved
# code without changing behaviour (issue 16): the plan JSON (without the
# solver's seconds) and the printed timetable (without its time line) for
# examples/ and for small generated workspaces of every genws family that
# solve within their time limit.
# Usage: sh tools/same_plans.sh OUTDIR   then   diff -r BEFORE AFTER
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
iss=$here/iss
out=$1
mkdir -p "$out"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/iss-same.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
week=2026-11-23
export ISS_TODAY=2026-11-20
unset ISS_NOW || true

one()
{
    name=$1
    ws=$2
    "$iss" -C "$ws" plan --week "$week" --time-limit 120 > "$tmp/tt" 2>&1 ||
        echo "exit $?" >> "$tmp/tt"
    sed "s/ in [0-9.]* s;/;/; s|$tmp/||" "$tmp/tt" > "$out/$name.txt"
    /usr/bin/python3 - "$ws/out/plan-$week.json" "$out/$name.json" <<'PY'
import json, sys
try:
    p = json.load(open(sys.argv[1]))
except FileNotFoundError:
    p = {"no plan": True}
p.get("solver", {}).pop("seconds", None)
json.dump(p, open(sys.argv[2], "w"), indent=1, sort_keys=True)
PY
}

cp -R "$here/examples" "$tmp/examples"
rm -rf "$tmp/examples/out" "$tmp/examples/iss.db"
one examples "$tmp/examples"
for fam in default tight specialist rota stepdown constrained services; do
    for seed in 1 2; do
        "$here/build/genws" --family $fam --children 8 --staff 5 \
            --seed $seed "$tmp/$fam-$seed" >/dev/null
        one "$fam-$seed" "$tmp/$fam-$seed"
    done
done
