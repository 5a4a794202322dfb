#!/usr/bin/env bash
# Coverage of the bootstrap's 95% intervals by simulation at the Epoch design (see
# Tests/ScalingLawsTests/Uncertainty/BootstrapCoverageTests.swift): TRIALS simulated datasets
# (losses from the Epoch fit plus residuals drawn from its own log-space residuals), each
# fitted and bootstrapped with RESAMPLES row resamples; prints how often the intervals of α, β,
# E and N_opt(1e24) contain the truth. The unit test runs a smaller version (300 × 200).
# Usage: Benchmarks/run-bootstrap-coverage.sh [trials] [resamples] [percentile|bca] [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
trials="${1:-1000}"
resamples="${2:-1000}"
method="${3:-percentile}"
config="${4:-release}"
scripts/deps
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $trials trials × $resamples resamples, $method, $config build"
COVERAGE_TRIALS="$trials" COVERAGE_RESAMPLES="$resamples" COVERAGE_METHOD="$method" \
  swift test -c "$config" --scratch-path .build --filter BootstrapCoverageTests 2>&1 \
  | sed -n 's/^BOOT coverage: //p'
