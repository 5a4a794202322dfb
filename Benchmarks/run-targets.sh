#!/usr/bin/env bash
# The targets of issue #18 in one run, ours and the reference back to back on the same machine:
#   1. default Chinchilla fit (summed log-Huber) and least squares on Epoch's 240 rows:
#      `fit --timing` fitting phases (start search, local fits, polish, covariance; the interval bootstrap beside them), median of REPEATS runs, beside scipy least_squares from one
#      start (median of REPEATS fits in one interpreter) and the scipy 4,500-start L-BFGS-B grid;
#   2. 10^6 rows, read + least-squares fit (Benchmarks/run-scale.sh);
#   3. the 4,500-start grid: `fit --starts grid` (racing) and `--starts grid --race off` (every
#      start to convergence) against the same scipy grid;
#   4. the 4,000-resample bootstrap, whole process (wall of the process, median of 3).
# Beside each wall time of ours: the instruction count of the same command under
# `valgrind --tool=callgrind` (repeatable whatever the machine's load; wall times on a shared
# 2-core machine are not).
#
#   Benchmarks/run-targets.sh [BINARY]        (REPEATS=7, SCALE_ROWS=1000000, SKIP_SCALE=1 to skip 2)
# The no-racing grid's instruction count is taken only with GRID_OFF_INSTRUCTIONS=1 (callgrind
# runs it ≈ 50× slower than native).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${DATA:-../shared/datasets/epoch_chinchilla/chinchilla_N_D_loss.csv}"
repeats="${REPEATS:-7}"
bin="${1:-}"
[ -f "$data" ] || { echo "error: no data file at $data (the Epoch Chinchilla CSV from ../shared/datasets)" >&2; exit 1; }
if [ -z "$bin" ]; then
  swift build -c release --product scaling-laws >&2
  bin="$(swift build -c release --show-bin-path)/scaling-laws"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{a[NR]=$1} END{if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
timing_runs() { # args… → the `--timing` lines of $repeats runs, in $work/timing.txt
  : >"$work/timing.txt"
  for _ in $(seq "$repeats"); do
    "$bin" fit "$data" --drop-highest loss:5 --timing "$@" 2>&1 >/dev/null | grep 'timing:' >>"$work/timing.txt" || true
  done
}
phase_ms() { # PHASE → median of "PHASE X ms" over the last timing_runs
  sed -n "s/.*$1 \([0-9.]*\) ms.*/\1/p" "$work/timing.txt" | median
}
fit_ms() { # args… → median fitting ms over $repeats runs: the fitting phases (start search, local
  # fits, polish, covariance; not the interval bootstrap or diagnostics), or the whole
  # "fitted in" time from a binary that does not print phases
  timing_runs "$@"
  if grep -q 'fitting [0-9.]* ms' "$work/timing.txt"; then phase_ms fitting; else phase_ms 'fitted in'; fi
}
process_s() { # args… → median wall seconds of the whole process over 3 runs
  for _ in 1 2 3; do
    /usr/bin/time -f "%e" "$bin" fit "$data" --drop-highest loss:5 "$@" 2>&1 >/dev/null | tail -1
  done | median
}
instructions() { # args… → instructions of the whole process (millions)
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$bin" fit "$data" --drop-highest loss:5 "$@" \
    >/dev/null 2>"$work/cg.err"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg.err" | awk '{printf "%.0f", $1 / 1e6}'
}
objective() { # args… → the fit's objective
  "$bin" fit "$data" --drop-highest loss:5 --format json "$@" 2>/dev/null \
    | python3 -c 'import json, sys; print("%.7g" % json.load(sys.stdin)["statistics"]["objective"])'
}

echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg); binary: $bin"
echo
echo "## 1. Epoch's 240 rows"
default_ms=$(fit_ms); default_intervals_ms=$(phase_ms intervals); default_all_ms=$(phase_ms 'fitted in')
lsq_ms=$(fit_ms --objective lsq)
scipy_lsq=$(python3 Benchmarks/chinchilla_lsq_scipy.py "$data" "$repeats")
scipy_lsq_ms=$(echo "$scipy_lsq" | sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p')
echo "scipy: $scipy_lsq"
scipy_grid=$(python3 Benchmarks/chinchilla_fit_scipy.py "$data")
scipy_grid_s=$(echo "$scipy_grid" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p')
echo "scipy: $scipy_grid"
grid_ms=$(fit_ms --starts grid)
grid_off_ms=$(fit_ms --starts grid --race off)
echo
echo "fitting ms = start search + local fits + polish + covariance (\`--timing\`); the default fit's 1,000-refit interval bootstrap: ${default_intervals_ms:-—} ms (median), whole fit with intervals and diagnostics: ${default_all_ms:-—} ms"
echo
echo "| case | ours: fitting ms (median of $repeats) | ours: process instructions (M) | objective | reference | reference ms | ratio |"
echo "|---|---:|---:|---:|---|---:|---:|"
printf '| default fit (log-Huber, automatic starts, 1,000-refit interval bootstrap) | %s | %s | %s | scipy L-BFGS-B, 4,500-start grid | %.0f | %.0f× |\n' \
  "$default_ms" "$(instructions)" "$(objective)" "$(awk "BEGIN{print $scipy_grid_s * 1000}")" "$(awk "BEGIN{print $scipy_grid_s * 1000 / $default_ms}")"
printf '| least squares (`--objective lsq`) | %s | %s | %s | scipy least_squares, one start | %s | %.1f× |\n' \
  "$lsq_ms" "$(instructions --objective lsq)" "$(objective --objective lsq)" "$scipy_lsq_ms" "$(awk "BEGIN{print $scipy_lsq_ms / $lsq_ms}")"
echo
echo "## 3. The 4,500-start grid"
echo
echo "| case | ours ms (median of $repeats) | ours: process instructions (M) | objective | scipy 4,500 L-BFGS-B starts, ms | ratio |"
echo "|---|---:|---:|---:|---:|---:|"
printf '| `--starts grid` (racing: 8 probe iterations each, best tenth to convergence) | %s | %s | %s | %.0f | %.1f× |\n' \
  "$grid_ms" "$(instructions --starts grid)" "$(objective --starts grid)" "$(awk "BEGIN{print $scipy_grid_s * 1000}")" "$(awk "BEGIN{print $scipy_grid_s * 1000 / $grid_ms}")"
printf '| `--starts grid --race off` (every start to convergence) | %s | %s | %s | %.0f | %.1f× |\n' \
  "$grid_off_ms" "$(if [ -n "${GRID_OFF_INSTRUCTIONS:-}" ]; then instructions --starts grid --race off; else echo "—"; fi)" "$(objective --starts grid --race off)" "$(awk "BEGIN{print $scipy_grid_s * 1000}")" "$(awk "BEGIN{print $scipy_grid_s * 1000 / $grid_off_ms}")"
echo
echo "## 4. 4,000-resample bootstrap, whole process"
echo
echo "| case | ours: process wall s (median of 3) | ours: process instructions (M) | limit |"
echo "|---|---:|---:|---:|"
printf '| `fit --bootstrap 4000 --bootstrap-seed 2024` | %s | %s | 0.3 s |\n' \
  "$(process_s --bootstrap 4000 --bootstrap-seed 2024)" "$(instructions --bootstrap 4000 --bootstrap-seed 2024)"
if [ -z "${SKIP_SCALE:-}" ]; then
  echo
  echo "## 2. 10^6 rows (Benchmarks/run-scale.sh)"
  Benchmarks/run-scale.sh "${SCALE_ROWS:-1000000}" "$bin"
fi
