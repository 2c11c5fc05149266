#!/usr/bin/python3
"""What Chromium rendered of `iss report --format html`, checked against
the same report as JSON (standard library only).

  check_report.py dom REPORT.json DOMFILE    the DOM (--dump-dom)
  check_report.py png PNG WIDTH HEIGHT       a screenshot (--screenshot)

Prints one line per assertion, "PASS: what" or "FAIL: what -- detail";
tests/cli/report_html.sh counts them. Exit status 0 unless the input could
not be read at all (then 2).
"""
import datetime
import html.parser
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "letters"))
from check_letter import FORBIDDEN_RE, check_png, say  # noqa: E402

# The table's columns after week, required, planned, education, delivered,
# in docs/report.md's order.
CAUSES = ["child_absent_unacceptable", "child_absent_acceptable",
          "service_cancelled", "service_ended_early", "not_planned",
          "not_recorded", "to_come"]
CAUSE_LABELS = {
    "child_absent_unacceptable": "child absent (unacceptable)",
    "child_absent_acceptable": "child absent (acceptable)",
    "service_cancelled": "cancelled by the service",
    "service_ended_early": "ended early by the service",
    "not_planned": "never planned",
    "not_recorded": "not yet recorded",
    "to_come": "still to come",
}
# Days short of contacts, by cause: the columns after "days contacts short".
SHORT = ["child_unacceptable", "child_acceptable", "service_cancelled",
         "service_ended_early", "not_planned", "not_recorded"]
SHORT_LABELS = ["days short: " + CAUSE_LABELS[k] for k in
                ["child_absent_unacceptable", "child_absent_acceptable",
                 "service_cancelled", "service_ended_early", "not_planned",
                 "not_recorded"]]


def day(iso):
    d = datetime.date.fromisoformat(iso)
    return d.strftime("%a ") + str(d.day) + d.strftime(" %b %Y")


class Dom(html.parser.HTMLParser):
    """Headings, tables (rows of cell texts), SVG charts (their rects with
    titles and heights, lines) and the whole text, in document order."""

    def __init__(self):
        super().__init__()
        self.items = []     # ("h1".."h3", text) | ("table", rows) | ("svg", {})
        self.text = []
        self.stack = []
        self.cur = None     # text being gathered: [tag, parts]
        self.table = None
        self.row = None
        self.svg = None
        self.rect = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("h1", "h2", "h3", "td", "th", "title"):
            self.cur = [tag, []]
        if tag == "table":
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag == "svg":
            self.svg = {"rects": [], "lines": [], "texts": 0}
        elif tag == "rect" and self.svg is not None:
            self.rect = {"y": float(a.get("y", 0)),
                         "h": float(a.get("height", 0)),
                         "fill": a.get("fill", ""), "title": ""}
            self.svg["rects"].append(self.rect)
        elif tag == "line" and self.svg is not None:
            self.svg["lines"].append(a)
        elif tag == "text" and self.svg is not None:
            self.svg["texts"] += 1

    def handle_endtag(self, tag):
        if self.cur is not None and tag == self.cur[0]:
            t = re.sub(r"\s+", " ", "".join(self.cur[1])).strip()
            if tag in ("h1", "h2", "h3"):
                self.items.append((tag, t))
            elif tag in ("td", "th") and self.row is not None:
                self.row.append(t)
            elif tag == "title" and self.rect is not None:
                self.rect["title"] = t
            self.cur = None
        if tag == "tr" and self.row is not None:
            self.table.append(self.row)
            self.row = None
        elif tag == "table" and self.table is not None:
            self.items.append(("table", self.table))
            self.table = None
        elif tag == "rect":
            self.rect = None
        elif tag == "svg" and self.svg is not None:
            self.items.append(("svg", self.svg))
            self.svg = None

    def handle_data(self, data):
        if self.cur is not None:
            self.cur[1].append(data)
        self.text.append(data)


