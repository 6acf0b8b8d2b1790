#!/usr/bin/env python3
"""Turns flagd-testbed's gherkin scenarios into a JSON fixture for TurnoutFlags' tests.

Usage: python3 scripts/flagd_testbed.py TESTBED_GIT_DIR [TAG]

TESTBED_GIT_DIR is a clone of https://github.com/open-feature/flagd-testbed (a bare or normal
git directory); TAG defaults to the release pinned below. Everything is read with `git show
TAG:path`, so the clone's work tree does not matter. Writes, under
Tests/TurnoutFlagsTests/Fixtures/flagd-testbed/:

  testkit-flags.json                    evaluator/flags/testkit-flags.json, byte for byte
  allFlags.json                         flags/*.json except selector-*, deep-merged as the
                                        testbed's launchpad does for its "stable" provider
  selector-flags.json, selector-flag-combined-metadata.json   byte for byte
  scenarios.json                        one case per scenario (outline row), run or skipped

The evaluator suite (evaluator/gherkin) is what an in-process evaluator is tested with; the
provider suite (gherkin/) adds scenarios for flagd providers, of which those tagged
@in-process that only evaluate flags apply here. A scenario is skipped, with the reason in the
fixture, when it needs something an evaluator does not have (a connection, events, caching,
provider options) or is tagged for fractional bucketing v1 (float-based, gone from flagd).
Standard library only; run it by hand when moving to a new testbed release.
"""

import json
import os
import re
import subprocess
import sys

TAG = "v3.9.0"
REPOSITORY = "https://github.com/open-feature/flagd-testbed"
OUTPUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "Tests", "TurnoutFlagsTests", "Fixtures", "flagd-testbed",
)
RAW_FLAG_FILES = {
    "testkit-flags.json": "evaluator/flags/testkit-flags.json",
    "selector-flags.json": "flags/selector-flags.json",
    "selector-flag-combined-metadata.json": "flags/selector-flag-combined-metadata.json",
}
# The flag file each provider configuration of the launchpad serves (launchpad/configs/*.json).
PROVIDER_FLAG_SETS = {"stable": "allFlags.json", "metadata": "selector-flag-combined-metadata.json"}
SELECTORS = {
    "flags/allFlags.json": "allFlags.json",
    "rawflags/selector-flags.json": "selector-flags.json",
    "rawflags/selector-flag-combined-metadata.json": "selector-flag-combined-metadata.json",
}
STEP_KEYWORDS = ("Given ", "When ", "Then ", "And ", "But ", "* ")


def git(git_dir, *arguments):
    return subprocess.run(["git", "--git-dir", git_dir, *arguments], check=True, capture_output=True).stdout


def show(git_dir, tag, path):
    return git(git_dir, "show", "%s:%s" % (tag, path))


def list_files(git_dir, tag, directory):
    names = git(git_dir, "ls-tree", "--name-only", "%s:%s" % (tag, directory)).decode().split()
    return ["%s/%s" % (directory, name) for name in sorted(names)]


def deep_merge(target, source):
    """launchpad/pkg/json.go deepMerge: objects merge key by key, anything else replaces."""
    for key, value in source.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            target[key] = deep_merge(target[key], value)
        else:
            target[key] = value
    return target


# --- a small gherkin reader: features, backgrounds, scenarios, outlines, examples, tables ---

def table_cells(line):
    """Cells of a gherkin table row, with gherkin's escapes (\\|, \\\\, \\n) undone."""
    cells, current, index, body = [], "", 0, line.strip()[1:]
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            following = body[index + 1]
            current += {"|": "|", "\\": "\\", "n": "\n"}.get(following, "\\" + following)
            index += 2
            continue
        if char == "|":
            cells.append(current.strip())
            current = ""
        else:
            current += char
        index += 1
    return cells


