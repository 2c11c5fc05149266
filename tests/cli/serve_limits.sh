#!/bin/sh
# iss serve's limits (issue 14): the feeds folder checked at start; the
# X-Real-IP header believed only from --trust-proxy; a lock-out that other
# addresses cannot flush; IPv6 guesses limited per /64 and per /48; slow
# clients cut off at the header deadline and held to a share of the
# connections, so that everyone else is served.
set -u
. "$(dirname "$0")/lib.sh"

ISS_NOW=1795176000          # Friday 20 Nov 2026, 12:00 UTC
ISS_TODAY=2026-11-20
export ISS_NOW ISS_TODAY
L="/usr/bin/python3 $TESTS_DIR/serve/limits.py"
WEEK=2026-11-23
SERVE_STOP_SIGNAL=TERM
. "$TESTS_DIR/cli/serve_lib.sh"

# start WS [ARGS...]: iss serve on a free port; sets SPID and PORT.
start()
{
    st_ws=$1
    shift
    start_server "$st_ws" "$TMP_ROOT/serve.log" --listen 127.0.0.1:0 "$@"
}

# ---- the feeds folder is checked before "listening" ----
ws=$(copy_examples)
run iss -C "$ws" serve --listen 127.0.0.1:0
expect_rc 1 "serve with nothing published exits 1"
expect_err 'out/feeds: No such file or directory; publish a week first' "and says why"
expect_no_out 'listening' "and never says it is listening"
check "! grep -q listening '$ERR'" "not even on stderr"
"$ISS" -C "$ws" plan --week $WEEK --quiet >/dev/null 2>&1
"$ISS" -C "$ws" publish --week $WEEK >/dev/null 2>&1
if [ "$(id -u)" = 0 ] && [ "$(head -c 4 "$ISS" | od -An -c | tr -d ' ')" != '177ELF' ]; then
    echo "SKIP: serve as nobody ($ISS is a wrapper, not run as nobody)"
else
    if [ "$(id -u)" = 0 ]; then
        chmod a+x "$TMP_ROOT" "$ws"
        RC=0
        setpriv --reuid=65534 --regid=65534 --clear-groups "$ISS" -C "$ws" \
            serve --listen 127.0.0.1:0 >"$OUT" 2>"$ERR" || RC=$?
    else
        chmod 000 "$ws/out/feeds"
        run iss -C "$ws" serve --listen 127.0.0.1:0
        chmod 700 "$ws/out/feeds"
    fi
    expect_rc 1 "serve that cannot read out/feeds exits 1"
    expect_err 'out/feeds: cannot read: Permission denied' "and says why"
fi
run iss -C "$ws" serve --trust-proxy not-an-address
expect_rc 2 "--trust-proxy needs an address"
run iss -C "$ws" serve --header-timeout 0
expect_rc 2 "--header-timeout 0 is bad input"

tok=$(sql "$ws/iss.db" "select token from feeds where owner_kind='case' and owner_id='C01'")
url=/feeds/$tok.ics
wrong=/feeds/0000000000000000000000000000000000000bad.ics

# ---- without --trust-proxy, X-Real-IP is not believed ----
start "$ws" || fail "serve starts" "$(cat "$TMP_ROOT/serve.log")"
got=$($L guesses "$PORT" "$wrong" 21 "X-Real-IP: 198.51.100.{i}")
check "[ \"\${got##* }\" = 429 ]" \
    "21 guesses from 127.0.0.1 naming 21 X-Real-IP addresses lock 127.0.0.1 out ($got)"
check "[ \"\$($L status $PORT $url 'X-Real-IP: 198.51.100.77')\" = 429 ]" \
    "and a new X-Real-IP does not get it back in"
stop_server

# ---- behind a trusted proxy: a lock-out cannot be flushed ----
start "$ws" --trust-proxy 127.0.0.1 || fail "serve --trust-proxy starts" "$(cat "$TMP_ROOT/serve.log")"
got=$($L guesses "$PORT" "$wrong" 21 "X-Real-IP: 203.0.113.9")
check "[ \"\${got##* }\" = 429 ]" "21 guesses lock 203.0.113.9 out"
got=$($L guesses "$PORT" "$wrong" 4200 "X-Real-IP: 10.{a}.{b}.1")
n404=$(printf '%s\n' "$got" | tr ' ' '\n' | grep -c '^404$')
check "[ $n404 -eq 4200 ]" "4200 other addresses each miss once ($n404 404s)"
check "[ \"\$($L status $PORT $url 'X-Real-IP: 203.0.113.9')\" = 429 ]" \
    "203.0.113.9 is still locked out (not forgotten to make room)"
check "[ \"\$($L status $PORT $url 'X-Real-IP: 203.0.113.10')\" = 200 ]" \
    "another client is served"

# ---- IPv6: per /64, and per /48 ----
got=$($L guesses "$PORT" "$wrong" 100 "X-Real-IP: 2001:db8:7:{i}::1")
check "printf '%s' '$got' | grep -q 429" \
    "100 guesses, each from another /64 of one /48, are limited"
check "[ \"\$($L status $PORT $url 'X-Real-IP: 2001:db8:7:ffff::1')\" = 429 ]" \
    "the whole /48 is locked out then"
check "[ \"\$($L status $PORT $url 'X-Real-IP: 2001:db8:8::1')\" = 200 ]" \
    "another /48 is served"
got=$($L guesses "$PORT" "$wrong" 21 "X-Real-IP: 2001:db8:9:1::{i}")
check "[ \"\${got##* }\" = 429 ]" "21 guesses from one /64 lock it out"
check "[ \"\$($L status $PORT $url 'X-Real-IP: 2001:db8:9:2::1')\" = 200 ]" \
    "but not its neighbour /64"
stop_server

# ---- slow clients ----
start "$ws" --header-timeout 3 || fail "serve --header-timeout 3 starts" "$(cat "$TMP_ROOT/serve.log")"
got=$($L trickle "$PORT" "$url")
check "printf '%s' '$got' | grep -q '^cut after'" \
    "a client sending a byte every 0.5 s is cut off before its request is whole ($got)"
stop_server
start "$ws" || fail "serve starts" "$(cat "$TMP_ROOT/serve.log")"
rm -f "$TMP_ROOT/ready" "$TMP_ROOT/go"
$L crowd "$PORT" "$url" 60 127.0.0.2 127.0.0.3 127.0.0.4 127.0.0.5 127.0.0.6 \
    127.0.0.7 127.0.0.8 127.0.0.9 127.0.0.10 -- "$TMP_ROOT/ready" "$TMP_ROOT/go" \
    >"$TMP_ROOT/crowd.out" 2>&1 &
CPID=$!
i=0
while [ ! -s "$TMP_ROOT/crowd.out" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
touch "$TMP_ROOT/go"
wait $CPID
check "[ \"\$(head -n 1 '$TMP_ROOT/crowd.out')\" = 200 ]" \
    "540 slow connections from 9 addresses leave room: another client gets 200 ($(head -n 1 "$TMP_ROOT/crowd.out"))"
check "alive $SPID" "and the server is still up"
stop_server

finish
