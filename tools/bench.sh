#!/bin/sh
# make bench: plan generated workspaces (tools/genws, seed 1, the week of
# 2026-11-23) and print one row each:
#   1    one child and 3 staff
#   S    30 children x 15 staff
#   M    80 x 30
#   L    150 x 60
#   L-replan  the L plan published, then one staff member (the busiest) off
#        sick on Wednesday and Thursday, and `iss plan --replan`
# with wall seconds, objective, proven bound, gap, peak RSS and what is short
# (required minutes, contacts). Each of 1, S, M and L also writes its model
# with --write-lp (the integer programme over the generated columns that
# iss's branch and bound starts from) and solves that same file with CBC
# (Debian coinor-cbc, one thread, wall-clock limit = iss's time limit) in the
# same run, and with HiGHS (tools/highs: the npm package `highs`, a
# WebAssembly build, pinned by tools/highs/package-lock.json; `make bench`
# runs npm ci there first; one thread, same limit); the second table puts
# them side by side: each peer's time, the gap it proves on that model and
# its objective, with peer seconds / iss seconds and peer objective / iss
# objective.
# Usage: sh tools/bench.sh [ROWS] (default "1 S M L L-replan");
# BENCH_SEED, BENCH_WEEK, BENCH_LIMIT override seed, week and time limit;
# BENCH_NO_CBC=1 skips CBC, BENCH_NO_HIGHS=1 skips HiGHS (with both, no
# model is written).
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
iss=$here/iss
genws=$here/build/genws
rows=${1:-1 S M L L-replan}
seed=${BENCH_SEED:-1}
week=${BENCH_WEEK:-2026-11-23}
limit=${BENCH_LIMIT:-60}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/iss-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
PY=/usr/bin/python3
peers=
[ -n "${BENCH_NO_CBC:-}" ] || peers=cbc
if [ -z "${BENCH_NO_HIGHS:-}" ]; then
    if [ -f "$here/tools/highs/node_modules/highs/package.json" ]; then
        peers="$peers highs"
    else
        echo "bench: HiGHS is not installed (npm ci --prefix tools/highs," \
            "as make bench does); its column is left out" >&2
    fi
fi
# Nothing of the week is in the past.
ISS_TODAY=$(date -u -d "$week -7 days" +%F)
export ISS_TODAY

# row NAME WS [PLAN ARGS...]: time iss plan, print the row, keep figures.
row()
{
    name=$1
    ws=$2
    shift 2
    /usr/bin/time -f '%M %e' -o "$tmp/time" "$iss" -C "$ws" plan \
        --week "$week" --time-limit "$limit" --quiet "$@"
    set -- $(cat "$tmp/time")
    $PY - "$ws/out/plan-$week.json" "$name" "$1" "$2" "$tmp/figures" <<'EOF'
import json, sys
p = json.load(open(sys.argv[1]))
s = p["solver"]
minutes = sum(f["minutes"] for c in p["cases"] for f in c["shortfall"]
              if f["kind"] == "minutes")
contacts = sum(f["short"] for c in p["cases"] for f in c["shortfall"]
               if f["kind"] in ("contacts", "weekend_contacts"))
print("%-9s %-7s %8s %10.1f %10.1f %6.2f%% %8.0f %9d %9d" % (
    sys.argv[2], "%dx%d" % (len(p["cases"]), len(p["staff"])), sys.argv[4],
    s["objective"], s["bound"], 100 * s["gap"], int(sys.argv[3]) / 1024,
    minutes, contacts))
with open(sys.argv[5], "a") as f:
    f.write("%s %s %s %s\n" % (sys.argv[2], sys.argv[4], s["gap"],
                               s["objective"]))
EOF
}

# cbc NAME LP: solve the model file with CBC under the same limit; keep
# its output and wall seconds for the side-by-side table.
cbc_run()
{
    /usr/bin/time -f '%e %M' -o "$tmp/$1.cbctime" timeout $((limit * 2 + 30)) \
        cbc "$2" timeMode elapsed sec "$limit" threads 1 solve \
        >"$tmp/$1.cbc" 2>&1 || true
}

# highs NAME LP: the same with HiGHS (tools/highs, WebAssembly, one
# thread); its script prints one JSON line (status "out of memory" when
# the 2 GiB WebAssembly heap is not enough).
highs_run()
{
    /usr/bin/time -f '%e %M' -o "$tmp/$1.highstime" \
        timeout $((limit * 2 + 30)) node "$here/tools/highs/solve.mjs" \
        "$2" "$limit" >"$tmp/$1.highs" 2>"$tmp/$1.highs.err" || true
}

