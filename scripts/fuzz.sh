#!/usr/bin/env bash
# Fuzzes the importer (the sniffer, the loader and the mapping parser) for a while:
#
#   scripts/fuzz.sh [SECONDS]    default 600 (10 minutes); LEADAUDIT_FUZZ_SEED=N repeats a run
#
# Runs the ignored test `fuzz` of tests/integration/fuzz.rs (proptest, stable Rust, the debug
# build, so overflow checks are on) at low priority (nice 15). New outcomes are kept in
# tests/data/fuzz/corpus/, a failure, shrunk, in tests/data/fuzz/crashes/; commit them (every
# `cargo test` replays both). Prints the summary line, or the failure with its case; the exit
# code is the test's. The full log: target/fuzz/last-run.log.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECS="${1:-600}"
case "$SECS" in
  '' | *[!0-9]*) echo "fuzz.sh: the duration is a number of seconds, not '$SECS'" >&2; exit 2 ;;
esac
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/leadaudit/target}"
LOG="$ROOT/target/fuzz/last-run.log"
mkdir -p "$(dirname "$LOG")"

echo "==> building the integration tests (debug)"
nice -n 15 cargo test --test integration --no-run
echo "==> fuzzing for $SECS s (log: $LOG)"
rc=0
LEADAUDIT_FUZZ_SECS="$SECS" nice -n 15 cargo test --test integration fuzz::fuzz -- \
  --ignored --exact --nocapture >"$LOG" 2>&1 || rc=$?
grep -E '^fuzz: (new outcome|[0-9]+ cases)' "$LOG" || true
if [ "$rc" -ne 0 ]; then
  echo "==> FAILED (exit $rc): the failure and its shrunk case"
  sed -n '/fuzz: a failure/,/^--- strict/p' "$LOG"
  grep -m 1 -E "panicked|error" "$LOG" || true
fi
exit "$rc"
