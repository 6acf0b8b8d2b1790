#!/usr/bin/env python3
"""Reference values for TurnoutStats, computed with scipy and GrowthBook's gbstats.

Writes Tests/TurnoutStatsTests/Fixtures/*.json. Inputs come from seeded `random.Random`
generators (stable across Python and numpy versions), outputs from the pinned reference
packages (see stats.sh), so regenerating gives byte-identical files.
"""

import json
import math
import random
import sys
from pathlib import Path

import mpmath
import numpy as np
import scipy
import scipy.special as sc
import scipy.stats as st

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests" / "TurnoutStatsTests" / "Fixtures"


def write(name, payload):
    FIXTURES.mkdir(parents=True, exist_ok=True)
    path = FIXTURES / name
    text = json.dumps(payload, sort_keys=True, allow_nan=False, separators=(",", ":")) + "\n"
    path.write_text(text)
    print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)


def f(x):
    """A plain Python float (json writes its shortest round-trip repr)."""
    return float(x)


# ---------------------------------------------------------------- special functions


def special_functions():
    rng = random.Random(20261127)
    out = {"generator": f"scipy {scipy.__version__}, mpmath {mpmath.__version__}"}

    xs = [-38.0, -37.5, -30.0, -20.0, -10.0, -8.3, -5.0, -3.0, -1.96, -1.0, -0.5, -1e-8, 0.0,
          1e-8, 0.3, 1.0, 1.6448536269514722, 2.5, 4.0, 6.0, 8.0, 9.0]
    xs += [rng.uniform(-12, 12) for _ in range(60)]
    out["normal_cdf"] = [[f(x), f(sc.ndtr(x)), f(sc.ndtr(-x))] for x in xs]

    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.025, 0.05, 0.075, 0.1, 0.3, 0.5,
          0.7, 0.9, 0.925, 0.95, 0.975, 0.99, 0.999, 1 - 1e-10]
    ps += [10 ** rng.uniform(-200, -1) for _ in range(40)] + [rng.uniform(0, 1) for _ in range(40)]
    out["normal_quantile"] = [[f(p), f(sc.ndtri(p))] for p in ps]

    gs = [1e-10, 1e-3, 0.1, 0.5, 0.9, 1.5, 2.5, 3.0, 7.3, 9.99, 10.0, 10.5, 25.0, 171.0, 1e4, 1e7, 1e12]
    gs += [10 ** rng.uniform(-3, 6) for _ in range(40)]
    out["log_gamma"] = [[f(x), f(sc.gammaln(x))] for x in gs]

    bs = [(0.5, 0.5), (1, 1), (2.5, 7.5), (0.5, 3000), (1500, 0.5), (10, 10), (3.2, 55.0), (1e5, 0.5),
          (1e6, 0.5), (250.0, 310.0), (1e4, 1e4)]
    bs += [(10 ** rng.uniform(-1, 5), 10 ** rng.uniform(-1, 5)) for _ in range(40)]
    # scipy's betaln loses ~1e-10 for a small and b huge; mpmath at 40 digits is the reference here.
    mpmath.mp.dps = 40
    out["log_beta"] = [[f(a), f(b), f(mpmath.log(mpmath.beta(a, b)))] for a, b in bs]

    ib = []
    for _ in range(120):
        a = 10 ** rng.uniform(-1, 3)
        b = 10 ** rng.uniform(-1, 3)
        x = rng.uniform(0, 1) if rng.random() < 0.7 else 10 ** rng.uniform(-12, -1)
        ib.append((x, a, b))
    ib += [(0.5, 0.5, 0.5), (0.999, 2.0, 3.0), (1e-5, 0.5, 1500.0), (0.2, 1500, 0.5)]
    out["incomplete_beta"] = [[f(x), f(a), f(b), f(sc.betainc(a, b, x)), f(sc.betaincc(a, b, x))]
                              for x, a, b in ib]

    tc = []
    for df in [0.3, 1, 2, 3, 4.5, 7, 10, 29.7, 100, 1000, 6866.3, 1e5, 1e6, 3e6, 1e7, 1e8, 1e10, 1e12]:
        for t in [-60.0, -12.0, -5.0, -2.0, -1.0, -0.1, 0.0, 0.05, 0.7, 1.96, 3.0, 8.0, 40.0]:
            tc.append((t, df))
    tc += [(rng.uniform(-15, 15), 10 ** rng.uniform(-0.5, 5)) for _ in range(80)]
    tc += [(rng.uniform(-30, 30), 10 ** rng.uniform(5, 12)) for _ in range(40)]
    out["t_cdf"] = [[f(t), f(df), f(sc.stdtr(df, t)), f(sc.stdtr(df, -t))] for t, df in tc]

    tq = []
    for df in [0.3, 1, 2, 3, 4.5, 7, 10, 29.7, 100, 1000, 6866.3, 1e5, 1e6, 1e7, 1e9, 1e12]:
        for p in [1e-300, 1e-12, 1e-6, 0.001, 0.025, 0.05, 0.3, 0.5, 0.6, 0.9, 0.95, 0.975, 0.999]:
            tq.append((p, df))
    tq += [(rng.uniform(0, 1), 10 ** rng.uniform(-0.3, 4)) for _ in range(60)]
    tq += [(10 ** rng.uniform(-15, -2), 10 ** rng.uniform(0, 4)) for _ in range(30)]
    tq += [(rng.uniform(0, 1), 10 ** rng.uniform(4, 12)) for _ in range(30)]
    # Keep only quantiles scipy itself round-trips: for df < 1 and p = 1e-300 the true quantile
    # lies beyond the largest double and scipy returns a finite, wrong value.
    out["t_quantile"] = [[f(p), f(df), f(st.t.ppf(p, df))] for p, df in tq
                         if math.isfinite(st.t.ppf(p, df)) and abs(st.t.cdf(st.t.ppf(p, df), df) / p - 1) < 1e-8]

    gq = []
    for _ in range(100):
        a = 10 ** rng.uniform(-1, 3)
        x = a * 10 ** rng.uniform(-2, 1)
        gq.append((a, x))
    gq += [(0.5, 30.0), (1.0, 700.0), (2.5, 1e-6), (100.0, 100.0), (0.5, 0.5)]
    out["incomplete_gamma"] = [[f(a), f(x), f(sc.gammainc(a, x)), f(sc.gammaincc(a, x))] for a, x in gq]

    cs = [(x, k) for k in [1, 2, 3, 4, 9] for x in [0.01, 0.5, 1.0, 3.84, 10.0, 18.18, 40.0, 100.0, 500.0]]
    cs += [(10 ** rng.uniform(-2, 2.5), rng.randint(1, 30)) for _ in range(40)]
    out["chi_squared"] = [[f(x), f(k), f(st.chi2.cdf(x, k)), f(st.chi2.sf(x, k))] for x, k in cs]

    write("special_functions.json", out)


