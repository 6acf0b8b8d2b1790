#!/usr/bin/env python3
"""Reference values for the canary analysis checks of TurnoutStats (issue 8).

Writes Tests/TurnoutStatsTests/Fixtures/canary.json. Inputs come from seeded numpy generators;
the references are computed here independently of the Swift code:

- latency: scipy.stats.mannwhitneyu (asymptotic, tie and continuity correction) on log
  latencies, and the Hodges-Lehmann shift with Moses' interval taken directly from the sorted
  pairwise differences (numpy), k = max(1, floor(m n / 2 - z_{(1+c)/2} sd_U));
- error rate and reward: the one-sided normal-mixture SPRT written out from its formula
  (Waudby-Smith et al. 2023 with a half-normal mixing prior), scipy for the normal cdf and for
  the root of the confidence bound;
- every case's verdict from the checks' documented rules; named scenarios also carry the verdict
  they were designed to produce, and the script refuses to write a fixture where the two differ.

Regenerating gives a byte-identical file (see canary.sh for the pinned packages).
"""

import json
import math
import sys
from pathlib import Path

import numpy as np
import scipy
import scipy.stats as st
from scipy.optimize import brentq

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "Tests" / "TurnoutStatsTests" / "Fixtures" / "canary.json"
LATENCY_FLOOR = 1e-6


def f(x):
    """A plain Python float (json writes its shortest round-trip repr)."""
    return float(x)


# ---------------------------------------------------------------- mixture SPRT


def mixture_sprt(effect, variance, n_total, null, alpha, tuning, direction):
    """One-sided always-valid p-value of H0: effect <= null (direction +1) or >= null (-1), and
    the matching one-sided confidence bound.

    rho^2 = (-2 ln a + ln(-2 ln a + 1)) / N*, and with d = effect - null, s = N rho^2 + 1:
    ln e = rho^2 N d^2 / (2 V s) - ln(s) / 2 + ln(2 Phi(direction d sqrt(rho^2 N / s) / sqrt(V))),
    p = min(1, 1/e). The bound is the null value where p = alpha.
    """
    rho2 = (-2 * math.log(alpha) + math.log(-2 * math.log(alpha) + 1)) / tuning
    shrink = n_total * rho2 + 1

    def log_e(null_value):
        d = effect - null_value
        mixture = rho2 * n_total * d * d / (2 * variance * shrink) - 0.5 * math.log(shrink)
        return mixture + math.log(2) + st.norm.logcdf(direction * d / math.sqrt(variance) * math.sqrt(rho2 * n_total / shrink))

    value = log_e(null)
    p_value = 1.0 if value <= 0 else min(1.0, math.exp(-value))
    # The two-sided confidence sequence's half-width brackets the one-sided bound.
    half = math.sqrt(variance * n_total * 2 * shrink * math.log(math.sqrt(shrink) / alpha) / (n_total ** 2 * rho2))
    far = effect - direction * half
    bound = brentq(lambda x: log_e(x) + math.log(alpha), min(far, effect), max(far, effect), xtol=1e-17, rtol=1e-15)
    return p_value, bound


# ---------------------------------------------------------------- error rate


def error_rate_reference(case):
    s_req, s_err, c_req, c_err = case["stable_requests"], case["stable_errors"], case["canary_requests"], case["canary_errors"]
    cfg = case["config"]
    if min(s_req, c_req) < max(cfg["min_requests"], 1):
        return {"verdict": "inconclusive"}
    p_s, p_c = s_err / s_req, c_err / c_req
    diff = p_c - p_s
    variance = p_c * (1 - p_c) / c_req + p_s * (1 - p_s) / s_req
    if variance > 0:
        p_value, lower = mixture_sprt(diff, variance, s_req + c_req, cfg["allowed_increase"], cfg["alpha"], cfg["tuning"], +1)
    else:  # neither version varies: the difference is exact (the check's documented rule)
        p_value, lower = (0.0 if diff > cfg["allowed_increase"] else 1.0), diff
    fail = p_value < cfg["alpha"] or p_c > cfg["max_error_rate"]
    # Not significantly worse is not enough to pass: the observed increase must be within the allowance too.
    verdict = "fail" if fail else ("pass" if diff <= cfg["allowed_increase"] else "inconclusive")
    return {"verdict": verdict, "p_value": f(p_value), "difference_lower_bound": f(lower),
            "stable_error_rate": f(p_s), "canary_error_rate": f(p_c), "difference": f(diff)}


