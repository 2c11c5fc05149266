#!/usr/bin/python3
# iss - plans Intensive Supervision and Surveillance weeks.
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
"""A naive baseline planner for the quality benchmark (issue 13).

    /usr/bin/python3 tools/baseline.py WORKSPACE WEEK OUT.json [--datadir DIR]

Written apart from the engine (Python, standard library only; it shares no
code with iss).  It reads the workspace with the independent checker's
reader (tests/checker/check_plan.py: the same rules as docs/files.md and
docs/bands.md) and plans greedily, the way issue 13 describes:

1. pins, exactly as given;
2. every child's daily contacts (and step-down weekend contacts) first,
   across all children, the scarcest day first (tracker minutes on duty
   per contact due), and within a day the child with the least free time
   first; each contact a tracking session of 30 minutes at the earliest
   time that keeps the contact gap, with the least loaded permitted
   tracker;
3. only then hours, in rounds over the children (most minutes short
   first), one session a child a round: weekly_sessions, then the core
   elements missing in a week with daily contacts, then sessions of the
   element the child has had least of, on the day the child has least,
   never merging two contacts into one.

Every session it adds keeps the practice rules (policy max_element_share,
weekly_sessions max; the checker's rule 8), so the comparison is fair.

It never breaks a hard rule of docs/plan.md on purpose (the checker says
whether it did).  The plan it writes has the sessions and the shape the
checker needs; its cases[] figures are placeholders, so judge it with
check_plan.py --hard-only.
"""

import json
import math
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "checker"))
import check_plan as cp  # noqa: E402  (the independent reader)

CORE = cp.CORE_ELEMENTS


def overlap(a, b, c, d):
    return a < d and c < b