# ---------------------------------------------------------------- A/B tests (gbstats)

GB_ERRORS = {
    "BASELINE_VARIATION_ZERO_MESSAGE": "zero_control_mean",
    "ZERO_NEGATIVE_VARIANCE_MESSAGE": "zero_variance",
    "NO_UNITS_IN_VARIATION_MESSAGE": "empty_arm",
}


def gb_error_code(message):
    import gbstats.messages as messages

    for name, code in GB_ERRORS.items():
        if message == getattr(messages, name):
            return code
    raise ValueError(f"unexpected gbstats message {message!r}")


def random_arm(rng, metric, n=None, base=None):
    n = n or int(10 ** rng.uniform(0.7, 4.5))
    if metric == "proportion":
        p = base if base is not None else rng.uniform(0.01, 0.9)
        successes = sum(1 for _ in range(min(n, 2000)) if rng.random() < p)
        successes = round(successes * n / min(n, 2000))
        return {"n": n, "sum": float(successes), "sum_squares": float(successes)}
    mean = base if base is not None else 10 ** rng.uniform(-1, 2.5) * rng.choice([1, 1, 1, -1])
    sd = abs(mean) * 10 ** rng.uniform(-1, 0.7)
    total = n * mean
    return {"n": n, "sum": total, "sum_squares": (n - 1) * sd * sd + total * total / n}


