#!/usr/bin/env python3
"""Writes a synthetic checkpoint CSV of ROWS rows for the scale benchmark (never committed).

Each training run (a model size N) logs its loss at many checkpoints (tokens seen D), as
training logs do: columns run,N,D,step,loss. The loss follows Chinchilla's law with Epoch AI's
2024 constants (Besiroglu et al. 2024, arXiv:2404.10102) times log-normal noise (sigma 0.01),
seeded, so the same ROWS and SEED give the same bytes.

Usage: generate_checkpoints.py ROWS OUT.csv [SEED]
"""
import math
import random
import sys


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit("usage: generate_checkpoints.py ROWS OUT.csv [SEED]")
    rows = int(sys.argv[1])
    out = sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    rng = random.Random(seed)
    e, a, b = math.exp(0.59711196), math.exp(6.17795598), math.exp(7.64273236)
    alpha, beta = 0.34781303, 0.36585412
    checkpoints = 5000
    runs = max(1, (rows + checkpoints - 1) // checkpoints)
    written = 0
    with open(out, "w", newline="") as f:
        f.write("run,N,D,step,loss\n")
        for r in range(runs):
            n = 10 ** (7 + 3 * r / max(runs - 1, 1))
            total = 20 * n * 10 ** rng.uniform(-0.5, 0.5)
            for k in range(checkpoints):
                if written == rows:
                    return
                d = total * (k + 1) / checkpoints
                loss = (e + a / n ** alpha + b / d ** beta) * math.exp(rng.gauss(0, 0.01))
                f.write(f"run{r},{n:.6g},{d:.6g},{k + 1},{loss:.6f}\n")
                written += 1


if __name__ == "__main__":
    main()
