#!/usr/bin/python3
"""What Chromium rendered of a child's letter, checked against the
workspace and the published plan (standard library only).

  check_letter.py dom WS PLAN CASE DOMFILE [OLDPLAN]
                                             the DOM text (--dump-dom);
                                             OLDPLAN: the plan as first
                                             published, before a re-plan
                                             (the changes' labels)
  check_letter.py copy WS PLAN CASE DOMFILE  the same for the carer's copy
  check_letter.py compliance WS CASE DOMFILE NOW KIND MISSED MEETING
                                             a compliance letter (KIND:
                                             note, letterN, final; NOW:
                                             unix seconds; MISSED: the uid
                                             of the session missed;
                                             MEETING: "-" none, "unbooked",
                                             or the meeting session's uid)
  check_letter.py compliance-copy WS CASE DOMFILE NOW KIND MISSED MEETING
                                             the same for the carer's copy
  check_letter.py png PNG WIDTH HEIGHT       a screenshot (--screenshot)
  check_letter.py pdf PDF MAXPAGES           a printout (--print-to-pdf)

Prints one line per assertion, "PASS: what" or "FAIL: what -- detail";
tests/cli/letters.sh counts them. Exit status 0 unless the input could not
be read at all (then 2).
"""
import datetime
import html.parser
import json
import os
import re
import sqlite3
import struct
import sys
import zlib

# What a child's letter may never say (docs/files.md, docs/feeds.md): these
# show to whoever picks the letter up. Whole words, any case, plurals too.
FORBIDDEN = [
    "yot", "yjs", "yos", "court", "courts", "order", "orders", "ordered",
    "breach", "breaches", "breached", "police", "curfew", "curfews", "tag",
    "tags", "tagged", "drug", "drugs", "victim", "victims", "probation",
    "warning", "warnings", "custody", "crime", "crimes", "criminal",
    "sentence", "sentences", "sentenced", "justice", "prison", "arrest",
    "arrests", "arrested", "offend", "offends", "offending", "offence",
    "offences", "offender", "offenders", "detention",
]
FORBIDDEN_RE = re.compile(r"\b(%s)\b" % "|".join(FORBIDDEN), re.I)