def parse_feature(text):
    feature = {"tags": [], "name": "", "background": [], "scenarios": []}
    pending_tags, current, step_list, in_docstring, table_owner = [], None, None, False, None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith('"""') or line.startswith("```"):
            in_docstring = not in_docstring
            continue
        if in_docstring or not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            pending_tags += [tag for tag in line.split() if tag.startswith("@")]
            continue
        if line.startswith("Feature:"):
            feature["tags"], feature["name"], pending_tags = pending_tags, line[8:].strip(), []
        elif line.startswith("Background:"):
            step_list, table_owner = feature["background"], None
        elif line.startswith(("Scenario:", "Scenario Outline:", "Scenario Template:")):
            current = {"name": line.split(":", 1)[1].strip(), "tags": pending_tags, "steps": [], "examples": []}
            feature["scenarios"].append(current)
            step_list, pending_tags, table_owner = current["steps"], [], None
        elif line.startswith(("Examples:", "Scenarios:")):
            examples = {"name": line.split(":", 1)[1].strip(), "tags": pending_tags, "rows": []}
            current["examples"].append(examples)
            pending_tags, table_owner = [], examples["rows"]
        elif line.startswith(STEP_KEYWORDS):
            keyword, rest = line.split(" ", 1)
            step = {"text": rest.strip(), "table": []}
            step_list.append(step)
            table_owner = step["table"]
        elif line.startswith("|") and table_owner is not None:
            table_owner.append(table_cells(line))
    return feature


def expand(feature):
    """Every runnable instance: (scenario name, tags, steps, example name) with outline values filled in."""
    for scenario in feature["scenarios"]:
        steps = feature["background"] + scenario["steps"]
        tags = feature["tags"] + scenario["tags"]
        if not scenario["examples"]:
            yield scenario["name"], tags, steps, None
            continue
        for examples in scenario["examples"]:
            header, rows = examples["rows"][0], examples["rows"][1:]
            for number, row in enumerate(rows, 1):
                values = dict(zip(header, row))
                filled = [
                    {"text": re.sub(r"<([^>]+)>", lambda m: values.get(m.group(1), m.group(0)), step["text"]),
                     "table": step["table"]}
                    for step in steps
                ]
                label = "%s #%d" % (examples["name"] or "Examples", number)
                yield scenario["name"], tags + examples["tags"], filled, label


# --- step meanings ---

def typed(kind, text):
    """A gherkin cell as the JSON value the testbed's step definitions make of it."""
    if kind == "Boolean":
        return text.lower() == "true"
    if kind == "Integer":
        return int(text)
    if kind == "Float":
        return float(text)
    if kind == "Object":
        # Cells write quotes as \" (gherkin keeps the backslash; step definitions drop it).
        return json.loads(text.replace('\\"', '"'))
    return text


CONFIGURATION = "provider configuration (options, environment variables), no flag evaluated"
EVENTS = "provider events and connection changes"
EVENT_STEPS = r"event|connection|flag was modified|fatal state|we should have an error"


class Unsupported(Exception):
    pass


def interpret(steps, provider_suite):
    case = {"context": {"attributes": {}}, "expect": {}}
    flag_set = "testkit-flags.json" if not provider_suite else PROVIDER_FLAG_SETS["stable"]
    selector = None
    if any(re.search(EVENT_STEPS, step["text"]) for step in steps):
        raise Unsupported(EVENTS)
    for step in steps:
        text = step["text"]
        if text == "an evaluator":
            continue
        match = re.fullmatch(r'an option "([^"]*)" of type "([^"]*)" with value "([^"]*)"', text)
        if match:
            name, _, value = match.groups()
            if name == "cache" and value == "disabled":
                continue
            if name == "selector" and value in SELECTORS:
                selector = SELECTORS[value]
                continue
            raise Unsupported(CONFIGURATION)
        match = re.fullmatch(r"a (\w+) flagd provider", text)
        if match:
            if match.group(1) not in PROVIDER_FLAG_SETS:
                raise Unsupported("a connection to a flagd server (the %s provider)" % match.group(1))
            flag_set = PROVIDER_FLAG_SETS[match.group(1)]
            continue
        match = re.fullmatch(r'a (\w+)-flag with key "([^"]*)" and a (?:fallback|default) value "(.*)"', text)
        if match:
            kind, key, default = match.groups()
            case.update({"flagKey": key, "type": kind, "default": typed(kind, default)})
            continue
        match = re.fullmatch(r'a context containing a key "([^"]*)", with type "([^"]*)" and with value "(.*)"', text)
        if match:
            key, kind, value = match.groups()
            case["context"]["attributes"][key] = typed(kind, value)
            continue
        match = re.fullmatch(
            r'a context containing a nested property with outer key "([^"]*)" and inner key "([^"]*)", with value "([^"]*)"', text)
        if match:
            outer, inner, value = match.groups()
            case["context"]["attributes"].setdefault(outer, {})[inner] = value
            continue
        match = re.fullmatch(r'a context containing a targeting key with value "([^"]*)"', text)
        if match:
            case["context"]["targetingKey"] = match.group(1)
            continue
        if text == "the flag was evaluated with details":
            continue
        match = re.fullmatch(r'the resolved details value should be "(.*)"', text)
        if match:
            case["expect"]["value"] = typed(case["type"], match.group(1))
            continue
        match = re.fullmatch(r'the (reason|error-code|variant) should be "([^"]*)"', text)
        if match:
            field = {"reason": "reason", "error-code": "errorCode", "variant": "variant"}[match.group(1)]
            case["expect"][field] = match.group(2) or None
            continue
        if text == "the resolved metadata should contain":
            header, rows = step["table"][0], step["table"][1:]
            entries = [dict(zip(header, row)) for row in rows]
            case["expect"]["metadata"] = {entry["key"]: typed(entry["metadata_type"], entry["value"]) for entry in entries}
            continue
        if text == "the resolved metadata is empty":
            case["expect"]["metadata"] = {}
            continue
        if re.search(r"option|environment variable|config", text):
            raise Unsupported(CONFIGURATION)
        raise Unsupported('step "%s"' % re.sub(r'"[^"]*"', '"…"', text))
    case["flagSet"] = selector or flag_set
    return case


