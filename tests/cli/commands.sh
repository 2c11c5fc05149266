#!/bin/sh
# Command-line tests: iss --help/--version, check, phases, usage errors.
set -u
. "$(dirname "$0")/lib.sh"

# ---- help, version, usage ----
run iss --help
expect_rc 0 "--help exits 0"
expect_out '^Usage: iss' "--help prints usage on stdout"
expect_out 'Exit status' "--help documents exit codes"
run iss --version
expect_rc 0 "--version exits 0"
expect_out '^iss [0-9]+\.[0-9]+' "--version prints the version"
run iss
expect_rc 2 "no command is a usage error"
expect_err "Try 'iss --help'" "usage errors point to --help"
run iss frobnicate
expect_rc 2 "unknown command"
expect_err "'frobnicate' is not a command" "names the bad command"
run iss --bogus
expect_rc 2 "unknown global option"
for c in check phases plan publish feeds attendance report; do
    run iss "$c" --help
    expect_rc 0 "iss $c --help exits 0"
    expect_out "^Usage: iss .*$c" "iss $c --help prints its usage"
done

# ---- option errors: one wording for every command ----
for c in check phases plan publish feeds report letters today serve \
         "attendance record" "action done" "staff password" \
         "staff password S1"; do
    run iss $c --bogus
    expect_rc 2 "iss $c --bogus is a usage error"
    expect_err "unknown option '--bogus'" "iss $c names the unknown option"
done
for c in plan publish; do
    run iss "$c" --week
    expect_rc 2 "iss $c --week without a date"
    expect_err "--week needs a value" "iss $c says --week needs a value"
    for n in 0 53 x ""; do
        run iss "$c" --week 2026-11-23 --weeks "$n"
        expect_rc 2 "iss $c --weeks '$n'"
        expect_err "--weeks: '$n'; a number from 1 to 52" \
            "iss $c says --weeks is a number from 1 to 52 ('$n')"
    done
done

