#!/bin/sh
# iss attendance and iss report: DOMAIN.md scenario 3 end to end, imports
# that are all or nothing, corrections, the service's shortfall after a
# re-plan, the report's schema, and totals that add up in every format.
set -u
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
GENWS=${GENWS:-$SRC_DIR/build/genws}
at() { date -u -d "$1" +%s; }
sql() { $PY -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
[print('|'.join(str(x) for x in r)) for r in c.execute(sys.argv[2])]" "$@"; }

# write_csv PLAN OUT RULES: attendance rows for the plan's sessions up to a
# date, by python rules given as "date=outcome" (the first session of that
# date), others attended.
write_csv()
{
    $PY - "$@" <<'EOF'
import csv, json, sys
plans, out, upto = sys.argv[1].split(","), sys.argv[2], sys.argv[3]
rules = dict(r.split("=") for r in sys.argv[4:])
done = set()
w = csv.writer(open(out, "w", newline=""))
w.writerow(["uid", "outcome", "minutes_attended", "note"])
for path in plans:
    for s in sorted(json.load(open(path))["sessions"], key=lambda s: s["start"]):
        if s["date"] > upto or s["status"] == "cancelled":
            continue
        o = "attended"
        if s["date"] in rules and s["date"] not in done:
            o = rules[s["date"]]
            done.add(s["date"])
        w.writerow([s["uid"], o, s["minutes"] if o == "attended" else "",
                    "" if o == "attended" else "no answer"])
missing = set(rules) - done
if missing:
    sys.exit("no session on " + ", ".join(sorted(missing)))
EOF
}

# ---- DOMAIN.md scenario 3 ----
ws=$(mktemp -d "$TMP_ROOT/s3.XXXXXX")
cp -R "$TESTS_DIR/scenarios/s3/." "$ws/"
export ISS_TODAY=2025-08-25
run iss -C "$ws" plan --week 2025-09-01 --weeks 5 --quiet
expect_rc 0 "plan five weeks of scenario 3"
run iss -C "$ws" publish --week 2025-09-01 --weeks 5
expect_rc 0 "publish them"
plans=$(ls "$ws"/out/plan-*.json | paste -sd, -)
export ISS_NOW=$(at 2025-10-06T12:00Z) ISS_TODAY=2025-10-06
write_csv "$plans" "$ws/att.csv" 2025-10-05 2025-09-09=absent_unacceptable \
    2025-09-20=absent_unacceptable 2025-10-02=absent_unacceptable
check "[ $? -eq 0 ]" "sessions exist on 9 Sep, 20 Sep and 2 Oct"
run iss -C "$ws" attendance import "$ws/att.csv"
expect_rc 0 "import the month's attendance"
expect_out '^Imported .*: [1-9][0-9]* outcomes recorded, 0 already' "import says what it did"
# A failure climbs the ladder only from what was given: nothing recorded
# as done yet, so the 20 Sep and 2 Oct misses wait on warning 1.
run iss -C "$ws" report --from 2025-09-01 --to 2025-10-05 --format json
expect_rc 0 "report as JSON"
$PY -c "import json; a=json.load(open('$OUT'))['actions']; \
print(sorted((x['action'], x['number'], x['later_failures']) for x in a \
if x['action'] in ('warning', 'breach')))" >"$ERR"
check "grep -qF \"[('warning', 1, 2)]\" '$ERR'" \
    "no warning given: one warning due, the later misses counted on it, no breach"
# Warnings given on their due days (10 and 22 Sep): breach due Thu 9 Oct.
run iss -C "$ws" action done E1 warning --date 2025-09-10 --by S1
expect_rc 0 "warning 1 done on 10 Sep"
expect_out '^E1: Warning 1 done on Wed 10 Sep 2025' "action done says which"
run iss -C "$ws" action done E1 warning --date 2025-09-22
expect_rc 0 "warning 2 done on 22 Sep"
expect_out '^E1: Warning 2 done on Mon 22 Sep 2025' "the next open warning is 2"
run iss -C "$ws" report --from 2025-09-01 --to 2025-10-05 --format json
expect_rc 0 "report as JSON"
cp "$OUT" "$TMP_ROOT/s3.json"
$PY - "$TMP_ROOT/s3.json" >"$OUT" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
for a in r["actions"]:
    if a["action"] in ("warning", "breach", "compliance_meeting"):
        print(a["action"], a.get("number"), a["trigger"], a["due"], a["state"])
    if a["action"] in ("first_contact", "planning_meeting"):
        print(a["action"], a["due"], a["state"])
print("follow_ups", sum(1 for a in r["actions"] if a["action"] == "follow_up"))
EOF
expect_out '^warning 1 2025-09-09 2025-09-10 done$' "warning 1 after the miss of 9 Sep, done"
expect_out '^warning 2 2025-09-20 2025-09-22 done$' "warning 2 after the miss of Sat 20 Sep, done"
expect_out '^breach 3 2025-10-02 2025-10-09 due$' "breach due Thu 9 Oct 2025"
expect_out '^follow_ups 3$' "a follow-up for each miss"
expect_out '^first_contact 2025-09-02 done$' "first contact (due Tue 2 Sep) closed by the first session attended"
expect_out '^planning_meeting 2025-09-08 due$' "planning meeting due Mon 8 Sep, 5 working days after the start"
check "[ \$(grep -c . '$OUT') -eq 6 ]" "and nothing else"
run iss -C "$ws" report --from 2025-09-01 --to 2025-10-05
expect_out 'E1 Breach action: due Thu 9 Oct 2025 \(after the miss of Thu 2 Oct 2025\)' \
    "the text report shows the breach deadline"
expect_out 'E1 Warning 2: done Mon 22 Sep 2025' "and the warnings given in the period"
expect_out 'short .*: child absent \(unacceptable\)' "and the child's shortfall"
# An overdue breach stays in every report until it is closed, weeks later
# (the order's weeks are long past: the case still shows).
export ISS_TODAY=2025-11-17 ISS_NOW=$(at 2025-11-17T12:00Z)
run iss -C "$ws" report --week 2025-11-10
expect_out 'OVERDUE E1 Breach action: due Thu 9 Oct 2025 .*39 days overdue' \
    "an overdue breach is still listed five weeks later, with the days overdue"
run iss -C "$ws" action withdraw E1 breach
expect_rc 2 "withdrawing needs a reason"
run iss -C "$ws" action done E1 breach --date 2025-09-30
expect_rc 2 "an action cannot be done before it was raised"
expect_err '2025-09-30: the breach of E1 was raised on 2025-10-02' "and the error says so"
run iss -C "$ws" action done E1 breach --date 2025-11-18
expect_rc 2 "nor after today"
run iss -C "$ws" action done E1 breech
expect_rc 2 "an unknown kind is a usage error"
run iss -C "$ws" action done E1 breach --by S99
expect_rc 2 "--by must be a staff member"
run iss -C "$ws" action withdraw E1 breach --note "sick note for 2 Oct arrived" --by S1 --date 2025-11-14
expect_rc 0 "withdraw the breach with the reason"
run iss -C "$ws" report --week 2025-11-10 --format json
$PY -c "import json; a=json.load(open('$OUT'))['actions']; \
print([(x['action'], x['state'], x['note']) for x in a if x['action']=='breach'])" >"$ERR"
check "grep -qF \"[('breach', 'withdrawn', 'sick note for 2 Oct arrived')]\" '$ERR'" \
    "the withdrawn breach is in the history of the period, with its reason"
run iss -C "$ws" action done E1 breach
expect_rc 2 "nothing open to close any more"
expect_err 'E1 has no open breach action' "and the error says so"
check "[ \$(sql '$ws/iss.db' \"select count(*) from history where event = 'action closed'\") -eq 3 ]" \
    "each closing is in the history"
export ISS_NOW=$(at 2025-10-06T12:00Z) ISS_TODAY=2025-10-06
# The Wokingham ladder adds a compliance meeting within 10 days of warning
# 2 (given Mon 22 Sep: Thu 2 Oct).
$PY - "$ws/team.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
t["policy"] = {"ladder": "wokingham", "verbal_warning_first": False}
json.dump(t, open(sys.argv[1], "w"), indent=2)
EOF
run iss -C "$ws" report --from 2025-09-01 --to 2025-10-05 --format json
$PY -c "import json; r=json.load(open('$OUT')); \
print([(a['trigger'], a['due']) for a in r['actions'] if a['action']=='compliance_meeting'])" >"$ERR"
check "grep -q \"('2025-09-20', '2025-10-02')\" '$ERR'" \
    "wokingham: compliance meeting due Thu 2 Oct, 10 days after warning 2 was given"
# With its verbal warning (once per order) the 9 Sep miss is the verbal
# warning and the closings recorded move along: no breach yet.
$PY - "$ws/team.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
t["policy"] = {"ladder": "wokingham"}
json.dump(t, open(sys.argv[1], "w"), indent=2)
EOF
run iss -C "$ws" report --from 2025-09-01 --to 2025-10-05 --format json
$PY -c "import json; a=json.load(open('$OUT'))['actions']; \
print(sorted((x['action'], x['number']) for x in a if x['action'] in ('warning', 'breach')))" >"$ERR"
check "grep -qF \"[('warning', 0), ('warning', 1), ('warning', 2)]\" '$ERR'" \
    "wokingham: a verbal warning first, then warnings 1 and 2; no breach"
# Overdue actions come first.
export ISS_TODAY=2025-10-20 ISS_NOW=$(at 2025-10-20T12:00Z)
run iss -C "$ws" report --from 2025-09-01 --to 2025-10-05 --format json
$PY -c "import json; a=json.load(open('$OUT'))['actions']; \
o=[x for x in a if x['state']=='due']; \
print(all(a[i]['overdue'] >= a[i+1]['overdue'] for i in range(len(o)-1)) and a[:len(o)] == o, \
all(x['overdue'] == (x['due'] < '2025-10-20') for x in o))" >"$ERR"
check "grep -q '^True True$' '$ERR'" "overdue actions are marked and listed first"

# ---- imports: all or nothing ----
ws=$(copy_examples)
export ISS_TODAY=2026-11-20
unset ISS_NOW
(cd "$ws" && "$ISS" plan --week 2026-11-23 --quiet && "$ISS" publish --week 2026-11-23) >/dev/null
export ISS_NOW=$(at 2026-11-30T12:00Z) ISS_TODAY=2026-11-30
write_csv "$ws/out/plan-2026-11-23.json" "$ws/good.csv" 2026-11-29 \
    2026-11-25=absent_acceptable
n_good=$(($(wc -l <"$ws/good.csv") - 1))
bad()
{   # bad NAME ROW-LINE EXPECT: a copy of good.csv with one row changed
    $PY - "$ws/good.csv" "$ws/$1.csv" "$2" <<'EOF'
import sys
lines = open(sys.argv[1], newline="").read().split("\r\n")
lines[3] = sys.argv[3] if sys.argv[3] != "-" else lines[3]
open(sys.argv[2], "w", newline="").write("\r\n".join(lines))
EOF
    run iss -C "$ws" attendance import "$ws/$1.csv"
    expect_rc 2 "$1: a bad row fails the import"
    expect_err_fixed "$3" "$1: the error names the row and the value"
    expect_err 'nothing was imported' "$1: nothing is imported"
    check "[ \$(sql '$ws/iss.db' 'select count(*) from attendance') -eq 0 ]" \
        "$1: the store has no attendance"
}
uid4=$(sed -n 4p "$ws/good.csv" | cut -d, -f1)
uid2=$(sed -n 2p "$ws/good.csv" | cut -d, -f1)
bad unknown_uid "0123456789abcdef0123456789abcdef,attended,60," \
    'row 4: uid: "0123456789abcdef0123456789abcdef": no published session'
bad duplicate "$uid2,attended,," 'row 4: uid: "'"$uid2"'": also on row 2'
bad outcome "$uid4,present,," 'row 4: outcome: "present": one of attended'
bad minutes "$uid4,partial,999," 'row 4: minutes_attended: 999'
bad not_number "$uid4,partial,half," 'row 4: minutes_attended: "half"'
bad absent_minutes "$uid4,absent_unacceptable,30," 'row 4: minutes_attended: 30: must be 0 or empty'
# A future session (the week after, published first).
(cd "$ws" && ISS_TODAY=2026-11-20 "$ISS" plan --week 2026-11-30 --quiet && \
    ISS_TODAY=2026-11-20 "$ISS" publish --week 2026-11-30) >/dev/null
future=$($PY -c "import json; print(json.load(open('$ws/out/plan-2026-11-30.json'))['sessions'][-1]['uid'])")
bad future "$future,attended,," 'row 4: uid: "'"$future"'": the session is in the future'
printf 'uid,outcome,minutes_attended,note\r\n"%s,attended\r\n' "$uid2" >"$ws/quote.csv"
run iss -C "$ws" attendance import "$ws/quote.csv"
expect_rc 2 "broken quoting fails"
expect_err 'not valid CSV' "and says so"
printf 'id,outcome\r\n%s,attended\r\n' "$uid2" >"$ws/header.csv"
run iss -C "$ws" attendance import "$ws/header.csv"
expect_rc 2 "a wrong header fails"
expect_err_fixed 'row 1: column "id": unknown' "and names the column"
: >"$ws/empty.csv"
run iss -C "$ws" attendance import "$ws/empty.csv"
expect_rc 2 "an empty file fails"
run iss -C "$ws" attendance import "$ws/good.csv"
expect_rc 0 "the good file imports"
expect_out ": $n_good outcomes recorded, 0 already" "every row"
run iss -C "$ws" attendance import "$ws/good.csv"
expect_out ": 0 outcomes recorded, $n_good already" "importing it again changes nothing"
check "[ \$(sql '$ws/iss.db' 'select count(*) from attendance') -eq $n_good ]" \
    "and stores nothing twice"
# A correction: a later file changes one outcome; the store keeps both.
sed "2s/,attended,[0-9]*,/,absent_acceptable,,sick note/" "$ws/good.csv" >"$ws/fix.csv"
run iss -C "$ws" attendance import "$ws/fix.csv"
expect_out ': 1 outcome recorded' "a correction is recorded"
check "[ \$(sql '$ws/iss.db' \"select count(*) from attendance where session_uid='$uid2'\") -eq 2 ]" \
    "the history of the session keeps both outcomes"
run sql "$ws/iss.db" "update attendance set outcome='attended'"
check "[ $RC -ne 0 ] && grep -q 'append-only' '$ERR'" "attendance cannot be rewritten"
# record, on the day.
run iss -C "$ws" attendance record "$uid2" partial --minutes 30 --note "left early"
expect_rc 2 "partial needs a cause"
expect_err 'cause: partial needs the cause' "and says so"
run iss -C "$ws" attendance record "$uid2" partial --minutes 30 --cause child_unacceptable --note "left early"
expect_rc 0 "record one outcome"
expect_out 'partial child_unacceptable' "record confirms the outcome and its cause"
run iss -C "$ws" attendance record "$uid2" partial --minutes 30 --cause child_unacceptable --note "left early"
expect_out 'already so recorded' "recording the same twice changes nothing"
run iss -C "$ws" attendance record nosuchuid attended
expect_rc 2 "an unknown uid"
run iss -C "$ws" attendance record "$uid2" maybe
expect_rc 2 "an unknown outcome"

# ---- the report: schema, totals in every format ----
run iss -C "$ws" report --week 2026-11-23 --format json
expect_rc 0 "report json"
cp "$OUT" "$TMP_ROOT/r.json"
run $PY -c "import json, jsonschema; jsonschema.validate(json.load(open('$TMP_ROOT/r.json')), \
json.load(open('$SRC_DIR/docs/report.schema.json'))); print('valid')"
expect_out '^valid$' "the report JSON follows docs/report.schema.json"

# Generated workspace, three weeks, seeded random outcomes, a fourth week
# to come: delivered + every cause = required, to the minute, in JSON, CSV,
# HTML and text.
g=$TMP_ROOT/gen
"$GENWS" --children 20 --staff 10 --seed 7 --week 2026-11-23 "$g" 2>/dev/null
export ISS_TODAY=2026-11-01
unset ISS_NOW
run iss -C "$g" plan --week 2026-11-23 --weeks 3 --quiet
expect_rc 0 "plan three generated weeks"
run iss -C "$g" publish --week 2026-11-23 --weeks 3
expect_rc 0 "publish them"
$PY - "$g" <<'EOF'
import csv, glob, json, random, sys
random.seed(11)
w = csv.writer(open(sys.argv[1] + "/att.csv", "w", newline=""))
w.writerow(["uid", "outcome", "minutes_attended", "note", "cause"])
for path in sorted(glob.glob(sys.argv[1] + "/out/plan-*.json")):
    for s in json.load(open(path))["sessions"]:
        if s["status"] == "cancelled":
            continue
        if s["date"] > "2026-12-09":
            # the rest of the last week: not recorded yet, or (before it
            # starts) rescheduled
            if s["date"] > "2026-12-10" and random.random() < 0.2:
                w.writerow([s["uid"], "rescheduled", "", "", ""])
            continue
        r = random.random()
        if r < 0.6:
            w.writerow([s["uid"], "attended", s["minutes"], "", ""])
        elif r < 0.75 and s["minutes"] > 15:
            w.writerow([s["uid"], "partial", s["minutes"] // 2, "",
                        random.choice(["child_unacceptable", "child_acceptable",
                                       "service"])])
        elif r < 0.8:
            w.writerow([s["uid"], "absent_acceptable", "", "ill", ""])
        elif r < 0.9:
            w.writerow([s["uid"], "absent_unacceptable", "", "", ""])
        else:
            w.writerow([s["uid"], "cancelled_by_service", "", "", ""])
EOF
export ISS_NOW=$(at 2026-12-10T12:00Z) ISS_TODAY=2026-12-10
run iss -C "$g" attendance import "$g/att.csv"
expect_rc 0 "import generated attendance"
for fmt in json csv html text; do
    "$ISS" -C "$g" report --from 2026-11-23 --to 2026-12-20 --format $fmt \
        >"$TMP_ROOT/rep.$fmt"
done
$PY - "$TMP_ROOT" >"$OUT" <<'EOF'
import csv, json, re, sys
d = sys.argv[1]
causes = ["child_absent_unacceptable", "child_absent_acceptable",
          "service_cancelled", "service_ended_early", "not_planned",
          "not_recorded", "to_come"]
bad, n, kinds = 0, 0, set()
rep = json.load(open(d + "/rep.json"))
for c in rep["cases"]:
    for w in c["weeks"]:
        n += 1
        total = w["delivered_minutes"] + sum(w["shortfall"][k] for k in causes)
        bad += total != w["required_minutes"]
        kinds |= {k for k in causes if w["shortfall"][k] > 0}
rows = list(csv.DictReader(open(d + "/rep.csv", newline="")))
for r in rows:
    total = int(r["delivered_minutes"]) + sum(int(r[k]) for k in causes)
    bad += total != int(r["required_minutes"])
# HTML: each week's table row: required, planned, education, delivered,
# then the seven causes.
html = open(d + "/rep.html").read()
hrows = re.findall(r"<tr><td>[A-Z][a-z]{2} [0-9]+ [A-Z][a-z]{2} [0-9]{4}</td>"
                   r"((?:<td>[0-9]+</td>)+)</tr>", html)
for h in hrows:
    v = [int(x) for x in re.findall(r"<td>([0-9]+)</td>", h)]
    bad += v[3] + sum(v[4:11]) != v[0]
# text: "required X, ... delivered Y" then "short Z: cause" lines.
def mins(s):
    m = re.match(r"(\d+) h(?: (\d+))?", s)
    return int(m.group(1)) * 60 + int(m.group(2) or 0)
tw = 0
cur = None
for line in open(d + "/rep.text"):
    m = re.search(r"required ([0-9]+ h(?: [0-9]+)?), .*delivered ([0-9]+ h(?: [0-9]+)?)", line)
    if m:
        if cur is not None:
            bad += cur[0] != cur[1]
        cur = [mins(m.group(1)), mins(m.group(2))]
        tw += 1
        continue
    m = re.search(r"short ([0-9]+ h(?: [0-9]+)?):", line)
    if m and cur is not None:
        cur[1] += mins(m.group(1))
if cur is not None:
    bad += cur[0] != cur[1]
print("weeks", n, "csv", len(rows), "html", len(hrows), "text", tw,
      "bad", bad, "causes", len(kinds))
EOF
expect_out '^weeks ([0-9]+) csv \1 html \1 text \1 bad 0 causes [5-7]$' \
    "delivered + each cause = required for every child and week, in JSON, CSV, HTML and text, with (nearly) every cause present"
check "$PY -c \"import sys; t=open('$TMP_ROOT/rep.csv','rb').read(); \
sys.exit(0 if t.count(b'\\\\r\\\\n') == t.count(b'\\\\n') > 1 else 1)\"" \
    "the CSV ends every row with CRLF (RFC 4180)"
check "! grep -qi 'http' '$TMP_ROOT/rep.html' || ! grep -Eqi '(src|href)=\"https?:' '$TMP_ROOT/rep.html'" \
    "the HTML loads nothing from the network"
check "grep -q '<svg' '$TMP_ROOT/rep.html'" "the HTML draws its charts as SVG"

# ---- a re-planned week: the service's cancellations are the service's ----
ws=$(copy_examples)
export ISS_TODAY=2026-11-20
unset ISS_NOW
(cd "$ws" && "$ISS" plan --week 2026-11-23 --quiet && "$ISS" publish --week 2026-11-23) >/dev/null
# Everyone who may work with C07 is off from Wednesday.
$PY - "$ws" <<'EOF'
import json, sys
ws = sys.argv[1]
c = json.load(open(ws + "/cases/C07.json"))
only = c["staff"]["only"]
t = json.load(open(ws + "/team.json"))
for s in t["staff"]:
    if s["id"] in only:
        s.setdefault("leave", []).append({"from": "2026-11-25", "to": "2026-11-29"})
json.dump(t, open(ws + "/team.json", "w"), indent=2)
EOF
run iss -C "$ws" plan --week 2026-11-23 --replan --quiet
expect_rc 0 "re-plan with C07's staff away"
run iss -C "$ws" publish --week 2026-11-23
expect_out '[1-9][0-9]* cancelled' "sessions are cancelled"
export ISS_TODAY=2026-11-30 ISS_NOW=$(at 2026-11-30T12:00Z)
run iss -C "$ws" report --week 2026-11-23 --case C07 --format json
$PY -c "import json; w=json.load(open('$OUT'))['cases'][0]['weeks'][0]; \
print(w['shortfall']['service_cancelled'] > 0, w['shortfall']['child_absent_unacceptable'])" >"$ERR"
check "grep -q '^True 0$' '$ERR'" "C07's lost minutes are the service's, not the child's"

finish
