# Helpers for command-line tests. Source from a test script:
#   . "$(dirname "$0")/lib.sh"
# Then:  run iss -C "$ws" check      (sets $RC, $OUT, $ERR files)
#        expect_rc 2 "what this checks"
#        expect_err 'cases/C90.json: curfew\[0\]\.time' "what this checks"
#        finish                        (prints "N passed, N failed")
# ISS is the binary under test (default: ./iss of the repository).

# iss knows "now" (docs/store.md) and plans and publishes nothing before it.
# Tests fix the clock: unless a test sets its own, "today" is Friday 20
# November 2026, before the example week of 23 November.
if [ -z "${ISS_NOW:-}" ] && [ -z "${ISS_TODAY:-}" ]; then
    ISS_TODAY=2026-11-20
    export ISS_TODAY
fi

# before MONDAY: the Friday before it (YYYY-MM-DD), a "today" from which
# the whole week can still be planned and given in writing.
before()
{
    date -u -d "$1 -3 days" +%Y-%m-%d
}

TESTS_DIR=$(cd "$(dirname "$0")/.." && pwd)
SRC_DIR=$(cd "$TESTS_DIR/.." && pwd)
ISS=${ISS:-$SRC_DIR/iss}
TMP_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/iss-test.XXXXXX")
trap 'rm -rf "$TMP_ROOT"' EXIT
OUT=$TMP_ROOT/stdout
ERR=$TMP_ROOT/stderr
PASSED=0
FAILED=0

# run CMD ARGS...: "iss" as CMD means the binary under test.
run()
{
    if [ "$1" = iss ]; then
        shift
        set -- "$ISS" "$@"
    fi
    RC=0
    "$@" >"$OUT" 2>"$ERR" || RC=$?
}

pass()
{
    PASSED=$((PASSED + 1))
}

fail()
{
    FAILED=$((FAILED + 1))
    printf 'FAIL: %s\n' "$1"
    if [ -n "${2:-}" ]; then
        printf '  %s\n' "$2"
    fi
    printf '  --- stdout:\n'
    head -n 20 "$OUT" | sed 's/^/  | /'
    printf '  --- stderr:\n'
    head -n 20 "$ERR" | sed 's/^/  | /'
}

expect_rc()
{
    if [ "$RC" -eq "$1" ]; then pass; else
        fail "$2" "exit status $RC, expected $1"
    fi
}

# expect_out REGEX WHAT / expect_err REGEX WHAT: grep -E on the output.
expect_out()
{
    if grep -Eq -- "$1" "$OUT"; then pass; else
        fail "$2" "stdout does not match: $1"
    fi
}

expect_err()
{
    if grep -Eq -- "$1" "$ERR"; then pass; else
        fail "$2" "stderr does not match: $1"
    fi
}

# The same with a fixed string.
expect_err_fixed()
{
    if grep -Fq -- "$1" "$ERR"; then pass; else
        fail "$2" "stderr does not contain: $1"
    fi
}

expect_out_fixed()
{
    if grep -Fq -- "$1" "$OUT"; then pass; else
        fail "$2" "stdout does not contain: $1"
    fi
}

expect_no_out()
{
    if grep -Eq -- "$1" "$OUT"; then
        fail "$2" "stdout matches: $1"
    else pass; fi
}

# check COND WHAT: a shell condition that must hold.
check()
{
    if eval "$1"; then pass; else
        fail "$2" "condition failed: $1"
    fi
}

# A fresh copy of the example workspace; prints its path.
copy_examples()
{
    d=$(mktemp -d "$TMP_ROOT/ws.XXXXXX")
    cp -R "$SRC_DIR/examples/." "$d/"
    rm -rf "$d/out" "$d/iss.db" "$d/iss.db-wal" "$d/iss.db-shm"
    printf '%s\n' "$d"
}

# edit WS PYTHON: change a workspace's JSON in Python: t is team.json, c(ID)
# a case, staff(ID) a member of staff; what was read is written back.
edit()
{
    /usr/bin/python3 - "$1" "$2" <<'EOF'
import json, sys, os
ws, code = sys.argv[1], sys.argv[2]
t = json.load(open(os.path.join(ws, "team.json")))
cases = {}
def c(i):
    if i not in cases:
        cases[i] = json.load(open(os.path.join(ws, "cases", i + ".json")))
    return cases[i]
def staff(i):
    return [s for s in t["staff"] if s["id"] == i][0]
exec(code)
json.dump(t, open(os.path.join(ws, "team.json"), "w"), indent=1,
          ensure_ascii=False)
for i, v in cases.items():
    json.dump(v, open(os.path.join(ws, "cases", i + ".json"), "w"), indent=1,
              ensure_ascii=False)
EOF
}

