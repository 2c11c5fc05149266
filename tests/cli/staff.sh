#!/bin/sh
# The staff area of iss serve (docs/staff.md), asked with curl: iss staff
# password (never from argv, argon2id in iss.db), signing in (CSRF token,
# cookie flags, Secure behind the HTTPS proxy), wrong passwords throttled
# per account and per address, Today and My week, recording an outcome
# (seen in iss report --format json and audited with staff and address),
# a POST without the CSRF token, another's session, the managers' actions,
# signing out and the cookie after it, and every status code.
set -u
. "$(dirname "$0")/lib.sh"

WEEK=2026-11-23
DAY=2026-11-28
LOG=$TMP_ROOT/serve.log
SERVE_READY='^iss serve: staff area on '
. "$TESTS_DIR/cli/serve_lib.sh"

if ! command -v curl >/dev/null 2>&1; then
    if [ -n "${ISS_ALLOW_SKIP:-}" ]; then
        echo "SKIP: curl is not installed"
        exit 0
    fi
    echo "FAIL: curl is not installed (Debian: apt-get install curl)"
    exit 1
fi

# req NAME METHOD PATH ADDR [CURL ARGS...]: one request from client address
# ADDR (the trusted proxy's X-Real-IP) with the cookie jar JAR; R.code,
# R.head, R.body.
JAR=$TMP_ROOT/jar
req()
{
    R=$TMP_ROOT/r-$1
    r_method=$2
    r_path=$3
    r_addr=$4
    shift 4
    curl -s -X "$r_method" -c "$JAR" -b "$JAR" -H "X-Real-IP: $r_addr" \
        -D "$R.head" -o "$R.body" -w '%{http_code}' "$@" \
        "http://127.0.0.1:$PORT$r_path" >"$R.code" 2>"$ERR" ||
        printf '0' >"$R.code"
}
code_is() { [ "$(cat "$R.code")" = "$1" ]; }
header() { tr -d '\r' <"$R.head" | sed -n "s/^$1: //Ip"; }
# The CSRF token of the last page's first form.
csrf() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$R.body" | head -n 1; }

# ---- a published week, a manager ----
ws=$(copy_examples)
# Leon (S10) is a manager: the role is the team's to give.
$PY - "$ws/team.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
for s in t["staff"]:
    if s["id"] == "S10":
        s["roles"].append("manager")
json.dump(t, open(sys.argv[1], "w"), indent=1)
EOF
run iss -C "$ws" check
expect_rc 0 "team.json with the role manager is good"
ISS_TODAY=$(before $WEEK) ISS_NOW=1795176000 run iss -C "$ws" plan --week $WEEK --quiet
expect_rc 0 "plan the example week (on the Friday before)"
ISS_TODAY=$(before $WEEK) ISS_NOW=1795176000 run iss -C "$ws" publish --week $WEEK
expect_rc 0 "publish it"
# From here on it is Monday 30 November 09:20: the week has happened.
ISS_TODAY=2026-11-30
ISS_NOW=1796040000
export ISS_TODAY ISS_NOW

# ---- iss staff password ----
run iss -C "$ws" staff password S5 femi-password-1
expect_rc 2 "a password on the command line is refused"
check "[ \"\$(sql '$ws/iss.db' 'select count(*) from staff_passwords')\" = 0 ]" \
    "and nothing is stored"
RC=0; echo short | "$ISS" -C "$ws" staff password S5 >"$OUT" 2>"$ERR" || RC=$?
expect_rc 2 "a password under 10 characters is refused"
expect_err "too short" "and says why"
RC=0; echo long-enough-1 | "$ISS" -C "$ws" staff password S99 >"$OUT" 2>"$ERR" || RC=$?
expect_rc 2 "a staff id not in team.json is refused"
expect_err "S99" "and is named"
RC=0; echo femi-password-1 | "$ISS" -C "$ws" staff password S5 >"$OUT" 2>"$ERR" || RC=$?
expect_rc 0 "a password from stdin is set"
for who in S4:dan-password-1 S10:leon-password-1 S6:grace-password-1; do
    echo "${who#*:}" | "$ISS" -C "$ws" staff password "${who%%:*}" >/dev/null
done
check "[ \"\$(sql '$ws/iss.db' 'select count(*) from staff_passwords')\" = 4 ]" \
    "four staff members have passwords"
