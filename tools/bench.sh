#!/bin/sh
# make bench: plan generated workspaces of sizes S (30 children x 15 staff),
# M (80 x 30) and L (150 x 60), seed 1, the week of 2026-11-23, with the
# default time limit, and print one row each: seconds, objective, bound,
# gap, peak RSS, and what is short (minutes, contacts).
# Usage: sh tools/bench.sh [SIZES] (default "S M L"); BENCH_SEED, BENCH_WEEK,
# BENCH_LIMIT override the seed, week and time limit.
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
iss=$here/iss
genws=$here/build/genws
sizes=${1:-S M L}
seed=${BENCH_SEED:-1}
week=${BENCH_WEEK:-2026-11-23}
limit=${BENCH_LIMIT:-60}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/iss-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

printf '%-4s %-8s %8s %12s %12s %7s %9s %9s %9s\n' size cases seconds \
    objective bound gap peak_MB min_short contacts
for size in $sizes; do
    ws=$tmp/$size
    "$genws" --size "$size" --seed "$seed" --week "$week" "$ws" 2>/dev/null
    /usr/bin/time -f '%M %e' -o "$tmp/time" "$iss" -C "$ws" plan \
        --week "$week" --time-limit "$limit" --quiet
    set -- $(cat "$tmp/time")
    rss_kb=$1
    wall=$2
    /usr/bin/python3 - "$ws/out/plan-$week.json" "$size" "$rss_kb" "$wall" <<'EOF'
import json, sys
p = json.load(open(sys.argv[1]))
s = p["solver"]
minutes = sum(f["minutes"] for c in p["cases"] for f in c["shortfall"]
              if f["kind"] == "minutes")
contacts = sum(f["short"] for c in p["cases"] for f in c["shortfall"]
               if f["kind"] in ("contacts", "weekend_contacts"))
print("%-4s %-8s %8s %12.1f %12.1f %6.2f%% %9.0f %9d %9d" % (
    sys.argv[2], "%dx%d" % (len(p["cases"]), len(p["staff"])), sys.argv[4],
    s["objective"], s["bound"], 100 * s["gap"], int(sys.argv[3]) / 1024,
    minutes, contacts))
EOF
done
printf '(seed %s, week %s, time limit %s s; machine: %s cores, %s)\n' \
    "$seed" "$week" "$limit" "$(nproc)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
