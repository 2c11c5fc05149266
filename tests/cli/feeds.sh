#!/bin/sh
# The published iCalendar feeds, read by four independent parsers
# (shared/docs/ICALENDAR.md, "How to prove it"):
#   libical    tests/feeds/icalcheck.c   (build/tests/icalcheck)
#   python     tests/feeds/pycheck.py    (python3-icalendar, -recurring-ical-events)
#   ical.js    tests/icaljs/check.mjs    (npm ci --prefix tests/icaljs)
#   khal       tests/feeds/khalcheck.sh  (Debian's khal, Europe/London)
# Every feed of every round must pass all four, and each parser's events
# (UID, instants, STATUS, SEQUENCE) must equal what the store (iss.db) says
# the feed holds (tests/feeds/expected.py); khal's London times must equal
# the times the store gives, and the plan's local times. Weeks around both
# clock changes: 29 Mar 2026 (scenario s2), 25 Oct 2026 and 28 Mar 2027
# (the example workspace; s2 also publishes the October week).
# A parser that is not installed is a failure, unless ISS_ALLOW_SKIP is set.
set -u
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
FD=$TESTS_DIR/feeds
ICALCHECK=${ICALCHECK:-$SRC_DIR/build/tests/icalcheck}
# e.g. ICALCHECK_WRAP="valgrind -q --error-exitcode=99 --leak-check=full
# --errors-for-leak-kinds=definite,indirect" (make check VALGRIND=1).
ICALCHECK_WRAP=${ICALCHECK_WRAP:-}
NODE=${NODE:-node}
ICALJS=$TESTS_DIR/icaljs
# Nothing published here is dropped from a feed for being past, whatever
# day the tests run (rounds below set a later day on purpose).
ISS_TODAY=2026-01-01
# "Now" (DTSTAMP of a change) moves on between rounds.
ISS_NOW=1767225600
export ISS_TODAY ISS_NOW

# fail_msg WHAT [DETAIL]: a failure without the last command's output.
fail_msg()
{
    FAILED=$((FAILED + 1))
    printf 'FAIL: %s\n' "$1"
    if [ -n "${2:-}" ]; then
        printf '%s\n' "$2" | head -n 30 | sed 's/^/  /'
    fi
}

# same EXPECTED ACTUAL WHAT: two files are equal, or a diff.
same()
{
    if cmp -s "$1" "$2"; then pass; else
        fail_msg "$3" "$(diff "$1" "$2" | head -n 20)"
    fi
}

# ---- the parsers ----
PARSERS=""
have()
{
    case " $PARSERS " in *" $1 "*) return 0 ;; esac
    return 1
}
need()
{
    name=$1
    why=$2
    shift 2
    if "$@" >/dev/null 2>&1; then
        PARSERS="$PARSERS $name"
    else
        printf 'SKIP: %s is not installed (%s)\n' "$name" "$why"
        if [ -z "${ISS_ALLOW_SKIP:-}" ]; then
            fail_msg "parser $name is missing (set ISS_ALLOW_SKIP=1 to skip it)"
        fi
    fi
}
need libical "make build/tests/icalcheck" test -x "$ICALCHECK"
need python "apt-get install python3-icalendar python3-recurring-ical-events" \
    $PY -c 'import icalendar, recurring_ical_events'
need ical.js "apt-get install nodejs npm; npm ci --prefix tests/icaljs" \
    $NODE -e 'import("'"$ICALJS"'/node_modules/ical.js/dist/ical.js")'
need khal "apt-get install khal" sh -c 'command -v khal'
echo "parsers:$PARSERS"

# local_times: "UID START END STATUS SEQ" (epochs) on stdin ->
# "UID LOCAL_START LOCAL_END STATUS" in London, RFC 3339, sorted (Python's
# zoneinfo, independent of iss's and khal's time zone code).
local_times()
{
    $PY -c '
import sys, datetime
from zoneinfo import ZoneInfo
z = ZoneInfo("Europe/London")
def f(t):
    return datetime.datetime.fromtimestamp(int(t), z).isoformat()
out = []
for line in sys.stdin:
    u, a, b, st = line.split()[:4]
    out.append("%s %s %s %s" % (u, f(a), f(b), st))
for l in sorted(out):
    print(l)' | LC_ALL=C sort
}

