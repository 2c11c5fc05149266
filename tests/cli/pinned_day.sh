#!/bin/sh
# A hand-written service (tests/scenarios/brookfield: 3 staff, one child):
# a meeting pinned on Wednesday 16:30-17:30 leaves room for only one
# separate contact before the curfew with the staff on duty (nobody works
# mornings). The shortfall says so, counting the pin where it is; it used
# to say that other children took the staff time, and there are none.
set -eu
. "$(dirname "$0")/lib.sh"
ws=$TMP_ROOT/brookfield
cp -R "$TESTS_DIR/scenarios/brookfield" "$ws"
ISS_NOW=$(date -u -d 2026-12-03T14:30Z +%s)   # Thursday afternoon
export ISS_NOW

run iss -C "$ws" check
expect_rc 0 "the scenario is a valid workspace"
run iss -C "$ws" plan --week 2026-12-07 --time-limit 5
expect_rc 0 "plan the week with the pinned meeting"
expect_out '^  B1: Wed 9 Dec: 1 of 2 contacts - permitted staff are on duty only [0-9:, -]+ while Mo is free, with the day.s pinned or published sessions where they are: room for 1 separate contact$' \
    "the shortfall counts the pinned meeting where it is"
expect_no_out 'B1: Wed 9 Dec.*went to other children' \
    "it does not blame other children"
finish
