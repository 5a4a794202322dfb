#!/usr/bin/env python3
"""Generate Datasets/kaplan-synthetic/data.csv.

49 synthetic language-model training runs drawn from the joint law of Kaplan et al. 2020,
"Scaling Laws for Neural Language Models" (arXiv:2001.08361), eq. (1.5), with the Table 2
constants:

    L(N, D) = [ (N_c / N)^(alpha_N / alpha_D) + D_c / D ]^alpha_D
    N_c = 6.4e13, D_c = 1.8e13, alpha_N = 0.076, alpha_D = 0.103

Design:
  * 7 non-embedding model sizes N, log-spaced from 1e6 to 1e9 (rounded to whole parameters);
  * 7 dataset sizes D, log-spaced from 2e7 to 2e10 tokens (rounded to whole tokens);
  * C = 6 N D training FLOP, for convenience;
  * loss = L(N, D) * exp(sigma * z), z ~ N(0, 1), sigma = 0.01 (log-normal noise), printed
    with 6 decimals.

The random stream is numpy's default_rng(2001); noise is drawn once, in row order (N outer,
D inner), so the file is reproducible bit for bit:

    python3 Datasets/kaplan-synthetic/generate.py > Datasets/kaplan-synthetic/data.csv
"""

import math
import sys

import numpy as np

N_C = 6.4e13
D_C = 1.8e13
ALPHA_N = 0.076
ALPHA_D = 0.103

SEED = 2001
SIGMA = 0.01
MODEL_SIZES = np.geomspace(1e6, 1e9, 7)
DATA_SIZES = np.geomspace(2e7, 2e10, 7)


def loss(n: float, d: float) -> float:
    return ((N_C / n) ** (ALPHA_N / ALPHA_D) + D_C / d) ** ALPHA_D


def main() -> None:
    rng = np.random.default_rng(SEED)
    noise = rng.standard_normal(len(MODEL_SIZES) * len(DATA_SIZES))
    out = sys.stdout
    out.write("N,D,C,loss\n")
    k = 0
    for n_raw in MODEL_SIZES:
        n = float(round(n_raw))
        for d_raw in DATA_SIZES:
            d = float(round(d_raw))
            value = loss(n, d) * math.exp(SIGMA * noise[k])
            k += 1
            out.write(f"{n:.0f},{d:.0f},{6.0 * n * d:.6e},{value:.6f}\n")


if __name__ == "__main__":
    main()
