#!/usr/bin/env python3
"""Generate Datasets/kaplan-steps-synthetic/data.csv.

48 synthetic points of loss against model size and minimum training steps drawn from the law
of Kaplan et al. 2020, "Scaling Laws for Neural Language Models" (arXiv:2001.08361), eq. (1.6),
with the Table 3 constants:

    L(N, S_min) = (N_c / N)^alpha_N + (S_c / S_min)^alpha_S
    N_c = 6.5e13, S_c = 2.1e3, alpha_N = 0.077, alpha_S = 0.76

Design:
  * 6 non-embedding model sizes N, log-spaced from 1e6 to 1e9 (rounded to whole parameters);
  * 8 step counts S_min, log-spaced from 1e3 to 2e5 (rounded to whole steps);
  * loss = L(N, S_min) * exp(sigma * z), z ~ N(0, 1), sigma = 0.01 (log-normal noise), printed
    with 6 decimals.

The random stream is numpy's default_rng(2006); noise is drawn once, in row order (N outer,
S_min inner), so the file is reproducible bit for bit:

    python3 Datasets/kaplan-steps-synthetic/generate.py > Datasets/kaplan-steps-synthetic/data.csv
"""

import math
import sys

import numpy as np

N_C = 6.5e13
S_C = 2.1e3
ALPHA_N = 0.077
ALPHA_S = 0.76

SEED = 2006
SIGMA = 0.01
MODEL_SIZES = np.geomspace(1e6, 1e9, 6)
STEPS = np.geomspace(1e3, 2e5, 8)


def loss(n: float, s: float) -> float:
    return (N_C / n) ** ALPHA_N + (S_C / s) ** ALPHA_S


def main() -> None:
    rng = np.random.default_rng(SEED)
    noise = rng.standard_normal(len(MODEL_SIZES) * len(STEPS))
    out = sys.stdout
    out.write("N,S_min,loss\n")
    k = 0
    for n_raw in MODEL_SIZES:
        n = float(round(n_raw))
        for s_raw in STEPS:
            s = float(round(s_raw))
            value = loss(n, s) * math.exp(SIGMA * noise[k])
            k += 1
            out.write(f"{n:.0f},{s:.0f},{value:.6f}\n")


if __name__ == "__main__":
    main()