def gb_statistic(metric, arm):
    from gbstats.models.statistics import ProportionStatistic, SampleMeanStatistic

    if metric == "proportion":
        return ProportionStatistic(n=arm["n"], sum=arm["sum"])
    return SampleMeanStatistic(n=arm["n"], sum=arm["sum"], sum_squares=arm["sum_squares"])


def bound(x):
    return None if math.isinf(x) else f(x)


def frequentist_expected(result):
    if result.error_message:
        return {"error": gb_error_code(result.error_message)}
    return {"effect": f(result.expected), "ci": [bound(result.ci[0]), bound(result.ci[1])],
            "se": f(result.uplift.stddev), "p_value": f(result.p_value)}


def one_sided_sequential_reference(case, control, variant):
    """The half-normal mixture one-sided sequential test (not in gbstats 0.8.0), from its formula
    with scipy: e = exp(rho2 N d^2 / (2 V (N rho2 + 1))) / sqrt(N rho2 + 1) * 2 Phi(s rho sqrt(N) d / sqrt(V (N rho2 + 1)))."""
    from scipy.optimize import brentq
    from gbstats.frequentist.tests import frequentist_diff, frequentist_variance

    if control.mean == 0 and case["scale"] == "relative":
        return {"error": "zero_control_mean"}
    if control.variance <= 0 or variant.variance <= 0:
        return {"error": "zero_variance"}
    relative = case["scale"] == "relative"
    effect = frequentist_diff(control.mean, variant.mean, relative)
    var = frequentist_variance(control.variance, control.mean, control.n, variant.variance, variant.mean, variant.n, relative)
    alpha, n_total = case["alpha"], control.n + variant.n
    rho2 = (-2 * math.log(alpha) + math.log(-2 * math.log(alpha) + 1)) / case["tuning"]
    shrink = n_total * rho2 + 1
    sign = 1.0 if case["alternative"] == "greater" else -1.0

    def log_e(null):
        d = effect - null
        two_sided = rho2 * n_total * d * d / (2 * var * shrink) - 0.5 * math.log(shrink)
        return two_sided + math.log(2 * st.norm.cdf(sign * d / math.sqrt(var) * math.sqrt(rho2 * n_total / shrink)))

    p_value = 1.0 if log_e(0.0) <= 0 else min(1.0, math.exp(-log_e(0.0)))
    half = math.sqrt(var * n_total) * math.sqrt(2 * shrink * math.log(math.sqrt(shrink) / alpha) / (n_total ** 2 * rho2))
    limit = brentq(lambda null: log_e(null) + math.log(alpha), effect - sign * half, effect, xtol=1e-14, rtol=1e-14)
    ci = [limit, None] if sign > 0 else [None, limit]
    return {"effect": f(effect), "ci": [None if c is None else f(c) for c in ci], "se": f(math.sqrt(var)), "p_value": f(p_value)}


