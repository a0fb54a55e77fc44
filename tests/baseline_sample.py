#!/usr/bin/env python3
"""Independent recount of `leadaudit baseline` on the sample workspace.

Reads sample-data/hubspot-<quarter>/ with the csv module only (no Lead Audit code) and
prints, for each quarter's export, the expected figures as Rust lines
`("/json/pointer", "json value"),` for tests/integration/baseline.rs, which runs

    leadaudit baseline sample-data/hubspot-<quarter>/*.csv \
        --timezone America/New_York --json

Definitions are those of PRODUCT.md "Definitions" and src/metrics (whole export of each
quarter's files; settings: the defaults PRODUCT.md specifies, i.e. an SLA of 60 minutes
(the contacts have no priority column; "5 min for high priority" never applies) and a
re-contact window of 60 minutes for intent signals, business hours Mon-Fri 09:00-17:00 New York
time, the qualified statuses of PRODUCT.md (see QUALIFIED), 14 days for "no recent activity"). The data's own
conventions (README.md) are used where they make the rules simpler: touches are rows
with Activity Type CALL, EMAIL or MEETING and Direction "Outbound"; timestamps are
naive New York times, all inside daylight-saving time (checked below), so naive
differences are real minutes.

Usage: python3 tests/baseline_sample.py [sample-data]
"""

import csv
import datetime as dt
import json
import math
import statistics
import sys
from collections import defaultdict

# Qualified statuses, from the spec, not from the Rust code. PRODUCT.md, "Qualification
# rate": "leads that reached a qualified status (the user maps which statuses count:
# MQL, SQL, SAL, opportunity, customer, ...) / all leads created in the period. Contact
# statuses ("attempted", "connected", "working - contacted") are not qualification."
# Written here as the sample's HubSpot export spells those stages: lifecycle stages
# MQL, SQL, Opportunity, Customer (and Evangelist, past customer), SAL in either
# spelling, and the lead status OPEN_DEAL (the lead has a deal: an opportunity). The
# sample's other statuses (ATTEMPTED_TO_CONTACT, CONNECTED, IN_PROGRESS, NEW, OPEN,
# UNQUALIFIED, BAD_TIMING) and stages (Lead, Subscriber, Other) are not qualification.
QUALIFIED = [
    "Marketing Qualified Lead", "MQL", "Sales Qualified Lead", "SQL",
    "Sales Accepted Lead", "SAL", "Opportunity", "OPEN_DEAL", "Customer", "Evangelist",
]
# crates/core/src/settings.rs DEFAULT_PLACEHOLDERS and src/metrics CLOSED_LEAD_STATUSES (copied,
# compared by key).
PLACEHOLDERS = ["select", "n/a", "na", "-", "none", "unknown", "null", "test", "asdf", "."]
CLOSED = [
    "Unqualified", "Disqualified", "Closed - Not Converted", "Closed - Converted", "Closed",
    "Bad timing", "Junk", "Lost", "Dead", "Recycled", "Nurture", "Converted", "OPEN_DEAL",
    "Opportunity", "Customer", "Evangelist",
]
SLA = 60.0  # PRODUCT.md "SLA target": 1 h for every lead without a priority column.
RECONTACT = 60.0  # PRODUCT.md: "Item 9's re-contact window ... (default 1 h)".
OPEN_H, CLOSE_H = 9, 17
INACTIVE_DAYS = 14


def key(s):
    return "".join(c for c in (s or "").lower() if c.isalnum())


QKEYS = {key(s) for s in QUALIFIED}
CKEYS = {key(s) for s in CLOSED}


def clean(s):
    s = (s or "").strip()
    return None if s == "" or s.lower() in PLACEHOLDERS else s


def ts(s):
    s = (s or "").strip()
    if not s:
        return None
    t = dt.datetime.strptime(s, "%Y-%m-%d %H:%M")
    # Daylight saving time in New York, 2026: March 8 to November 1.
    assert dt.datetime(2026, 3, 8, 3) <= t < dt.datetime(2026, 11, 1, 1), s
    return t


def day(s):
    s = (s or "").strip()
    return dt.date.fromisoformat(s) if s else None


def minutes(a, b):
    return (b - a).total_seconds() / 60.0


def business_minutes(a, b):
    """Minutes of [a, b] inside Mon-Fri 09:00-17:00, day by day."""
    total = 0.0
    d = a.date()
    while d <= b.date():
        if d.weekday() < 5:
            lo = max(a, dt.datetime(d.year, d.month, d.day, OPEN_H))
            hi = min(b, dt.datetime(d.year, d.month, d.day, CLOSE_H))
            if hi > lo:
                total += minutes(lo, hi)
        d += dt.timedelta(days=1)
    return total