def check_chart(label, svg, week_rows):
    """The chart's bars: one per week, its rects' titles give delivered and
    each non-zero cause in minutes as the JSON does, and each bar is as
    tall as its requirement line says (to a pixel a rect, for rounding)."""
    if svg is None:
        say(False, "%s: a chart" % label, "no <svg> after the heading")
        return
    titles = [r["title"] for r in svg["rects"]]
    want = []
    for w in week_rows:
        want.append("delivered %d min" % w["delivered_minutes"])
        for c in CAUSES:
            if w["shortfall"][c]:
                want.append("%s: %d min" % (CAUSE_LABELS[c], w["shortfall"][c]))
        over = w["delivered_minutes_total"] - w["delivered_minutes"]
        if over > 0:
            want.append("more than required: %d min" % over)
    say(sorted(t for t in titles if t) == sorted(want),
        "%s: the chart's bars say delivered and each cause (%d parts)" %
        (label, len(want)), "bars %r, want %r" % (titles, want))
    # Bars of positive height stack up to the requirement: sum of heights
    # equals the space between the axis (the 0 h line) and the black line.
    zero = [ln for ln in svg["lines"] if ln.get("stroke") == "#ddd"]
    req = [ln for ln in svg["lines"] if ln.get("stroke") == "#000"]
    if not zero or len(req) != len(week_rows):
        say(False, "%s: an axis and a requirement line per week" % label,
            "%d grid lines, %d requirement lines for %d weeks" %
            (len(zero), len(req), len(week_rows)))
        return
    axis = max(float(ln["y1"]) for ln in zero)
    drawn = sum(r["h"] for r in svg["rects"]
                if not r["title"].startswith("more than required"))
    height = sum(axis - float(ln["y1"]) for ln in req)
    slack = len(svg["rects"]) + 1
    say(abs(drawn - height) <= slack,
        "%s: the bars reach the requirement lines (%.0f of %.0f px)" %
        (label, drawn, height), "bars %.1f px, lines %.1f px" % (drawn, height))


