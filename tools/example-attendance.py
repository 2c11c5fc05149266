#!/usr/bin/python3
"""Write an example attendance CSV for a published plan (make demo).

UIDs are random at publishing, so the example file is made from the plan
file after `iss publish`: most sessions attended, a few missed, one
cancelled by the service. Deterministic: the same plan gives the same file.
Usage: example-attendance.py PLAN.json OUT.csv
"""
import csv
import json
import sys

plan = json.load(open(sys.argv[1]))
out = csv.writer(open(sys.argv[2], "w", newline=""))
out.writerow(["uid", "outcome", "minutes_attended", "note", "cause"])
for i, s in enumerate(sorted(plan["sessions"], key=lambda s: (s["start"], s["case"]))):
    if s["status"] == "cancelled" or not s["uid"]:
        continue
    if i % 23 == 3:
        out.writerow([s["uid"], "absent_unacceptable", "", "no answer at the door", ""])
    elif i % 29 == 5:
        out.writerow([s["uid"], "absent_acceptable", "", "sick note", ""])
    elif i % 17 == 7:
        out.writerow([s["uid"], "cancelled_by_service", "", "worker off sick", ""])
    elif i % 7 == 2 and s["minutes"] > 15:
        out.writerow([s["uid"], "partial", s["minutes"] - 15, "arrived late",
                      "child_unacceptable"])
    else:
        out.writerow([s["uid"], "attended", s["minutes"], "", ""])
