#!/usr/bin/env bash
# Scale benchmark: a 10^6-row checkpoint CSV (generated into a temporary directory, never
# committed), read and fitted by `scaling-laws fit`, with read time and fit time (from
# --timing) and peak resident memory (from /usr/bin/time -v), beside Python's csv module and
# scipy's least_squares on the same file (Benchmarks/scale_reference.py).
#
#   Benchmarks/run-scale.sh [ROWS] [BINARY]
#
# ROWS defaults to 1000000. BINARY defaults to a release build of scaling-laws (built here);
# pass .build/debug/scaling-laws to measure a debug build without building.
# The fit is plain least squares (--objective lsq) with the default start strategy, under a
# --time-limit of 600 s and the default --max-iterations.
#
# Measured (h-p2, release build, 2 shared cores under load from other builds, load average
# ≈ 10.7, 10^6 rows, 41 MiB; wall times, so ±30 % from run to run; one script run each,
# minutes apart):
#
# | run                                          | read s | fit s | peak RSS MiB |
# | -------------------------------------------- | -----: | ----: | -----------: |
# | scaling-laws (h-p2), read + fit (lsq, auto)  |   0.38 |  0.72 |          112 |
# | Python csv + scipy least_squares (1 start)   |   1.76 |  3.84 |          439 |
# | ratio Python / ours                          |   4.7  |  5.3  |  total 5.09× |
# | scaling-laws (main 2cbaf5f), same fit        |   0.60 |  2.64 |          262 |
# | Python, that run                             |   1.85 |  4.21 |          439 |
# | ratio Python / ours (main)                   |   3.1  |  1.6  |  total 1.87× |
#
# The polish on every row runs on the fused Levenberg–Marquardt (NonlinearFit
# FusedLevenbergMarquardt: JᵀJ and Jᵀr in the residual pass, two threads, covariance from
# JᵀJ); plain pieces of the file take the reader's fast path (PlainNumericRows). scipy runs
# one local fit from a fixed start (12 evaluations); ours also runs the 900-point start search
# (on a 4,096-row sample), 7 coarse starts, the polish on every row, covariance and
# diagnostics. The "read + 1 iteration" line is a single start on GSL (one iteration, then the
# GSL covariance on every row), which is why its memory is higher.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
bin="${2:-}"
if [ -z "$bin" ]; then
  swift build -c release --product scaling-laws >&2
  bin="$(swift build -c release --show-bin-path)/scaling-laws"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data="$work/checkpoints.csv"

echo "machine: $(nproc) cores, $(uname -m); binary: $bin"
t0=$(date +%s.%N)
python3 Benchmarks/generate_checkpoints.py "$rows" "$data"
t1=$(date +%s.%N)
printf 'generated %s rows (%s MiB) in %.1f s\n' "$rows" "$(( $(stat -c %s "$data") / 1048576 ))" "$(awk "BEGIN{print $t1-$t0}")"

# Ours: reading with a token fit (--max-iterations 1 --starts single), the full fit, and the
# full fit under a 2 s time limit.
measure() { # label, args... → prints label, read ms, fit ms, peak RSS MiB, termination
  local label=$1; shift
  /usr/bin/time -v "$bin" fit "$data" --timing --format csv "$@" >"$work/out.csv" 2>"$work/err.txt" || {
    cat "$work/err.txt" >&2; exit 1; }
  local read_ms fit_ms rss
  read_ms=$(sed -n 's/.*read [0-9]* rows in \([0-9.]*\) ms.*/\1/p' "$work/err.txt")
  fit_ms=$(sed -n 's/.*fitted in \([0-9.]*\) ms.*/\1/p' "$work/err.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p' "$work/err.txt")
  printf '%-40s %10.0f %10.0f %10.0f\n' "$label" "$read_ms" "$fit_ms" "$(awk "BEGIN{print $rss/1024}")"
}

printf '%-40s %10s %10s %10s\n' "run" "read ms" "fit ms" "RSS MiB"
measure "scaling-laws: read + 1 iteration" --objective lsq --starts single --max-iterations 1
measure "scaling-laws: read + fit (lsq, auto)" --objective lsq --time-limit 600
estimates=$(grep -E '^(E|A|B|alpha|beta),' "$work/out.csv" | cut -d, -f1,4 | tr '\n' ' ')
measure "scaling-laws: read + fit, --time-limit 2" --objective lsq --time-limit 2
grep -h 'warning' "$work/err.txt" || true
echo "estimates (full fit): $estimates"

echo "python reference (csv module + scipy least_squares):"
python3 Benchmarks/scale_reference.py "$data"