: >"$tmp/figures"
printf '%-9s %-7s %8s %10s %10s %7s %8s %9s %9s\n' row cases seconds \
    objective bound gap peak_MB min_short contacts
for r in $rows; do
    ws=$tmp/$r
    case $r in
    1) "$genws" --children 1 --staff 3 --seed "$seed" --week "$week" \
           "$ws" 2>/dev/null ;;
    S | M | L) "$genws" --size "$r" --seed "$seed" --week "$week" \
           "$ws" 2>/dev/null ;;
    L-replan) ;;
    *) echo "bench: unknown row $r (1, S, M, L, L-replan)" >&2; exit 2 ;;
    esac
    if [ "$r" = L-replan ]; then
        if [ ! -f "$tmp/L/out/plan-$week.json" ]; then
            "$genws" --size L --seed "$seed" --week "$week" "$tmp/L" \
                2>/dev/null
            "$iss" -C "$tmp/L" plan --week "$week" --time-limit "$limit" \
                --quiet
        fi
        cp -R "$tmp/L" "$ws"
        "$iss" -C "$ws" publish --week "$week" >/dev/null
        cp "$ws/out/plan-$week.json" "$tmp/published.json"
        sick=$($PY - "$ws" "$week" <<'EOF'
import collections, datetime, json, os, sys
ws, week = sys.argv[1:]
p = json.load(open(os.path.join(ws, "out", "plan-%s.json" % week)))
mon = datetime.date.fromisoformat(week)
days = (str(mon + datetime.timedelta(2)), str(mon + datetime.timedelta(3)))
# The busiest on those days whom no child's pin names then (leave under a
# pin is an input error, not a re-plan).
pinned = {st for s in p["sessions"] if s["pinned"] and s["date"] in days
          for st in s["staff"]}
n = collections.Counter(st for s in p["sessions"] if s["date"] in days
                        for st in s["staff"] if st not in pinned)
sick = sorted(n, key=lambda k: (-n[k], k))[0]
t = json.load(open(os.path.join(ws, "team.json")))
for s in t["staff"]:
    if s["id"] == sick:
        s.setdefault("leave", []).append(
            {"from": str(mon + datetime.timedelta(2)),
             "to": str(mon + datetime.timedelta(3))})
json.dump(t, open(os.path.join(ws, "team.json"), "w"), indent=2)
print(sick)
EOF
)
        row "$r" "$ws" --replan >>"$tmp/rows"
        $PY - "$tmp/published.json" "$ws/out/plan-$week.json" "$sick" \
            >>"$tmp/replan" <<'EOF'
import json, sys
before = {s["uid"]: s for s in json.load(open(sys.argv[1]))["sessions"]}
after = json.load(open(sys.argv[2]))["sessions"]
sick = sys.argv[3]
kept = moved_sick = moved_other = cancelled = new = 0
for s in after:
    b = before.get(s["uid"]) if s["uid"] else None
    if b is None:
        new += 1
    elif s["status"] == "cancelled":
        cancelled += 1
    elif (s["start"], s["end"], s["staff"]) == (b["start"], b["end"],
                                                b["staff"]):
        kept += 1
    elif sick in b["staff"]:
        moved_sick += 1
    else:
        moved_other += 1
print("re-plan: %s off sick Wed-Thu; %d sessions kept, %d of the sick "
      "member's moved, %d others moved (to win back hours or contacts), "
      "%d cancelled, %d new" % (sick, kept, moved_sick, moved_other,
                                cancelled, new))
EOF
        tail -n 1 "$tmp/rows"
        continue
    fi
    if [ -z "$peers" ]; then
        row "$r" "$ws" >>"$tmp/rows"
    else
        row "$r" "$ws" --write-lp "$tmp/$r.lp" >>"$tmp/rows"
    fi
    tail -n 1 "$tmp/rows"
done
[ -f "$tmp/replan" ] && cat "$tmp/replan"
printf '(seed %s, week %s, time limit %s s; machine: %s cores, %s; commit %s)\n' \
    "$seed" "$week" "$limit" "$(nproc)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
    "$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"

