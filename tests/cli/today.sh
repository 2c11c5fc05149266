#!/bin/sh
# iss today and the short references iss attendance record accepts: the
# listing (child, time, place, staff, outcome), each reference the
# shortest unique UID prefix of at least 6 characters, recording by that
# reference, by a longer prefix, by the UID of the child's feed and of the
# staff member's feed, the confirmation (child, date, time, type), an
# ambiguous prefix (exit 2, the candidates listed), and the filters.
set -u
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
WEEK=2026-11-23
DAY=2026-11-28
sql() { $PY -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
[print('|'.join(str(x) for x in r)) for r in c.execute(sys.argv[2])]; c.commit()" "$@"; }

ws=$(copy_examples)
# Plan and publish on the Friday before the week, 12:00 UTC.
ISS_TODAY=2026-11-20 ISS_NOW=1795176000 "$ISS" -C "$ws" plan --week "$WEEK" --quiet >/dev/null
ISS_TODAY=2026-11-20 ISS_NOW=1795176000 "$ISS" -C "$ws" publish --week "$WEEK" >/dev/null
check "[ -f '$ws/iss.db' ]" "the example week is published"
# From here on it is Monday 30 November: the week is over.
ISS_TODAY=2026-11-30
ISS_NOW=1796040000
export ISS_TODAY ISS_NOW

# Two sessions of the day share their first 8 characters: their
# references need 9. (UIDs are random; the test makes the clash.)
pair=$(sql "$ws/iss.db" "select uid from sessions where date='$DAY' and status='confirmed' order by start_utc limit 2")
u1=$(echo "$pair" | sed -n 1p)
u2=$(echo "$pair" | sed -n 2p)
# The two share exactly 8 characters: the 9th differs by construction (two
# random UIDs share their 9th character one time in 16).
n1=abcdef010${u1#?????????}
n2=abcdef011${u2#?????????}
$PY -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2])" "$ws/iss.db" \
"update session_staff set session_uid='$n1' where session_uid='$u1'; update sessions set uid='$n1' where uid='$u1'; \
update session_staff set session_uid='$n2' where session_uid='$u2'; update sessions set uid='$n2' where uid='$u2';"
check "[ \$(sql '$ws/iss.db' \"select count(*) from sessions where uid like 'abcdef01%'\") -eq 2 ]" \
    "two sessions share a UID prefix of 8"

run iss -C "$ws" today --date "$DAY"
expect_rc 0 "iss today --date"
cp "$OUT" "$TMP_ROOT/today.txt"
expect_out "^Sessions on Sat 28 Nov 2026: [1-9]" "a heading with the day and the count"
expect_out '^REF +TIME +CHILD +WHAT +PLACE +STAFF +OUTCOME$' "the columns"
# Every confirmed session of the day, with its child, time, place, staff;
# each reference the shortest unique prefix (at least 6).
$PY - "$ws" "$TMP_ROOT/today.txt" "$DAY" >"$OUT" 2>&1 <<'EOF'
import json, os, sqlite3, sys
ws, listing, day = sys.argv[1], open(sys.argv[2]).read().splitlines(), sys.argv[3]
db = sqlite3.connect(os.path.join(ws, "iss.db"))
team = json.load(open(os.path.join(ws, "team.json")))
places = {p["id"]: p["name"] for p in team["places"]}
first = {s["id"]: s["name"].split()[0] for s in team["staff"]}
uids = [r[0] for r in db.execute("select uid from sessions union all select feed_uid from session_staff")]
rows = [l for l in listing if l[:1] in "0123456789abcdef" and "  " in l]
want = db.execute("select uid, case_id, start_min, end_min, place from sessions "
                  "where date=? and status='confirmed' order by start_utc, uid", (day,)).fetchall()
bad = []
if len(rows) != len(want):
    bad.append("%d rows for %d sessions" % (len(rows), len(want)))
for line, (uid, case, a, b, place) in zip(rows, want):
    ref = line.split()[0]
    others = [u for u in uids if u != uid and u.startswith(ref)]
    shorter = ref[:-1]
    if not uid.startswith(ref) or len(ref) < 6 or others:
        bad.append("%s: ref %s is not a unique prefix of %s (>= 6)" % (case, ref, uid))
    if len(ref) > 6 and not [u for u in uids if u != uid and u.startswith(shorter)]:
        bad.append("%s: ref %s is longer than it needs to be" % (case, ref))
    t = "%02d:%02d-%02d:%02d" % (a // 60, a % 60, b // 60, b % 60)
    c = json.load(open(os.path.join(ws, "cases", case + ".json")))
    staff = [r[0] for r in db.execute("select staff_id from session_staff where session_uid=? and status='confirmed'", (uid,))]
    for need in [t, "%s (%s)" % (c["feed_name"], case), places[place]] + \
            ["%s (%s)" % (first[s], s) for s in staff]:
        if need not in line:
            bad.append("%s: %r not in %r" % (case, need, line))
long_refs = [l.split()[0] for l in rows if l.split()[0].startswith("abcdef01")]
print("rows", len(rows), "bad", len(bad), "long", sorted(len(r) for r in long_refs))
for b in bad[:8]:
    print(b)
EOF
expect_out '^rows [1-9][0-9]* bad 0 long \[9, 9\]$' \
    "each session once, with child, time, place and staff; references are the shortest unique prefixes (>= 6; 9 for the pair sharing 8)"

ref=$(awk -v u="$n1" 'index(u, $1) == 1 && length($1) >= 6 {print $1; exit}' "$TMP_ROOT/today.txt")
check "[ \"\$ref\" = abcdef010 ]" "the pair's reference ($ref)"

# ---- record by the reference ----
run iss -C "$ws" attendance record "$ref" attended
expect_rc 0 "record by the reference iss today shows"
expect_out "^$n1: attended$" "the full UID and the outcome"
case1=$(sql "$ws/iss.db" "select case_id from sessions where uid='$n1'")
name1=$($PY -c "import json; print(json.load(open('$ws/cases/$case1.json'))['feed_name'])")
expect_out "^  $name1 \\($case1\\), Sat 28 Nov 2026 [0-9:]{5}-[0-9:]{5}, " \
    "the confirmation names the child, date, time and type"
check "[ \"\$(sql '$ws/iss.db' \"select outcome from attendance where session_uid='$n1'\")\" = attended ]" \
    "stored for the right session"

# ---- an ambiguous prefix ----
run iss -C "$ws" attendance record abcdef01 attended
expect_rc 2 "an ambiguous prefix is bad input"
expect_err "'abcdef01' is ambiguous: 2 sessions match" "says it is ambiguous"
expect_err "^  $n1  " "lists the first candidate"
expect_err "^  $n2  " "lists the second candidate"
check "[ \$(sql '$ws/iss.db' 'select count(*) from attendance') -eq 1 ]" \
    "nothing is recorded"
run iss -C "$ws" attendance record abc attended
expect_rc 2 "a 3-character prefix is too short"
run iss -C "$ws" attendance record 'zz9+' attended
expect_rc 2 "a reference that is not hexadecimal"
run iss -C "$ws" attendance record ffffffffff attended
expect_rc 2 "a prefix of no UID"
expect_err "no published session has a UID" "says so"

# ---- the child's feed UID (the session's own), upper case ----
run iss -C "$ws" attendance record "$(echo "$n2" | tr a-f A-F)" absent_acceptable
expect_rc 0 "record by the child feed's UID, in capitals"
expect_out "^$n2: absent_acceptable$" "for that session"

# ---- the staff member's feed UID, and a prefix of it ----
u3=$(sql "$ws/iss.db" "select uid from sessions where date='$DAY' and status='confirmed' and uid not like 'abcdef01%' order by start_utc limit 1")
f3=$(sql "$ws/iss.db" "select feed_uid from session_staff where session_uid='$u3' and status='confirmed' limit 1")
run iss -C "$ws" attendance record "$f3" partial --minutes 10 --cause child_unacceptable
expect_rc 0 "record by the UID in the staff member's feed"
expect_out "^$u3: partial child_unacceptable$" "resolved to the session"
run iss -C "$ws" attendance record "$(echo "$f3" | cut -c1-12)" partial --minutes 10 --cause child_unacceptable
expect_rc 0 "a prefix of the staff feed's UID"
expect_out 'already so recorded' "the same session"

# ---- the outcomes show; the filters ----
run iss -C "$ws" today --date "$DAY"
expect_out "^$ref .* attended$" "today shows a recorded outcome"
expect_out ' partial \(10 min\)$' "and partial with its minutes"
staff3=$(sql "$ws/iss.db" "select staff_id from session_staff where session_uid='$u3' and status='confirmed' limit 1")
run iss -C "$ws" today --date "$DAY" --staff "$staff3"
expect_rc 0 "today --staff"
n_want=$(sql "$ws/iss.db" "select count(*) from sessions s join session_staff t on t.session_uid=s.uid where s.date='$DAY' and s.status='confirmed' and t.status='confirmed' and t.staff_id='$staff3'")
check "[ \$(grep -c '($staff3)' '$OUT') -eq $n_want ] && [ \$(grep -Ec '^[0-9a-f]{6,} ' '$OUT') -eq $n_want ]" \
    "--staff lists only that staff member's sessions ($n_want)"
run iss -C "$ws" today --date "$DAY" --case "$case1"
n_want=$(sql "$ws/iss.db" "select count(*) from sessions where date='$DAY' and status='confirmed' and case_id='$case1'")
check "[ \$(grep -Ec '^[0-9a-f]{6,} ' '$OUT') -eq $n_want ]" "--case lists only that child's sessions ($n_want)"
run iss -C "$ws" today --date 2026-12-25
expect_rc 0 "a day with nothing published"
expect_out 'Sessions on Fri 25 Dec 2026: 0' "says none"
run iss -C "$ws" today --staff S99
expect_rc 2 "an unknown staff id"
run iss -C "$ws" today --case C99
expect_rc 2 "an unknown case id"
run iss -C "$ws" today --date 2026-02-30
expect_rc 2 "a date that does not exist"
ISS_TODAY=$DAY run iss -C "$ws" today
check "[ $RC -eq 0 ] && grep -q 'Sessions on Sat 28 Nov 2026' '$OUT'" "the default day is today"
finish
