#!/bin/sh
# A hand-written service in Christmas week (tests/scenarios/xmas, week of
# Mon 21 Dec 2026): plan, check, publish, record attendance, the ladder and
# the report, as a tracking officer and a manager would. Cheap: one plan
# with a short time limit; every property is judged, not copied.
set -eu
. "$(dirname "$0")/lib.sh"
CHECKER="/usr/bin/python3 $TESTS_DIR/checker/check_plan.py"
ws=$TMP_ROOT/xmas
cp -R "$TESTS_DIR/scenarios/xmas" "$ws"
plan=$ws/out/plan-2026-12-21.json
ISS_TODAY=2026-12-18
export ISS_TODAY
now=$(date -u -d 2026-12-18 +%s)

run iss -C "$ws" check
expect_rc 0 "the scenario is a valid workspace"

run iss -C "$ws" plan --week 2026-12-21 --time-limit 3
expect_rc 0 "plan Christmas week"
# Sunday: only T1 is on duty, and K6's staff.avoid rules T1 out: the
# shortfall names the avoid list (was: only the others' days off).
expect_out '^  K6: Sun 27 Dec: 0 of 2 contacts - .*staff\.avoid rules out T1 \(on duty 10:00-18:00\)' \
    "K6's Sunday shortfall names staff.avoid and who it rules out"
RC=0
$CHECKER --datadir "$SRC_DIR" --now "$now" --all-cases "$ws" "$plan" \
    >"$OUT" 2>"$ERR" || RC=$?
expect_rc 0 "the independent checker passes the plan"

# py EXPR: evaluate a Python expression on the plan (p) and print it.
py()
{
    /usr/bin/python3 -c "import json,sys; p=json.load(open(sys.argv[1])); print($1)" "$plan"
}
check '[ "$(py "sum(1 for s in p[\"sessions\"] if s[\"case\"]==\"K4\" and s[\"date\"]<\"2026-12-23\")")" = 0 ]' \
    "K4's order starts Wed 23 Dec: nothing before it"
check '[ "$(py "sum(1 for s in p[\"sessions\"] if s[\"case\"]==\"K4\")")" -gt 0 ]' \
    "K4 is planned from Wed 23 Dec"
check '[ "$(py "sum(1 for s in p[\"sessions\"] if \"M1\" in s[\"staff\"] and s[\"date\"] in (\"2026-12-22\",\"2026-12-23\"))")" = 0 ]' \
    "M1 is on leave Tue 22 and Wed 23 Dec"
check '[ "$(py "sum(1 for s in p[\"sessions\"] if \"T1\" in s[\"staff\"] and s[\"date\"] in (\"2026-12-24\",\"2026-12-25\"))")" = 0 ]' \
    "T1's rota week 1 is off on Thu and Fri"
check '[ "$(py "sum(1 for s in p[\"sessions\"] if \"T1\" in s[\"staff\"] and s[\"case\"]==\"K6\")")" = 0 ]' \
    "K6 avoids T1"

# The same week with T1 allowed for K6 but booked all Sunday by K2's pinned
# sessions: T1 is on duty while Frankie is free, and booked (was: "on duty
# only T1 (no hours in the planning day)").
ws2=$TMP_ROOT/xmas-booked
cp -R "$TESTS_DIR/scenarios/xmas" "$ws2"
/usr/bin/python3 - "$ws2" <<'PYEOF'
import json, sys
ws = sys.argv[1]
c = json.load(open(ws + "/cases/K6.json"))
del c["staff"]["avoid"]
json.dump(c, open(ws + "/cases/K6.json", "w"))
c = json.load(open(ws + "/cases/K2.json"))
c["pinned"] = [{"date": "2026-12-27", "time": t, "type": "tracking",
                "staff": ["T1"]} for t in ("10:00-13:45", "14:00-18:00")]
