#!/usr/bin/env python3
"""Independent recount of the cross-system figures on the sample workspace.

Reads sample-data/salesforce/ and sample-data/hubspot-2026Q3/ with the csv module only
(no Lead Audit code) and prints the figures that tests/integration/findings.rs
(`salesforce_and_hubspot_together`) expects from

    leadaudit findings sample-data/salesforce/*.csv sample-data/hubspot-2026Q3/*.csv

as `system finding count of` lines, then checks the Salesforce counts against
truth.json's `salesforce.planted`. Definitions (crates/core/src/findings/sync.rs, hygiene.rs,
systems.rs, written out again here):

- outcome of a HubSpot deal: its `Deal Stage` lower-cased with only letters and digits
  kept: closedwon/won is won, closedlost/lost is lost, anything else open. Of a
  Salesforce opportunity: `Won` = 1 is won, else `Closed` = 1 is lost, else open.
- converted: a lead with `Converted` = 1 or a `Converted Date`, a lifecycle stage of
  Opportunity, Customer or Evangelist, or a status of Closed - Converted, Converted,
  OPEN_DEAL, Customer or Qualified - Converted (compared as letters and digits).
- converted_without_deal: converted leads that no deal of the files points to (by
  `Lead ID` / `Associated Contact IDs`).
- deal_without_lead: deals whose lead id matches no lead or contact in the files.
- closed_missing_close_reason: closed deals without a reason. HubSpot: lost deals with
  an empty `Closed Lost Reason`, won ones with an empty `Closed Won Reason`. Salesforce's
  report holds only a `Loss Reason`: only its lost opportunities are judged.
- outcome_mismatch_between_systems: deals are grouped when they are one deal (same id)
  or belong to one person: a lead linked to them shares an id, an email (lower case,
  +tag dropped, Gmail dots ignored) or first+last name and company (letters and digits,
  lower case) with a lead linked to the other. Groups holding deals of both systems are
  compared; a group is a mismatch when one system has a won deal and the other none.

Usage: python3 tests/systems_sample.py [sample-data]
"""

import csv
import json
import re
import sys
from collections import defaultdict


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        r = list(csv.reader(f))
    header = r[0]
    # Salesforce's report footer lines have fewer fields than the header.
    return [dict(zip(header, x)) for x in r[1:] if len(x) == len(header)]


def key(s):
    return re.sub(r"[^a-z0-9]", "", (s or "").lower())


def email_key(e):
    e = (e or "").strip().lower()
    if "@" not in e:
        return None
    local, domain = e.split("@", 1)
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        return local.replace(".", "") + "@gmail.com"
    return local + "@" + domain


def ids(s):
    return [x.strip() for x in re.split(r"[;,]", s or "") if x.strip()]


CONVERTED_STAGES = {"opportunity", "customer", "evangelist"}
CONVERTED_STATUSES = {"closedconverted", "converted", "opendeal", "customer", "qualifiedconverted"}
PLACEHOLDERS = {"select", "n/a", "na", "-", "none", "unknown", "null", "test", "asdf", "."}