def ab_cases():
    from gbstats.bayesian.tests import EffectBayesianABTest, EffectBayesianConfig, GaussianPrior
    from gbstats.frequentist.tests import (FrequentistConfig, OneSidedTreatmentGreaterTTest,
                                           OneSidedTreatmentLesserTTest, SequentialConfig,
                                           SequentialTwoSidedTTest, TwoSidedTTest)

    rng = random.Random(6_2026)
    cases = []
    for index in range(240):
        metric = rng.choice(["mean", "proportion"])
        control_arm = random_arm(rng, metric)
        lift = rng.choice([0.0, rng.uniform(-0.3, 0.3)])
        if metric == "proportion":
            base = min(0.99, max(0.001, control_arm["sum"] / control_arm["n"] * (1 + lift)))
            variant_arm = random_arm(rng, metric, n=int(control_arm["n"] * rng.uniform(0.7, 1.3)) + 2, base=base)
        else:
            base = control_arm["sum"] / control_arm["n"] * (1 + lift)
            variant_arm = random_arm(rng, metric, n=int(control_arm["n"] * rng.uniform(0.7, 1.3)) + 2, base=base)
        if index % 40 == 7:  # degenerate inputs: zero control mean, zero variance
            control_arm = {"n": control_arm["n"], "sum": 0.0, "sum_squares": 0.0 if metric == "proportion" else 5.0 * control_arm["n"]}
        if index % 40 == 19:
            variant_arm = {"n": variant_arm["n"], "sum": 3.0 * variant_arm["n"], "sum_squares": 9.0 * variant_arm["n"]} if metric == "mean" \
                else {"n": variant_arm["n"], "sum": float(variant_arm["n"]), "sum_squares": float(variant_arm["n"])}
        test = rng.choice(["fixed", "fixed", "sequential", "bayesian"])
        case = {"test": test, "metric": metric, "control": control_arm, "variant": variant_arm,
                "scale": rng.choice(["relative", "absolute"]), "alpha": rng.choice([0.01, 0.05, 0.1, 0.2])}
        if case["scale"] == "absolute" and control_arm["sum"] == 0:
            case["scale"] = "relative"  # gbstats refuses a zero control mean even for absolute effects
        a, b = gb_statistic(metric, control_arm), gb_statistic(metric, variant_arm)
        if test == "fixed":
            case["alternative"] = rng.choice(["two_sided", "two_sided", "greater", "less"])
            config = FrequentistConfig(alpha=case["alpha"], difference_type=case["scale"])
            cls = {"two_sided": TwoSidedTTest, "greater": OneSidedTreatmentGreaterTTest,
                   "less": OneSidedTreatmentLesserTTest}[case["alternative"]]
            expected = frequentist_expected(cls(a, b, config).compute_result())
            if case["alternative"] == "less" and "error" not in expected:
                # gbstats 0.8.0 reports [-inf, effect - width] here; the upper confidence bound of a
                # "less" test is effect + t_{1-alpha, dof} se, computed from scipy instead.
                test_obj = cls(a, b, config)
                width = st.t.ppf(1 - case["alpha"], test_obj.dof) * math.sqrt(test_obj.variance)
                expected["ci"] = [None, f(test_obj.point_estimate + width)]
                expected["reference"] = "gbstats, upper bound from scipy"
        elif test == "sequential":
            case["alternative"] = rng.choice(["two_sided", "two_sided", "greater", "less"])
            case["tuning"] = rng.choice([100.0, 1000.0, 5000.0, 20000.0])
            if case["alternative"] == "two_sided":
                config = SequentialConfig(alpha=case["alpha"], difference_type=case["scale"],
                                          sequential_tuning_parameter=case["tuning"])
                expected = frequentist_expected(SequentialTwoSidedTTest(a, b, config).compute_result())
            else:
                expected = one_sided_sequential_reference(case, a, b)
                expected["reference"] = "formula with scipy"
        else:
            proper = rng.random() < 0.5
            case["prior"] = {"mean": rng.uniform(-0.2, 0.2), "variance": 10 ** rng.uniform(-3, 0), "proper": proper}
            case["prior_scale"] = rng.choice(["relative", "absolute"])
            case["lower_is_better"] = rng.random() < 0.3
            config = EffectBayesianConfig(alpha=case["alpha"], difference_type=case["scale"],
                                          inverse=case["lower_is_better"], prior_type=case["prior_scale"],
                                          prior_effect=GaussianPrior(**case["prior"]))
            result = EffectBayesianABTest(a, b, config).compute_result()
            if result.error_message:
                expected = {"error": gb_error_code(result.error_message)}
            else:
                expected = {"effect": f(result.expected), "ci": [f(result.ci[0]), f(result.ci[1])],
                            "se": f(result.uplift.stddev), "chance_to_win": f(result.chance_to_win),
                            "risk": [f(result.risk[0]), f(result.risk[1])]}
        case["expected"] = expected
        cases.append(case)
    return cases


