#!/usr/bin/env python3
"""Generate Datasets/benchmark-sigmoid-synthetic/data.csv.

40 synthetic language models scored on a 4-choice benchmark of 500 items, following the
two-step method of Owen 2024, "How predictable is language model benchmark performance?"
(arXiv:2401.04757):

Step 1. Each model (N parameters, D tokens) gets the Chinchilla loss with the rounded constants
of Hoffmann et al. 2022 (E 1.69, A 406.4, B 410.7, alpha 0.34, beta 0.28),

    L = E + A / N^alpha + B / D^beta,

and the scaled compute C_s: the compute that reaches the same loss at D = 20 N, i.e. the root of
L(N_s, 20 N_s) = L (bisection on log N_s), C_s = 120 N_s^2.

Step 2. The true normalised score (chance = 0, best = 1) is a sigmoid in x = log10 C_s,

    P = 1 / (1 + exp(-k (x - x0))),   k = 1.5 per decade, x0 = 24.5,

the test vector of laws.md section 8. The observed score is the share of 500 items a model
gets right beyond chance: correct ~ Binomial(500, 1/4 + 3/4 P), accuracy = correct / 500,
score = (accuracy - 1/4) / (3/4), clipped at 0 (a model below chance scores 0), so scores stay
in [0, 1].

Design: N log-uniform on [1e8, 5e11], tokens per parameter D/N log-uniform on [2, 200]
(under- and over-trained families alike); N and D rounded to whole numbers.

Columns: model, N, D, C = 6 N D, loss (the step-1 prediction, not a measurement), C_scaled,
accuracy (raw 4-choice accuracy) and score (normalised).

The random stream is numpy's default_rng(2401): 40 uniforms for log N, 40 for log(D/N), then
40 binomial draws, so the file is reproducible bit for bit:

    python3 Datasets/benchmark-sigmoid-synthetic/generate.py > Datasets/benchmark-sigmoid-synthetic/data.csv
"""

import math
import sys

import numpy as np

SEED = 2401
COUNT = 40
ITEMS = 500
CHANCE = 0.25
E, A, B, ALPHA, BETA = 1.69, 406.4, 410.7, 0.34, 0.28
K, X0 = 1.5, 24.5
RATIO = 20.0


def loss(n: float, d: float) -> float:
    return E + A * n**-ALPHA + B * d**-BETA


def scaled_compute(l: float) -> float:
    """C_s = 6 N_s (20 N_s) with L(N_s, 20 N_s) = l, by bisection on u = ln N_s."""

    def h(u: float) -> float:
        return A * math.exp(-ALPHA * u) + B * math.exp(-BETA * (math.log(RATIO) + u)) + E - l

    lo, hi = 0.0, 50.0
    while h(lo) <= 0:
        lo -= 50.0
    while h(hi) > 0:
        hi += 50.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if h(mid) > 0:
            lo = mid
        else:
            hi = mid
    n = math.exp(0.5 * (lo + hi))
    return 6.0 * RATIO * n * n


def main() -> None:
    rng = np.random.default_rng(SEED)
    log_n = rng.uniform(math.log(1e8), math.log(5e11), COUNT)
    log_ratio = rng.uniform(math.log(2.0), math.log(200.0), COUNT)
    rows = []
    for k in range(COUNT):
        n = float(round(math.exp(log_n[k])))
        d = float(round(math.exp(log_ratio[k]) * n))
        l = loss(n, d)
        cs = scaled_compute(l)
        p = 1.0 / (1.0 + math.exp(-K * (math.log10(cs) - X0)))
        rows.append((n, d, l, cs, p))
    out = sys.stdout
    out.write("model,N,D,C,loss,C_scaled,accuracy,score\n")
    for k, (n, d, l, cs, p) in enumerate(rows):
        correct = int(rng.binomial(ITEMS, CHANCE + (1.0 - CHANCE) * p))
        accuracy = correct / ITEMS
        score = max(0.0, (accuracy - CHANCE) / (1.0 - CHANCE))
        out.write(
            f"model-{k + 1:02d},{n:.0f},{d:.0f},{6.0 * n * d:.6e},{l:.6f},{cs:.6e},{accuracy:.3f},{score:.6f}\n"
        )


if __name__ == "__main__":
    main()
