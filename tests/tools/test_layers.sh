#!/bin/sh
# tools/layers.py finds each kind of breach of the tree's rules
# (docs/internals.md) and passes the tree as it is: a copy of scheduler/
# and include/ is broken one way at a time.
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/iss-layers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

fresh()
{
    rm -rf "$tmp/t" && mkdir "$tmp/t" &&
        cp -R "$here/scheduler" "$here/include" "$tmp/t/"
}

# expect RC PATTERN: layers.py on the copy exits RC and says PATTERN.
expect()
{
    /usr/bin/python3 "$here/tools/layers.py" "$tmp/t" > "$tmp/out" 2>&1
    rc=$?
    if [ "$rc" -eq "$1" ] && grep -q -- "$2" "$tmp/out"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: wanted exit $1 and '$2', got exit $rc:"
        cat "$tmp/out"
    fi
}

fresh
expect 0 "cli       -> "

fresh   # SQLite outside store/
echo '#include <sqlite3.h>' >> "$tmp/t/scheduler/report/today.c"
expect 1 "report/today.c: includes <sqlite3.h>, which only scheduler/store/"

fresh   # another folder's private header
echo '#include "engine.h"' >> "$tmp/t/scheduler/report/today.c"
expect 1 'includes "engine.h", private to scheduler/engine/'

fresh   # an arrow up the pipeline (a cycle in the making)
echo '#include "iss/publish.h"' >> "$tmp/t/scheduler/engine/solve.c"
expect 1 "engine/solve.c: engine (stage engine) uses publish, a later stage"

fresh   # a file outside any stage's folder
echo 'int x;' > "$tmp/t/scheduler/loose.c"
expect 1 "scheduler/loose.c: outside any stage's folder"

fresh   # a public header nobody owns
echo '/* */' > "$tmp/t/include/iss/orphan.h"
expect 1 "include/iss/orphan.h: no owning folder"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
