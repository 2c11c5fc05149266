#!/usr/bin/python3
# iss - plans Intensive Supervision and Surveillance weeks.
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
"""make bench-quality: iss against a naive baseline on workspaces it was not
tuned on (issue 13).

    /usr/bin/python3 tools/bench_quality.py [--quick] [--out FILE]
        [--families a,b] [--sizes S,M,L] [--seeds N|a,b] [--limit S:M:L]
        [--iss PATH] [--compare PATH]

For each family of tools/genws (docs/genws.md) x size (S 30x15, M 80x30,
L 150x60) x seed (1..N; seed k plans the k-th of five weeks: the spring
clock change, the autumn clock change, the early May bank holiday,
Christmas, the summer bank holiday), it plans the week with
`iss plan --time-limit` (S 10 s, M 30 s, L 60 s: issue 13's targets) and
with tools/baseline.py, and judges both plans with
tests/checker/check_plan.py --misses (never the engine's own figures).
Rows: hard-rule violations, misses by kind, and for iss objective, bound,
gap, seconds and peak memory.  Then totals by family and size, the worst
instance, and the machine and commit.  --quick: families tight, specialist
and services at S, seeds 1-2, 5 s (about 2 minutes).  --out appends the
markdown to FILE (make bench-quality: bench/quality.md).  --iss plans with
another iss binary; --compare PATH also plans each instance with a second
binary (e.g. a build of main) right after the first, so two engines meet
the same instances in the same period, and adds its misses and gap to each
row and the totals.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ISS = os.environ.get("ISS", str(ROOT / "iss"))
GENWS = str(ROOT / "build" / "genws")
PY = "/usr/bin/python3"
FAMILIES = ["default", "tight", "specialist", "rota", "stepdown",
            "constrained", "services"]
SIZES = {"S": (30, 15), "M": (80, 30), "L": (150, 60)}
WEEKS = ["2026-03-23", "2026-10-19", "2026-05-04", "2026-12-21",
         "2026-08-31"]
KINDS = ["contacts", "weekend_contacts", "minutes", "weekly_sessions",
         "core_element", "key_worker"]
ABBR = {"contacts": "c", "weekend_contacts": "w", "minutes": "m",
        "weekly_sessions": "ws", "core_element": "ce", "key_worker": "kw"}


def timed(cmd, env, tmp):
    tf = os.path.join(tmp, "time")
    t0 = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-f", "%M %e", "-o", tf] + cmd,
                       env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    try:
        kb = int(open(tf).read().split()[-2])
    except (OSError, ValueError, IndexError):
        kb = 0
    return r.returncode, wall, kb / 1024, r.stderr


def judge(ws, plan, tmp, hard_only):
    mf = os.path.join(tmp, "misses.json")
    if os.path.exists(mf):
        os.remove(mf)
    cmd = [PY, str(ROOT / "tests" / "checker" / "check_plan.py"), ws, plan,
           "--quiet", "--misses", mf]
    if hard_only:
        cmd.append("--hard-only")
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    try:
        m = json.load(open(mf))
    except (OSError, ValueError):
        m = {"hard": -1, "total": -1}
    m["violations"] = [x for x in r.stdout.splitlines()
                       if x.startswith("VIOLATION")][:3]
    return m


def run_iss(iss, ws, week, limit, extra_plan_args, env, tmp):
    """Plan with one iss binary; the judged misses, objective, bound, gap,
    seconds and MB."""
    out = {}
    plan = os.path.join(ws, "out", "plan-%s.json" % week)
    if os.path.exists(plan):
        os.remove(plan)
    rc, wall, mb, err = timed([iss, "-C", ws, "plan", "--week", week,
                               "--time-limit", str(limit), "--quiet"]
                              + extra_plan_args, env, tmp)
    out["s"], out["mb"] = wall, mb
    if rc == 0 and os.path.exists(plan):
        out["m"] = judge(ws, plan, tmp, False)
        sol = json.load(open(plan))["solver"]
        out["obj"], out["bound"], out["gap"] = (sol.get("objective"),
                                                sol.get("bound"),
                                                sol.get("gap"))
    else:
        out["m"] = {"hard": -1, "total": -1, "error": err[-300:]}
        out["obj"] = out["bound"] = out["gap"] = None
    return out


def instance(fam, size, seed, limit, tmp, extra_plan_args, compare=None):
    week = WEEKS[(seed - 1) % len(WEEKS)]
    ws = os.path.join(tmp, "%s-%s-%d" % (fam, size, seed))
    shutil.rmtree(ws, ignore_errors=True)
    g = subprocess.run([GENWS, "--family", fam, "--size", size, "--seed",
                        str(seed), "--week", week, ws],
                       stderr=subprocess.PIPE, text=True)
    if g.returncode != 0:
        raise SystemExit("genws failed: %s" % g.stderr)
    mon = date.fromisoformat(week)
    fri = mon - timedelta(days=3)
    env = dict(os.environ)
    env.setdefault("ISS_DATADIR", str(ROOT))
    env["ISS_TODAY"] = fri.isoformat()
    env["ISS_NOW"] = str(int(datetime(fri.year, fri.month, fri.day, 12,
                                      tzinfo=timezone.utc).timestamp()))
    row = {"family": fam, "size": size, "seed": seed, "week": week,
           "genws": g.stderr.strip()}
    # baseline
    bplan = os.path.join(tmp, "baseline.json")
    rc, wall, mb, err = timed([PY, str(ROOT / "tools" / "baseline.py"), ws,
                               week, bplan], env, tmp)
    row["base_s"] = wall
    row["base"] = judge(ws, bplan, tmp, True) if rc == 0 else \
        {"hard": -1, "total": -1, "error": err[-300:]}
    # iss
    o = run_iss(ISS, ws, week, limit, extra_plan_args, env, tmp)
    row["iss_s"], row["iss_mb"], row["iss"] = o["s"], o["mb"], o["m"]
    row["obj"], row["bound"], row["gap"] = o["obj"], o["bound"], o["gap"]
    if compare:
        row["cmp"] = run_iss(compare, ws, week, limit, extra_plan_args, env,
                             tmp)
    shutil.rmtree(ws, ignore_errors=True)
    return row


def kinds(m):
    if m.get("total", -1) < 0:
        return "error"
    return " ".join("%s%d" % (ABBR[k], m[k]) for k in KINDS if m.get(k))


def pct(g):
    return "-" if g is None else "%.1f%%" % (100 * g)


def fmt_row(r):
    i, b = r["iss"], r["base"]
    num = (lambda x: "-" if x is None else "%.1f" % x)
    s = ("| %s | %s | %d | %s | %d | %d | %s | %s | %s | %s | %.1f | %.0f "
         "| %d | %d | %s | %.1f |" % (
             r["family"], r["size"], r["seed"], r["week"], i["hard"],
             i["total"], kinds(i) or "-", num(r["obj"]), num(r["bound"]),
             pct(r["gap"]), r["iss_s"], r["iss_mb"], b["hard"], b["total"],
             kinds(b) or "-", r["base_s"]))
    if "cmp" in r:
        c = r["cmp"]
        s += " %d | %d | %s | %s |" % (c["m"]["hard"], c["m"]["total"],
                                       kinds(c["m"]) or "-", pct(c["gap"]))
    return s


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--out")
    ap.add_argument("--families")
    ap.add_argument("--sizes")
    ap.add_argument("--seeds", help="N (seeds 1..N) or a list a,b")
    ap.add_argument("--iss", help="the iss binary (default ./iss)")
    ap.add_argument("--compare", help="a second iss binary, same instances")
    ap.add_argument("--limit", help="seconds for S:M:L (default 10:30:60)")
    ap.add_argument("--plan-args", default="",
                    help="more arguments for iss plan")
    ap.add_argument("--label", default="", help="a note for the heading")
    a = ap.parse_args(argv)
    fams = FAMILIES
    sizes = ["S", "M", "L"]
    seeds = [1, 2, 3, 4, 5]
    limits = {"S": 10, "M": 30, "L": 60}
    if a.quick:
        fams, sizes = ["tight", "specialist", "services"], ["S"]
        seeds = [1, 2]
        limits = {"S": 5, "M": 10, "L": 20}
    if a.families:
        fams = a.families.split(",")
    if a.sizes:
        sizes = a.sizes.split(",")
    if a.seeds:
        seeds = ([int(x) for x in a.seeds.split(",")] if "," in a.seeds
                 else list(range(1, int(a.seeds) + 1)))
    global ISS
    if a.iss:
        ISS = os.path.abspath(a.iss)
    compare = os.path.abspath(a.compare) if a.compare else None
    if a.limit:
        v = [int(x) for x in a.limit.split(":")]
        limits = dict(zip(["S", "M", "L"], v))
    tmp = tempfile.mkdtemp(prefix="iss-quality.")
    rows = []
    head = ("| family | size | seed | week | iss hard | iss misses | iss by "
            "kind | objective | bound | gap | iss s | iss MB | base hard | "
            "base misses | base by kind | base s |")
    ncol = 16
    if compare:
        head += " cmp hard | cmp misses | cmp by kind | cmp gap |"
        ncol = 20
    print(head)
    print("|" + "---|" * ncol)
    sys.stdout.flush()
    try:
        for fam in fams:
            for size in sizes:
                for seed in seeds:
                    r = instance(fam, size, seed, limits[size], tmp,
                                 a.plan_args.split(), compare)
                    rows.append(r)
                    print(fmt_row(r))
                    for x in (r["iss"].get("violations", []) +
                              r["base"].get("violations", [])):
                        print("    " + x[:300])
                    sys.stdout.flush()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    lines = []

    def total(sel, who):
        return sum(max(0, r[who]["total"]) for r in rows if sel(r))

    lines.append("")
    lines.append("| group | instances | iss misses | baseline misses | iss "
                 "hard | base hard | iss <= base on |")
    lines.append("|---|---|---|---|---|---|---|")
    groups = [("all", lambda r: True)]
    groups += [("family " + f, (lambda f: lambda r: r["family"] == f)(f))
               for f in fams]
    groups += [("size " + s, (lambda s: lambda r: r["size"] == s)(s))
               for s in sizes]
    for name, sel in groups:
        rs = [r for r in rows if sel(r)]
        if not rs:
            continue
        lines.append("| %s | %d | %d | %d | %d | %d | %d of %d |" % (
            name, len(rs), total(sel, "iss"), total(sel, "base"),
            sum(max(0, r["iss"]["hard"]) for r in rs),
            sum(max(0, r["base"]["hard"]) for r in rs),
            sum(1 for r in rs if r["iss"]["total"] <= r["base"]["total"]),
            len(rs)))
    if compare:
        lines.append("")
        lines.append("Compared binary (%s): %d misses, %d hard, at most the "
                     "baseline on %d of %d; iss (%s) fewer misses than it on "
                     "%d, more on %d." % (
                         compare,
                         sum(max(0, r["cmp"]["m"]["total"]) for r in rows),
                         sum(max(0, r["cmp"]["m"]["hard"]) for r in rows),
                         sum(1 for r in rows if r["cmp"]["m"]["total"] <=
                             r["base"]["total"]), len(rows), ISS,
                         sum(1 for r in rows if r["iss"]["total"] <
                             r["cmp"]["m"]["total"]),
                         sum(1 for r in rows if r["iss"]["total"] >
                             r["cmp"]["m"]["total"])))
    bykind = {k: (sum(r["iss"].get(k, 0) for r in rows),
                  sum(r["base"].get(k, 0) for r in rows)) for k in KINDS}
    lines.append("")
    lines.append("Misses by kind over the matrix (iss / baseline): " +
                 ", ".join("%s %d / %d" % (k, v[0], v[1])
                           for k, v in bykind.items()))
    if rows:
        w = max(rows, key=lambda r: (r["iss"]["total"] - r["base"]["total"],
                                     r["iss"]["total"]))
        lines.append("Worst instance for iss (misses minus the baseline's): "
                     "%s %s seed %d week %s: iss %d, baseline %d." % (
                         w["family"], w["size"], w["seed"], w["week"],
                         w["iss"]["total"], w["base"]["total"]))
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse",
                                 "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip() or "unknown"
    except OSError:
        commit = "unknown"
    cpu = "unknown"
    try:
        for ln in open("/proc/cpuinfo"):
            if ln.startswith("model name"):
                cpu = ln.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    machine = "%d cores, %s" % (os.cpu_count() or 0, cpu)
    lines.append("(%s UTC; machine: %s; commit %s; time limits S %d s, M %d "
                 "s, L %d s%s)" % (
                     datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"),
                     machine, commit, limits["S"], limits["M"], limits["L"],
                     "; --quick" if a.quick else ""))
    print("\n".join(lines))
    if a.out:
        with open(a.out, "a", encoding="utf-8") as f:
            f.write("\n## %s, commit %s%s%s\n\n" % (
                datetime.now(timezone.utc).strftime("%Y-%m-%d"), commit,
                " (quick)" if a.quick else "",
                (": " + a.label) if a.label else ""))
            f.write("Machine: %s.\n\n" % machine)
            f.write(head + "\n|" + "---|" * ncol + "\n")
            for r in rows:
                f.write(fmt_row(r) + "\n")
            f.write("\n".join(lines) + "\n")
    bad = any(r["iss"]["hard"] != 0 for r in rows)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