def srm_and_holm():
    from gbstats.utils import check_srm
    from statsmodels.stats.multitest import multipletests

    rng = random.Random(1_000_200)
    srm = []
    for _ in range(60):
        arms = rng.randint(2, 5)
        weights = [rng.choice([1.0, 1.0, 2.0, 0.5, 0.1]) for _ in range(arms)]
        total = int(10 ** rng.uniform(1, 6))
        skew = rng.choice([0.0, 0.0, 0.02, 0.1])
        counts = []
        for w in weights:
            share = w / sum(weights) * (1 + rng.uniform(-skew, skew))
            counts.append(max(0, int(round(total * share + rng.gauss(0, math.sqrt(total * share + 1))))))
        srm.append({"counts": counts, "weights": weights, "p_value": f(check_srm(counts, weights))})
    srm.append({"counts": [1000, 1200], "weights": [0.5, 0.5], "p_value": f(check_srm([1000, 1200], [0.5, 0.5]))})
    holm = []
    for _ in range(40):
        m = rng.randint(1, 8)
        ps = [rng.choice([rng.uniform(0, 1), 10 ** rng.uniform(-8, -1)]) for _ in range(m)]
        holm.append({"p_values": ps, "adjusted": [f(x) for x in multipletests(ps, method="holm")[1]]})
    return srm, holm


def engine_cases():
    """Whole A/B/n requests for the analysis engine, expected values from gbstats + statsmodels."""
    from gbstats.bayesian.tests import EffectBayesianABTest, EffectBayesianConfig, GaussianPrior
    from gbstats.frequentist.tests import FrequentistConfig, SequentialConfig, SequentialTwoSidedTTest, TwoSidedTTest
    from gbstats.utils import check_srm
    from statsmodels.stats.multitest import multipletests

    rng = random.Random(4242)
    cases = []
    for index in range(30):
        metric = rng.choice(["mean", "proportion"])
        test = ["fixed", "sequential", "bayesian"][index % 3]
        n_arms = rng.randint(2, 4)
        control = random_arm(rng, metric, n=rng.randint(200, 20000))
        arms = [dict(name="control", **control)]
        for k in range(1, n_arms):
            lift = rng.choice([0.0, rng.uniform(-0.2, 0.2)])
            mean = control["sum"] / control["n"] * (1 + lift)
            if metric == "proportion":
                mean = min(0.99, max(0.01, mean))
            arm = random_arm(rng, metric, n=int(control["n"] * rng.uniform(0.9, 1.1)), base=mean)
            arms.append(dict(name=f"v{k + 1}", **arm))
        request = {"arms": arms, "control": "control", "metric": metric, "test": test,
                   "effect": rng.choice(["relative", "absolute"]), "alpha": rng.choice([0.05, 0.1]),
                   "goal": rng.choice(["maximize", "minimize"]), "weights": {a["name"]: 1.0 for a in arms}}
        if test == "sequential":
            request["tuning"] = rng.choice([1000.0, 5000.0])
        if rng.random() < 0.3:
            request["prior"] = {"mean": 0.0, "variance": 0.05, "proper": True}
        prior = request.get("prior", {"mean": 0.0, "variance": 1.0, "proper": False})
        a = gb_statistic(metric, control)
        expected_variants = []
        for arm in arms[1:]:
            b = gb_statistic(metric, arm)
            bayes = EffectBayesianABTest(a, b, EffectBayesianConfig(
                alpha=request["alpha"], difference_type=request["effect"], inverse=request["goal"] == "minimize",
                prior_effect=GaussianPrior(**prior))).compute_result()
            row = {"name": arm["name"], "chance_to_win": f(bayes.chance_to_win), "risk": [f(bayes.risk[0]), f(bayes.risk[1])]}
            if test == "bayesian":
                row.update(effect=f(bayes.expected), ci=[f(bayes.ci[0]), f(bayes.ci[1])], se=f(bayes.uplift.stddev))
            else:
                if test == "fixed":
                    res = TwoSidedTTest(a, b, FrequentistConfig(alpha=request["alpha"], difference_type=request["effect"])).compute_result()
                else:
                    res = SequentialTwoSidedTTest(a, b, SequentialConfig(
                        alpha=request["alpha"], difference_type=request["effect"],
                        sequential_tuning_parameter=request["tuning"])).compute_result()
                row.update(effect=f(res.expected), ci=[f(res.ci[0]), f(res.ci[1])], se=f(res.uplift.stddev), p_value=f(res.p_value))
            expected_variants.append(row)
        if test != "bayesian":
            adjusted = multipletests([r["p_value"] for r in expected_variants], method="holm")[1]
            for r, adj in zip(expected_variants, adjusted):
                r["adjusted_p_value"] = f(adj)
        expected_arms = []
        for arm in arms:
            stat = gb_statistic(metric, arm)
            half = st.t.ppf(1 - request["alpha"] / 2, arm["n"] - 1) * math.sqrt(stat.variance / arm["n"])
            expected_arms.append({"name": arm["name"], "n": arm["n"], "mean": f(stat.mean), "ci": [f(stat.mean - half), f(stat.mean + half)]})
        srm_p = check_srm([arm["n"] for arm in arms], [1.0] * len(arms))
        cases.append({"request": request, "expected": {"arms": expected_arms, "variants": expected_variants, "srm_p_value": f(srm_p)}})
    return cases


