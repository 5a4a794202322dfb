#!/usr/bin/env python3
"""Generate Datasets/bnsl-synthetic/data.csv.

Synthetic scaling curves drawn from the broken neural scaling law of Caballero et al. 2022,
"Broken Neural Scaling Laws" (arXiv:2210.14891), eq. (1):

    y = a + b * x^(-c0) * prod_i (1 + (x / d_i)^(1 / f_i))^(-c_i * f_i)

Two curves on the same x:
  * y  (one break, the laws.md test vector): a = 0.1, b = 10, c0 = 0.2, c1 = 0.5, d1 = 1e4,
    f1 = 0.3 -- slope 0.2 before x = 1e4, 0.7 after;
  * y2 (two breaks): a = 0.05, b = 5, c0 = 0.1, (c1, d1, f1) = (0.6, 1e3, 0.3),
    (c2, d2, f2) = (-0.4, 1e6, 0.3) -- slope 0.1, then 0.7 after 1e3, then 0.3 after 1e6.

Design: 60 values of x log-spaced from 1 to 1e9; each curve is multiplied by exp(sigma * z),
z ~ N(0, 1), sigma = 0.01 (log-normal noise); printed with 7 significant digits.

The random stream is numpy's default_rng(2210); noise is drawn once as a 60 x 2 array (rows =
x, columns = y, y2), so the file is reproducible bit for bit:

    python3 Datasets/bnsl-synthetic/generate.py > Datasets/bnsl-synthetic/data.csv
"""

import math
import sys

import numpy as np

ONE_BREAK = (0.1, 10.0, 0.2, [(0.5, 1e4, 0.3)])
TWO_BREAKS = (0.05, 5.0, 0.1, [(0.6, 1e3, 0.3), (-0.4, 1e6, 0.3)])

SEED = 2210
SIGMA = 0.01
XS = np.geomspace(1.0, 1e9, 60)


def bnsl(x: float, law) -> float:
    a, b, c0, breaks = law
    y = b * x ** (-c0)
    for c, d, f in breaks:
        y *= (1.0 + (x / d) ** (1.0 / f)) ** (-c * f)
    return a + y


def main() -> None:
    rng = np.random.default_rng(SEED)
    noise = rng.standard_normal((len(XS), 2))
    out = sys.stdout
    out.write("x,y,y2\n")
    for i, x in enumerate(XS):
        y1 = bnsl(x, ONE_BREAK) * math.exp(SIGMA * noise[i, 0])
        y2 = bnsl(x, TWO_BREAKS) * math.exp(SIGMA * noise[i, 1])
        out.write(f"{x:.6e},{y1:.7g},{y2:.7g}\n")


if __name__ == "__main__":
    main()
