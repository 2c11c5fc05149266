#!/usr/bin/python3
# pycheck - an independent check of one .ics feed with Debian's
# python3-icalendar and python3-recurring-ical-events.
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
#
#   pycheck.py [--stamps] FILE.ics
#
# Parses with icalendar.Calendar.from_ical, expands with
# recurring_ical_events between 2000 and 2100, and prints one line per
# event instance, sorted:
#   UID START_EPOCH END_EPOCH STATUS SEQUENCE
# (STATUS NONE and SEQUENCE NONE when absent). --stamps adds DTSTAMP and
# LAST-MODIFIED as epoch seconds (NONE when absent).
# Exit 1 on any parse problem (an exception, or errors icalendar recorded
# on a component while parsing leniently), not exactly one VCALENDAR, a
# naive (floating) or all-day DTSTART/DTEND/DTSTAMP/LAST-MODIFIED, an
# event without DTEND or UID, or DTEND not after DTSTART. Exit 2: usage.
import datetime
import sys

try:
    import icalendar
    import recurring_ical_events
except ImportError as e:  # the driver tells a missing parser apart
    print("pycheck: not installed: %s" % e, file=sys.stderr)
    sys.exit(3)


def fail(msg):
    print("pycheck: %s: %s" % (PATH, msg), file=sys.stderr)
    sys.exit(1)


def instant(ev, name, uid, required=True):
    """The property's value as epoch seconds; fails on floating times."""
    prop = ev.get(name)
    if prop is None:
        if required:
            fail("%s: no %s" % (uid, name))
        return None
    if isinstance(prop, list):
        fail("%s: more than one %s" % (uid, name))
    dt = prop.dt
    if not isinstance(dt, datetime.datetime):
        fail("%s: %s is a DATE (%r), not a date-time" % (uid, name, dt))
    if dt.tzinfo is None or dt.tzinfo.utcoffset(dt) is None:
        fail("%s: %s is floating (naive %s)" % (uid, name, dt.isoformat()))
    return int(dt.timestamp())


def main(argv):
    global PATH
    stamps = False
    if len(argv) >= 2 and argv[1] == "--stamps":
        stamps = True
        argv = argv[:1] + argv[2:]
    if len(argv) != 2:
        print("usage: pycheck.py [--stamps] FILE.ics", file=sys.stderr)
        return 2
    PATH = argv[1]
    try:
        with open(PATH, "rb") as f:
            data = f.read()
    except OSError as e:
        print("pycheck: %s" % e, file=sys.stderr)
        return 2
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("not UTF-8: %s" % e)
    if text.startswith("\ufeff"):
        fail("starts with a byte order mark")
    try:
        cals = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as e:  # icalendar raises ValueError and others
        fail("icalendar cannot parse it: %s: %s" % (type(e).__name__, e))
    if len(cals) != 1 or cals[0].name != "VCALENDAR":
        fail("not exactly one VCALENDAR (%d top-level components)"
             % len(cals))
    cal = cals[0]
    for comp in cal.walk():
        errors = getattr(comp, "errors", None)
        if errors:
            fail("icalendar reports errors in %s: %r" % (comp.name, errors))

    # The raw events first: recurring_ical_events would quietly make a
    # floating time comparable.
    raw = {}
    for ev in cal.walk("VEVENT"):
        uid = ev.get("UID")
        if uid is None or str(uid) == "":
            fail("a VEVENT has no UID")
        uid = str(uid)
        start = instant(ev, "DTSTART", uid)
        end = instant(ev, "DTEND", uid)
        if end <= start:
            fail("%s: DTEND is not after DTSTART" % uid)
        instant(ev, "DTSTAMP", uid)
        instant(ev, "LAST-MODIFIED", uid, required=False)
        raw[uid] = raw.get(uid, 0) + 1

    try:
        events = recurring_ical_events.of(cal).between(
            datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc),
            datetime.datetime(2100, 1, 1, tzinfo=datetime.timezone.utc))
    except Exception as e:
        fail("recurring_ical_events cannot expand it: %s: %s"
             % (type(e).__name__, e))

    lines = []
    for ev in events:
        uid = str(ev.get("UID"))
        start = instant(ev, "DTSTART", uid)
        end = instant(ev, "DTEND", uid)
        status = ev.get("STATUS")
        status = str(status).upper() if status is not None else "NONE"
        seq = ev.get("SEQUENCE")
        seq = str(int(seq)) if seq is not None else "NONE"
        line = "%s %d %d %s %s" % (uid, start, end, status, seq)
        if stamps:
            stamp = instant(ev, "DTSTAMP", uid)
            mod = instant(ev, "LAST-MODIFIED", uid, required=False)
            line += " %d %s" % (stamp, "NONE" if mod is None else mod)
        lines.append(line)
    if len(lines) < sum(raw.values()):
        fail("recurring_ical_events gave %d events for %d VEVENTs"
             % (len(lines), sum(raw.values())))
    for line in sorted(lines):
        print(line)
    return 0


PATH = "-"
if __name__ == "__main__":
    sys.exit(main(sys.argv))