check "sql '$ws/iss.db' \"select hash from staff_passwords where staff_id='S5'\" | grep -q '^\\\$argon2id\\\$'" \
    "stored as an argon2id string"
check "! grep -aq femi-password-1 '$ws/iss.db' && ! grep -aqr femi-password-1 '$ws'" \
    "the password itself is nowhere in the workspace"
check "[ \"\$(sql '$ws/iss.db' \"select count(*) from history where event='staff password set' and detail='S5'\")\" = 1 ]" \
    "setting it is in the history"
check "[ \"\$(sql '$ws/iss.db' 'pragma user_version')\" = 6 ]" "schema 6"

# ---- the server ----
if ! start_server "$ws" "$LOG" --listen 127.0.0.1:0 --trust-proxy 127.0.0.1; then
    fail "iss serve starts" "$(cat "$LOG")"
    finish
    exit 1
fi
check "grep -q '^iss serve: staff area on http://127\.0\.0\.1:$PORT/staff/ ' '$LOG'" \
    "it prints the staff area's address"

A=192.0.2.10 # Femi's phone
req home GET /staff/today $A
check "code_is 303" "Today without signing in: 303"
check "[ \"\$(header Location)\" = /staff/signin ]" "to the sign-in page"

req form GET /staff/signin $A
check "code_is 200" "the sign-in page: 200"
check "header Set-Cookie | grep -q '^iss_signin=[0-9a-f]\{64\}; Path=/staff; HttpOnly; SameSite=Strict; Max-Age='" \
    "it sets a sign-in CSRF cookie, HttpOnly, SameSite=Strict"
check "! header Set-Cookie | grep -qi secure" "not Secure over plain HTTP"
check "grep -q 'name=\"viewport\"' '$R.body' && ! grep -qi '<script' '$R.body'" \
    "a page for phones, without JavaScript"
check "header Content-Security-Policy | grep -q \"default-src 'none'\"" \
    "with a strict Content-Security-Policy"
tok=$(csrf)

req nocsrf POST /staff/signin $A --data-urlencode staff=S5 --data-urlencode password=femi-password-1
check "code_is 403" "signing in without the CSRF token: 403"
req badcsrf POST /staff/signin $A --data-urlencode csrf=$(printf '%064d' 0) \
    --data-urlencode staff=S5 --data-urlencode password=femi-password-1
check "code_is 403" "with a token not its cookie's: 403"
check "! header Set-Cookie | grep -q iss_staff=" "and no session"

req wrong POST /staff/signin $A --data-urlencode csrf=$tok \
    --data-urlencode staff=S5 --data-urlencode password=not-her-password
check "code_is 401" "a wrong password: 401"
check "grep -q 'Wrong staff id or password' '$R.body'" "said plainly"
req wrong2 POST /staff/signin $A --data-urlencode csrf=$tok \
    --data-urlencode staff=S404 --data-urlencode password=not-her-password
check "code_is 401" "an unknown staff id: the same 401"
req missing POST /staff/signin $A --data-urlencode csrf=$tok --data-urlencode staff=S5
check "code_is 400" "a form without the password: 400"

req signin POST /staff/signin $A --data-urlencode csrf=$tok \
    --data-urlencode staff=S5 --data-urlencode password=femi-password-1
check "code_is 303" "the right password: 303"
check "[ \"\$(header Location)\" = /staff/today ]" "to Today"
check "header Set-Cookie | grep -q '^iss_staff=[0-9a-f]\{64\}; Path=/staff; HttpOnly; SameSite=Strict; Max-Age=[0-9]'" \
    "the session cookie: 256 random bits, HttpOnly, SameSite=Strict, expiring"
cookie5=$(header Set-Cookie | sed -n 's/^iss_staff=\([0-9a-f]*\);.*/\1/p')
cp "$JAR" "$TMP_ROOT/jar-femi"

# ---- Today and My week ----
req today GET "/staff/today?date=$DAY" $A
check "code_is 200" "Today of $DAY: 200"
want=$("$ISS" -C "$ws" today --date $DAY --staff S5 | sed -n 's/^Sessions on .*: \([0-9]*\)$/\1/p')
got=$(grep -c '<div class="s"' "$R.body")
check "[ '$got' = '$want' ] && [ '$want' -gt 0 ]" \
    "it lists Femi's $want sessions of the day, as iss today --staff S5 does ($got)"
