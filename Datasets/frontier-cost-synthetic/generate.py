#!/usr/bin/env python3
"""Generate Datasets/frontier-cost-synthetic/data.csv.

45 synthetic frontier training runs whose cost follows an exponential trend in time,

    log10 cost = log10 A + g * (t - 2020) + sigma * z,   z ~ N(0, 1),

with the magnitudes of Cottier et al. 2024, "The rising costs of training frontier AI models"
(arXiv:2405.21015), on their 45-run frontier set: g = 0.389 orders of magnitude per year
(2.45x per year), A = 10^5.2 USD (the fitted trend at 2020.0, about $158k in 2023 USD), and a
residual standard deviation of sigma = 0.70 in log10 units (the real fit's is 0.707).

Dates: 45 days drawn uniformly (without replacement) from 2016-01-01 .. 2023-12-31, sorted.
Each is written as an ISO date (publication_date) and as a decimal year (year) with the
convention of ScalingLaws.DecimalYear:

    t = Y + (day of year - 1) / (366 if leap year else 365)

written with Python's shortest round-trip repr, so Swift reads the identical double. Costs
are printed with 7 significant digits, as in the source notebook.

The random stream is numpy's default_rng(2405): first the 45 dates, then 45 normal draws in
row order, so the file is reproducible bit for bit:

    python3 Datasets/frontier-cost-synthetic/generate.py > Datasets/frontier-cost-synthetic/data.csv
"""

import datetime
import sys

import numpy as np

SEED = 2405
COUNT = 45
LOG10_A = 5.2
GROWTH = 0.389
REFERENCE_YEAR = 2020.0
SIGMA = 0.70
FIRST = datetime.date(2016, 1, 1)
LAST = datetime.date(2023, 12, 31)


def is_leap(year: int) -> bool:
    return (year % 4 == 0 and year % 100 != 0) or year % 400 == 0


def decimal_year(day: datetime.date) -> float:
    days = 366 if is_leap(day.year) else 365
    return float(day.year) + float(day.timetuple().tm_yday - 1) / float(days)


def main() -> None:
    rng = np.random.default_rng(SEED)
    span = (LAST - FIRST).days + 1
    offsets = np.sort(rng.choice(span, size=COUNT, replace=False))
    noise = rng.standard_normal(COUNT)
    out = sys.stdout
    out.write("system,publication_date,year,cost\n")
    for k, offset in enumerate(offsets):
        day = FIRST + datetime.timedelta(days=int(offset))
        t = decimal_year(day)
        log_cost = LOG10_A + GROWTH * (t - REFERENCE_YEAR) + SIGMA * noise[k]
        cost = 10.0**log_cost
        out.write(f"run-{k + 1:02d},{day.isoformat()},{t!r},{cost:.7g}\n")


if __name__ == "__main__":
    main()
