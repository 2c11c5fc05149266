#!/usr/bin/python3
# expected - what one feed must hold, read from the store (iss.db) alone.
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
#
#   expected.py [--stamps] WS KIND OWNER      (KIND: case or staff)
#
# Prints the lines the parsers must print for the feed of OWNER, sorted:
#   UID START_EPOCH END_EPOCH STATUS SEQUENCE
# (--stamps adds DTSTAMP and LAST-MODIFIED: both the last change).
# A case's feed: one line per session of the case (UID = sessions.uid, its
# sequence and status). A staff member's feed: one line per session_staff
# row of theirs (UID = feed_uid, the row's sequence and last change;
# CANCELLED when the row or the session is). Both leave out events dated
# more than 56 days before today and cancelled events dated before today.
# Today is ISS_TODAY (YYYY-MM-DD), else the London date of ISS_NOW (epoch
# seconds), else of now, as iss itself decides.
import datetime
import os
import sqlite3
import sys

HISTORY_DAYS = 56


def today():
    env = os.environ.get("ISS_TODAY")
    if env:
        try:
            return datetime.date.fromisoformat(env)
        except ValueError:
            pass  # iss ignores a bad ISS_TODAY too
    now = os.environ.get("ISS_NOW")
    try:
        t = int(now) if now else None
    except ValueError:
        t = None
    if t is None:
        t = int(datetime.datetime.now(datetime.timezone.utc).timestamp())
    from zoneinfo import ZoneInfo
    return datetime.datetime.fromtimestamp(t, ZoneInfo("Europe/London")).date()


def main(argv):
    stamps = False
    if len(argv) > 1 and argv[1] == "--stamps":
        stamps = True
        argv = argv[:1] + argv[2:]
    if len(argv) != 4 or argv[2] not in ("case", "staff"):
        print("usage: expected.py [--stamps] WS case|staff OWNER",
              file=sys.stderr)
        return 2
    ws, kind, owner = argv[1:]
    path = os.path.join(ws, "iss.db")
    if not os.path.exists(path):
        print("expected: no store %s" % path, file=sys.stderr)
        return 2
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    t = today()
    oldest = (t - datetime.timedelta(days=HISTORY_DAYS)).isoformat()
    t = t.isoformat()
    if kind == "case":
        rows = db.execute(
            "SELECT uid, start_utc, end_utc, status, sequence, last_change,"
            " date FROM sessions WHERE case_id = ? AND date >= ?",
            (owner, oldest))
    else:
        rows = db.execute(
            "SELECT ss.feed_uid, s.start_utc, s.end_utc,"
            " CASE WHEN ss.status = 'cancelled' OR s.status = 'cancelled'"
            " THEN 'cancelled' ELSE 'confirmed' END,"
            " ss.sequence, ss.last_change, s.date"
            " FROM session_staff ss JOIN sessions s ON s.uid = ss.session_uid"
            " WHERE ss.staff_id = ? AND s.date >= ?", (owner, oldest))
    lines = []
    for uid, start, end, status, seq, change, date in rows:
        if status == "cancelled" and date < t:
            continue
        line = "%s %d %d %s %d" % (uid, start, end, status.upper(), seq)
        if stamps:
            line += " %d %d" % (change, change)
        lines.append(line)
    db.close()
    for line in sorted(lines):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