json.dump(c, open(ws + "/cases/K2.json", "w"))
PYEOF
run iss -C "$ws2" plan --week 2026-12-21 --time-limit 3
expect_rc 0 "plan with T1 booked on Sunday"
expect_out '^  K6: Sun 27 Dec: 0 of 2 contacts - .*on duty while Frankie is free but booked with other sessions \(pinned or published\): T1' \
    "T1 on duty but booked is said so"
check '! grep -q "K6: Sun 27 Dec.*on duty only T1" "$OUT"' \
    "T1 is not said to be on duty only at other hours"

run iss -C "$ws" publish --week 2026-12-21
expect_rc 0 "publish"
check '[ -f "$ws/out/letters/K1-2026-12-21-copy.html" ] && [ -f "$ws/out/letters/K5-2026-12-21-copy.html" ]' \
    "the under-16s with a carer get the carer's copy"
check '[ ! -f "$ws/out/letters/K2-2026-12-21-copy.html" ]' "no carer, no copy"
# The letters give the office hours: they say the office is closed on the
# bank holidays up to the first working day after the week (Sat 26 Dec's
# substitute is Mon 28), in the child's letter and the carer's copy.
check 'grep -q "The office is closed on Fri 25 Dec and Mon 28 Dec, but appointments on those days still go ahead\. " "$ws/out/letters/K2-2026-12-21.html" &&
       grep -q "The office is closed on Fri 25 Dec and Mon 28 Dec, but appointments on those days still go ahead\. " "$ws/out/letters/K1-2026-12-21-copy.html"' \
    "the Christmas-week letters name the bank holidays the office is closed"

# ---- attendance after the week: two unacceptable misses on one day. The
# first formal letter names the earlier one ("since then, 1 more"), whatever
# the order of their UIDs (was: the smaller UID).
ISS_TODAY=2026-12-28
export ISS_TODAY
pair=$(/usr/bin/python3 - "$plan" <<'PYEOF'
import json, sys, collections
p = json.load(open(sys.argv[1]))
by = collections.defaultdict(list)
for s in p["sessions"]:
    by[(s["case"], s["date"])].append(s)
best = None
for k, v in sorted(by.items()):
    if len(v) < 2:
        continue
    v.sort(key=lambda s: s["start"])
    a, b = v[0], v[1]
    # prefer a pair whose earlier session has the larger UID: the old order
    if best is None or (a["uid"] > b["uid"] and not best[2]):
        best = (a, b, a["uid"] > b["uid"])
print(best[0]["case"], best[0]["uid"], best[1]["uid"])
PYEOF
)
set -- $pair
kid=$1 early=$2 late=$3
run iss -C "$ws" attendance record "$late" absent_unacceptable
expect_rc 0 "record the later miss first"
run iss -C "$ws" attendance record "$early" absent_unacceptable
expect_rc 0 "record the earlier miss"
run iss -C "$ws" report --week 2026-12-21 --case "$kid" --format json
expect_rc 0 "report as JSON"
check '[ "$(/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); w=[a for a in d[\"actions\"] if a[\"action\"]==\"warning\"]; print(w[0][\"session\"], w[0][\"later_failures\"])" "$OUT")" = "$early 1" ]' \
    "warning 1 names the earlier miss of the day, one more since then"

# ---- deadlines count working days over Christmas (25, 28 Dec, 1 Jan)
run iss -C "$ws" report --week 2026-12-21 --case K4 --format json
check '[ "$(/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sorted((a[\"action\"],a[\"due\"]) for a in d[\"actions\"]))" "$OUT")" = "[('"'"'first_contact'"'"', '"'"'2026-12-24'"'"'), ('"'"'planning_meeting'"'"', '"'"'2027-01-04'"'"')]" ]' \
    "K4 (order from Wed 23 Dec): first contact Thu 24 Dec, planning meeting Mon 4 Jan 2027"

