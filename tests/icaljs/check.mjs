// check.mjs - an independent check of one .ics feed with ical.js, the
// parser inside Thunderbird.
// Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
//
//   node tests/icaljs/check.mjs FILE.ics
//
// Parses the file twice, with ICAL.design.strict on (the default) and off
// (lenient), builds ICAL.Component and ICAL.Event for every VEVENT, and
// prints one line per event instance, sorted:
//   UID START_EPOCH END_EPOCH STATUS SEQUENCE
// (STATUS NONE and SEQUENCE NONE when absent). Exit 1 when ical.js throws,
// there is not exactly one VCALENDAR, a DTSTART/DTEND/DTSTAMP is floating
// or a DATE, a TZID has no VTIMEZONE in the file, an event has no UID or
// DTEND, DTEND is not after DTSTART, or the strict and lenient readings
// differ. Exit 2: usage or the file cannot be read.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const path = process.argv[2];

function fail(msg) {
  process.stderr.write(`icaljs: ${path}: ${msg}\n`);
  process.exit(1);
}

// A time is anchored when it is UTC or in a zone defined in the file.
function anchored(t, what, uid) {
  if (t === null || t === undefined) fail(`${uid}: no ${what}`);
  if (t.isDate) fail(`${uid}: ${what} is a DATE (${t.toString()})`);
  const z = t.zone;
  if (z === ICAL.Timezone.utcTimezone) return t.toUnixTime();
  if (!z || z === ICAL.Timezone.localTimezone || z.tzid === "floating" ||
      !z.component)
    fail(`${uid}: ${what} is floating (${t.toString()}, zone ${z ? z.tzid : "none"})`);
  return t.toUnixTime();
}

function read(text, strict) {
  ICAL.design.strict = strict;
  let jcal;
  try {
    jcal = ICAL.parse(text);
  } catch (e) {
    fail(`ICAL.parse (${strict ? "strict" : "lenient"}) throws: ${e.message}`);
  }
  // Several top-level components come back as an array of jCal arrays.
  if (!Array.isArray(jcal) || typeof jcal[0] !== "string")
    fail(`not exactly one VCALENDAR (${Array.isArray(jcal) ? jcal.length : 0} top-level components)`);
  const cal = new ICAL.Component(jcal);
  if (cal.name !== "vcalendar") fail(`the top component is ${cal.name}`);
  const lines = [];
  for (const vevent of cal.getAllSubcomponents("vevent")) {
    let ev;
    try {
      ev = new ICAL.Event(vevent, { strictExceptions: true });
    } catch (e) {
      fail(`ICAL.Event throws: ${e.message}`);
    }
    const uid = ev.uid;
    if (!uid) fail("a VEVENT has no UID");
    for (const name of ["dtstart", "dtend", "dtstamp"]) {
      for (const p of vevent.getAllProperties(name)) {
        const tzid = p.getParameter("tzid");
        if (tzid && !cal.getFirstSubcomponent("vtimezone"))
          fail(`${uid}: ${name} TZID ${tzid} has no VTIMEZONE in the file`);
        if (tzid && !vevent.parent.getTimeZoneByID(tzid))
          fail(`${uid}: ${name} TZID ${tzid} has no VTIMEZONE in the file`);
      }
    }
    if (!vevent.hasProperty("dtend")) fail(`${uid}: no DTEND`);
    anchored(vevent.getFirstPropertyValue("dtstamp"), "DTSTAMP", uid);
    const status = vevent.getFirstPropertyValue("status");
    const st = status ? String(status).toUpperCase() : "NONE";
    const seqv = vevent.getFirstPropertyValue("sequence");
    const seq = seqv === null || seqv === undefined ? "NONE" : String(seqv);
    const emit = (start, end) => {
      const a = anchored(start, "DTSTART", uid);
      const b = anchored(end, "DTEND", uid);
      if (b <= a) fail(`${uid}: DTEND is not after DTSTART`);
      lines.push(`${uid} ${a} ${b} ${st} ${seq}`);
    };
    if (ev.isRecurrenceException()) continue; // counted with its master
    if (!ev.isRecurring()) {
      emit(ev.startDate, ev.endDate);
      continue;
    }
    const until = ICAL.Time.fromDateTimeString("2100-01-01T00:00:00Z");
    const it = ev.iterator();
    let next, n = 0;
    while ((next = it.next()) && next.compare(until) < 0) {
      if (++n > 100000) fail(`${uid}: more than 100000 occurrences`);
      const d = ev.getOccurrenceDetails(next);
      emit(d.startDate, d.endDate);
    }
  }
  return lines.sort();
}

if (!path || process.argv.length !== 3) {
  process.stderr.write("usage: node check.mjs FILE.ics\n");
  process.exit(2);
}
let text;
try {
  text = readFileSync(path, "utf8");
} catch (e) {
  process.stderr.write(`icaljs: ${e.message}\n`);
  process.exit(2);
}
if (text.charCodeAt(0) === 0xfeff) fail("starts with a byte order mark");
const strict = read(text, true);
const lenient = read(text, false);
ICAL.design.strict = true;
if (strict.join("\n") !== lenient.join("\n"))
  fail("the strict and lenient readings differ");
if (strict.length > 0) process.stdout.write(strict.join("\n") + "\n");
