#!/usr/bin/env bash
# Installs the pinned reference packages for TurnoutFlags and regenerates its fixtures in place:
#   Tests/TurnoutFlagsTests/Fixtures/flagd_differential.json  (flagd provider, in-process FILE resolver)
#   Tests/TurnoutFlagsTests/Fixtures/murmur3_fractional.json  (mmh3 + flagd's fractional operator, v2)
#   Tests/TurnoutFlagsTests/Fixtures/fractional_v3.json       (openfeature-flagd-core 2.x, v3 CBOR hashing)
# openfeature-provider-flagd 0.5.2 / openfeature-flagd-core 1.0.0 hash the UTF-8 bucketing key,
# as flagd does (v2). flagd-core 2.x hashes a CBOR encoding (v3); it cannot share an environment
# with 1.x, so it gets its own venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON="${PYTHON:-python3}"
"$PYTHON" -m pip install --quiet --disable-pip-version-check \
    "openfeature-provider-flagd==0.5.2" \
    "openfeature-flagd-core==1.0.0" \
    "openfeature-sdk==0.10.0" \
    "panzi-json-logic==1.0.1" \
    "semver==3.1.2" \
    "mmh3==5.3.1"
"$PYTHON" scripts/oracles/flags_differential.py
"$PYTHON" scripts/oracles/flags_murmur.py

V3_VENV="${TURNOUT_FLAGD_CORE2_VENV:-${TMPDIR:-/tmp}/turnout-flagd-core-2}"
[ -x "$V3_VENV/bin/python" ] || "$PYTHON" -m venv "$V3_VENV"
"$V3_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "openfeature-flagd-core==2.0.0" \
    "openfeature-flagd-api==1.0.0" \
    "openfeature-sdk==0.10.0" \
    "panzi-json-logic==1.0.1" \
    "semver==3.2.0" \
    "cbor2==5.9.0" \
    "mmh3==5.3.1"
"$V3_VENV/bin/python" scripts/oracles/flags_fractional_v3.py
