#!/bin/sh
# The complexity gate (issue 16): run pmccabe over every .c under
# scheduler/, print the ten most complex functions, and fail naming every
# function whose cyclomatic complexity is over the limit, unless
# tools/complexity-allow.txt lists it. The figure is pmccabe's first
# column, the modified McCabe complexity (a switch counts once).
# Usage: sh tools/complexity.sh [ALLOW-LIST]
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
max=${ISS_MAX_COMPLEXITY:-30}
allow=${1:-$here/tools/complexity-allow.txt}

if ! command -v pmccabe >/dev/null 2>&1; then
    echo "complexity: pmccabe is not installed (Debian: apt-get install" \
         "pmccabe, or make deps)" >&2
    exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/iss-complexity.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cd "$here"
find scheduler -name '*.c' | LC_ALL=C sort > "$tmp/files"
# shellcheck disable=SC2046
pmccabe $(cat "$tmp/files") | LC_ALL=C sort -k1,1nr -k6 > "$tmp/all"

# The allow-list: one "file:function" a line (the file's name without its
# folder, so that a move between folders keeps the entry), then a "#" and
# why; blank lines and lines starting with "#" are skipped.
: > "$tmp/allow"
if [ -f "$allow" ]; then
    sed 's/#.*//; s/[[:space:]]//g; /^$/d' "$allow" > "$tmp/allow"
fi

echo "complexity: the ten most complex functions (limit $max):"
head -n 10 "$tmp/all" | awk '{ printf "  %4d  %s %s\n", $1, $6, $7 }'

awk -v max="$max" -v allowfile="$tmp/allow" '
BEGIN {
    while ((getline line < allowfile) > 0)
        allowed[line] = 1
}
{
    where = $6; name = $7
    file = where; sub(/\(.*/, "", file); sub(/.*\//, "", file)
    key = file ":" name
    seen[key] = $1
    if ($1 <= max)
        next
    if (key in allowed) {
        nallowed++
        next
    }
    printf "complexity: %s %s is %d, over %d: split it into smaller " \
           "functions\n", where, name, $1, max > "/dev/stderr"
    bad++
}
END {
    for (key in allowed) {
        if (!(key in seen))
            printf "complexity: allow-list entry %s names no function; " \
                   "remove it\n", key > "/dev/stderr"
        else if (seen[key] <= max)
            printf "complexity: allow-list entry %s is now %d; remove " \
                   "it\n", key, seen[key] > "/dev/stderr"
    }
    if (nallowed)
        printf "complexity: %d function(s) over %d allowed by the list\n",
               nallowed, max
    if (bad) {
        printf "complexity: %d function(s) over %d\n", bad, max \
            > "/dev/stderr"
        exit 1
    }
}' "$tmp/all"