def error_rate_cases():
    default = {"max_error_rate": 0.01, "allowed_increase": 0.005, "min_requests": 200, "alpha": 0.02, "tuning": 5000.0}
    no_ceiling = dict(default, max_error_rate=1.0)
    named = [
        ("failing canary 10% vs stable 0.2%", default, (1000, 2), (1000, 100), "fail"),
        ("failing canary 10% vs stable 0.2%, ceiling off: the test alone fails it", no_ceiling, (1000, 2), (1000, 100), "fail"),
        ("failing canary 10% at 5% weight", default, (9500, 19), (500, 50), "fail"),
        ("equal rates", default, (1000, 5), (1000, 5), "pass"),
        ("equal rates, large windows", default, (20000, 80), (5000, 20), "pass"),
        ("ceiling exceeded although the test does not reject", default, (1000, 12), (1000, 13), "fail"),
        ("test rejects below a raised ceiling", dict(default, max_error_rate=0.05), (5000, 0), (1000, 40), "fail"),
        ("canary under min_requests", default, (5000, 10), (150, 30), "inconclusive"),
        ("stable under min_requests", default, (199, 0), (5000, 10), "inconclusive"),
        ("no traffic at all", dict(default, min_requests=0), (0, 0), (0, 0), "inconclusive"),
        ("zero errors on both sides", default, (1000, 0), (300, 0), "pass"),
        ("zero errors on stable, small canary increase", default, (2000, 0), (1000, 4), "pass"),
        ("all requests fail on both sides", no_ceiling, (300, 300), (300, 300), "pass"),
        ("worse than allowed but not significantly yet", default, (2000, 0), (220, 2), "inconclusive"),
        ("canary fails everything, stable nothing", no_ceiling, (300, 0), (300, 300), "fail"),
    ]
    cases = []
    for name, cfg, (s_req, s_err), (c_req, c_err), expected in named:
        cases.append({"name": name, "config": cfg, "stable_requests": s_req, "stable_errors": s_err,
                      "canary_requests": c_req, "canary_errors": c_err, "expected_verdict": expected})
    rng = np.random.default_rng(8_2026_1)
    for index in range(24):
        cfg = {"max_error_rate": float(rng.choice([0.01, 0.05, 1.0])),
               "allowed_increase": float(rng.choice([0.0, 0.005, 0.01])),
               "min_requests": int(rng.choice([100, 200])),
               "alpha": float(rng.choice([0.02, 0.05])), "tuning": float(rng.choice([1000.0, 5000.0]))}
        s_req = int(rng.integers(200, 20001))
        c_req = int(rng.integers(150, 5001))
        base = float(rng.choice([0.0, 0.001, 0.005, 0.01, 0.03]))
        delta = float(rng.choice([0.0, 0.002, 0.005, 0.01, 0.05]))
        cases.append({"name": f"generated {index}", "config": cfg, "stable_requests": s_req,
                      "stable_errors": int(rng.binomial(s_req, base)), "canary_requests": c_req,
                      "canary_errors": int(rng.binomial(c_req, min(1.0, base + delta)))})
    for case in cases:
        case["reference"] = error_rate_reference(case)
        check_expected(case)
    return cases


# ---------------------------------------------------------------- latency