for ref in $("$ISS" -C "$ws" today --date $DAY --staff S5 | awk 'NR > 2 && $1 ~ /^[0-9a-f]+$/ {print $1}'); do
    check "grep -q 'ref $ref' '$R.body'" "session $ref is on the page with its reference"
done
check "[ \$(grep -o 'name=\"outcome\" value=\"attended\"' '$R.body' | wc -l) = $want ]" \
    "one tap per outcome on each"
check "grep -q 'name=\"minutes\"' '$R.body' && grep -q 'value=\"child_unacceptable\"' '$R.body' && grep -q 'name=\"note\"' '$R.body'" \
    "minutes, the cause of a partial session and a note"
tok=$(csrf)
req baddate GET "/staff/today?date=2026-02-30" $A
check "code_is 400" "Today of a date that is not one: 400"
req week GET "/staff/week?date=$DAY" $A
check "code_is 200" "My week: 200"
check "[ \$(grep -o '<div class=\"s\"' '$R.body' | wc -l) = \$(sql '$ws/iss.db' \"select count(*) from session_staff ss join sessions s on s.uid = ss.session_uid where ss.staff_id='S5' and ss.status='confirmed' and s.status='confirmed' and s.week='$WEEK'\") ]" \
    "it lists every one of Femi's sessions of the week"
req notmgr GET /staff/actions $A
check "code_is 403" "the actions page for a staff member who is not a manager: 403"
req notmgr2 GET /staff/report $A
check "code_is 403" "the report for a staff member who is not a manager: 403"
req nopage GET /staff/nothing $A
check "code_is 404" "a page that does not exist: 404"
req put PUT /staff/today $A
check "code_is 405" "PUT: 405"
check "header Allow | grep -q POST" "with Allow"

# ---- recording ----
mine=$(sql "$ws/iss.db" "select s.uid from sessions s join session_staff ss on ss.session_uid = s.uid where ss.staff_id='S5' and ss.status='confirmed' and s.status='confirmed' and s.date='$DAY' order by s.start_utc limit 1")
case=$(sql "$ws/iss.db" "select case_id from sessions where uid='$mine'")
len=$(sql "$ws/iss.db" "select end_min - start_min from sessions where uid='$mine'")
theirs=$(sql "$ws/iss.db" "select s.uid from sessions s where s.date='$DAY' and s.status='confirmed' and not exists (select 1 from session_staff ss where ss.session_uid = s.uid and ss.staff_id='S5' and ss.status='confirmed') order by s.start_utc limit 1")
check "[ -n '$mine' ] && [ -n '$theirs' ]" "a session of Femi's and one of someone else's"
delivered()
{
    "$ISS" -C "$ws" report --week $WEEK --format json | $PY -c "
import json, sys
r = json.load(sys.stdin)
print([w for c in r['cases'] if c['id'] == sys.argv[1] for w in c['weeks']][0]['delivered_minutes'])" "$1"
}
before_min=$(delivered "$case")
n_att=$(sql "$ws/iss.db" 'select count(*) from attendance')

req nocsrf POST /staff/record $A -d "uid=$mine&outcome=attended&date=$DAY"
check "code_is 403" "recording without the CSRF token: 403"
req badcsrf POST /staff/record $A -d "csrf=$(printf '%064d' 0)&uid=$mine&outcome=attended"
check "code_is 403" "recording with a wrong CSRF token: 403"
req other POST /staff/record $A -d "csrf=$tok&uid=$theirs&outcome=attended&date=$DAY"
check "code_is 403" "recording another staff member's session: 403"
check "grep -q 'another staff member' '$R.body'" "said plainly"
req unknown POST /staff/record $A -d "csrf=$tok&uid=$(printf '%032d' 0)&outcome=attended"
check "code_is 404" "a session that does not exist: 404"
req nocause POST /staff/record $A -d "csrf=$tok&uid=$mine&outcome=partial&minutes=30"
check "code_is 400" "partial without the cause: 400"
req badout POST /staff/record $A -d "csrf=$tok&uid=$mine&outcome=present"
check "code_is 400" "an outcome that is not one: 400"
req get GET /staff/record $A
check "code_is 405" "GET /staff/record: 405"
big=$($PY -c "print('x' * 20000)")
req big POST /staff/record $A -d "csrf=$tok&note=$big"
check "code_is 413" "a form over 16 kB: 413"
check "[ \"\$(sql '$ws/iss.db' 'select count(*) from attendance')\" = $n_att ]" \
    "none of these recorded anything"

