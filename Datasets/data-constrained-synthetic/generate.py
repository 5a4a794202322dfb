#!/usr/bin/env python3
"""Generate Datasets/data-constrained-synthetic/data.csv.

Synthetic training runs with repeated data, drawn from the data-constrained scaling law of
Muennighoff et al. 2023, "Scaling Data-Constrained Language Models" (arXiv:2305.16264):

    U_D = unique tokens, R_D = D/U_D - 1
    G   = (alpha*A / (beta*B))^(1/(alpha+beta))
    U_N = min((U_D*G)^(beta/alpha) * G, N),  R_N = max(N/U_N - 1, 0)
    D'  = U_D + U_D*R_D*(1 - exp(-R_D/R_D*))
    N'  = U_N + U_N*R_N*(1 - exp(-R_N/R_N*))
    L   = E + A/N'^alpha + B/D'^beta

with their C4 constants: log-space (a, b, e) = (6.255414, 7.3049974, 0.6254804),
alpha = beta = 0.3526596, R_N* = 5.309743, R_D* = 15.387756.

Design (a full grid, 7 x 5 x 6 = 210 runs, ordered by N, then U, then epochs):
  * 7 model sizes N, log-spaced from 1e7 to 9e9 parameters (rounded to whole parameters);
  * 5 unique-token budgets U: 1e8, 4e8, 1.5e9, 6e9, 2.4e10 tokens;
  * 6 epoch counts: 1, 2, 4, 8, 20, 50; D = U * epochs;
  * loss = L(N, D, U) * exp(sigma * z), z ~ N(0, 1), sigma = 0.01 (1% log-normal noise),
    printed with 6 decimals.

The random stream is numpy's default_rng(2305), drawn once in row order, so the file is
reproducible bit for bit:

    python3 Datasets/data-constrained-synthetic/generate.py > Datasets/data-constrained-synthetic/data.csv
"""

import math
import sys

import numpy as np

LOG_A = 6.255414
LOG_B = 7.3049974
LOG_E = 0.6254804
ALPHA = 0.3526596
BETA = 0.3526596
R_N_STAR = 5.309743
R_D_STAR = 15.387756

A = math.exp(LOG_A)
B = math.exp(LOG_B)
E = math.exp(LOG_E)
G = (ALPHA * A / (BETA * B)) ** (1 / (ALPHA + BETA))

SEED = 2305
SIGMA = 0.01
MODEL_SIZES = np.geomspace(1e7, 9e9, 7)
UNIQUE = [1e8, 4e8, 1.5e9, 6e9, 2.4e10]
EPOCHS = [1, 2, 4, 8, 20, 50]


def loss(n: float, d: float, u: float) -> float:
    r_d = d / u - 1
    d_prime = u + u * R_D_STAR * -math.expm1(-r_d / R_D_STAR)
    u_n = min((u * G) ** (BETA / ALPHA) * G, n)
    r_n = max(n / u_n - 1, 0.0)
    n_prime = u_n + u_n * R_N_STAR * -math.expm1(-r_n / R_N_STAR)
    return E + A / n_prime**ALPHA + B / d_prime**BETA


def main() -> None:
    rng = np.random.default_rng(SEED)
    noise = rng.standard_normal(len(MODEL_SIZES) * len(UNIQUE) * len(EPOCHS))
    out = sys.stdout
    out.write("N,D,unique_tokens,epochs,loss\n")
    k = 0
    for n_raw in MODEL_SIZES:
        n = float(round(n_raw))
        for u in UNIQUE:
            for epochs in EPOCHS:
                d = u * epochs
                value = loss(n, d, u) * math.exp(SIGMA * noise[k])
                k += 1
                out.write(f"{n:.0f},{d:.0f},{u:.0f},{epochs},{value:.6f}\n")


if __name__ == "__main__":
    main()