# ---- bad attendance input: exit 2, nothing imported
uid=$(py "[s['uid'] for s in p['sessions'] if s['case']=='K3' and s['minutes']>=60][0]")
run iss -C "$ws" attendance record "$uid" partial --minutes 30
expect_rc 2 "a partial needs its cause"
expect_err 'cause.*child_unacceptable, child_acceptable or service' "the causes allowed are named"
printf 'uid,outcome,minutes_attended,note,cause,told_in_person\n%s,partial,999,"left early, bus",service,\n' \
    "$uid" >"$TMP_ROOT/a.csv"
before_db=$(cksum <"$ws/iss.db")
run iss -C "$ws" attendance import "$TMP_ROOT/a.csv"
expect_rc 2 "minutes beyond the session are refused"
expect_err 'a.csv: row 2: minutes_attended: 999: .*1 to [0-9]+' "row, field, value and range"
check '[ "$(cksum <"$ws/iss.db")" = "$before_db" ]' "nothing was imported"

# ---- a short reference (as iss today prints) in the import: refused, the
# message names it and gives the whole UID; nothing imported
ref=$(printf %s "$uid" | cut -c1-8)
printf 'uid,outcome,minutes_attended,note,cause,told_in_person\n%s,attended,,,,\n' \
    "$ref" >"$TMP_ROOT/b.csv"
run iss -C "$ws" attendance import "$TMP_ROOT/b.csv"
expect_rc 2 "a short reference in the import is refused"
expect_err_fixed "b.csv: row 2: uid: \"$ref\": a short reference (as iss today prints) is not taken in an import; give the session's whole UID (32 characters): $uid" \
    "file, row, the value, and the whole UID to give"
check '[ "$(cksum <"$ws/iss.db")" = "$before_db" ]' "nothing was imported"
# ---- the formal letter written on its due day, later that day: its "next
# appointment" is the first session still to start by ISS_NOW, not the
# first of the day (the next week is planned and published first).
run iss -C "$ws" plan --week 2026-12-28 --time-limit 3
expect_rc 0 "plan the week after Christmas"
run iss -C "$ws" publish --week 2026-12-28
expect_rc 0 "publish it"
run iss -C "$ws" report --week 2026-12-21 --case "$kid" --format json
due=$(/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print([a['due'] for a in d['actions'] if a['action']=='warning'][0])" "$OUT")
# ISS_NOW: one minute after the start of the kid's first session on or
# after the due day that has another after it the same day; the letter
# should name that other one (its start as "HH:MM to").
set -- $(/usr/bin/python3 - "$ws/out/plan-2026-12-28.json" "$kid" "$due" <<'PYEOF'
import json, sys, datetime
p = json.load(open(sys.argv[1])); kid, due = sys.argv[2], sys.argv[3]
ss = sorted((s for s in p["sessions"] if s["case"] == kid and s["date"] >= due),
            key=lambda s: s["start"])
for a, b in zip(ss, ss[1:]):
    if a["date"] == b["date"]:
        t = datetime.datetime.fromisoformat(a["start"]).timestamp() + 60
        print(int(t), a["date"], a["start"][11:16], b["start"][11:16])
        break
else:
    print("none")
PYEOF
)
if [ "$1" = none ]; then
    fail "next appointment later on the due day" "no day with two sessions for $kid"
else
    ISS_TODAY=$2 ISS_NOW=$1 under_way=$3 still_to=$4
    export ISS_NOW
    run iss -C "$ws" letters --case "$kid"
    expect_rc 0 "letters later on the day"
    letter=$ws/out/$(sed -n 's/.*warning 1 letter.*: \(letters\/[^ ]*\.html\).*/\1/p' "$OUT" | head -1)
    check 'grep -q "class=\"next\"><strong>[^<]*, $still_to to " "$letter" &&
           ! grep -q "class=\"next\"><strong>[^<]*, $under_way to " "$letter"' \
        "the next appointment is the one still to start, not the one under way"
fi
finish
