#!/usr/bin/env python3
"""Compare Turnout's in-process XGBoost runtime with XGBoost's own `inplace_predict`.

Called by scripts/bench_models. Each round times XGBoost in this process and then runs the
compiled Swift benchmark harness (the bodies in Benchmarks/TurnoutModelsBenchmarks) on the same
breast-cancer v2 model and the same rows; the report gives the median of the per-round medians.

XGBoost is timed call by call with time.perf_counter_ns: one row is a float32 array of shape
(1, 30), 1,000 rows are the data set's rows repeated to 1,000 (as the Swift side does). It is
timed with its default thread count and with nthread=1 (Turnout predicts on one thread).
"""

import argparse
import json
import os
import statistics
import subprocess
import time

import numpy as np
import xgboost as xgb

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def load_rows():
    path = os.path.join(ROOT, "examples", "data", "breast_cancer.csv")
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float32)
    return np.ascontiguousarray(data[:, :-1])


def median_ns(function, repeats):
    for _ in range(min(50, repeats)):
        function()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter_ns()
        function()
        samples.append(time.perf_counter_ns() - start)
    return statistics.median(samples)


def time_xgboost(booster, one_row, thousand_rows, one_row_repeats, batch_repeats):
    return {
        "one_row": median_ns(lambda: booster.inplace_predict(one_row), one_row_repeats),
        "thousand_rows": median_ns(lambda: booster.inplace_predict(thousand_rows), batch_repeats),
    }


def time_turnout(binary, seconds):
    output = subprocess.run([binary, str(seconds)], check=True, capture_output=True, text=True).stdout
    results = {}
    for line in output.splitlines():
        entry = json.loads(line)
        results[entry["name"]] = entry["median_ns"]
    return {
        "one_row": results["XGBoost v2 predict, 1 row"],
        "thousand_rows": results["XGBoost v2 predict, 1,000 rows"],
        "oip_one_row": results["OIP V2 decode + predict + encode, 1 row"],
        "oip_thousand_rows": results["OIP V2 decode + predict + encode, 1,000 rows"],
    }


def fmt(nanoseconds):
    if nanoseconds >= 1e6:
        return f"{nanoseconds / 1e6:.3f} ms"
    if nanoseconds >= 1e3:
        return f"{nanoseconds / 1e3:.2f} us"
    return f"{nanoseconds:.0f} ns"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--swift-binary", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=2, help="time per Swift benchmark per round")
    parser.add_argument("--one-row-repeats", type=int, default=3000)
    parser.add_argument("--batch-repeats", type=int, default=300)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    rows = load_rows()
    one_row = np.ascontiguousarray(rows[:1])
    thousand_rows = np.ascontiguousarray(np.resize(rows, (1000, rows.shape[1])))
    default_threads = xgb.Booster(model_file=os.path.join(ROOT, "examples", "models", "breast-cancer-v2.json"))
    single_thread = xgb.Booster(model_file=os.path.join(ROOT, "examples", "models", "breast-cancer-v2.json"))
    single_thread.set_param({"nthread": 1})

    rounds = {"xgboost": [], "xgboost_1thread": [], "turnout": []}
    for _ in range(args.rounds):
        rounds["xgboost"].append(time_xgboost(default_threads, one_row, thousand_rows,
                                              args.one_row_repeats, args.batch_repeats))
        rounds["xgboost_1thread"].append(time_xgboost(single_thread, one_row, thousand_rows,
                                                      args.one_row_repeats, args.batch_repeats))
        rounds["turnout"].append(time_turnout(args.swift_binary, args.seconds))

    summary = {
        side: {key: statistics.median(r[key] for r in results) for key in results[0]}
        for side, results in rounds.items()
    }
    summary["xgboost_version"] = xgb.__version__
    summary["rounds"] = args.rounds
    if args.json:
        print(json.dumps(summary, indent=2))
        return

    x, x1, t = summary["xgboost"], summary["xgboost_1thread"], summary["turnout"]
    print(f"breast-cancer v2 (100 trees, depth 3, 30 features); xgboost {xgb.__version__}; "
          f"median of {args.rounds} round medians")
    print(f"{'':34}{'1 row':>12}{'1,000 rows':>14}")
    print(f"{'XGBoost inplace_predict':34}{fmt(x['one_row']):>12}{fmt(x['thousand_rows']):>14}")
    print(f"{'XGBoost inplace_predict nthread=1':34}{fmt(x1['one_row']):>12}{fmt(x1['thousand_rows']):>14}")
    print(f"{'Turnout XGBoostModel.predict':34}{fmt(t['one_row']):>12}{fmt(t['thousand_rows']):>14}")
    print(f"{'Turnout OIP V2 decode+predict+encode':34}{fmt(t['oip_one_row']):>12}{fmt(t['oip_thousand_rows']):>14}")
    print(f"ratio Turnout / XGBoost (lower is faster): 1 row {t['one_row'] / x['one_row']:.4f}, "
          f"1,000 rows {t['thousand_rows'] / x['thousand_rows']:.3f} "
          f"(vs nthread=1: {t['thousand_rows'] / x1['thousand_rows']:.3f})")
    print(f"ratio with the OIP JSON codec included: 1 row {t['oip_one_row'] / x['one_row']:.4f}, "
          f"1,000 rows {t['oip_thousand_rows'] / x['thousand_rows']:.3f}")


if __name__ == "__main__":
    main()