req record POST /staff/record $A -d "csrf=$tok&uid=$mine&outcome=attended&date=$DAY&note=on+time"
check "code_is 303" "recording Femi's own session: 303"
check "[ \"\$(header Location)\" = '/staff/today?date=$DAY' ]" "back to the day"
after_min=$(delivered "$case")
check "[ \$(($after_min - $before_min)) = $len ]" \
    "iss report --format json counts it: $case delivered $before_min -> $after_min minutes (+$len)"
check "[ \"\$(sql '$ws/iss.db' \"select outcome || '|' || note from attendance where session_uid='$mine' order by id desc limit 1\")\" = 'attended|on time' ]" \
    "stored through iss_attendance_record, with the note"
check "sql '$ws/iss.db' \"select command from history where event='attendance recorded' and session_uid='$mine'\" | grep -q 'staff S5 from $A'" \
    "the history says who recorded it and from which address"
check "[ -n \"\$(sql '$ws/iss.db' \"select at from history where event='attendance recorded' and session_uid='$mine' and at=$ISS_NOW\")\" ]" \
    "and when"
req partial POST /staff/record $A -d "csrf=$tok&uid=$mine&outcome=partial&minutes=30&cause=child_acceptable&date=$DAY"
check "code_is 303" "a correction: partial, 30 minutes, the child's with a good reason"
check "[ \"\$(sql '$ws/iss.db' \"select outcome || minutes || cause from attendance where session_uid='$mine' order by id desc limit 1\")\" = partial30child_acceptable ]" \
    "stored as such"
req shown GET "/staff/today?date=$DAY" $A
check "grep -q 'partial (30 min)' '$R.body'" "Today shows the outcome"