# plan_times WS CASE: the plan files' sessions of a case that have a UID, as
# "UID START END STATUS" in the plan's own local RFC 3339 times.
plan_times()
{
    $PY - "$1" "$2" <<'EOF' | LC_ALL=C sort
import glob, json, os, sys
ws, case = sys.argv[1:]
for f in sorted(glob.glob(os.path.join(ws, "out", "plan-*.json"))):
    for s in json.load(open(f))["sessions"]:
        if s["case"] == case and s["uid"]:
            print(s["uid"], s["start"], s["end"],
                  "CANCELLED" if s["status"] == "cancelled" else "CONFIRMED")
EOF
}

# check_feeds WS LABEL [MONDAY...]: every feed of the workspace, with every
# parser, against the store. Leaves per-feed expectations in $TMP_ROOT/exp/
# (KIND-OWNER), all khal lines in $TMP_ROOT/khal.all, child and staff UIDs
# in $TMP_ROOT/uids.case and uids.staff, the feed list in feeds.list.
check_feeds()
{
    cws=$1
    label=$2
    shift 2
    rm -rf "$TMP_ROOT/exp"
    mkdir -p "$TMP_ROOT/exp"
    : >"$TMP_ROOT/uids.case"
    : >"$TMP_ROOT/uids.staff"
    : >"$TMP_ROOT/khal.all"
    : >"$TMP_ROOT/feeds.list"
    run iss -C "$cws" feeds
    if [ "$RC" -ne 0 ]; then
        fail "$label: iss feeds" "exit status $RC"
        return
    fi
    awk '{ print $1, $2, $NF }' "$OUT" >"$TMP_ROOT/feeds.list"
    # The list is the store's feeds table, one file each, nothing else.
    $PY -c "import sqlite3; c=sqlite3.connect('file:$cws/iss.db?mode=ro', uri=True); \
[print(k, o, '$cws/out/feeds/%s.ics' % t) for k, o, t in \
c.execute('select owner_kind, owner_id, token from feeds order by 1, 2')]" \
        >"$TMP_ROOT/feeds.store"
    same "$TMP_ROOT/feeds.store" "$TMP_ROOT/feeds.list" \
        "$label: iss feeds lists the store's feeds"
    (cd "$cws/out/feeds" && ls -A) | LC_ALL=C sort >"$TMP_ROOT/files"
    awk '{ n = split($3, p, "/"); print p[n] }' "$TMP_ROOT/feeds.list" |
        LC_ALL=C sort >"$TMP_ROOT/files.want"
    same "$TMP_ROOT/files.want" "$TMP_ROOT/files" \
        "$label: out/feeds holds exactly one file per feed"
    nfeeds=0
    nevents=0
    while read -r kind owner path <&3; do
        nfeeds=$((nfeeds + 1))
        what="$label: $kind $owner feed"
        exp=$TMP_ROOT/exp/$kind-$owner
        if ! $PY "$FD/expected.py" --stamps "$cws" "$kind" "$owner" \
            >"$exp.stamps" 2>"$ERR"; then
            fail_msg "$what: expected.py failed" "$(cat "$ERR")"
            continue
        fi
        cut -d' ' -f1-5 "$exp.stamps" >"$exp"
        nevents=$((nevents + $(wc -l <"$exp")))
        cut -d' ' -f1 "$exp" >>"$TMP_ROOT/uids.$kind"
        if have libical; then
            run $ICALCHECK_WRAP "$ICALCHECK" "$path"
            if [ "$RC" -ne 0 ]; then
                fail_msg "$what: libical (icalcheck) rejects it" "$(head -n 12 "$ERR")"
            else
                LC_ALL=C sort "$OUT" >"$TMP_ROOT/got"
                same "$exp" "$TMP_ROOT/got" "$what: libical reads the store's events"
            fi
        fi
        if have python; then
            run $PY "$FD/pycheck.py" --stamps "$path"
            if [ "$RC" -ne 0 ]; then
                fail_msg "$what: python-icalendar rejects it" "$(head -n 12 "$ERR")"
            else
                LC_ALL=C sort "$OUT" >"$TMP_ROOT/got"
                same "$exp.stamps" "$TMP_ROOT/got" \
                    "$what: python-icalendar reads the store's events (and DTSTAMP = LAST-MODIFIED = last change)"
            fi
            run $PY "$FD/content.py" "$cws" "$kind" "$owner" "$path"
            if [ "$RC" -eq 0 ]; then pass; else
                fail_msg "$what: names, words and alarms" "$(head -n 12 "$OUT")"
            fi
        fi
        if have ical.js; then
            run $NODE "$ICALJS/check.mjs" "$path"
            if [ "$RC" -ne 0 ]; then
                fail_msg "$what: ical.js rejects it" "$(head -n 12 "$ERR")"
            else
                LC_ALL=C sort "$OUT" >"$TMP_ROOT/got"
                same "$exp" "$TMP_ROOT/got" "$what: ical.js reads the store's events (strict and lenient)"
            fi
        fi
        if have khal; then
            run sh "$FD/khalcheck.sh" "$path" "$@"
            if [ "$RC" -ne 0 ]; then
                fail_msg "$what: khal rejects it" "$(head -n 12 "$ERR")"
            else
                LC_ALL=C sort "$OUT" >"$TMP_ROOT/got"
                cat "$TMP_ROOT/got" >>"$TMP_ROOT/khal.all"
                local_times <"$exp" >"$TMP_ROOT/want"
                same "$TMP_ROOT/want" "$TMP_ROOT/got" \
                    "$what: khal shows the store's times in London"
            fi
        fi
        mode=$(stat -c %a "$path")
        check "[ '$mode' = 600 ]" "$what: the file is 0600 ($mode)"
        base=${path##*/}
        token=${base%.ics}
        check "printf '%s\n' '$token' | grep -Eq '^[0-9a-f]{32,}$'" \
            "$what: the token is 32+ hex characters ($token)"
        case $token in
            *"$owner"*) fail_msg "$what: the token holds the owner's id" ;;
            *) pass ;;
        esac
    done 3<"$TMP_ROOT/feeds.list"
    check "[ $nfeeds -gt 0 ] && [ $nevents -gt 0 ]" \
        "$label: $nfeeds feeds, $nevents events checked"
    mode=$(stat -c %a "$cws/out/feeds")
    check "[ '$mode' = 700 ]" "$label: the feeds folder is 0700 ($mode)"
    dup=$(awk '{ print $3 }' "$TMP_ROOT/feeds.list" | sort | uniq -d)
    check "[ -z '$dup' ]" "$label: no two feeds (no two children) share a token"
    both=$(LC_ALL=C sort -u "$TMP_ROOT/uids.case" |
        LC_ALL=C comm -12 - "$(LC_ALL=C sort -u "$TMP_ROOT/uids.staff" \
            >"$TMP_ROOT/us"; echo "$TMP_ROOT/us")")
    check "[ -z '$both' ]" "$label: child feeds' UIDs differ from staff feeds' UIDs"
    dup=$(cat "$TMP_ROOT/uids.case" | sort | uniq -d)
    check "[ -z '$dup' ]" "$label: no UID in two child feeds"
    dup=$(cat "$TMP_ROOT/uids.staff" | sort | uniq -d)
    check "[ -z '$dup' ]" "$label: no UID in two staff feeds"
}

