#!/usr/bin/python3
"""Kill an iss command with SIGKILL at random moments; check what is left.

Used by tests/cli/crash.sh (see docs/store.md, "Crash safety, tested").

    crash.py --iss ISS --base DIR --work DIR --runs N --seed S \\
             [--tables T,T] -- ARGS...

BASE is a workspace in the state before the command; each run copies it to
WORK, runs `ISS ARGS...` in the copy (no -C: the history's command line is
the same in every copy) and kills it:

- most runs from outside, with os.kill(pid, SIGKILL) after a random delay
  drawn uniformly over the time an uninterrupted run takes (measured here,
  on this machine, with this binary);
- about 3 runs in 10 with ISS_CRASH_AT=N, the process killing itself at its
  N-th crash point: every kind of point first and last (inside the
  transaction, around the commit, inside each atomic file write), the rest
  at random.

After each kill:
- the store passes PRAGMA integrity_check (on a copy, so that iss itself
  later meets the files exactly as the kill left them);
- the store is all or nothing: every table equals the state before, or the
  state an uninterrupted run leaves. Rows that were there before compare
  exactly, UIDs and tokens included; rows the command adds carry fresh
  random UIDs and tokens, so they are compared by what they are (case,
  date, start, type, staff, owner) instead;
- every out/feeds/*.ics starts BEGIN:VCALENDAR, ends END:VCALENDAR CRLF,
  is read by python-icalendar, belongs to a committed feed, and is the old
  file or the new one; letters and plan files are each the old or the new
  one; no name in out/feeds other than TOKEN.ics and a temporary
  NAME.tmpXXXXXX of an atomic write;
- running the command again exits 0 and leaves what an uninterrupted run
  leaves (the history may hold one more "nothing changed" line per week:
  the second run is a command of its own), with no temporary file left.

Each check prints PASS: or FAIL: (lib.sh's py_checks counts them); INFO:
lines give the figures. The seed makes the runs repeatable (delays,
points); the kills' timing is the machine's.
"""
import argparse
import hashlib
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

try:
    import icalendar
except ImportError:  # the feeds are still checked for their frame
    icalendar = None

HEX32 = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")
TEMP = re.compile(r"\.tmp[A-Za-z0-9]{6}$")
FEED = re.compile(r"^([0-9a-f]{40})\.ics$")
NOOP = re.compile(r"^(week [0-9-]+: 0 added, 0 moved, 0 cancelled"
                  r"|[0-9]+ records, 0 new)$")


def say(ok, what):
    print(("PASS: " if ok else "FAIL: ") + what, flush=True)
    return ok


# ---- the store ----

def old_ids(db):
    """UIDs, staff feed UIDs and tokens of the state before: kept as they
    are in snapshots."""
    c = sqlite3.connect(db)
    ids = set()
    for q in ("select uid from sessions", "select feed_uid from session_staff",
              "select token from feeds"):
        ids.update(r[0] for r in c.execute(q))
    c.close()
    return ids


def store_snapshot(db, old):
    """Every table as sorted rows; new random ids replaced by what the row
    is. Returns (integrity, tables, uid map for texts, token -> owner)."""
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    integrity = [r[0] for r in c.execute("pragma integrity_check")]
    smap = {}
    for uid, case, date, start, typ in c.execute(
            "select uid, case_id, date, start_min, type from sessions"):
        smap[uid] = uid if uid in old else "new:%s|%s|%d|%s" % (
            case, date, start, typ)
    fmap = {}
    for suid, staff, fuid in c.execute(
            "select session_uid, staff_id, feed_uid from session_staff"):
        fmap[fuid] = fuid if fuid in old else "new:%s|%s" % (
            smap.get(suid, suid), staff)
    owners = {}
    t = {"version": [tuple(r) for r in c.execute("pragma user_version")]}
    t["sessions"] = sorted(
        (smap[r[0]],) + tuple(r[1:]) for r in c.execute(
            "select uid, case_id, week, date, type, start_min, end_min, "
            "start_utc, end_utc, sequence, status, pinned, last_change, "
            "first_published from sessions"))
    t["session_staff"] = sorted(
        (smap.get(r[0], r[0]), r[1], fmap[r[2]]) + tuple(r[3:])
        for r in c.execute(
            "select session_uid, staff_id, feed_uid, sequence, status, "
            "last_change from session_staff"))
    feeds = []
    for kind, owner, token, created in c.execute(
            "select owner_kind, owner_id, token, created from feeds"):
        owners[token] = kind + ":" + owner
        feeds.append((kind, owner,
                      token if token in old else "new:" + kind + owner,
                      created))
    t["feeds"] = sorted(feeds)
    t["history"] = [
        (r[0], r[1], r[2], r[3], r[4], smap.get(r[5], r[5]), r[6])
        for r in c.execute(
            "select id, at, who, command, event, session_uid, detail "
            "from history order by id")]
    has_att = c.execute("select count(*) from sqlite_master where "
                        "name = 'attendance'").fetchone()[0]
    t["attendance"] = [
        (r[0], smap.get(r[1], r[1])) + tuple(r[2:]) for r in c.execute(
            "select id, session_uid, outcome, minutes, note, recorded_at, "
            "source from attendance order by id")] if has_att else []
    c.close()
    ids = dict(smap)
    ids.update(fmap)
    return integrity, t, ids, owners


