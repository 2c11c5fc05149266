#!/usr/bin/python3
# iss - plans Intensive Supervision and Surveillance weeks.
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
"""An independent checker for iss plans (out/plan-YYYY-MM-DD.json).

    /usr/bin/python3 tests/checker/check_plan.py WORKSPACE PLAN.json
        [--datadir DIR] [--expect-met] [--expect-short CASE:DATE]...
        [--all-cases] [--quiet] [--hard-only] [--misses FILE]

Every rule is re-derived here from the workspace files and the documents
(FORMAT.md, docs/files.md, docs/bands.md, docs/calendar.md, docs/plan.md); no
code or logic of the engine is used.  Standard library only.

Each failure is one line "VIOLATION: <rule>: <details>", where <rule> is
"shape", "rule 1 (grid)" .. "rule 7 (child daily cap)" (docs/plan.md, hard
rules 1-7), "figures (...)" or "shortfall (...)"; --expect-met adds
"UNMET: ..." lines, --expect-short adds "EXPECT: ..." lines.  The last line is
"checked N sessions, M cases: K violations" (with --quiet, printed only when
something failed).  --all-cases also demands that every case in force in the
week is in cases[] (a plan made without --case).  --hard-only skips the
reported figures and shortfall (for plans written by another planner, such
as tools/baseline.py); --misses FILE writes what the plan leaves short, by
kind, recomputed here (the quality benchmark).  Exit status: 0 all fine, 1 a
violation (or an unmet expectation), 2 the workspace or the command line
could not be read.

Times: every interval is turned into whole minutes since the Unix epoch (UTC),
so overlaps and lengths are elapsed time, right across the clock changes.
A local clock time that does not exist (01:30 on the last Sunday of March) is
read with the offset in force before the change; one that happens twice (the
last Sunday of October) is the first, BST (docs/calendar.md).
"""

import argparse
import csv
import json
import math
import re
import sys
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
CORE_ELEMENTS = ["ete", "restorative", "offending_behaviour", "family",
                 "interpersonal"]
STATUSES = {"planned", "published", "moved", "cancelled"}
SOLVER_STATUSES = {"optimal", "feasible", "time limit"}
SHORTFALL_KINDS = {"minutes", "contacts", "weekend_contacts",
                   "weekly_sessions", "core_element"}

# docs/files.md, "Defaults when session_types is left out".
DEFAULT_SESSION_TYPES = [
    {"id": "ete", "element": "ete", "minutes": [60, 90, 120],
     "roles": ["case_manager", "ete_worker"]},
    {"id": "restorative", "element": "restorative",
     "minutes": [60, 120, 180],
     "roles": ["case_manager", "reparation_worker"]},
    {"id": "offending_behaviour", "element": "offending_behaviour",
     "minutes": [60, 90], "roles": ["case_manager"]},
    {"id": "family", "element": "family", "minutes": [60, 90],
     "roles": ["case_manager", "family_worker"]},
    {"id": "interpersonal", "element": "interpersonal", "minutes": [60, 90],
     "roles": ["case_manager"]},
    {"id": "tracking", "element": "surveillance", "minutes": [15, 30],
     "roles": ["tracker"]},
]

# docs/files.md, policy table (only the fields a plan is checked against).
POLICY_DEFAULTS = {
    "travel_minutes_before_curfew": 20,
    "travel_minutes_after_education": 20,
    "travel_minutes_between_sessions": 15,
    "contact_gap_minutes": 120,
    "max_child_minutes_per_day": 360,
    "max_element_share": 0.4,
}

def element_free(types, weekly_sessions):
    """docs/solver.md "Practice rules": the minutes each element may always
    have in a week: what the weekly_sessions of its types take at their
    shortest lengths, and at least one session of its shortest type."""
    free = {}
    for w in weekly_sessions or []:
        t = types.get(w.get("type"))
        if t is not None:
            free[t["element"]] = (free.get(t["element"], 0)
                                  + w.get("count", 0) * min(t["minutes"]))
    for t in types.values():
        free[t["element"]] = max(free.get(t["element"], 0),
                                 min(t["minutes"]))
    return free

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?"
                     r"(Z|[+-]\d{2}:\d{2})$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HM_RE = re.compile(r"^(\d{2}):(\d{2})$")


class WorkspaceError(Exception):
    """The workspace (not the plan) cannot be read."""


# ---------------------------------------------------------------------------
# Small helpers: numbers, dates, clock times, instants.

def is_int(x):
    """A JSON integer (true/false are not integers here)."""
    return isinstance(x, int) and not isinstance(x, bool)


def one_of(x, allowed):
    """x is text and one of `allowed` (safe for any JSON value)."""
    return isinstance(x, str) and x in allowed


def is_number(x):
    return (isinstance(x, (int, float))) and not isinstance(x, bool)


def frac(x):
    """An exact Fraction of a JSON number (22.5 -> 45/2)."""
    if isinstance(x, float):
        return Fraction(repr(x))
    return Fraction(x)


def parse_date(s):
    """'YYYY-MM-DD' -> date, or ValueError."""
    if not isinstance(s, str) or not DATE_RE.match(s):
        raise ValueError("not a date YYYY-MM-DD: %r" % (s,))
    return date.fromisoformat(s)


def parse_hm(s):
    """'HH:MM' -> minutes after midnight, 00:00-24:00."""
    m = HM_RE.match(s) if isinstance(s, str) else None
    if not m:
        raise ValueError("not a clock time HH:MM: %r" % (s,))
    h, mi = int(m.group(1)), int(m.group(2))
    if mi > 59 or h > 24 or (h == 24 and mi != 0):
        raise ValueError("not a clock time HH:MM: %r" % (s,))
    return h * 60 + mi


def parse_period(s):
    """'HH:MM-HH:MM' -> (start, end, overnight); end < start runs past
    midnight; '24:00' is allowed as an end (FORMAT.md, docs/files.md)."""
    if not isinstance(s, str) or s.count("-") != 1:
        raise ValueError("not a period HH:MM-HH:MM: %r" % (s,))
    a, b = (parse_hm(x) for x in s.split("-"))
    if a == 1440 or a == b:
        raise ValueError("not a period HH:MM-HH:MM: %r" % (s,))
    return a, b, b < a


def hm(minutes):
    return "%02d:%02d" % divmod(minutes, 60)


def wday(d):
    return WEEKDAYS[d.weekday()]


