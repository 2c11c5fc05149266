#!/bin/sh
# One writer at a time (issue 14): real iss processes in pairs (publish x
# publish, publish x rotate, publish x re-plan, attendance x re-plan),
# held still at pause points (ISS_PAUSE_AT) and started at random
# offsets. After each pair: every listed feed has its file and no other
# feed file is left (so a rotated-away address is never served), the plan
# file's UIDs are the store's, nothing stored is lost, and the loser said
# "busy" or waited.
set -u
. "$(dirname "$0")/lib.sh"

ISS_NOW=1795176000          # Friday 20 Nov 2026, 12:00 UTC
ISS_TODAY=2026-11-20
export ISS_NOW ISS_TODAY
PY=/usr/bin/python3
WEEK=2026-11-23
RUNS=${ISS_CONCURRENCY_RUNS:-6}
SEED=${ISS_CONCURRENCY_SEED:-$$}
echo "seed $SEED (ISS_CONCURRENCY_SEED=$SEED replays the offsets)"

sql() { $PY -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
[print('|'.join(str(x) for x in r)) for r in c.execute(sys.argv[2])]" "$@"; }

# The offsets, drawn from the seed: offset N prints a delay in seconds.
offset() { $PY -c "import random,sys; r=random.Random(int(sys.argv[1])*1000+int(sys.argv[2])); print('%.3f' % r.uniform(0, 0.6))" "$SEED" "$1"; }

# invariants WS WHAT: the feed files are exactly the store's feeds, and
# every UID of the plan file is a stored session of that child and start.
invariants()
{
    $PY - "$1" "$WEEK" >"$TMP_ROOT/inv" 2>&1 <<'EOF'
import json, os, sqlite3, sys
ws, week = sys.argv[1], sys.argv[2]
c = sqlite3.connect(os.path.join(ws, "iss.db"))
tokens = {t for (t,) in c.execute("select token from feeds")}
files = {f[:-4] for f in os.listdir(os.path.join(ws, "out", "feeds"))
         if f.endswith(".ics")}
bad = []
if tokens - files:
    bad.append("%d listed feeds have no file" % len(tokens - files))
if files - tokens:
    bad.append("%d feed files are of no listed feed (a revoked address "
               "still served)" % len(files - tokens))
temps = [f for f in os.listdir(os.path.join(ws, "out", "feeds")) if ".tmp" in f]
plan = json.load(open(os.path.join(ws, "out", "plan-%s.json" % week)))
stored = {u: (k, d, s) for (u, k, d, s) in c.execute(
    "select uid, case_id, date, start_min from sessions")}
for x in plan["sessions"]:
    if not x.get("uid"):
        continue
    h, m = int(x["start"][11:13]), int(x["start"][14:16])
    want = (x["case"], x["date"], h * 60 + m)
    if stored.get(x["uid"]) != want:
        bad.append("plan session %s %s %s has UID %s, which the store "
                   "has as %s" % (want + (x["uid"], stored.get(x["uid"]))))
        break
# each feed file is what the store holds now: every session UID of the
# child's feed is a stored session of that child
for (kind, owner, tok) in c.execute(
        "select owner_kind, owner_id, token from feeds where owner_kind='case'"):
    p = os.path.join(ws, "out", "feeds", tok + ".ics")
    if not os.path.exists(p):
        continue
    uids = [l[4:].strip() for l in open(p, newline="").read().split("\r\n")
            if l.startswith("UID:")]
    n = c.execute("select count(*) from sessions where case_id = ? and "
                  "date >= '2026-09-01'", (owner,)).fetchone()[0]
    if len(uids) != n:
        bad.append("the feed of %s holds %d events, the store %d" %
                   (owner, len(uids), n))
print("ok" if not bad else "; ".join(bad))
EOF
    if [ "$(cat "$TMP_ROOT/inv")" = ok ]; then pass; else
        fail "$2" "$(cat "$TMP_ROOT/inv")"
    fi
}

# wait_paused FILE: until a paused iss has made FILE (it is removed to let
# the run go on).
wait_paused()
{
    i=0
    while [ ! -e "$1" ] && [ $i -lt 6000 ]; do
        sleep 0.05
        i=$((i + 1))
    done
}

ws=$(copy_examples)
run iss -C "$ws" plan --week $WEEK --quiet
run iss -C "$ws" publish --week $WEEK
expect_rc 0 "publish the example week"
PAUSE=$TMP_ROOT/pause

# ---- a publish holds the workspace: every other writer is told so ----
ISS_PAUSE_AT="holding the workspace lock" ISS_PAUSE_FILE=$PAUSE \
    "$ISS" -C "$ws" publish --week $WEEK >"$TMP_ROOT/a.out" 2>&1 &
apid=$!
wait_paused "$PAUSE"
run iss -C "$ws" publish --week $WEEK
expect_rc 1 "a second publish while one runs fails"
expect_err "^iss: busy: iss publish --week $WEEK \\(pid $apid, since [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\\) holds this workspace" \
    "and names the command, its pid and since when"
expect_err 'add --wait' "and says how to wait instead"
run iss -C "$ws" feeds --rotate C01
expect_rc 1 "a rotation while a publish runs fails"
expect_err '^iss: busy: iss publish' "and says who is busy"
run iss -C "$ws" plan --week $WEEK --replan --quiet
expect_rc 1 "a re-plan while a publish runs fails"
expect_err '^iss: busy: iss publish' "says busy"
run iss -C "$ws" attendance record 0123456789abcdef0123456789abcdef attended
expect_rc 1 "recording attendance while a publish runs fails"
expect_err '^iss: busy: iss publish' "says busy"
run iss -C "$ws" report --week $WEEK
expect_rc 0 "report reads while a writer holds the workspace"
run iss -C "$ws" feeds
expect_rc 0 "iss feeds lists while a writer holds the workspace"
run iss -C "$ws" feeds --rotate C01 --wait=1
expect_rc 1 "--wait=1 gives up after a second"
expect_err 'busy: iss publish .* still holds this workspace after 1 s of waiting' \
    "and says it waited"
run iss -C "$ws" --wait=bad feeds
expect_rc 2 "--wait=bad is a usage error"
old=$(sql "$ws/iss.db" "select token from feeds where owner_kind='case' and owner_id='C01'")
"$ISS" -C "$ws" feeds --rotate C01 --wait >"$TMP_ROOT/b.out" 2>&1 &
bpid=$!
sleep 0.3
rm -f "$PAUSE"
RC=0; wait $apid || RC=$?
expect_rc 0 "the paused publish finishes"
RC=0; wait $bpid || RC=$?
cp "$TMP_ROOT/b.out" "$OUT"
expect_rc 0 "the rotation that waited then runs"
expect_out 'has a new address' "and rotates"
new=$(sql "$ws/iss.db" "select token from feeds where owner_kind='case' and owner_id='C01'")
check "[ '$new' != '$old' ] && [ ! -e '$ws/out/feeds/$old.ics' ] && [ -s '$ws/out/feeds/$new.ics' ]" \
    "the old address's file is gone and the new one's is there"
invariants "$ws" "after publish then a waiting rotation"

# ---- held after reading the feed list: a rotation cannot undo it ----
old=$(sql "$ws/iss.db" "select token from feeds where owner_kind='staff' limit 1")
owner=$(sql "$ws/iss.db" "select owner_id from feeds where token='$old'")
ISS_PAUSE_AT="writing the feeds" ISS_PAUSE_FILE=$PAUSE \
    "$ISS" -C "$ws" publish --week $WEEK >"$TMP_ROOT/a.out" 2>&1 &
apid=$!
wait_paused "$PAUSE"
run iss -C "$ws" feeds --rotate "staff:$owner"
expect_rc 1 "a rotation while a publish writes the feeds is refused"
"$ISS" -C "$ws" --wait feeds --rotate "staff:$owner" >"$TMP_ROOT/b.out" 2>&1 &
bpid=$!
sleep 0.3
rm -f "$PAUSE"
RC=0; wait $apid || RC=$?
expect_rc 0 "the publish finishes"
RC=0; wait $bpid || RC=$?
expect_rc 0 "the rotation (iss --wait feeds) then runs"
check "[ ! -e '$ws/out/feeds/$old.ics' ]" "the rotated-away address is not served"
invariants "$ws" "after a rotation waiting for a publish's feed writing"

# ---- a re-plan waits for a publish that is writing the plan file ----
ISS_PAUSE_AT="storing a session" ISS_PAUSE_FILE=$PAUSE \
    "$ISS" -C "$ws" plan --week $WEEK --quiet >/dev/null 2>&1
# (plan stores nothing: a plan then a publish paused in its transaction)
"$ISS" -C "$ws" plan --week $WEEK --replan --quiet >/dev/null 2>&1
ISS_PAUSE_AT="before writing a file" ISS_PAUSE_FILE=$PAUSE \
    "$ISS" -C "$ws" publish --week $WEEK >"$TMP_ROOT/a.out" 2>&1 &
apid=$!
wait_paused "$PAUSE"
"$ISS" -C "$ws" plan --week $WEEK --replan --quiet --wait=600 \
    >"$TMP_ROOT/b.out" 2>&1 &
bpid=$!
sleep 0.3
rm -f "$PAUSE"
RC=0; wait $apid || RC=$?
expect_rc 0 "the publish finishes"
RC=0; wait $bpid || RC=$?
expect_rc 0 "the re-plan that waited finishes"
invariants "$ws" "after a re-plan waiting for a publish"
run iss -C "$ws" publish --week $WEEK
expect_rc 0 "the re-plan publishes"
invariants "$ws" "after publishing the re-plan"

# ---- pairs at random offsets, no waiting: one wins, the other says busy
pair()
{
    what=$1 i=$2
    shift 2
    d=$(offset "$i")
    "$ISS" -C "$ws" "$@" >"$TMP_ROOT/p1.out" 2>&1 &
    p1=$!
    sleep "$d"
    RC2=0
    "$ISS" -C "$ws" $SECOND >"$TMP_ROOT/p2.out" 2>&1 || RC2=$?
    RC1=0
    wait $p1 || RC1=$?
    for x in "1 $RC1" "2 $RC2"; do
        set -- $x
        if [ "$2" -ne 0 ] && ! grep -q '^iss: busy: ' "$TMP_ROOT/p$1.out"; then
            fail "$what run $i: command $1 failed without saying busy" \
                "$(head -3 "$TMP_ROOT/p$1.out")"
            return
        fi
    done
    check "[ $RC1 -eq 0 ] || [ $RC2 -eq 0 ]" "$what run $i: one of the two ran"
    invariants "$ws" "$what run $i (offset ${d}s, exits $RC1 $RC2)"
}
i=0
while [ $i -lt "$RUNS" ]; do
    SECOND="feeds --rotate C02"
    pair "publish x rotate" $i publish --week $WEEK
    SECOND="publish --week $WEEK"
    pair "publish x publish" $((i + 100)) publish --week $WEEK
    SECOND="plan --week $WEEK --replan --quiet"
    pair "publish x re-plan" $((i + 200)) publish --week $WEEK
    "$ISS" -C "$ws" publish --week $WEEK >/dev/null 2>&1
    i=$((i + 1))
done

# ---- the same pairs with --wait: both always run ----
i=0
while [ $i -lt "$RUNS" ]; do
    d=$(offset $((i + 300)))
    n_before=$(sql "$ws/iss.db" "select count(*) from history where event='feed rotated'")
    "$ISS" -C "$ws" publish --week $WEEK --wait >"$TMP_ROOT/p1.out" 2>&1 &
    p1=$!
    sleep "$d"
    RC=0
    "$ISS" -C "$ws" feeds --rotate C03 --wait >"$OUT" 2>"$ERR" || RC=$?
    expect_rc 0 "with --wait run $i: the rotation runs"
    RC=0
    wait $p1 || RC=$?
    expect_rc 0 "with --wait run $i: the publish runs"
    check "[ $(sql "$ws/iss.db" "select count(*) from history where event='feed rotated'") -eq $((n_before + 1)) ]" \
        "with --wait run $i: the rotation is stored once"
    invariants "$ws" "with --wait run $i (offset ${d}s)"
    i=$((i + 1))
done

# ---- attendance x re-plan: nothing recorded is lost ----
$PY - "$ws/out/plan-$WEEK.json" >"$TMP_ROOT/att.csv" <<'EOF'
import json, sys
p = json.load(open(sys.argv[1]))
print("uid,outcome,minutes_attended,note")
for x in p["sessions"][:5]:
    print("%s,attended,," % x["uid"])
EOF
ISS_TODAY=2026-11-30 ISS_NOW=1796040000 ISS_PAUSE_AT="holding the workspace lock" \
    ISS_PAUSE_FILE=$PAUSE "$ISS" -C "$ws" attendance import "$TMP_ROOT/att.csv" \
    >"$TMP_ROOT/a.out" 2>&1 &
apid=$!
wait_paused "$PAUSE"
run iss -C "$ws" plan --week $WEEK --replan --quiet
expect_rc 1 "a re-plan while attendance is imported fails"
expect_err '^iss: busy: iss attendance import' "and names the import"
rm -f "$PAUSE"
RC=0; wait $apid || RC=$?
cp "$TMP_ROOT/a.out" "$ERR"
expect_rc 0 "the import finishes"
check "[ $(sql "$ws/iss.db" 'select count(*) from attendance') -eq 5 ]" "its 5 outcomes are stored"

# ---- the lock file ----
check "[ -f '$ws/iss.lock' ] && [ \"\$(stat -c %a '$ws/iss.lock')\" = 600 ]" "iss.lock is a 0600 file"
check "[ ! -s '$ws/iss.lock' ]" "it names no one when no one holds it"

finish
