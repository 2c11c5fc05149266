#!/bin/sh
# The compliance letters (docs/letters.md, "Compliance letters") of a child
# who misses appointments, with a fixed clock, under the Wokingham ladder
# (a verbal warning first, then two formal warnings, a meeting with a
# manager after the second, then breach action):
#   - iss letters writes the verbal warning's note, warning letters 1 and
#     2, and the final notice, each when its action is due; the carer's
#     copy for the under-16 whose case names a carer (C07), none for a
#     17-year-old (C01);
#   - each letter in headless Chromium: the DOM text names the appointment
#     missed and the next appointment (taken from iss.db by the checker,
#     not from iss), the meeting with a manager (not booked: "we will
#     write"; then pinned with the team's manager and published: its date
#     and time), the letterhead, the date, the key worker, the copy line by
#     age, no forbidden word, id or surname, no sentence over 30 words
#     (tests/letters/check_letter.py compliance); printed, A4 in at most 2
#     pages;
#   - a letter of an action done is kept as it was; one of an action
#     withdrawn is removed; running again changes nothing.
# Chromium missing is a failure, unless ISS_ALLOW_SKIP is set.
set -u
. "$(dirname "$0")/lib.sh"
unset ISS_TODAY

PY=/usr/bin/python3
CL=$TESTS_DIR/letters/check_letter.py
at() { date -u -d "$1" +%s; }
sql() { $PY -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
[print('|'.join(str(x) for x in r)) for r in c.execute(sys.argv[2])]" "$@"; }

chromium_init || { finish; exit; }
letter_checks() { py_checks "$CL" "$@"; }

SHOTS=${ISS_LETTERS_KEEP:-$TMP_ROOT/shots}
mkdir -p "$SHOTS"

# render FILE MODE CASE KIND MISSED MEETING: the letter in Chromium, its
# DOM checked (MODE compliance or compliance-copy) against the store at
# ISS_NOW, then printed to PDF: A4, at most 2 pages.
render()
{
    f=$ws/out/letters/$1
    chrome --dump-dom "file://$f"
    check "[ $RC -eq 0 ] && grep -q '</html>' '$OUT'" \
        "$1: Chromium renders it (--dump-dom)"
    cp "$OUT" "$SHOTS/$1.dom.html"
    letter_checks "$2" "$ws" "$3" "$SHOTS/$1.dom.html" "$ISS_NOW" "$4" "$5" "$6"
    pdf=$SHOTS/$1.pdf
    rm -f "$pdf"
    chrome --print-to-pdf="$pdf" "$NO_HEADER" "file://$f"
    check "[ $RC -eq 0 ] && [ -s '$pdf' ]" "$1: Chromium prints it"
    letter_checks pdf "$pdf" 2
}

# uid CASE DATE: the case's first session of the day.
uid() { sql "$ws/iss.db" "select uid from sessions where case_id = '$1' and date = '$2' and status = 'confirmed' order by start_utc limit 1"; }

# ---- the example, with the Wokingham ladder and a manager ----
ws=$(copy_examples)
"$PY" - "$ws" <<'EOF'
import json, sys
ws = sys.argv[1]
t = json.load(open(ws + "/team.json"))
p = t["policy"]
for k in list(p):
    if k in ("warnings_before_breach", "breach_within_working_days",
             "follow_up_within_working_days", "compliance_meeting_after_warning",
             "compliance_meeting_within_days", "warning_period_months"):
        del p[k]
p["ladder"] = "wokingham"
surnames = ["Haddad", "Pemberton", "Castellano", "Ferreira", "Adeyemi",
            "Lindqvist", "Marchetti", "Oduya", "Brannigan", "Kowalczyk"]
for s, last in zip(t["staff"], surnames):
    s["name"] = "%s %s" % (s["name"].split()[0], last)
# The manager: no hours of their own (never planned), pinned by agreement.
t["staff"].append({"id": "S11", "name": "Olu Bankole",
                   "roles": ["manager", "family_worker"], "availability": {}})
json.dump(t, open(ws + "/team.json", "w"), indent=2)
c = json.load(open(ws + "/cases/C07.json"))
c["staff"]["only"].append("S11")
json.dump(c, open(ws + "/cases/C07.json", "w"), indent=2)
EOF
export ISS_NOW=$(at 2026-11-20T12:00Z)
run iss -C "$ws" check
expect_rc 0 "the workspace with the Wokingham ladder and a manager is good"
run iss -C "$ws" plan --week 2026-11-23 --weeks 2 --quiet
expect_rc 0 "plan two weeks on Friday 20 November"
run iss -C "$ws" publish --week 2026-11-23 --weeks 2
expect_rc 0 "publish them"
expect_no_out 'Compliance letters' "publish writes no compliance letter while none is due"
run iss -C "$ws" letters
expect_rc 0 "iss letters with nothing due"
expect_out_fixed 'Compliance letters: 0 in' "says there are none"

# ---- a first miss: the verbal warning's note ----
export ISS_NOW=$(at 2026-11-24T12:00Z)
m1=$(uid C07 2026-11-23)
c01=$(uid C01 2026-11-23)
run iss -C "$ws" attendance record "$m1" absent_unacceptable
expect_rc 0 "C07 missed Monday"
run iss -C "$ws" attendance record "$c01" absent_unacceptable
expect_rc 0 "C01 (17) missed Monday"
run iss -C "$ws" letters
expect_rc 0 "iss letters"
expect_out_fixed 'C07 verbal warning note, due Tue 24 Nov 2026: letters/C07-note-2026-11-23.html (and the carer'"'"'s copy)' \
    "names C07's note and its copy"
expect_out 'C01 verbal warning note, due Tue 24 Nov 2026: letters/C01-note-2026-11-23\.html$' \
    "names C01's note, without a copy"
check "[ -f '$ws/out/letters/C07-note-2026-11-23-copy.html' ] && [ ! -e '$ws/out/letters/C01-note-2026-11-23-copy.html' ]" \
    "a carer's copy for the under-16 with a carer, none for the 17-year-old"
check "[ \$(stat -c %a '$ws/out/letters/C07-note-2026-11-23.html') = 600 ]" \
    "written mode 0600 like every letter"
render C07-note-2026-11-23.html compliance C07 note "$m1" -
render C07-note-2026-11-23-copy.html compliance-copy C07 note "$m1" -
render C01-note-2026-11-23.html compliance C01 note "$c01" -
cp "$ws/out/letters/C07-note-2026-11-23.html" "$TMP_ROOT/note.html"
run iss -C "$ws" letters --case C07
expect_out_fixed 'Compliance letters: 2 in' "--case C07: its letter and copy"
expect_out_fixed '(0 changed)' "running again changes nothing"
run iss -C "$ws" action done C07 warning --by S1
expect_rc 0 "the verbal warning is given"

# ---- warning 1 ----
export ISS_NOW=$(at 2026-11-26T12:00Z)
m2=$(uid C07 2026-11-25)
run iss -C "$ws" attendance record "$m2" absent_unacceptable
run iss -C "$ws" letters --case C07
expect_out_fixed 'C07 warning 1 letter, due Thu 26 Nov 2026: letters/C07-letter1-2026-11-25.html' \
    "a second miss: warning letter 1"
check "cmp -s '$ws/out/letters/C07-note-2026-11-23.html' '$TMP_ROOT/note.html'" \
    "the note of the verbal warning given is kept as it was"
render C07-letter1-2026-11-25.html compliance C07 letter1 "$m2" -
render C07-letter1-2026-11-25-copy.html compliance-copy C07 letter1 "$m2" -
export ISS_NOW=$(at 2026-11-26T17:00Z)
run iss -C "$ws" action done C07 warning
expect_rc 0 "warning 1 is given"
cp "$ws/out/letters/C07-letter1-2026-11-25.html" "$TMP_ROOT/letter1.html"

# ---- warning 2 and the meeting with a manager ----
export ISS_NOW=$(at 2026-11-28T12:00Z)
m3=$(uid C07 2026-11-27)
run iss -C "$ws" attendance record "$m3" absent_unacceptable
run iss -C "$ws" letters --case C07
expect_out_fixed 'C07 warning 2 letter, due Mon 30 Nov 2026: letters/C07-letter2-2026-11-27.html' \
    "a third miss: warning letter 2"
render C07-letter2-2026-11-27.html compliance C07 letter2 "$m3" unbooked
check "grep -q 'on or before Thursday 10 December 2026' '$ws/out/letters/C07-letter2-2026-11-27.html'" \
    "the meeting's last day: 10 days after the warning's due day"
# The manager's meeting is pinned; the re-plan and publish book it and
# write the letter again.
"$PY" - "$ws/cases/C07.json" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
c["pinned"].append({"date": "2026-12-03", "time": "17:00-18:00",
                    "type": "family", "staff": ["S11"]})
json.dump(c, open(sys.argv[1], "w"), indent=2)
EOF
run iss -C "$ws" plan --week 2026-11-30 --replan --quiet
expect_rc 0 "re-plan the week with the meeting pinned"
run iss -C "$ws" publish --week 2026-11-30
expect_rc 0 "publish it"
expect_out 'Compliance letters: [0-9]+ \([1-9][0-9]* changed\)' \
    "publish writes the compliance letters again"
meet=$(sql "$ws/iss.db" "select uid from sessions where case_id = 'C07' and date = '2026-12-03' and start_min = 1020 and status = 'confirmed'")
check "[ -n '$meet' ]" "the meeting is published"
render C07-letter2-2026-11-27.html compliance C07 letter2 "$m3" "$meet"
render C07-letter2-2026-11-27-copy.html compliance-copy C07 letter2 "$m3" "$meet"
check "cmp -s '$ws/out/letters/C07-letter1-2026-11-25.html' '$TMP_ROOT/letter1.html'" \
    "warning letter 1, given, is kept as it was"

# ---- the final notice ----
export ISS_NOW=$(at 2026-11-30T17:00Z)
run iss -C "$ws" action done C07 warning
expect_rc 0 "warning 2 is given"
export ISS_NOW=$(at 2026-12-02T10:00Z)
m4=$(uid C07 2026-12-01)
run iss -C "$ws" attendance record "$m4" absent_unacceptable
run iss -C "$ws" letters
expect_out_fixed 'C07 final notice, due Tue 8 Dec 2026: letters/C07-final-2026-12-01.html' \
    "a miss after two warnings given: the final notice, breach due in 5 working days"
render C07-final-2026-12-01.html compliance C07 final "$m4" -
render C07-final-2026-12-01-copy.html compliance-copy C07 final "$m4" -
check "grep -q 'on 26 November 2026 and 30 November 2026' '$ws/out/letters/C07-final-2026-12-01.html'" \
    "it gives the days the two warnings were given"

# ---- withdrawn: the letter goes ----
run iss -C "$ws" action withdraw C07 breach --note "doctor's note arrived"
expect_rc 0 "the breach action is withdrawn"
run iss -C "$ws" letters
expect_out_fixed '2 of actions withdrawn removed' "iss letters says it removed two letters"
check "[ ! -e '$ws/out/letters/C07-final-2026-12-01.html' ] && [ ! -e '$ws/out/letters/C07-final-2026-12-01-copy.html' ]" \
    "the final notice and its copy are gone"
check "[ -f '$ws/out/letters/C07-letter2-2026-11-27.html' ] && [ -f '$ws/out/letters/C07-note-2026-11-23.html' ] && [ -f '$ws/out/letters/C07-2026-11-23.html' ]" \
    "every other letter stays"

# ---- bad input ----
before=$(tree_state "$ws/out")
run iss -C "$ws" letters --case C99
expect_rc 2 "an unknown case"
expect_err_fixed "no case 'C99'" "names it"
run iss -C "$ws" letters now
expect_rc 2 "an unexpected argument"
check "[ \"\$(tree_state '$ws/out')\" = \"\$before\" ]" "nothing was written"

printf 'Rendered compliance letters in %d Chromium runs\n' "$N_RUNS"
finish
