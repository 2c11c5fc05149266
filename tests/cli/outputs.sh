#!/bin/sh
# What iss writes for others to read (issue 14): CSV cells a spreadsheet
# would run as formulas are neutralised; names of many-byte characters are
# never cut inside a character (feeds decode as UTF-8); X-WR-CALNAME is an
# escaped TEXT value.
set -u
. "$(dirname "$0")/lib.sh"

ISS_NOW=1795176000          # Friday 20 Nov 2026, 12:00 UTC
ISS_TODAY=2026-11-20
export ISS_NOW ISS_TODAY
PY=/usr/bin/python3
WEEK=2026-11-23

# ---- CSV formula injection (OWASP) ----
ws=$(copy_examples)
edit "$ws" "
c('C01')['feed_name'] = \"=cmd|' /C calc'!A0\"
c('C02')['feed_name'] = '@SUM(1+1)'
c('C03')['feed_name'] = '+1+1'
c('C04')['feed_name'] = '-2+3'
c('C05')['feed_name'] = 'Ana \"Bee\"'
"
run iss -C "$ws" check
expect_rc 0 "names that look like formulas are valid names"
run iss -C "$ws" report --week $WEEK --format csv
expect_rc 0 "report --format csv"
$PY - "$OUT" >"$TMP_ROOT/csv.out" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
names = {r["case"]: r["name"] for r in rows}
want = {"C01": "'=cmd|' /C calc'!A0", "C02": "'@SUM(1+1)", "C03": "'+1+1",
        "C04": "'-2+3", "C05": 'Ana "Bee"'}
bad = [(k, names.get(k), v) for k, v in want.items() if names.get(k) != v]
danger = [r["name"] for r in rows if r["name"][:1] in ("=", "+", "-", "@", "\t", "\r")]
print("ok" if not bad and not danger else "bad %r danger %r" % (bad, danger))
EOF
check "[ \"\$(cat '$TMP_ROOT/csv.out')\" = ok ]" \
    "cells starting = + - @ get a leading ' (read back by Python's csv): $(cat "$TMP_ROOT/csv.out")"
check "grep -q \"^C01,\\\"'=cmd|' /C calc'!A0\\\",\" '$OUT'" "the neutralised cell is quoted"

# ---- UTF-8: long names of 2-, 3- and 4-byte characters ----
ws=$(copy_examples)
edit "$ws" "
staff('S1')['name'] = 'é' * 99
staff('S2')['name'] = '€' * 100
staff('S3')['name'] = '😀' * 100
c('C01')['feed_name'] = '自' * 40
c('C02')['feed_name'] = '😀' * 40
"
run iss -C "$ws" check
expect_rc 0 "the long names are valid"
run iss -C "$ws" plan --week $WEEK --quiet
expect_rc 0 "plan"
run iss -C "$ws" publish --week $WEEK
expect_rc 0 "publish"
$PY - "$ws" >"$TMP_ROOT/utf8.out" <<'EOF'
import os, sys
d = os.path.join(sys.argv[1], "out", "feeds")
bad, names = [], 0
for f in sorted(os.listdir(d)):
    raw = open(os.path.join(d, f), "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        bad.append("%s: %s" % (f[:6], e))
        continue
    # unfold, then look for the names whole
    flat = text.replace("\r\n ", "")
    for n in ("é" * 99, "€" * 100, "😀" * 100, "自" * 40, "😀" * 40):
        names += flat.count(n) > 0
print("ok %d" % names if not bad else "; ".join(bad[:3]))
EOF
check "grep -q '^ok' '$TMP_ROOT/utf8.out'" \
    "every feed decodes as UTF-8: $(cat "$TMP_ROOT/utf8.out")"
check "[ \"\$(cut -d' ' -f2 '$TMP_ROOT/utf8.out')\" -ge 5 ]" \
    "and the long names are there whole ($(cat "$TMP_ROOT/utf8.out"))"

# ---- X-WR-CALNAME is escaped like NAME ----
ws=$(copy_examples)
edit "$ws" "staff('S1')['name'] = 'Sam;Jo,Lee'"
run iss -C "$ws" plan --week $WEEK --quiet
run iss -C "$ws" publish --week $WEEK
expect_rc 0 "publish with ; and , in a staff name"
f=$(grep -l '^NAME:Sessions (Sam' "$ws"/out/feeds/*.ics | head -n 1)
check "grep -q '^X-WR-CALNAME:Sessions (Sam\\\\;Jo\\\\,Lee)' '$f'" "X-WR-CALNAME escapes ; and ,"
check "grep -q '^NAME:Sessions (Sam\\\\;Jo\\\\,Lee)' '$f'" "as NAME does"

finish
