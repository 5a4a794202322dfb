#!/usr/bin/env bash
# Times the scipy reference and `scaling-laws fit` side by side on the same machine, on Epoch's
# Chinchilla data (240 rows, summed Huber in log space), and prints both times and their ratios:
#   1. the identical 4,500-start grid (ours: --starts grid, racing + polish),
#   2. our default start strategy (variable projection + polish) against the scipy grid.
# Fitting time only on both sides (ours from `--timing`, scipy's from time.perf_counter around
# the fits). Usage: Benchmarks/run-chinchilla-fit.sh [path/to/chinchilla_N_D_loss.csv] [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/datasets/epoch_chinchilla/chinchilla_N_D_loss.csv}"
repeats="${2:-5}"
[ -f "$data" ] || { echo "error: no data file at $data (the Epoch Chinchilla CSV from ../shared/datasets)" >&2; exit 1; }
scripts/deps
swift build -c release --product scaling-laws >&2
bin="$(swift build -c release --show-bin-path)/scaling-laws"

fit_ms() { # args...: prints the best fitting time in ms over $repeats runs
  local best=""
  for _ in $(seq "$repeats"); do
    local ms
    ms=$("$bin" fit "$data" --drop-highest loss:5 --timing "$@" 2>&1 >/dev/null | sed -n 's/.*fitted in \([0-9.]*\) ms.*/\1/p')
    if [ -z "$best" ] || awk "BEGIN{exit !($ms < $best)}"; then best=$ms; fi
  done
  echo "$best"
}

echo "machine: $(nproc) cores, $(uname -m)"
echo "running scipy reference (4,500 L-BFGS-B starts) ..."
ref=$(python3 Benchmarks/chinchilla_fit_scipy.py "$data")
echo "$ref"
ref_s=$(echo "$ref" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p')

echo "running scaling-laws (best of $repeats) ..."
grid_ms=$(fit_ms --starts grid)
auto_ms=$(fit_ms)
"$bin" fit "$data" --drop-highest loss:5 --starts grid --format csv 2>/dev/null | head -7
echo
printf '%-44s %12s %12s %10s\n' "comparison" "scipy (s)" "ours (s)" "ratio"
printf '%-44s %12.3f %12.4f %9.1fx\n' "identical 4,500-start grid" "$ref_s" "$(awk "BEGIN{print $grid_ms/1000}")" "$(awk "BEGIN{print $ref_s/($grid_ms/1000)}")"
printf '%-44s %12.3f %12.4f %9.1fx\n' "default start strategy vs scipy grid" "$ref_s" "$(awk "BEGIN{print $auto_ms/1000}")" "$(awk "BEGIN{print $ref_s/($auto_ms/1000)}")"
echo "default fit (the user's first command): ${auto_ms} ms of fitting"
