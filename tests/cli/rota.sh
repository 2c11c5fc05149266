#!/bin/sh
# Rotas (docs/files.md, "rota" and "rota.csv"): a 3-week cycle planned over
# 3 consecutive weeks and judged by the independent checker, a bad rota.csv
# rejected with its row, and a re-plan after a dated swap that moves only
# what the swap touches.
set -u
. "$(dirname "$0")/lib.sh"

# Planning happens before the weeks planned: Friday 20 Nov 2026, 12:00 UTC.
ISS_NOW=1795176000    # Fri 20 Nov 2026 12:00, before the weeks planned
ISS_TODAY=2026-11-20
export ISS_NOW ISS_TODAY
PY=/usr/bin/python3
CHECKER="$PY $TESTS_DIR/checker/check_plan.py"

# ---- a 3-week cycle over 3 consecutive weeks ----
# S4 and S6 (trackers) on a 3-week cycle whose week 1 starts on Mon 30 Nov,
# after the first week planned (23 Nov is the cycle's week 3); S4 also has
# a dated day off and a dated Sunday.
ws=$(copy_examples)
$PY - "$ws/team.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
late = ["13:00-21:00"]
early = ["08:00-16:00"]
for s in t["staff"]:
    if s["id"] == "S4":
        del s["availability"]
        s["rota"] = {"start": "2026-11-30", "weeks": [
            {"mon": late, "tue": late, "wed": late, "thu": late},
            {"wed": early, "thu": early, "fri": early, "sat": late,
             "sun": late},
            {"tue": late, "wed": late, "thu": late, "fri": late,
             "sat": late}],
            "dates": [{"date": "2026-12-01", "off": True},
                      {"date": "2026-12-06", "time": ["12:00-20:00"]}]}
    if s["id"] == "S6":
        del s["availability"]
        s["rota"] = {"start": "2026-11-30", "weeks": [
            {"sat": ["09:00-20:00"], "sun": ["09:00-20:00"],
             "mon": ["12:00-20:00"]},
            {"mon": ["12:00-20:00"], "fri": ["12:00-20:00"],
             "sat": ["09:00-20:00"], "sun": ["09:00-20:00"]},
            {"mon": ["12:00-20:00"], "fri": ["12:00-20:00"],
             "sat": ["09:00-20:00"], "sun": ["09:00-20:00"]}]}
json.dump(t, open(sys.argv[1], "w"), indent=2)
EOF
run iss -C "$ws" check
expect_rc 0 "a workspace with rotas checks"
expect_out 'rotas: S4 3-week cycle, 2 dated days; S6 3-week cycle' \
    "the summary names who is on a rota"
run iss -C "$ws" plan --week 2026-11-23 --weeks 3 --time-limit 20
expect_rc 0 "plan 3 weeks against the rota"
expect_out 'S4 Dan: .*\(rota week 3 of 3\)' "the staff timetable shows the cycle's week"
expect_out '^  rota: .*Tue 1 Dec off' "and the dated day off"
for m in 2026-11-23 2026-11-30 2026-12-07; do
    RC=0
    $CHECKER "$ws" "$ws/out/plan-$m.json" --all-cases >"$OUT" 2>"$ERR" || RC=$?
    expect_rc 0 "week of $m: the checker finds every rule kept (rota read on its own)"
    expect_out ': 0 violations' "week of $m: no violation"
done
# The engine honoured the days the rota takes away and used the ones it adds.
$PY - "$ws/out" <<'EOF' >"$OUT"
import json, sys
off = {("S4", "2026-11-23"), ("S4", "2026-12-01"), ("S4", "2026-12-04"),
       ("S6", "2026-12-04"), ("S4", "2026-12-07"), ("S6", "2026-12-09")}
bad, s4_days = [], set()
for m in ("2026-11-23", "2026-11-30", "2026-12-07"):
    for s in json.load(open("%s/plan-%s.json" % (sys.argv[1], m)))["sessions"]:
        for sid in s["staff"]:
            if (sid, s["date"]) in off:
                bad.append((sid, s["date"]))
            if sid == "S4":
                s4_days.add(s["date"])
print("off_days_used", len(bad), bad and bad[0], "s4_weekend", "2026-12-05" in s4_days
      or "2026-12-06" in s4_days)
EOF
expect_out 'off_days_used 0 \[\] s4_weekend True' \
    "no session on a rota day off; S4 works the weekend week 2 gives"

# The checker is no rubber stamp: a session moved onto S4's dated day off
# is a rule 3 violation.
$PY - "$ws/out/plan-2026-11-30.json" "$TMP_ROOT/bad-plan.json" <<'EOF'
import json, sys
p = json.load(open(sys.argv[1]))
for s in p["sessions"]:
    if s["staff"] == ["S4"]:
        s["date"] = "2026-12-01"
        s["start"] = "2026-12-01T14:00:00+00:00"
        s["end"] = "2026-12-01T14:%02d:00+00:00" % s["minutes"] \
            if s["minutes"] < 60 else "2026-12-01T15:00:00+00:00"
        s["minutes"] = min(s["minutes"], 60)
        break