def ab_tests():
    import gbstats
    import importlib.metadata
    import statsmodels

    srm, holm = srm_and_holm()
    write("ab_tests.json", {
        "generator": f"gbstats {importlib.metadata.version('gbstats')}, scipy {scipy.__version__}, statsmodels {statsmodels.__version__}",
        "cases": ab_cases(), "srm": srm, "holm": holm})
    write("engine_cases.json", {
        "generator": f"gbstats {importlib.metadata.version('gbstats')}, scipy {scipy.__version__}, statsmodels {statsmodels.__version__}",
        "cases": engine_cases()})


# ---------------------------------------------------------------- canary latency (issue 8)


def nonparametric():
    """Mann-Whitney U (scipy, asymptotic with tie and continuity correction) and the
    Hodges-Lehmann shift with Moses' interval, from all pairwise differences (numpy)."""
    rng = random.Random(8_0808)
    cases = []
    for index in range(40):
        n_control, n_variant = rng.randint(1, 250), rng.randint(1, 250)
        if index < 4:
            n_control, n_variant = [(1, 5), (3, 2), (20, 20), (250, 1)][index]
        scale = 10 ** rng.uniform(0, 2)
        slowdown = rng.choice([1.0, 1.0, 1.05, 1.25, 1.5, 0.8])
        rounding = rng.choice([None, None, 0, 1])  # integer or 0.1 ms latencies create ties
        control = [rng.lognormvariate(0, 0.5) * scale for _ in range(n_control)]
        variant = [rng.lognormvariate(0, 0.5) * scale * slowdown for _ in range(n_variant)]
        if rounding is not None:
            control = [round(v, rounding) for v in control]
            variant = [round(v, rounding) for v in variant]
        if len(set(control + variant)) == 1:
            continue
        alternative = rng.choice(["two-sided", "greater", "less"])
        confidence = rng.choice([0.9, 0.95, 0.98])
        result = st.mannwhitneyu(variant, control, alternative=alternative, method="asymptotic", use_continuity=True)
        diffs = np.sort(np.subtract.outer(np.array(variant), np.array(control)).ravel())
        pooled = np.array(variant + control)
        _, ties = np.unique(pooled, return_counts=True)
        total = len(pooled)
        sd_u = math.sqrt(n_variant * n_control / 12 * ((total + 1) - float(np.sum(ties ** 3 - ties)) / (total * (total - 1))))
        k = max(1, math.floor(diffs.size / 2 - st.norm.ppf((1 + confidence) / 2) * sd_u))
        k = min(k, diffs.size)
        cases.append({"control": control, "variant": variant, "alternative": alternative.replace("-", "_"),
                      "confidence": confidence, "u": f(result.statistic), "p_value": f(result.pvalue),
                      "shift": f(np.median(diffs)), "shift_ci": [f(diffs[k - 1]), f(diffs[diffs.size - k])]})
    write("nonparametric.json", {"generator": f"scipy {scipy.__version__}, numpy {np.__version__}", "cases": cases})


