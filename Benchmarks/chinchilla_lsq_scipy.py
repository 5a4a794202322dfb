#!/usr/bin/env python3
"""Reference for the least-squares Chinchilla fit (issue #18, target 1): scipy.optimize's
least_squares (trust-region reflective, analytic Jacobian) from one start on Epoch's 240 rows
(the 5 highest losses dropped), fitting L = E + A/N^alpha + B/D^beta in the response, as
`scaling-laws fit --objective lsq` does. Times REPEATS fits with time.perf_counter and prints
the median, so the number is the fitting time only (not reading or interpreter start-up).

Usage: chinchilla_lsq_scipy.py PATH/chinchilla_N_D_loss.csv [REPEATS]
"""
import statistics
import sys
import time

import numpy as np
from scipy.optimize import least_squares


def main() -> None:
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    data = np.genfromtxt(path, delimiter=",", names=True)
    loss = data["loss"]
    keep = loss < np.sort(loss)[-5]
    ln, ld, y = np.log(data["N_params"][keep]), np.log(data["D_tokens"][keep]), loss[keep]

    def residuals(p):
        e, a, b, alpha, beta = p
        return e + a * np.exp(-alpha * ln) + b * np.exp(-beta * ld) - y

    def jacobian(p):
        e, a, b, alpha, beta = p
        tn, td = np.exp(-alpha * ln), np.exp(-beta * ld)
        return np.column_stack([np.ones_like(y), tn, td, -a * ln * tn, -b * ld * td])

    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fit = least_squares(residuals, [1.5, 300.0, 1500.0, 0.3, 0.3], jac=jacobian, method="trf",
                            x_scale="jac", xtol=1e-12, ftol=1e-12, gtol=1e-12)
        times.append(time.perf_counter() - t0)
    e, a, b, alpha, beta = fit.x
    print(f"scipy least_squares rows={len(y)} median_ms={1000 * statistics.median(times):.2f} "
          f"objective={0.5 * np.sum(fit.fun ** 2):.7e} E={e:.5f} A={a:.3f} B={b:.2f} alpha={alpha:.5f} "
          f"beta={beta:.5f} nfev={fit.nfev}")


if __name__ == "__main__":
    main()
