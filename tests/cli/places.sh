#!/bin/sh
# Places (docs/files.md "places"): each planned session's place follows
# the rules (a pin's place, else the type's, else default_place), the plan
# JSON, the store and both kinds of feed carry it (LOCATION: the place's
# name and address, neutral words only), a team without places gives no
# LOCATION, and publishing again rewrites no letter (the letter's date is
# the day its contents last changed, not the day it was written).
set -u
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
# The Friday before the planned week, 12:00 UTC.
ISS_TODAY=2026-11-20
ISS_NOW=1795176000
export ISS_TODAY ISS_NOW
WEEK=2026-11-23

sql() { $PY -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
[print('|'.join(str(x) for x in r)) for r in c.execute(sys.argv[2])]" "$@"; }

ws=$(copy_examples)
# A pin at a place of its own: C07's family session at home.
$PY - "$ws/cases/C07.json" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
c["pinned"][0]["place"] = "home"
json.dump(c, open(sys.argv[1], "w"), indent=2)
EOF
run iss -C "$ws" plan --week "$WEEK" --quiet
expect_rc 0 "plan the example week"
run iss -C "$ws" publish --week "$WEEK"
expect_rc 0 "publish it"
plan=$ws/out/plan-$WEEK.json

# The rule, from the files.
$PY - "$ws" "$plan" >"$OUT" 2>&1 <<'EOF'
import json, os, sys
ws, plan = sys.argv[1], json.load(open(sys.argv[2]))
team = json.load(open(os.path.join(ws, "team.json")))
tp = dict(team.get("type_places") or {})
for t in team.get("session_types") or []:
    if t.get("place"):
        tp[t["id"]] = t["place"]
bad, n = [], 0
for s in plan["sessions"]:
    want = tp.get(s["type"], team.get("default_place"))
    if s["pinned"]:
        c = json.load(open(os.path.join(ws, "cases", s["case"] + ".json")))
        for p in c.get("pinned", []):
            if p["date"] == s["date"] and p["time"][:5] == s["start"][11:16] \
                    and p["type"] == s["type"] and p.get("place"):
                want = p["place"]
    n += 1
    if s.get("place") != want:
        bad.append("%s %s %s: %r, expected %r" % (s["case"], s["date"],
                   s["type"], s.get("place"), want))
print("sessions", n, "wrong", len(bad), "; ".join(bad[:5]))
EOF
expect_out '^sessions [1-9][0-9]* wrong 0' \
    "each session's place: the pin's, else the type's, else default_place"
check "[ \"\$(sql '$ws/iss.db' \"select place from sessions where case_id='C07' and pinned=1\")\" = home ]" \
    "the store keeps the pin's place"
check "[ \"\$(sql '$ws/iss.db' \"select count(*) from sessions where place=''\")\" = 0 ]" \
    "every stored session has its place"

# The feeds: LOCATION of every event, read back by python3-icalendar.
$PY - "$ws" "$plan" >"$OUT" 2>&1 <<'EOF'
import json, os, re, sqlite3, sys
import icalendar
ws, plan = sys.argv[1], json.load(open(sys.argv[2]))
team = json.load(open(os.path.join(ws, "team.json")))
places = {p["id"]: p["name"] + (", " + p["address"] if p.get("address") else "")
          for p in team["places"]}
db = sqlite3.connect(os.path.join(ws, "iss.db"))
want = {}
for s in plan["sessions"]:
    want[s["uid"]] = places[s["place"]]
for (feed_uid, uid) in db.execute("select feed_uid, session_uid from session_staff"):
    want[feed_uid] = want[uid]
forbidden = re.compile(r"\b(court|order|breach|police|curfew|youth justice|yot|offend\w*|tag)\b", re.I)
n = bad = words = 0
for f in os.listdir(os.path.join(ws, "out", "feeds")):
    cal = icalendar.Calendar.from_ical(open(os.path.join(ws, "out", "feeds", f), "rb").read())
    for ev in cal.walk("VEVENT"):
        n += 1
        loc = str(ev.get("LOCATION", ""))
        if loc != want.get(str(ev["UID"])):
            bad += 1
            print("event %s: LOCATION %r, expected %r" % (ev["UID"], loc, want.get(str(ev["UID"]))))
        if forbidden.search(loc):
            words += 1
print("events", n, "wrong", bad, "forbidden", words)
EOF
expect_out '^events [1-9][0-9]* wrong 0 forbidden 0' \
    "every event of every feed (children's and staff's) has its place as LOCATION, neutral"

# Publishing again rewrites no letter, even on a later day.
ls -l --time-style=+%s.%N "$ws/out/letters" >"$TMP_ROOT/before.ls"
sum_before=$(cat "$ws"/out/letters/*.html | cksum)
ISS_NOW=$((ISS_NOW + 86400)) ISS_TODAY=2026-11-21 run iss -C "$ws" publish --week "$WEEK"
expect_rc 0 "publish again a day later"
check "[ \"\$(cat '$ws'/out/letters/*.html | cksum)\" = '$sum_before' ]" \
    "the letters are byte for byte the same (their date is when their contents changed)"

# A team without places: no place anywhere, no LOCATION.
ws2=$(copy_examples)
$PY - "$ws2/team.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
for k in ("places", "default_place", "type_places"):
    t.pop(k, None)
json.dump(t, open(sys.argv[1], "w"), indent=2)
EOF
run iss -C "$ws2" plan --week "$WEEK" --quiet
expect_rc 0 "plan without places"
check "$PY -c \"import json,sys; sys.exit(any(s['place'] is not None for s in json.load(open('$ws2/out/plan-$WEEK.json'))['sessions']))\"" \
    "every session's place is null in the plan JSON"
run iss -C "$ws2" publish --week "$WEEK"
expect_rc 0 "publish without places"
check "! cat '$ws2'/out/feeds/*.ics | grep -q '^LOCATION'" "no feed has a LOCATION"
check "! grep -q 'Where to go' '$ws2'/out/letters/*.html" "no letter lists places"
finish
