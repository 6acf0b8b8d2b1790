#!/usr/bin/env python3
"""Reference values for TurnoutFlags' v3 `fractional` hashing (deterministic CBOR + MurmurHash3).

openfeature-flagd-core 2.x is the oracle: its `fractional` operator encodes the bucketing value
with cbor2 (canonical) after flagd's number normalization and hashes the bytes with mmh3. For
generated bucketing values of every JSON kind this records the CBOR bytes, the hash and the
bucket flagd-core picks; for 10 000 targeting keys, the shorthand form's split. It also checks
that flagd-core 2.x agrees with every @fractional-v3 scenario of the committed flagd-testbed
fixture, and fails if not. Writes Tests/TurnoutFlagsTests/Fixtures/fractional_v3.json.
Run through scripts/oracles/flags.sh, which gives it its own venv with pinned versions.
"""

import json
import logging
import os
import random

import cbor2
import mmh3
from openfeature.contrib.tools.flagd.core.flagd_core import FlagdCore
from openfeature.contrib.tools.flagd.core.targeting.custom_ops import fractional, normalize_numbers
from openfeature.evaluation_context import EvaluationContext

logging.disable(logging.CRITICAL)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
FIXTURES = os.path.join(ROOT, "Tests", "TurnoutFlagsTests", "Fixtures")
SEED = 20260620
rng = random.Random(SEED)

WEIGHT_SETS = [
    [["a", 50], ["b", 50]],
    [["a", 1], ["b", 1], ["c", 1]],
    [["a"], ["b", 3]],
    [["first", 1], ["middle", 2147483645], ["last", 1]],
    [["zero", 0], ["all", 10]],
    [["a", 25], ["b", 25], ["c", 50]],
]


def fixed_values():
    """Values at the encoding's boundaries: integer widths, float precisions, map key order."""
    integers = [0, 1, 23, 24, 255, 256, 65535, 65536, 4294967295, 4294967296, 2 ** 53, -1, -24, -25, -256, -257,
                -65536, -65537, -4294967296, -4294967297, -(2 ** 53)]
    floats = [0.5, -0.5, 1.5, 0.1, -0.1, 1e-7, 5.960464477539063e-08, 6.103515625e-05, 65504.5, 65520.0 + 0.5,
              3.4028234663852886e+38, 1e39, 1e300, -1e300, 5e-324, 2.0 ** 64, -(2.0 ** 63) - 4096.0, 2.0 ** 63,
              123.456, 1.0 / 3.0, 1e20, 18446744073709549568.0, -9.223372036854775e18]
    strings = ["", "a", "user-1", "x" * 23, "x" * 24, "y" * 255, "z" * 256, "zoë", "李雷", "🚀 launch", "e\u0301", "é"]
    objects = [{}, {"a": 1, "b": 2}, {"z": 1, "aa": 2}, {"b": [1, {"c": None}], "a": True}, {"é": 1, "e": 2, "f": 3},
               {"k" * 24: 1, "k": 2}, {"": ""}, {"n": 1.5, "m": -0.0, "l": 2 ** 40}]
    return [True, False] + integers + floats + strings + objects


def random_value(depth=0):
    kind = rng.choice(["int", "float", "string", "bool", "object", "array"] if depth < 3 else ["int", "float", "string"])
    if kind == "int":
        return rng.choice([rng.randint(-300, 300), rng.randint(-2 ** 40, 2 ** 40)])
    if kind == "float":
        return rng.choice([rng.uniform(-1000, 1000), rng.randint(-64, 64) / 8, rng.uniform(-1, 1) * 10 ** rng.randint(-40, 40)])
    if kind == "string":
        return "".join(rng.choice("abcxyzé李🚀 -_") for _ in range(rng.randint(0, 30)))
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "array":
        return [random_value(depth + 1) for _ in range(rng.randint(0, 4))]
    return {random_value(3) if False else "".join(rng.choice("abcé") for _ in range(rng.randint(0, 5))): random_value(depth + 1)
            for _ in range(rng.randint(0, 4))}


def case(value):
    normalized = normalize_numbers(value)
    encoded = cbor2.dumps(normalized, canonical=True)
    data = {"$flagd": {"flagKey": "flag"}, "targetingKey": "tk"}
    choices = [fractional(data, value, *weights) for weights in WEIGHT_SETS]
    return {"value": value, "cbor": encoded.hex(), "hash": mmh3.hash(encoded, signed=False), "choices": choices}


def check_testbed():
    """flagd-core 2.x evaluates every @fractional-v3 testbed scenario as the testbed expects."""
    directory = os.path.join(FIXTURES, "flagd-testbed")
    with open(os.path.join(directory, "scenarios.json")) as handle:
        cases = [entry for entry in json.load(handle)["cases"] if entry.get("fractional") == "v3" and "skip" not in entry]
    cores = {}
    for entry in cases:
        if entry["flagSet"] not in cores:
            cores[entry["flagSet"]] = FlagdCore()
            with open(os.path.join(directory, entry["flagSet"])) as handle:
                cores[entry["flagSet"]].set_flags(handle.read())
        context = EvaluationContext(entry["context"].get("targetingKey"), entry["context"]["attributes"])
        result = cores[entry["flagSet"]].resolve_string_value(entry["flagKey"], entry["default"], context)
        expected = entry["expect"]
        if result.value != expected.get("value", result.value) or expected.get("reason", result.reason) != result.reason:
            raise SystemExit("flagd-core 2.x disagrees with flagd-testbed: %s / %s" % (entry["scenario"], entry["example"]))
    return len(cases)


def main():
    values = fixed_values() + [random_value() for _ in range(300)]
    distribution_weights = [["a", 25], ["b", 25], ["c", 50]]
    counts = {"a": 0, "b": 0, "c": 0}
    for index in range(10000):
        data = {"$flagd": {"flagKey": "rollout"}, "targetingKey": "user-%d" % index}
        counts[fractional(data, *distribution_weights)] += 1
    output = {
        "generator": "scripts/oracles/flags_fractional_v3.py",
        "flagdCore": "openfeature-flagd-core 2.0.0 (cbor2 canonical, mmh3)",
        "weightSets": WEIGHT_SETS,
        "cases": [case(value) for value in values],
        "distribution": {"flagKey": "rollout", "keys": "user-0 ... user-9999", "weights": distribution_weights, "counts": counts},
        "testbedScenariosAgreed": check_testbed(),
    }
    with open(os.path.join(FIXTURES, "fractional_v3.json"), "w") as handle:
        json.dump(output, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.write("\n")


if __name__ == "__main__":
    main()
