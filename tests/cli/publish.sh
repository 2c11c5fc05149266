#!/bin/sh
# iss publish, iss feeds, iss plan --replan, and crash safety.
# (The feeds' iCalendar is checked by four parsers in tests/cli/feeds.sh.)
set -u
. "$(dirname "$0")/lib.sh"

# Nothing of the week is in the past, whatever day the tests run.
ISS_TODAY=2026-11-20
export ISS_TODAY
PY=/usr/bin/python3
CHECKER="$PY $TESTS_DIR/checker/check_plan.py"

sql() { $PY -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
[print('|'.join(str(x) for x in r)) for r in c.execute(sys.argv[2])]" "$@"; }

# feed_of WS KIND OWNER: the path of an owner's feed.
feed_of()
{
    tok=$(sql "$1/iss.db" "select token from feeds where owner_kind='$2' \
and owner_id='$3'")
    printf '%s/out/feeds/%s.ics\n' "$1" "$tok"
}

# ---- publish ----
ws=$(copy_examples)
run iss -C "$ws" publish --week 2026-11-23
expect_rc 2 "publishing before planning is bad input"
expect_err 'no plan for the week' "says to plan first"
check "[ ! -e '$ws/iss.db' ]" "nothing is stored then"
run iss -C "$ws" plan --week 2026-11-23 --quiet
run iss -C "$ws" publish --week 2026-11-23
expect_rc 0 "publish the example week"
expect_out '^Published the week of Mon 23 Nov 2026: [1-9][0-9]* added, 0 moved, 0 cancelled' \
    "publish says what it stored"
check "[ \"\$(stat -c %a '$ws/iss.db')\" = 600 ]" "iss.db is 0600"
check "[ \"\$(stat -c %a '$ws/out/feeds')\" = 700 ]" "the feeds folder is 0700"
check "[ -z \"\$(find '$ws/out/feeds' -type f ! -perm 600)\" ]" "every feed file is 0600"
check "[ \"\$(sql '$ws/iss.db' 'pragma user_version')\" = 6 ]" "the schema is versioned"
check "[ \"\$(sql '$ws/iss.db' 'pragma journal_mode')\" = wal ]" "the store is in WAL mode"
n_sessions=$(sql "$ws/iss.db" "select count(*) from sessions")
n_plan=$($PY -c "import json; print(len(json.load(open('$ws/out/plan-2026-11-23.json'))['sessions']))")
check "[ $n_sessions -eq $n_plan ]" "every planned session is stored ($n_sessions)"
n_feeds=$(ls "$ws/out/feeds" | grep -c '\.ics$')
check "[ $n_feeds -eq $(sql "$ws/iss.db" 'select count(*) from feeds') ]" \
    "one feed file per feed ($n_feeds)"
check "[ $(sql "$ws/iss.db" "select count(*) from feeds where owner_kind='case'") -eq \
$(sql "$ws/iss.db" 'select count(distinct case_id) from sessions') ]" "a feed per child"
check "[ $(sql "$ws/iss.db" "select count(*) from feeds where owner_kind='staff'") -eq \
$(sql "$ws/iss.db" 'select count(distinct staff_id) from session_staff') ]" "a feed per staff member"
check "[ $(ls "$ws/out/letters" | grep -c '2026-11-23.html$') -eq \
$(sql "$ws/iss.db" 'select count(distinct case_id) from sessions') ]" "a letter per child"
# The plan file now carries the UIDs.
$PY - "$ws/out/plan-2026-11-23.json" >"$OUT" <<'EOF'
import json, re, sys
p = json.load(open(sys.argv[1]))
s = p["sessions"]
ok = all(x["uid"] and re.fullmatch(r"[0-9a-f]{32}", x["uid"]) for x in s)
print("uids", ok, "published", all(x["status"] == "published" for x in s),
      "distinct", len({x["uid"] for x in s}) == len(s))
EOF
expect_out '^uids True published True distinct True$' \
    "after publishing, the plan holds each session's random 128-bit UID"
# UIDs and tokens are random: not built from ids.
check "[ -z \"\$(sql '$ws/iss.db' \"select uid from sessions where instr(uid, case_id) > 0\")\" ]" \
    "no UID contains its case id"
check "[ -z \"\$(sql '$ws/iss.db' \"select token from feeds where length(token) < 32 or instr(token, owner_id) > 0\")\" ]" \
    "tokens are at least 128 bits and never contain the owner's id"
check "[ -z \"\$(sql '$ws/iss.db' 'select s.feed_uid from session_staff s join sessions x on x.uid = s.feed_uid')\" ]" \
    "staff feeds' UIDs differ from the child feeds'"
ws2=$(copy_examples)
(cd "$ws2" && "$ISS" plan --week 2026-11-23 --quiet && "$ISS" publish --week 2026-11-23) >/dev/null
shared=$($PY -c "import sqlite3; a=sqlite3.connect('$ws/iss.db'); \
b=sqlite3.connect('$ws2/iss.db'); q='select uid from sessions'; \
print(len({r[0] for r in a.execute(q)} & {r[0] for r in b.execute(q)}), \
len({r[0] for r in b.execute(q)}))")
check "[ \"\${shared%% *}\" = 0 ] && [ \"\${shared##* }\" -gt 0 ]" \
    "two publishes of the same plan elsewhere share no UID ($shared)"
# History: append-only, ids only.
check "[ $(sql "$ws/iss.db" "select count(*) from history where event='session added'") -eq $n_sessions ]" \
    "every stored session is in the history"
run sql "$ws/iss.db" "delete from history"
check "[ $RC -ne 0 ] && grep -q 'append-only' '$ERR'" "the history cannot be deleted"
check "[ -z \"\$(sql '$ws/iss.db' \"select detail from history where detail like '%Jordan%' or command like '%examples%'\")\" ]" \
    "the history holds ids, not names"
# Publishing again changes nothing, byte for byte.
(cd "$ws/out/feeds" && cksum *.ics) >"$TMP_ROOT/f1"
(cd "$ws/out/letters" && cksum *) >"$TMP_ROOT/l1"
stat -c %Y "$ws"/out/feeds/*.ics >"$TMP_ROOT/m1"
sleep 1
run iss -C "$ws" publish --week 2026-11-23
expect_rc 0 "publish again"
expect_out ': 0 added, 0 moved, 0 cancelled' "nothing changes"
expect_out 'Feeds: [0-9]+ .*\(0 changed\)' "no feed file is rewritten"
(cd "$ws/out/feeds" && cksum *.ics) >"$TMP_ROOT/f2"
(cd "$ws/out/letters" && cksum *) >"$TMP_ROOT/l2"
stat -c %Y "$ws"/out/feeds/*.ics >"$TMP_ROOT/m2"
check "cmp -s '$TMP_ROOT/f1' '$TMP_ROOT/f2'" "the feeds are byte-identical"
check "cmp -s '$TMP_ROOT/l1' '$TMP_ROOT/l2'" "the letters are byte-identical"
check "cmp -s '$TMP_ROOT/m1' '$TMP_ROOT/m2'" "and not even touched"
# Plan again without --replan: the published week stays as it is.
run iss -C "$ws" plan --week 2026-11-23 --quiet
$PY -c "import json; p=json.load(open('$ws/out/plan-2026-11-23.json')); \
print(sorted(s['status'] for s in p['sessions'])[0], sorted(s['status'] for s in p['sessions'])[-1])" >"$OUT"
expect_out '^published published$' "re-planning without --replan keeps every published session"

# ---- feeds ----
run iss -C "$ws" feeds
expect_rc 0 "iss feeds"
check "[ \$(grep -c '^case ' '$OUT') -eq \$(ls '$ws/cases' | wc -l) ]" "lists each child's feed"
expect_out '^staff +S1 +Amira +' "and staff feeds with names"
run iss -C "$ws" feeds --base-url https://cal.example.org/
expect_out 'https://cal.example.org/feeds/[0-9a-f]{40}\.ics' "an https address with --base-url"
expect_out 'webcal://cal.example.org/feeds/[0-9a-f]{40}\.ics' "and a webcal one"
old=$(feed_of "$ws" case C02)
run iss -C "$ws" feeds --rotate C02
expect_rc 0 "rotate a feed"
new=$(feed_of "$ws" case C02)
check "[ ! -e '$old' ] && [ -s '$new' ] && [ '$old' != '$new' ]" \
    "a rotated feed moves to a new file and the old one goes"
check "[ \$(sql '$ws/iss.db' \"select count(*) from history where event='feed rotated'\") -eq 1 ]" \
    "the rotation is in the history"
run iss -C "$ws" feeds --rotate C99
expect_rc 2 "rotating an unknown owner"

# ---- re-plan: a staff member off sick on Saturday ----
ws=$(copy_examples)
(cd "$ws" && "$ISS" plan --week 2026-11-23 --quiet && "$ISS" publish --week 2026-11-23) >/dev/null
cp "$ws/out/plan-2026-11-23.json" "$TMP_ROOT/before.json"
# The sick one: whoever has the most single-staffed tracking sessions that
# Saturday (short check-ins another tracker can take), not a fixed id, so
# the test does not hang on one plan's choices.
S6=$($PY - "$TMP_ROOT/before.json" <<'EOF'
import collections, json, sys
p = json.load(open(sys.argv[1]))
n = collections.Counter(s["staff"][0] for s in p["sessions"]
                        if s["date"] == "2026-11-28" and s["type"] == "tracking"
                        and len(s["staff"]) == 1 and not s["pinned"])
print(sorted(n, key=lambda k: (-n[k], k))[0])
EOF
)
$PY - "$ws/team.json" "$S6" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
for s in t["staff"]:
    if s["id"] == sys.argv[2]:
        s.setdefault("leave", []).append({"from": "2026-11-28", "to": "2026-11-28"})
json.dump(t, open(sys.argv[1], "w"), indent=2)
EOF
run iss -C "$ws" plan --week 2026-11-23
expect_rc 0 "plan without --replan after the leave"
expect_out "^Warning: published session of .* no longer fits \\($S6 is on leave\\): plan with --replan" \
    "it warns that published sessions no longer fit"
run iss -C "$ws" plan --week 2026-11-23 --replan
expect_rc 0 "re-plan"
expect_out '^Changes to published sessions' "the summary lists what changed"
expect_out '\(moved: (new time|new worker|new place|changed)' "moved sessions are named, with what changed"
$CHECKER "$ws" "$ws/out/plan-2026-11-23.json" --all-cases >"$OUT" 2>&1
check "grep -q ': 0 violations' '$OUT'" "the re-plan passes the checker"
$PY - "$TMP_ROOT/before.json" "$ws/out/plan-2026-11-23.json" "$S6" >"$OUT" <<'EOF'
import json, sys
sick = sys.argv[3]
b = json.load(open(sys.argv[1]))["sessions"]
a = {s["uid"]: s for s in json.load(open(sys.argv[2]))["sessions"] if s["uid"]}
affected = [s for s in b if sick in s["staff"] and s["date"] == "2026-11-28"]
others = [s for s in b if s not in affected]
lost = [s for s in b if s["uid"] not in a]
cancelled_others = [s for s in others if a[s["uid"]]["status"] == "cancelled"]
moved_others = [s for s in others if a[s["uid"]]["status"] != "published"]
still_sick = [x for x in a.values() if x["status"] != "cancelled"
              and sick in x["staff"] and x["date"] == "2026-11-28"]
seq_ok = all(x["sequence"] == (1 if x["status"] in ("moved", "cancelled") else 0)
             for x in a.values() if x["uid"])
print("affected", len(affected), "lost", len(lost), "cancelled_others",
      len(cancelled_others), "moved_others_ok", len(moved_others) <= len(affected),
      "still_sick", len(still_sick), "seq_ok", seq_ok)
EOF
expect_out 'affected [1-9][0-9]* lost 0 cancelled_others 0 moved_others_ok True still_sick 0 seq_ok True' \
    "every UID survives, nobody else's session is dropped, unaffected moves are fewer than affected sessions, none stays with S6 on Saturday, SEQUENCE+1 on what changed"
run iss -C "$ws" publish --week 2026-11-23
expect_rc 0 "publish the re-plan"
expect_out '[1-9][0-9]* moved' "publish ships the moves"
# In the store and in S6's feed the moved sessions show as no longer theirs.
s6=$(feed_of "$ws" staff "$S6")
tr -d '\r' <"$s6" | awk '/^BEGIN:VEVENT/ {st=""; d=""} /^STATUS:/ {st=$0} \
/^DTSTART:/ {d=substr($0, 9, 8)} /^END:VEVENT/ {print d, st}' >"$OUT"
check "! grep -q '^20261128 STATUS:CONFIRMED' '$OUT'" \
    "S6's feed has no confirmed event on the Saturday of the leave"
n_gone=$(sql "$ws/iss.db" "select count(*) from session_staff where staff_id='$S6' and status='cancelled'")
check "[ $n_gone -ge 1 ] && [ \$(grep -c 'CANCELLED' '$OUT') -eq $n_gone ]" \
    "S6's feed shows CANCELLED each session no longer theirs ($n_gone)"
moved_uid=$($PY -c "import json; print([s['uid'] for s in json.load(open('$ws/out/plan-2026-11-23.json'))['sessions'] if s['sequence']==1][0])")
moved_case=$(sql "$ws/iss.db" "select case_id from sessions where uid='$moved_uid'")
cf=$(feed_of "$ws" case "$moved_case")
tr -d '\r' <"$cf" | awk -v u="UID:$moved_uid" '$0==u {f=1} f && /^SEQUENCE:/ {print; exit}' >"$OUT"
expect_out '^SEQUENCE:1$' "the child's feed has the moved session's UID with SEQUENCE 1"

# ---- a re-plan that cancels a session and adds another at its start ----
# (publish once matched the new one to the stored session the cancelled
# one names, then failed: "not in the store")
ws=$(copy_examples)
(cd "$ws" && "$ISS" plan --week 2026-11-23 --quiet && "$ISS" publish --week 2026-11-23) >/dev/null
$PY - "$ws/out/plan-2026-11-23.json" <<'EOF'
import copy, json, sys
p = json.load(open(sys.argv[1]))
ss = p["sessions"]
i = next(k for k, s in enumerate(ss) if s["uid"] and not s["pinned"]
         and s["type"] != "tracking")
old = ss[i]
new = copy.deepcopy(old)
new.update(uid=None, sequence=0, status="planned", type="tracking",
           minutes=15)
new["end"] = new["start"][:11] + "%02d:%02d" % divmod(
    int(new["start"][11:13]) * 60 + int(new["start"][14:16]) + 15, 60) \
    + new["start"][16:]
old["status"] = "cancelled"
ss.insert(i, new)
json.dump(p, open(sys.argv[1], "w"), indent=1)
EOF
run iss -C "$ws" publish --week 2026-11-23
expect_rc 0 "publish a cancelled session and a new one at the same start"
expect_out ' 1 added, 0 moved, 1 cancelled' \
    "the new one is added, the old one cancelled"

# ---- re-plan: the child away all Wednesday: sessions that day go ----
ws=$(copy_examples)
(cd "$ws" && "$ISS" plan --week 2026-11-23 --quiet && "$ISS" publish --week 2026-11-23) >/dev/null
wed=$(sql "$ws/iss.db" "select uid from sessions where case_id='C02' and date='2026-11-25'")
$PY - "$ws/cases/C02.json" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
c.setdefault("commitments", []).append(
    {"what": "residential trip", "date": "2026-11-25", "time": "00:00-24:00"})
json.dump(c, open(sys.argv[1], "w"), indent=2)
EOF
run iss -C "$ws" plan --week 2026-11-23 --replan --quiet
expect_rc 0 "re-plan around the trip"
run iss -C "$ws" publish --week 2026-11-23
expect_rc 0 "publish it"
cf=$(feed_of "$ws" case C02)
bad=0
for u in $wed; do
    st=$(sql "$ws/iss.db" "select status||' '||date||' '||sequence from sessions where uid='$u'")
    case "$st" in
    "cancelled 2026-11-25 1") tr -d '\r' <"$cf" | awk -v u="UID:$u" \
        '$0==u {f=1} f && /^STATUS:/ {print; exit}' | grep -q CANCELLED || bad=$((bad+1)) ;;
    "confirmed 2026-11-25"*) bad=$((bad+1)) ;;
    "confirmed "*" 1") ;;
    *) bad=$((bad+1)) ;;
    esac
done
check "[ -n '$wed' ] && [ $bad -eq 0 ]" \
    "each of C02's Wednesday sessions is moved off the day or shown CANCELLED (SEQUENCE 1) in the child's feed"

# ---- a killed publish loses nothing ----
# State A: week 1 published. Then week 2 is published with a crash at
# every point in turn (ISS_CRASH_AT=N kills the N-th crash point with
# SIGKILL); after each, the store is intact, week 1 is as it was, every
# feed file is a complete calendar, and publishing again completes.
base=$(copy_examples)
(cd "$base" && "$ISS" plan --week 2026-11-23 --quiet && "$ISS" publish --week 2026-11-23 \
    && "$ISS" plan --week 2026-11-30 --quiet) >/dev/null
week1=$(sql "$base/iss.db" "select uid, start_utc, sequence, status from sessions order by uid" | cksum)
n=1
crashes=0
while [ $n -lt 400 ]; do
    ws=$(mktemp -d "$TMP_ROOT/crash.XXXXXX")
    cp -R "$base/." "$ws/"
    RC=0
    ISS_CRASH_AT=$n "$ISS" -C "$ws" publish --week 2026-11-30 >/dev/null 2>&1 || RC=$?
    if [ $RC -eq 0 ]; then
        break
    fi
    crashes=$((crashes + 1))
    ok=1
    [ "$(sql "$ws/iss.db" 'pragma integrity_check')" = ok ] || ok=0
    [ "$(sql "$ws/iss.db" "select uid, start_utc, sequence, status from sessions where week='2026-11-23' order by uid" | cksum)" = "$week1" ] || ok=0
    for f in "$ws"/out/feeds/*.ics; do
        [ "$(head -c 15 "$f")" = "BEGIN:VCALENDAR" ] || ok=0
        [ "$(tail -c 15 "$f" | tr -d '\r\n')" = "END:VCALENDAR" ] || ok=0
    done
    "$ISS" -C "$ws" publish --week 2026-11-30 >/dev/null 2>&1 || ok=0
    [ "$(ls "$ws/out/feeds" | grep -vc '\.ics$')" -eq 0 ] || ok=0
    [ "$(sql "$ws/iss.db" "select count(*) from sessions where week='2026-11-30'")" -gt 0 ] || ok=0
    # no session stored twice after a crash and a re-run
    [ "$(sql "$ws/iss.db" "select count(*) from (select case_id, date, start_min from sessions where status='confirmed' group by 1,2,3 having count(*) > 1)")" -eq 0 ] || ok=0
    if [ $ok -eq 1 ]; then pass; else fail "crash at point $n of publish"; fi
    rm -rf "$ws"
    # every point early on, then every third (under the sanitizers, where
    # each run is slow: the first 10, then every tenth; tests/cli/crash.sh
    # kills at every point with ./iss)
    if [ -n "${ISS_TEST_SANITIZER:-}" ]; then
        if [ $n -lt 10 ]; then n=$((n + 1)); else n=$((n + 10)); fi
    elif [ $n -lt 30 ]; then n=$((n + 1)); else n=$((n + 3)); fi
done
min_kills=30
[ -z "${ISS_TEST_SANITIZER:-}" ] || min_kills=10
check "[ $crashes -ge $min_kills ]" "the publish was killed at $crashes points"
check "[ $n -lt 400 ]" "and ran through to the end when not killed"


# ---- a re-plan of a week with more than 512 published sessions ----
# (A fixed array of 512 once made such a re-plan lose every UID: all the
# week's sessions came out new, none kept, none cancelled.) One staff
# member, the busiest on Wednesday and Thursday, goes off sick on both days.
GENWS=${GENWS:-$SRC_DIR/build/genws}
big=$TMP_ROOT/big
"$GENWS" --children 130 --staff 50 --seed 7 --week 2026-11-23 "$big" \
    >/dev/null 2>&1
run iss -C "$big" plan --week 2026-11-23 --time-limit 8 --quiet
expect_rc 0 "plan 130 generated children"
run iss -C "$big" publish --week 2026-11-23
expect_rc 0 "publish them"
cp "$big/out/plan-2026-11-23.json" "$TMP_ROOT/big-published.json"
sick=$(/usr/bin/python3 - "$big" <<'EOF'
import collections, json, sys
ws = sys.argv[1]
p = json.load(open(ws + "/out/plan-2026-11-23.json"))
days = ("2026-11-25", "2026-11-26")
# Not someone a child's pin names on those days: leave under a pin is an
# input error (iss check says so), not a re-plan.
pinned = {st for s in p["sessions"] if s["pinned"] and s["date"] in days
          for st in s["staff"]}
n = collections.Counter(st for s in p["sessions"] if s["date"] in days
                        for st in s["staff"] if st not in pinned)
sick = sorted(n, key=lambda k: (-n[k], k))[0]
t = json.load(open(ws + "/team.json"))
for s in t["staff"]:
    if s["id"] == sick:
        s.setdefault("leave", []).append({"from": "2026-11-25",
                                          "to": "2026-11-26"})
json.dump(t, open(ws + "/team.json", "w"), indent=2)
print(sick)
EOF
)
run iss -C "$big" plan --replan --week 2026-11-23 --time-limit 8 --quiet
expect_rc 0 "re-plan with $sick off sick on Wednesday and Thursday"
/usr/bin/python3 - "$TMP_ROOT/big-published.json" \
    "$big/out/plan-2026-11-23.json" "$sick" >"$OUT" 2>&1 <<'EOF'
import json, sys
pub = json.load(open(sys.argv[1]))["sessions"]
new = json.load(open(sys.argv[2]))["sessions"]
sick = sys.argv[3]
before = {s["uid"]: s for s in pub}
after = {s["uid"]: s for s in new if s["uid"]}
print("published", len(pub))
print("all_uids_kept", set(before) <= set(after))
sick_cases = {s["case"] for s in pub if sick in s["staff"] and
              s["date"] in ("2026-11-25", "2026-11-26")}
# Children with nothing of the sick member's on those days keep every
# session exactly (time, staff, UID, SEQUENCE).
same = all((a["start"], a["end"], a["staff"], a["sequence"], a["status"]) ==
           (b["start"], b["end"], b["staff"], b["sequence"], "published")
           for u, b in before.items() for a in [after.get(u, {})]
           if b["case"] not in sick_cases and a)
print("others_unchanged", same)
print("sick_free", not any(sick in s["staff"] and s["status"] != "cancelled"
                           and s["date"] in ("2026-11-25", "2026-11-26")
                           for s in new))
changed = [s for s in new if s["status"] in ("moved", "cancelled")]
print("changed", len(changed) > 0,
      all(s["sequence"] == before[s["uid"]]["sequence"] + 1 for s in changed))
EOF
check "[ \$(sed -n 's/^published //p' '$OUT') -gt 512 ]" \
    "more than 512 sessions were published"
expect_out '^all_uids_kept True$' "the re-plan keeps every published UID"
expect_out '^others_unchanged True$' \
    "the other children's sessions keep time, staff and SEQUENCE"
expect_out '^sick_free True$' "nothing is left with $sick on the sick days"
expect_out '^changed True True$' "moved and cancelled ones have SEQUENCE + 1"

finish
