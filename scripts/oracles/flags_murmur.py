#!/usr/bin/env python3
"""Reference values for TurnoutFlags' MurmurHash3 and fractional bucketing.

Hashes come from the `mmh3` package (C implementation of MurmurHash3_x86_32); bucket
choices and a 10 000-key distribution come from the flagd provider's own `fractional`
operator (openfeature-flagd-core). Writes Tests/TurnoutFlagsTests/Fixtures/murmur3_fractional.json.
Run through scripts/oracles/flags.sh, which pins the package versions.
"""

import json
import logging
import os

import mmh3
from openfeature.contrib.tools.flagd.core.targeting.custom_ops import fractional

logging.disable(logging.CRITICAL)

OUTPUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "..", "Tests", "TurnoutFlagsTests", "Fixtures", "murmur3_fractional.json",
)

STRINGS = [
    "", "a", "ab", "abc", "abcd", "abcde", "hello", "Hello, world!",
    "The quick brown fox jumps over the lazy dog",
    "headerColoruser@faas.com", "my-flaguser-1", "zoë", "jürgen-42", "李雷", "🚀 launch", "\u0000\u0001\u00ff",
]
SEEDS = [0, 1, 0x9747B28C, 0xFFFFFFFF]
SEARCH_SPACE = 1 << 20  # keys searched for hashes near 0 and near 2^32
TOTAL_WEIGHTS = [1, 2, 3, 7, 100, 1000, 65536, 2147483647]


def unsigned_hash(text, seed=0):
    return mmh3.hash(text.encode("utf-8"), seed=seed, signed=False)


def edge_keys():
    lowest = min(range(SEARCH_SPACE), key=lambda i: unsigned_hash("edge-%d" % i))
    highest = max(range(SEARCH_SPACE), key=lambda i: unsigned_hash("edge-%d" % i))
    return ["edge-%d" % lowest, "edge-%d" % highest]


def main():
    vectors = [{"text": text, "seed": seed, "hash": unsigned_hash(text, seed)} for text in STRINGS for seed in SEEDS]
    edges = [""] + edge_keys()
    edge_hashes = [{"text": text, "hash": unsigned_hash(text)} for text in edges]
    hash_points = sorted({0, 1, 1 << 31, (1 << 32) - 1} | {entry["hash"] for entry in edge_hashes})
    buckets = [
        {"hash": point, "totalWeight": total, "bucket": (point * total) >> 32}
        for point in hash_points for total in TOTAL_WEIGHTS
    ]
    weight_sets = [
        [["a", 50], ["b", 50]],
        [["a", 1], ["b", 1], ["c", 1]],
        [["a"], ["b", 3]],
        [["first", 1], ["middle", 2147483645], ["last", 1]],
        [["zero", 0], ["all", 10]],
        [["a", 25], ["b", 25], ["c", 50]],
    ]
    choices = []
    for key in edges[1:] + ["user-1", "user-2", "zoë", "李雷"]:
        for weights in weight_sets:
            data = {"$flagd": {"flagKey": "flag"}, "targetingKey": "tk"}
            choices.append({"key": key, "weights": weights, "variant": fractional(data, key, *weights)})
    distribution_weights = [["a", 25], ["b", 25], ["c", 50]]
    counts = {"a": 0, "b": 0, "c": 0}
    for index in range(10000):
        data = {"$flagd": {"flagKey": "rollout"}, "targetingKey": "user-%d" % index}
        counts[fractional(data, *distribution_weights)] += 1
    output = {
        "generator": "scripts/oracles/flags_murmur.py",
        "vectors": vectors,
        "edges": edge_hashes,
        "buckets": buckets,
        "choices": choices,
        "distribution": {"flagKey": "rollout", "keys": "user-0 ... user-9999", "weights": distribution_weights, "counts": counts},
    }
    with open(OUTPUT, "w") as handle:
        json.dump(output, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.write("\n")


if __name__ == "__main__":
    main()
