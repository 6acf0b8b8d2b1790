#!/usr/bin/env python3
"""Differential oracle for TurnoutFlags.

Generates seeded flagd flag sets and evaluation contexts, evaluates every (flag, context,
type) case with the OpenFeature flagd provider's in-process resolver (FILE mode, reading
a temporary flag file, no flagd server), and writes what it answered to
Tests/TurnoutFlagsTests/Fixtures/flagd_differential.json.

The generator stays inside the behaviour flagd's providers agree on; places where the
Python JsonLogic library (panzi-json-logic) departs from json-logic-js (e.g. `===` between
true and 1, `+` on null, `%` on negatives, `cat` of inexact floats) are not generated.

Run through scripts/oracles/flags.sh, which pins the package versions.
"""

import json
import logging
import os
import random
import sys
import tempfile

from openfeature import api
from openfeature.contrib.provider.flagd import FlagdProvider
from openfeature.contrib.provider.flagd.config import ResolverType
from openfeature.evaluation_context import EvaluationContext

SEED = 20260601
SET_COUNT = 36
CONTEXTS_PER_SET = 7
OUTPUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "..", "Tests", "TurnoutFlagsTests", "Fixtures", "flagd_differential.json",
)

rng = random.Random(SEED)
# The provider logs every rule that yields null (bad sem_ver input, no targeting key); those are expected here.
logging.disable(logging.CRITICAL)

COUNTRIES = ["NL", "DE", "FR", "US", "JP", "BR"]
TIERS = ["gold", "silver", "bronze"]
EMAIL_DOMAINS = ["example.com", "acme.io", "corp.example.org", "mail.test"]
NAMES = ["alice", "bob", "carol", "dave", "eve", "mallory", "zoë", "jürgen", "李雷"]
VERSIONS = [
    "1.0.0", "1.2.3", "1.2.10", "2.0.0", "2.1.0-rc.1", "2.1.0", "v1.4.0", "V3.0.1", "1.2",
    "3", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.11", "1.0.0-rc.1",
    "1.0.0+build.7", "01.2.3", "not-a-version", "1.2.3.4", "",
]
ROLES = ["admin", "dev", "viewer", "ops"]
SAFE_NUMERIC_STRINGS = ["12", "30", "7.5", "abc"]


def pick(values):
    return rng.choice(values)


def string_variants(count=None):
    count = count or rng.randint(2, 4)
    names = rng.sample(["red", "green", "blue", "amber", "violet", "teal"], count)
    return {name: "#" + "".join(rng.choice("0123456789abcdef") for _ in range(6)) for name in names}


def variants_of_type(kind):
    if kind == "boolean":
        return {"on": True, "off": False}
    if kind == "string":
        return string_variants()
    if kind == "number":
        names = rng.sample(["small", "medium", "large", "huge"], rng.randint(2, 4))
        integral_only = rng.random() < 0.5
        return {
            name: rng.randint(-5, 500) if integral_only or rng.random() < 0.5 else round(rng.uniform(0, 10), 2) + 0.01
            for name in names
        }
    names = rng.sample(["v1", "v2", "v3"], rng.randint(2, 3))
    return {
        name: {"model": name, "weight": rng.randint(1, 9), "tags": [pick(ROLES)], "nested": {"on": rng.random() < 0.5}}
        for name in names
    }


def condition():
    """A JsonLogic condition over the generated context attributes."""
    kind = rng.randint(0, 16)
    if kind == 0:
        return {"in": [{"var": "country"}, rng.sample(COUNTRIES, rng.randint(1, 3))]}
    if kind == 1:
        return {"in": [pick(["@example", "acme", ".org", "zz"]), {"var": "email"}]}
    if kind == 2:
        return {pick(["starts_with", "ends_with"]): [{"var": "email"}, pick(["ali", "bob", "@acme.io", ".com", "z", "zoë"])]}
    if kind == 3:
        return {"sem_ver": [{"var": "version"}, pick(["=", "!=", "<", "<=", ">", ">=", "^", "~"]), pick(["1.2.3", "2.0.0", "1.0.0-beta.2", "v1.2", "2"])]}
    if kind == 4:
        op = pick(["<", "<=", ">", ">="])
        return {op: [{"var": "age"}, rng.randint(10, 60)]}
    if kind == 5:
        op = pick(["<", "<="])
        low = rng.randint(10, 40)
        return {op: [low, {"var": "age"}, low + rng.randint(0, 30)]}
    if kind == 6:
        return {pick(["==", "!="]): [{"var": "tier"}, pick(TIERS)]}
    if kind == 7:
        return {pick(["==", "!=", "===", "!=="]): [{"var": "age"}, pick([30, "30", 12, "abc"])]}
    if kind == 8:
        return {pick(["and", "or"]): [condition(), condition()]}
    if kind == 9:
        return {"!": [condition()]}
    if kind == 10:
        return {"!!": [{"var": pick(["tier", "email", "roles", "age"])}]}
    if kind == 11:
        return {">": [{"var": "$flagd.timestamp"}, pick([1000000000, 4000000000])]}
    if kind == 12:
        return {pick(["some", "all", "none"]): [{"var": "roles"}, {"==": [{"var": ""}, pick(ROLES)]}]}
    if kind == 13:
        return {">": [{pick(["+", "*", "-"]): [{"var": "score"}, rng.randint(1, 5)]}, rng.randint(1, 20)]}
    if kind == 14:
        return {"missing": pick([["email"], ["email", "age"], ["tier", "country"]])}
    if kind == 15:
        return {"==": [{"substr": [{"var": "email"}, pick([0, 1, -8]), pick([3, 5, -4])]}, pick(["ali", "bob", "ple.com", "lic"])]}
    return {"==": [{"var": "$flagd.flagKey"}, pick(["flag-0", "flag-1", "flag-2"])]}