# ---------------------------------------------------------------- shadow comparison (issue 5)


def drift():
    """Agreement / Cohen's kappa (statsmodels), PSI (scipy.special.rel_entr), Jensen-Shannon
    distance (scipy.spatial), two-sample KS statistic (scipy.stats.ks_2samp)."""
    import statsmodels
    from scipy.spatial.distance import jensenshannon
    from scipy.special import rel_entr
    from statsmodels.stats.inter_rater import cohens_kappa

    rng = random.Random(5_0505)
    labels = []
    for _ in range(30):
        classes = rng.randint(2, 5)
        n = rng.randint(5, 400)
        flip = rng.uniform(0, 0.5)
        live = [rng.randrange(classes) for _ in range(n)]
        shadow = [rng.randrange(classes) if rng.random() < flip else y for y in live]
        cats = sorted(set(live) | set(shadow))
        table = np.zeros((len(cats), len(cats)))
        for a, b in zip(live, shadow):
            table[cats.index(a), cats.index(b)] += 1
        labels.append({"live": live, "shadow": shadow,
                       "agreement": f(np.trace(table) / n), "kappa": f(cohens_kappa(table).kappa)})

    samples = []
    for index in range(30):
        n_ref, n_cand = rng.randint(20, 300), rng.randint(20, 300)
        shift, spread = rng.choice([0.0, 0.0, 0.1, 0.5]), rng.choice([1.0, 1.0, 1.3])
        discrete = index % 5 == 4
        reference = [rng.betavariate(2, 5) for _ in range(n_ref)]
        candidate = [min(1.0, max(0.0, (rng.betavariate(2, 5) - 0.3) * spread + 0.3 + shift / 4)) for _ in range(n_cand)]
        if discrete:  # scores on a coarse grid: tied quantile edges and empty bins
            reference = [round(v, 1) for v in reference]
            candidate = [round(v, 1) for v in candidate]
        edges = np.quantile(np.array(reference), np.arange(1, 10) / 10)
        ref_p = np.bincount(np.searchsorted(edges, reference, side="left"), minlength=10) / n_ref
        cand_p = np.bincount(np.searchsorted(edges, candidate, side="left"), minlength=10) / n_cand
        e, a = np.maximum(ref_p, 1e-4), np.maximum(cand_p, 1e-4)
        samples.append({"reference": reference, "candidate": candidate,
                        "edges": [f(x) for x in edges],
                        "p50_p99": [f(np.quantile(np.array(candidate), 0.5)), f(np.quantile(np.array(candidate), 0.99))],
                        "reference_proportions": [f(x) for x in ref_p], "candidate_proportions": [f(x) for x in cand_p],
                        "psi": f(np.sum(rel_entr(a, e) + rel_entr(e, a))),
                        "js_distance_base2": f(jensenshannon(ref_p, cand_p, base=2)),
                        "js_distance_natural": f(jensenshannon(ref_p, cand_p)),
                        "ks": f(st.ks_2samp(reference, candidate).statistic)})
    write("drift.json", {"generator": f"scipy {scipy.__version__}, numpy {np.__version__}, statsmodels {statsmodels.__version__}",
                         "labels": labels, "samples": samples})


def main():
    # gbstats' sequential e-value overflows to inf (p = 0) for huge effects; that is expected.
    np.seterr(over="ignore")
    special_functions()
    ab_tests()
    nonparametric()
    drift()


if __name__ == "__main__":
    main()