# A listing of every file under a folder with its checksum, for "nothing
# was written" checks.
tree_state()
{
    (cd "$1" && find . -print | LC_ALL=C sort | while read -r f; do
        if [ -f "$f" ]; then
            printf '%s %s\n' "$f" "$(cksum <"$f")"
        else
            printf '%s\n' "$f"
        fi
    done)
}

finish()
{
    printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
    [ "$FAILED" -eq 0 ]
}

# ---- Headless Chromium (Debian's chromium), for tests/cli/letters.sh and
# report_html.sh. chromium_init finds it (CHROMIUM=path to choose) and sets
# NO_HEADER for --print-to-pdf; when it is missing that is a failure, or a
# SKIP with ISS_ALLOW_SKIP set, and chromium_init returns 1.
chromium_init()
{
    CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
    if [ ! -x "$CHROMIUM" ] && command -v chromium >/dev/null 2>&1; then
        CHROMIUM=$(command -v chromium)
    fi
    if [ ! -x "$CHROMIUM" ] || ! "$CHROMIUM" --version >/dev/null 2>&1; then
        if [ -n "${ISS_ALLOW_SKIP:-}" ]; then
            printf 'SKIP: Chromium is not installed (%s); nothing is rendered\n' \
                "$CHROMIUM"
            return 1
        fi
        FAILED=$((FAILED + 1))
        printf 'FAIL: Chromium is not installed: %s does not run\n' "$CHROMIUM"
        printf '  %s\n' "nothing can be rendered. Install Debian's chromium (as" \
            "root: apt-get install chromium), or set CHROMIUM=/path/to/chromium," \
            "or ISS_ALLOW_SKIP=1 to skip this test."
        return 1
    fi
    version=$("$CHROMIUM" --version 2>/dev/null | head -n 1)
    major=$(printf '%s\n' "$version" |
        sed -n 's/^[^0-9]*\([0-9][0-9]*\)\..*/\1/p')
    # Chromium 120 renamed --print-to-pdf-no-header (the old headless mode's).
    if [ "${major:-0}" -ge 120 ]; then
        NO_HEADER=--no-pdf-header-footer
    else
        NO_HEADER=--print-to-pdf-no-header
    fi
    printf 'Using %s (%s)\n' "$CHROMIUM" "$version"
    # Chromium writes only under TMP_ROOT: its profile, and the crash-report
    # and dconf folders it makes in HOME even with --user-data-dir.
    CHOME=$TMP_ROOT/chromium-home
    PROFILE=$TMP_ROOT/chromium-profile
    mkdir -p "$CHOME" "$PROFILE"
    N_RUNS=0
}

# chrome ARGS... URL: one headless run; --no-sandbox as tests run as root;
# without the background-networking flags it tries to connect out (refused
# here). A run that hangs is stopped after 120 s.
chrome()
{
    N_RUNS=$((N_RUNS + 1))
    RC=0
    HOME=$CHOME XDG_CONFIG_HOME=$CHOME/.config XDG_CACHE_HOME=$CHOME/.cache \
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
        --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync \
        "--user-data-dir=$PROFILE" "$@" >"$OUT" 2>"$ERR" || RC=$?
}

# py_checks SCRIPT KIND ARGS...: run a python checker; each PASS/FAIL line
# it prints is one assertion.
py_checks()
{
    script=$1
    shift
    RC=0
    /usr/bin/python3 "$script" "$@" >"$OUT" 2>"$ERR" || RC=$?
    n=0
    while IFS= read -r line; do
        case $line in
        PASS:*) pass; n=$((n + 1)) ;;
        FAIL:*) FAILED=$((FAILED + 1)); n=$((n + 1)); printf '%s\n' "$line" ;;
        esac
    done <"$OUT"
    if [ "$RC" -ne 0 ] || [ "$n" -eq 0 ]; then
        fail "$(basename "$script") $1 $2" "exit status $RC, $n assertions"
    fi
}