def copy_db(ws, to):
    os.makedirs(to)
    for suffix in ("", "-wal", "-shm"):
        p = os.path.join(ws, "iss.db" + suffix)
        if os.path.exists(p):
            shutil.copy2(p, os.path.join(to, "iss.db" + suffix))
    return os.path.join(to, "iss.db")


# ---- the files ----

ICS_OK = {}


def ics_complete(data):
    """None when data is a complete calendar, else what is wrong."""
    if not data.startswith(b"BEGIN:VCALENDAR\r\n"):
        return "does not start BEGIN:VCALENDAR"
    if not data.endswith(b"\r\nEND:VCALENDAR\r\n"):
        return "does not end END:VCALENDAR CRLF"
    h = hashlib.sha256(data).hexdigest()
    if h not in ICS_OK:
        why = None
        if icalendar is not None:
            try:
                cal = icalendar.Calendar.from_ical(data)
                if cal.name != "VCALENDAR":
                    why = "python-icalendar reads a %s" % cal.name
            except Exception as e:  # noqa: BLE001 - any parse error
                why = "python-icalendar: %s" % e
        ICS_OK[h] = why
    return ICS_OK[h]


def normal(text, ids):
    return HEX32.sub(lambda m: ids.get(m.group(0), m.group(0)), text)


def files_snapshot(ws, ids, owners):
    """out/ as {kind/name: normalised text}, plus problems and temps."""
    files, problems, temps = {}, [], []
    out = os.path.join(ws, "out")
    for sub in ("", "feeds", "letters"):
        d = os.path.join(out, sub)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if os.path.isdir(p):
                continue
            if TEMP.search(name):
                temps.append(os.path.join(sub, name))
                continue
            with open(p, "rb") as f:
                data = f.read()
            if sub == "feeds":
                m = FEED.match(name)
                if m is None:
                    problems.append("feeds/%s: not a feed's name" % name)
                    continue
                why = ics_complete(data)
                if why is not None:
                    problems.append("feeds/%s: %s" % (name, why))
                owner = owners.get(m.group(1))
                if owner is None:
                    problems.append("feeds/%s: no committed feed has this "
                                    "token" % name)
                    continue
                files["feed " + owner] = normal(data.decode("utf-8",
                                                            "replace"), ids)
            else:
                key = (sub + "/" if sub else "") + name
                files[key] = normal(data.decode("utf-8", "replace"), ids)
    return files, problems, temps


# ---- running ----

def fresh(base, work, tag):
    ws = os.path.join(work, tag)
    shutil.rmtree(ws, ignore_errors=True)
    shutil.copytree(base, ws, symlinks=True)
    return ws


