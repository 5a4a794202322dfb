#!/usr/bin/env bash
# Times Epoch AI's Chinchilla bootstrap (4,000 row resamples of the 240 rows, each refitted on
# the summed Huber log-space objective from the full-data optimum) in scipy and in
# `scaling-laws fit --bootstrap 4000` side by side on the same machine, and prints both times,
# the ratio and both sets of standard errors (Epoch: α 0.0154, β 0.0206, E 0.026).
# Ours: the `--timing` figure (full-data fit + 4,000 refits, both cores), best of $repeats.
# scipy: time.perf_counter around the 4,000 refits only (one core, as Epoch ran it).
# Usage: Benchmarks/run-chinchilla-bootstrap.sh [path/to/chinchilla_N_D_loss.csv] [repeats] [scipy resamples]
# A scipy resample count below 4,000 (for a quick run on a busy machine) is timed and scaled
# linearly to 4,000; the output says so.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/datasets/epoch_chinchilla/chinchilla_N_D_loss.csv}"
repeats="${2:-3}"
scipy_resamples="${3:-4000}"
resamples=4000
[ -f "$data" ] || { echo "error: no data file at $data (the Epoch Chinchilla CSV from ../shared/datasets)" >&2; exit 1; }
scripts/deps
swift build -c release --scratch-path .build --product scaling-laws >&2
bin="$(swift build -c release --scratch-path .build --show-bin-path)/scaling-laws"

echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "running scaling-laws fit --bootstrap $resamples (best of $repeats) ..."
best=""; best_cpu=""
for _ in $(seq "$repeats"); do
  out=$( { /usr/bin/time -f "cpu %U %S" "$bin" fit "$data" --drop-highest loss:5 --bootstrap "$resamples" --bootstrap-seed 2024 --timing >/dev/null; } 2>&1 )
  ms=$(echo "$out" | sed -n 's/.*bootstrapped [0-9]* resamples in \([0-9.]*\) ms.*/\1/p')
  cpu=$(echo "$out" | awk '/^cpu /{print $2 + $3}')
  echo "  run: wall $ms ms, cpu $cpu s (process: read + fit + bootstrap)"
  if [ -z "$best" ] || awk "BEGIN{exit !($ms < $best)}"; then best=$ms; fi
  if [ -z "$best_cpu" ] || awk "BEGIN{exit !($cpu < $best_cpu)}"; then best_cpu=$cpu; fi
done
"$bin" fit "$data" --drop-highest loss:5 --bootstrap "$resamples" --bootstrap-seed 2024 --format csv 2>/dev/null \
  | awk -F, 'NR==1{for(i=1;i<=NF;i++)h[$i]=i; next} {printf "ours  %-6s SE=%.5g 95%%=(%.5g, %.5g)\n", $1, $h["bootstrap_standard_error"], $h["bootstrap_lower"], $h["bootstrap_upper"]}'

scipy_run() { # label, extra args: prints "wall cpu" scaled to $resamples
  local out
  out=$(cd Benchmarks && python3 chinchilla_bootstrap_scipy.py "$(cd .. && realpath "$data")" --resamples "$scipy_resamples" "${@:2}")
  echo "$out" | sed "s/^/  [$1] /" >&2
  local wall cpu
  wall=$(echo "$out" | sed -n 's/.*seconds=\([0-9.]*\) cpu.*/\1/p' | head -1)
  cpu=$(echo "$out" | sed -n 's/.*cpu_seconds=\([0-9.]*\).*/\1/p' | head -1)
  awk "BEGIN{print $wall * $resamples / $scipy_resamples, $cpu * $resamples / $scipy_resamples}"
}
echo "running scipy reference ($scipy_resamples L-BFGS-B refits, tight tolerances; then scipy's defaults) ..."
read -r tight_wall tight_cpu < <(scipy_run tight)
read -r default_wall default_cpu < <(scipy_run default --default-tolerances)
ours_s=$(awk "BEGIN{print $best/1000}")
echo
printf '%-58s %10s %10s %9s %9s\n' "4,000-resample Chinchilla bootstrap" "scipy (s)" "ours (s)" "ratio" "ours <1s?"
row() { printf '%-58s %10.2f %10.3f %8.1fx %9s\n' "$1" "$2" "$3" "$(awk "BEGIN{print $2/$3}")" "$(awk "BEGIN{print ($3 < 1) ? \"yes\" : \"no\"}")"; }
row "wall, scipy tolerances that reproduce Epoch's SEs" "$tight_wall" "$ours_s"
row "CPU,  scipy tolerances that reproduce Epoch's SEs" "$tight_cpu" "$best_cpu"
row "wall, scipy default tolerances (stop early: SEs too small)" "$default_wall" "$ours_s"
row "CPU,  scipy default tolerances (stop early: SEs too small)" "$default_cpu" "$best_cpu"
[ "$scipy_resamples" -ne "$resamples" ] && echo "scipy times scaled linearly from $scipy_resamples resamples"
echo "ours: wall from --timing (full-data fit + $resamples refits on both cores); CPU = user + sys of the whole process."
echo "On an idle 2-core machine wall ≈ CPU/2; on a shared machine wall grows with the load average."
