#!/usr/bin/env python3
"""Generate Datasets/chinchilla-synthetic/data.csv.

120 synthetic training runs drawn from the Chinchilla loss law

    L(N, D) = E + A / N^alpha + B / D^beta

with the constants of Besiroglu et al. 2024 (Epoch AI), "Chinchilla Scaling: A replication
attempt" (arXiv:2404.10102), log-space values (a, b, e, alpha, beta) =
(6.17795598, 7.64273236, 0.59711196, 0.34781303, 0.36585412):

    E = exp(0.59711196), A = exp(6.17795598), B = exp(7.64273236)

Design:
  * 8 model sizes N, log-spaced from 5e7 to 1.6e10 parameters (rounded to whole parameters);
  * 15 tokens-per-parameter ratios D/N, log-spaced from 2 to 200; D = ratio * N, rounded to
    whole tokens;
  * C = 6 N D training FLOP (the usual approximation), for convenience;
  * loss = L(N, D) * exp(sigma * z), z ~ N(0, 1), sigma = 0.01 (multiplicative log-normal
    noise, i.e. 1% noise in log loss), printed with 6 decimals.

The random stream is numpy's default_rng(2024); noise is drawn once, in row order (N outer,
ratio inner), so the file is reproducible bit for bit:

    python3 Datasets/chinchilla-synthetic/generate.py > Datasets/chinchilla-synthetic/data.csv
"""

import math
import sys

import numpy as np

LOG_A = 6.17795598
LOG_B = 7.64273236
LOG_E = 0.59711196
ALPHA = 0.34781303
BETA = 0.36585412

E = math.exp(LOG_E)
A = math.exp(LOG_A)
B = math.exp(LOG_B)

SEED = 2024
SIGMA = 0.01
MODEL_SIZES = np.geomspace(5e7, 1.6e10, 8)
RATIOS = np.geomspace(2.0, 200.0, 15)


def loss(n: float, d: float) -> float:
    return E + A / n**ALPHA + B / d**BETA


def main() -> None:
    rng = np.random.default_rng(SEED)
    noise = rng.standard_normal(len(MODEL_SIZES) * len(RATIOS))
    out = sys.stdout
    out.write("N,D,C,loss\n")
    k = 0
    for n_raw in MODEL_SIZES:
        n = float(round(n_raw))
        for ratio in RATIOS:
            d = float(round(ratio * n))
            c = 6.0 * n * d
            value = loss(n, d) * math.exp(SIGMA * noise[k])
            k += 1
            out.write(f"{n:.0f},{d:.0f},{c:.6e},{value:.6f}\n")


if __name__ == "__main__":
    main()
