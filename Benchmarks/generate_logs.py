#!/usr/bin/env python3
"""Synthetic training logs for the log-reading benchmark: RUNS files named run{N}M-{k}.csv, each
STEPS rows and COLUMNS columns (_step, throughput/total_tokens, optim/learning_rate_group0,
loss, then metric_K filler columns), cosine schedule, loss = E + A/N^a + B/D^b + noise.

    generate_logs.py OUT_DIR RUNS STEPS COLUMNS
"""
import math
import os
import random
import sys

out, runs, steps, columns = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
os.makedirs(out, exist_ok=True)
rng = random.Random(0)
extra = max(0, columns - 4)
header = ["_step", "throughput/total_tokens", "optim/learning_rate_group0", "loss"] + [f"metric_{k}" for k in range(extra)]
for r in range(runs):
    size = 20 * (r % 10 + 1)  # millions of parameters
    n = size * 1e6
    batch = 262144
    with open(os.path.join(out, f"run{size}M-{r}.csv"), "w") as f:
        f.write(",".join(header) + "\n")
        for s in range(1, steps + 1):
            d = s * batch
            lr = 1e-3 * (0.1 + 0.45 * (1 + math.cos(math.pi * s / steps)))
            loss = 1.7 + 400 / n ** 0.34 + 400 / d ** 0.28 + rng.gauss(0, 0.002)
            filler = ",".join(f"{loss + 0.01 * k:.6f}" for k in range(extra))
            f.write(f"{s},{d},{lr:.8g},{loss:.6f}" + ("," + filler if extra else "") + "\n")
