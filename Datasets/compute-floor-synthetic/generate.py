#!/usr/bin/env python3
"""Generate Datasets/compute-floor-synthetic/data.csv.

Synthetic final losses against training compute drawn from a compute law with an irreducible
floor (laws.md section 10):

    L(C) = E + A * C^(-alpha),   E = 1.8, A = 500, alpha = 0.15

Design:
  * 20 budgets C log-spaced from 1e17 to 1e23 FLOP;
  * loss = L(C) + sigma * z, z ~ N(0, 1), sigma = 0.005 nats (additive noise), printed with 6
    decimals.

The random stream is numpy's default_rng(1017); noise is drawn once, in row order, so the file
is reproducible bit for bit:

    python3 Datasets/compute-floor-synthetic/generate.py > Datasets/compute-floor-synthetic/data.csv
"""

import sys

import numpy as np

E = 1.8
A = 500.0
ALPHA = 0.15

SEED = 1017
SIGMA = 0.005
BUDGETS = np.geomspace(1e17, 1e23, 20)


def main() -> None:
    rng = np.random.default_rng(SEED)
    noise = rng.standard_normal(len(BUDGETS))
    out = sys.stdout
    out.write("C,loss\n")
    for c, z in zip(BUDGETS, noise):
        value = E + A * c ** (-ALPHA) + SIGMA * z
        out.write(f"{c:.6e},{value:.6f}\n")


if __name__ == "__main__":
    main()
