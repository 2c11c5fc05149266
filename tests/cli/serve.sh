#!/bin/sh
# iss serve (docs/serve.md): a server on a free loopback port over a
# published copy of the example workspace, asked with raw HTTP requests
# (tests/serve/http_client.py) so that the exact bytes are checked.
set -u
. "$(dirname "$0")/lib.sh"

# Nothing of the weeks is in the past.
ISS_TODAY=2026-01-01
export ISS_TODAY
HTTP="/usr/bin/python3 $TESTS_DIR/serve/http_client.py"
LOG=$TMP_ROOT/serve.log
. "$TESTS_DIR/cli/serve_lib.sh"

# stop_term: SIGTERM, then wait (at most 20 s, polling) for the exit.
# Sets RC to the exit status (or 999 if it had to be killed).
stop_term()
{
    kill -TERM "$SPID"
    i=0
    while alive "$SPID" && [ $i -lt 200 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    if alive "$SPID"; then
        stop_server
        RC=999
    else
        RC=0
        wait "$SPID" || RC=$?
        SPID=
    fi
}

# req NAME METHOD PATH [HEADER...]: one request; R is the answer's prefix
# (R.status, R.head without Date, R.body).
req()
{
    R=$TMP_ROOT/r-$1
    r_method=$2
    r_path=$3
    shift 3
    $HTTP req "$PORT" "$r_method" "$r_path" "$R" "$@" 2>"$ERR" ||
        printf '0\n' >"$R.status"
}

status_is() { [ "$(cat "$R.status")" = "$1" ]; }
header() { sed -n "s/^$1: //p" "$R.head"; }

# ---- a published workspace ----
ws=$(copy_examples)
run iss -C "$ws" plan --week 2026-11-23 --quiet
expect_rc 0 "plan the example week"
run iss -C "$ws" publish --week 2026-11-23
expect_rc 0 "publish it"
FEEDS=$ws/out/feeds
tok=$(sql "$ws/iss.db" "select token from feeds where owner_kind='case' and owner_id='C02'")
stok=$(sql "$ws/iss.db" "select token from feeds where owner_kind='staff' order by owner_id limit 1")
file=$FEEDS/$tok.ics
size=$(wc -c <"$file")
check "[ -s '$file' ] && [ -s '$FEEDS/$stok.ics' ]" "the child's and a staff feed exist"

# ---- the default address is loopback ----
# Port 8080 may be taken by something else on this machine: then the
# refusal names the address tried.
if start_server "$ws" "$TMP_ROOT/default.log"; then
    check "[ \"\$($HTTP listening $SPID)\" = 127.0.0.1:8080 ]" \
        "without --listen, the only socket it listens on is 127.0.0.1:8080"
    check "grep -q '^iss serve: listening on http://127\.0\.0\.1:8080/feeds/ ' '$TMP_ROOT/default.log'" \
        "and says so"
    stop_term
else
    check "grep -q 'cannot listen on 127\.0\.0\.1:8080' '$TMP_ROOT/default.log'" \
        "without --listen it tries 127.0.0.1:8080 only (taken here)"
fi

# ---- the server under test ----
if ! start_server "$ws" "$LOG" --listen 127.0.0.1:0 --trust-proxy 127.0.0.1; then
    fail "iss serve --listen 127.0.0.1:0 starts" "$(cat "$LOG")"
    finish
    exit 1
fi
check "[ \"\$($HTTP listening $SPID)\" = 127.0.0.1:$PORT ]" \
    "it listens on the loopback port it printed ($PORT) and nothing else"
url=/feeds/$tok.ics

# ---- GET, HEAD ----
req get GET "$url"
check "status_is 200" "GET a child's feed: 200"
check "cmp -s '$R.body' '$file'" "the body is the feed file, byte for byte"
check "[ \"\$(header Content-Type)\" = 'text/calendar; charset=utf-8' ]" \
    "Content-Type: text/calendar; charset=utf-8"
check "[ \"\$(header Content-Length)\" = $size ]" "Content-Length is the file's size"
etag=$(header ETag)
lm=$(header Last-Modified)
check "printf '%s' '$etag' | grep -Eq '^\"[^\"]+\"\$'" "a strong ETag ($etag)"
want_lm=$($PY -c "import email.utils,os,sys; \
print(email.utils.formatdate(os.stat(sys.argv[1]).st_mtime, usegmt=True))" "$file")
check "[ '$lm' = '$want_lm' ]" "Last-Modified is the file's mtime ($lm)"
cp "$R.head" "$TMP_ROOT/get.head"
req head HEAD "$url"
check "status_is 200 && [ ! -s '$R.body' ]" "HEAD: 200 and no body"
check "cmp -s '$R.head' '$TMP_ROOT/get.head'" "HEAD has the GET's headers, Content-Length too"
req staff GET "/feeds/$stok.ics"
check "status_is 200 && cmp -s '$R.body' '$FEEDS/$stok.ics'" "GET a staff feed: its file"
# The address iss feeds prints is the one served.
run iss -C "$ws" feeds --base-url "http://127.0.0.1:$PORT"
printed=$(sed -n "/^case  *C02 /{n;s|^ *http://127\.0\.0\.1:$PORT||p;}" "$OUT")
check "[ '$printed' = '$url' ]" "iss feeds --base-url prints the address served"

# ---- conditional requests ----
req inm GET "$url" "If-None-Match: $etag"
check "status_is 304 && [ ! -s '$R.body' ]" "If-None-Match with the ETag: 304, no body"
check "[ \"\$(header ETag)\" = '$etag' ]" "the 304 repeats the ETag"
cl=$(header Content-Length)
check "[ -z '$cl' ] || [ '$cl' = $size ]" \
    "a 304's Content-Length is absent or the 200's (RFC 9110 8.6), not 0 ($cl)"
req inm2 GET "$url" 'If-None-Match: "0123456789abcdef-1"'
check "status_is 200 && cmp -s '$R.body' '$file'" "another ETag: 200 and the file"
req ims GET "$url" "If-Modified-Since: $lm"
check "status_is 304 && [ ! -s '$R.body' ]" "If-Modified-Since the Last-Modified: 304"
earlier=$($PY -c "import email.utils,os,sys; \
print(email.utils.formatdate(os.stat(sys.argv[1]).st_mtime - 86400, usegmt=True))" "$file")
req ims2 GET "$url" "If-Modified-Since: $earlier"
check "status_is 200 && cmp -s '$R.body' '$file'" "If-Modified-Since a day earlier: 200"
req both GET "$url" 'If-None-Match: "0123456789abcdef-1"' "If-Modified-Since: $lm"
check "status_is 200" "If-None-Match decides when both are sent (RFC 9110 13.1.3)"
req head304 HEAD "$url" "If-None-Match: $etag"
check "status_is 304" "HEAD with the ETag: 304"

# ---- 404: the same for every path that is not a feed ----
wrong=$($PY -c "import sys; t=sys.argv[1]; print(t[:-1] + ('0' if t[-1] != '0' else '1'))" "$tok")
upper=$(printf '%s' "$tok" | tr a-f A-F)
nonhex=g$(printf '%s' "$tok" | cut -c2-)
check "[ ! -e '$FEEDS/$wrong.ics' ] && [ '$upper' != '$tok' ]" "the wrong token is not a feed"
# A symbolic link and a folder in the feeds folder named like feeds.
link=0000000000000000000000000000000000000001
dirtok=0000000000000000000000000000000000000002
ln -s ../../team.json "$FEEDS/$link.ics"
mkdir "$FEEDS/$dirtok.ics"
n=0
while IFS='|' read -r what path; do
    n=$((n + 1))
    # each from its own address, so that none is refused for the guesses
    req "p$n" GET "$path" "X-Real-IP: 198.51.100.$n"
    check "status_is 404" "404 for $what"
    if [ $n -eq 1 ]; then
        cp "$R.head" "$TMP_ROOT/404.head"
        cp "$R.body" "$TMP_ROOT/404.body"
        check "grep -q '^Content-Type: text/plain' '$R.head' && ! grep -q BEGIN '$R.body'" \
            "the 404 is a short text"
    else
        check "cmp -s '$R.head' '$TMP_ROOT/404.head' && cmp -s '$R.body' '$TMP_ROOT/404.body'" \
            "the 404 for $what is byte for byte the wrong token's (but Date)"
    fi
done <<EOF
a wrong token of the right length|/feeds/$wrong.ics
a token one digit short|/feeds/$(printf '%s' "$tok" | cut -c2-).ics
a token one digit long|/feeds/${tok}0.ics
a token with a letter not hex|/feeds/$nonhex.ics
the right token in capitals|/feeds/$upper.ics
the token without .ics|/feeds/$tok
the token and a slash|/feeds/$tok.ics/
/feeds/|/feeds/
/feeds|/feeds
/|/
/feeds/../iss.db|/feeds/../iss.db
percent-encoded ../|/feeds/%2e%2e/iss.db
percent-encoded slashes|/feeds/..%2f..%2fteam.json
percent-encoded, in capitals|/feeds/%2E%2E%2F%2E%2E%2Fiss.db
the feeds folder on disk|/out/feeds/
the feed's path on disk|/out/feeds/$tok.ics
a file outside the feeds|/team.json
the store|/iss.db
a link in the feeds folder to a file outside|/feeds/$link.ics
a folder named like a feed|/feeds/$dirtok.ics
an absolute URL with a wrong token|http://127.0.0.1/feeds/$wrong.ics
EOF
rm -f "$FEEDS/$link.ics"
rmdir "$FEEDS/$dirtok.ics"
n_404=$n

# ---- 405 ----
cp "$file" "$TMP_ROOT/before-405.ics"
for m in POST PUT DELETE PATCH OPTIONS "$tok"; do
    req m405 "$m" "$url"
    check "status_is 405 && [ \"\$(header Allow)\" = 'GET, HEAD' ] && ! grep -q VCALENDAR '$R.body'" \
        "$(printf '%.8s' "$m"): 405 with Allow: GET, HEAD and not the feed"
done
check "cmp -s '$file' '$TMP_ROOT/before-405.ics'" "and the feed is unchanged"

# ---- rate limit: 20 failed guesses, then 429 for everything ----
expected="404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 429"
got=$($HTTP statuses "$PORT" GET "/feeds/$wrong.ics" 21 "X-Real-IP: 203.0.113.9")
check "[ '$got' = '$expected' ]" "20 wrong guesses get 404, the 21st 429 ($got)"
req rl GET "$url" "X-Real-IP: 203.0.113.9"
check "status_is 429 && [ -n \"\$(header Retry-After)\" ] && ! grep -q VCALENDAR '$R.body'" \
    "then the right token from that address gets 429 too (no yes/no oracle)"
req rl2 GET "$url" "X-Real-IP: 203.0.113.10"
check "status_is 200 && cmp -s '$R.body' '$file'" "another client behind the proxy is served"
req rl3 GET "$url"
check "status_is 200" "and so is the proxy's own address"
got=$($HTTP statuses "$PORT" GET "/" 21 "X-Real-IP: 203.0.113.20")
check "[ \"\${got##* }\" = 429 ] && [ \"\${got%429}\" = \"\${expected%429}\" ]" \
    "malformed paths count as guesses the same way ($got)"
got=$($HTTP statuses "$PORT" GET "/feeds/$wrong.ics" 21 "X-Real-IP: 2001:db8:1:2::1")
req rl6 GET "$url" "X-Real-IP: 2001:db8:1:2::ffff"
check "status_is 429" "IPv6: 21 guesses from one address lock its /64 out"
req rl7 GET "$url" "X-Real-IP: 2001:db8:1:3::1"
check "status_is 200" "but not the next /64"

# ---- publishing while a client hammers the feed ----
run iss -C "$ws" plan --week 2026-11-30 --case C02 --quiet
expect_rc 0 "plan C02's next week"
cp "$file" "$TMP_ROOT/old.ics"
mkdir "$TMP_ROOT/seen"
$HTTP hammer "$PORT" "$url" "$TMP_ROOT/stop" "$TMP_ROOT/seen" \
    "X-Real-IP: 192.0.2.50" >"$TMP_ROOT/hammer.out" 2>&1 &
HPID=$!
i=0
while [ -z "$(ls "$TMP_ROOT/seen")" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
run iss -C "$ws" publish --week 2026-11-30
expect_rc 0 "publish the next week while the feed is being fetched"
req after GET "$url"
check "status_is 200 && cmp -s '$R.body' '$file' && ! cmp -s '$file' '$TMP_ROOT/old.ics'" \
    "the request right after iss publish gets the new file, no restart"
touch "$TMP_ROOT/stop"
wait "$HPID"
h=$(cat "$TMP_ROOT/hammer.out")
check "printf '%s' '$h' | grep -Eq '^total [1-9][0-9]* complete [1-9][0-9]* none 0 short 0 bad 0\$'" \
    "the hammering client got only complete calendars ($h)"
odd=0
newseen=0
for f in "$TMP_ROOT"/seen/*; do
    if cmp -s "$f" "$file"; then newseen=1
    elif ! cmp -s "$f" "$TMP_ROOT/old.ics"; then odd=$((odd + 1)); fi
done
check "[ $odd -eq 0 ] && [ $newseen -eq 1 ]" \
    "each was the old file or the new one, and it saw the new one"

# ---- a new token is served at once, the old one is gone ----
run iss -C "$ws" feeds --rotate C02
expect_rc 0 "rotate C02's feed"
new=$(sql "$ws/iss.db" "select token from feeds where owner_kind='case' and owner_id='C02'")
req rot1 GET "/feeds/$new.ics"
check "status_is 200 && cmp -s '$R.body' '$FEEDS/$new.ics'" "the new address is served at once"
req rot2 GET "$url" "X-Real-IP: 198.51.100.200"
check "status_is 404 && cmp -s '$R.head' '$TMP_ROOT/404.head'" \
    "the old one gets the same 404 as any wrong token"

# ---- the access log ----
check "grep -Eq ' 127\.0\.0\.1 GET /feeds/\[token\] 200 $size\$' '$LOG'" \
    "the log has the GET (address, method, path without the token, status, bytes)"
check "grep -Eq ' 127\.0\.0\.1 HEAD /feeds/\[token\] 200 0\$' '$LOG'" "the HEAD"
check "grep -Eq ' GET /feeds/\[token\] 304 0\$' '$LOG'" "the 304s"
check "grep -Eq ' 203\.0\.113\.9 GET /feeds/\[token\] 429 ' '$LOG'" \
    "the 429s, with the client's address from the proxy"
check "grep -Eq ' POST /feeds/\[token\] 405 ' '$LOG'" "the 405s"
check "grep -Eq ' 198\.51\.100\.[0-9]+ GET /team\.json 404 ' '$LOG'" "paths outside the feeds"
check "[ \$(grep -Ec ' 198\.51\.100\.[0-9]+ [A-Z]+ [^ ]+ 404 ' '$LOG') -eq $((n_404 + 1)) ]" \
    "one line for each 404 probe"
leaks=0
for t in $(ls "$FEEDS" | sed 's/\.ics$//') "$tok" "$wrong" "$nonhex"; do
    grep -qiF "$(printf '%s' "$t" | cut -c1-12)" "$LOG" && leaks=$((leaks + 1))
    grep -qiF "$(printf '%s' "$t" | cut -c29-40)" "$LOG" && leaks=$((leaks + 1))
done
check "[ $leaks -eq 0 ]" "no token, right or wrong, nor a piece of one, is in the log"
check "! grep -v '^iss serve: ' '$LOG' | grep -Eq '[0-9a-fA-F]{8}'" \
    "no run of 8 hex digits anywhere in the request lines"

# ---- SIGTERM with a request under way and a client hammering ----
$HTTP midflight "$PORT" "/feeds/$new.ics" "$TMP_ROOT/ready" "$TMP_ROOT/go" \
    "$FEEDS/$new.ics" >"$TMP_ROOT/mid.out" 2>&1 &
MPID=$!
mkdir "$TMP_ROOT/seen2"
$HTTP hammer "$PORT" "/feeds/$new.ics" "$TMP_ROOT/stop2" "$TMP_ROOT/seen2" \
    >"$TMP_ROOT/hammer2.out" 2>&1 &
HPID=$!
i=0
while { [ ! -e "$TMP_ROOT/ready" ] || [ -z "$(ls "$TMP_ROOT/seen2")" ]; } &&
    [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
SAVED=$SPID
stop_term
touch "$TMP_ROOT/go" "$TMP_ROOT/stop2"
wait "$MPID"
wait "$HPID"
check "[ $RC -eq 0 ]" "SIGTERM: iss serve exits 0 (status $RC)"
check "grep -q '^iss serve: stopped (SIGTERM)\$' '$LOG'" "and says it stopped"
mid=$(cat "$TMP_ROOT/mid.out")
check "[ '$mid' = complete ] || [ '$mid' = closed ]" \
    "the request under way got the whole feed or no answer ($mid)"
h=$(cat "$TMP_ROOT/hammer2.out")
check "printf '%s' '$h' | grep -Eq '^total [1-9][0-9]* complete [1-9][0-9]* none [0-9]+ short 0 bad 0\$'" \
    "the hammering client got whole calendars, then no answer ($h)"
check "! grep -Eq 'Sanitizer|runtime error' '$LOG'" "no sanitizer report"
check "! alive $SAVED" "the process is gone"

# ---- bad options ----
run iss -C "$ws" serve --listen 127.0.0.1
expect_rc 2 "--listen without a port is bad input"
expect_err 'listen' "and says what is wrong"
run iss -C "$ws" serve --threads 0
expect_rc 2 "--threads 0 is bad input"

finish
