#!/usr/bin/env python3
"""Generate Datasets/qqt-synthetic/data.csv.

Synthetic zero-shot errors of models trained on filtered data pools, drawn from the
quality-quantity trade-off (QQT) law of Goyal et al. 2024, "Scaling Laws for Data Filtering --
Data Curation cannot be Compute Agnostic" (arXiv:2404.07177), as the authors implement it:

    K    = floor(n / S)
    b_k  = b * (1/2)^(k / tau)
    s_k  = a * min(S*(k+1), n) / 1e5
    s'_k = a * S * k / 1e5
    y(n) = [d + s_0^b_0] * prod_{k=1..K} (s_k / s'_k)^b_k

with their constants for the top 0-10% T-MARS bucket of DataComp: a = 0.025, d = 0.1,
b = -0.160, tau = 6.727.

Design (a full grid, 3 x 20 = 60 runs, ordered by pool size, then samples):
  * 3 pool sizes S: 6.4M, 12.8M (the published bucket size), 25.6M samples (the same quality
    of data, subsampled or grown);
  * 20 sample counts n, log-spaced from 5M to 1.28B samples (rounded to whole samples), so up
    to 200 epochs over the smallest pool;
  * error = y(n) + sigma * z, z ~ N(0, 1), sigma = 0.003 (additive), printed with 6 decimals.

The random stream is numpy's default_rng(2404), drawn once in row order, so the file is
reproducible bit for bit:

    python3 Datasets/qqt-synthetic/generate.py > Datasets/qqt-synthetic/data.csv
"""

import math
import sys

import numpy as np

A = 0.025
D = 0.1
B = -0.160
TAU = 6.727

SEED = 2404
SIGMA = 0.003
POOLS = [6.4e6, 12.8e6, 25.6e6]
SAMPLES = np.geomspace(5e6, 1.28e9, 20)


def error(n: float, s: float) -> float:
    epochs = math.floor(n / s)
    s0 = A * min(s, n) / 1e5
    y = D + s0**B
    for k in range(1, epochs + 1):
        s_k = A * min(s * (k + 1), n) / 1e5
        s_k_prime = A * s * k / 1e5
        y *= (s_k / s_k_prime) ** (B * 0.5 ** (k / TAU))
    return y


def main() -> None:
    rng = np.random.default_rng(SEED)
    noise = rng.standard_normal(len(POOLS) * len(SAMPLES))
    out = sys.stdout
    out.write("samples,pool,epochs,error\n")
    k = 0
    for s in POOLS:
        for n_raw in SAMPLES:
            n = float(round(n_raw))
            value = error(n, s) + SIGMA * noise[k]
            k += 1
            out.write(f"{n:.0f},{s:.0f},{n / s:.4f},{value:.6f}\n")


if __name__ == "__main__":
    main()
