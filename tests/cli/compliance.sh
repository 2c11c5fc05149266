#!/bin/sh
# The clock and the compliance rules (docs/compliance.md, docs/attendance.md)
# as an officer and a manager meet them, with a fixed "now": planning and
# publishing on a Wednesday afternoon, rescheduled before and after the
# start, short notice, partial sessions with each cause, education not
# attended, and the order's first contact and planning meeting.
set -u
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
CHECKER=$TESTS_DIR/checker/check_plan.py
at() { date -u -d "$1" +%s; }
sql() { $PY -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
[print('|'.join(str(x) for x in r)) for r in c.execute(sys.argv[2])]" "$@"; }
# json_q FILE EXPR: print a python expression over the JSON document r.
json_q() { $PY -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1"; }

WED=$(at 2026-11-25T17:38Z)    # Wed 25 Nov 2026, 17:38 (GMT)
unset ISS_TODAY

# ---- plan and publish on a Wednesday afternoon: nothing before now ----
ws=$(copy_examples)
export ISS_NOW=$WED
run iss -C "$ws" plan --week 2026-11-23 --quiet
expect_rc 0 "plan the week on Wednesday 17:38"
run $PY "$CHECKER" "$ws" "$ws/out/plan-2026-11-23.json" --now "$WED"
expect_rc 0 "the checker finds nothing planned before now"
expect_out ': 0 violations' "no violation, the clock included"
n=$(json_q "$ws/out/plan-2026-11-23.json" "len(r['sessions'])")
check "[ $n -gt 0 ]" "the rest of the week is planned ($n sessions)"
check "grep -q 'pinned session of C07 Tue 24 Nov 2026 16:00 starts before now' '$ws/out/plan-2026-11-23.json'" \
    "a pin before now that was never published is left out, with a warning"
run iss -C "$ws" publish --week 2026-11-23
expect_rc 0 "publish on Wednesday"
expect_out '^Short notice: [1-9][0-9]* sessions? given less than 24 hours' \
    "publish counts the sessions given at short notice"
check "[ \$(sql '$ws/iss.db' 'select count(*) from sessions where start_utc < $WED') -eq 0 ]" \
    "the store holds no session that starts before now"
check "grep -q '(short notice)' '$ws'/out/letters/*-2026-11-23.html" \
    "the letter marks short-notice appointments"
check "grep -rq 'Short notice: this appointment was given less than 24' '$ws/out/feeds'" \
    "and so do the feeds"

# A plan made before now, published after: a new session that starts
# before now is left out, and publish says which and why.
ws2=$(copy_examples)
ISS_NOW=$(at 2026-11-20T12:00Z) run iss -C "$ws2" plan --week 2026-11-23 --quiet
run iss -C "$ws2" publish --week 2026-11-23
expect_rc 0 "publish an older plan on Wednesday"
expect_out '^Left out [1-9][0-9]* sessions? that start before now' \
    "publish leaves out what starts before now"
expect_out '^left out: C0[1-8] 2026-11-2[345] [0-9:]*: it starts before now' \
    "and names each"
check "[ \$(sql '$ws2/iss.db' 'select count(*) from sessions where start_utc < $WED') -eq 0 ]" \
    "nothing before now was stored"

# Published on Friday; on Wednesday 17:38 a staff member is off sick from
# Monday to Friday and the week is re-planned: what has started stays
# exactly as it is, nothing new lands before now.
ws=$(copy_examples)
export ISS_NOW=$(at 2026-11-20T12:00Z)
(cd "$ws" && "$ISS" plan --week 2026-11-23 --quiet && \
    "$ISS" publish --week 2026-11-23) >/dev/null
export ISS_NOW=$WED
before=$(sql "$ws/iss.db" "select uid, date, start_min, sequence, status from sessions where start_utc <= $WED order by uid")
$PY - "$ws/team.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
for s in t["staff"]:
    if s["id"] == "S1":
        s.setdefault("leave", []).append({"from": "2026-11-23", "to": "2026-11-27"})
json.dump(t, open(sys.argv[1], "w"), indent=2)
EOF
run iss -C "$ws" plan --week 2026-11-23 --replan --quiet
expect_rc 0 "re-plan on Wednesday"
run $PY "$CHECKER" "$ws" "$ws/out/plan-2026-11-23.json" --now "$WED"
check "! grep -q 'VIOLATION: clock' '$OUT'" \
    "the re-plan moves and adds nothing before now, and cancels nothing started"
run iss -C "$ws" publish --week 2026-11-23
expect_rc 0 "publish the re-plan"
after=$(sql "$ws/iss.db" "select uid, date, start_min, sequence, status from sessions where start_utc <= $WED order by uid")
check "[ \"\$before\" = \"\$after\" ]" \
    "every session that had started is untouched (times, sequence, status)"
check "[ \$(sql '$ws/iss.db' \"select count(*) from sessions s join session_staff t on t.session_uid = s.uid where t.staff_id = 'S1' and t.status = 'confirmed' and s.status = 'confirmed' and s.start_utc > $WED and s.date <= '2026-11-27'\") -eq 0 ]" \
    "S1 keeps no session to come during the leave"

# ---- attendance against the clock ----
past=$(sql "$ws/iss.db" "select uid from sessions where status = 'confirmed' and end_utc < $WED order by start_utc limit 1")
future=$(sql "$ws/iss.db" "select uid from sessions where status = 'confirmed' and start_utc > $WED + 86400 order by start_utc limit 1")
run iss -C "$ws" attendance record "$future" absent_unacceptable
expect_rc 2 "an outcome before the session has started is refused"
expect_err 'the session is in the future' "with the reason"
run iss -C "$ws" attendance record "$past" rescheduled
expect_rc 2 "rescheduled after the start is refused"
expect_err 'rescheduled applies only before an appointment' "with the rule"
run iss -C "$ws" attendance record "$future" rescheduled --note "hospital appointment"
expect_rc 0 "rescheduled before the start is recorded"
fut_start=$(sql "$ws/iss.db" "select date || ' ' || start_min from sessions where uid = '$future'")
run iss -C "$ws" plan --week 2026-11-23 --replan --quiet
expect_rc 0 "re-plan after a rescheduled appointment"
run iss -C "$ws" publish --week 2026-11-23
expect_rc 0 "publish it"
new_start=$(sql "$ws/iss.db" "select date || ' ' || start_min || ' ' || status from sessions where uid = '$future'")
check "[ \"\${new_start% *}\" != \"\$fut_start\" ] || [ \"\${new_start##* }\" = cancelled ]" \
    "the rescheduled session is moved or cancelled ($fut_start -> $new_start)"
export ISS_NOW=$(at 2026-11-30T12:00Z)
run iss -C "$ws" report --week 2026-11-23 --format json
$PY -c "import json; r=json.load(open('$OUT')); \
print([a for a in r['actions'] if a['session'] == '$future'])" >"$ERR"
check "grep -qx '\[\]' '$ERR'" "a rescheduled appointment is never counted as an absence"

# A session published only after it started (a store from before the
# clock): nothing can be recorded against it.
$PY -c "import sqlite3; c=sqlite3.connect('$ws/iss.db'); c.execute(\"update sessions set notice_at = start_utc + 60 where uid = '$past'\"); c.commit()"
run iss -C "$ws" attendance record "$past" attended
expect_rc 2 "an outcome for a session published after it started is refused"
expect_err 'published only after it started' "with the reason"

# ---- short notice, partial sessions with each cause ----
ws=$(copy_examples)
export ISS_NOW=$(at 2026-11-20T12:00Z)
(cd "$ws" && "$ISS" plan --week 2026-11-23 --quiet && \
    "$ISS" publish --week 2026-11-23) >/dev/null
# C05 (ete): a Monday session given at short notice on Sunday.
short=$(sql "$ws/iss.db" "select uid from sessions where case_id = 'C05' and date = '2026-11-23' order by start_utc limit 1")
$PY -c "import sqlite3; c=sqlite3.connect('$ws/iss.db'); c.execute(\"update sessions set notice_at = start_utc - 3600 where uid = '$short'\"); c.commit()"
export ISS_NOW=$(at 2026-11-24T20:00Z)
run iss -C "$ws" attendance record "$short" absent_unacceptable --note "not in"
expect_rc 0 "an absence from a short-notice appointment is recorded"
run iss -C "$ws" report --week 2026-11-23 --case C05 --format json
json_q "$OUT" "[(a['action'], a['number']) for a in r['actions']]" >"$ERR"
check "grep -qx \"\[('follow_up', 0)\]\" '$ERR'" \
    "short notice, not told in person: a follow-up, but no warning"
json_q "$OUT" "[a.get('not_counted') for a in r['actions']]" >"$ERR"
check "grep -qx \"\['short notice, not told in person'\]\" '$ERR'" \
    "and the report says why no warning followed"
run iss -C "$ws" report --week 2026-11-23 --case C05
expect_out 'C05 Follow-up: .*not counted toward a warning \(short notice, not told in person\)' \
    "in words in the text report too"
run iss -C "$ws" attendance record "$short" absent_unacceptable --note "not in" --told-in-person
expect_rc 0 "the officer records that the child was told in person"
run iss -C "$ws" report --week 2026-11-23 --case C05 --format json
json_q "$OUT" "sorted((a['action'], a['number']) for a in r['actions'])" >"$ERR"
check "grep -qx \"\[('follow_up', 0), ('warning', 1)\]\" '$ERR'" \
    "told in person: the absence counts toward a warning"
json_q "$OUT" "[a.get('not_counted') for a in r['actions']]" >"$ERR"
check "grep -qx '\[None, None\]' '$ERR'" "and nothing is marked not counted"
# Partial sessions of C02 on Monday, each cause.
set -- $(sql "$ws/iss.db" "select uid || ':' || ((end_utc - start_utc) / 60) from sessions where case_id = 'C02' and date in ('2026-11-23', '2026-11-24') and end_utc - start_utc > 1800 order by start_utc limit 3")
i=0
for cause in service child_acceptable child_unacceptable; do
    i=$((i + 1))
    eval "x=\${$i}"
    uid=${x%:*} len=${x#*:}
    run iss -C "$ws" attendance record "$uid" partial --minutes $((len - 30)) --cause $cause
    expect_rc 0 "partial, 30 minutes missed: $cause"
    eval "p_$cause=$uid"
done
run iss -C "$ws" report --week 2026-11-23 --case C02 --format json
cp "$OUT" "$TMP_ROOT/c02.json"
json_q "$TMP_ROOT/c02.json" "r['cases'][0]['weeks'][0]['shortfall']['service_ended_early']" >"$ERR"
check "grep -qx 30 '$ERR'" "the service's early end is its own cause (30 min)"
json_q "$TMP_ROOT/c02.json" "sorted((a['action'], a['session'][:8]) for a in r['actions'] if a['action'] != 'follow_up')" >"$ERR"
check "grep -q \"('warning', '$(printf %.8s "$p_child_unacceptable")')\" '$ERR' && ! grep -q '$(printf %.8s "$p_service")' '$ERR' && ! grep -q '$(printf %.8s "$p_child_acceptable")' '$ERR'" \
    "only the child's unacceptable early leaving climbs the ladder"
json_q "$TMP_ROOT/c02.json" "sum(1 for a in r['actions'] if a['action'] == 'follow_up' and a['session'] in ('$p_child_acceptable', '$p_child_unacceptable', '$p_service'))" >"$ERR"
check "grep -qx 2 '$ERR'" "the child's early leaving is followed up, the service's is not"
run iss -C "$ws" attendance record "$p_service" partial --minutes 10
expect_rc 2 "partial without a cause is refused"
run iss -C "$ws" attendance record "$p_service" attended --cause service
expect_rc 2 "only partial takes a cause"
# The CSV: the cause column, optional (files without it keep working).
printf 'uid,outcome,minutes_attended,note,cause\r\n%s,partial,10,,sometimes\r\n' "$p_service" >"$ws/bad.csv"
run iss -C "$ws" attendance import "$ws/bad.csv"
expect_rc 2 "a bad cause in the CSV"
expect_err_fixed 'row 2: cause: "sometimes": one of child_unacceptable, child_acceptable, service' \
    "names the row and what is allowed"
printf 'uid,outcome,minutes_attended,note\r\n%s,partial,10,\r\n' "$p_service" >"$ws/old.csv"
run iss -C "$ws" attendance import "$ws/old.csv"
expect_rc 0 "a CSV without the cause column still imports"
run iss -C "$ws" report --week 2026-11-23 --case C02 --format json
json_q "$OUT" "sorted(a['session'][:8] for a in r['actions'] if a['action'] == 'warning')" >"$ERR"
check "! grep -q '$(printf %.8s "$p_service")' '$ERR'" \
    "a partial without a stated cause never climbs the ladder"

# ---- contacts short, by cause ----
# Thursday evening: Tuesday and Wednesday are past and nothing of them is
# recorded; Monday's sessions are.
export ISS_NOW=$(at 2026-11-26T20:00Z)
run iss -C "$ws" report --week 2026-11-23 --case C02 --format json
json_q "$OUT" "r['cases'][0]['weeks'][0]['days_contacts_short_by_cause']" >"$ERR"
check "grep -q \"'not_recorded': [1-9]\" '$ERR'" \
    "days with sessions not yet recorded are counted apart ($(cat "$ERR"))"
json_q "$OUT" "r['cases'][0]['weeks'][0]['days_contacts_short']" >"$ERR"
check "grep -qx 0 '$ERR'" "and are not judged short yet"
run iss -C "$ws" report --week 2026-11-23 --case C02
expect_out 'contacts short on [0-9]+ days?.*not yet recorded' "the text report gives days short by cause"

# ---- education attendance ----
ws=$(copy_examples)
export ISS_NOW=$(at 2026-11-20T12:00Z)
(cd "$ws" && "$ISS" plan --week 2026-11-23 --weeks 2 --quiet && \
    "$ISS" publish --week 2026-11-23 --weeks 2) >/dev/null
# C07 goes to school 08:45-15:15 on weekdays; three weeks ahead nothing of
# it is delivered yet.
export ISS_NOW=$(at 2026-11-24T09:00Z)
run iss -C "$ws" report --week 2026-11-30 --case C07 --format json
json_q "$OUT" "(lambda w: (w['education_minutes_counted'], w['education_minutes_planned'], w['delivered_minutes']))(r['cases'][0]['weeks'][0])" >"$ERR"
check "grep -qx '(0, 900, 0)' '$ERR'" "future education is planned, never delivered ($(cat "$ERR"))"
run iss -C "$ws" report --week 2026-11-30 --case C07
expect_no_out '\[met\]' "a week to come is never met"
# C06 has a reduced timetable (09:00-12:00 on weekdays), all counted.
run iss -C "$ws" attendance education C06 2026-11-23 --absent --note "not in school"
expect_rc 0 "record a day of school not attended"
expect_out 'C06 Mon 23 Nov 2026: education absent_unacceptable' "it says what it recorded"
run iss -C "$ws" attendance education C06 2026-11-23 --absent --note "not in school"
expect_out 'already so recorded' "recording it again changes nothing"
run iss -C "$ws" attendance education C06 2026-11-26 --absent
expect_rc 2 "a day to come cannot be recorded"
expect_err 'has not come yet' "with the reason"
run iss -C "$ws" attendance education C06 2026-11-28 --absent
expect_rc 2 "a day without school"
expect_err 'no school or work that day' "with the reason"
run iss -C "$ws" attendance education C99 2026-11-23 --absent
expect_rc 2 "an unknown case"
run iss -C "$ws" attendance education C06 2026-11-23
expect_rc 2 "--absent or --attended is needed"
export ISS_NOW=$(at 2026-11-30T12:00Z)
printf 'case,date,status,note\r\nC06,2026-11-24,absent_acceptable,dentist\r\nC06,2026-11-25,absent,\r\n' >"$ws/edu.csv"
run iss -C "$ws" attendance education --import "$ws/edu.csv"
expect_rc 2 "a bad education CSV is refused whole"
expect_err_fixed 'edu.csv: row 3: status: "absent": one of attended, absent_acceptable, absent_unacceptable' \
    "naming the row and what is allowed"
printf 'case,date,status,note\r\nC06,2026-11-24,absent_acceptable,dentist\r\n' >"$ws/edu.csv"
run iss -C "$ws" attendance education --import "$ws/edu.csv"
expect_rc 0 "import the education CSV"
run iss -C "$ws" report --week 2026-11-23 --case C06 --format json
json_q "$OUT" "(lambda w: (w['education_minutes_counted'], w['education_minutes_missed'], w['shortfall']['child_absent_unacceptable'], w['shortfall']['child_absent_acceptable']))(r['cases'][0]['weeks'][0])" >"$ERR"
check "grep -qx '(540, 360, 180, 180)' '$ERR'" \
    "two school days missed: 360 min not delivered, each the child's with its cause ($(cat "$ERR"))"
check "[ \$(sql '$ws/iss.db' \"select count(*) from history where event like 'education%'\") -eq 2 ]" \
    "each change is in the history"

# ---- first contact and planning meeting: an order from Wed 2 Dec 2026 ----
ws=$(copy_examples)
$PY - "$ws/cases/C03.json" "$ws/cases/C09.json" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
c["id"] = "C09"
c["feed_name"] = "Noor"
c["order"] = {"start": "2026-12-02", "end": "2027-06-01",
              "conviction": "2026-11-26"}
for k in ("pinned", "curfew"):
    c.pop(k, None)
json.dump(c, open(sys.argv[2], "w"), indent=2)
EOF
export ISS_NOW=$(at 2026-11-27T12:00Z)
run iss -C "$ws" check
expect_rc 0 "the workspace with a new order is good"
run iss -C "$ws" plan --week 2026-11-30 --quiet
expect_rc 0 "plan the week the order starts"
json_q "$ws/out/plan-2026-11-30.json" "sorted({s['date'] for s in r['sessions'] if s['case'] == 'C09'})[:1]" >"$ERR"
check "grep -Eq \"2026-12-0[23]\" '$ERR'" \
    "a first contact is planned by Thu 3 Dec ($(cat "$ERR"))"
run iss -C "$ws" publish --week 2026-11-30
expect_rc 0 "publish it"
export ISS_NOW=$(at 2026-12-01T12:00Z)
run iss -C "$ws" report --week 2026-11-30 --case C09 --format json
json_q "$OUT" "sorted((a['action'], a['due'], a['state']) for a in r['actions'])" >"$ERR"
check "grep -qF \"[('first_contact', '2026-12-03', 'due'), ('planning_meeting', '2026-12-09', 'due')]\" '$ERR'" \
    "first contact due Thu 3 Dec, planning meeting the following Wed ($(cat "$ERR"))"
run iss -C "$ws" report --week 2026-11-30 --case C09
expect_out 'C09 First contact: due Thu 3 Dec 2026 \(after the order started, Wed 2 Dec 2026\)' \
    "the text report says it in words"
export ISS_NOW=$(at 2026-12-10T12:00Z)
run iss -C "$ws" action done C09 planning_meeting --date 2026-12-08 --by S2 --note "plan signed"
expect_rc 0 "the planning meeting is done"
run iss -C "$ws" report --week 2026-12-07 --case C09
expect_out 'C09 Planning meeting: done Tue 8 Dec 2026 by S2' "and shows in the period's history"
expect_out 'OVERDUE C09 First contact: due Thu 3 Dec 2026.*7 days overdue' \
    "a first contact never recorded is overdue"
# The earlier orders (from before the store) have no milestones.
run iss -C "$ws" report --week 2026-11-30 --format json
json_q "$OUT" "sorted({a['case'] for a in r['actions'] if a['action'] in ('first_contact', 'planning_meeting')})" >"$ERR"
check "grep -qx \"\['C09'\]\" '$ERR'" "only the order that started while iss kept records"

# ---- attendance rows: a NUL in a note, partial without its minutes ----
u=$(sql "$ws/iss.db" "select uid from sessions where status = 'confirmed' and end_utc < $ISS_NOW order by start_utc limit 1")
printf 'uid,outcome,minutes_attended,note\r\n%s,attended,,"late\000bus"\r\n' "$u" >"$ws/nul.csv"
run iss -C "$ws" attendance import "$ws/nul.csv"
expect_rc 2 "a NUL byte inside a note is refused"
expect_err 'row 2: a field holds a NUL byte' "naming the row"
check "[ \$(sql '$ws/iss.db' 'select count(*) from attendance') -eq 0 ]" "and nothing is stored"
printf 'uid,outcome,minutes_attended,note,cause\r\n%s,partial,,,child_acceptable\r\n' "$u" >"$ws/nomin.csv"
run iss -C "$ws" attendance import "$ws/nomin.csv"
expect_rc 2 "partial without its minutes is refused"
expect_err 'row 2: minutes_attended: empty: partial needs the minutes attended, 1 to' \
    "saying what is missing (not -1)"

finish
