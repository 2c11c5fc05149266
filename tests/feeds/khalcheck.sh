#!/bin/sh
# khalcheck - how Debian's khal (0.10) shows one .ics feed, offline, in
# Europe/London.
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
#
#   khalcheck.sh FILE.ics [DATE...]
#
# Runs khal with a throwaway configuration (a temporary HOME and XDG
# folders, local_timezone = default_timezone = Europe/London, a dummy
# calendar folder) and prints, for every event `khal printics FILE` shows,
# one line, sorted:
#   UID LOCAL_START LOCAL_END STATUS
# with the times as khal shows them in London, in RFC 3339 with the offset
# (2026-10-25T17:45:00+00:00), STATUS CONFIRMED, CANCELLED, TENTATIVE or
# NONE.
# With DATEs (YYYY-MM-DD), the feed is also imported into the dummy
# calendar (khal import, khal's own store) and for each DATE, `khal list
# DATE 7d` must show exactly the printics events whose local start falls in
# the 7 days from DATE.
# Exit 1 when khal fails, prints anything else (a warning, an error, a
# traceback), or the two readings differ; 2 on usage; 3 when khal is not
# installed.
set -u

if [ $# -lt 1 ]; then
    echo "usage: khalcheck.sh FILE.ics [DATE...]" >&2
    exit 2
fi
file=$1
shift
for date in "$@"; do
    case $date in
        [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;;
        *) echo "khalcheck: bad DATE $date" >&2; exit 2 ;;
    esac
done
if ! command -v khal >/dev/null 2>&1; then
    echo "khalcheck: khal is not installed" >&2
    exit 3
fi
if [ ! -r "$file" ]; then
    echo "khalcheck: cannot read $file" >&2
    exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/khalcheck.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp/home
XDG_CONFIG_HOME=$tmp/config
XDG_DATA_HOME=$tmp/data
XDG_CACHE_HOME=$tmp/cache
export HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME
unset XDG_CONFIG_DIRS
# khal writes through the locale; a UTF-8 one keeps non-ASCII titles safe.
LC_ALL=C.UTF-8
LANG=C.UTF-8
export LC_ALL LANG
mkdir -p "$HOME" "$XDG_CONFIG_HOME/khal" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" \
    "$tmp/calendar"
cat >"$XDG_CONFIG_HOME/khal/config" <<EOF
[calendars]
[[dummy]]
path = $tmp/calendar
type = calendar

[locale]
local_timezone = Europe/London
default_timezone = Europe/London
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%dT%H:%M:%S%z
longdatetimeformat = %Y-%m-%dT%H:%M:%S%z
firstweekday = 0

[default]
default_calendar = dummy
EOF

# One line per event, marked, so that anything else khal prints stands out.
FORMAT='EV {uid} {start-long} {end-long} S={status}'

# normalise: "EV uid 2026-10-19T17:30:00+0100 ... S=CONFIRMED " ->
# "uid 2026-10-19T17:30:00+01:00 ... CONFIRMED"
normalise()
{
    sed -e 's/^EV //' \
        -e 's/\([+-][0-9][0-9]\)\([0-9][0-9]\)\( \)/\1:\2\3/g' \
        -e 's/ S=$/ S=NONE/' -e 's/ S=\([A-Z-]*\) *$/ \1/' | LC_ALL=C sort
}

rc=0
khal --no-color printics -f "$FORMAT" "$file" >"$tmp/printics" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
    echo "khalcheck: $file: khal printics failed (exit $rc):" >&2
    sed 's/^/  /' "$tmp/printics" >&2
    exit 1
fi
# The first line is "N events found in FILE"; every other line an event.
n=$(sed -n '1s/^\([0-9][0-9]*\) events\{0,1\} found in .*/\1/p' "$tmp/printics")
if [ -z "$n" ]; then
    echo "khalcheck: $file: khal printics did not say how many events:" >&2
    sed 's/^/  /' "$tmp/printics" >&2
    exit 1
fi
if sed 1d "$tmp/printics" | grep -v '^EV ' >"$tmp/other"; then
    echo "khalcheck: $file: khal printics printed more than events:" >&2
    sed 's/^/  /' "$tmp/other" >&2
    exit 1
fi
sed 1d "$tmp/printics" | normalise >"$tmp/events"
if [ "$(wc -l <"$tmp/events")" -ne "$n" ]; then
    echo "khalcheck: $file: khal counted $n events but printed" \
        "$(wc -l <"$tmp/events")" >&2
    exit 1
fi

if [ $# -gt 0 ]; then
    rc=0
    khal --no-color import --batch -a dummy "$file" >"$tmp/import" 2>&1 ||
        rc=$?
    if [ "$rc" -ne 0 ] || [ -s "$tmp/import" ]; then
        echo "khalcheck: $file: khal import failed (exit $rc):" >&2
        sed 's/^/  /' "$tmp/import" >&2
        exit 1
    fi
    for date in "$@"; do
        rc=0
        khal --no-color list -a dummy --once -df '' -f "$FORMAT" "$date" 7d \
            >"$tmp/list" 2>&1 || rc=$?
        if [ "$rc" -ne 0 ] || grep -v -e '^EV ' -e '^$' "$tmp/list" >"$tmp/other"
        then
            echo "khalcheck: $file: khal list $date 7d failed (exit $rc):" >&2
            sed 's/^/  /' "$tmp/other" >&2
            exit 1
        fi
        grep '^EV ' "$tmp/list" | normalise >"$tmp/listed"
        # The printics events starting (London time) in the 7 days from DATE.
        days=$(i=0; while [ $i -lt 7 ]; do
            date -u -d "$date +$i days" +%Y-%m-%d 2>/dev/null; i=$((i + 1)); done)
        if [ "$(printf '%s\n' "$days" | wc -l)" -ne 7 ]; then
            echo "khalcheck: bad DATE $date" >&2
            exit 2
        fi
        : >"$tmp/week"
        for d in $days; do
            grep "^[^ ]* ${d}T" "$tmp/events" >>"$tmp/week" || true
        done
        LC_ALL=C sort -o "$tmp/week" "$tmp/week"
        if ! cmp -s "$tmp/week" "$tmp/listed"; then
            echo "khalcheck: $file: khal list $date 7d (from khal's store)" \
                "differs from khal printics:" >&2
            diff "$tmp/week" "$tmp/listed" | sed 's/^/  /' >&2
            exit 1
        fi
    done
fi

cat "$tmp/events"
