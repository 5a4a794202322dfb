#!/usr/bin/env python3
"""Generate Datasets/m4-synthetic/data.csv.

A synthetic learning curve (error against training examples) drawn from the M4 law of
Alabdulmohsin, Neyshabur & Zhai 2022, "Revisiting Neural Scaling Laws in Language and Vision"
(arXiv:2209.06640):

    (eps_x - eps_inf) / (eps_0 - eps_x)^alpha = beta * x^c

with the laws.md test-vector constants beta = 50, c = -0.3, alpha = 0.8, eps_inf = 0.1,
eps_0 = 1. The law is implicit; each eps_x is the root in (eps_inf, eps_0) found by bisection
to 1e-15.

Design: 40 values of x log-spaced from 1e2 to 1e12; error = eps_x * exp(sigma * z),
z ~ N(0, 1), sigma = 0.01 (log-normal noise), printed with 6 decimals.

The random stream is numpy's default_rng(2209); noise is drawn once, in row order, so the file
is reproducible bit for bit:

    python3 Datasets/m4-synthetic/generate.py > Datasets/m4-synthetic/data.csv
"""

import math
import sys

import numpy as np

BETA = 50.0
C = -0.3
ALPHA = 0.8
EPS_INF = 0.1
EPS_0 = 1.0

SEED = 2209
SIGMA = 0.01
XS = np.geomspace(1e2, 1e12, 40)


def m4(x: float) -> float:
    k = BETA * x**C
    lo, hi = EPS_INF, EPS_0
    # g(e) = (e - eps_inf) - k (eps_0 - e)^alpha increases from < 0 to > 0 on (lo, hi).
    while hi - lo > 1e-15:
        mid = 0.5 * (lo + hi)
        if (mid - EPS_INF) - k * (EPS_0 - mid) ** ALPHA < 0:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def main() -> None:
    rng = np.random.default_rng(SEED)
    noise = rng.standard_normal(len(XS))
    out = sys.stdout
    out.write("examples,error\n")
    for x, z in zip(XS, noise):
        out.write(f"{x:.6e},{m4(x) * math.exp(SIGMA * z):.6f}\n")


if __name__ == "__main__":
    main()
