#!/usr/bin/python3
"""The rules of the source tree (docs/internals.md), checked by make check.

scheduler/ has one folder per stage of the pipeline, lowest first (LAYERS).
Each folder's private headers (scheduler/F/*.h) are for that folder only;
what another folder may use is in include/iss/, each public header owned by
one folder (OWNER). A folder may use only its own stage and the stages below
it, so the arrows point one way and there is no cycle; only scheduler/store/
includes sqlite3.h, and only scheduler/serve/ includes microhttpd.h.
Prints every breach and exits 1, or prints the folder graph and exits 0.
Usage: tools/layers.py [ROOT]
"""
import os
import re
import sys

LAYERS = ["base", "json", "calendar", "load", "plan", "engine", "store",
          "report", "publish", "serve", "cli"]

# Each public header and the folder whose code it declares.
OWNER = {
    "error.h": "base", "base.h": "base",
    "csv.h": "base", "json.h": "json",
    "calendar.h": "calendar", "calread.h": "calendar",
    "band.h": "load", "team.h": "load", "case.h": "load",
    "workspace.h": "load",
    "plan.h": "plan",
    "solve.h": "engine",
    "store.h": "store", "lock.h": "store", "staff.h": "store",
    "attendance.h": "report", "ladder.h": "report", "actions.h": "report",
    "report.h": "report", "sessionref.h": "report", "today.h": "report",
    "publish.h": "publish", "ical.h": "publish", "complletters.h": "publish",
    "serve.h": "serve",
}
# System headers only one folder may include.
ONLY = {"sqlite3.h": "store", "microhttpd.h": "serve"}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def includes(path):
    with open(path, encoding="utf-8") as f:
        return INCLUDE.findall(f.read())


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    sched = os.path.join(root, "scheduler")
    pub = os.path.join(root, "include", "iss")
    bad = []
    rank = {name: i for i, name in enumerate(LAYERS)}
    edges = {}

    for h in sorted(os.listdir(pub)):
        if h.endswith(".h") and h not in OWNER:
            bad.append("include/iss/%s: no owning folder in tools/layers.py"
                       % h)

    def arrow(src, folder, dst, what):
        if dst == folder:
            return
        edges.setdefault(folder, set()).add(dst)
        if rank[dst] > rank[folder]:
            bad.append("%s: %s (stage %s) uses %s, a later stage"
                       % (src, folder, what, dst))

    files = []
    for entry in sorted(os.listdir(sched)):
        full = os.path.join(sched, entry)
        if os.path.isfile(full) and entry.endswith((".c", ".h")):
            bad.append("scheduler/%s: outside any stage's folder" % entry)
        if not os.path.isdir(full):
            continue
        if entry not in rank:
            bad.append("scheduler/%s/: not a stage in tools/layers.py"
                       % entry)
            continue
        for name in sorted(os.listdir(full)):
            if name.endswith((".c", ".h")):
                files.append((entry, "scheduler/%s/%s" % (entry, name),
                              os.path.join(full, name)))
    for h in sorted(os.listdir(pub)):
        if h in OWNER:
            files.append((OWNER[h], "include/iss/" + h,
                          os.path.join(pub, h)))

    for folder, src, path in files:
        for kind, name in includes(path):
            base = os.path.basename(name)
            if kind == "<":
                if base in ONLY and ONLY[base] != folder:
                    bad.append("%s: includes <%s>, which only scheduler/%s/"
                               " may" % (src, name, ONLY[base]))
                continue
            if name.startswith("iss/"):
                if base in OWNER:
                    arrow(src, folder, OWNER[base], folder)
                continue
            if src.startswith("include/"):
                bad.append('%s: a public header includes "%s"' % (src, name))
                continue
            here = os.path.join(sched, folder, name)
            if os.path.exists(here):
                continue
            owner = [d for d in LAYERS
                     if os.path.exists(os.path.join(sched, d, name))]
            bad.append('%s: includes "%s", private to scheduler/%s/'
                       % (src, name, owner[0] if owner else "?"))

    if bad:
        for b in bad:
            print("layers: " + b)
        print("layers: %d breaches of the tree's rules (docs/internals.md)"
              % len(bad))
        return 1
    for folder in LAYERS:
        uses = sorted(edges.get(folder, ()), key=rank.get)
        print("%-9s -> %s" % (folder, " ".join(uses) or "-"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
