#!/usr/bin/env python3
"""A synthetic training log of STEPS steps for the curve-law benchmark (Benchmarks/run-curves.sh).

Writes two CSV logs into DIR: a constant-rate run and a cosine run (peak 3e-4, 1% linear
warm-up, cosine to 0.1x), the rate and a loss logged every EVERY steps. The loss follows the
lr-annealing law (Tissue et al. 2024) with L0 = 2, A = 0.5, alpha = 0.4, C = 300, lambda =
0.999, plus Gaussian noise of 0.002 (seed 0): the benchmark measures cost, not accuracy.
"""
import csv, math, os, random, sys

def main():
    out, steps, every = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    warm, peak = max(1, steps // 100), 3e-4
    rnd = random.Random(0)
    for name, cosine in (("constant", False), ("cosine", True)):
        s1 = s2 = m = 0.0
        prev = 0.0
        with open(os.path.join(out, name + ".csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["_step", "lr", "loss"])
            for s in range(0, steps + 1):
                if s < warm:
                    eta = peak * s / warm
                elif cosine:
                    x = (s - warm) / (steps - warm)
                    eta = peak * (0.1 + 0.9 * (1 + math.cos(math.pi * x)) / 2)
                else:
                    eta = peak
                if s >= 1:
                    s1 += eta
                    m = 0.999 * m + ((prev - eta) if s > warm else 0.0)
                    s2 += m
                prev = eta
                if s >= every and s % every == 0:
                    loss = 2 + 0.5 * s1 ** -0.4 - 300 * s2 + rnd.gauss(0, 0.002)
                    w.writerow([s, repr(eta), repr(loss)])

if __name__ == "__main__":
    main()
