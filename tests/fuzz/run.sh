#!/bin/sh
# Run one libFuzzer harness: sh tests/fuzz/run.sh NAME SECONDS [ARGS...]
# (make fuzz / make check-fuzz call it; docs/fuzzing.md). NAME is team,
# case, band, attendance or rota. The corpus grows in build/fuzz/corpus-NAME,
# seeded from tests/fuzz/seeds/NAME; a crashing input is saved in
# build/fuzz/crashes/NAME/ and the exit status is non-zero. Extra ARGS go
# to libFuzzer (e.g. -seed=1). Runs under any POSIX sh.
set -u
name=${1:?usage: run.sh NAME SECONDS [libFuzzer args]}
secs=${2:?usage: run.sh NAME SECONDS [libFuzzer args]}
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=$top/build/fuzz/fuzz_$name
seeds=$top/tests/fuzz/seeds/$name
corpus=$top/build/fuzz/corpus-$name
crashes=$top/build/fuzz/crashes/$name
log=$top/build/fuzz/$name.log

case $name in
    attendance|rota) dict=$top/tests/fuzz/csv.dict ;;
    *) dict=$top/tests/fuzz/json.dict ;;
esac
if [ ! -x "$bin" ]; then
    echo "run.sh: $bin is missing (make build/fuzz/fuzz_$name)" >&2
    exit 2
fi
mkdir -p "$corpus" "$crashes"

echo "== fuzz $name for ${secs}s (corpus $corpus, log $log)"
# -timeout: one input over 10 s is a hang; -rss_limit_mb: 2 GB is far past
# what an input of 64 KiB should need; -max_len: inputs up to 64 KiB.
# Leak checking is on (libFuzzer + LeakSanitizer default).
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
"$bin" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 \
    -timeout=10 -dict="$dict" -print_final_stats=1 \
    -artifact_prefix="$crashes/" "$@" "$corpus" "$seeds" >"$log" 2>&1
rc=$?

# The last status line and the final figures.
grep -aE '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1
grep -aE '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
    "$log"
if [ "$rc" -ne 0 ]; then
    echo "FAIL: fuzz_$name stopped (exit $rc); the end of $log:" >&2
    tail -n 40 "$log" >&2
    saved=$(LC_ALL=C sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    if [ -n "$saved" ]; then
        echo "FAIL: the input is saved in $saved" >&2
        echo "  reproduce: $bin $saved" >&2
        echo "  minimise:  $bin -minimize_crash=1 -runs=20000 $saved" >&2
    fi
    exit 1
fi
echo "ok: fuzz_$name, ${secs}s, no crash"
