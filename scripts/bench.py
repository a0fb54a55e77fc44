#!/usr/bin/env python3
"""The scale benchmark behind `./dev bench`: Lead Audit beside its peers, in one run.

For each size it generates HubSpot-shaped data with `leadaudit synth --profile bench`
(seeded, both quarters concatenated with the header once, cached under the data folder),
then times, one after the other on the same files:

- `leadaudit inspect`, `leadaudit baseline --json` and `leadaudit audit` (a new workspace);
- the peer scripts in ../shared/bench/ (DuckDB baselines, DuckDB baselines + exact-key
  dedupe, pandas baselines), when a Python with duckdb and pandas is given.

It prints one table per size: wall time, peak resident memory, each tool's time as a
multiple of DuckDB's baselines, and whether Lead Audit's headline figures agree with the
peers'. A benchmark, not a test: nothing here fails on a time. It fails (exit 1) only when a
command fails, or when the golden figures differ.

The golden figures (#11): for each size with a folder tests/data/golden/bench-<size>/,
`leadaudit baseline --json` and `leadaudit findings --json` (time zone America/New_York) must
print exactly the bytes committed there. `--bless` rewrites them instead (and creates the
folder); do that only for a deliberate change of figures, and say why in the commit. The 10k
golden is also checked by `cargo test --test integration golden`. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FILES = ["contacts.csv", "deals.csv", "engagements.csv", "owners.csv"]
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def parse_size(text: str) -> tuple[str, int]:
    key = text.lower()
    if key in SIZES:
        return key, SIZES[key]
    try:
        n = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size (10k, 100k, 1m or a number)")
    if n < 2_000:
        raise argparse.ArgumentTypeError(f"{n} contacts is too few for the generator (2,000 or more)")
    return str(n), n


def generator_stamp(repo: Path) -> str:
    """A hash of the generator's source, so cached data is rebuilt when the generator changes."""
    h = hashlib.sha256()
    sources = sorted((repo / "crates" / "synth" / "src").rglob("*.rs"))
    if not sources:
        sys.exit(f"bench: no generator source under {repo / 'crates' / 'synth' / 'src'}")
    for p in sources:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def make_data(leadaudit: str, repo: Path, root: Path, label: str, contacts: int) -> Path:
    """The size's four files in one folder, generated once and cached."""
    out = root / f"{label}-{generator_stamp(repo)}"
    done = out / ".complete"
    if done.exists():
        return out
    if out.exists():
        shutil.rmtree(out)
    raw = out / "synth"
    print(f"  generating {contacts:,} contacts into {out} ...", flush=True)
    subprocess.run(
        [leadaudit, "synth", "--profile", "bench", "--contacts", str(contacts), "--out", str(raw)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    quarters = sorted(p for p in raw.iterdir() if p.is_dir() and p.name.startswith("hubspot-"))
    if not quarters:
        sys.exit(f"bench: the generator wrote no hubspot-* folder into {raw}")
    for name in FILES:
        with open(out / name, "wb") as dst:
            for i, q in enumerate(quarters):
                with open(q / name, "rb") as src:
                    header = src.readline()
                    if i == 0:
                        dst.write(header)
                    shutil.copyfileobj(src, dst, 1 << 20)
    shutil.rmtree(raw)
    done.write_text("ok\n")
    return out


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, str]:
    """Runs cmd under GNU time: (seconds, peak RSS in bytes, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        proc = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", t.name, *cmd],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-4000:])
            sys.exit(f"bench: `{' '.join(cmd)}` failed with exit code {proc.returncode}")
        secs, kib = t.read().split()[-2:]
    global LAST_STDERR
    LAST_STDERR = proc.stderr
    return float(secs), int(kib) * 1024, proc.stdout


LAST_STDERR = ""


def stage_seconds(stderr: str) -> dict:
    """The stage timings `leadaudit audit --timings` prints on stderr."""
    out = {}
    seen = False
    for line in stderr.splitlines():
        if line.startswith("timings (seconds):"):
            seen = True
        elif seen and line.startswith("  "):
            name, secs = line.split()
            out[name] = float(secs)
    return out


def figures_of_leadaudit(b: dict) -> dict:
    s = b["speed_to_lead"]
    return {
        "leads": b["leads"],
        "median_min": s.get("median_minutes"),
        "within_5m": s.get("within_5m"),
        "within_1h": s.get("within_1h"),
        "within_24h": s.get("within_24h"),
        "never_contacted": s.get("never_contacted"),
        "qualification": b.get("qualification_rate"),
        "lead_to_deal": b.get("lead_to_opportunity"),
        "lead_to_won": b.get("lead_to_won"),
        "win_rate": b.get("win_rate"),
        "gini": (b.get("routing") or {}).get("gini"),
    }


def figures_of_peer(p: dict) -> dict:
    s, f = p["speed"], p["funnel"]
    return {
        "leads": p["leads"],
        "median_min": s["median"],
        "within_5m": s["le5"],
        "within_1h": s["le60"],
        "within_24h": s["le1440"],
        "never_contacted": s["never"],
        "qualification": p["qualified"],
        "lead_to_deal": f["lead_to_deal"],
        "lead_to_won": f["lead_to_won"],
        "win_rate": f["win_rate"],
        "gini": p["gini"],
    }


# How finely two figures must agree: the precision a figure is reported at, and one digit more.
PRECISION = {
    "leads": 0,
    "median_min": 1,
    "within_5m": 5,
    "within_1h": 5,
    "within_24h": 5,
    "never_contacted": 5,
    "qualification": 5,
    "lead_to_deal": 5,
    "lead_to_won": 5,
    "win_rate": 5,
    "gini": 4,
}


def disagreements(ours: dict, theirs: dict) -> list[str]:
    out = []
    for key, digits in PRECISION.items():
        a, b = ours.get(key), theirs.get(key)
        if a is None or b is None:
            out.append(f"{key} (missing: {a} vs {b})")
        elif round(float(a), digits) != round(float(b), digits):
            out.append(f"{key} {round(float(a), digits)} vs {round(float(b), digits)}")
    return out


# The time zone of the generated workspace, given explicitly for the golden figures.
GOLDEN_TIMEZONE = "America/New_York"


def golden(leadaudit: str, repo: Path, label: str, files: list[str], bless: bool) -> str | None:
    """Checks (or with bless, rewrites) the size's golden figures; a message, or None when
    the size has no golden folder."""
    folder = repo / "tests" / "data" / "golden" / f"bench-{label}"
    if not folder.is_dir() and not bless:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    differ = []
    for command in ("baseline", "findings"):
        proc = subprocess.run(
            [leadaudit, command, "--json", "--timezone", GOLDEN_TIMEZONE, *files],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr.decode(errors="replace")[-4000:])
            sys.exit(f"bench: `leadaudit {command}` failed with exit code {proc.returncode}")
        path = folder / f"{command}.json"
        if bless:
            path.write_bytes(proc.stdout)
            continue
        if not path.exists() or path.read_bytes() != proc.stdout:
            kept = Path(tempfile.gettempdir()) / f"leadaudit-golden-{label}-{command}.json"
            kept.write_bytes(proc.stdout)
            differ.append(f"{path} (the output now is in {kept})")
    if bless:
        return f"golden figures written to {folder}"
    if differ:
        return "GOLDEN FIGURES DIFFER: " + "; ".join(differ)
    return f"golden figures: identical to {folder}"


def human_bytes(n: int) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--leadaudit", required=True, help="the release leadaudit binary")
    ap.add_argument("--repo", required=True, type=Path)
    ap.add_argument("--data", required=True, type=Path, help="where generated data is cached")
    ap.add_argument("--peers", type=Path, help="../shared/bench (skipped when absent)")
    ap.add_argument("--python", help="a Python with duckdb and pandas (skipped when absent)")
    ap.add_argument("--sizes", default="10k,100k,1m", help="comma-separated: 10k, 100k, 1m or a number")
    ap.add_argument("--bless", action="store_true",
                    help="rewrite tests/data/golden/bench-<size>/ instead of checking it")
    args = ap.parse_args()

    sizes = [parse_size(s) for s in args.sizes.split(",") if s]
    peers = args.peers if args.peers and (args.peers / "duckdb_baseline.py").exists() else None
    if peers is None or not args.python:
        print("NOTICE: the peers (DuckDB, pandas) are skipped: ../shared/bench or a Python with "
              "duckdb and pandas is missing. Lead Audit alone is measured.")
    version = subprocess.run([args.leadaudit, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}; {os.cpu_count()} cores; one run of each command, one after the other")

    failed = False
    for label, contacts in sizes:
        data = make_data(args.leadaudit, args.repo, args.data, label, contacts)
        files = [str(data / f) for f in FILES]
        verdict = golden(args.leadaudit, args.repo, label, files, args.bless)
        failed = failed or (verdict or "").startswith("GOLDEN FIGURES DIFFER")
        csv_bytes = sum(os.path.getsize(f) for f in files)
        rows = {}
        figures = {}
        with tempfile.TemporaryDirectory() as work:
            rows["leadaudit inspect (4 files)"] = timed([args.leadaudit, "inspect", *files])[:2]
            secs, rss, out = timed([args.leadaudit, "baseline", "--json", *files])
            rows["leadaudit baseline"] = (secs, rss)
            figures["leadaudit"] = figures_of_leadaudit(json.loads(out))
            ws = Path(work) / "bench.leadaudit"
            rows["leadaudit audit (import, baselines, findings, readiness, checks, saved)"] = timed(
                [args.leadaudit, "audit", "--timings", "--workspace", str(ws), "--name", "bench", *files]
            )[:2]
            stages = stage_seconds(LAST_STDERR)
        if peers is not None and args.python:
            secs, rss, out = timed([args.python, str(peers / "duckdb_baseline.py"), str(data)])
            rows["DuckDB, baselines"] = (secs, rss)
            figures["DuckDB"] = figures_of_peer(json.loads(out))
            secs, rss, out = timed([args.python, str(peers / "duckdb_baseline.py"), str(data), "--dedupe"])
            rows["DuckDB, baselines + exact-key dedupe"] = (secs, rss)
            secs, rss, out = timed([args.python, str(peers / "pandas_baseline.py"), str(data)])
            rows["pandas, baselines"] = (secs, rss)
            figures["pandas"] = figures_of_peer(json.loads(out))

        print()
        print(f"## {contacts:,} contacts: {human_bytes(csv_bytes)} of CSV in {data}")
        print()
        print("| what | wall time | peak RSS | RSS / CSV | time / DuckDB baselines |")
        print("| --- | ---: | ---: | ---: | ---: |")
        duck = rows.get("DuckDB, baselines", (None, None))[0]
        for what, (secs, rss) in rows.items():
            ratio = f"{secs / duck:.1f}x" if duck else "-"
            print(f"| {what} | {secs:.2f} s | {human_bytes(rss)} | {rss / csv_bytes:.1f}x | {ratio} |")
        print()
        if stages:
            print("`leadaudit audit`, by stage: " + ", ".join(
                f"{name} {secs:.2f} s" for name, secs in stages.items()))
            print()
        ours = figures["leadaudit"]
        print(
            "Lead Audit's figures: "
            + ", ".join(f"{k} {v}" for k, v in ours.items())
        )
        for peer in ("DuckDB", "pandas"):
            if peer in figures:
                diff = disagreements(ours, figures[peer])
                agreement = "agree on every headline figure" if not diff else "DISAGREE on " + "; ".join(diff)
                print(f"{peer}: {agreement}")
        if any("median_min" in d for p in ("DuckDB", "pandas") if p in figures
               for d in disagreements(ours, figures[p])):
            print("(on an even count Lead Audit's median is the mean of the two middle values; "
                  "the peers take the lower one)")
        if verdict:
            print(verdict)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