def fractional_rule(names):
    weights = [[name, rng.randint(0, 60)] if rng.random() < 0.8 else [name] for name in names]
    if all(len(entry) == 2 and entry[1] == 0 for entry in weights):
        weights[0][1] = 1
    form = rng.randint(0, 3)
    if form == 0:
        return {"fractional": weights}
    if form == 1:
        return {"fractional": [{"cat": [{"var": "$flagd.flagKey"}, {"var": "email"}]}] + weights}
    if form == 2:
        return {"fractional": [{"var": "email"}] + weights}
    return {"fractional": [pick(["fixed-key", "", "ß-key"])] + weights}


def targeting_for(names, evaluators):
    """A targeting rule choosing among variant names (sometimes returning null or a stray name)."""
    kind = rng.randint(0, 9)
    outcome = lambda: rng.choice(names + [None] * 1 + (["no-such-variant"] if rng.random() < 0.1 else []))
    if kind <= 2:
        return fractional_rule(names)
    if kind == 3 and evaluators:
        return {"if": [{"$ref": pick(sorted(evaluators))}, outcome(), outcome()]}
    if kind == 4:
        return {"if": [condition(), fractional_rule(names), outcome()]}
    if kind == 5:
        return {"if": [condition(), outcome(), condition(), outcome(), outcome()]}
    if kind == 6:
        return {"if": [condition(), outcome()]}
    if kind == 7:
        return {"cat": [pick(["", "tier-"]), {"var": "tier"}]}
    if kind == 8:
        return {"?:": [condition(), outcome(), outcome()]}
    return {"if": [{"and": [condition(), condition(), condition()]}, outcome(), outcome()]}


def make_flag(index, evaluators):
    kind = pick(["boolean", "string", "string", "number", "object"])
    variants = variants_of_type(kind)
    names = sorted(variants)
    flag = {"state": "ENABLED", "variants": variants}
    shape = rng.randint(0, 9)
    if shape == 0:
        flag["state"] = "DISABLED"
    default_choice = rng.random()
    if default_choice < 0.15:
        flag["defaultVariant"] = None
    elif default_choice < 0.2:
        pass  # no defaultVariant at all
    elif default_choice < 0.23:
        flag["defaultVariant"] = ""
    else:
        flag["defaultVariant"] = pick(names)
    if shape != 1:
        if kind == "string" and rng.random() < 0.25:
            # Targeting that spells variant names itself (e.g. tier-gold).
            flag["variants"] = {"tier-" + tier: "#" + tier for tier in TIERS}
            flag["variants"].update({tier: tier.upper() for tier in TIERS})
            names = sorted(flag["variants"])
            if flag.get("defaultVariant"):
                flag["defaultVariant"] = pick(names)
        if kind == "boolean" and rng.random() < 0.3:
            flag["variants"] = {"true": True, "false": False}
            names = ["false", "true"]
            if flag.get("defaultVariant"):
                flag["defaultVariant"] = pick(names)
            flag["targeting"] = {"if": [condition(), True, False]} if rng.random() < 0.5 else condition()
        else:
            flag["targeting"] = targeting_for(names, evaluators)
    if rng.random() < 0.3:
        flag["metadata"] = {"team": pick(["ml", "web"]), "revision": rng.randint(1, 9), "critical": rng.random() < 0.5}
    return "flag-%d" % index, flag, kind


