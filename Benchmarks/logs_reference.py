#!/usr/bin/env python3
"""Reference for the log-reading benchmark: Python's csv module reads every file and keeps the
last row's step, tokens and loss (what `scaling-laws runs` reduces each run to)."""
import csv
import glob
import sys
import time

t0 = time.perf_counter()
points = []
for path in sorted(glob.glob(sys.argv[1] + "/*.csv")):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        i_step, i_tok, i_loss = header.index(sys.argv[2]), header.index(sys.argv[3]), header.index(sys.argv[4])
        last = None
        for row in reader:
            last = row
        points.append((float(last[i_step]), float(last[i_tok]), float(last[i_loss])))
print(f"python csv: {len(points)} runs in {time.perf_counter() - t0:.3f} s")