def latency_reference(case):
    cfg = case["config"]
    stable = [max(x, LATENCY_FLOOR) for x in case["stable"] if math.isfinite(x)]
    canary = [max(x, LATENCY_FLOOR) for x in case["canary"] if math.isfinite(x)]
    if min(len(stable), len(canary)) < max(cfg["min_samples"], 1):
        return {"verdict": "inconclusive"}
    log_s = np.array([math.log(x) for x in stable])
    log_c = np.array([math.log(x) for x in canary])
    result = st.mannwhitneyu(log_c, log_s, alternative="greater", method="asymptotic", use_continuity=True)
    diffs = np.sort(np.subtract.outer(log_c, log_s).ravel())
    m, n = len(log_c), len(log_s)
    _, ties = np.unique(np.concatenate([log_c, log_s]), return_counts=True)
    total = m + n
    sd_u = math.sqrt(m * n / 12 * ((total + 1) - float(np.sum(ties ** 3 - ties)) / (total * (total - 1))))
    k = min(diffs.size, max(1, math.floor(diffs.size / 2 - st.norm.ppf((1 + cfg["confidence"]) / 2) * sd_u)))
    lower, upper = diffs[k - 1], diffs[diffs.size - k]
    threshold = math.log1p(cfg["allowed_increase"])
    verdict = "fail" if lower > threshold else ("pass" if upper <= threshold else "inconclusive")
    return {"verdict": verdict, "u": f(result.statistic), "p_value": f(result.pvalue), "log_shift": f(np.median(diffs)),
            "log_shift_lower": f(lower), "log_shift_upper": f(upper),
            "stable_median_seconds": f(np.median(stable)), "canary_median_seconds": f(np.median(canary))}


def lognormal_seconds(rng, median, sigma, size, slowdown=1.0, decimals=6):
    """Latencies in seconds rounded to `decimals` (1 us by default; 3 gives millisecond ties)."""
    return [round(float(x), decimals) for x in rng.lognormal(math.log(median * slowdown), sigma, size)]


def latency_cases():
    rng = np.random.default_rng(8_2026_2)
    default = {"allowed_increase": 0.25, "confidence": 0.98, "min_samples": 200}
    cases = []

    def add(name, stable, canary, cfg=default, expected=None):
        case = {"name": name, "config": cfg, "stable": stable, "canary": canary}
        if expected:
            case["expected_verdict"] = expected
        cases.append(case)

    add("canary 50% slower", lognormal_seconds(rng, 0.05, 0.5, 400), lognormal_seconds(rng, 0.05, 0.5, 400, 1.5), expected="fail")
    add("equal latencies", lognormal_seconds(rng, 0.05, 0.5, 500), lognormal_seconds(rng, 0.05, 0.5, 500), expected="pass")
    add("canary faster", lognormal_seconds(rng, 0.05, 0.5, 300), lognormal_seconds(rng, 0.05, 0.5, 300, 0.7), expected="pass")
    add("small samples, 50% slower", lognormal_seconds(rng, 0.05, 0.5, 80), lognormal_seconds(rng, 0.05, 0.5, 60, 1.5), expected="inconclusive")
    add("slower by exactly the allowed fraction", lognormal_seconds(rng, 0.05, 0.5, 300), lognormal_seconds(rng, 0.05, 0.5, 300, 1.25), expected="inconclusive")
    add("millisecond ties, equal", lognormal_seconds(rng, 0.004, 0.4, 600, decimals=3), lognormal_seconds(rng, 0.004, 0.4, 600, decimals=3), expected="pass")
    zeros = lognormal_seconds(rng, 0.0005, 0.3, 400)
    zeros[:40] = [0.0] * 20 + [-0.0001] * 20  # clock granularity: floored to 1 us
    add("zero and negative latencies floored, canary 3x slower", zeros, lognormal_seconds(rng, 0.0015, 0.3, 400), expected="fail")
    add("every latency identical", [0.01] * 250, [0.01] * 250, expected="pass")
    for index in range(12):
        cfg = {"allowed_increase": float(rng.choice([0.1, 0.25, 0.5])), "confidence": float(rng.choice([0.95, 0.98])),
               "min_samples": int(rng.choice([100, 200]))}
        sigma = float(rng.uniform(0.2, 1.0))
        median = float(10 ** rng.uniform(-3.5, -0.5))
        slowdown = float(rng.choice([0.8, 1.0, 1.1, 1.25, 1.5, 2.0]))
        stable = lognormal_seconds(rng, median, sigma, int(rng.integers(100, 700)))
        canary = lognormal_seconds(rng, median, sigma, int(rng.integers(100, 700)), slowdown)
        add(f"generated {index}", stable, canary, cfg)
    for case in cases:
        case["reference"] = latency_reference(case)
        check_expected(case)
    return cases


# ---------------------------------------------------------------- reward


