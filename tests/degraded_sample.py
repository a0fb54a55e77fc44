#!/usr/bin/env python3
"""Independent recount of the figures of tests/data/degraded/: exports that lack a column.

Reads each folder with the csv module only (no Lead Audit code) and prints the figures
tests/integration/degraded.rs asserts, as `name = value` lines. Definitions are those of
PRODUCT.md "Definitions" and src/metrics, with the default settings (SLA 60 minutes,
the default qualified statuses) and time zone UTC:

- speed-to-lead: first outbound call, email or meeting at or after creation (an
  activity with no direction counts as outbound); never-contacted leads rank last; the
  median is a linear-interpolation quantile;
- cycle time: days from a won deal's start (its creation date, else its linked lead's)
  to the midnight of its close date; a deal closed before it started is left out;
- win rate: won / (won + lost); lead-to-won: leads linked to a won deal / leads.

Usage: python3 tests/degraded_sample.py [tests/data/degraded]
"""

import csv
import datetime as dt
import statistics
import sys
from pathlib import Path

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/degraded")
QUALIFIED = {"qualified"}
PLACEHOLDERS = {"select", "n/a", "na", "-", "none", "unknown", "null", "test", "asdf", "."}
TOUCH = {"call", "email", "meeting"}


def rows(folder, name):
    with open(ROOT / folder / name, newline="") as f:
        return list(csv.DictReader(f))


def ts(text):
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M")


def day(text):
    return dt.datetime.strptime(text, "%Y-%m-%d")


def quantile(values, q):
    """Linear interpolation, as a spreadsheet's PERCENTILE."""
    values = sorted(values)
    pos = q * (len(values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def cycle_days(start, close):
    return (day(close) - start).total_seconds() / 86400


def out(name, value):
    print(f"{name} = {value}")


# The dateless leads file: fill rates, placeholders, conversion; no date at all.
leads = rows("dateless-leads", "leads.csv")
out("dateless.leads", len(leads))
converted = sum(1 for r in leads if r["Converted"] == "1")
out("dateless.lead_to_opportunity", converted / len(leads))
industry_empty = sum(
    1 for r in leads if not r["Industry"].strip() or r["Industry"].strip().lower() in PLACEHOLDERS
)
out("dateless.fill_rate.industry.count", industry_empty)
country_empty = sum(1 for r in leads if not r["Country"].strip())
out("dateless.fill_rate.country.count", country_empty)
sources = [r["Lead Source"] for r in leads]
variants = sum(1 for s in sources if s == "google")  # "google" beside 3 "Google"
out("dateless.label_variants.source.count", variants)

# The won-constant deals: no stage column, every deal won; no creation date: the linked
# lead's stands in.
leads = {r["Lead ID"]: ts(r["Create Date"]) for r in rows("won-constant", "leads.csv")}
deals = rows("won-constant", "closed-deals.csv")
out("won.deals", len(deals))
out("won.win_rate", 1.0)
cycles, impossible = [], 0
for d in deals:
    start = leads.get(d["Lead ID"])
    if start is None:
        continue
    if day(d["Close Date"]).date() < start.date():
        impossible += 1
        continue
    cycles.append(cycle_days(start, d["Close Date"]))
out("won.cycle_time_days_median", statistics.median(cycles))
out("won.cycle_time_excluded", impossible)
out("won.close_before_created", impossible)
out("won.lead_to_won", len({d["Lead ID"] for d in deals if d["Lead ID"]}) / len(leads))
out("won.deals_created_from_lead", sum(1 for d in deals if d["Lead ID"] in leads))
out("won.deal_missing_created.count", sum(1 for d in deals if d["Lead ID"] not in leads))

# No ids anywhere.
leads = rows("no-ids", "leads.csv")
deals = rows("no-ids", "deals.csv")
out("no_ids.leads", len(leads))
out("no_ids.qualification_rate", sum(r["Lead Status"].lower() in QUALIFIED for r in leads) / len(leads))
out("no_ids.unassigned", sum(1 for r in leads if not r["Lead Owner"]))
won = [d for d in deals if d["Deal Stage"] == "Closed Won"]
lost = [d for d in deals if d["Deal Stage"] == "Closed Lost"]
out("no_ids.win_rate", len(won) / (len(won) + len(lost)))
out(
    "no_ids.cycle_time_days_median",
    statistics.median(cycle_days(ts(d["Create Date"]), d["Close Date"]) for d in won),
)
emails = [r["Email"] for r in leads]
out("no_ids.duplicate_clusters.count", len(emails) - len(set(emails)))

# No dates: leads, deals and activities without any date.
leads = rows("no-dates", "leads.csv")
deals = rows("no-dates", "deals.csv")
out("no_dates.leads", len(leads))
linked = {d["Lead ID"] for d in deals if d["Lead ID"]}
out(
    "no_dates.lead_to_opportunity",
    sum(r["Converted"] == "true" or r["Lead ID"] in linked for r in leads) / len(leads),
)
won = [d for d in deals if d["Deal Stage"] == "Closed Won"]
lost = [d for d in deals if d["Deal Stage"] == "Closed Lost"]
out("no_dates.win_rate", len(won) / (len(won) + len(lost)))
out("no_dates.lead_to_won", len({d["Lead ID"] for d in won}) / len(leads))
out("no_dates.won_without_amount.count", sum(1 for d in won if not d["Amount"]))
out("no_dates.closed_missing_close_date.count", len(won) + len(lost))
out("no_dates.deal_missing_created.count", len(deals))

# No owners (and activities without a direction: calls and emails count as outbound).
leads = rows("no-owners", "leads.csv")
acts = rows("no-owners", "activities.csv")
speeds, before = [], 0
for r in leads:
    created = ts(r["Create Date"])
    touches = [
        ts(a["Activity Date"])
        for a in acts
        if a["Lead ID"] == r["Lead ID"] and a["Activity Type"].lower() in TOUCH
    ]
    if any(t < created for t in touches):
        before += 1
    after = [t for t in touches if t >= created]
    speeds.append((min(after) - created).total_seconds() / 60 if after else None)
contacted = [s for s in speeds if s is not None]
ranked = contacted + [max(contacted) + 1] * (len(speeds) - len(contacted))
out("no_owners.speed_median_minutes", quantile(ranked, 0.5))
out("no_owners.within_5m", sum(s <= 5 for s in contacted) / len(speeds))
out("no_owners.within_24h", sum(s <= 1440 for s in contacted) / len(speeds))
out("no_owners.touched_before_creation", before)
out("no_owners.sla_met", sum(s <= 60 for s in contacted))
out("no_owners.deals_without_owner.count", len(rows("no-owners", "deals.csv")))
