#!/usr/bin/python3
# content - what a feed says, read with python3-icalendar and judged
# against the workspace files and the store, not against iss's own code.
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
#
#   content.py WS case|staff OWNER FILE.ics
#
# Every feed: one NAME and one X-WR-CALNAME, equal;
# REFRESH-INTERVAL;VALUE=DURATION:PT4H and X-PUBLISHED-TTL:PT4H; each
# VEVENT has DTSTAMP = LAST-MODIFIED, one SUMMARY; a CANCELLED event has no
# VALARM; an alarm is ACTION:DISPLAY with TRIGGER -PT1H and a DESCRIPTION.
# A child's feed (case): NAME "My appointments"; no text a phone shows
# (SUMMARY, DESCRIPTION, LOCATION, alarm text, calendar name, CATEGORIES,
# COMMENT) holds a forbidden word or any case or staff id; every SUMMARY
# names the first name (first word of team.json's name) of each staff
# member of the session whose part in it is not cancelled.
# A staff member's feed: NAME "Sessions (<first name>)"; every SUMMARY
# names the child's feed_name.
# Prints each problem and exits 1; exits 0 when there is none.
import datetime
import glob
import json
import os
import re
import sqlite3
import sys

import icalendar

FORBIDDEN = re.compile(
    r"\b(yot|yjs|youth\s+justice|court\w*|orders?|ordered|breach\w*|"
    r"police|curfews?|tag|tags|tagged|tagging|drugs?|victims?|probation|"
    r"warnings?|custody|crimes?|criminal|sentenc\w*|justice|offend\w*|"
    r"offence\w*|offense\w*|convict\w*|arrest\w*|bail|remand\w*|"
    r"supervision|surveillance|iss)\b", re.IGNORECASE)
GENERIC_ID = re.compile(r"\b[CS][0-9]+\b")

problems = []


def problem(msg):
    problems.append(msg)


def text(v):
    """A property value as the text a phone shows."""
    if isinstance(v, list):
        return " ".join(text(x) for x in v)
    if hasattr(v, "cats"):  # CATEGORIES
        return " ".join(str(c) for c in v.cats)
    if hasattr(v, "to_ical") and not isinstance(v, str):
        try:
            return v.to_ical().decode("utf-8")
        except Exception:
            return str(v)
    return str(v)


def first_word(s):
    return s.split()[0] if s.split() else ""