json.dump(p, open(sys.argv[2], "w"))
EOF
RC=0
$CHECKER "$ws" "$TMP_ROOT/bad-plan.json" >"$OUT" 2>"$ERR" || RC=$?
expect_rc 1 "the checker rejects a session on a rota day off"
expect_out 'rule 3 \(availability\).*S4' "naming rule 3 and S4"

# ---- a bad rota.csv: exit 2, its row and value named, nothing written ----
ws=$(copy_examples)
cat >"$ws/rota.csv" <<'EOF'
staff,date,time
S4,2026-11-26,off
S5,2026-11-31,09:00-17:00
S9,2026-11-27,"10:00-14:00, 25:00-26:00"
EOF
before=$(tree_state "$ws")
run iss -C "$ws" plan --week 2026-11-23
expect_rc 2 "a bad rota.csv is bad input"
expect_err_fixed 'rota.csv: row 3: date: "2026-11-31": a real date' \
    "the bad date is named with its row"
expect_err_fixed 'rota.csv: row 4: time: "10:00-14:00, 25:00-26:00"' \
    "the bad time is named with its row"
check "[ \"\$(tree_state '$ws')\" = \"\$before\" ]" "nothing was written"
run iss -C "$ws" check
expect_rc 2 "iss check rejects it too"
# A row for a day team.json's rota already has: both named.
$PY - "$ws/team.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
for s in t["staff"]:
    if s["id"] == "S4":
        s["rota"] = {"dates": [{"date": "2026-11-26", "time": ["09:00-13:00"]}]}
json.dump(t, open(sys.argv[1], "w"), indent=2)
EOF
printf 'staff,date,time\nS4,2026-11-26,off\n' >"$ws/rota.csv"
run iss -C "$ws" check
expect_rc 2 "a clash between team.json and rota.csv"
expect_err_fixed 'rota.csv: row 2: S4 2026-11-26: team.json staff[3].rota.dates[0] is for the same person and day' \
    "the clash names both entries"

# ---- re-plan after a dated swap ----
ws=$(copy_examples)
(cd "$ws" && "$ISS" plan --week 2026-11-23 --quiet &&
    "$ISS" publish --week 2026-11-23) >/dev/null
cp "$ws/out/plan-2026-11-23.json" "$TMP_ROOT/before.json"
# S4's busiest weekday (Tue-Fri) of the published week goes; S4 works
# Sunday 29 Nov instead (a swap, in the team's spreadsheet).
day=$($PY - "$TMP_ROOT/before.json" <<'EOF'
import json, sys, collections
n = collections.Counter(s["date"] for s in json.load(open(sys.argv[1]))["sessions"]
                        if "S4" in s["staff"] and s["date"] in
                        ("2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"))
print(n.most_common(1)[0][0] if n else "none")
EOF
)
check "[ '$day' != none ]" "S4 has published sessions on a weekday ($day)"
printf 'staff,date,time\nS4,%s,off\nS4,2026-11-29,13:00-21:00\n' "$day" \
    >"$ws/rota.csv"
run iss -C "$ws" check
expect_out 'rotas: S4 2 dated days; S9 2-week cycle, 2 dated days; rota.csv 2 rows; weeks:' \
    "iss check counts rota.csv's rows as S4's dated days"
run iss -C "$ws" plan --week 2026-11-23
expect_rc 0 "plan without --replan after the swap"
expect_out "no longer fits \\(S4 is not on the rota on " \
    "the warning names the rota"
run iss -C "$ws" plan --week 2026-11-23 --replan
expect_rc 0 "re-plan after the swap"
RC=0
$CHECKER "$ws" "$ws/out/plan-2026-11-23.json" --all-cases >"$OUT" 2>"$ERR" || RC=$?
expect_rc 0 "the re-plan passes the checker (which reads rota.csv)"
$PY - "$TMP_ROOT/before.json" "$ws/out/plan-2026-11-23.json" "$day" <<'EOF' >"$OUT"
import json, sys
b = json.load(open(sys.argv[1]))["sessions"]
a = {s["uid"]: s for s in json.load(open(sys.argv[2]))["sessions"] if s["uid"]}
day = sys.argv[3]
touched = [s for s in b if "S4" in s["staff"] and s["date"] == day]
touched_cases = {s["case"] for s in touched}
lost = [s for s in b if s["uid"] not in a]
# Children the swap does not touch keep every session exactly.
untouched_changed = [s for s in b if s["case"] not in touched_cases
                     and a[s["uid"]]["status"] != "published"]
others_changed = [s for s in b if s not in touched
                  and a[s["uid"]]["status"] != "published"]
still_there = [x for x in a.values() if x["status"] != "cancelled"
               and "S4" in x["staff"] and x["date"] == day]
print("touched", len(touched), "lost", len(lost), "untouched_changed",
      len(untouched_changed), "others_fewer", len(others_changed) <= len(touched),
      "still_there", len(still_there))
EOF
expect_out '^touched [1-9][0-9]* lost 0 untouched_changed 0 others_fewer True still_there 0$' \
    "only the children the swap touches change; none stays with S4 on $day; every UID survives"

finish