def reward_reference(case, stable, canary):
    cfg = case["config"]
    if min(len(stable), len(canary)) < max(cfg["min_samples"], 2):
        return {"verdict": "inconclusive"}
    m_s, m_c = float(np.mean(stable)), float(np.mean(canary))
    diff = m_c - m_s
    variance = float(np.var(canary, ddof=1)) / len(canary) + float(np.var(stable, ddof=1)) / len(stable)
    if variance > 1e-300:
        p_value, upper = mixture_sprt(diff, variance, len(stable) + len(canary), 0.0, cfg["alpha"], cfg["tuning"], -1)
    else:  # both constant: the difference is exact (the check's documented rule)
        p_value, upper = (0.0 if diff < 0 else 1.0), diff
    return {"verdict": "fail" if p_value < cfg["alpha"] else "pass", "p_value": f(p_value),
            "difference_upper_bound": f(upper), "difference": f(diff), "stable_mean": f(m_s), "canary_mean": f(m_c)}


def statistics(values):
    return {"n": len(values), "sum": f(math.fsum(values)), "sum_squares": f(math.fsum(v * v for v in values))}


def reward_cases():
    rng = np.random.default_rng(8_2026_3)
    default = {"alpha": 0.02, "min_samples": 100, "tuning": 5000.0}

    def bernoulli(p, size):
        return [float(x) for x in rng.binomial(1, p, size)]

    def gaussian(mean, sd, size):
        return [round(float(x), 6) for x in rng.normal(mean, sd, size)]

    named = [
        ("canary reward worse", default, bernoulli(0.7, 1500), bernoulli(0.6, 1500), "fail"),
        ("equal rewards", default, bernoulli(0.7, 1500), bernoulli(0.7, 1500), "pass"),
        ("canary reward better", default, bernoulli(0.6, 1500), bernoulli(0.7, 1500), "pass"),
        ("too little feedback", default, bernoulli(0.7, 60), bernoulli(0.1, 500), "inconclusive"),
        ("constant rewards, equal", default, [1.0] * 200, [1.0] * 200, "pass"),
        ("constant rewards, canary lower", default, [1.0] * 200, [0.5] * 200, "fail"),
        ("stable constant, canary varies lower", default, [1.0] * 500, bernoulli(0.8, 500), "fail"),
        ("gaussian rewards, canary clearly lower", default, gaussian(1.0, 0.3, 3000), gaussian(0.9, 0.3, 3000), "fail"),
    ]
    cases = []
    for name, cfg, stable, canary, expected in named:
        case = {"name": name, "config": cfg, "stable": statistics(stable), "canary": statistics(canary), "expected_verdict": expected}
        case["reference"] = reward_reference(case, stable, canary)
        cases.append(case)
    for index in range(12):
        cfg = {"alpha": float(rng.choice([0.02, 0.05])), "min_samples": int(rng.choice([50, 100])),
               "tuning": float(rng.choice([1000.0, 5000.0]))}
        size_s, size_c = int(rng.integers(30, 4000)), int(rng.integers(30, 4000))
        if rng.random() < 0.5:
            base = float(rng.uniform(0.2, 0.8))
            stable, canary = bernoulli(base, size_s), bernoulli(base + float(rng.choice([-0.1, -0.03, 0.0, 0.03])), size_c)
        else:
            base, sd = float(rng.uniform(-1, 5)), float(rng.uniform(0.1, 2))
            stable, canary = gaussian(base, sd, size_s), gaussian(base + sd * float(rng.choice([-0.3, -0.05, 0.0, 0.1])), sd, size_c)
        case = {"name": f"generated {index}", "config": cfg, "stable": statistics(stable), "canary": statistics(canary)}
        case["reference"] = reward_reference(case, stable, canary)
        cases.append(case)
    for case in cases:
        check_expected(case)
    return cases


def check_expected(case):
    expected = case.get("expected_verdict")
    if expected and case["reference"]["verdict"] != expected:
        sys.exit(f"scenario '{case['name']}' was meant to {expected} but the reference says {case['reference']}")


def main():
    payload = {"generator": f"scipy {scipy.__version__}, numpy {np.__version__}",
               "error_rate": error_rate_cases(), "latency": latency_cases(), "reward": reward_cases()}
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps(payload, sort_keys=True, allow_nan=False, separators=(",", ":")) + "\n")
    print(f"wrote {FIXTURE.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