class Planner:
    def __init__(self, wsdir, week, datadir):
        self.ws = cp.Workspace(wsdir, datadir)
        self.week = week
        self.days = [week + timedelta(days=i) for i in range(7)]
        plan = {"week": week.isoformat(), "cases": [], "sessions": []}
        self.ctx = cp.Context(self.ws, plan, cp.Report())
        self.ctx.week = week
        self.ctx.days = self.days
        pol = self.ws.policy
        self.travel = pol["travel_minutes_between_sessions"]
        self.gap = pol["contact_gap_minutes"]
        self.child_cap = pol["max_child_minutes_per_day"]
        self.cases = []
        for cid in sorted(self.ws.cases):
            ci = cp.CaseInfo(self.ws, self.ws.cases[cid])
            if any(ci.in_order(d) for d in self.days):
                self.cases.append(cid)
                self.ctx.cinfo[cid] = ci
        self.ctx.case_ids = list(self.cases)
        self.fig = {cid: cp.compute_figures(self.ctx, cid)
                    for cid in self.cases}
        self.blocked = {cid: [(s, e) for s, e, _, _ in
                              cp.blocked_times(self.ctx, cid)]
                        for cid in self.cases}
        # staff: usable periods by day
        self.avail = {}
        for sid, st in self.ws.staff.items():
            per = {}
            for d in self.days:
                if cp.in_ranges(d, st.get("leave")):
                    continue
                if st.get("bank_holidays", True) is False \
                        and self.ws.is_bank_holiday(d):
                    continue
                per[d] = cp.availability_periods(self.ws, sid, d)
            self.avail[sid] = per
        self.cap_day = {}
        self.cap_week = {}
        for sid, st in self.ws.staff.items():
            self.cap_day[sid] = (float(st["max_hours_per_day"]) * 60
                                 if cp.is_number(st.get("max_hours_per_day"))
                                 else 1e9)
            self.cap_week[sid] = (float(st["max_hours_per_week"]) * 60
                                  if cp.is_number(
                                      st.get("max_hours_per_week"))
                                  else 1e9)
        self.roles = {sid: set(st.get("roles", []))
                      for sid, st in self.ws.staff.items()}
        # state
        self.staff_sess = {sid: [] for sid in self.ws.staff}
        self.staff_day = {}
        self.staff_week = {sid: 0 for sid in self.ws.staff}
        self.child_sess = {cid: [] for cid in self.cases}
        self.distinct = {cid: set() for cid in self.cases}
        self.sessions = []
        self.track = None
        for tid, t in self.ws.types.items():
            if t.get("element") == "surveillance":
                self.track = tid
                break

    # ---- checks ----------------------------------------------------------

    def permitted(self, cid, sid):
        ci = self.ctx.cinfo[cid]
        if ci.only is not None and sid not in ci.only:
            return False
        return sid not in ci.avoid

    def staff_ok(self, sid, cid, s, e, d):
        per = self.avail[sid].get(d)
        if not per or not any(a <= s and e <= b for a, b in per):
            return False
        L = e - s
        if self.staff_day.get((sid, d), 0) + L > self.cap_day[sid]:
            return False
        if self.staff_week[sid] + L > self.cap_week[sid]:
            return False
        for a, b, c2 in self.staff_sess[sid]:
            if c2 == cid:
                if overlap(s, e, a, b):
                    return False
            elif s < b + self.travel and a < e + self.travel:
                return False
        return True

    def child_ok(self, cid, s, e, d):
        ci = self.ctx.cinfo[cid]
        if not ci.in_order(d):
            return False
        day_min = sum(x[1] - x[0] for x in self.child_sess[cid]
                      if x[2] == d)
        if day_min + (e - s) > self.child_cap:
            return False
        for a, b in self.blocked[cid]:
            if overlap(s, e, a, b):
                return False
        for x in self.child_sess[cid]:
            if overlap(s, e, x[0] - self.travel, x[1] + self.travel):
                return False
        return True

    def contacts(self, cid, d, extra=None):
        ivs = [(x[0], x[1]) for x in self.child_sess[cid] if x[2] == d]
        if extra:
            ivs.append(extra)
        n, latest = 0, None
        for s, e in sorted(ivs):
            if latest is None or s >= latest + self.gap:
                n += 1
            latest = e if latest is None else max(latest, e)
        return n

    def pick_staff(self, cid, tid, s, e, d, prefer_kw):
        """One staff member (two for a double-staffed case) for the
        session, or None."""
        ci = self.ctx.cinfo[cid]
        roles = set(self.ws.types[tid].get("roles", []))
        md = ci.max_distinct if cp.is_int(ci.max_distinct) else None
        kw = (ci.raw.get("staff") or {}).get("key_worker")

        def order(cands):
            return sorted(cands, key=lambda x: (
                not (x == kw and (prefer_kw or kw not in self.distinct[cid])),
                x not in self.distinct[cid],
                self.staff_week[x] / max(1.0, min(self.cap_week[x], 2400)),
                x))

        def fits(chosen):
            if md is None:
                return True
            return len(self.distinct[cid] | set(chosen)) <= md

        first = [x for x in self.ws.staff if roles & self.roles[x]
                 and self.permitted(cid, x)]
        for a in order(first):
            if not fits([a]) or not self.staff_ok(a, cid, s, e, d):
                continue
            if not ci.double:
                return [a]
            second = [x for x in self.ws.staff if x != a
                      and self.permitted(cid, x)]
            for b in order(second):
                if fits([a, b]) and self.staff_ok(b, cid, s, e, d):
                    return [a, b]
        return None

    def add(self, cid, tid, staff, s, e, d, pinned=False):
        for sid in staff:
            self.staff_sess[sid].append((s, e, cid))
            self.staff_day[(sid, d)] = self.staff_day.get((sid, d), 0) + e - s
            self.staff_week[sid] += e - s
            self.distinct[cid].add(sid)
        self.child_sess[cid].append((s, e, d, tid))
        self.sessions.append((s, e, d, cid, tid, list(staff), pinned))

    def rules_ok(self, cid, tid, L):
        """One more planned session of tid, L minutes, keeps the practice
        rules (check_plan.py rule 8: pins are given)."""
        ci = self.ctx.cinfo[cid]
        types = self.ws.types
        el = types[tid]["element"]
        fixed_n = planned_n = fixed_el = planned_el = fixed_all = 0
        for s, e, d, c, t, staff, pinned in self.sessions:
            if c != cid:
                continue
            if pinned:
                fixed_all += e - s
            if t == tid:
                if pinned:
                    fixed_n += 1
                else:
                    planned_n += 1
            if t in types and types[t]["element"] == el:
                if pinned:
                    fixed_el += e - s
                else:
                    planned_el += e - s
        free = cp.element_free(types, ci.raw.get("weekly_sessions"))[el]
        for w in ci.raw.get("weekly_sessions", []) or []:
            if w.get("type") == tid and w.get("max") is not None \
                    and planned_n + 1 > max(0, w["max"] - fixed_n):
                return False
        share = ci.raw.get("max_element_share",
                           self.ws.policy["max_element_share"])
        if share >= 1 or el == "surveillance":
            return True
        f = self.fig[cid]
        need = max(0, f["required"] - math.floor(f["education"]))
        c = max(free, share * max(need, fixed_all))
        return planned_el + L <= max(0.0, c - fixed_el) + 0.5

    def day_span(self, d):
        return self.ws.day_earliest, self.ws.day_latest

    def try_place(self, cid, tid, L, days, not_before=None, grow=False,
                  prefer_kw=True):
        """The earliest slot on the first of `days` that takes a session of
        tid, L minutes; keeps the day's contacts (or grows them by one when
        grow).  Returns True when placed."""
        if not self.rules_ok(cid, tid, L):
            return False
        for d in days:
            lo, hi = self.day_span(d)
            before = self.contacts(cid, d)
            for t in range(lo, hi - L + 1, 15):
                s = cp.local_epoch(d, t)
                e = s + L
                if not_before is not None and s < not_before:
                    continue
                if not self.child_ok(cid, s, e, d):
                    continue
                after = self.contacts(cid, d, (s, e))
                if after < before + (1 if grow else 0):
                    continue
                staff = self.pick_staff(cid, tid, s, e, d, prefer_kw)
                if staff is None:
                    continue
                self.add(cid, tid, staff, s, e, d)
                return True
        return False

    # ---- the phases ------------------------------------------------------

    def pins(self):
        for cid in self.cases:
            for p in self.ctx.cinfo[cid].raw.get("pinned", []) or []:
                d = cp.parse_date(p["date"])
                if not self.days[0] <= d <= self.days[6]:
                    continue
                a, b, over = cp.parse_period(p["time"])
                s, e = cp.period_on(d, (a, b, over))
                self.add(cid, p["type"], p["staff"], s, e, d, pinned=True)

    def tracker_minutes(self, d):
        tot = 0
        for sid in self.ws.staff:
            if self.track is None or not (
                    set(self.ws.types[self.track]["roles"]) & self.roles[sid]):
                continue
            for a, b in self.avail[sid].get(d, []):
                tot += min(b - a, self.cap_day[sid])
        return tot

    def free_minutes(self, cid, d):
        lo, hi = self.day_span(d)
        s0, e0 = cp.local_epoch(d, lo), cp.local_epoch(d, hi)
        ivs = [(max(a, s0), min(b, e0)) for a, b in self.blocked[cid]
               if a < e0 and b > s0]
        return (e0 - s0) - cp.union_minutes(ivs)

    def contacts_first(self):
        if self.track is None:
            return
        L = 30 if 30 in self.ws.types[self.track]["minutes"] \
            else self.ws.types[self.track]["minutes"][0]
        need = {}
        for cid in self.cases:
            for d, v in self.fig[cid]["contacts"].items():
                n = v["required"] - (1 if v["curfew_contact"] else 0)
                if n > 0:
                    need[(cid, d)] = n
        due = {d: sum(n for (c, dd), n in need.items() if dd == d)
               for d in self.days}
        order = sorted((d for d in self.days if due[d] > 0),
                       key=lambda d: (self.tracker_minutes(d) / due[d], d))
        for d in order:
            kids = sorted((c for (c, dd) in need if dd == d),
                          key=lambda c: (self.free_minutes(c, d), c))
            for cid in kids:
                have = self.contacts(cid, d)
                for _ in range(need[(cid, d)] - have):
                    if not self.try_place(cid, self.track, L, [d],
                                          grow=True, prefer_kw=False):
                        break
        # step-down weekend contacts: Saturday or Sunday, the scarcer last
        wk = [d for d in self.days if d.weekday() >= 5]
        for cid in self.cases:
            req = self.fig[cid]["weekend"]["required"]
            got = sum(self.contacts(cid, d) for d in wk)
            for _ in range(req - got):
                days = sorted(wk, key=lambda d: -self.tracker_minutes(d))
                if not self.try_place(cid, self.track, L, days, grow=True,
                                      prefer_kw=False):
                    break

    def minutes_short(self, cid):
        f = self.fig[cid]
        planned = sum(x[1] - x[0] for x in self.child_sess[cid])
        return f["required"] - planned - math.floor(f["education"])

    def hours(self):
        demands = {}
        for cid in self.cases:
            ci = self.ctx.cinfo[cid]
            have = {}
            for x in self.child_sess[cid]:
                have[x[3]] = have.get(x[3], 0) + 1
            dem = []
            for w in ci.raw.get("weekly_sessions", []) or []:
                if w["type"] in self.ws.types:
                    dem += [w["type"]] * max(0, w["count"]
                                             - have.get(w["type"], 0))
            if any(v["required"] > 0
                   for v in self.fig[cid]["contacts"].values()):
                els = {self.ws.types[t]["element"] for t in dem}
                els |= {self.ws.types[x[3]]["element"]
                        for x in self.child_sess[cid]
                        if x[3] in self.ws.types}
                for el in CORE:
                    if el in els:
                        continue
                    for tid, t in self.ws.types.items():
                        if t["element"] == el:
                            dem.append(tid)
                            break
            demands[cid] = dem
        core_types = [tid for tid, t in self.ws.types.items()
                      if t["element"] in CORE]
        fill_types = core_types + ([self.track] if self.track else [])
        dead = {cid: set() for cid in self.cases}
        active = set(self.cases)
        while active:
            for cid in sorted(active, key=lambda c: (-self.minutes_short(c),
                                                     c)):
                days = [d for d in self.days
                        if self.ctx.cinfo[cid].in_order(d)]
                days.sort(key=lambda d: (sum(x[1] - x[0] for x in
                                             self.child_sess[cid]
                                             if x[2] == d), d))
                if demands[cid]:
                    tid = demands[cid].pop(0)
                    L = self.ws.types[tid]["minutes"][0]
                    self.try_place(cid, tid, L, days)
                    continue
                short = self.minutes_short(cid)
                if short <= 0:
                    active.discard(cid)
                    continue
                mins = {}
                for x in self.child_sess[cid]:
                    mins[x[3]] = mins.get(x[3], 0) + x[1] - x[0]
                cands = sorted((t for t in fill_types if t not in dead[cid]),
                               key=lambda t: (t == self.track,
                                              mins.get(t, 0), t))
                placed = False
                for tid in cands:
                    allowed = [m for m in self.ws.types[tid]["minutes"]
                               if m <= 120]
                    if not allowed:
                        dead[cid].add(tid)
                        continue
                    fit = [m for m in allowed if m >= short]
                    L = fit[0] if fit else allowed[-1]
                    if self.try_place(cid, tid, L, days):
                        placed = True
                        break
                    if L == allowed[0] or not self.try_place(
                            cid, tid, allowed[0], days):
                        dead[cid].add(tid)
                    else:
                        placed = True
                        break
                if not placed:
                    active.discard(cid)

    # ---- output ----------------------------------------------------------

    def write(self, path, seconds):
        out = []
        for s, e, d, cid, tid, staff, pinned in sorted(
                self.sessions, key=lambda x: (x[0], x[3])):
            sd = datetime.fromtimestamp(s * 60, tz=timezone.utc) \
                .astimezone(cp.LONDON)
            ed = datetime.fromtimestamp(e * 60, tz=timezone.utc) \
                .astimezone(cp.LONDON)
            out.append({"uid": None, "case": cid, "type": tid,
                        "staff": staff, "date": sd.date().isoformat(),
                        "start": sd.isoformat(), "end": ed.isoformat(),
                        "minutes": e - s, "sequence": 0,
                        "status": "planned", "pinned": pinned})
        cases = [{"id": cid, "band": self.ctx.cinfo[cid].band_id,
                  "required_minutes": 0, "planned_minutes": 0,
                  "education_minutes_counted": 0, "contacts": {},
                  "shortfall": []} for cid in self.cases]
        plan = {"week": self.week.isoformat(),
                "service": self.ws.team.get("service"),
                "solver": {"status": "feasible",
                           "seconds": round(seconds, 2)},
                "cases": cases, "sessions": out}
        with open(path, "w", encoding="utf-8") as f:
            json.dump(plan, f, indent=1)
            f.write("\n")


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    datadir = HERE.parent
    if "--datadir" in argv:
        datadir = Path(argv[argv.index("--datadir") + 1])
        args.remove(str(datadir))
    if len(args) != 3:
        print("usage: baseline.py WORKSPACE WEEK OUT.json [--datadir DIR]",
              file=sys.stderr)
        return 2
    wk = date.fromisoformat(args[1])
    wk -= timedelta(days=wk.weekday())
    t0 = time.monotonic()
    p = Planner(args[0], wk, datadir)
    p.pins()
    p.contacts_first()
    p.hours()
    p.write(args[2], time.monotonic() - t0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
