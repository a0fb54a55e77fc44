#!/usr/bin/env python3
"""How well `leadaudit inspect` reads Pollock's polluted CSV files.

Pollock (github.com/HPI-Information-Systems/Pollock) is the public data-loading
benchmark: 2,290 polluted CSV files, each with its clean version and its dialect
parameters. This script fetches nothing: point it at a local copy of Pollock's
`polluted_files/` folder (with its `csv/`, `clean/` and `parameters/` subfolders).

    scripts/pollock.py PATH/TO/polluted_files [--bin target/debug/leadaudit]
                       [--timeout 20] [--jobs 2] [--failures]

It runs `leadaudit inspect --json FILE` on each polluted file, one process per file
with a timeout, and prints:

- read: inspect exited 0 and reported the file;
- read with the clean column names and row count: the column names are the clean
  version's, and rows + rows_set_aside is the clean version's number of records;
- refused: inspect exited with an error (its message names the file and line);
- panics: exit 101 or a Rust panic message;
- hangs: still running at the timeout (killed).

A Pollock file is not a CRM export, so it is rarely recognised as leads, deals or
activities: what is measured is the reading (the columns and records `inspect`
reports), not the recognition. `--failures` lists each file that was not read right
and why.
"""

import argparse
import concurrent.futures
import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

csv.field_size_limit(sys.maxsize)


def clean_shape(clean: Path, params: dict):
    """The clean version's column names and number of data records."""
    names = [str(n).strip() for n in params.get("column_names") or []]
    with open(clean, newline="", encoding="utf-8", errors="replace") as f:
        records = [r for r in csv.reader(f) if r]
    header = 1 if params.get("header_lines", 1) > 0 and records else 0
    return names, len(records) - header


def run_one(binary: str, path: Path, timeout: float):
    try:
        proc = subprocess.run(
            [binary, "inspect", "--json", "--timezone", "UTC", str(path)],
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"status": "hang"}
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode == 101 or "panicked at" in stderr:
        return {"status": "panic", "detail": stderr.strip()[-400:]}
    if proc.returncode != 0:
        return {"status": "refused", "detail": stderr.strip()[:400]}
    try:
        report = json.loads(proc.stdout)["files"][0]
    except (ValueError, KeyError, IndexError) as e:
        return {"status": "refused", "detail": f"unreadable JSON: {e}"}
    return {
        "status": "read",
        "columns": [str(c["name"]).strip() for c in report.get("columns", [])],
        "records": report.get("rows", 0) + report.get("rows_set_aside", 0),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("polluted_files", type=Path, help="Pollock's polluted_files/ folder")
    ap.add_argument("--bin", help="the leadaudit binary (default: on PATH, else target/debug)")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per file (default 20)")
    ap.add_argument("--jobs", type=int, default=2, help="files read at once (default 2)")
    ap.add_argument("--failures", action="store_true", help="list each file not read right")
    args = ap.parse_args()

    root = args.polluted_files
    for sub in ("csv", "clean", "parameters"):
        if not (root / sub).is_dir():
            print(f"pollock: {root / sub} is not a folder: give Pollock's polluted_files/", file=sys.stderr)
            return 2
    binary = args.bin or shutil.which("leadaudit")
    if binary is None:
        target = Path(os.environ.get("CARGO_TARGET_DIR", Path.home() / ".cache/leadaudit/target"))
        binary = str(target / "debug" / "leadaudit")
    if not Path(binary).is_file():
        print(f"pollock: no leadaudit binary at {binary}: build it or pass --bin", file=sys.stderr)
        return 2

    files = sorted((root / "csv").glob("*.csv"))
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(run_one, binary, f, args.timeout): f for f in files}
        for fut in concurrent.futures.as_completed(futures):
            results[futures[fut]] = fut.result()

    counts = {"read": 0, "right": 0, "refused": 0, "panic": 0, "hang": 0}
    failures = []
    for f in files:
        r = results[f]
        counts[r["status"]] += 1
        if r["status"] != "read":
            failures.append((f.name, r["status"], r.get("detail", "")))
            continue
        params = json.loads((root / "parameters" / f"{f.name}_parameters.json").read_text())
        names, records = clean_shape(root / "clean" / f.name, params)
        if r["columns"] == names and r["records"] == records:
            counts["right"] += 1
        else:
            why = []
            if r["columns"] != names:
                why.append(f"columns {r['columns'][:4]}… where the clean file has {names[:4]}…")
            if r["records"] != records:
                why.append(f"{r['records']} records where the clean file has {records}")
            failures.append((f.name, "read, not right", "; ".join(why)))

    if args.failures:
        for name, status, detail in failures:
            print(f"{name}: {status}: {detail}")
        print()
    print(f"Pollock files:                                   {len(files)}")
    print(f"read:                                            {counts['read']}")
    print(f"read with the clean column names and row count: {counts['right']}")
    print(f"refused:                                         {counts['refused']}")
    print(f"panics:                                          {counts['panic']}")
    print(f"hangs:                                           {counts['hang']}")
    return 1 if counts["panic"] or counts["hang"] else 0


if __name__ == "__main__":
    sys.exit(main())