def missing(s):
    s = (s or "").strip()
    return s == "" or s.lower() in PLACEHOLDERS or not re.search(r"\w", s)


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "sample-data"
    sf_leads = rows(f"{base}/salesforce/leads.csv")
    sf_opps = rows(f"{base}/salesforce/opportunities.csv")
    hs_contacts = rows(f"{base}/hubspot-2026Q3/contacts.csv")
    hs_deals = rows(f"{base}/hubspot-2026Q3/deals.csv")

    leads = []  # (system, id, email, first, last, company, converted)
    for l in sf_leads:
        conv = l["Converted"] == "1" or l["Converted Date"].strip() != "" or key(l["Lead Status"]) in CONVERTED_STATUSES
        leads.append(("salesforce", l["Lead ID"], l["Email"], l["First Name"], l["Last Name"],
                      l["Company / Account"], conv))
    for c in hs_contacts:
        conv = (key(c["Lifecycle Stage"]) in CONVERTED_STAGES
                or key(c["Lead Status"]) in CONVERTED_STATUSES)
        leads.append(("hubspot", c["Record ID"], c["Email"], c["First Name"], c["Last Name"],
                      c["Company Name"], conv))

    deals = []  # (system, id, outcome, lead ids, reason missing or None when not judged)
    for o in sf_opps:
        out = "won" if o["Won"] == "1" else "lost" if o["Closed"] == "1" else "open"
        reason = missing(o["Loss Reason"]) if out == "lost" else None
        deals.append(("salesforce", o["Opportunity ID"], out, ids(o["Lead ID"]), reason))
    for d in hs_deals:
        k = key(d["Deal Stage"])
        out = "won" if k in ("closedwon", "won") else "lost" if k in ("closedlost", "lost") else "open"
        if out == "won":
            reason = missing(d["Closed Won Reason"]) and missing(d["Closed Lost Reason"])
        elif out == "lost":
            reason = missing(d["Closed Lost Reason"])
        else:
            reason = None
        deals.append(("hubspot", d["Record ID"], out, ids(d["Associated Contact IDs"]), reason))

    lead_ids = defaultdict(list)
    for i, l in enumerate(leads):
        lead_ids[l[1]].append(i)
    pointed = {x for d in deals for x in d[3]}

    counts = {}
    for system in ("hubspot", "salesforce"):
        conv = [l for l in leads if l[0] == system and l[6]]
        counts[(system, "converted_without_deal")] = (
            sum(1 for l in conv if l[1] not in pointed), len(conv))
        ds = [d for d in deals if d[0] == system]
        counts[(system, "deal_without_lead")] = (
            sum(1 for d in ds if not any(x in lead_ids for x in d[3])), len(ds))
        judged = [d for d in ds if d[4] is not None]
        counts[(system, "closed_missing_close_reason")] = (
            sum(1 for d in judged if d[4]), len(judged))

    # Groups of deals: one deal, or one person.
    parent = list(range(len(deals)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key = defaultdict(list)
    for i, d in enumerate(deals):
        by_key[("deal", d[1])].append(i)
        for lid in d[3]:
            for li in lead_ids.get(lid, []):
                l = leads[li]
                by_key[("lead", l[1])].append(i)
                em = email_key(l[2])
                if em:
                    by_key[("email", em)].append(i)
                name, company = key(l[3] + l[4]), key(l[5])
                if name and company and not missing(l[5]):
                    by_key[("name", name, company)].append(i)
    for members in by_key.values():
        for m in members[1:]:
            parent[find(m)] = find(members[0])
    groups = defaultdict(list)
    for i in range(len(deals)):
        groups[find(i)].append(deals[i])
    both = [g for g in groups.values() if {d[0] for d in g} == {"hubspot", "salesforce"}]
    mismatched = [g for g in both
                  if any(d[2] == "won" for d in g if d[0] == "hubspot")
                  != any(d[2] == "won" for d in g if d[0] == "salesforce")]
    counts[("all", "outcome_mismatch_between_systems")] = (len(mismatched), len(both))

    for (system, finding), (n, of) in sorted(counts.items()):
        print(f"{system} {finding} {n} {of}")

    truth = json.load(open(f"{base}/truth.json"))["salesforce"]["planted"]
    checks = {
        "converted_without_opportunity": counts[("salesforce", "converted_without_deal")][0],
        "opportunity_without_lead": counts[("salesforce", "deal_without_lead")][0],
        "closed_missing_close_reason": counts[("salesforce", "closed_missing_close_reason")][0],
        "outcome_mismatch_with_hubspot": len(mismatched),
    }
    for k, v in checks.items():
        assert truth[k] == v, (k, truth[k], v)
    print("truth.json agrees:", checks)


main()