# ---- check ----
ws=$(copy_examples)
run iss -C "$ws" check
expect_rc 0 "the examples are clean"
expect_out '^ok: [0-9]+ cases, [0-9]+ staff' "check prints a summary"
lines=$(wc -l <"$OUT")
check "[ $lines -eq 1 ]" "the summary is one line"
n_cases=$(ls "$ws"/cases/*.json | wc -l)
expect_out "^ok: $n_cases cases" "the summary counts every case file"
expect_out 'C01 [a-z]+ 20[0-9][0-9]-W[0-9][0-9]\.\.20[0-9][0-9]-W[0-9][0-9]' \
    "the summary gives the ISO weeks of each order"
(cd "$ws" && "$ISS" check >/dev/null 2>&1)
check "[ $? -eq 0 ]" "check works in the current folder without -C"
run iss -C "$TMP_ROOT/nowhere" check
expect_rc 2 "a missing workspace is bad input"
expect_err 'no such folder' "says the folder is missing"
mkdir -p "$TMP_ROOT/empty"
run iss -C "$TMP_ROOT/empty" check
expect_rc 2 "a folder without team.json"
expect_err 'no team.json' "says team.json is missing"

# Several problems in several files are all reported.
ws=$(copy_examples)
sed 's/"band": *"[a-z]*"/"band": "nosuch"/' "$ws/cases/C01.json" \
    >"$ws/cases/C01.json.tmp" && mv "$ws/cases/C01.json.tmp" \
    "$ws/cases/C01.json"
printf '{"id": "C02",}' >"$ws/cases/C02.json"
sed 's/"service"/"servise"/' "$ws/team.json" >"$ws/team.json.tmp" &&
    mv "$ws/team.json.tmp" "$ws/team.json"
before=$(tree_state "$ws")
run iss -C "$ws" check
expect_rc 2 "problems give exit 2"
expect_err_fixed 'cases/C01.json: band: "nosuch": no such band' \
    "unknown band named with file and path"
expect_err 'cases/C02.json:1:[0-9]+: not valid JSON' \
    "syntax error with line and column"
expect_err_fixed 'team.json: servise: unknown field (did you mean "service"?)' \
    "typo in a field name suggests the right one"
expect_err_fixed 'team.json: service: missing' "the missing field too"
expect_err 'problems found; nothing was written' "a count at the end"
check "[ \"\$(tree_state "$ws")\" = \"\$before\" ]" "nothing was written"

# A workspace band overrides a shipped one by id and adds new ones.
ws=$(copy_examples)
mkdir -p "$ws/bands"
sed -e 's/"weekly_hours": 25/"weekly_hours": 22.5/' \
    "$SRC_DIR/bands/high.json" >"$ws/bands/high.json"
sed -e 's/"id": "high"/"id": "local"/' -e 's/"name": "[^"]*"/"name": "Local"/' \
    "$SRC_DIR/bands/high.json" >"$ws/bands/local.json"
run iss -C "$ws" phases --band high --start 2026-01-05 --format json
expect_rc 0 "phases with a workspace band"
expect_out '"weekly_hours":[[:space:]]*22.5' "the workspace's band replaces the shipped one"
run iss -C "$ws" phases --band local --start 2026-01-05
expect_rc 0 "a band added by the workspace"
expect_out '^Local \(local\)' "the added band is used"
run iss -C "$ws" check
expect_rc 0 "check accepts workspace bands"
expect_out ', 6 bands' "six bands: five shipped, one added"

# ---- phases: DOMAIN.md scenario 2 ----
run iss phases --band extended --start 2025-10-31 --format json
expect_rc 0 "phases json"
month() { # month N FIELD: the field of month N in the JSON output
    /usr/bin/python3 -c "import json,sys; d=json.load(open('$OUT')); \
print([m for m in d if m.get('month')==$1][0]['$2'])"
}
check "[ \"\$(month 2 from)\" = 2025-11-30 ]" "month 2 from 30 Nov 2025"
check "[ \"\$(month 1 to)\" = 2025-11-29 ]" "month 1 to 29 Nov 2025"
check "[ \"\$(month 5 from)\" = 2026-02-28 ]" "the 15 h phase from 28 Feb 2026"
check "[ \"\$(month 5 weekly_hours)\" = 15 ]" "month 5 is 15 h"
check "[ \"\$(month 4 weekly_hours)\" = 25 ]" "month 4 is 25 h"
check "[ \"\$(month 7 from)\" = 2026-04-30 ]" "the 5 h phase from 30 Apr 2026"
check "[ \"\$(month 7 weekly_hours)\" = 5 ]" "month 7 is 5 h"
check "[ \"\$(month 7 contacts_per_day)\" = 0 ]" "step-down has no daily contacts"
check "[ \"\$(month 7 weekend_contacts)\" = 1 ]" "step-down has weekend support"
end=$(/usr/bin/python3 -c "import json; d=json.load(open('$OUT')); \
print([m for m in d if 'iss_days_end' in m][0]['iss_days_end'])")
check "[ \"$end\" = 2026-04-28 ]" "ISS days end 28 Apr 2026"
n=$(/usr/bin/python3 -c "import json; print(len(json.load(open('$OUT'))))")
check "[ $n -eq 13 ]" "12 months plus the iss_days_end object"

run iss phases --band extended --start 2025-10-31
expect_rc 0 "phases text"
expect_out '^ +2 +Sun 30 Nov 2025' "text: month 2 from Sun 30 Nov 2025"
expect_out 'ISS days: 180, Fri 31 Oct 2025 to Tue 28 Apr 2026; month 6 ends Wed 29 Apr 2026, 1 day later' \
    "text shows the ISS days and the month apart"
run iss phases --band junior --start 2026-01-31
expect_rc 0 "junior phases"
expect_out '1 a day\*' "junior's assumed contacts are flagged"
expect_out 'assumed, not stated by the source' "the flag is explained"
expect_out 'At most 7.5 h of education' "junior education cap shown"
expect_out '^ +2 +Sat 28 Feb 2026' "31 Jan + 1 month clamps to 28 Feb"
run iss phases --band ete --start 2025-09-01 --format json
expect_rc 0 "ete phases"
check "[ \"\$(month 1 weekly_hours)\" = 7 ]" "ete months 1-3: 7 h"
check "[ \"\$(month 4 weekly_hours)\" = 3 ]" "ete months 4-6: 3 h"

# ---- phases: usage errors ----
run iss phases --band nosuch --start 2025-10-31
expect_rc 2 "unknown band"
expect_err "'nosuch' is not a band; the bands are:.*extended" "lists the bands"
run iss phases --band high --start 2025-02-30
expect_rc 2 "impossible start date"
expect_err 'is not a date' "says the date is wrong"
run iss phases --band high
expect_rc 2 "--start missing"
expect_err -- '--start is required' "names the missing option"
run iss phases --band high --start 2025-10-31 --format xml
expect_rc 2 "bad format"
run iss phases --band high --start 2025-10-31 extra
expect_rc 2 "stray argument"

finish
