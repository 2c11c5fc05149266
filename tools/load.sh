#!/bin/sh
# make check-load: a load test of iss serve on loopback. Publishes the
# example workspace's week of 2026-11-23 in a temporary folder, starts
# iss serve --listen 127.0.0.1:0, and runs wrk (Debian's wrk) against the
# children's and staff's feeds in turn for LOAD_SECONDS (default 10; the
# whole run stays under 30 s): LOAD_THREADS wrk threads (2), LOAD_CONNS
# connections (50), iss serve --threads LOAD_SERVER_THREADS (2).
# Fails (exit 1) on any socket error, any answer other than 200, any
# request the access log does not show as a 200 of the feed's size, or if
# the server does not stop cleanly on SIGTERM. Prints requests/s and the
# latency percentiles (p50, p90, p99).
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
iss=${ISS:-$here/iss}
seconds=${LOAD_SECONDS:-10}
threads=${LOAD_THREADS:-2}
conns=${LOAD_CONNS:-50}
sthreads=${LOAD_SERVER_THREADS:-2}
case $seconds in
[1-9] | 1[0-9] | 20) ;;
*) echo "load: LOAD_SECONDS must be 1 to 20 (the run stays under 30 s)" >&2
   exit 2 ;;
esac
if ! command -v wrk >/dev/null 2>&1; then
    echo "load: wrk is not installed (as root: apt-get install wrk)" >&2
    exit 2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/iss-load.XXXXXX")
spid=
cleanup()
{
    if [ -n "$spid" ]; then kill -KILL "$spid" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ws=$tmp/ws
mkdir "$ws"
cp -R "$here/examples/." "$ws/"
rm -rf "$ws/out" "$ws/iss.db" "$ws/iss.db-wal" "$ws/iss.db-shm"
export ISS_TODAY=2026-01-01
"$iss" -C "$ws" plan --week 2026-11-23 --time-limit 5 --quiet
"$iss" -C "$ws" publish --week 2026-11-23 >/dev/null

log=$tmp/serve.log
: >"$log"
"$iss" -C "$ws" serve --listen 127.0.0.1:0 --threads "$sthreads" 2>"$log" &
spid=$!
port=
i=0
while [ $i -lt 100 ]; do
    port=$(sed -n 's|^iss serve: listening on http://127\.0\.0\.1:\([0-9][0-9]*\)/feeds/ .*|\1|p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
    i=$((i + 1))
done
if [ -z "$port" ]; then
    echo "load: iss serve did not start:" >&2
    cat "$log" >&2
    exit 1
fi

# Every feed in turn (wrk's Lua request hook); the tokens stay in $tmp.
n_feeds=0
{
    printf 'paths = {'
    for f in "$ws"/out/feeds/*.ics; do
        printf '"/feeds/%s",' "$(basename "$f")"
        n_feeds=$((n_feeds + 1))
    done
    printf '}\ni = 0\nrequest = function()\n'
    printf '  i = i %% #paths + 1\n  return wrk.format("GET", paths[i])\nend\n'
} >"$tmp/feeds.lua"

timeout $((seconds + 10)) wrk --threads "$threads" --connections "$conns" \
    --duration "${seconds}s" --timeout 5s --latency --script "$tmp/feeds.lua" \
    "http://127.0.0.1:$port" >"$tmp/wrk.out" 2>&1 || {
    echo "load: wrk failed:" >&2
    cat "$tmp/wrk.out" >&2
    exit 1
}

kill -TERM "$spid"
rc=0
wait "$spid" || rc=$?
spid=

requests=$(sed -n 's/^ *\([0-9][0-9]*\) requests in .*/\1/p' "$tmp/wrk.out")
rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$tmp/wrk.out")
p50=$(awk '$1 == "50%" {print $2}' "$tmp/wrk.out")
p90=$(awk '$1 == "90%" {print $2}' "$tmp/wrk.out")
p99=$(awk '$1 == "99%" {print $2}' "$tmp/wrk.out")
# wrk prints these two lines only when there are any.
sock=$(sed -n 's/^ *Socket errors: *//p' "$tmp/wrk.out")
non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$tmp/wrk.out")
# The server's view: a 200 of the file's size for every request.
served=$(grep -c ' 127\.0\.0\.1 GET /feeds/\[token\] 200 [0-9]*$' "$log" || true)
other=$(grep -v '^iss serve: ' "$log" | grep -vc ' GET /feeds/\[token\] 200 [0-9]*$' || true)
sizes_ok=1
for f in "$ws"/out/feeds/*.ics; do
    sz=$(wc -c <"$f")
    grep -q " 200 $sz\$" "$log" || sizes_ok=0
done

printf 'load: wrk -t%s -c%s -d%ss over %s feeds; iss serve --threads %s\n' \
    "$threads" "$conns" "$seconds" "$n_feeds" "$sthreads"
printf 'load: machine: %s cores, %s\n' "$(nproc)" \
    "$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
printf 'load: %s requests, %s requests/s; latency p50 %s, p90 %s, p99 %s\n' \
    "${requests:-?}" "${rps:-?}" "${p50:-?}" "${p90:-?}" "${p99:-?}"
printf 'load: errors: socket %s; non-2xx %s; access log: %s 200s, %s other lines\n' \
    "${sock:-none}" "${non2xx:-0}" "$served" "$other"

ok=1
[ -n "$requests" ] && [ "$requests" -gt 0 ] || { echo "load: FAIL: no requests counted" >&2; ok=0; }
[ -z "$sock" ] || { echo "load: FAIL: socket errors: $sock" >&2; ok=0; }
[ -z "$non2xx" ] || { echo "load: FAIL: $non2xx answers were not 2xx" >&2; ok=0; }
[ -n "$p99" ] || { echo "load: FAIL: wrk printed no p99" >&2; ok=0; }
[ "$served" -ge "${requests:-0}" ] || { echo "load: FAIL: the log has $served 200s for $requests requests" >&2; ok=0; }
[ "$other" -eq 0 ] || { echo "load: FAIL: the log has $other lines that are not 200s" >&2; ok=0; }
[ $sizes_ok -eq 1 ] || { echo "load: FAIL: a feed was never served whole" >&2; ok=0; }
[ $rc -eq 0 ] || { echo "load: FAIL: iss serve exited $rc on SIGTERM" >&2; ok=0; }
grep -q '^iss serve: stopped (SIGTERM)$' "$log" || { echo "load: FAIL: no clean stop" >&2; ok=0; }
if [ $ok -eq 1 ]; then
    echo "load: passed"
else
    exit 1
fi