def quantile(values, q):
    """Linear interpolation over values with None (never contacted) sorted last;
    "not_reached" when it needs a None."""
    if not values:
        return None
    v = sorted(values, key=lambda x: (x is None, x or 0.0))
    pos = q * (len(v) - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    if v[hi] is None or v[lo] is None:
        return "not_reached"
    return v[lo] + (pos - lo) * (v[hi] - v[lo])


def outcome(stage):
    k = key(stage)
    return "won" if k in ("closedwon", "won") else "lost" if k in ("closedlost", "lost") else "open"


def quarter(d):
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"


def share(a, b):
    return a / b if b else None


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def figures(folder):
    contacts = read(f"{folder}/contacts.csv")
    deals = read(f"{folder}/deals.csv")
    acts = read(f"{folder}/engagements.csv")
    roster = read(f"{folder}/owners.csv")
    out = []

    def put(pointer, value):
        out.append((pointer, value))

    # Touches.
    touches = defaultdict(list)
    owner_touches = defaultdict(list)
    for a in acts:
        if a["Activity Type"] in ("CALL", "EMAIL", "MEETING") and a["Direction"] == "Outbound":
            t = ts(a["Activity Date"])
            touches[a["Associated Contact ID"].strip()].append(t)
            o = key(clean(a["Activity assigned to"]))
            if o:
                owner_touches[o].append(t)
    log_start = min(t for ts_ in owner_touches.values() for t in ts_)
    for v in owner_touches.values():
        v.sort()

    # Deals.
    linked = defaultdict(list)  # lead id → outcomes
    lead_created = {c["Record ID"].strip(): ts(c["Create Date"]) for c in contacts}
    won = lost = 0
    cycles, cycle_excluded = [], 0
    deal_rows = []
    for d in deals:
        o = outcome(d["Deal Stage"])
        ids = [i.strip() for i in d["Associated Contact IDs"].replace(",", ";").split(";") if i.strip()]
        for i in ids:
            linked[i].append(o)
        won += o == "won"
        lost += o == "lost"
        start = ts(d["Create Date"])
        if start is None:
            starts = [lead_created[i] for i in ids if lead_created.get(i)]
            start = min(starts) if starts else None
        close = day(d["Close Date"])
        if o == "won" and start and close:
            if close < start.date():
                cycle_excluded += 1
            else:
                c = (dt.datetime(close.year, close.month, close.day) - start).total_seconds() / 86400
                cycles.append(max(c, 0.0))
        deal_rows.append(dict(owner=clean(d["Deal owner"]), outcome=o, close=close,
                              created=ts(d["Create Date"]), id=d["Record ID"].strip(),
                              company=key(clean(d["Associated Company"]))))

    # Account owners: the most recent deal with an owner per company.
    account = {}
    for d in deal_rows:
        if not d["company"] or not d["owner"]:
            continue
        when = d["created"] or (dt.datetime.combine(d["close"], dt.time()) if d["close"] else None)
        rank = (when is not None, when or dt.datetime.min, int(d["id"]) if d["id"].isdigit() else -1)
        if d["company"] not in account or rank > account[d["company"]][0]:
            account[d["company"]] = (rank, key(d["owner"]))

    roster_by = {key(r["Owner"]): r for r in roster}

    # Leads.
    leads = []
    for c in contacts:
        created = ts(c["Create Date"])
        lid = c["Record ID"].strip()
        t = touches.get(lid, [])
        after = [x for x in t if x >= created]
        first = min(after) if after else None
        before = any(x < created for x in t)
        excluded = first is None and before
        speed = minutes(created, first) if first else None
        bh = business_minutes(created, first) if first else None
        outcomes = linked.get(lid, [])
        owner = clean(c["Contact owner"])
        okey = key(owner) if owner else None
        status, stage = key(c["Lead Status"]), key(c["Lifecycle Stage"])
        opportunity = bool(outcomes)
        # Inactive at assignment.
        r = roster_by.get(okey) if okey else None
        roster_off = bool(r) and r["Active"].strip().lower() == "false"
        ooo = False
        if r and (r["Out of Office From"].strip() or r["Out of Office To"].strip()):
            f, to = day(r["Out of Office From"]), day(r["Out of Office To"])
            ooo = (f is None or created.date() >= f) and (to is None or created.date() <= to)
        stale = False
        if okey and minutes(log_start, created) >= INACTIVE_DAYS * 1440:
            prior = [x for x in owner_touches.get(okey, []) if x <= created]
            stale = not prior or minutes(prior[-1], created) > INACTIVE_DAYS * 1440
        acc = account.get(key(clean(c["Company Name"])) or None)
        leads.append(dict(
            created=created, owner=owner, okey=okey, source=c["Original Source"].strip() or None,
            measured=not excluded, before=before, excluded=excluded, speed=speed, bh=bh,
            late_no_follow_up=speed is not None and speed > SLA and not any(x > first for x in t),
            qualified=status in QKEYS or stage in QKEYS, opportunity=opportunity,
            won="won" in outcomes,
            open=not opportunity and status not in CKEYS and stage not in CKEYS,
            roster_off=roster_off, ooo=ooo, stale=stale,
            mismatch=bool(okey) and acc is not None and acc[1] != okey,
        ))

    m = [l for l in leads if l["measured"]]
    n = len(m)
    speeds = [l["speed"] for l in m]
    bhs = [l["bh"] for l in m]
    contacted = sum(s is not None for s in speeds)
    put("/leads", len(leads))
    put("/deals", len(deals))
    put("/deals_won", won)
    put("/deals_lost", lost)
    s = "/speed_to_lead"
    put(f"{s}/leads", n)
    put(f"{s}/contacted", contacted)
    put(f"{s}/median_minutes", quantile(speeds, 0.5))
    put(f"{s}/p90_minutes", quantile(speeds, 0.9))
    for name, limit in (("within_5m", 5), ("within_1h", 60), ("within_24h", 1440)):
        put(f"{s}/{name}", sum(x is not None and x <= limit for x in speeds) / n)
    put(f"{s}/never_contacted", (n - contacted) / n)
    put(f"{s}/median_business_minutes", quantile(bhs, 0.5))
    put(f"{s}/p90_business_minutes", quantile(bhs, 0.9))
    put(f"{s}/touched_before_creation", sum(l["before"] for l in leads))
    put(f"{s}/excluded_touched_before_creation", sum(l["excluded"] for l in leads))
    how = [[0] * 24 for _ in range(7)]
    for l in leads:
        how[l["created"].weekday()][l["created"].hour] += 1
    put(f"{s}/leads_by_hour_of_week", how)
    months = sorted({l["created"].strftime("%Y-%m") for l in m})
    for i, mo in enumerate(months):
        g = [l["speed"] for l in m if l["created"].strftime("%Y-%m") == mo]
        put(f"{s}/by_month/{i}/key", mo)
        put(f"{s}/by_month/{i}/leads", len(g))
        put(f"{s}/by_month/{i}/median_minutes", quantile(g, 0.5))

    # SLA.
    breach = [l for l in m if l["speed"] is None or l["speed"] > SLA]
    def after_hours(t):
        return not (t.weekday() < 5 and OPEN_H <= t.hour < CLOSE_H)
    put("/sla/leads", n)
    put("/sla/met", n - len(breach))
    put("/sla/breaches", len(breach))
    put("/sla/compliance", (n - len(breach)) / n)
    put("/sla/compliance_business_hours", sum(b is not None and b <= SLA for b in bhs) / n)
    grid = [[0] * 24 for _ in range(7)]
    for l in breach:
        grid[l["created"].weekday()][l["created"].hour] += 1
    put("/sla/breaches_by_hour_of_week", grid)
    ah = sum(after_hours(l["created"]) for l in breach)
    put("/sla/after_hours_breaches", ah)
    put("/sla/after_hours_share", share(ah, len(breach)))
    put("/sla/never_contacted_breaches", sum(l["speed"] is None for l in breach))
    # Item 8: a lead first touched after its target, and never touched again.
    put("/sla/late_touch_no_follow_up", sum(l["late_no_follow_up"] for l in breach))
    # Item 8: breaches of leads created 00:00-04:59 New York time.
    put("/sla/night_breaches", sum(l["created"].hour < 5 for l in breach))

    # Item 9: intent signals (inbound PAGE_VIEW and FORM_SUBMISSION rows after the
    # contact was created) with no outbound touch within the re-contact window at or
    # after the signal.
    signals = []
    for a in acts:
        lid = a["Associated Contact ID"].strip()
        if a["Activity Type"] in ("PAGE_VIEW", "FORM_SUBMISSION") and lid in lead_created:
            t = ts(a["Activity Date"])
            if t > lead_created[lid]:
                signals.append((lid, t))
    put("/intent/recontact_minutes", RECONTACT)
    put("/intent/signals", len(signals))
    put("/intent/leads_with_signal", len({lid for lid, _ in signals}))
    put("/intent/not_followed_up", sum(
        not any(t <= x and minutes(t, x) <= RECONTACT for x in touches.get(lid, []))
        for lid, t in signals
    ))

    # Funnel.
    put("/qualification_rate", sum(l["qualified"] for l in leads) / len(leads))
    put("/lead_to_opportunity", sum(l["opportunity"] for l in leads) / len(leads))
    put("/lead_to_won", sum(l["won"] for l in leads) / len(leads))
    put("/win_rate", won / (won + lost))
    put("/cycle_time_days_median", statistics.median(cycles))
    put("/cycle_time_excluded", cycle_excluded)

    # Response curve.
    def bucket(x):
        if x is None:
            return 5
        return 0 if x <= 5 else 1 if x <= 30 else 2 if x <= 60 else 3 if x <= 1440 else 4
    for b in range(6):
        g = [l for l in m if bucket(l["speed"]) == b]
        put(f"/response_curve/{b}/leads", len(g))
        put(f"/response_curve/{b}/qualified", sum(l["qualified"] for l in g))
        put(f"/response_curve/{b}/converted", sum(l["opportunity"] for l in g))

    # Routing.
    owners = {}
    for l in leads:
        if l["okey"]:
            owners.setdefault(l["okey"], dict(name=l["owner"], leads=[], deals=[]))["leads"].append(l)
    for d in deal_rows:
        if d["owner"]:
            owners.setdefault(key(d["owner"]), dict(name=d["owner"], leads=[], deals=[]))["deals"].append(d)
    counts = [len(o["leads"]) for o in owners.values() if o["leads"]]
    k = len(counts)
    mean = sum(counts) / k
    gini = sum(abs(a - b) for a in counts for b in counts) / (2 * k * k * mean)
    put("/routing/gini", gini)
    put("/routing/equal_share", 1 / k)
    put("/routing/unassigned", sum(l["okey"] is None for l in leads))
    roff = sum(bool(l["okey"]) and l["roster_off"] for l in leads)
    ooo = sum(bool(l["okey"]) and l["ooo"] for l in leads)
    stale = sum(bool(l["okey"]) and l["stale"] for l in leads)
    put("/routing/inactive_by_reason/roster_inactive", roff)
    put("/routing/inactive_by_reason/out_of_office", ooo)
    put("/routing/inactive_by_reason/no_recent_activity", stale)
    put("/routing/inactive_owner_assignments",
        sum(bool(l["okey"]) and (l["roster_off"] or l["ooo"] or l["stale"]) for l in leads))
    put("/routing/account_owner_mismatches", sum(l["mismatch"] for l in leads))
    assigned = sum(counts)
    rows = []
    for okey, o in owners.items():
        ow, ol = [d for d in o["deals"] if d["outcome"] == "won"], [d for d in o["deals"] if d["outcome"] == "lost"]
        ms = [l["speed"] for l in o["leads"] if l["measured"]]
        cap = roster_by.get(okey, {}).get("Capacity", "").strip()
        rows.append(dict(
            owner=o["name"], leads=len(o["leads"]), deals=len(o["deals"]),
            share=len(o["leads"]) / assigned, win_rate=share(len(ow), len(ow) + len(ol)),
            median_speed_minutes=quantile(ms, 0.5) if ms else None,
            open_load=sum(l["open"] for l in o["leads"]),
            capacity=float(cap) if cap else None,
        ))
    rows.sort(key=lambda r: (-r["leads"], -r["deals"], r["owner"]))
    loads = sorted(r["open_load"] for r in rows if r["leads"])
    med = statistics.median(loads)
    over = [r["owner"] for r in rows if r["leads"] and (
        r["open_load"] > r["capacity"] if r["capacity"] is not None else med > 0 and r["open_load"] > 2 * med)]
    put("/routing/over_capacity_owners", over)
    for i, r in enumerate(rows):
        for field in ("owner", "leads", "deals", "share", "win_rate", "median_speed_minutes",
                      "open_load", "capacity"):
            put(f"/routing/owners/{i}/{field}", r[field])

    # Quarters: leads by created quarter, deals by close quarter.
    qs = sorted({quarter(l["created"].date()) for l in leads} | {quarter(d["close"]) for d in deal_rows if d["close"]})
    for i, q in enumerate(qs):
        ql = [l for l in leads if quarter(l["created"].date()) == q]
        qd = [d for d in deal_rows if d["close"] and quarter(d["close"]) == q]
        w, lo = sum(d["outcome"] == "won" for d in qd), sum(d["outcome"] == "lost" for d in qd)
        put(f"/by_quarter/{i}/quarter", q)
        put(f"/by_quarter/{i}/leads", len(ql))
        put(f"/by_quarter/{i}/deals", len(qd))
        put(f"/by_quarter/{i}/deals_won", w)
        put(f"/by_quarter/{i}/deals_lost", lo)
        put(f"/by_quarter/{i}/win_rate", share(w, w + lo))
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "sample-data"
    for q in ("2026Q2", "2026Q3"):
        print(f"const SAMPLE_{q[4:]}: &[(&str, &str)] = &[")
        for pointer, value in figures(f"{root}/hubspot-{q}"):
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            print(f"    ({json.dumps(pointer)}, {json.dumps(text, ensure_ascii=False)}),")
        print("];")


if __name__ == "__main__":
    main()
