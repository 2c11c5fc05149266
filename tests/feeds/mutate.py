#!/usr/bin/python3
# mutate - broken (and one re-written) copies of a good feed, to prove the
# checkers catch what they claim to.
# Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
#
#   mutate.py KIND IN.ics OUT.ics
#
# KIND is one of the names below. Each breaks one rule of
# shared/docs/ICALENDAR.md, except "tzid", which writes the same instants
# as TZID=Europe/London local times with one compact VTIMEZONE (a correct
# feed every checker must read to the same instants).
import datetime
import re
import sys
from zoneinfo import ZoneInfo

VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/London
BEGIN:DAYLIGHT
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
TZNAME:BST
DTSTART:19810329T010000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
TZNAME:GMT
DTSTART:19961027T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
""".replace("\n", "\r\n")


def first(pattern, repl, s):
    out, n = re.subn(pattern, repl, s, count=1, flags=re.MULTILINE)
    if n != 1:
        sys.exit("mutate: %r not found" % pattern)
    return out


def after_calendar_header(s, lines):
    return first(r"^(VERSION:2\.0\r\n)", r"\1" + lines, s)


def tzid(s):
    london = ZoneInfo("Europe/London")

    def local(m):
        t = datetime.datetime.strptime(m.group(2), "%Y%m%dT%H%M%SZ")
        t = t.replace(tzinfo=datetime.timezone.utc).astimezone(london)
        return "%s;TZID=Europe/London:%s" % (m.group(1),
                                             t.strftime("%Y%m%dT%H%M%S"))
    s = re.sub(r"^(DTSTART|DTEND):(\d{8}T\d{6}Z)", local, s,
               flags=re.MULTILINE)
    return first(r"^(BEGIN:VEVENT\r\n)", VTIMEZONE + r"\1", s)


def utf8_split_fold(s):
    # A long SUMMARY of 2-octet characters folded after 75 octets, which
    # falls inside a character (8 + 66 = 74: the 34th character's first
    # octet is the 75th).
    line = "SUMMARY:Zoe " + "\u00eb" * 40
    raw = line.encode("utf-8")
    assert raw[74] >= 0xC0  # the 75th octet starts a 2-octet character
    folded = raw[:75] + b"\r\n " + raw[75:]
    s = re.sub(r"^SUMMARY:.*\r\n( .*\r\n)*", "@@SUMMARY@@", s, count=1,
               flags=re.MULTILINE)
    b = s.encode("utf-8").replace(b"@@SUMMARY@@", folded + b"\r\n", 1)
    return b


MUTATIONS = {
    "floating": lambda s: first(r"^(DTSTART:\d{8}T\d{6})Z", r"\1", s),
    "date": lambda s: first(r"^DTSTART:(\d{8})T\d{6}Z",
                            r"DTSTART;VALUE=DATE:\1", s),
    "lf": lambda s: s.replace("\r\n", "\n"),
    "long": lambda s: first(r"^(SUMMARY:)", r"\1" + "x" * 80 + " ", s),
    "bom": lambda s: "\ufeff" + s,
    "method": lambda s: after_calendar_header(s, "METHOD:PUBLISH\r\n"),
    "url": lambda s: after_calendar_header(
        s, "URL:https://calendar.example.org/feeds/0123.ics\r\n"),
    "source": lambda s: after_calendar_header(
        s, "SOURCE:https://calendar.example.org/feeds/0123.ics\r\n"),
    "two": lambda s: s + s,
    "notz": lambda s: first(r"^DTSTART:(\d{8}T\d{6})Z",
                            r"DTSTART;TZID=Europe/London:\1", s),
    "tzz": lambda s: first(r"^(DTSTART;TZID=Europe/London:\d{8}T\d{6})",
                           r"\1Z", tzid(s)),
    "noversion": lambda s: first(r"^VERSION:2\.0\r\n", "", s),
    "unclosed": lambda s: first(r"^END:VCALENDAR\r\n", "", s),
    "endbefore": lambda s: first(r"^(DTSTART:\d{8}T\d{6}Z\r\n)DTEND:.*\r\n",
                                 r"\1DTEND:19700101T000000Z\r\n", s),
    "utf8fold": utf8_split_fold,
    "tzid": tzid,
}


def main(argv):
    if len(argv) != 4 or argv[1] not in MUTATIONS:
        print("usage: mutate.py %s IN.ics OUT.ics" % "|".join(MUTATIONS),
              file=sys.stderr)
        return 2
    with open(argv[2], "rb") as f:
        s = f.read().decode("utf-8")
    out = MUTATIONS[argv[1]](s)
    if isinstance(out, str):
        out = out.encode("utf-8")
    with open(argv[3], "wb") as f:
        f.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
