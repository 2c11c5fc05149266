#!/bin/sh
# Crash tests: iss publish and iss attendance import killed with SIGKILL at
# random moments, ISS_CRASH_RUNS times each (default 50). After each kill
# the store passes PRAGMA integrity_check and is all or nothing (the state
# before, or the state of an uninterrupted run), every feed file is a
# complete calendar and the old or the new one, and running the command
# again gives what an uninterrupted run gives. The runs and the checks are
# tests/crash/crash.py's; docs/store.md says more.
#   ISS_CRASH_SEED=N   replay the delays and points of an earlier run
#   ISS_CRASH_RUNS=N   runs of each command (slow builds: valgrind)
#   ISS_CRASH_CHILDREN=N  children in the generated workspace (default 16)
set -u
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
GENWS=${GENWS:-$SRC_DIR/build/genws}
RUNS=${ISS_CRASH_RUNS:-50}
CHILDREN=${ISS_CRASH_CHILDREN:-16}
SEED=${ISS_CRASH_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
printf 'crash.sh: seed %s (ISS_CRASH_SEED=%s replays it), %s runs each\n' \
    "$SEED" "$SEED" "$RUNS"

at() { date -u -d "$1" +%s; }

sql() { $PY -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
[print('|'.join(str(x) for x in r)) for r in c.execute(sys.argv[2])]" "$@"; }

# crash NAME BASE ARGS...: the runs; each PASS/FAIL line is an assertion.
crash()
{
    name=$1 base=$2
    shift 2
    py_checks "$TESTS_DIR/crash/crash.py" --iss "$ISS" --base "$base" \
        --work "$TMP_ROOT/work-$name" --runs "$RUNS" --seed "$SEED" \
        --name "$name" -- "$@"
    sed -n 's/^INFO: /  /p' "$OUT"
    rm -rf "$TMP_ROOT/work-$name"
}

# ---- the workspace: generated, three weeks planned, the first published ----
ws=$TMP_ROOT/base
run "$GENWS" --children "$CHILDREN" --staff $((CHILDREN / 2 + 3)) --seed 4 \
    "$ws"
expect_rc 0 "genws writes the workspace"
export ISS_TODAY=2026-11-20 ISS_NOW=$(at 2026-11-20T12:00Z)
run iss -C "$ws" plan --week 2026-11-23 --weeks 3 --time-limit 2 --quiet
expect_rc 0 "plan three weeks"
run iss -C "$ws" publish --week 2026-11-23
expect_rc 0 "publish the first"
check "[ \$(sql '$ws/iss.db' 'select count(*) from sessions') -gt 0 ]" \
    "the first week is stored"

# ---- publish: weeks 2 and 3 (one transaction), then the files ----
printf 'publish --week 2026-11-30 --weeks 2, killed:\n'
crash publish "$ws" publish --week 2026-11-30 --weeks 2

# ---- attendance import: a correction file over an earlier import ----
(cd "$ws" && "$ISS" publish --week 2026-11-30 --weeks 2) >/dev/null 2>&1
export ISS_TODAY=2026-12-01 ISS_NOW=$(at 2026-12-01T12:00Z)
$PY - "$ws/iss.db" "$ws/first.csv" "$ws/second.csv" "$ISS_NOW" <<'EOF'
# first.csv: every other session of week 1 attended. second.csv, imported
# when all three weeks are over: every session of the three weeks; of
# those in first.csv half as before (skipped) and half corrected.
import csv, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("select uid, end_min - start_min, week, start_utc from "
                 "sessions where status = 'confirmed' order by start_utc, "
                 "uid").fetchall()
first = [r for r in rows if r[2] == "2026-11-23" and r[3] < int(sys.argv[4])][::2]
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["uid", "outcome", "minutes_attended", "note"])
    for uid, mins, _, _ in first:
        w.writerow([uid, "attended", mins, ""])
done = {r[0] for r in first}
with open(sys.argv[3], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["uid", "outcome", "note", "minutes_attended"])
    for i, (uid, mins, _, _) in enumerate(rows):
        if uid in done and i % 4 < 2:
            w.writerow([uid, "attended", "", mins])
        elif i % 11 == 3:
            w.writerow([uid, "absent_unacceptable", "no answer, at home", ""])
        elif i % 13 == 5 and mins > 15:
            w.writerow([uid, "partial", "arrived late", mins - 15])
        elif i % 17 == 7:
            w.writerow([uid, "cancelled_by_service", "worker off sick", 0])
        else:
            w.writerow([uid, "attended", "", ""])

EOF
(cd "$ws" && "$ISS" attendance import first.csv) >"$OUT" 2>"$ERR" && RC=0 || RC=$?
expect_rc 0 "import the first file"
n_first=$(sql "$ws/iss.db" 'select count(*) from attendance')
check "[ $n_first -gt 0 ]" "the first file's rows are stored ($n_first)"
export ISS_TODAY=2026-12-14 ISS_NOW=$(at 2026-12-14T12:00Z)
printf 'attendance import second.csv, killed:\n'
crash import "$ws" attendance import second.csv

finish
