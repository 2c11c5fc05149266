#!/bin/sh
# Bad inputs: every file in tests/bad/MANIFEST, copied over one file of a
# fresh copy of examples/, must make `iss check` (and, once it exists,
# `iss plan`) exit 2 with the expected file and JSON path on stderr, and
# write nothing. Runs under any POSIX sh.
set -u
. "$(dirname "$0")/lib.sh"

BAD_DIR=$TESTS_DIR/bad
MANIFEST=$BAD_DIR/MANIFEST
TAB=$(printf '\t')

# The examples themselves must be clean, or every test below proves nothing.
run iss -C "$SRC_DIR/examples" check
expect_rc 0 "examples/ passes iss check"

has_plan=no
if "$ISS" plan --help >/dev/null 2>&1; then
    has_plan=yes
fi

n=0
while IFS=$TAB read -r file dest expected <&3; do
    case $file in
        ''|'#'*) continue ;;
    esac
    n=$((n + 1))
    what="$file -> $dest"
    if [ ! -f "$BAD_DIR/$file" ] || [ -z "$dest" ] || [ -z "$expected" ]; then
        FAILED=$((FAILED + 1))
        printf 'FAIL: %s: bad MANIFEST line or missing file\n' "$what"
        continue
    fi
    ws=$(copy_examples)
    mkdir -p "$(dirname "$ws/$dest")"
    cp "$BAD_DIR/$file" "$ws/$dest"
    before=$TMP_ROOT/before.state
    after=$TMP_ROOT/after.state
    tree_state "$ws" >"$before"

    run iss -C "$ws" check </dev/null
    expect_rc 2 "$what: check exits 2"
    expect_err_fixed "$expected" "$what: check names the place"
    check '! grep -q "^iss: internal" "$ERR"' "$what: check: no internal error"
    # x- fields are free notes: no message may name one.
    check '! grep -q "x-note" "$ERR"' "$what: check: x-note is not an error"

    if [ "$has_plan" = yes ]; then
        run iss -C "$ws" plan --week 2026-11-23 </dev/null
        expect_rc 2 "$what: plan exits 2"
        check '! grep -q "^iss: internal" "$ERR"' "$what: plan: no internal error"
    fi

    tree_state "$ws" >"$after"
    check 'cmp -s "$before" "$after"' "$what: nothing written"
    rm -rf "$ws"
done 3<"$MANIFEST"

check '[ "$n" -ge 45 ]' "MANIFEST lists at least 45 bad inputs (it lists $n)"
finish
