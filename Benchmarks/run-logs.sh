#!/usr/bin/env bash
# Log-reading benchmark: `scaling-laws runs` on (1) the OLMo 2 ladder's 44 training logs
# (../shared/datasets/olmo_ladder_bhagia2024, 5 MB, 97 columns) and (2) a synthetic log set
# (Benchmarks/generate_logs.py: RUNS files × STEPS rows × COLUMNS columns, generated into a
# temporary directory, never committed), each beside Python's csv module reading the same files
# (Benchmarks/logs_reference.py), with wall time and peak resident memory (/usr/bin/time -v).
#
#   Benchmarks/run-logs.sh [RUNS STEPS COLUMNS] [BINARY]
#
# Defaults: 100 runs × 10^4 steps × 100 columns (≈ 0.8 GB); the issue's full size is
# 100 × 100000 × 100 (≈ 8 GB of text: pass it explicitly). BINARY defaults to a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-100}"; steps="${2:-10000}"; columns="${3:-100}"
bin="${4:-}"
if [ -z "$bin" ]; then
  swift build -c release --product scaling-laws >&2
  bin="$(swift build -c release --show-bin-path)/scaling-laws"
fi
source Benchmarks/measure.sh
echo "| run                                          | wall       | RSS MiB  |"
echo "| -------------------------------------------- | ---------- | -------- |"
olmo=../shared/datasets/olmo_ladder_bhagia2024
if [ -d "$olmo" ]; then
  measure 44 "scaling-laws runs, OLMo ladder (44 files)" "$bin" runs "$olmo/cosine" "$olmo/constant" "$olmo/wsd-decay" \
    --sizes "$olmo/model_sizes.csv" --name-pattern '{size}-{mult}xC' --metric 'eval/c4_en-validation/CrossEntropyLoss'
  for folder in cosine constant wsd-decay; do
    measure 44 "python csv, OLMo $folder" python3 Benchmarks/logs_reference.py "$olmo/$folder" _step throughput/total_tokens \
      eval/c4_en-validation/CrossEntropyLoss
  done
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/generate_logs.py "$work/logs" "$runs" "$steps" "$columns"
echo "| synthetic: $runs runs × $steps steps × $columns columns, $(du -sh "$work/logs" | cut -f1) |"
measure 44 "scaling-laws runs, synthetic" "$bin" runs "$work/logs" --metric loss --name-pattern 'run{size}-{k}' --size-names-as-numbers
measure 44 "python csv, synthetic" python3 Benchmarks/logs_reference.py "$work/logs" _step throughput/total_tokens loss
