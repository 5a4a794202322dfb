#!/usr/bin/env python3
"""Reference for the scale benchmark: Python's csv module reads the checkpoint CSV (N, D, loss
as floats) and scipy.optimize.least_squares fits Chinchilla's law by plain least squares from
a fixed start, timed separately; peak RSS from getrusage. Prints one line of key=value pairs.

Usage: scale_reference.py FILE.csv
"""
import csv
import resource
import sys
import time

import numpy as np
from scipy.optimize import least_squares


def main() -> None:
    path = sys.argv[1]
    t0 = time.perf_counter()
    n, d, y = [], [], []
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        i_n, i_d, i_l = header.index("N"), header.index("D"), header.index("loss")
        for row in reader:
            n.append(float(row[i_n]))
            d.append(float(row[i_d]))
            y.append(float(row[i_l]))
    n, d, y = np.array(n), np.array(d), np.array(y)
    t1 = time.perf_counter()
    ln, ld = np.log(n), np.log(d)

    def residuals(p):
        e, a, b, alpha, beta = p
        return e + a * np.exp(-alpha * ln) + b * np.exp(-beta * ld) - y

    def jacobian(p):
        e, a, b, alpha, beta = p
        tn, td = np.exp(-alpha * ln), np.exp(-beta * ld)
        return np.column_stack([np.ones_like(y), tn, td, -a * ln * tn, -b * ld * td])

    fit = least_squares(residuals, [1.5, 300.0, 1500.0, 0.3, 0.3], jac=jacobian, method="trf",
                        x_scale="jac", xtol=1e-12, ftol=1e-12, gtol=1e-12)
    t2 = time.perf_counter()
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows={len(y)} read_s={t1 - t0:.3f} fit_s={t2 - t1:.3f} peak_rss_mib={rss_mib:.0f} "
          f"E={fit.x[0]:.5g} A={fit.x[1]:.5g} B={fit.x[2]:.5g} alpha={fit.x[3]:.5g} beta={fit.x[4]:.5g} nfev={fit.nfev}")


if __name__ == "__main__":
    main()