# check_plan_times WS LABEL: khal's London times of every child feed equal
# the plan files' local times (only when nothing is left out of a feed).
check_plan_times()
{
    while read -r kind owner path <&3; do
        [ "$kind" = case ] || continue
        have khal || continue
        plan_times "$1" "$owner" >"$TMP_ROOT/plan"
        run sh "$FD/khalcheck.sh" "$path"
        LC_ALL=C sort "$OUT" >"$TMP_ROOT/got"
        if [ -s "$TMP_ROOT/plan" ]; then
            same "$TMP_ROOT/plan" "$TMP_ROOT/got" \
                "$2: khal shows $owner's feed at the plan's local times"
        else
            fail_msg "$2: no planned session of $owner has a UID"
        fi
    done 3<"$TMP_ROOT/feeds.list"
}

# snapshot WS NAME: copy of the feed files and the store's expectations.
snapshot()
{
    rm -rf "$TMP_ROOT/snap-$2"
    mkdir -p "$TMP_ROOT/snap-$2"
    cp -p "$1"/out/feeds/*.ics "$TMP_ROOT/snap-$2/"
    cp -R "$TMP_ROOT/exp" "$TMP_ROOT/snap-$2/exp"
}

# same_files WS NAME WHAT: the feed files are byte-identical to a snapshot.
same_files()
{
    bad=""
    for f in "$TMP_ROOT/snap-$2"/*.ics; do
        cmp -s "$f" "$1/out/feeds/${f##*/}" || bad="$bad ${f##*/}"
    done
    n1=$(ls "$TMP_ROOT/snap-$2"/*.ics | wc -l)
    n2=$(ls "$1"/out/feeds/*.ics | wc -l)
    check "[ -z '$bad' ] && [ $n1 -eq $n2 ]" "$3 ($n2 files;$bad)"
}

# offsets LABEL DATE OFFSET: every event khal shows on DATE (London; a
# grep pattern, so a range of days may be given) is at that UTC offset,
# and there is one at least.
offsets()
{
    n=$(grep -c " $2T[0-9:]*$3 " "$TMP_ROOT/khal.all")
    other=$(grep " $2T" "$TMP_ROOT/khal.all" | grep -v " $2T[0-9:]*$3 " | head -n 3)
    check "[ $n -gt 0 ] && [ -z '$other' ]" \
        "$1: $n events on $2 shown at UTC$3 $other"
}

# ======== the checkers catch what they claim to ========
ws=$(copy_examples)
run iss -C "$ws" plan --week 2026-10-19 --quiet
run iss -C "$ws" publish --week 2026-10-19
expect_rc 0 "publish the example week of 19 Oct 2026"
run iss -C "$ws" feeds
good=$(awk '$1 == "case" { print $NF; exit }' "$OUT")
good_owner=$(awk '$1 == "case" { print $2; exit }' "$OUT")
if [ -z "$good" ] || [ ! -f "$good" ]; then
    fail_msg "no child feed to break: the checkers' own tests are skipped"
    good=""
fi
# mutation: the parsers that must reject it (libical checks most octet and
# property rules; khal is lenient and only judged on what it shows).
[ -z "$good" ] ||
for spec in "floating libical python ical.js" "date libical python ical.js" \
            "lf libical" "long libical" "bom libical python ical.js" \
            "method libical" "url libical" "source libical" \
            "two libical python ical.js" "notz libical ical.js" \
            "tzz libical" "noversion libical" \
            "unclosed libical python ical.js" \
            "endbefore libical python ical.js" "utf8fold libical python"; do
    set -- $spec
    m=$1
    shift
    $PY "$FD/mutate.py" "$m" "$good" "$TMP_ROOT/bad-$m.ics"
    for p in "$@"; do
        have "$p" || continue
        case $p in
            libical) run $ICALCHECK_WRAP "$ICALCHECK" "$TMP_ROOT/bad-$m.ics" ;;
            python) run $PY "$FD/pycheck.py" "$TMP_ROOT/bad-$m.ics" ;;
            ical.js) run $NODE "$ICALJS/check.mjs" "$TMP_ROOT/bad-$m.ics" ;;
        esac
        expect_rc 1 "$p rejects a feed broken by '$m'"
    done
done
# The same instants written as TZID=Europe/London times with one compact
# VTIMEZONE: every parser reads the same events (the checkers do follow
# time zones, so they would judge such a feed correctly too).
[ -z "$good" ] || $PY "$FD/mutate.py" tzid "$good" "$TMP_ROOT/tzid.ics"
[ -z "$good" ] || check "grep -q '^DTSTART;TZID=Europe/London:' '$TMP_ROOT/tzid.ics'" \
    "the TZID copy has London times"
[ -z "$good" ] ||
for p in libical python ical.js khal; do
    have "$p" || continue
    case $p in
        libical) set -- $ICALCHECK_WRAP "$ICALCHECK" ;;
        python) set -- $PY "$FD/pycheck.py" ;;
        ical.js) set -- $NODE "$ICALJS/check.mjs" ;;
        khal) set -- sh "$FD/khalcheck.sh" ;;
    esac
    "$@" "$good" 2>&1 | LC_ALL=C sort >"$TMP_ROOT/a"
    "$@" "$TMP_ROOT/tzid.ics" 2>&1 | LC_ALL=C sort >"$TMP_ROOT/b"
    check "[ -s '$TMP_ROOT/a' ] && cmp -s '$TMP_ROOT/a' '$TMP_ROOT/b'" \
        "$p reads UTC and TZID=Europe/London copies alike"
done
# content.py catches a child's name, a forbidden word, an id, a missing
# staff name.
if have python && [ -n "$good" ]; then
    sed -e 's/^NAME:My appointments/NAME:Jordan/' \
        -e '0,/^SUMMARY:/s/^SUMMARY:.*/SUMMARY:Court report (C01)/' \
        "$good" >"$TMP_ROOT/bad-content.ics"
    run $PY "$FD/content.py" "$ws" case "$good_owner" "$good"
    expect_rc 0 "content.py accepts the feed as published"
    run $PY "$FD/content.py" "$ws" case "$good_owner" "$TMP_ROOT/bad-content.ics"
    expect_rc 1 "content.py rejects a child feed with a name, a forbidden word and an id"
    expect_out "name 'Jordan'" "it names the wrong calendar name"
    expect_out "forbidden word 'Court'" "the forbidden word"
    expect_out "id 'C01'" "the case id"
    expect_out 'does not name' "and the missing staff name"
fi

# ======== the example workspace: 25 Oct 2026, 23 Nov 2026, 28 Mar 2027 ========
ws=$(copy_examples)
for w in 2026-10-19 2026-11-23 2027-03-22; do
    run iss -C "$ws" plan --week "$w" --quiet
    expect_rc 0 "example: plan the week of $w"
    run iss -C "$ws" publish --week "$w"
    expect_rc 0 "example: publish the week of $w"
done
for d in 2026-10-25 2027-03-28; do
    n=$($PY -c "import sqlite3; print(sqlite3.connect('$ws/iss.db').execute(\
\"select count(*) from sessions where date = '$d'\").fetchone()[0])")
    check "[ $n -gt 0 ]" "example: $n sessions on the clock-change Sunday $d"
done
check_feeds "$ws" "example" 2026-10-19 2026-11-23 2027-03-22
check_plan_times "$ws" "example"
if have khal; then
    offsets "example" 2026-10-24 +01:00
    offsets "example" 2026-10-25 +00:00
    # the days before the spring change: which of them has sessions is
    # the planner's choice, so the week's Monday to Saturday together
    offsets "example" "2027-03-2[2-7]" +00:00
    offsets "example" 2027-03-28 +01:00
fi
snapshot "$ws" ex1
ISS_NOW=$((ISS_NOW + 3600))
for w in 2026-10-19 2026-11-23 2027-03-22; do
    run iss -C "$ws" publish --week "$w"
    expect_rc 0 "example: publish the week of $w again"
done
same_files "$ws" ex1 "example: publishing again gives byte-identical feeds"

# ---- re-planned: S6 away on 24-25 Oct, C01 away all of Sunday 25 Oct ----
$PY - "$ws/team.json" "$ws/cases/C01.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
for s in t["staff"]:
    if s["id"] == "S6":
        s.setdefault("leave", []).append({"from": "2026-10-24", "to": "2026-10-25"})
json.dump(t, open(sys.argv[1], "w"), indent=2)
c = json.load(open(sys.argv[2]))
c.setdefault("commitments", []).append(
    {"what": "residential trip", "date": "2026-10-25", "time": "00:00-24:00"})
json.dump(c, open(sys.argv[2], "w"), indent=2)
EOF
run iss -C "$ws" plan --week 2026-10-19 --replan --quiet
expect_rc 0 "example: re-plan the week of 19 Oct"
run iss -C "$ws" publish --week 2026-10-19
expect_rc 0 "example: publish the re-plan"
expect_out '[1-9][0-9]* (moved|cancelled)' "the re-plan changes published sessions"
check_feeds "$ws" "example re-planned" 2026-10-19 2026-11-23 2027-03-22
check_plan_times "$ws" "example re-planned"
n_cc=$(cat "$TMP_ROOT"/exp/case-* | grep -c ' CANCELLED ')
n_sc=$(cat "$TMP_ROOT"/exp/staff-* | grep -c ' CANCELLED ')
n_seq=$(cat "$TMP_ROOT"/exp/case-* | grep -c ' [1-9][0-9]*$')
check "[ $n_cc -gt 0 ] && [ $n_sc -gt 0 ] && [ $n_seq -gt 0 ]" \
    "the re-planned feeds hold cancelled events ($n_cc child, $n_sc staff) and raised sequences ($n_seq)"
# Between the two publishes: no event leaves a feed (it is cancelled
# instead), SEQUENCE never goes down, and goes up (with DTSTAMP) whenever
# the time or status changes.
$PY - "$TMP_ROOT/snap-ex1/exp" "$TMP_ROOT/exp" >"$OUT" <<'EOF'
import glob, os, sys
before, after = sys.argv[1:]
bad = []
changed = 0
for f in sorted(glob.glob(os.path.join(before, "*.stamps"))):
    name = os.path.basename(f)
    b = {l.split()[0]: l.split() for l in open(f)}
    g = os.path.join(after, name)
    a = {l.split()[0]: l.split() for l in open(g)} if os.path.exists(g) else {}
    for uid, x in b.items():
        y = a.get(uid)
        if y is None:
            bad.append("%s %s left the feed" % (name, uid))
            continue
        if int(y[4]) < int(x[4]):
            bad.append("%s %s SEQUENCE went down %s -> %s" % (name, uid, x[4], y[4]))
        if x[1:4] != y[1:4]:
            changed += 1
            if int(y[4]) <= int(x[4]) or int(y[5]) <= int(x[5]):
                bad.append("%s %s changed without SEQUENCE and DTSTAMP going up" % (name, uid))
        elif x[4] == y[4] and x != y:
            bad.append("%s %s DTSTAMP changed without a change" % (name, uid))
print("changed", changed)
print("\n".join(bad) if bad else "ok")
EOF
expect_out '^changed [1-9]' "some events changed time or status"
check "[ \"\$(tail -n 1 '$OUT')\" = ok ]" \
    "no event left a feed; SEQUENCE and DTSTAMP rise with every change"
grep -v '^changed\|^ok$' "$OUT" | head -n 5
snapshot "$ws" ex2
sleep 1
run iss -C "$ws" publish --week 2026-10-19
same_files "$ws" ex2 "example re-planned: publishing again gives byte-identical feeds"

# ---- later days: what leaves the feeds ----
# 26 Oct: the cancelled events of 19-25 Oct are past and go; the rest stay.
ISS_TODAY=2026-10-26
run iss -C "$ws" publish --week 2027-03-22
expect_rc 0 "publish with today = 26 Oct 2026"
check_feeds "$ws" "today 2026-10-26" 2026-10-19 2026-11-23
n=$(grep -h ' CANCELLED ' "$TMP_ROOT"/exp/* | wc -l)
check "[ $n -eq 0 ]" "no cancelled event of a past day is left ($n)"
n=$(cat "$TMP_ROOT"/exp/case-* | wc -l)
check "[ $n -gt 0 ]" "the feeds still hold the past sessions that took place ($n)"
# 20 Dec: 56 days back is 25 Oct: 24 Oct and before leave the feeds.
ISS_TODAY=2026-12-20
run iss -C "$ws" publish --week 2027-03-22
expect_rc 0 "publish with today = 20 Dec 2026"
check_feeds "$ws" "today 2026-12-20" 2026-10-19 2026-11-23
if have khal; then
    n=$(grep -c ' 2026-10-2[0-4]T' "$TMP_ROOT/khal.all")
    m=$(grep -c ' 2026-10-25T' "$TMP_ROOT/khal.all")
    check "[ $n -eq 0 ] && [ $m -gt 0 ]" \
        "events older than 56 days leave the feeds, 25 Oct stays ($n, $m)"
fi
ISS_TODAY=2026-01-01
ex_tokens=$(awk '{ print $3 }' "$TMP_ROOT/feeds.list" | sed 's,.*/,,')

# ======== scenario 2: 29 Mar 2026 (and the October week) ========
ws=$(mktemp -d "$TMP_ROOT/s2.XXXXXX")
cp -R "$TESTS_DIR/scenarios/s2/." "$ws/"
rm -rf "$ws/out" "$ws/iss.db" "$ws/iss.db-wal" "$ws/iss.db-shm"
for w in 2026-03-23 2026-10-19; do
    run iss -C "$ws" plan --week "$w" --quiet
    expect_rc 0 "s2: plan the week of $w"
    run iss -C "$ws" publish --week "$w"
    expect_rc 0 "s2: publish the week of $w"
done
n=$($PY -c "import sqlite3; print(sqlite3.connect('$ws/iss.db').execute(\
\"select count(*) from sessions where date = '2026-03-29'\").fetchone()[0])")
check "[ $n -gt 0 ]" "s2: $n sessions on the clock-change Sunday 29 Mar 2026"
check_feeds "$ws" "s2" 2026-03-23 2026-10-19
check_plan_times "$ws" "s2"
if have khal; then
    offsets "s2" 2026-03-28 +00:00
    offsets "s2" 2026-03-29 +01:00
fi
snapshot "$ws" s2
sleep 1
run iss -C "$ws" publish --week 2026-03-23
run iss -C "$ws" publish --week 2026-10-19
same_files "$ws" s2 "s2: publishing again gives byte-identical feeds"

# ======== non-ASCII names, long enough to fold ========
ws=$(copy_examples)
$PY - "$ws" <<'EOF'
import glob, json, os, sys
ws = sys.argv[1]
t = json.load(open(os.path.join(ws, "team.json")))
for s in t["staff"]:
    if s["id"] == "S10":   # C01's key worker
        s["name"] = "Zoë-Åsa-Łucja-Ŝtefánia-Ðorothée-Þórunn-Ærin-Øydís-李小龍 Smith"
    if s["id"] == "S1":
        s["name"] = "Renée-Ōtsuka-Nguyễn-😀-Ĳssel O'Brien"
    if s["id"] == "S4":
        # A first name of 73 octets: "SUMMARY:Check-in with " folds after
        # "with ", leaving exactly 73 octets before the line break, the
        # length at which libical 3.0 folds inside the CRLF.
        s["name"] = "A" + "\u015d" * 36 + " Jones"
json.dump(t, open(os.path.join(ws, "team.json"), "w"), ensure_ascii=False, indent=2)
for f in glob.glob(os.path.join(ws, "cases", "*.json")):
    c = json.load(open(f))
    if c["id"] == "C02":
        c["feed_name"] = "Kaï, the; \\ “Ørjan” 🌟"
    json.dump(c, open(f, "w"), ensure_ascii=False, indent=2)
EOF
run iss -C "$ws" check
expect_rc 0 "the workspace with non-ASCII names is valid"
run iss -C "$ws" plan --week 2026-11-23 --quiet
expect_rc 0 "utf-8: plan"
run iss -C "$ws" publish --week 2026-11-23
expect_rc 0 "utf-8: publish"
check_feeds "$ws" "utf-8" 2026-11-23
check_plan_times "$ws" "utf-8"
long=$(cat "$ws"/out/feeds/*.ics | grep -c '^ ')
check "[ $long -gt 0 ]" "utf-8: some lines are folded ($long)"
utf8_tokens=$(awk '{ print $3 }' "$TMP_ROOT/feeds.list" | sed 's,.*/,,')
shared=$(printf '%s\n%s\n' "$ex_tokens" "$utf8_tokens" | sort | uniq -d)
check "[ -z '$shared' ]" "two workspaces share no token"

finish
