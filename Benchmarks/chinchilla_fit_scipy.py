#!/usr/bin/env python3
"""Reference for the Chinchilla benchmark: Epoch AI's replication fit in scipy.

Fits L(N, D) = E + A/N^alpha + B/D^beta to the 240 rows of Epoch's Chinchilla data (the 5
highest losses dropped) with the objective of Hoffmann et al. (2022) as replicated by Besiroglu
et al. (2024): the Huber loss (delta = 1e-3) of log-space residuals
LSE(a - alpha log N, b - beta log D, e) - log L, summed over the runs, minimised by L-BFGS-B
with the analytic gradient from each point of the 4,500-start grid
(alpha, beta in {0, .5, ..., 2}, e in {-1, -.5, ..., 1}, a, b in {0, 5, ..., 25}); the best
end point is kept. Prints the estimate and the wall time of the fitting (not of reading).

Usage: chinchilla_fit_scipy.py PATH/chinchilla_N_D_loss.csv [--starts N]
"""
import argparse
import itertools
import time

import numpy as np
from scipy.optimize import minimize


def load(path):
    data = np.genfromtxt(path, delimiter=",", names=True)
    loss = data["loss"]
    keep = loss < np.sort(loss)[-5]  # Epoch's convention: drop the 5 highest losses
    return np.log(data["N_params"][keep]), np.log(data["D_tokens"][keep]), np.log(loss[keep])


def objective_and_gradient(theta, log_n, log_d, log_l, delta):
    """Summed Huber of the log-space residuals and its analytic gradient.

    Written for speed in numpy (the log-sum-exp by hand, no temporaries beyond what is needed),
    so the reference is a fair one.
    """
    a, b, e, alpha, beta = theta
    t1 = a - alpha * log_n
    t2 = b - beta * log_d
    m = np.maximum(np.maximum(t1, t2), e)
    e1 = np.exp(t1 - m)
    e2 = np.exp(t2 - m)
    e3 = np.exp(e - m)
    s = e1 + e2 + e3
    r = m + np.log(s) - log_l
    abs_r = np.abs(r)
    quadratic = abs_r <= delta
    value = np.sum(np.where(quadratic, 0.5 * r * r, delta * (abs_r - 0.5 * delta)))
    psi = np.clip(r, -delta, delta) / s  # Huber derivative over the softmax denominator
    g1 = psi * e1
    g2 = psi * e2
    grad = np.array([g1.sum(), g2.sum(), (psi * e3).sum(), -(g1 @ log_n), -(g2 @ log_d)])
    return value, grad


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--starts", type=int, default=4500, help="use only the first N grid points")
    args = parser.parse_args()
    log_n, log_d, log_l = load(args.path)
    grid = list(itertools.product(
        np.arange(0, 2.01, 0.5), np.arange(0, 2.01, 0.5), np.arange(-1, 1.01, 0.5),
        np.arange(0, 25.01, 5), np.arange(0, 25.01, 5)))[: args.starts]
    started = time.perf_counter()
    best = None
    for alpha, beta, e, a, b in grid:
        result = minimize(objective_and_gradient, x0=[a, b, e, alpha, beta], jac=True, method="L-BFGS-B",
                          args=(log_n, log_d, log_l, 1e-3))
        if best is None or result.fun < best.fun:
            best = result
    elapsed = time.perf_counter() - started
    a, b, e, alpha, beta = best.x
    print(f"scipy starts={len(grid)} seconds={elapsed:.3f} objective={best.fun:.7e} "
          f"E={np.exp(e):.5f} A={np.exp(a):.3f} B={np.exp(b):.2f} alpha={alpha:.5f} beta={beta:.5f}")


if __name__ == "__main__":
    main()