def run(iss, args, ws, env, delay=None):
    """Run iss in ws; kill it after delay seconds (None: let it finish).
    Returns (exit status or -signal, seconds, stderr)."""
    t0 = time.monotonic()
    p = subprocess.Popen([iss] + args, cwd=ws, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if delay is not None:
        time.sleep(delay)
        try:
            os.kill(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _, err = p.communicate()
    return p.returncode, time.monotonic() - t0, err.decode("utf-8", "replace")


def state(ws, work, tag, old):
    db = copy_db(ws, os.path.join(work, tag + ".db"))
    integ, tables, ids, owners = store_snapshot(db, old)
    files, problems, temps = files_snapshot(ws, ids, owners)
    shutil.rmtree(os.path.dirname(db))
    return integ, tables, files, problems, temps


def diff(a, b):
    """A short description of where two table sets differ."""
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            ra, rb = a.get(k, []), b.get(k, [])
            extra = [r for r in ra if r not in rb][:2]
            missing = [r for r in rb if r not in ra][:2]
            return "%s: %d rows vs %d; extra %s; missing %s" % (
                k, len(ra), len(rb), extra, missing)
    return "equal"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iss", required=True)
    ap.add_argument("--base", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--name", default="run")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    o = ap.parse_args()
    args = o.args[1:] if o.args[:1] == ["--"] else o.args
    rng = random.Random(o.seed)
    env = dict(os.environ)
    env.pop("ISS_CRASH_AT", None)
    env.pop("ISS_CRASH_TRACE", None)
    name = o.name
    os.makedirs(o.work, exist_ok=True)

    # Before.
    old = old_ids(os.path.join(o.base, "iss.db"))
    b_integ, before, b_files, b_probs, b_temps = state(o.base, o.work,
                                                       "base", old)
    say(b_integ == ["ok"] and not b_probs and not b_temps,
        "%s: the workspace before is sound (%s)" % (
            name, "; ".join(b_probs + b_temps) or "ok"))

    # Uninterrupted runs: the reference, its reproducibility, the time it
    # takes and the crash points it passes.
    times, refs = [], []
    for i in range(3):
        ws = fresh(o.base, o.work, "ref%d" % i)
        e = dict(env)
        if i == 0:
            e["ISS_CRASH_TRACE"] = "1"
        rc, secs, err = run(o.iss, args, ws, e)
        if not say(rc == 0, "%s: an uninterrupted run exits 0 (%d: %s)" % (
                name, rc, err.strip()[-300:])):
            return 0
        times.append(secs)
        if i == 0:
            points = [(int(m.group(1)), m.group(2)) for m in re.finditer(
                r"^iss: crash point ([0-9]+): (.*)$", err, re.M)]
        refs.append(state(ws, o.work, "ref%d" % i, old))
        shutil.rmtree(ws)
    r_integ, ref, r_files, r_probs, r_temps = refs[0]
    say(r_integ == ["ok"] and not r_probs and not r_temps,
        "%s: an uninterrupted run leaves a sound store and files (%s)" % (
            name, "; ".join(r_probs + r_temps) or "ok"))
    say(all(r[1] == ref and r[2] == r_files for r in refs[1:]),
        "%s: uninterrupted runs agree but for random UIDs and tokens (%s)"
        % (name, diff(refs[1][1], ref)))
    say(ref != before,
        "%s: the command changes the store (else nothing is tested)" % name)
    say(len(points) > 0 and [p[0] for p in points] ==
        list(range(1, len(points) + 1)),
        "%s: ISS_CRASH_TRACE lists the crash points (%d)" % (name,
                                                             len(points)))
    span = sorted(times)[1]
    kinds = {}
    for n, where in points:
        kinds.setdefault(where, []).append(n)
    print("INFO: %s: an uninterrupted run takes %.0f ms (median of 3: %s); "
          "%d crash points: %s" % (
              name, span * 1000, ", ".join("%.0f" % (t * 1000)
                                           for t in times),
              len(points), ", ".join("%s x%d" % (k, len(v))
                                     for k, v in kinds.items())))

    # Which runs use ISS_CRASH_AT, and at which points: each kind's first
    # and last, the commit's neighbours, then random ones.
    n_at = max(3, (o.runs * 3 + 9) // 10) if points else 0
    n_at = min(n_at, o.runs)
    want = []
    commit = [n for n, w in points if w in ("before commit", "after commit")]
    for n in commit:
        want += [n - 1, n, n + 1]
    for ns in kinds.values():
        want += [ns[0], ns[-1]]
    picks = []
    for n in want:
        if 1 <= n <= len(points) and n not in picks:
            picks.append(n)
    picks = picks[:n_at]
    rest = [n for n in range(1, len(points) + 1) if n not in picks]
    rng.shuffle(rest)
    picks += rest[:n_at - len(picks)]
    modes = [("at", n) for n in picks]
    modes += [("kill", rng.uniform(0, span))
              for _ in range(o.runs - len(modes))]
    rng.shuffle(modes)

    outcome = {"before": 0, "after": 0}
    at_outcome = {"before": 0, "after": 0}
    finished = 0
    t_start = time.monotonic()
    for i, (mode, v) in enumerate(modes, 1):
        ws = fresh(o.base, o.work, "run")
        e = dict(env)
        if mode == "at":
            e["ISS_CRASH_AT"] = str(v)
            rc, secs, err = run(o.iss, args, ws, e)
            how = "ISS_CRASH_AT=%d (%s)" % (v, points[v - 1][1])
            say(rc == -signal.SIGKILL,
                "%s %d: %s kills the process (status %d)" % (name, i, how,
                                                             rc))
        else:
            rc, secs, err = run(o.iss, args, ws, e, delay=v)
            how = "kill -9 after %.1f ms" % (v * 1000)
            if rc == 0:
                finished += 1
            elif rc != -signal.SIGKILL:
                say(False, "%s %d: %s: status %d: %s" % (
                    name, i, how, rc, err.strip()[-300:]))
        integ, now, files, probs, temps = state(ws, o.work, "run", old)
        say(integ == ["ok"], "%s %d (%s): PRAGMA integrity_check: %s" % (
            name, i, how, "; ".join(integ)[:200]))
        if now == before:
            where = "before"
        elif now == ref:
            where = "after"
        else:
            where = None
        if say(where is not None,
               "%s %d (%s): the store is all or nothing (%s)" % (
                   name, i, how, "before" if where == "before" else
                   "after" if where == "after" else
                   "neither; vs before: " + diff(now, before) +
                   "; vs after: " + diff(now, ref))):
            outcome[where] += 1
            if mode == "at":
                at_outcome[where] += 1
        bad = list(probs)
        for k, text in sorted(files.items()):
            if text != b_files.get(k) and text != r_files.get(k):
                bad.append("%s is neither the old file nor the new one" % k)
        for k in b_files:
            if k not in files:
                bad.append("%s was there before and is gone" % k)
        say(not bad, "%s %d (%s): every file is complete, old or new (%s)"
            % (name, i, how, "; ".join(bad[:3]) or "%d files, %d temporary"
               % (len(files), len(temps))))
        # Run again, to the end.
        rc, _, err = run(o.iss, args, ws, env)
        integ, again, files2, probs2, temps2 = state(ws, o.work, "run", old)
        hist, rhist = again["history"], ref["history"]
        extra = hist[len(rhist):]
        same_hist = ([h[1:] for h in hist[:len(rhist)]] ==
                     [h[1:] for h in rhist] and
                     all(h[4] in ("week published", "attendance imported")
                         and NOOP.match(h[6] or "") for h in extra))
        rest_same = all(again[k] == ref[k] for k in ref if k != "history")
        say(rc == 0 and integ == ["ok"] and same_hist and rest_same and
            files2 == r_files and not probs2 and not temps2,
            "%s %d (%s): run again, it completes as an uninterrupted run "
            "(status %d%s%s%s%s)" % (
                name, i, how, rc, "" if same_hist else "; history differs",
                "" if rest_same else "; " + diff(
                    {k: v for k, v in again.items() if k != "history"},
                    {k: v for k, v in ref.items() if k != "history"}),
                "" if files2 == r_files else "; files differ: " + ", ".join(
                    sorted(k for k in set(files2) | set(r_files)
                           if files2.get(k) != r_files.get(k)))[:200],
                "; " + "; ".join(probs2 + temps2) if probs2 or temps2
                else ""))
        shutil.rmtree(ws)
    took = time.monotonic() - t_start
    say(n_at < 3 or (at_outcome["before"] > 0 and at_outcome["after"] > 0),
        "%s: ISS_CRASH_AT hit the store both before and after its commit "
        "(%d before, %d after)" % (name, at_outcome["before"],
                                   at_outcome["after"]))
    print("INFO: %s: %d runs in %.1f s: %d with ISS_CRASH_AT at %d points, "
          "%d kill -9 from outside (%d finished before the kill); the store "
          "was left as before %d times, as after %d times" % (
              name, o.runs, took, len(picks), len(set(picks)),
              o.runs - len(picks), finished, outcome["before"],
              outcome["after"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