# docs/files.md, "Defaults when session_types is left out".
DEFAULT_TITLES = {
    "ete": "Appointment", "restorative": "Activity",
    "offending_behaviour": "Appointment", "family": "Meeting",
    "interpersonal": "Session", "tracking": "Check-in",
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
BLOCKS = ("h1", "h2", "h3", "p", "li", "title")


def say(ok, what, detail=""):
    if ok:
        print("PASS: %s" % what)
    else:
        print("FAIL: %s -- %s" % (what, detail))


def words(text):
    return re.sub(r"\s+", " ", text).strip()


class Blocks(html.parser.HTMLParser):
    """The letter as a list of blocks: (tag, class, text), in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.stack = []      # open block elements: [tag, class, parts]
        self.skip = 0        # inside <style> or <script>
        self.all_text = []   # every text node outside style/script

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1
        elif tag in BLOCKS:
            self.stack.append([tag, dict(attrs).get("class") or "", []])

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS and self.stack and self.stack[-1][0] == tag:
            t, cls, parts = self.stack.pop()
            self.blocks.append((t, cls, words("".join(parts))))

    def handle_data(self, data):
        if self.skip:
            return
        self.all_text.append(data)
        for b in self.stack:
            b[2].append(data)


def day_heading(iso):
    d = datetime.date.fromisoformat(iso)
    return "%s %d %s" % (DAYS[d.weekday()], d.day, MONTHS[d.month - 1])


def age_on(dob, day):
    b = datetime.date.fromisoformat(dob)
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


LABELS = ("new time", "new worker", "new place", "changed")


def want_label(s, old):
    """The label docs/letters.md gives session s of the new plan, with old
    the sessions of the plan first published by uid (None: no re-plan)."""
    if old is None:
        return ""
    o = old.get(s.get("uid"))
    if o is None:
        return " (added)"
    got = []
    if (o["start"], o["end"]) != (s["start"], s["end"]):
        got.append("new time")
    if sorted(o["staff"]) != sorted(s["staff"]):
        got.append("new worker")
    if o.get("place") != s.get("place"):
        got.append("new place")
    if not got and o["type"] != s["type"]:
        got.append("changed")
    return " (%s)" % ", ".join(got) if got else ""


def check_dom(ws, plan_path, case_id, dom_path, old_path=None, copy=False):
    team = json.load(open(os.path.join(ws, "team.json")))
    cases = {}
    for f in sorted(os.listdir(os.path.join(ws, "cases"))):
        if f.endswith(".json"):
            c = json.load(open(os.path.join(ws, "cases", f)))
            cases[c["id"]] = c
    plan = json.load(open(plan_path))
    case = cases[case_id]
    monday = datetime.date.fromisoformat(plan["week"]["monday"]
                                         if isinstance(plan.get("week"), dict)
                                         else plan["week"])
    staff_first = {s["id"]: s["name"].split()[0] for s in team["staff"]}
    place_name = {p["id"]: p["name"] for p in team.get("places") or []}
    old = None
    if old_path:
        old = {s["uid"]: s for s in json.load(open(old_path))["sessions"]
               if s.get("uid")}
    surnames = sorted({w for s in team["staff"] for w in s["name"].split()[1:]})
    titles = dict(DEFAULT_TITLES)
    for t in team.get("session_types") or []:
        titles[t["id"]] = t.get("child_title", "Appointment")

    p = Blocks()
    p.feed(open(dom_path, encoding="utf-8").read())
    p.close()
    blocks = p.blocks
    text = words(" ".join(p.all_text))

    # Sections: h2 headings; days: h3 headings inside "This week".
    section, day = None, None
    days = {}            # heading -> [li texts]
    nodays = set()       # headings that say "No appointments."
    sections = {}        # h2 -> [li texts]
    before_ahead = []    # every block's text before "The month ahead"
    copy_lines = []
    for tag, cls, t in blocks:
        if tag == "title":
            continue
        if tag == "h2":
            section, day = t, None
            sections.setdefault(t, [])
        elif tag == "h3" and section == "This week":
            day = t
            days.setdefault(t, [])
        elif tag == "li":
            if day is not None:
                days[day].append(t)
            elif section is not None:
                sections[section].append(t)
        elif tag == "p" and day is not None and t == "No appointments.":
            nodays.add(day)
        if tag == "p" and "copy" in cls.split():
            copy_lines.append(t)
        if section != "The month ahead":
            before_ahead.append(t)
    week_text = " ".join(before_ahead)
    label = case_id

    # Dear <feed_name> (the carer's copy: Dear <address_as>).
    carer = case.get("carer")
    if copy:
        label = case_id + " (carer's copy)"
        name = carer.get("address_as") or carer["name"]
    else:
        name = case.get("feed_name") or "you"
    dear = [t for tag, _, t in blocks if tag == "p" and t.startswith("Dear ")]
    say(dear == ["Dear %s," % name], "%s: the letter opens \"Dear %s,\"" %
        (label, name), "found %r" % dear)
    if copy:
        child = case.get("feed_name") or "your child"
        say(("a copy of the letter we have sent to %s" % child) in text,
            "%s: says it is a copy of %s's letter" % (label, child),
            "not found")

    # The letterhead, the date, what to do if the child cannot come, the
    # key worker (docs/letters.md).
    head = team.get("letterhead")
    if head:
        miss = [v for v in (head["name"], head["address"], head["phone"],
                            head.get("email"), head.get("opening_hours"))
                if v and v not in text]
        say(not miss, "%s: the letterhead (name, address, phone, email, "
            "opening hours)" % label, "missing %r" % miss)
    dates = [t for tag, cls, t in blocks if tag == "p" and cls == "date"]
    ok = False
    if len(dates) == 1:
        m = re.fullmatch(r"(\d{1,2}) (%s) (\d{4})" % "|".join(MONTHS),
                         dates[0])
        ok = m is not None
    say(ok, "%s: the letter is dated (\"3 December 2026\")" % label,
        "date blocks %r" % dates)
    say("If you cannot come" in sections or
        "If they cannot come" in sections,
        "%s: the letter says what to do if the child cannot come" % label,
        "sections %r" % list(sections))
    if head:
        say(head["phone"] in " ".join(
            t for tag, _, t in blocks if tag == "p" and
            ("Phone us on %s" % head["phone"]) in t),
            "%s: ... by phoning %s" % (label, head["phone"]), "not found")
    kw = (case.get("staff") or {}).get("key_worker")
    if kw:
        want = "%s key worker is %s." % ("Their" if copy else "Your",
                                         staff_first[kw])
        say(want in text, "%s: names the key worker: %r" % (label, want),
            "not found")

    # The child's sessions, day by day.
    mine = [s for s in plan["sessions"] if s["case"] == case_id]
    confirmed = [s for s in mine if s.get("status") in ("published", "moved")]
    cancelled = [s for s in mine if s.get("status") == "cancelled"]
    say(len(confirmed) > 0, "%s: the plan has confirmed sessions for the "
        "child" % label, "none with status published")
    want_days = [day_heading((monday + datetime.timedelta(d)).isoformat())
                 for d in range(7)]
    say(list(days) == want_days, "%s: the week is listed day by day, Monday "
        "to Sunday" % label, "day headings %r" % list(days))
    missing, wrong = [], []
    for s in sorted(confirmed, key=lambda s: s["start"]):
        span = "%s to %s" % (s["start"][11:16], s["end"][11:16])
        names = " and ".join(staff_first.get(x, x) for x in s["staff"])
        line = "%s %s with %s" % (span, titles.get(s["type"], "Appointment"),
                                  names)
        if s.get("place"):
            line += ", " + place_name[s["place"]]
        line += want_label(s, old)
        if span not in text:
            missing.append(span)
        items = days.get(day_heading(s["date"]), [])
        if line not in items:
            wrong.append("%s on %s (day lists %r)" %
                         (line, day_heading(s["date"]), items))
    say(not missing, "%s: each of the %d confirmed sessions appears as "
        "\"HH:MM to HH:MM\"" % (label, len(confirmed)),
        "missing %s" % ", ".join(missing))
    say(not wrong, "%s: each session is listed under its day as \"HH:MM to "
        "HH:MM <title> with <first name>\"" % label, "; ".join(wrong))
    per_day = {}
    for s in confirmed:
        per_day[day_heading(s["date"])] = per_day.get(
            day_heading(s["date"]), 0) + 1
    counts = {d: len(days.get(d, [])) for d in want_days}
    want_counts = {d: per_day.get(d, 0) for d in want_days}
    say(counts == want_counts, "%s: no day lists more sessions than the "
        "child has" % label, "listed %r, planned %r" % (counts, want_counts))
    empty = {d for d in want_days if want_counts[d] == 0}
    say(nodays == empty, "%s: days without a session say \"No "
        "appointments.\"" % label, "say it: %r, empty: %r" % (nodays, empty))
    if cancelled:
        gone = sections.get("No longer happening", [])
        lost = ["%s to %s" % (s["start"][11:16], s["end"][11:16])
                for s in cancelled
                if not any("%s to %s" % (s["start"][11:16], s["end"][11:16])
                           in g for g in gone)]
        say(not lost, "%s: cancelled sessions are under \"No longer "
            "happening\"" % label, "missing %r" % lost)
        say(all(g.endswith("(no longer happening)") for g in gone),
            "%s: each is labelled \"(no longer happening)\"" % label,
            "items %r" % gone)
    else:
        say("No longer happening" not in sections, "%s: nothing is \"No "
            "longer happening\" when nothing was cancelled" % label,
            "found %r" % sections.get("No longer happening"))
    say("The month ahead" in sections, "%s: the letter has \"The month "
        "ahead\"" % label, "sections %r" % list(sections))

    # Nobody else's sessions: times only other children have this week.
    own_spans = {"%s to %s" % (s["start"][11:16], s["end"][11:16])
                 for s in mine}
    others = sorted({"%s to %s" % (s["start"][11:16], s["end"][11:16])
                     for s in plan["sessions"]
                     if s["case"] != case_id and s.get("status") != "cancelled"}
                    - own_spans)
    leaked = [t for t in others if t in week_text]
    say(not leaked, "%s: none of the %d times only other children have "
        "appears" % (label, len(others)), "found %s" % ", ".join(leaked))
    names_in_letter = {staff_first[s] for s in staff_first}
    other_names = sorted({c.get("feed_name") for i, c in cases.items()
                          if i != case_id and c.get("feed_name")}
                         - {case.get("feed_name")} - names_in_letter)
    leaked = [n for n in other_names
              if re.search(r"\b%s\b" % re.escape(n), text)]
    say(not leaked, "%s: no other child's name appears" % label,
        "found %s" % ", ".join(leaked))

    # The copy line, exactly for the under-16s (naming the carer when the
    # case names one); never on the carer's own copy.
    age = age_on(case["date_of_birth"], monday)
    line = ("Copy to %s (parent or carer)." % carer["name"] if carer
            else "Copy to parent or carer.")
    has_copy = line in text
    want_copy = age < 16 and not copy
    say(has_copy == want_copy and len(copy_lines) == int(want_copy),
        "%s: aged %d on %s: the copy line %r is %s" %
        (label, age, monday.isoformat(), line,
         "there" if want_copy else "absent"),
        "copy line found: %s (%r)" % (has_copy, copy_lines))

    # Words, ids and names that must never show. The title counts: it is
    # what a browser tab and the PDF's properties show.
    title = " ".join(t for tag, _, t in blocks if tag == "title")
    shown = text + " " + title
    bad = sorted({m.group(0) for m in FORBIDDEN_RE.finditer(shown)})
    say(not bad, "%s: no forbidden word" % label, "found %s" % ", ".join(bad))
    ids = sorted(set(cases) | set(staff_first))
    found = [i for i in ids if re.search(r"\b%s\b" % re.escape(i), shown)]
    generic = sorted(set(re.findall(r"\b[SC][0-9]{1,4}\b", shown)) -
                     set(found))
    say(not found and not generic, "%s: no staff or case id" % label,
        "found %s" % ", ".join(found + generic))
    found = [w for w in surnames
             if re.search(r"\b%s\b" % re.escape(w), shown, re.I)]
    say(not found, "%s: no surname (%d staff surnames checked)" %
        (label, len(surnames)), "found %s" % ", ".join(found))
    # team.json's "service" is the team's own name: only the letterhead
    # (checked neutral) names the service on a letter.
    service = team.get("service") or ""
    say(not service or service.lower() not in shown.lower(),
        "%s: not the service's internal name" % label, "found %r" % service)


ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth",
            "seventh", "eighth", "ninth", "tenth"]


def long_day(iso, minute):
    """("Thursday 26 November 2026", "16:00") of a stored session."""
    d = datetime.date.fromisoformat(iso)
    return ("%s %d %s %d" % (DAYS[d.weekday()], d.day, MONTHS[d.month - 1],
                             d.year), "%02d:%02d" % divmod(minute, 60))


def check_compliance(ws, case_id, dom_path, now, kind, missed, meeting,
                     copy=False):
    """A compliance letter (docs/letters.md), its facts taken from the
    store (iss.db) independently of iss."""
    team = json.load(open(os.path.join(ws, "team.json")))
    cases = {}
    for f in sorted(os.listdir(os.path.join(ws, "cases"))):
        if f.endswith(".json"):
            c = json.load(open(os.path.join(ws, "cases", f)))
            cases[c["id"]] = c
    case = cases[case_id]
    db = sqlite3.connect("file:%s?mode=ro" %
                         os.path.join(ws, "iss.db"), uri=True)
    label = "%s %s%s" % (case_id, kind, " (carer's copy)" if copy else "")
    staff_first = {s["id"]: s["name"].split()[0] for s in team["staff"]}
    surnames = sorted({w for s in team["staff"] for w in s["name"].split()[1:]})

    p = Blocks()
    p.feed(open(dom_path, encoding="utf-8").read())
    p.close()
    blocks = p.blocks
    text = words(" ".join(p.all_text))
    title = " ".join(t for tag, _, t in blocks if tag == "title")
    shown = text + " " + title

    # The heading says what the letter is.
    if kind == "final":
        want_h1 = "Final notice about missed appointments"
    elif kind == "note":
        want_h1 = "A note about a missed appointment"
    else:
        n = int(kind[len("letter"):])
        want_h1 = "Your %s formal letter about missed appointments" % \
            ORDINALS[n - 1]
    h1 = [t for tag, _, t in blocks if tag == "h1"]
    say(h1 == [want_h1], "%s: the heading is %r" % (label, want_h1),
        "found %r" % h1)

    # Letterhead, date, greeting.
    head = team.get("letterhead")
    if head:
        miss = [v for v in (head["name"], head["address"], head["phone"],
                            head.get("email"), head.get("opening_hours"))
                if v and v not in text]
        say(not miss, "%s: the letterhead" % label, "missing %r" % miss)
    dates = [t for tag, cls, t in blocks if tag == "p" and cls == "date"]
    say(len(dates) == 1 and re.fullmatch(r"\d{1,2} (%s) \d{4}" %
                                         "|".join(MONTHS), dates[0]),
        "%s: the letter is dated" % label, "date blocks %r" % dates)
    child = case.get("feed_name") or "you"
    dear = [t for tag, _, t in blocks if tag == "p" and t.startswith("Dear ")]
    carer = case.get("carer")
    want = ["Dear %s," % child]
    if copy:
        want = ["Dear %s," % (carer.get("address_as") or carer["name"])] + \
            want
    say(dear == want, "%s: the greeting%s %r" %
        (label, "s" if copy else "", want), "found %r" % dear)
    if copy:
        say(("a copy of the letter we have sent to %s" %
             (case.get("feed_name") or "your child")) in text,
            "%s: says whose letter it is a copy of" % label, "not found")

    # The appointment missed, from the store.
    row = db.execute("SELECT date, start_min FROM sessions WHERE uid = ?",
                     (missed,)).fetchone()
    day, at = long_day(row[0], row[1])
    say(("your appointment on %s at %s" % (day, at)) in text,
        "%s: names the appointment missed (%s at %s)" % (label, day, at),
        "not found")

    # The next appointment: the first confirmed session to start after
    # now (the store's, not iss's answer).
    row = db.execute("SELECT date, start_min, end_min FROM sessions WHERE "
                     "case_id = ? AND status != 'cancelled' AND start_utc > ?"
                     " ORDER BY start_utc LIMIT 1",
                     (case_id, int(now))).fetchone()
    nxt = [t for tag, cls, t in blocks if tag == "p" and cls == "next"]
    if row:
        day, at = long_day(row[0], row[1])
        want = "%s, %s to %s:" % (day, at, "%02d:%02d" % divmod(row[2], 60))
        say(len(nxt) == 1 and nxt[0].startswith(want),
            "%s: gives the next appointment: %r" % (label, want),
            "found %r" % nxt)
    else:
        say(len(nxt) == 1 and "not booked yet" in nxt[0],
            "%s: says the next appointments are not booked yet" % label,
            "found %r" % nxt)

    # The meeting with a manager.
    heads = [t for tag, _, t in blocks if tag == "h2"]
    meet = [t for tag, cls, t in blocks if tag == "p" and cls == "meeting"]
    if meeting == "-":
        say("Meeting with a manager" not in heads and not meet,
            "%s: no meeting with a manager" % label, "found %r" % meet)
    elif meeting == "unbooked":
        say(len(meet) == 1 and meet[0].startswith(
            "We will write to you with the date and time of the meeting."),
            "%s: the meeting is not booked: we will write with the date" %
            label, "found %r" % meet)
    else:
        row = db.execute("SELECT date, start_min, end_min FROM sessions "
                         "WHERE uid = ?", (meeting,)).fetchone()
        day, at = long_day(row[0], row[1])
        want = "The meeting is on %s, %s to %s:" % (
            day, at, "%02d:%02d" % divmod(row[2], 60))
        staff = [r[0] for r in db.execute(
            "SELECT staff_id FROM session_staff WHERE session_uid = ? AND "
            "status = 'confirmed'", (meeting,))]
        mgr = [s for s in team["staff"] if s["id"] in staff and
               "manager" in s["roles"]]
        say(len(meet) == 1 and meet[0].startswith(want) and mgr and
            all(staff_first[m["id"]] in meet[0] for m in mgr),
            "%s: the meeting with a manager: %r with %s" %
            (label, want, [staff_first[m["id"]] for m in mgr]),
            "found %r" % meet)
    if kind == "final":
        say("We have already sent you" in text,
            "%s: says the formal letters already sent" % label, "not found")

    # What to do, who to talk to.
    if head:
        say(("Phone us on %s" % head["phone"]) in text,
            "%s: what to do if the child cannot come" % label, "not found")
    kw = (case.get("staff") or {}).get("key_worker")
    if kw:
        say(("Your key worker is %s." % staff_first[kw]) in text,
            "%s: names the key worker" % label, "not found")

    # The copy line: under 16 on the day missed.
    row = db.execute("SELECT date FROM sessions WHERE uid = ?",
                     (missed,)).fetchone()
    age = age_on(case["date_of_birth"], datetime.date.fromisoformat(row[0]))
    line = ("Copy to %s (parent or carer)." % carer["name"] if carer
            else "Copy to parent or carer.")
    lines = [t for tag, cls, t in blocks if tag == "p" and
             "copy" in cls.split()]
    say(lines == ([line] if age < 16 else []),
        "%s: aged %d: the copy line %r is %s" %
        (label, age, line, "there" if age < 16 else "absent"),
        "found %r" % lines)

    # Never shown.
    bad = sorted({m.group(0) for m in FORBIDDEN_RE.finditer(shown)})
    say(not bad, "%s: no forbidden word" % label, "found %s" % ", ".join(bad))
    ids = sorted(set(cases) | set(staff_first))
    found = [i for i in ids if re.search(r"\b%s\b" % re.escape(i), shown)]
    say(not found, "%s: no staff or case id" % label,
        "found %s" % ", ".join(found))
    found = [w for w in surnames
             if re.search(r"\b%s\b" % re.escape(w), shown, re.I)]
    say(not found, "%s: no surname" % label, "found %s" % ", ".join(found))
    service = team.get("service") or ""
    say(not service or service.lower() not in shown.lower(),
        "%s: not the service's internal name" % label, "found %r" % service)
    # Plain English: short sentences (reading age about 11).
    sentences = [x for tag, cls, t in blocks
                 if tag == "p" and "letterhead" not in cls.split()
                 for x in re.split(r"(?<=[.!?])\s+", t) if x]
    long = [x for x in sentences if len(x.split()) > 30]
    say(not long, "%s: no sentence over 30 words" % label,
        "found %r" % long[:2])


def png_rows(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG (signature %r)" % data[:8])
    pos, idat, ihdr = 8, [], None
    while pos + 8 <= len(data):
        n, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        crc, = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        if zlib.crc32(typ + body) & 0xffffffff != crc:
            raise ValueError("bad CRC in chunk %r" % typ)
        if typ == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif typ == b"IDAT":
            idat.append(body)
        elif typ == b"IEND":
            break
        pos += 12 + n
    if ihdr is None or pos == 8:
        raise ValueError("no IHDR chunk")
    return ihdr, b"".join(idat)


def unfilter(raw, width, height, bpp):
    """The rows of an 8-bit, non-interlaced image (PNG spec, filters)."""
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        off = y * (stride + 1)
        f = raw[off]
        line = bytearray(raw[off + 1:off + 1 + stride])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((a + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        elif f != 0:
            raise ValueError("bad filter type %d in row %d" % (f, y))
        rows.append(bytes(line))
        prev = line
    return rows


def check_png(path, width, height):
    label = os.path.basename(path)
    try:
        ihdr, idat = png_rows(path)
    except (OSError, ValueError, struct.error) as e:
        say(False, "%s: a valid PNG" % label, str(e))
        return
    w, h, depth, ctype, _, _, interlace = ihdr
    say(True, "%s: a valid PNG (signature, chunk CRCs)" % label)
    say((w, h) == (width, height), "%s: %dx%d pixels" % (label, width, height),
        "IHDR says %dx%d" % (w, h))
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}.get(ctype)
    if depth != 8 or bpp is None or interlace:
        say(False, "%s: an 8-bit non-interlaced image" % label,
            "depth %d, colour type %d, interlace %d" % (depth, ctype,
                                                          interlace))
        return
    try:
        raw = zlib.decompress(idat)
        if len(raw) != h * (w * bpp + 1):
            raise ValueError("%d bytes of image data, expected %d" %
                             (len(raw), h * (w * bpp + 1)))
        rows = unfilter(raw, w, h, bpp)
    except (zlib.error, ValueError) as e:
        say(False, "%s: the image data decodes" % label, str(e))
        return
    px = 3 if bpp >= 3 else 1
    distinct = set()
    ink_rows = dark = 0
    bg = rows[0][0:px]
    for r in rows:
        pixels = {r[i:i + px] for i in range(0, len(r), bpp)}
        if len(distinct) < 64:
            distinct |= pixels
        if pixels != {bg}:
            ink_rows += 1
        for i in range(0, len(r), bpp * 4):
            if sum(r[i:i + px]) < 96 * px:
                dark += 1
    say(len(distinct) > 1, "%s: not blank (%s distinct pixel values)" %
        (label, "64+" if len(distinct) >= 64 else len(distinct)),
        "one colour only: %r" % distinct)
    say(ink_rows >= h // 10 and dark > 0, "%s: text drawn dark on a plain "
        "background (%d of %d rows have ink)" % (label, ink_rows, h),
        "%d rows differ from the background, %d dark pixels sampled" %
        (ink_rows, dark))


def check_pdf(path, max_pages):
    label = os.path.basename(path)
    try:
        data = open(path, "rb").read()
    except OSError as e:
        say(False, "%s: the PDF is written" % label, str(e))
        return
    say(data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:],
        "%s: a PDF file" % label, "starts %r" % data[:8])
    boxes = [tuple(float(x) for x in m.groups()) for m in re.finditer(
        rb"/MediaBox\s*\[\s*([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s+"
        rb"([-0-9.]+)\s*\]", data)]
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    counts = [int(x) for x in re.findall(
        rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data, re.S)]
    counts += [int(x) for x in re.findall(
        rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data, re.S)]
    a4 = [b for b in boxes if abs(b[2] - b[0] - 595) <= 1 and
          abs(b[3] - b[1] - 842) <= 1]
    say(boxes and len(a4) == len(boxes), "%s: every page is A4 (595 x 842 "
        "points)" % label, "MediaBoxes %r" % boxes)
    n = max(counts) if counts else pages
    say(pages >= 1 and (not counts or n == pages), "%s: the page tree is "
        "consistent (%d pages)" % (label, pages),
        "%d page objects, /Count %r" % (pages, counts))
    say(1 <= n <= max_pages, "%s: at most %d pages (%d)" %
        (label, max_pages, n), "%d pages" % n)


def main(argv):
    try:
        if len(argv) in (6, 7) and argv[1] == "dom":
            check_dom(argv[2], argv[3], argv[4], argv[5],
                      argv[6] if len(argv) == 7 else None)
        elif len(argv) == 6 and argv[1] == "copy":
            check_dom(argv[2], argv[3], argv[4], argv[5], copy=True)
        elif len(argv) == 9 and argv[1] in ("compliance", "compliance-copy"):
            check_compliance(argv[2], argv[3], argv[4], argv[5], argv[6],
                             argv[7], argv[8],
                             copy=argv[1] == "compliance-copy")
        elif len(argv) == 5 and argv[1] == "png":
            check_png(argv[2], int(argv[3]), int(argv[4]))
        elif len(argv) == 4 and argv[1] == "pdf":
            check_pdf(argv[2], int(argv[3]))
        else:
            sys.stderr.write(__doc__)
            return 2
    except (OSError, KeyError, ValueError, TypeError, sqlite3.Error) as e:
        print("FAIL: %s -- cannot read the input: %s: %s" %
              (" ".join(argv[1:3]), type(e).__name__, e))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
