#!/usr/bin/env python3
"""Simulated RL data-efficiency runs: environment steps to reach a return threshold J against
the updates-to-data ratio sigma, from the law of Rybkin et al. (2025, arXiv:2502.04327) with
the authors' Gym (SAC) constants at J = 800:

    D_J(sigma) = 2.17e5 * (1.03082 + (sigma / 2.28952) ** -0.70038) / 1.03082

13 log-spaced UTD ratios from 0.25 to 16, three seeds each, log-normal noise sigma = 0.03 on the
step counts. Writes data.csv beside this script. Run: python3 generate.py
"""
import csv
import pathlib

import numpy as np

rng = np.random.default_rng(2025)
rows = []
for sigma in np.geomspace(0.25, 16, 13):
    clean = 2.17e5 * (1.03082 + (sigma / 2.28952) ** -0.70038) / 1.03082
    for seed in range(3):
        steps = clean * np.exp(0.03 * rng.standard_normal())
        rows.append((f"{sigma:.6g}", seed, f"{steps:.6g}"))
path = pathlib.Path(__file__).with_name("data.csv")
with path.open("w", newline="") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["sigma", "seed", "steps"])
    writer.writerows(rows)