def make_set():
    evaluators = {}
    for name in rng.sample(["isBeta", "isAdult", "inEurope", "isStaff"], rng.randint(0, 3)):
        rule = condition()
        # The provider substitutes $ref with re.sub, which chokes on the backslash escapes
        # json.dumps writes for non-ASCII text ("bad escape \u"), so shared rules stay ASCII.
        while "\\" in json.dumps(rule):
            rule = condition()
        evaluators[name] = rule
    flags = {}
    kinds = {}
    for index in range(rng.randint(5, 9)):
        key, flag, kind = make_flag(index, evaluators)
        flags[key] = flag
        kinds[key] = kind
    document = {"$schema": "https://flagd.dev/schema/v0/flags.json", "flags": flags}
    if evaluators:
        document["$evaluators"] = evaluators
    if rng.random() < 0.5:
        document["metadata"] = {"owner": pick(["platform", "ml-team"]), "version": rng.randint(1, 5)}
    return document, kinds


def make_context():
    context = {}
    if rng.random() < 0.85:
        context["targetingKey"] = rng.choice([
            "user-%d" % rng.randint(0, 10**6),
            "%08x-%04x" % (rng.getrandbits(32), rng.getrandbits(16)),
            pick(NAMES) + "-" + str(rng.randint(0, 99)),
            "",
        ])
    if rng.random() < 0.8:
        context["email"] = "%s%d@%s" % (pick(NAMES), rng.randint(0, 99), pick(EMAIL_DOMAINS))
    if rng.random() < 0.8:
        context["age"] = rng.choice([rng.randint(5, 80), rng.randint(5, 80), pick(SAFE_NUMERIC_STRINGS)])
    for attribute, pool in (("country", COUNTRIES), ("tier", TIERS), ("version", VERSIONS)):
        if rng.random() < 0.75:
            context[attribute] = pick(pool)
    if rng.random() < 0.7:
        context["roles"] = rng.sample(ROLES, rng.randint(0, 3))
    if rng.random() < 0.7:
        context["score"] = rng.choice([rng.randint(0, 20), round(rng.uniform(0, 20), 1)])
    return context


MISMATCHED = {
    "boolean": ["string", "object"],
    "string": ["boolean", "float", "object"],
    "number": ["boolean", "string", "object"],
    "object": ["boolean", "string", "float"],
}
DEFAULTS = {"boolean": False, "string": "", "float": 0.0, "integer": 0, "object": {}}


def evaluation_type(kind, variants):
    if rng.random() < 0.12:
        return pick(MISMATCHED[kind])
    if kind == "number":
        all_integral = all(isinstance(value, int) for value in variants.values())
        return "integer" if all_integral and rng.random() < 0.5 else "float"
    return kind


def reason_text(reason):
    return getattr(reason, "value", reason)


def resolve(client, key, flag_type, context):
    ctx = EvaluationContext(
        targeting_key=context.get("targetingKey"),
        attributes={name: value for name, value in context.items() if name != "targetingKey"},
    )
    method = getattr(client, "get_%s_details" % flag_type)
    details = method(key, DEFAULTS[flag_type], ctx)
    error_code = details.error_code
    return {
        "value": details.value if details.variant is not None else None,
        "variant": details.variant,
        "reason": reason_text(details.reason),
        "errorCode": getattr(error_code, "value", error_code),
        "metadata": dict(details.flag_metadata or {}),
    }


def main():
    sets = []
    case_count = 0
    with tempfile.TemporaryDirectory() as directory:
        for set_index in range(SET_COUNT):
            document, kinds = make_set()
            contexts = [make_context() for _ in range(CONTEXTS_PER_SET)]
            path = os.path.join(directory, "flags-%d.json" % set_index)
            with open(path, "w") as handle:
                json.dump(document, handle)
            provider = FlagdProvider(resolver_type=ResolverType.FILE, offline_flag_source_path=path, deadline_ms=60000)
            api.set_provider_and_wait(provider)
            client = api.get_client()
            cases = []
            for context_index, context in enumerate(contexts):
                for key in sorted(kinds):
                    flag_type = evaluation_type(kinds[key], document["flags"][key]["variants"])
                    cases.append({"flag": key, "context": context_index, "type": flag_type,
                                  "expected": resolve(client, key, flag_type, context)})
                if context_index >= 2:
                    continue
                missing_key = "missing-flag-%d" % context_index
                cases.append({"flag": missing_key, "context": context_index, "type": "string",
                              "expected": resolve(client, missing_key, "string", context)})
            provider.shutdown()
            case_count += len(cases)
            sets.append({"document": document, "contexts": contexts, "cases": cases})
    api.clear_providers()
    output = {
        "generator": "scripts/oracles/flags_differential.py",
        "oracle": "openfeature-provider-flagd 0.5.2 in-process FILE resolver (openfeature-flagd-core 1.0.0)",
        "seed": SEED,
        "sets": sets,
    }
    with open(OUTPUT, "w") as handle:
        json.dump(output, handle, indent=None, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")
    print("wrote %d cases in %d flag sets to %s" % (case_count, len(sets), os.path.normpath(OUTPUT)), file=sys.stderr)


if __name__ == "__main__":
    main()
