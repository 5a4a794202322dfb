#!/usr/bin/env bash
# Curve-law benchmark: `scaling-laws curve fit` on a constant and a cosine run of STEPS steps
# (Benchmarks/generate_curve.py, logged every EVERY steps, generated into a temporary directory),
# then `curve predict` of every step of a STEPS-step WSD schedule, for lr-annealing and
# multi-power, with wall time and peak resident memory (/usr/bin/time -v). The per-step terms
# cost O(T) (lr-annealing) and O(T + K) to build with O(K + L) per predicted step (multi-power,
# K ≈ 1,000 groups of rate changes), so a 10^5-step curve is not quadratic.
#
#   Benchmarks/run-curves.sh [STEPS EVERY] [BINARY]
#
# Defaults: 10^5 steps logged every 100. BINARY defaults to a release build.
#
# Measured (release, 2 shared cores, 2026-12-04): lr-annealing fit 0.10 s / 30 MiB, prediction
# of all 10^5 steps 0.15 s / 32 MiB; multi-power prediction of all 10^5 steps 0.25 s / 32 MiB,
# fit 5:05 (quiet machine) to 10:58 (under a concurrent test run), 33 MiB: memory stays O(T),
# but the multi-power fit on 2,000 logged points is slow (each evaluation costs points × ~1,000
# groups, and the optimizer needs many evaluations on these weakly identified parameters).
set -euo pipefail
cd "$(dirname "$0")/.."
steps="${1:-100000}"; every="${2:-100}"
bin="${3:-}"
if [ -z "$bin" ]; then
  swift build -c release --product scaling-laws >&2
  bin="$(swift build -c release --show-bin-path)/scaling-laws"
fi
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
python3 Benchmarks/generate_curve.py "$dir" "$steps" "$every"
source Benchmarks/measure.sh
echo "| run (T = $steps steps)                                | wall       | RSS MiB  |"
echo "|------------------------------------------------------|------------|----------|"
warm=$((steps / 100)); [ "$warm" -ge 1 ] || warm=1
for law in lr-annealing multi-power; do
  measure 52 "curve fit --law $law (2 runs)" "$bin" curve fit "$dir/constant.csv" "$dir/cosine.csv" --metric loss --law "$law" --output "$dir/$law.json"
  measure 52 "curve predict --law $law, all $steps steps of a WSD" "$bin" curve predict --fit "$dir/$law.json" \
    --schedule "wsd,decay:0.2,warmup:$warm,peak:0.0003,final:0.1,steps:$steps"
done