def skip_reason(tags, provider_suite):
    if provider_suite and "@in-process" not in tags:
        return "not for in-process providers (tagged %s)" % " ".join(tag for tag in ("@rpc", "@file") if tag in tags)
    if "@deprecated" in tags:
        return "@deprecated by the testbed (its replacement runs)"
    if "@contextEnrichment" in tags:
        return "needs context enrichment, attributes a flagd server adds through its sync stream"
    if "@fractional-v1" in tags:
        return "@fractional-v1: float-based bucketing that flagd no longer uses"
    return None


def fractional_hashing(tags):
    return "v3" if "@fractional-v3" in tags else "v2"


def convert(git_dir, tag):
    commit = git(git_dir, "rev-parse", "%s^{commit}" % tag).decode().strip()
    os.makedirs(OUTPUT, exist_ok=True)
    for name, path in RAW_FLAG_FILES.items():
        with open(os.path.join(OUTPUT, name), "wb") as handle:
            handle.write(show(git_dir, tag, path))
    merged = {}
    for path in list_files(git_dir, tag, "flags"):
        if path.endswith(".json") and not os.path.basename(path).startswith("selector-"):
            merged = deep_merge(merged, json.loads(show(git_dir, tag, path)))
    with open(os.path.join(OUTPUT, "allFlags.json"), "w") as handle:
        json.dump(merged, handle, indent=2, sort_keys=True, ensure_ascii=False)
        handle.write("\n")

    cases = []
    for suite, directory in (("evaluator", "evaluator/gherkin"), ("provider", "gherkin")):
        for path in list_files(git_dir, tag, directory):
            if not path.endswith(".feature"):
                continue
            feature = parse_feature(show(git_dir, tag, path).decode("utf-8"))
            for scenario, tags, steps, example in expand(feature):
                entry = {"suite": suite, "file": path, "scenario": scenario, "example": example,
                         "tags": sorted(set(tags))}
                reason = skip_reason(tags, suite == "provider")
                if reason is None:
                    try:
                        entry.update(interpret(steps, suite == "provider"))
                        entry["fractional"] = fractional_hashing(tags)
                    except Unsupported as unsupported:
                        reason = "needs %s" % unsupported
                if reason is not None:
                    entry["skip"] = reason
                cases.append(entry)
    fixture = {
        "generator": "scripts/flagd_testbed.py",
        "source": {"repository": REPOSITORY, "tag": tag, "commit": commit, "licence": "Apache-2.0"},
        "cases": cases,
    }
    with open(os.path.join(OUTPUT, "scenarios.json"), "w") as handle:
        json.dump(fixture, handle, indent=1, ensure_ascii=False)
        handle.write("\n")
    skipped = [case for case in cases if "skip" in case]
    print("%d cases, %d to run, %d skipped" % (len(cases), len(cases) - len(skipped), len(skipped)))
    reasons = {}
    for case in skipped:
        reasons[case["skip"]] = reasons.get(case["skip"], 0) + 1
    for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
        print("  %3d  %s" % (count, reason))


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    convert(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else TAG)
