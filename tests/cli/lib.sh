# Helpers for command-line tests. Source from a test script:
#   . "$(dirname "$0")/lib.sh"
# Then:  run iss -C "$ws" check      (sets $RC, $OUT, $ERR files)
#        expect_rc 2 "what this checks"
#        expect_err 'cases/C90.json: curfew\[0\]\.time' "what this checks"
#        finish                        (prints "N passed, N failed")
# ISS is the binary under test (default: ./iss of the repository).

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