def main(argv):
    if len(argv) != 5 or argv[2] not in ("case", "staff"):
        print("usage: content.py WS case|staff OWNER FILE.ics",
              file=sys.stderr)
        return 2
    ws, kind, owner, path = argv[1:]
    team = json.load(open(os.path.join(ws, "team.json"), encoding="utf-8"))
    staff_first = {s["id"]: first_word(s["name"]) for s in team["staff"]}
    cases = {}
    for f in glob.glob(os.path.join(ws, "cases", "*.json")):
        c = json.load(open(f, encoding="utf-8"))
        cases[c["id"]] = c.get("feed_name", "")
    ids = set(staff_first) | set(cases)
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(ws, "iss.db"),
                         uri=True)

    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read().decode("utf-8"))

    def shown(where, s):
        """Text a child's phone shows: no forbidden word, no id."""
        m = FORBIDDEN.search(s)
        if m:
            problem("%s: forbidden word %r in %r" % (where, m.group(0), s))
        for i in ids:
            if re.search(r"\b%s\b" % re.escape(i), s, re.IGNORECASE):
                problem("%s: id %r in %r" % (where, i, s))
        m = GENERIC_ID.search(s)
        if m:
            problem("%s: something like an id (%r) in %r"
                    % (where, m.group(0), s))

    v = cal.get("NAME")
    names = [text(x) for x in v] if isinstance(v, list) else \
        ([text(v)] if v is not None else [])
    wr = cal.get("X-WR-CALNAME")
    wr = [text(x) for x in wr] if isinstance(wr, list) else \
        ([text(wr)] if wr is not None else [])
    if len(names) != 1 or len(wr) != 1 or names != wr:
        problem("calendar: NAME %r and X-WR-CALNAME %r: want one each, equal"
                % (names, wr))
    want = "My appointments" if kind == "case" else \
        "Sessions (%s)" % staff_first.get(owner, owner)
    for n in names + wr:
        if n != want:
            problem("calendar: name %r, want %r" % (n, want))
    ri = cal.get("REFRESH-INTERVAL")
    if ri is None or text(ri) != "PT4H" or \
            str(ri.params.get("VALUE", "")).upper() != "DURATION":
        problem("calendar: REFRESH-INTERVAL;VALUE=DURATION:PT4H missing")
    if text(cal.get("X-PUBLISHED-TTL", "")) != "PT4H":
        problem("calendar: X-PUBLISHED-TTL:PT4H missing")
    if kind == "case":
        for n in names + wr:
            shown("calendar name", n)

    # No control character in any value (a fold inside the line break
    # leaves a CR in the text).
    for comp in cal.walk():
        for name, v in comp.property_items(recursive=False):
            t = text(v) if name not in ("BEGIN", "END") else ""
            if re.search(r"[\x00-\x09\x0b-\x1f\x7f]", t):
                problem("%s %s: a control character in %r" %
                        (comp.name, name, t))

    for ev in cal.walk("VEVENT"):
        uid = str(ev.get("UID"))
        stamp = ev.get("DTSTAMP")
        mod = ev.get("LAST-MODIFIED")
        if stamp is None or mod is None or stamp.dt != mod.dt:
            problem("%s: DTSTAMP %s and LAST-MODIFIED %s differ" %
                    (uid, stamp and stamp.dt, mod and mod.dt))
        summaries = ev.get("SUMMARY")
        if summaries is None or isinstance(summaries, list):
            problem("%s: want exactly one SUMMARY" % uid)
            continue
        summary = text(summaries)
        status = str(ev.get("STATUS", "")).upper()
        alarms = ev.walk("VALARM")
        if status == "CANCELLED" and alarms:
            problem("%s: a cancelled event keeps its alarm" % uid)
        for al in alarms:
            if str(al.get("ACTION", "")).upper() != "DISPLAY":
                problem("%s: alarm ACTION is not DISPLAY" % uid)
            tr = al.get("TRIGGER")
            if tr is None or not isinstance(tr.dt, datetime.timedelta) or \
                    tr.dt != datetime.timedelta(hours=-1):
                problem("%s: alarm TRIGGER is not -PT1H" % uid)
            if al.get("DESCRIPTION") is None:
                problem("%s: alarm without DESCRIPTION" % uid)
        if kind == "case":
            for comp in [ev] + list(alarms):
                for name in ("SUMMARY", "DESCRIPTION", "LOCATION",
                             "CATEGORIES", "COMMENT"):
                    v = comp.get(name)
                    if v is not None:
                        shown("%s %s" % (uid, name), text(v))
            rows = db.execute("SELECT staff_id FROM session_staff "
                              "WHERE session_uid = ? AND status = 'confirmed'",
                              (uid,)).fetchall()
            if not db.execute("SELECT 1 FROM sessions WHERE uid = ? AND "
                              "case_id = ?", (uid, owner)).fetchone():
                problem("%s: not a session of %s in the store" % (uid, owner))
            for (sid,) in rows:
                fn = staff_first.get(sid)
                if not fn:
                    problem("%s: staff %s not in team.json" % (uid, sid))
                elif not re.search(r"(?<!\w)%s(?!\w)" % re.escape(fn),
                                   summary):
                    problem("%s: SUMMARY %r does not name %s" %
                            (uid, summary, fn))
            if not rows and status != "CANCELLED":
                problem("%s: no staff in the store" % uid)
        else:
            row = db.execute("SELECT s.case_id FROM session_staff ss JOIN "
                             "sessions s ON s.uid = ss.session_uid WHERE "
                             "ss.feed_uid = ? AND ss.staff_id = ?",
                             (uid, owner)).fetchone()
            if row is None:
                problem("%s: not a staff event of %s in the store" %
                        (uid, owner))
            else:
                fn = cases.get(row[0]) or row[0]
                if not summary.startswith(fn + ":"):
                    problem("%s: SUMMARY %r does not start with %r" %
                            (uid, summary, fn + ":"))
    db.close()
    for p in problems:
        print("content: %s: %s" % (path, p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