[ -n "$peers" ] && ls "$tmp"/*.lp >/dev/null 2>&1 || exit 0
echo
desc=
for p in $peers; do
    case $p in
    cbc) desc="CBC $(cbc -quit 2>/dev/null | sed -n 's/^Version: //p' |
             tr -d ' ')" ;;
    highs) desc="${desc:+$desc and }HiGHS $(sed -n \
             's/^  "version": "\(.*\)",$/\1/p' \
             "$here/tools/highs/node_modules/highs/package.json") (npm highs, WebAssembly)" ;;
    esac
done
echo "Side by side on each model iss wrote (--write-lp): $desc,"
echo "one thread, ${limit} s limit each; peer seconds are wall seconds of the whole run"
for r in $rows; do
    [ -f "$tmp/$r.lp" ] || continue
    case " $peers " in *" cbc "*) cbc_run "$r" "$tmp/$r.lp" ;; esac
    case " $peers " in *" highs "*) highs_run "$r" "$tmp/$r.lp" ;; esac
done
$PY - "$tmp" "$tmp/figures" "$peers" $rows <<'EOF'
import json, os, re, sys
tmp, figs, peers, rows = sys.argv[1], sys.argv[2], sys.argv[3].split(), \
    sys.argv[4:]
iss = {}
for line in open(figs):
    n, t, g, o = line.split()
    iss[n] = (float(t), float(g), float(o))

def wall(path):
    """(wall seconds, peak MB) from /usr/bin/time's last line."""
    try:
        e, m = open(path).read().splitlines()[-1].split()
        return float(e), int(m) / 1024
    except (OSError, ValueError, IndexError):
        return None, None

def cbc(r):
    """(seconds, peak MB, gap, objective, status) of CBC's run."""
    out = open(os.path.join(tmp, r + ".cbc")).read()
    obj = re.search(r"^Objective value:\s+(\S+)", out, re.M)
    bound = re.search(r"^Lower bound:\s+(\S+)", out, re.M)
    o = float(obj.group(1)) if obj and float(obj.group(1)) < 1e49 else None
    if re.search(r"^Result - Optimal solution found", out, re.M) and o is not None:
        gap = 0.0
    elif o is not None and bound:
        b = float(bound.group(1))
        gap = (o - b) / abs(o) if o else 0.0
    else:
        gap = None
    st = re.search(r"^Result - (.*)$", out, re.M)
    return (*wall(os.path.join(tmp, r + ".cbctime")), gap, o,
            st.group(1) if st else "no result")

def highs(r):
    try:
        h = json.loads(open(os.path.join(tmp, r + ".highs")).readline())
    except (OSError, ValueError):
        h = {"status": "crashed"}
    return (*wall(os.path.join(tmp, r + ".highstime")), h.get("gap"),
            h.get("objective"), h.get("status", "crashed"))

solve = {"cbc": cbc, "highs": highs}
head = "%-9s %7s %7s %10s" % ("row", "iss_s", "iss_gap", "iss_obj")
for p in peers:
    head += " | %7s %7s %10s %6s %7s %5s" % (p + "_s", "gap", "obj", "s/iss",
                                             "obj/iss", "MB")
print(head)
notes = []
for r in rows:
    if r not in iss or not os.path.exists(os.path.join(tmp, r + ".lp")):
        continue
    t, g, o = iss[r]
    line = "%-9s %7.2f %6.2f%% %10.1f" % (r, t, 100 * g, o)
    for p in peers:
        w, mb, gap, obj, st = solve[p](r)
        line += " | %7s %7s %10s %6s %7s %5s" % (
            "-" if w is None else "%.2f" % w,
            "-" if gap is None else "%.2f%%" % (100 * gap),
            "-" if obj is None else "%.1f" % obj,
            "-" if w is None or t <= 0 else "%.2f" % (w / t),
            "-" if obj is None or not o else "%.4f" % (obj / o),
            "-" if mb is None else "%.0f" % mb)
        if obj is None or (p == "highs" and st not in ("optimal", "timeLimit")):
            notes.append("%s: %s found no solution (status: %s)" % (
                r, {"cbc": "CBC", "highs": "HiGHS"}[p], st) if obj is None
                else "%s: HiGHS ended with status %s" % (r, st))
    print(line)
for n in notes:
    print(n)
print("(iss_gap: iss's plan against the bound of the whole problem; gap: the")
print(" peer's own gap on the model over the generated columns; s/iss: peer")
print(" seconds / iss seconds; obj/iss: peer objective / iss objective;")
print(" MB: the peer's peak resident memory)")
EOF
