#!/bin/sh
# What iss writes and what it reads (issue 14): modes (umask 077), the
# store file (0 bytes, foreign, missing beside feeds), inputs that are not
# regular files, a read-only workspace, out/ that is a link or a file,
# files iss did not write.
set -u
. "$(dirname "$0")/lib.sh"

# The Friday before the example week, 12:00 UTC.
ISS_NOW=1795176000
ISS_TODAY=2026-11-20
export ISS_NOW ISS_TODAY
PY=/usr/bin/python3
WEEK=2026-11-23

sql() { $PY -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
[print('|'.join(str(x) for x in r)) for r in c.execute(sys.argv[2])]" "$@"; }
mode() { stat -c %a "$1"; }

# A published example week; prints the workspace.
published()
{
    w=$(copy_examples)
    "$ISS" -C "$w" plan --week $WEEK --quiet >/dev/null 2>&1 &&
        "$ISS" -C "$w" publish --week $WEEK >/dev/null 2>&1 ||
        echo "setup: plan and publish failed in $w" >&2
    printf '%s\n' "$w"
}

# ---- modes: umask 077 for everything iss writes ----
ws=$(copy_examples)
mkdir -m 755 "$ws/out"
run iss -C "$ws" plan --week $WEEK --quiet --write-lp "$ws/model.lp"
expect_rc 0 "plan in an existing 0755 out/"
check "[ \"\$(mode '$ws/out/plan-$WEEK.json')\" = 600 ]" "the plan file is 0600 in a 0755 out/"
check "[ \"\$(mode '$ws/model.lp')\" = 600 ]" "the --write-lp model is 0600"
chmod 644 "$ws/model.lp"
run iss -C "$ws" plan --week $WEEK --quiet --write-lp "$ws/model.lp"
check "[ \"\$(mode '$ws/model.lp')\" = 600 ]" "an LP file that was 0644 is made 0600"
run iss -C "$ws" publish --week $WEEK
expect_rc 0 "publish"
# A store made 0644 (a copy, a restore): a run killed after its commit
# leaves the WAL, which holds the tokens.
chmod 644 "$ws/iss.db"
rm -f "$ws/iss.db-wal" "$ws/iss.db-shm"
ISS_CRASH_AT=1 run iss -C "$ws" feeds --rotate C01
check "[ -e '$ws/iss.db-wal' ]" "a killed rotation leaves the WAL"
check "[ \"\$(mode '$ws/iss.db-wal')\" = 600 ] && [ \"\$(mode '$ws/iss.db-shm')\" = 600 ]" \
    "the WAL and shared-memory files are 0600 though iss.db was 0644"
check "[ \"\$(mode '$ws/iss.db')\" = 600 ]" "iss.db is made 0600 again"
check "[ -z \"\$(find '$ws/out' -type f ! -perm 600)\" ]" "every file under out/ is 0600"

# ---- the store file ----
ws=$(published)
before=$(tree_state "$ws/out")
cp "$ws/iss.db" "$TMP_ROOT/keep.db"
rm -f "$ws/iss.db-wal" "$ws/iss.db-shm"
: >"$ws/iss.db"
run iss -C "$ws" publish --week $WEEK
expect_rc 2 "a 0-byte iss.db beside published feeds is bad input"
expect_err 'iss.db: empty \(0 bytes\), not an iss store, but out/feeds holds [0-9]+ published feeds' \
    "says the store is empty and the feeds would break"
check "[ \"\$(tree_state '$ws/out')\" = \"\$before\" ]" "no feed file is touched"
check "[ ! -s '$ws/iss.db' ]" "the empty file is left as it is"
run iss -C "$ws" report --week $WEEK
expect_rc 2 "report on a 0-byte store"
expect_err 'empty \(0 bytes\), not an iss store' "report says so too"
rm -f "$ws/iss.db"
run iss -C "$ws" publish --week $WEEK
expect_rc 2 "a missing iss.db beside published feeds is bad input"
expect_err 'iss.db: missing, but out/feeds holds' "says the store is missing"
check "[ ! -e '$ws/iss.db' ] && [ \"\$(tree_state '$ws/out')\" = \"\$before\" ]" \
    "no store is made and no feed touched"
sqlite3 "$ws/iss.db" 'create table notes (a text)' 2>/dev/null ||
    $PY -c "import sqlite3; sqlite3.connect('$ws/iss.db').execute('create table notes (a text)')"
run iss -C "$ws" publish --week $WEEK
expect_rc 2 "an SQLite file iss did not make is bad input"
expect_err 'not an iss store \(an SQLite file with 1 tables' "says whose it is not"
printf 'not a database at all, but long enough to look like a header....\n' >"$ws/iss.db"
run iss -C "$ws" feeds
expect_rc 2 "a file that is not SQLite is bad input"
expect_err 'not an iss store \(not an SQLite database\)' "says so"
check "[ \"\$(tree_state '$ws/out')\" = \"\$before\" ]" "still no feed file touched"
cp "$TMP_ROOT/keep.db" "$ws/iss.db"
run iss -C "$ws" publish --week $WEEK
expect_rc 0 "the store put back publishes again"

# ---- out/ that is a link or a file; files iss did not write ----
ws=$(published)
other=$TMP_ROOT/other
mkdir -m 755 "$other"
echo keep >"$other/notes.ics"
echo keep >"$other/report.tmpABC123"
mv "$ws/out" "$TMP_ROOT/real-out"
ln -s "$other" "$ws/out"
before=$(tree_state "$other")
run iss -C "$ws" publish --week $WEEK
expect_rc 2 "out/ as a symbolic link is bad input"
expect_err 'out: a symbolic link; iss writes only into a real folder' "says so"
check "[ \"\$(tree_state '$other')\" = \"\$before\" ] && [ \"\$(mode '$other')\" = 755 ]" \
    "the folder it points to is not touched (files, mode)"
run iss -C "$ws" plan --week $WEEK --quiet
expect_rc 2 "plan refuses it too"
run iss -C "$ws" feeds --rotate C01
expect_rc 2 "and a rotation, before the store changes"
check "[ \"\$(sql '$ws/iss.db' \"select count(*) from history where event='feed rotated'\")\" = 0 ]" \
    "no rotation is stored"
rm "$ws/out"
mv "$TMP_ROOT/real-out" "$ws/out"
# out/feeds as a link, then as a file
mv "$ws/out/feeds" "$TMP_ROOT/real-feeds"
ln -s "$other" "$ws/out/feeds"
run iss -C "$ws" publish --week $WEEK
expect_rc 2 "out/feeds as a symbolic link is bad input"
expect_err 'out/feeds: a symbolic link' "says so"
rm "$ws/out/feeds"
echo 'a file' >"$ws/out/feeds"
chmod 640 "$ws/out/feeds"
run iss -C "$ws" publish --week $WEEK
expect_rc 2 "out/feeds as a regular file is bad input"
expect_err 'out/feeds: not a folder' "says it is not a folder"
expect_no_out '[0-9a-f]{40}' "no token is printed"
check "! grep -Eq '[0-9a-f]{40}' '$ERR'" "no token in the message"
check "[ \"\$(mode '$ws/out/feeds')\" = 640 ]" "the file keeps its mode"
rm "$ws/out/feeds"
mv "$TMP_ROOT/real-feeds" "$ws/out/feeds"
mv "$ws/out" "$TMP_ROOT/real-out"
echo 'a file' >"$ws/out"
run iss -C "$ws" publish --week $WEEK
expect_rc 2 "out as a regular file is bad input"
expect_err '/out: not a folder' "says so (not 'no plan for the week')"
rm "$ws/out"
mv "$TMP_ROOT/real-out" "$ws/out"
# Files someone else put in out/feeds stay; iss's own leftovers go.
tok=$(sql "$ws/iss.db" "select token from feeds where owner_kind='case' and owner_id='C01'")
echo mine >"$ws/out/feeds/notes.ics"
echo mine >"$ws/out/feeds/0123456789abcdef0123456789abcdef01234567.ics"
echo mine >"$ws/out/feeds/notes.ics.tmpAbC123"
echo half >"$ws/out/feeds/$tok.ics.tmpXyZ789"
echo half >"$ws/out/plan-$WEEK.json.tmpQwE456"
run iss -C "$ws" publish --week $WEEK
expect_rc 0 "publish with other files in out/feeds"
run iss -C "$ws" feeds --rotate C01
expect_rc 0 "rotate with other files in out/feeds"
check "[ -e '$ws/out/feeds/notes.ics' ] && [ -e '$ws/out/feeds/0123456789abcdef0123456789abcdef01234567.ics' ] && [ -e '$ws/out/feeds/notes.ics.tmpAbC123' ]" \
    "files iss did not write are left alone"
check "[ ! -e '$ws/out/feeds/$tok.ics' ]" "the rotated-away file (iss's) is removed"
check "[ ! -e '$ws/out/feeds/$tok.ics.tmpXyZ789' ] && [ ! -e '$ws/out/plan-$WEEK.json.tmpQwE456' ]" \
    "temporary files of iss's own names are removed"
check "[ \"\$(sql '$ws/iss.db' \"select count(*) from files where name = 'feeds/$tok.ics'\")\" = 0 ]" \
    "the store forgets the removed file"

# ---- inputs that are not regular files ----
ws=$(copy_examples)
mv "$ws/team.json" "$ws/team.real"
mkfifo "$ws/team.json"
RC=0
timeout 60 "$ISS" -C "$ws" check >"$OUT" 2>"$ERR" || RC=$?
expect_rc 2 "team.json as a FIFO: bad input, not a hang"
expect_err 'team.json: not a regular file \(a FIFO, device or socket\)' "says what it is"
rm "$ws/team.json"
ln -s /dev/zero "$ws/team.json"
RC=0
timeout 60 "$ISS" -C "$ws" check >"$OUT" 2>"$ERR" || RC=$?
expect_rc 2 "team.json as a device: bad input"
expect_err 'team.json: not a regular file' "says so"
rm "$ws/team.json"
mv "$ws/team.real" "$ws/team.json"

# ---- a read-only workspace: the reading commands work ----
# As root, permissions do not bind: the reading commands run as nobody
# (setpriv). Under a wrapper (valgrind's writes its log where nobody may
# not), that part is skipped.
if [ "$(id -u)" = 0 ] && [ "$(head -c 4 "$ISS" | od -An -c | tr -d ' ')" != '177ELF' ]; then
    echo "SKIP: read-only workspace ($ISS is a wrapper, not run as nobody)"
else
ws=$(published)
chmod -R a+rX "$ws"
chmod 644 "$ws/iss.db"
rm -f "$ws/iss.db-wal" "$ws/iss.db-shm"
if [ "$(id -u)" = 0 ]; then
    AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
    chmod a+x "$TMP_ROOT"
else
    AS=
    chmod -R a-w "$ws"
fi
RC=0
$AS "$ISS" -C "$ws" report --week $WEEK >"$OUT" 2>"$ERR" || RC=$?
expect_rc 0 "report in a workspace it may not write"
expect_out 'report for Mon 23 Nov 2026' "prints the report"
RC=0
$AS "$ISS" -C "$ws" feeds >"$OUT" 2>"$ERR" || RC=$?
expect_rc 0 "feeds in a read-only workspace"
expect_out '^case +C01' "lists the feeds"
RC=0
$AS "$ISS" -C "$ws" publish --week $WEEK >"$OUT" 2>"$ERR" || RC=$?
check "[ $RC -ne 0 ]" "publish in a read-only workspace fails"
[ -z "$AS" ] && chmod -R u+w "$ws"
fi

# ---- clearer messages ----
ws=$(copy_examples)
run iss -C "$ws" plan --week 9999-12-31
expect_rc 2 "a week past the supported dates"
expect_err '"9999-12-31" is outside the dates iss supports: 1900-01-01 to 2199-12-31' \
    "says the supported range, not 'not a date'"
run iss -C "$ws" plan --week 2026-02-30
expect_err 'is not a date' "an impossible date is still 'not a date'"
ws=$(published)
# Another program holds the store (an sqlite3 shell with a transaction
# open): iss waits its 10 s, then says so.
$PY - "$ws/iss.db" "$TMP_ROOT/held" "$TMP_ROOT/release" <<'EOF' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("begin immediate")
open(sys.argv[2], "w").close()
for _ in range(1200):
    if os.path.exists(sys.argv[3]):
        break
    time.sleep(0.05)
c.execute("rollback")
EOF
HPID=$!
i=0
while [ ! -e "$TMP_ROOT/held" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
run iss -C "$ws" feeds --rotate C01
touch "$TMP_ROOT/release"
wait $HPID
expect_rc 1 "a store held by another program fails"
expect_err 'iss.db: busy: another program \(an sqlite3 shell' "and says another program holds it"

finish
