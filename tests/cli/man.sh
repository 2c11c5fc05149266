#!/bin/sh
# The manual page man/iss.1: groff -ww and man --warnings print nothing,
# it has every section a manual page needs, every command iss --help lists
# has its own subsection, every option any command's --help names is in
# it, and iss --help points at it.
set -u
. "$(dirname "$0")/lib.sh"

PAGE=$SRC_DIR/man/iss.1
check "[ -f '$PAGE' ]" "man/iss.1 exists"

if command -v groff >/dev/null 2>&1; then
    run env LC_ALL=C.UTF-8 groff -ww -man -Tutf8 "$PAGE"
    expect_rc 0 "groff -ww -man formats it"
    check "[ ! -s '$ERR' ]" "groff -ww prints no warning"
    check "[ \$(wc -l <'$OUT') -gt 100 ]" "it formats to a page of text"
else
    FAILED=$((FAILED + 1))
    echo "FAIL: groff is not installed (apt-get install groff-base)"
fi
if command -v man >/dev/null 2>&1; then
    run env LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$PAGE"
    expect_rc 0 "man --warnings -l shows it"
    check "[ ! -s '$ERR' ]" "man --warnings prints no warning"
fi

for sec in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS '"EXIT STATUS"' \
    ENVIRONMENT FILES EXAMPLES '"SEE ALSO"'; do
    check "grep -qx '.SH $sec' '$PAGE'" "section $sec"
done

# The page's text with groff's \- as plain hyphens.
src=$TMP_ROOT/page.txt
sed 's/\\-/-/g' "$PAGE" >"$src"

run iss --help
expect_out 'man iss' "iss --help points at man iss"
cmds=$(sed -n '/^Commands:/,/^$/p' "$OUT" | awk 'NR > 1 && NF {print $1}')
check "[ -n \"\$cmds\" ]" "iss --help lists commands ($(echo $cmds))"
for c in $cmds; do
    check "grep -q '^\\.SS \"iss $c' '$src'" "the page has a subsection for iss $c"
    run iss "$c" --help
    opts=$(grep -o -- '--[a-z][a-z-]*' "$OUT" | sort -u)
    for o in $opts; do
        check "grep -q -- '$o' '$src'" "iss $c $o is in the page"
    done
done
for o in -C --help --version; do
    check "grep -q -- '$o' '$src'" "the global option $o is in the page"
done
for e in ISS_DATADIR ISS_NOW ISS_TODAY; do
    check "grep -q '$e' '$src'" "ENVIRONMENT names $e"
done

# make install puts it in man1.
dest=$TMP_ROOT/inst
run make -s -C "$SRC_DIR" install-man DESTDIR="$dest" PREFIX=/usr
expect_rc 0 "make install-man"
check "[ -f '$dest/usr/share/man/man1/iss.1' ] && cmp -s '$PAGE' '$dest/usr/share/man/man1/iss.1'" \
    "installed as \$(PREFIX)/share/man/man1/iss.1"
finish