def check_dom(report_path, dom_path):
    report = json.load(open(report_path))
    dom = Dom()
    dom.feed(open(dom_path, encoding="utf-8").read())
    items = dom.items
    text = re.sub(r"\s+", " ", "".join(dom.text))

    say(any(k == "h1" for k, _ in items), "an h1 heading")
    span = "%s to %s" % (day(report["from"]), day(report["to"]))
    say(span in text, "the text gives the period (%s)" % span)

    # Team totals: the chart right after "Team totals", one bar per week.
    heads = [i for i, (k, v) in enumerate(items) if k == "h2"]
    names = [items[i][1] for i in heads]
    say(names[:3] == ["Team totals", "Actions due", "Children"],
        "sections: team totals, actions due, children", "h2s %r" % names)

    weeks = sorted({w["week"] for c in report["cases"] for w in c["weeks"]})
    team = []
    for wk in weeks:
        t = {"delivered_minutes": 0, "delivered_minutes_total": 0,
             "shortfall": {c: 0 for c in CAUSES}}
        for c in report["cases"]:
            for w in c["weeks"]:
                if w["week"] == wk:
                    t["delivered_minutes"] += w["delivered_minutes"]
                    for k in CAUSES:
                        t["shortfall"][k] += w["shortfall"][k]
        team.append(t)
    if heads:
        nxt = items[heads[0] + 1] if heads[0] + 1 < len(items) else None
        svg = nxt[1] if nxt and nxt[0] == "svg" else None
        titles = [r["title"] for r in svg["rects"]] if svg else []
        want = ["delivered: %d min" % sum(t["delivered_minutes"]
                                          for t in team)]
        want += ["%s: %d min" % (CAUSE_LABELS[k],
                                 sum(t["shortfall"][k] for t in team))
                 for k in CAUSES]
        say(titles == want, "team totals: a bar for delivered and each cause "
            "with the JSON's minutes summed", "bars %r, want %r" %
            (titles, want))

    # Actions due: one row per open action of the JSON, in its order, with
    # its label in words ("Compliance meeting", never compliance_meeting).
    tables = [v for k, v in items if k == "table"]
    acts = [a for a in report["actions"] if a["state"] == "due"]
    if acts:
        rows = tables[0][1:] if tables else []
        say(len(rows) == len(acts), "actions due: %d rows" % len(acts),
            "%d rows" % len(rows))
        bad = []
        for a, r in zip(acts, rows):
            line = " ".join(r)
            label = a["label"]
            if not (line.startswith(a["case"] + " ") and label in line and
                    "_" not in line and day(a["trigger"]) in line and
                    line.endswith(day(a["due"]) + " " + str(a["days_overdue"]))
                    and (("OVERDUE" in line) == bool(a["overdue"]))):
                bad.append((a, r))
        say(not bad, "actions due: each row has the case, action, the miss, "
            "the due date and OVERDUE as the JSON says", "%r" % bad[:2])

    # Children: an h3 per case, then its chart, then its table.
    total_rows = 0
    for c in report["cases"]:
        idx = [i for i, (k, v) in enumerate(items)
               if k == "h3" and v.split(" ")[0] == c["id"]]
        if len(idx) != 1:
            say(False, "%s: one heading" % c["id"], "%d found" % len(idx))
            continue
        i = idx[0]
        h = items[i][1]
        say(h.endswith("(%s)" % c["band"]), "%s: heading names the band" %
            c["id"], h)
        svg = items[i + 1][1] if i + 1 < len(items) and \
            items[i + 1][0] == "svg" else None
        check_chart(c["id"], svg, c["weeks"])
        tab = None
        for k, v in items[i + 1:]:
            if k == "table":
                tab = v
                break
            if k == "h3":
                break
        if tab is None:
            say(False, "%s: a table" % c["id"], "none before the next case")
            continue
        head, rows = tab[0], tab[1:]
        want_head = ["week", "required", "planned", "education", "delivered"] \
            + [CAUSE_LABELS[k] for k in CAUSES] + ["days contacts short"] \
            + SHORT_LABELS
        say(head == want_head, "%s: the table's columns" % c["id"],
            "%r" % head)
        want = [[day(w["week"]), str(w["required_minutes"]),
                 str(w["planned_minutes"]),
                 str(w["education_minutes_counted"]),
                 str(w["delivered_minutes"])] +
                [str(w["shortfall"][k]) for k in CAUSES] +
                [str(w["days_contacts_short"])] +
                [str(w["days_contacts_short_by_cause"][k]) for k in SHORT]
                for w in c["weeks"]]
        say(rows == want, "%s: a row per week with the JSON's minutes (%d)" %
            (c["id"], len(want)), "rows %r, want %r" % (rows, want))
        for r in rows:
            try:
                n = [int(x) for x in r[1:12]]
            except ValueError:
                say(False, "%s: numbers in the table" % c["id"], "%r" % r)
                continue
            total_rows += 1
            if n[3] + sum(n[4:11]) != n[0]:
                say(False, "%s %s: delivered + causes = required on screen" %
                    (c["id"], r[0]), "%r" % r)
    say(total_rows > 0, "on screen, delivered + each cause = required in "
        "every row (%d rows)" % total_rows)
    m = FORBIDDEN_RE.findall(re.sub(r"\bbreach\b|\bwarning\b", "", text,
                                    flags=re.I))
    # A manager's report may say warning and breach (the ladder); nothing
    # of the child's offence or court is ever in the workspace.
    say(not [w for w in m if w.lower() in ("offence", "offences", "crime",
                                          "crimes", "victim", "victims")],
        "no offence, crime or victim in the report", "%r" % m)


def main(argv):
    try:
        if len(argv) == 4 and argv[1] == "dom":
            check_dom(argv[2], argv[3])
        elif len(argv) == 5 and argv[1] == "png":
            check_png(argv[2], int(argv[3]), int(argv[4]))
        else:
            sys.stderr.write(__doc__)
            return 2
    except (OSError, KeyError, ValueError, IndexError) as e:
        print("FAIL: %s -- cannot read the input: %s: %s" %
              (" ".join(argv[1:3]), type(e).__name__, e))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
