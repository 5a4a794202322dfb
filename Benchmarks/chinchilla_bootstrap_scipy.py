#!/usr/bin/env python3
"""Reference for the bootstrap benchmark: Epoch AI's Chinchilla bootstrap in scipy.

Besiroglu et al. (2024, arXiv:2404.10102) drew 4,000 nonparametric bootstrap resamples of the
240 rows (the 5 highest losses dropped) and refitted each. This script does the same: it fits
the full data once (L-BFGS-B from Epoch's published optimum), then refits every resample with
L-BFGS-B from the full-data optimum on the summed Huber (delta = 1e-3) objective of the
log-space residuals LSE(a - alpha log N, b - beta log D, e) - log L, with the analytic gradient
(tolerances gtol 1e-9, ftol 1e-12 by default: scipy's defaults, gtol 1e-5 and ftol 2.2e-9,
stop most refits at their start because the summed Huber gradient is of order delta, which
shrinks the standard errors several-fold; --default-tolerances shows that). Prints the wall time of the resample refits
and the bootstrap standard errors and 95% percentile intervals.

Usage: chinchilla_bootstrap_scipy.py PATH/chinchilla_N_D_loss.csv [--resamples N] [--seed S]
"""
import argparse
import time

import numpy as np
from scipy.optimize import minimize

from chinchilla_fit_scipy import load, objective_and_gradient


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--resamples", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--default-tolerances", action="store_true", help="scipy's default L-BFGS-B stopping rules")
    args = parser.parse_args()
    log_n, log_d, log_l = load(args.path)
    n = len(log_l)
    # Epoch's "replicate exactly" optimum (A 477.84, B 2143.86, E 1.8172), polished on this data.
    start = np.array([6.16924, 7.67036, 0.59730, 0.34731, 0.36718])
    full = minimize(objective_and_gradient, x0=start, jac=True, method="L-BFGS-B",
                    args=(log_n, log_d, log_l, 1e-3), options={"gtol": 1e-10, "ftol": 1e-13, "maxiter": 2000})
    refit = {} if args.default_tolerances else {"gtol": 1e-9, "ftol": 1e-12, "maxiter": 2000}
    rng = np.random.default_rng(args.seed)
    draws = np.empty((args.resamples, 5))
    started = time.perf_counter()
    cpu_started = time.process_time()
    for i in range(args.resamples):
        rows = rng.integers(0, n, n)
        result = minimize(objective_and_gradient, x0=full.x, jac=True, method="L-BFGS-B",
                          args=(log_n[rows], log_d[rows], log_l[rows], 1e-3), options=refit)
        draws[i] = result.x
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    a, b, e, alpha, beta = draws.T
    values = {"E": np.exp(e), "A": np.exp(a), "B": np.exp(b), "alpha": alpha, "beta": beta}
    print(f"scipy resamples={args.resamples} seconds={elapsed:.3f} cpu_seconds={cpu:.3f} "
          f"full: objective={full.fun:.7e} E={np.exp(full.x[2]):.5f} alpha={full.x[3]:.5f} beta={full.x[4]:.5f}")
    for name, v in values.items():
        lo, hi = np.percentile(v, [2.5, 97.5])
        print(f"scipy {name}: SE={np.std(v, ddof=1):.5g} 95%=({lo:.5g}, {hi:.5g})")


if __name__ == "__main__":
    main()