def local_epoch(d, minutes):
    """Local clock time `minutes` after midnight of `d` in Europe/London ->
    minutes since the epoch (UTC).  minutes may be 1440 (24:00)."""
    d = d + timedelta(days=minutes // 1440)
    minutes %= 1440
    dt = datetime(d.year, d.month, d.day, minutes // 60, minutes % 60,
                  tzinfo=LONDON)
    return int(dt.timestamp()) // 60


def period_on(d, period):
    """The instants (epoch minutes) of a period whose start day is d."""
    a, b, overnight = period
    return (local_epoch(d, a),
            local_epoch(d + timedelta(days=1), b) if overnight
            else local_epoch(d, b))


def day_bounds(d):
    return local_epoch(d, 0), local_epoch(d + timedelta(days=1), 0)


def fmt_epoch(m):
    """Epoch minutes -> 'YYYY-MM-DD HH:MM' local."""
    dt = datetime.fromtimestamp(m * 60, tz=timezone.utc).astimezone(LONDON)
    return dt.strftime("%Y-%m-%d %H:%M")


def union_minutes(intervals):
    """Total minutes covered by a set of [s, e) intervals."""
    total, cur_s, cur_e = 0, None, None
    for s, e in sorted(intervals):
        if e <= s:
            continue
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += cur_e - cur_s
    return total


def overlaps(a_s, a_e, b_s, b_e):
    return a_s < b_e and b_s < a_e


def days_in_month(y, m):
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def add_months(d, n):
    """d + n calendar months, clamped to the month's end (docs/calendar.md:
    31 Oct + 1 month = 30 Nov; always counted from the start date)."""
    k = d.year * 12 + (d.month - 1) + n
    y, m = divmod(k, 12)
    m += 1
    return date(y, m, min(d.day, days_in_month(y, m)))


def month_of_order(start, d):
    """'Month N of the order' holding day d (d >= start): month N runs from
    start + (N-1) months to the day before start + N months."""
    n = max(1, (d.year - start.year) * 12 + d.month - start.month)
    while n > 1 and add_months(start, n - 1) > d:
        n -= 1
    while add_months(start, n) <= d:
        n += 1
    return n


def easter(y):
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return date(y, month, day)


def first_monday(y, m):
    d = date(y, m, 1)
    return d + timedelta(days=(7 - d.weekday()) % 7)


def last_monday(y, m):
    d = date(y, m, days_in_month(y, m))
    return d - timedelta(days=d.weekday())


def rule_bank_holidays(y):
    """England-and-Wales bank holidays of year y by rule (docs/calendar.md),
    before the data file's moves and additions."""
    out = set()
    ny = date(y, 1, 1)
    out.add(ny + timedelta(days={5: 2, 6: 1}.get(ny.weekday(), 0)))
    e = easter(y)
    out.add(e - timedelta(days=2))
    out.add(e + timedelta(days=1))
    out.add(first_monday(y, 5))
    out.add(last_monday(y, 5))
    out.add(last_monday(y, 8))
    xmas = date(y, 12, 25)
    wd = xmas.weekday()
    if wd == 5:        # Saturday: Monday 27 and Tuesday 28
        out |= {date(y, 12, 27), date(y, 12, 28)}
    elif wd == 6:      # Sunday: Monday 26 and Tuesday 27
        out |= {date(y, 12, 26), date(y, 12, 27)}
    elif wd == 4:      # Friday: Boxing Day on Saturday moves to Monday 28
        out |= {xmas, date(y, 12, 28)}
    else:
        out |= {xmas, date(y, 12, 26)}
    return out


def bank_holidays(years, data_file=None, extra=()):
    """Bank holidays over `years`: by rule, then data_file's "moved" and
    "added", then the team's extra holidays."""
    out = set()
    for y in years:
        out |= rule_bank_holidays(y)
    if data_file is not None:
        for mv in data_file.get("moved", []):
            out.discard(parse_date(mv["from"]))
            out.add(parse_date(mv["to"]))
        for ad in data_file.get("added", []):
            out.add(parse_date(ad["date"]))
    for x in extra:
        out.add(parse_date(x))
    return out


def day_set(days):
    """A 'days' value ("daily" or a list of weekdays; absent = daily)."""
    if days is None or days == "daily":
        return set(WEEKDAYS)
    if isinstance(days, list) and all(x in WEEKDAYS for x in days):
        return set(days)
    raise ValueError("not a days value: %r" % (days,))


def in_ranges(d, ranges):
    return any(parse_date(r["from"]) <= d <= parse_date(r["to"])
               for r in ranges or [])


# ---------------------------------------------------------------------------
# The workspace.

def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise WorkspaceError("%s: %s" % (path, e))


class Workspace:
    """team.json, cases/*.json, the bands and the bank holidays."""

    def __init__(self, wsdir, datadir):
        wsdir, datadir = Path(wsdir), Path(datadir)
        self.team = load_json(wsdir / "team.json")
        if not isinstance(self.team, dict):
            raise WorkspaceError("team.json: not an object")
        self.staff = {}
        for s in self.team.get("staff", []):
            self.staff[s["id"]] = s
        types = self.team.get("session_types", DEFAULT_SESSION_TYPES)
        self.types = {t["id"]: t for t in types}
        self.policy = dict(POLICY_DEFAULTS)
        policy = self.team.get("policy", {})
        self.policy.update({k: v for k, v in policy.items()
                            if k in POLICY_DEFAULTS})
        pd = self.team.get("planning_day", {})
        self.day_earliest = parse_hm(pd.get("earliest", "08:00"))
        self.day_latest = parse_hm(pd.get("latest", "21:00"))

        self.cases = {}
        cdir = wsdir / "cases"
        for p in sorted(cdir.glob("*.json")) if cdir.is_dir() else []:
            c = load_json(p)
            if not isinstance(c, dict) or "id" not in c:
                raise WorkspaceError("%s: not a case object with an id" % p)
            self.cases[c["id"]] = c

        self.bands = {}
        for bdir in (datadir / "bands", wsdir / "bands"):
            for p in sorted(bdir.glob("*.json")) if bdir.is_dir() else []:
                b = load_json(p)
                if not isinstance(b, dict):
                    raise WorkspaceError("%s: not a band object" % p)
                self.bands[b.get("id", p.stem)] = b

        self.rota = Rota(self.team, wsdir / "rota.csv")

        bh_path = datadir / "data" / "bank-holidays-ew.json"
        self.bh_data = load_json(bh_path) if bh_path.exists() else {}
        self.extra_holidays = self.team.get("extra_holidays", [])
        self._bh_cache = {}

    def is_bank_holiday(self, d):
        """Bank holiday by rule + data file + team extra_holidays."""
        key = d.year
        if key not in self._bh_cache:
            self._bh_cache[key] = bank_holidays(
                [d.year - 1, d.year, d.year + 1], self.bh_data,
                self.extra_holidays)
        return d in self._bh_cache[key]


class Rota:
    """Each staff member's rota (docs/files.md, "rota"): a cycle of weekly
    patterns whose week 1 starts on rota.start (a Monday), else the weekly
    availability; dated entries from team.json (rota.dates) and rota.csv
    (staff,date,time with "off" or periods) replace a day's periods."""

    def __init__(self, team, csv_path):
        self.staff = {s["id"]: s for s in team.get("staff", [])}
        self.dated = {}          # (staff id, date) -> None (off) or periods
        for sid, st in self.staff.items():
            for e in (st.get("rota") or {}).get("dates", []):
                d = parse_date(e["date"])
                self.dated[(sid, d)] = None if e.get("off") else \
                    [parse_period(p) for p in e["time"]]
        if csv_path.exists():
            with open(csv_path, encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
            head = [h.strip() for h in rows[0]] if rows else []
            try:
                ci = [head.index(k) for k in ("staff", "date", "time")]
            except ValueError:
                raise WorkspaceError("rota.csv: header without "
                                     "staff,date,time")
            for row in rows[1:]:
                if not any(x.strip() for x in row):
                    continue
                sid, ds, tm = (row[i].strip() for i in ci)
                d = parse_date(ds)
                if (sid, d) in self.dated:
                    raise WorkspaceError("rota.csv: %s %s twice" % (sid, ds))
                if tm.lower() == "off":
                    self.dated[(sid, d)] = None
                else:
                    self.dated[(sid, d)] = [
                        parse_period(p)
                        for p in re.split(r"[\s,;]+", tm) if p]

    def has_dated(self, sid, d):
        return (sid, d) in self.dated

    def starting(self, sid, d):
        """The periods (start, end, overnight) starting on d."""
        if (sid, d) in self.dated:
            return self.dated[(sid, d)] or []
        st = self.staff[sid]
        rota = st.get("rota") or {}
        if "weeks" in rota:
            weeks = rota["weeks"]
            n = (d - parse_date(rota["start"])).days // 7   # floor
            week = weeks[n % len(weeks)]
        else:
            week = st.get("availability", {}) or {}
        return [parse_period(p) for p in week.get(wday(d), [])]

    def describe(self, sid, d):
        """The day's periods as written, for messages."""
        per = self.starting(sid, d)
        return ", ".join("%s-%s" % (hm(a), hm(b))
                         for a, b, _ in per) or "none"


class CaseInfo:
    """A case's order, effective band fields, and its blocked time."""

    def __init__(self, ws, case):
        self.raw = case
        self.id = case["id"]
        order = case["order"]
        self.start = parse_date(order["start"])
        self.end = parse_date(order["end"])
        self.band_id = case["band"]
        if self.band_id not in ws.bands:
            raise WorkspaceError("case %s: unknown band %r"
                                 % (self.id, self.band_id))
        self.band = ws.bands[self.band_id]
        ov = case.get("band_overrides", {}) or {}

        def eff(field, default):
            if field in ov:
                return ov[field]
            return self.band.get(field, default)
        self.curfew_counts = bool(eff("curfew_counts_as_contact", False))
        self.contact_days = day_set(eff("contact_days", "daily"))
        self.contacts_on_bh = bool(eff("contacts_on_bank_holidays", True))
        self.within_iss_only = bool(eff("contacts_within_iss_days_only", True))
        self.iss_last = self.start + timedelta(days=self.band["iss_days"] - 1)
        if "education_counts_max_hours" in case:
            self.edu_cap = case["education_counts_max_hours"]
        else:
            self.edu_cap = self.band.get("education_counts_max_hours")
        st = case.get("staff", {}) or {}
        self.only = st.get("only")
        self.avoid = st.get("avoid") or []
        self.max_distinct = st.get("max_distinct")
        self.double = bool(case.get("double_staffed", False))

    def in_order(self, d):
        return self.start <= d <= self.end

    def phase(self, d):
        """The band phase on day d of the order, or None (no phase listed
        for that month)."""
        n = month_of_order(self.start, d)
        for ph in self.band.get("phases", []):
            a, b = ph["months"]
            if a <= n <= b:
                return ph
        return None

    def entry_applies(self, entry, d, only_in_order=False):
        """A weekly entry (or a one-off commitment) applies on start day d:
        its days (or date), within from..to (default: the order), outside
        its except ranges.  A curfew period only starts on days of the order
        (only_in_order)."""
        if only_in_order and not self.in_order(d):
            return False
        if "date" in entry:
            if parse_date(entry["date"]) != d:
                return False
        else:
            if wday(d) not in day_set(entry.get("days")):
                return False
            lo = parse_date(entry["from"]) if "from" in entry else self.start
            hi = parse_date(entry["to"]) if "to" in entry else self.end
            if not lo <= d <= hi:
                return False
        return not in_ranges(d, entry.get("except"))

    def periods(self, key, first, last, only_in_order=False, pred=None):
        """(start, end, entry) instants of the entries under `key` whose
        start day is in first..last."""
        out = []
        d = first
        while d <= last:
            for e in self.raw.get(key, []) or []:
                if pred is not None and not pred(e):
                    continue
                if self.entry_applies(e, d, only_in_order):
                    s, t = period_on(d, parse_period(e["time"]))
                    out.append((s, t, e, d))
            d += timedelta(days=1)
        return out


# ---------------------------------------------------------------------------
# The plan.

class Report:
    def __init__(self):
        self.violations = []
        self.unmet = []
        self.expect = []

    def v(self, rule, msg):
        self.violations.append("VIOLATION: %s: %s" % (rule, msg))


class Session:
    """A session of the plan whose shape is good enough to check."""

    def __init__(self, idx, raw):
        self.idx = idx
        self.raw = raw
        self.case = raw["case"]
        self.type = raw["type"]
        self.staff = list(raw["staff"])
        self.start_dt = datetime.fromisoformat(raw["start"])
        self.end_dt = datetime.fromisoformat(raw["end"])
        self.start = int(self.start_dt.timestamp()) // 60
        self.end = int(self.end_dt.timestamp()) // 60
        self.minutes = self.end - self.start
        self.status = raw["status"]
        self.pinned_flag = raw["pinned"] is True
        self.is_pin = False  # set when it matches one of the case's pins
        ls = self.start_dt.astimezone(LONDON)
        le = self.end_dt.astimezone(LONDON)
        # the local date of the start (the shape check compares "date")
        self.date = ls.date()
        self.local_start = ls.hour * 60 + ls.minute
        self.local_end = (le.date() - self.date).days * 1440 \
            + le.hour * 60 + le.minute
        self.grid_ok = (ls.second == 0 and ls.microsecond == 0
                        and le.second == 0 and le.microsecond == 0)

    def __str__(self):
        return "session #%d %s %s %s %s-%s [%s]" % (
            self.idx, self.case, self.type, self.date.isoformat(),
            hm(self.local_start % 1440), hm(self.local_end % 1440),
            ",".join(str(x) for x in self.staff))


class Context:
    def __init__(self, ws, plan, report):
        self.ws = ws
        self.plan = plan
        self.r = report
        self.now = None           # --now: unix seconds, or None
        self.week = None          # Monday
        self.days = []            # the 7 dates
        self.sessions = []        # well-formed sessions (all statuses)
        self.active = []          # well-formed, not cancelled
        self.case_entries = {}    # id -> plan's cases[] entry (well-formed)
        self.case_ids = []        # case ids checked (plan's cases + sessions)
        self.cinfo = {}           # id -> CaseInfo
        self.blocked = {}         # id -> list of (s, e, kind, what)
        self.computed = {}        # id -> recomputed figures
        self.n_sessions = 0
        self.n_cases = 0

    def sessions_of(self, cid):
        return [s for s in self.active if s.case == cid]


# ---------------------------------------------------------------------------
# Shape (docs/plan.md, "The JSON").

def check_top_shape(ctx):
    """docs/plan.md "The JSON": week is a Monday (years 1900-2199); cases and
    sessions are lists; solver status is one of optimal, feasible, time
    limit; service, when given, is team.json's."""
    p = ctx.plan
    if not isinstance(p, dict):
        ctx.r.v("shape", "the plan is not a JSON object")
        return False
    try:
        wk = parse_date(p.get("week"))
    except ValueError as e:
        ctx.r.v("shape", "week: %s" % e)
        return False
    if not 1900 <= wk.year <= 2199:
        ctx.r.v("shape", "week: %s is outside the years 1900-2199"
                " (docs/calendar.md)" % wk.isoformat())
        return False
    if wk.weekday() != 0:
        ctx.r.v("shape", "week: %s is a %s, not a Monday"
                % (wk.isoformat(), wk.strftime("%A")))
        wk -= timedelta(days=wk.weekday())
    ctx.week = wk
    ctx.days = [wk + timedelta(days=i) for i in range(7)]
    if "service" in p and p["service"] != ctx.ws.team.get("service"):
        ctx.r.v("shape", "service: %r is not team.json's %r"
                % (p["service"], ctx.ws.team.get("service")))
    solver = p.get("solver")
    if solver is not None:
        if not isinstance(solver, dict) \
                or not one_of(solver.get("status"), SOLVER_STATUSES):
            ctx.r.v("shape", "solver.status: %r is not one of %s"
                    % (solver.get("status") if isinstance(solver, dict)
                       else solver, sorted(SOLVER_STATUSES)))
    for key in ("cases", "sessions"):
        if not isinstance(p.get(key), list):
            ctx.r.v("shape", "%s: missing or not a list" % key)
            return False
    ctx.n_sessions = len(p["sessions"])
    ctx.n_cases = len(p["cases"])
    return True


def check_session_shape(ctx):
    """docs/plan.md "The JSON": every session has case, type, staff (a list),
    date, start, end (RFC 3339 with the Europe/London offset of that
    instant, local date = date), minutes (= elapsed end - start), status and
    pinned; uid null or text, sequence a whole number; sorted by start, then
    case."""
    prev = None
    for i, raw in enumerate(ctx.plan["sessions"]):
        where = "sessions[%d]" % i
        if not isinstance(raw, dict):
            ctx.r.v("shape", "%s: not an object" % where)
            continue
        bad = []
        for k in ("case", "type", "date", "start", "end", "status"):
            if not isinstance(raw.get(k), str):
                bad.append("%s missing or not text" % k)
        st = raw.get("staff")
        if not isinstance(st, list) or not st \
                or not all(isinstance(x, str) for x in st):
            bad.append("staff missing or not a non-empty list of ids")
        if not is_int(raw.get("minutes")):
            bad.append("minutes missing or not a whole number")
        if not isinstance(raw.get("pinned"), bool):
            bad.append("pinned missing or not true/false")
        if "uid" in raw and raw["uid"] is not None \
                and not isinstance(raw["uid"], str):
            bad.append("uid is neither null nor text")
        if "sequence" in raw and not (is_int(raw["sequence"])
                                      and raw["sequence"] >= 0):
            bad.append("sequence is not a whole number >= 0")
        if isinstance(raw.get("status"), str) \
                and not one_of(raw["status"], STATUSES):
            bad.append("status %r is not one of %s"
                       % (raw["status"], sorted(STATUSES)))
        if isinstance(raw.get("date"), str):
            try:
                parse_date(raw["date"])
            except ValueError as e:
                bad.append("date: %s" % e)
        for k in ("start", "end"):
            v = raw.get(k)
            if isinstance(v, str):
                if not RFC3339.match(v) or v.endswith("-00:00"):
                    bad.append("%s %r is not RFC 3339 with a UTC offset"
                               % (k, v))
                else:
                    try:
                        datetime.fromisoformat(v)
                    except ValueError:
                        bad.append("%s %r is not a real instant" % (k, v))
        if bad:
            ctx.r.v("shape", "%s (%s): %s" % (where, raw.get("case"),
                                               "; ".join(bad)))
            continue
        try:
            s = Session(i, raw)
        except (ValueError, OverflowError, OSError) as e:
            ctx.r.v("shape", "%s (%s): start/end not usable: %s"
                    % (where, raw.get("case"), e))
            continue
        for k, dt in (("start", s.start_dt), ("end", s.end_dt)):
            want = dt.astimezone(LONDON).utcoffset()
            if dt.utcoffset() != want:
                ctx.r.v("shape", "%s: %s %s carries offset %s; Europe/London"
                        " is %s at that instant"
                        % (s, k, raw[k], fmt_off(dt.utcoffset()),
                           fmt_off(want)))
        if parse_date(raw["date"]) != s.date:
            ctx.r.v("shape", "%s: date %s but start %s is on %s locally"
                    % (s, raw["date"], raw["start"], s.date.isoformat()))
        if s.end_dt <= s.start_dt:
            ctx.r.v("shape", "%s: end %s is not after start %s"
                    % (s, raw["end"], raw["start"]))
            continue
        secs = (s.end_dt - s.start_dt).total_seconds()
        if secs != raw["minutes"] * 60:
            ctx.r.v("shape", "%s: minutes %d but end - start is %s minutes"
                    % (s, raw["minutes"], fmt_num(secs / 60)))
        key = (s.start_dt, s.case)
        if prev is not None and key < prev:
            ctx.r.v("shape", "%s: sessions are not sorted by start, then case"
                    % s)
        prev = key
        ctx.sessions.append(s)
        if s.status != "cancelled":
            ctx.active.append(s)


def fmt_off(td):
    mins = int(td.total_seconds()) // 60
    sign = "+" if mins >= 0 else "-"
    return "%s%02d:%02d" % ((sign,) + divmod(abs(mins), 60))


def fmt_num(x):
    return ("%d" % x) if x == int(x) else ("%.2f" % x)


def check_cases_shape(ctx):
    """docs/plan.md "The JSON": cases[] holds each planned case once, in id
    order, with id, band, required_minutes, planned_minutes,
    education_minutes_counted (whole numbers), contacts (an object) and
    shortfall (a list); each is a case of the workspace whose order is in
    force on a day of the week; every session's case is among them."""
    ids = []
    for i, c in enumerate(ctx.plan["cases"]):
        where = "cases[%d]" % i
        if not isinstance(c, dict) or not isinstance(c.get("id"), str):
            ctx.r.v("shape", "%s: not an object with an id" % where)
            continue
        cid = c["id"]
        bad = []
        for k in ("required_minutes", "planned_minutes",
                  "education_minutes_counted"):
            if not is_int(c.get(k)):
                bad.append("%s missing or not a whole number" % k)
        if not isinstance(c.get("contacts"), dict):
            bad.append("contacts missing or not an object")
        if not isinstance(c.get("shortfall"), list):
            bad.append("shortfall missing or not a list")
        if bad:
            ctx.r.v("shape", "%s (%s): %s" % (where, cid, "; ".join(bad)))
            continue
        if cid not in ctx.ws.cases:
            ctx.r.v("shape", "%s: case %s is not in the workspace"
                    % (where, cid))
            continue
        if cid in ctx.case_entries:
            ctx.r.v("shape", "%s: case %s listed twice" % (where, cid))
            continue
        ctx.case_entries[cid] = c
        ids.append(cid)
    if ids != sorted(ids):
        ctx.r.v("shape", "cases are not in id order: %s" % ", ".join(ids))
    seen = list(ids)
    for s in ctx.sessions:
        if s.case not in ctx.ws.cases:
            ctx.r.v("shape", "%s: case %s is not in the workspace"
                    % (s, s.case))
        elif s.case not in ctx.case_entries:
            if s.case not in seen:
                ctx.r.v("shape", "%s: case %s has sessions but no cases[]"
                        " entry" % (s, s.case))
                seen.append(s.case)
    ctx.case_ids = [cid for cid in seen if cid in ctx.ws.cases]
    for cid in ctx.case_ids:
        ci = CaseInfo(ctx.ws, ctx.ws.cases[cid])
        ctx.cinfo[cid] = ci
        if not any(ci.in_order(d) for d in ctx.days):
            ctx.r.v("shape", "case %s: order %s..%s is not in force in the"
                    " week of %s" % (cid, ci.start, ci.end, ctx.week))
    # Sessions of unknown cases cannot be checked further.
    ctx.active = [s for s in ctx.active if s.case in ctx.cinfo]


def check_all_cases_listed(ctx):
    """docs/plan.md: a plan without --case lists every case whose order is
    in force on at least one day of the week (only with --all-cases)."""
    for cid in sorted(ctx.ws.cases):
        if cid in ctx.case_entries:
            continue
        try:
            ci = CaseInfo(ctx.ws, ctx.ws.cases[cid])
        except (KeyError, ValueError, WorkspaceError):
            continue
        if any(ci.in_order(d) for d in ctx.days):
            ctx.r.v("shape", "case %s is in force in the week (order %s..%s)"
                    " but not in cases[]" % (cid, ci.start, ci.end))


# ---------------------------------------------------------------------------
# Hard rules (docs/plan.md, "What every plan satisfies").

def check_rule1(ctx):
    """Rule 1: a session is of a team session type, on the 15-minute grid
    (local time), inside the planning day, on a day of the plan's week and
    of the child's order; a non-pinned session's length is one of its
    type's minutes."""
    ws = ctx.ws
    for s in ctx.active:
        ci = ctx.cinfo[s.case]
        t = ws.types.get(s.type)
        if t is None:
            ctx.r.v("rule 1 (type)", "%s: %r is not a session type of the"
                    " team (%s)" % (s, s.type, ", ".join(sorted(ws.types))))
        if not s.grid_ok or s.local_start % 15 or s.local_end % 15:
            ctx.r.v("rule 1 (grid)", "%s: %s-%s is not on the 15-minute grid"
                    % (s, s.raw["start"], s.raw["end"]))
        if s.local_start < ws.day_earliest or s.local_end > ws.day_latest:
            ctx.r.v("rule 1 (planning day)", "%s: outside the planning day"
                    " %s-%s" % (s, hm(ws.day_earliest), hm(ws.day_latest)))
        if not ctx.days[0] <= s.date <= ctx.days[6]:
            ctx.r.v("rule 1 (week)", "%s: %s is outside the week %s..%s"
                    % (s, s.date, ctx.days[0], ctx.days[6]))
        if not ci.in_order(s.date):
            ctx.r.v("rule 1 (order)", "%s: %s is outside the order %s..%s"
                    % (s, s.date, ci.start, ci.end))
        if t is not None and not s.is_pin and s.minutes not in t["minutes"]:
            ctx.r.v("rule 1 (length)", "%s: %d minutes; %s allows %s"
                    % (s, s.minutes, s.type,
                       ", ".join(str(m) for m in t["minutes"])))


def blocked_times(ctx, cid):
    """The child's blocked instants around the week (rule 2): education
    (outside except), commitments, curfew periods (starting on days of the
    order), the travel time before each curfew period starts and the travel
    time after each education period ends (travel_minutes_after_education;
    pins are exempt from that one)."""
    if cid in ctx.blocked:
        return ctx.blocked[cid]
    ci = ctx.cinfo[cid]
    first = ctx.days[0] - timedelta(days=1)
    last = ctx.days[6] + timedelta(days=1)
    travel = ctx.ws.policy["travel_minutes_before_curfew"]
    out = []
    after = ctx.ws.policy["travel_minutes_after_education"]
    for key, kind in (("education", "education"),
                      ("commitments", "commitment")):
        for s, e, ent, d in ci.periods(key, first, last):
            out.append((s, e, kind, "%s %s %s"
                        % (ent.get("what", kind), d, ent["time"])))
            if kind == "education" and after > 0:
                out.append((e, e + after, "education travel",
                            "the %d minutes of travel after %s %s %s"
                            % (after, ent.get("what", kind), d,
                               ent["time"])))
    for s, e, ent, d in ci.periods("curfew", first, last, only_in_order=True):
        out.append((s, e, "curfew", "curfew %s %s" % (d, ent["time"])))
        if travel > 0:
            out.append((s - travel, s, "curfew travel",
                        "the %d minutes of travel before the curfew %s %s"
                        % (travel, d, ent["time"])))
    ctx.blocked[cid] = out
    return out


def check_rule2(ctx):
    """Rule 2: no session overlaps the child's education (outside its
    except periods), commitments, curfew, or the travel_minutes_before_curfew
    before a curfew period starts; no two sessions of one child overlap."""
    for s in ctx.active:
        for b_s, b_e, kind, what in blocked_times(ctx, s.case):
            if kind == "education travel" and s.is_pin:
                continue
            if overlaps(s.start, s.end, b_s, b_e):
                ctx.r.v("rule 2 (%s)" % kind, "%s overlaps %s (%s to %s)"
                        % (s, what, fmt_epoch(b_s), fmt_epoch(b_e)))
    for cid in ctx.case_ids:
        ss = sorted(ctx.sessions_of(cid), key=lambda x: x.start)
        for i, a in enumerate(ss):
            for b in ss[i + 1:]:
                if b.start >= a.end:
                    break
                ctx.r.v("rule 2 (child overlap)", "%s overlaps %s" % (a, b))


def availability_periods(ws, sid, d):
    """Instants of a staff member's availability usable on day d: the
    periods starting on d (from the rota: a dated entry, the cycle's week,
    or the weekly availability), and those starting the day before that run
    past midnight into d."""
    out = [period_on(d, p) for p in ws.rota.starting(sid, d)]
    prev = d - timedelta(days=1)
    for per in ws.rota.starting(sid, prev):
        if per[2]:
            out.append(period_on(prev, per))
    return out


def check_rule3(ctx):
    """Rule 3: one staff member per session (two, distinct, for a
    double-staffed case); at least one holds a role of the type; each is
    permitted (on `only` when given, never on `avoid`), not on leave that
    day, not on a bank holiday when their bank_holidays is false (unless
    their rota has a dated entry for the day), and the session lies inside
    one of their periods for the day: the rota's (a dated entry from
    team.json or rota.csv, else the cycle's week, else the weekly
    availability), or the day before's running past midnight (pins are
    exempt from availability)."""
    ws = ctx.ws
    for s in ctx.active:
        ci = ctx.cinfo[s.case]
        want = 2 if ci.double else 1
        if len(s.staff) != want or len(set(s.staff)) != len(s.staff):
            ctx.r.v("rule 3 (staff count)", "%s: %d staff (%d distinct);"
                    " case %s needs %d distinct" % (
                        s, len(s.staff), len(set(s.staff)), s.case, want))
        known = []
        for sid in s.staff:
            if sid not in ws.staff:
                ctx.r.v("rule 3 (staff)", "%s: staff %s is not in team.json"
                        % (s, sid))
            else:
                known.append(sid)
        t = ws.types.get(s.type)
        if t is not None and known:
            roles = set(t.get("roles", []))
            if not any(roles & set(ws.staff[x].get("roles", []))
                       for x in known):
                ctx.r.v("rule 3 (role)", "%s: none of %s holds a role of %s"
                        " (%s)" % (s, ", ".join(known), s.type,
                                   ", ".join(sorted(roles))))
        for sid in known:
            st = ws.staff[sid]
            if (ci.only is not None and sid not in ci.only) \
                    or sid in ci.avoid:
                ctx.r.v("rule 3 (permitted)", "%s: staff %s is not permitted"
                        " for case %s (only %s, avoid %s)"
                        % (s, sid, s.case, ci.only, ci.avoid))
            if in_ranges(s.date, st.get("leave")):
                ctx.r.v("rule 3 (leave)", "%s: staff %s is on leave on %s"
                        % (s, sid, s.date))
            if st.get("bank_holidays", True) is False \
                    and ws.is_bank_holiday(s.date) \
                    and not ws.rota.has_dated(sid, s.date):
                ctx.r.v("rule 3 (bank holiday)", "%s: staff %s does not work"
                        " bank holidays and %s is one" % (s, sid, s.date))
            if not s.is_pin:
                periods = availability_periods(ws, sid, s.date)
                if not any(a <= s.start and s.end <= b for a, b in periods):
                    ctx.r.v("rule 3 (availability)", "%s: staff %s is not"
                            " available then (%s: %s)" % (
                                s, sid, wday(s.date),
                                ws.rota.describe(sid, s.date)))


def staff_sessions(ctx):
    by = {}
    for s in ctx.active:
        for sid in set(s.staff):
            by.setdefault(sid, []).append(s)
    for v in by.values():
        v.sort(key=lambda x: (x.start, x.end))
    return by


def check_rule4(ctx):
    """Rule 4: a staff member never has two sessions at once, and between
    sessions with two different children there are at least
    travel_minutes_between_sessions (end of one to start of the next)."""
    travel = ctx.ws.policy["travel_minutes_between_sessions"]
    for sid, ss in sorted(staff_sessions(ctx).items()):
        for i, a in enumerate(ss):
            for b in ss[i + 1:]:
                if b.start >= a.end + travel:
                    break
                if overlaps(a.start, a.end, b.start, b.end):
                    ctx.r.v("rule 4 (double booking)", "staff %s has %s and"
                            " %s at once" % (sid, a, b))
                elif a.case != b.case:
                    gap = b.start - a.end if b.start >= a.end \
                        else a.start - b.end
                    ctx.r.v("rule 4 (travel)", "staff %s: %d minutes between"
                            " %s and %s (children %s, %s); at least %d needed"
                            % (sid, gap, a, b, a.case, b.case, travel))


def check_rule5(ctx):
    """Rule 5: a staff member's session minutes stay within
    max_hours_per_day (each session date) and max_hours_per_week, counting
    every session of the plan (pins and published ones included)."""
    ws = ctx.ws
    for sid, ss in sorted(staff_sessions(ctx).items()):
        st = ws.staff.get(sid)
        if st is None:
            continue
        if is_number(st.get("max_hours_per_day")):
            cap = frac(st["max_hours_per_day"]) * 60
            per_day = {}
            for s in ss:
                per_day[s.date] = per_day.get(s.date, 0) + s.minutes
            for d, m in sorted(per_day.items()):
                if m > cap:
                    ctx.r.v("rule 5 (daily cap)", "staff %s: %d minutes on %s;"
                            " max_hours_per_day %s = %s minutes"
                            % (sid, m, d, st["max_hours_per_day"],
                               fmt_num(float(cap))))
        if is_number(st.get("max_hours_per_week")):
            cap = frac(st["max_hours_per_week"]) * 60
            m = sum(s.minutes for s in ss)
            if m > cap:
                ctx.r.v("rule 5 (weekly cap)", "staff %s: %d minutes in the"
                        " week; max_hours_per_week %s = %s minutes"
                        % (sid, m, st["max_hours_per_week"],
                           fmt_num(float(cap))))


def match_pins(ctx):
    """Rule 6 (first half), run before rules 1 and 3: every pin of a planned
    case whose date is in the week appears exactly once (date, start, end,
    type, same staff set) with pinned true; a session marked pinned matches
    a pin.  Matching sessions are exempt from the length and availability
    rules."""
    for cid in ctx.case_ids:
        ci = ctx.cinfo[cid]
        ss = ctx.sessions_of(cid)
        for k, pin in enumerate(ci.raw.get("pinned", []) or []):
            d = parse_date(pin["date"])
            if not ctx.days[0] <= d <= ctx.days[6]:
                continue
            a, b, _ = parse_period(pin["time"])
            staff = set(pin["staff"])
            desc = "case %s pinned[%d] %s %s %s [%s]" % (
                cid, k, pin["date"], pin["time"], pin["type"],
                ",".join(pin["staff"]))
            found = [s for s in ss if s.date == d and s.local_start == a
                     and s.local_end == b and s.type == pin["type"]
                     and set(s.staff) == staff
                     and len(s.staff) == len(pin["staff"])]
            if not found and ctx.now is not None and datetime(
                    d.year, d.month, d.day, a // 60, a % 60,
                    tzinfo=LONDON).timestamp() < ctx.now:
                continue  # before now, never published: left out (clock)
            if not found:
                near = [str(s) for s in ss if s.date == d and s.pinned_flag]
                ctx.r.v("rule 6 (pin)", "%s is not in the plan%s" % (
                    desc, (" (sessions marked pinned that day: %s)"
                           % "; ".join(near)) if near else ""))
                continue
            if len(found) > 1:
                ctx.r.v("rule 6 (pin)", "%s appears %d times: %s" % (
                    desc, len(found), "; ".join(str(s) for s in found)))
            for s in found:
                if not s.pinned_flag:
                    ctx.r.v("rule 6 (pin)", "%s: matches %s but pinned is"
                            " false" % (s, desc))
                s.is_pin = True
        for s in ss:
            if s.pinned_flag and not s.is_pin:
                ctx.r.v("rule 6 (pin)", "%s is marked pinned but matches no"
                        " pin of case %s" % (s, cid))


def check_rule6_distinct(ctx):
    """Rule 6 (second half): a case's distinct staff in the week never
    exceed staff.max_distinct."""
    for cid in ctx.case_ids:
        ci = ctx.cinfo[cid]
        if not is_int(ci.max_distinct):
            continue
        staff = set()
        for s in ctx.sessions_of(cid):
            staff |= set(s.staff)
        if len(staff) > ci.max_distinct:
            ctx.r.v("rule 6 (max distinct)", "case %s has %d distinct staff"
                    " (%s); max_distinct is %d" % (
                        cid, len(staff), ", ".join(sorted(staff)),
                        ci.max_distinct))


def check_rule7(ctx):
    """Rule 7: a child's session minutes on a day never exceed
    max_child_minutes_per_day (pins included)."""
    cap = ctx.ws.policy["max_child_minutes_per_day"]
    for cid in ctx.case_ids:
        per_day = {}
        for s in ctx.sessions_of(cid):
            per_day.setdefault(s.date, []).append(s)
        for d, ss in sorted(per_day.items()):
            m = sum(s.minutes for s in ss)
            if m > cap:
                ctx.r.v("rule 7 (child daily cap)", "case %s: %d minutes of"
                        " sessions on %s (%s); max_child_minutes_per_day is %d"
                        % (cid, m, d, "; ".join(str(s) for s in ss), cap))


def check_rule8(ctx):
    """Rule 8, practice rules (docs/files.md policy max_element_share,
    weekly_sessions max; docs/solver.md): in a child's week the minutes the
    planner added (not pins, not published sessions kept) of one element
    (surveillance aside) are at most max(0, C - F_e), where F_e is the
    fixed minutes of that element and C = max(free, share * max(need, F)):
    need the required minutes less the counted education, F all fixed
    minutes, free as element_free(); and the planner adds at most max(0, max - fixed)
    sessions of a type with a weekly_sessions max."""
    types = ctx.ws.types
    for cid in ctx.case_ids:
        ci = ctx.cinfo[cid]
        share = ci.raw.get("max_element_share",
                           ctx.ws.policy["max_element_share"])
        f = ctx.computed.get(cid) or compute_figures(ctx, cid)
        need = max(0, f["required"] - math.floor(f["education"]))
        fixed_el, planned_el, fixed_n, planned_n = {}, {}, {}, {}
        fixed_all = 0
        for s in ctx.sessions_of(cid):
            if s.status == "cancelled" or s.type not in types:
                continue
            el = types[s.type]["element"]
            fixed = s.is_pin or s.status == "published"
            if fixed:
                fixed_all += s.minutes
                fixed_el[el] = fixed_el.get(el, 0) + s.minutes
                fixed_n[s.type] = fixed_n.get(s.type, 0) + 1
            else:
                planned_el[el] = planned_el.get(el, 0) + s.minutes
                planned_n[s.type] = planned_n.get(s.type, 0) + 1
        free = element_free(types, ci.raw.get("weekly_sessions"))
        for w in ci.raw.get("weekly_sessions", []) or []:
            if w.get("type") not in types:
                continue
            mx = w.get("max")
            if mx is not None:
                room = max(0, mx - fixed_n.get(w["type"], 0))
                if planned_n.get(w["type"], 0) > room:
                    ctx.r.v("rule 8 (weekly_sessions max)", "case %s: %d %s"
                            " sessions planned (%d fixed); weekly_sessions"
                            " max is %d" % (cid, planned_n[w["type"]],
                                            w["type"],
                                            fixed_n.get(w["type"], 0), mx))
        if share >= 1:
            continue
        for el, m in sorted(planned_el.items()):
            if el == "surveillance":
                continue
            c = max(free.get(el, 0), share * max(need, fixed_all))
            cap = max(0.0, c - fixed_el.get(el, 0))
            if m > cap + 0.5:
                ctx.r.v("rule 8 (max_element_share)", "case %s: %d minutes"
                        " of %s planned (%d fixed); at most %.0f may be"
                        " added (share %g of the %d minutes needed)"
                        % (cid, m, el, fixed_el.get(el, 0), cap, share,
                           need))


# ---------------------------------------------------------------------------
# Reported figures (docs/plan.md "The JSON", docs/bands.md).

def count_contacts(sessions, gap):
    """Separate contacts among one day's sessions: sorted by start, a new
    contact starts when a session starts at least `gap` minutes after the
    latest end of all earlier sessions (docs/plan.md soft goal 2)."""
    n, latest = 0, None
    for s in sorted(sessions, key=lambda x: (x.start, x.end)):
        if latest is None or s.start >= latest + gap:
            n += 1
        latest = s.end if latest is None else max(latest, s.end)
    return n


def curfew_in_force(ctx, ci, d):
    """An electronically monitored curfew period is in force on day d: one
    starting on d, or an overnight one from d-1 that runs into d; its start
    day within the order."""
    lo, hi = day_bounds(d)
    em = ci.periods("curfew", d - timedelta(days=1), d, only_in_order=True,
                    pred=lambda e: e.get("electronic_monitoring") is True)
    return any(s < hi and e > lo for s, e, _, _ in em)


def compute_figures(ctx, cid):
    """Recompute a case's figures for the week: required minutes (pro-rated
    by day, month N of the order), planned minutes, counted education,
    contacts per day, weekend contacts, weekly_sessions counts."""
    ci = ctx.cinfo[cid]
    ss = ctx.sessions_of(cid)
    days = [d for d in ctx.days if ci.in_order(d)]
    f = {"days": days}
    req = Fraction(0)
    for d in days:
        ph = ci.phase(d)
        if ph is not None:
            req += frac(ph["weekly_hours"]) * 60 / 7
    f["required"] = math.ceil(req)
    f["planned"] = sum(s.minutes for s in ss)
    # education: per day of the order, the union of counting periods
    # clipped to that day (overnight ones split at midnight)
    edu = 0
    for d in days:
        lo, hi = day_bounds(d)
        ivs = [(max(s, lo), min(e, hi)) for s, e, _, _ in ci.periods(
            "education", d - timedelta(days=1), d,
            pred=lambda e: e.get("counts", True) is not False)
            if s < hi and e > lo]
        edu += union_minutes(ivs)
    f["education_all"] = edu
    if ci.edu_cap is None:
        f["education"] = Fraction(edu)
    else:
        f["education"] = min(Fraction(edu), frac(ci.edu_cap) * 60)
    gap = ctx.ws.policy["contact_gap_minutes"]
    contacts = {}
    for d in days:
        ph = ci.phase(d)
        required = 0
        if ph is not None \
                and not (ci.within_iss_only and d > ci.iss_last) \
                and wday(d) in ci.contact_days \
                and (ci.contacts_on_bh or not ctx.ws.is_bank_holiday(d)):
            required = ph["contacts_per_day"]
        cc = ci.curfew_counts and curfew_in_force(ctx, ci, d)
        planned = count_contacts([s for s in ss if s.date == d], gap)
        contacts[d] = {"required": required, "planned": planned,
                       "curfew_contact": cc}
    f["contacts"] = contacts
    wk_req, wk_planned = 0, 0
    for d in days:
        if d.weekday() >= 5:
            ph = ci.phase(d)
            if ph is not None:
                wk_req = max(wk_req, ph.get("weekend_contacts", 0))
            wk_planned += contacts[d]["planned"]
    f["weekend"] = {"required": wk_req, "planned": wk_planned}
    ws_counts = []
    for w in ci.raw.get("weekly_sessions", []) or []:
        n = sum(1 for s in ss if s.type == w["type"])
        ws_counts.append({"type": w["type"], "required": w["count"],
                          "planned": n})
    f["weekly_sessions"] = ws_counts
    present = set()
    for s in ss:
        t = ctx.ws.types.get(s.type)
        if t is not None:
            present.add(t.get("element"))
    f["elements"] = present
    ph0 = ci.phase(days[0]) if days else None
    f["phase"] = ph0["months"] if ph0 is not None else None
    ctx.computed[cid] = f
    return f


def education_matches(f, reported):
    """The reported counted education equals ours (a cap that is not a
    whole number of minutes may be rounded either way)."""
    e = f["education"]
    if e.denominator == 1:
        return reported == e
    return reported in (math.floor(e), math.ceil(e))


def check_figures(ctx):
    """docs/plan.md "The JSON" / docs/bands.md: each case entry's band,
    phase, required_minutes, planned_minutes, education_minutes_counted,
    contacts (one entry per day of the week in the order), weekend_contacts,
    weekly_sessions and core_elements_missing agree with a recomputation.
    The plan's staff[] planned minutes agree with the sessions."""
    for cid in ctx.case_ids:
        f = compute_figures(ctx, cid)
        c = ctx.case_entries.get(cid)
        if c is None:
            continue
        ci = ctx.cinfo[cid]
        if c.get("band") != ci.band_id:
            ctx.r.v("figures (band)", "case %s: band %r, the case file says"
                    " %r" % (cid, c.get("band"), ci.band_id))
        if f["phase"] is not None and "phase" in c:
            a, b = f["phase"]
            ok = ["months %d-%d" % (a, b)] + (["month %d" % a] if a == b
                                               else [])
            if c["phase"] not in ok:
                ctx.r.v("figures (phase)", "case %s: phase %r; the phase on"
                        " %s is %r" % (cid, c["phase"], f["days"][0], ok[0]))
        for key, mine in (("required_minutes", f["required"]),
                          ("planned_minutes", f["planned"])):
            if c[key] != mine:
                ctx.r.v("figures (%s)" % key, "case %s: reported %d,"
                        " recomputed %d" % (cid, c[key], mine))
        if not education_matches(f, c["education_minutes_counted"]):
            ctx.r.v("figures (education_minutes_counted)", "case %s: reported"
                    " %d, recomputed %s (%d minutes of education, cap %s h)"
                    % (cid, c["education_minutes_counted"],
                       fmt_num(float(f["education"])), f["education_all"],
                       "none" if ci.edu_cap is None else ci.edu_cap))
        check_contacts_figures(ctx, cid, c, f)
        wc = c.get("weekend_contacts")
        if wc is not None:
            if not isinstance(wc, dict):
                ctx.r.v("shape", "case %s: weekend_contacts is not an object"
                        % cid)
            else:
                for k in ("required", "planned"):
                    if wc.get(k) != f["weekend"][k]:
                        ctx.r.v("figures (weekend_contacts)", "case %s: %s"
                                " reported %r, recomputed %d"
                                % (cid, k, wc.get(k), f["weekend"][k]))
        if "weekly_sessions" in c:
            mine = {w["type"]: w for w in f["weekly_sessions"]}
            rep = c["weekly_sessions"]
            if not isinstance(rep, list) \
                    or not all(isinstance(w, dict)
                               and isinstance(w.get("type"), str)
                               for w in rep):
                ctx.r.v("shape", "case %s: weekly_sessions is not a list of"
                        " objects" % cid)
            else:
                got = {w.get("type"): w for w in rep}
                if set(got) != set(mine):
                    ctx.r.v("figures (weekly_sessions)", "case %s: types %s;"
                            " the case file asks %s" % (
                                cid, sorted(map(str, got)), sorted(mine)))
                for t in set(got) & set(mine):
                    for k in ("required", "planned"):
                        if got[t].get(k) != mine[t][k]:
                            ctx.r.v("figures (weekly_sessions)", "case %s:"
                                    " %s %s reported %r, recomputed %d"
                                    % (cid, t, k, got[t].get(k), mine[t][k]))
        cem = c.get("core_elements_missing")
        if cem is not None:
            if not isinstance(cem, list):
                ctx.r.v("shape", "case %s: core_elements_missing is not a"
                        " list" % cid)
            else:
                for el in cem:
                    if not one_of(el, CORE_ELEMENTS):
                        ctx.r.v("figures (core_elements_missing)", "case %s:"
                                " %r is not a core element" % (cid, el))
                    elif el in f["elements"]:
                        ctx.r.v("figures (core_elements_missing)", "case %s:"
                                " %s is listed missing but a session of it"
                                " is planned" % (cid, el))
    staff = ctx.plan.get("staff")
    if staff is None:
        return
    if not isinstance(staff, list):
        ctx.r.v("shape", "staff: not a list")
        return
    mins = {}
    for s in ctx.active:
        for sid in set(s.staff):
            mins[sid] = mins.get(sid, 0) + s.minutes
    for i, e in enumerate(staff):
        if not isinstance(e, dict) or not is_int(e.get("planned_minutes")):
            ctx.r.v("shape", "staff[%d]: not {id, planned_minutes}" % i)
            continue
        if not one_of(e.get("id"), ctx.ws.staff):
            ctx.r.v("shape", "staff[%d]: %r is not in team.json"
                    % (i, e.get("id")))
        elif e["planned_minutes"] != mins.get(e["id"], 0):
            ctx.r.v("figures (staff planned_minutes)", "staff %s: reported"
                    " %d, the sessions give %d" % (
                        e["id"], e["planned_minutes"], mins.get(e["id"], 0)))


def check_contacts_figures(ctx, cid, c, f):
    """docs/plan.md: contacts has one entry per day of the week in the
    order, each {required, planned, curfew_contact} as recomputed."""
    rep = c["contacts"]
    want = {d.isoformat(): v for d, v in f["contacts"].items()}
    for k in sorted(set(rep) - set(want)):
        ctx.r.v("figures (contacts)", "case %s: contacts has %s, which is"
                " not a day of the week in the order" % (cid, k))
    for k in sorted(want):
        if k not in rep:
            ctx.r.v("figures (contacts)", "case %s: contacts has no entry"
                    " for %s" % (cid, k))
            continue
        r = rep[k]
        if not isinstance(r, dict):
            ctx.r.v("shape", "case %s: contacts[%s] is not an object"
                    % (cid, k))
            continue
        for fld in ("required", "planned", "curfew_contact"):
            got, mine = r.get(fld), want[k][fld]
            same = (got is mine) if fld == "curfew_contact" \
                else (is_int(got) and got == mine)
            if not same:
                ctx.r.v("figures (contacts)", "case %s %s: %s reported %s,"
                        " recomputed %s" % (cid, k, fld, json.dumps(got),
                                            json.dumps(mine)))


# ---------------------------------------------------------------------------
# Shortfall honesty (docs/plan.md "shortfall[]", FORMAT.md).

def reason_ok(reason):
    """A reason a person can act on: text, not empty, not just
    'infeasible'."""
    if not isinstance(reason, str):
        return False
    r = reason.strip().strip(".!").strip().lower()
    return r not in ("", "infeasible", "not feasible", "no solution")


def check_shortfall(ctx):
    """docs/plan.md "shortfall[]": one entry per thing short.  minutes: when
    planned + counted education < required, one entry with that difference;
    contacts: one per day where planned + (1 if curfew_contact) < required,
    `short` the difference; weekend_contacts likewise; weekly_sessions one
    per type short; core_element one per listed missing element.  No entry
    claims a shortage that is not there; every reason is a sentence, not
    empty or 'infeasible'."""
    for cid in ctx.case_ids:
        c = ctx.case_entries.get(cid)
        if c is None:
            continue
        f = ctx.computed.get(cid) or compute_figures(ctx, cid)
        entries = []
        for i, e in enumerate(c["shortfall"]):
            bad = []
            if not isinstance(e, dict):
                ctx.r.v("shape", "case %s: shortfall[%d] is not an object"
                        % (cid, i))
                continue
            if not one_of(e.get("kind"), SHORTFALL_KINDS):
                bad.append("kind %r is not one of %s"
                           % (e.get("kind"), sorted(SHORTFALL_KINDS)))
            if not is_int(e.get("minutes")):
                bad.append("minutes missing or not a whole number")
            if not is_int(e.get("short")):
                bad.append("short missing or not a whole number")
            if e.get("date") is not None:
                try:
                    parse_date(e["date"])
                except ValueError:
                    bad.append("date %r is neither null nor a date"
                               % (e["date"],))
            if bad:
                ctx.r.v("shape", "case %s: shortfall[%d]: %s"
                        % (cid, i, "; ".join(bad)))
                continue
            if not reason_ok(e.get("reason")):
                ctx.r.v("shortfall (reason)", "case %s: shortfall[%d] (%s%s)"
                        " has reason %s; a reason must say what a person can"
                        " act on" % (cid, i, e["kind"],
                                     " " + e["date"] if e.get("date") else "",
                                     json.dumps(e.get("reason"))))
            entries.append(e)

        def of_kind(k):
            return [e for e in entries if e["kind"] == k]

        # minutes
        edu = c["education_minutes_counted"] \
            if education_matches(f, c["education_minutes_counted"]) \
            else math.floor(f["education"])
        deficit = f["required"] - f["planned"] - edu
        mins = of_kind("minutes")
        if deficit > 0:
            if not mins:
                ctx.r.v("shortfall (minutes)", "case %s: %d minutes short"
                        " (required %d, planned %d, education counted %d) but"
                        " no minutes shortfall" % (cid, deficit, f["required"],
                                                   f["planned"], edu))
            elif len(mins) > 1:
                ctx.r.v("shortfall (minutes)", "case %s: %d minutes"
                        " shortfall entries, one expected" % (cid, len(mins)))
            elif mins[0]["minutes"] != deficit:
                ctx.r.v("shortfall (minutes)", "case %s: shortfall says %d"
                        " minutes, the plan is %d short (required %d, planned"
                        " %d, education counted %d)" % (
                            cid, mins[0]["minutes"], deficit, f["required"],
                            f["planned"], edu))
        elif mins:
            ctx.r.v("shortfall (minutes)", "case %s: claims %d minutes short"
                    " but planned %d + education %d >= required %d" % (
                        cid, mins[0]["minutes"], f["planned"], edu,
                        f["required"]))
        # contacts per day
        cont = of_kind("contacts")
        for d, v in sorted(f["contacts"].items()):
            short = v["required"] - v["planned"] - (1 if v["curfew_contact"]
                                                     else 0)
            mine = [e for e in cont if e.get("date") == d.isoformat()]
            if short > 0:
                if not mine:
                    ctx.r.v("shortfall (contacts)", "case %s %s: %d contact(s)"
                            " short (required %d, planned %d%s) but no"
                            " contacts shortfall" % (
                                cid, d, short, v["required"], v["planned"],
                                ", + curfew" if v["curfew_contact"] else ""))
                elif len(mine) > 1 or mine[0]["short"] != short:
                    ctx.r.v("shortfall (contacts)", "case %s %s: shortfall"
                            " says %s short, the plan is %d short" % (
                                cid, d, [e["short"] for e in mine], short))
            elif mine:
                ctx.r.v("shortfall (contacts)", "case %s %s: claims %d"
                        " contact(s) short but planned %d%s >= required %d"
                        % (cid, d, mine[0]["short"], v["planned"],
                           " + curfew" if v["curfew_contact"] else "",
                           v["required"]))
        days = {d.isoformat() for d in f["contacts"]}
        for e in cont:
            if e.get("date") not in days:
                ctx.r.v("shortfall (contacts)", "case %s: contacts shortfall"
                        " dated %r, not a day of the week in the order"
                        % (cid, e.get("date")))
        # weekend contacts
        wk = f["weekend"]
        short = wk["required"] - wk["planned"]
        wke = of_kind("weekend_contacts")
        if short > 0:
            if len(wke) != 1 or wke[0]["short"] != short:
                ctx.r.v("shortfall (weekend_contacts)", "case %s: %d weekend"
                        " contact(s) short (required %d, planned %d); the"
                        " shortfall says %s" % (
                            cid, short, wk["required"], wk["planned"],
                            [e["short"] for e in wke] or "nothing"))
        elif wke:
            ctx.r.v("shortfall (weekend_contacts)", "case %s: claims weekend"
                    " contacts short but planned %d >= required %d"
                    % (cid, wk["planned"], wk["required"]))
        # weekly sessions
        n_short = sum(1 for w in f["weekly_sessions"]
                      if w["planned"] < w["required"])
        wse = of_kind("weekly_sessions")
        if len(wse) != n_short:
            ctx.r.v("shortfall (weekly_sessions)", "case %s: %d session"
                    " type(s) short of weekly_sessions (%s) but %d entries"
                    % (cid, n_short, ", ".join(
                        "%s %d/%d" % (w["type"], w["planned"], w["required"])
                        for w in f["weekly_sessions"]
                        if w["planned"] < w["required"]) or "none", len(wse)))
        # core elements
        ce = of_kind("core_element")
        if set(CORE_ELEMENTS) <= f["elements"] and ce:
            ctx.r.v("shortfall (core_element)", "case %s: claims a core"
                    " element short but every core element has a session"
                    % cid)
        cem = c.get("core_elements_missing")
        if isinstance(cem, list) and len(ce) != len(cem):
            ctx.r.v("shortfall (core_element)", "case %s: %d core elements"
                    " missing (%s) but %d core_element entries"
                    % (cid, len(cem), ", ".join(map(str, cem)) or "none",
                       len(ce)))


# ---------------------------------------------------------------------------
# Expectations.

def check_expect_met(ctx):
    """--expect-met: every case meets its required minutes, every day's
    contacts and its weekend contacts (from the recomputed figures)."""
    for cid in ctx.case_ids:
        f = ctx.computed.get(cid) or compute_figures(ctx, cid)
        have = f["planned"] + f["education"]
        if have < f["required"]:
            ctx.r.unmet.append("UNMET: case %s: minutes %s < required %d"
                               " (planned %d + education %s)" % (
                                   cid, fmt_num(float(have)), f["required"],
                                   f["planned"],
                                   fmt_num(float(f["education"]))))
        for d, v in sorted(f["contacts"].items()):
            got = v["planned"] + (1 if v["curfew_contact"] else 0)
            if got < v["required"]:
                ctx.r.unmet.append("UNMET: case %s %s: contacts %d%s <"
                                   " required %d" % (
                                       cid, d, v["planned"],
                                       " (+1 curfew)" if v["curfew_contact"]
                                       else "", v["required"]))
        wk = f["weekend"]
        if wk["planned"] < wk["required"]:
            ctx.r.unmet.append("UNMET: case %s: weekend contacts %d < required"
                               " %d" % (cid, wk["planned"], wk["required"]))


def check_expect_short(ctx, specs):
    """--expect-short CASE:DATE: the case has a contacts shortfall dated
    DATE, or a minutes shortfall in the plan's week holding DATE, with a
    reason."""
    for spec in specs:
        cid, _, ds = spec.rpartition(":")
        c = ctx.case_entries.get(cid)
        try:
            d = parse_date(ds)
        except ValueError:
            ctx.r.expect.append("EXPECT: %s: not CASE:YYYY-MM-DD" % spec)
            continue
        if c is None:
            ctx.r.expect.append("EXPECT: %s: case %s is not in the plan"
                                % (spec, cid))
            continue
        ok = False
        for e in c["shortfall"]:
            if not isinstance(e, dict) or not reason_ok(e.get("reason")):
                continue
            if e.get("kind") == "contacts" and e.get("date") == d.isoformat():
                ok = True
            if e.get("kind") == "minutes" and ctx.days \
                    and ctx.days[0] <= d <= ctx.days[6]:
                ok = True
        if not ok:
            ctx.r.expect.append("EXPECT: case %s has no contacts shortfall on"
                                " %s nor a minutes shortfall for its week,"
                                " with a reason" % (cid, d))


# ---------------------------------------------------------------------------
# Misses (issue 13's quality benchmark): what the plan leaves short, counted
# from the recomputed figures, never from what the plan reports.

MISS_KINDS = ["contacts", "weekend_contacts", "minutes", "weekly_sessions",
              "core_element", "key_worker"]


def compute_misses(ctx):
    """Per kind: days with contacts short, cases short of weekend contacts,
    cases short of required minutes, weekly_sessions entries short, core
    elements missing in a week with daily contacts, cases whose key worker
    takes no session.  Also the contacts and minutes short in all."""
    m = {k: 0 for k in MISS_KINDS}
    m["contacts_short"] = 0
    m["minutes_short"] = 0
    for cid in ctx.case_ids:
        f = ctx.computed.get(cid) or compute_figures(ctx, cid)
        deficit = f["required"] - f["planned"] - math.floor(f["education"])
        if deficit > 0:
            m["minutes"] += 1
            m["minutes_short"] += deficit
        intensive = False
        for d, v in f["contacts"].items():
            if v["required"] > 0:
                intensive = True
            short = v["required"] - v["planned"] - (1 if v["curfew_contact"]
                                                     else 0)
            if short > 0:
                m["contacts"] += 1
                m["contacts_short"] += short
        if f["weekend"]["planned"] < f["weekend"]["required"]:
            m["weekend_contacts"] += 1
        m["weekly_sessions"] += sum(1 for w in f["weekly_sessions"]
                                    if w["planned"] < w["required"])
        if intensive:
            m["core_element"] += sum(1 for e in CORE_ELEMENTS
                                     if e not in f["elements"])
        kw = (ctx.cinfo[cid].raw.get("staff") or {}).get("key_worker")
        if kw and not any(kw in s.staff for s in ctx.sessions_of(cid)):
            m["key_worker"] += 1
    m["total"] = sum(m[k] for k in MISS_KINDS)
    m["hard"] = len(ctx.r.violations)
    return m


# ---------------------------------------------------------------------------

def load_plan(path, report):
    dups = []

    def hook(pairs):
        seen = {}
        for k, v in pairs:
            if k in seen:
                dups.append(k)
            seen[k] = v
        return seen
    try:
        with open(path, encoding="utf-8") as f:
            plan = json.load(f, object_pairs_hook=hook)
    except OSError as e:
        report.v("shape", "cannot read the plan: %s" % e)
        return None
    except (ValueError, RecursionError) as e:
        report.v("shape", "the plan is not valid JSON: %s: %s"
                 % (type(e).__name__, e))
        return None
    for k in sorted(set(dups)):
        report.v("shape", "key %r appears twice in one object" % k)
    return plan


def guarded(ctx, fn, *args):
    """Run one check; a plan so malformed that a check cannot finish is
    reported, never a traceback."""
    try:
        fn(ctx, *args)
        return True
    except WorkspaceError:
        raise
    except Exception as e:  # noqa: BLE001 - reported as a violation
        ctx.r.v("checker", "%s could not finish (malformed plan or"
                " workspace?): %s: %s" % (fn.__name__, type(e).__name__, e))
        return False


def check_clock(ctx, now):
    """The clock (docs/compliance.md): nothing new or moved starts before
    now, and no session that has started is cancelled."""
    for s in ctx.sessions:
        t = int(s.start_dt.timestamp())
        if s.status in ("planned", "moved") and t < now:
            ctx.r.v("clock", "%s starts before now (%s) and is %s"
                         % (s, datetime.fromtimestamp(now, LONDON)
                            .isoformat(), s.status))
        if s.status == "cancelled" and t <= now:
            ctx.r.v("clock", "%s had started and is cancelled" % s)


def run(wsdir, plan_path, datadir=None, expect_met=False, expect_short=(),
        all_cases=False, hard_only=False, now=None):
    """Check one plan; returns (Report, Context) or raises WorkspaceError."""
    if datadir is None:
        datadir = Path(__file__).resolve().parents[2]
    try:
        ws = Workspace(wsdir, datadir)
    except WorkspaceError:
        raise
    except Exception as e:  # noqa: BLE001
        raise WorkspaceError("%s: %s: %s" % (wsdir, type(e).__name__, e))
    report = Report()
    plan = load_plan(plan_path, report)
    ctx = Context(ws, plan, report)
    ctx.now = now
    if plan is None:
        return report, ctx
    if not guarded(ctx, check_top_shape) or ctx.week is None:
        return report, ctx
    if not isinstance(plan.get("cases"), list) \
            or not isinstance(plan.get("sessions"), list):
        return report, ctx
    guarded(ctx, check_session_shape)
    if not guarded(ctx, check_cases_shape):
        return report, ctx
    if all_cases:
        guarded(ctx, check_all_cases_listed)
    for fn in (match_pins, check_rule1, check_rule2, check_rule3,
               check_rule4, check_rule5, check_rule6_distinct, check_rule7,
               check_rule8):
        guarded(ctx, fn)
    if not hard_only:
        for fn in (check_figures, check_shortfall):
            guarded(ctx, fn)
    if now is not None:
        guarded(ctx, check_clock, now)
    if expect_met:
        guarded(ctx, check_expect_met)
    if expect_short:
        guarded(ctx, check_expect_short, list(expect_short))
    return report, ctx


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Check an iss plan against the workspace and the hard"
        " rules of docs/plan.md, independently of the engine.")
    ap.add_argument("workspace")
    ap.add_argument("plan")
    ap.add_argument("--datadir", help="where bands/ and data/ are (default:"
                    " the repository root)")
    ap.add_argument("--expect-met", action="store_true",
                    help="every case meets its minutes and contacts")
    ap.add_argument("--expect-short", action="append", default=[],
                    metavar="CASE:DATE",
                    help="the case has a shortfall on/for DATE")
    ap.add_argument("--all-cases", action="store_true",
                    help="every case in force in the week is in cases[]")
    ap.add_argument("--quiet", action="store_true",
                    help="print nothing when the plan passes")
    ap.add_argument("--now", type=int, metavar="SECONDS",
                    help="unix time the plan was made: nothing planned or "
                    "moved may start before it, nothing started cancelled")
    ap.add_argument("--hard-only", action="store_true",
                    help="check the shape and hard rules 1-7 only, not the"
                    " reported figures and shortfall (a plan written by"
                    " another planner)")
    ap.add_argument("--misses", metavar="FILE",
                    help="write the misses by kind (recomputed) to FILE as"
                    " JSON")
    a = ap.parse_args(argv)
    try:
        report, ctx = run(a.workspace, a.plan, a.datadir, a.expect_met,
                          a.expect_short, a.all_cases, a.hard_only, a.now)
    except WorkspaceError as e:
        print("ERROR: workspace: %s" % e, file=sys.stderr)
        return 2
    failed = bool(report.violations or report.unmet or report.expect)
    if a.misses:
        m = compute_misses(ctx) if ctx.week is not None else {"hard": len(
            report.violations)}
        with open(a.misses, "w", encoding="utf-8") as f:
            json.dump(m, f, sort_keys=True)
            f.write("\n")
    for line in report.violations + report.unmet + report.expect:
        print(line)
    if failed or not a.quiet:
        print("checked %d sessions, %d cases: %d violations"
              % (ctx.n_sessions, ctx.n_cases, len(report.violations)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