# The workspace lock: while another command holds it, a write waits,
# then says busy (503).
$PY - "$ws/iss.lock" <<'EOF' &
import fcntl, sys, time
f = open(sys.argv[1], "a")
fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[1] + ".held", "w").close()
time.sleep(60)
EOF
LPID=$!
i=0
while [ ! -f "$ws/iss.lock.held" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
req busy POST /staff/record $A -d "csrf=$tok&uid=$mine&outcome=attended&date=$DAY"
check "code_is 503" "a write while another command holds the workspace: 503"
check "header Retry-After | grep -q '^[0-9]'" "with Retry-After"
kill "$LPID" 2>/dev/null
wait "$LPID" 2>/dev/null
rm -f "$ws/iss.lock.held"

# ---- a manager ----
rm -f "$JAR"
M=192.0.2.20
req mform GET /staff/signin $M
tok=$(csrf)
req msignin POST /staff/signin $M --data-urlencode csrf=$tok \
    --data-urlencode staff=S10 --data-urlencode password=leon-password-1
check "code_is 303" "Leon signs in"
req mtoday GET "/staff/today?date=$DAY&all=1" $M
check "code_is 200" "a manager sees everyone's sessions: 200"
tok=$(csrf)
req mrecord POST /staff/record $M -d "csrf=$tok&uid=$theirs&outcome=absent_unacceptable&date=$DAY"
check "code_is 303" "a manager records another's session: 303"
tcase=$(sql "$ws/iss.db" "select case_id from sessions where uid='$theirs'")
req actions GET /staff/actions $M
check "code_is 200" "the open compliance actions: 200"
check "grep -q '($tcase)' '$R.body' && grep -q 'Follow-up' '$R.body'" \
    "the follow-up the absence raised is there ($tcase)"
tok=$(csrf)
open_before=$("$ISS" -C "$ws" report --week $WEEK --format json | $PY -c "
import json, sys
print(sum(1 for a in json.load(sys.stdin)['actions'] if a['case'] == sys.argv[1] and a['action'] == 'follow_up' and a['state'] == 'due'))" "$tcase")
req done POST /staff/action $M -d "csrf=$tok&case=$tcase&kind=follow_up&note=phoned"
check "code_is 303" "marking it done: 303"
open_after=$("$ISS" -C "$ws" report --week $WEEK --format json | $PY -c "
import json, sys
print(sum(1 for a in json.load(sys.stdin)['actions'] if a['case'] == sys.argv[1] and a['action'] == 'follow_up' and a['state'] == 'due'))" "$tcase")
check "[ $open_after = \$(($open_before - 1)) ]" \
    "iss report: one open follow-up fewer for $tcase ($open_before -> $open_after)"
check "[ \"\$(sql '$ws/iss.db' \"select by || '|' || note from actions where case_id='$tcase' order by id desc limit 1\")\" = 'S10|phoned' ]" \
    "closed through iss_action_close, by S10"
check "sql '$ws/iss.db' \"select command from history where event='action closed'\" | grep -q 'staff S10 from $M'" \
    "audited with the manager and the address"
req report GET "/staff/report?date=$DAY" $M
check "code_is 200 && grep -q '$tcase' '$R.body'" "the live report for a manager: 200"
"$ISS" -C "$ws" report --week $WEEK --format html >"$TMP_ROOT/report.html"
check "cmp -s '$R.body' '$TMP_ROOT/report.html'" \
    "the same page as iss report --week $WEEK --format html, as it is now"
req badact POST /staff/action $M -d "csrf=$tok&case=C99&kind=follow_up"
check "code_is 400" "an action of a case that does not exist: 400"

# ---- signing out ----
cp "$TMP_ROOT/jar-femi" "$JAR"
req today2 GET /staff/today $A
tok=$(csrf)
req out POST /staff/signout $A -d "csrf=$tok"
check "code_is 303" "signing out: 303"
check "header Set-Cookie | grep -q '^iss_staff=; .*Max-Age=0'" "the cookie is cleared"
# The old cookie, sent again as a stolen copy would be:
R=$TMP_ROOT/r-after
curl -s -H "Cookie: iss_staff=$cookie5" -H "X-Real-IP: $A" -D "$R.head" -o "$R.body" \
    -w '%{http_code}' "http://127.0.0.1:$PORT/staff/today" >"$R.code"
check "code_is 303 && [ \"\$(header Location)\" = /staff/signin ]" \
    "the cookie after signing out: refused (303 to the sign-in)"
curl -s -H "Cookie: iss_staff=$cookie5" -H "X-Real-IP: $A" -D "$R.head" -o "$R.body" \
    -w '%{http_code}' -d "csrf=$tok&uid=$mine&outcome=attended" \
    "http://127.0.0.1:$PORT/staff/record" >"$R.code"
check "code_is 401" "a form with the cookie after signing out: 401"

# ---- throttling ----
rm -f "$JAR"
T=192.0.2.30
req tform GET /staff/signin $T
tok=$(csrf)
i=0
while [ $i -lt 5 ]; do
    req t$i POST /staff/signin $T --data-urlencode csrf=$tok \
        --data-urlencode staff=S4 --data-urlencode password=guess-$i-guess
    i=$((i + 1))
done
check "code_is 401" "five wrong passwords for Dan's account: 401 each"
req tright POST /staff/signin 192.0.2.31 --data-urlencode csrf=$tok \
    --data-urlencode staff=S4 --data-urlencode password=dan-password-1
check "code_is 429" "then even the right one, from another address, is throttled: 429"
check "header Retry-After | grep -q '^[0-9]'" "with Retry-After"
check "! header Set-Cookie | grep -q iss_staff=" "and no session"
# Per address: 20 wrong passwords from one address over many accounts.
rm -f "$JAR"
X=192.0.2.40
req xform GET /staff/signin $X
tok=$(csrf)
i=0
while [ $i -lt 20 ]; do
    req x POST /staff/signin $X --data-urlencode csrf=$tok \
        --data-urlencode staff=N$i --data-urlencode password=guess-guess-$i
    i=$((i + 1))
done
req xgrace POST /staff/signin $X --data-urlencode csrf=$tok \
    --data-urlencode staff=S6 --data-urlencode password=grace-password-1
check "code_is 429" "after 20 wrong passwords from one address, it is throttled (429)"
req ygrace POST /staff/signin 192.0.2.41 --data-urlencode csrf=$tok \
    --data-urlencode staff=S6 --data-urlencode password=grace-password-1
check "code_is 303" "while Grace signs in from another address"

# ---- behind the HTTPS proxy ----
rm -f "$JAR"
H=192.0.2.50
req secure GET /staff/signin $H -H 'X-Forwarded-Proto: https'
check "header Set-Cookie | grep -q '^iss_signin=.*; Secure'" \
    "the sign-in cookie is Secure when the trusted proxy says HTTPS"
tok=$(csrf)
req ssignin POST /staff/signin $H -H 'X-Forwarded-Proto: https' \
    --data-urlencode csrf=$tok --data-urlencode staff=S5 \
    --data-urlencode password=femi-password-1
check "code_is 303 && header Set-Cookie | grep -q '^iss_staff=[0-9a-f]\{64\}; .*; Secure'" \
    "and so is the session cookie"

# ---- in headless Chromium, driven over the DevTools protocol ----
if chromium_init; then
    BR=$TMP_ROOT/browser
    mkdir -p "$BR"
    SHOT=${STAFF_SCREENSHOT:-$TMP_ROOT/today-360.png}
    py_checks "$TESTS_DIR/staff/browser.py" "$CHROMIUM" "$BR" \
        "http://127.0.0.1:$PORT" "$DAY" "$SHOT" "$theirs"
    buid=$(sed -n 's/^RECORDED //p' "$OUT")
    check "[ -n '$buid' ] && [ \"\$(sql '$ws/iss.db' \"select outcome from attendance where session_uid='$buid' order by id desc limit 1\")\" = attended ]" \
        "the tap in Chromium is stored: attended"
    bcase=$(sql "$ws/iss.db" "select case_id from sessions where uid='$buid'")
    check "\"\$ISS\" -C '$ws' report --week $WEEK --format json | $PY -c \"import json,sys; r=json.load(sys.stdin); sys.exit(0 if [w for c in r['cases'] if c['id']=='$bcase' for w in c['weeks']][0]['delivered_minutes'] > 0 else 1)\"" \
        "iss report --format json counts it for $bcase"
    check "sql '$ws/iss.db' \"select command from history where session_uid='$buid' order by id desc limit 1\" | grep -q 'staff S5 from 127.0.0.1'" \
        "audited with the browser's address"
fi

# The log never shows a password or a cookie.
check "! grep -q 'password-1\|$cookie5' '$LOG'" "the log holds no password or cookie"
# The feeds are served as before.
ftok=$(sql "$ws/iss.db" "select token from feeds where owner_kind='case' limit 1")
R=$TMP_ROOT/r-feed
curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/feeds/$ftok.ics" >"$R.code"
check "code_is 200" "the feeds beside it: 200"
# A clean stop (with the AddressSanitizer build: nothing leaked).
kill -TERM "$SPID"
i=0
while alive "$SPID" && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
RC=0
wait "$SPID" || RC=$?
SPID=
check "[ $RC = 0 ] && grep -q '^iss serve: stopped (SIGTERM)' '$LOG' && ! grep -q 'Sanitizer' '$LOG'" \
    "SIGTERM stops it cleanly (exit $RC)"

# ---- without --trust-proxy: the headers of the proxy are not believed ----
LOG2=$TMP_ROOT/serve2.log
if start_server "$ws" "$LOG2" --listen 127.0.0.1:0; then
    rm -f "$JAR"
    req plain GET /staff/signin 192.0.2.60 -H 'X-Forwarded-Proto: https'
    check "code_is 200 && header Set-Cookie | grep -q '^iss_signin=' && ! header Set-Cookie | grep -qi secure" \
        "X-Forwarded-Proto from a peer not named by --trust-proxy is ignored"
    tok=$(csrf)
    req plainbad POST /staff/signin 192.0.2.61 --data-urlencode csrf=$tok \
        --data-urlencode staff=S6 --data-urlencode password=wrong-wrong-1
    check "code_is 401" "a wrong password"
    check "grep -q 'wrong staff id or password from 127.0.0.1$' '$LOG2'" \
        "counted against the peer's address, not the X-Real-IP it sent"
    stop_server
else
    fail "iss serve without --trust-proxy starts" "$(cat "$LOG2")"
fi
finish
