#!/usr/bin/env python3
"""Generate Datasets/dit-compute-synthetic/data.csv.

Synthetic compute-optimal points of diffusion transformers drawn from the power laws of
Liang et al. 2024, "Scaling Laws For Diffusion Transformers" (arXiv:2410.08184), as quoted by
secondary sources (treat the constants as approximate):

    N_opt = 0.0009   * C^0.5681      (parameters)
    D_opt = 186.8535 * C^0.4319      (training data)
    loss  = 2.3943   * C^-0.0273     (loss at the compute-optimal size)
    FID   = 2.2566e6 * C^-0.234

Design:
  * 12 budgets C log-spaced from 1e17 to 6e18 FLOP (the paper's iso-FLOP range);
  * each column = law(C) * exp(sigma * z), z ~ N(0, 1), with sigma = 0.03 for N_opt and D_opt
    (parabola vertices are noisy), 0.002 for loss and 0.01 for FID; printed with 7 significant
    digits.

The random stream is numpy's default_rng(2410); noise is drawn once as a 12 x 4 array (rows =
budgets, columns = N_opt, D_opt, loss, FID), so the file is reproducible bit for bit:

    python3 Datasets/dit-compute-synthetic/generate.py > Datasets/dit-compute-synthetic/data.csv
"""

import math
import sys

import numpy as np

LAWS = [  # (column, coefficient, exponent, sigma)
    ("N_opt", 0.0009, 0.5681, 0.03),
    ("D_opt", 186.8535, 0.4319, 0.03),
    ("loss", 2.3943, -0.0273, 0.002),
    ("FID", 2.2566e6, -0.234, 0.01),
]

SEED = 2410
BUDGETS = np.geomspace(1e17, 6e18, 12)


def main() -> None:
    rng = np.random.default_rng(SEED)
    noise = rng.standard_normal((len(BUDGETS), len(LAWS)))
    out = sys.stdout
    out.write("C," + ",".join(name for name, _, _, _ in LAWS) + "\n")
    for i, c in enumerate(BUDGETS):
        cells = [f"{c:.6e}"]
        for j, (_, coefficient, exponent, sigma) in enumerate(LAWS):
            value = coefficient * c**exponent * math.exp(sigma * noise[i, j])
            cells.append(f"{value:.7g}")
        out.write(",".join(cells) + "\n")


if __name__ == "__main__":
    main()
