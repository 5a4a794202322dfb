#!/usr/bin/env python3
"""Generate Datasets/isoflop-synthetic/data.csv.

Iso-FLOP sweeps drawn from the Chinchilla law with the rounded constants of Hoffmann et al.
2022 (arXiv:2203.15556, eq. 2 / Approach 3):

    L(N, D) = 1.69 + 406.4 / N^0.34 + 410.7 / D^0.28,   C = 6 N D

whose frontier is N_opt = G (C/6)^a with a = beta/(alpha+beta) = 0.4516, G = 1.3447.

Design:
  * 5 budgets C = 1e18, 1e19, 1e20, 1e21, 1e22 FLOP; at each, 7 sizes log-spaced from
    N_opt(C)/4 to 4 N_opt(C), D = C/(6N);
  * a sixth budget, 3e22 FLOP, sampled only at small sizes (N_opt/32 to N_opt/4, 5 sizes) so that
    its minimum is not bracketed: an iso-FLOP analysis must refuse it;
  * loss = L(N, D) * exp(sigma * z), z ~ N(0, 1), sigma = 0.003 (multiplicative, about
    0.006 nats), numpy default_rng(2203), one draw per row in row order;
  * N, D and loss printed with 7 significant digits; budget exactly.

    python3 Datasets/isoflop-synthetic/generate.py > Datasets/isoflop-synthetic/data.csv
"""

import math
import sys

import numpy as np

E, A, B, ALPHA, BETA = 1.69, 406.4, 410.7, 0.34, 0.28
SEED = 2203
SIGMA = 0.003


def n_opt(c: float) -> float:
    g = (ALPHA * A / (BETA * B)) ** (1 / (ALPHA + BETA))
    return g * (c / 6) ** (BETA / (ALPHA + BETA))


def main() -> None:
    rng = np.random.default_rng(SEED)
    design = [(c, np.geomspace(n_opt(c) / 4, 4 * n_opt(c), 7)) for c in (1e18, 1e19, 1e20, 1e21, 1e22)]
    design.append((3e22, np.geomspace(n_opt(3e22) / 32, n_opt(3e22) / 4, 5)))
    out = sys.stdout
    out.write("budget,N,D,loss\n")
    for c, sizes in design:
        for n in sizes:
            d = c / (6 * n)
            loss = (E + A / n**ALPHA + B / d**BETA) * math.exp(SIGMA * rng.standard_normal())
            out.write(f"{c:.0e},{n:.7g},{d:.7g},{loss:.7g}\n")


if __name__ == "__main__":
    main()
