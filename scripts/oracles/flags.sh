#!/usr/bin/env bash
# Installs the pinned reference packages for TurnoutFlags and regenerates its fixtures in place:
#   Tests/TurnoutFlagsTests/Fixtures/flagd_differential.json  (flagd provider, in-process FILE resolver)
#   Tests/TurnoutFlagsTests/Fixtures/murmur3_fractional.json  (mmh3 + flagd's fractional operator)
# openfeature-provider-flagd 0.5.2 / openfeature-flagd-core 1.0.0 hash the UTF-8 bucketing key,
# as flagd does; flagd-core 2.x (provider 0.6.x) hashes a CBOR encoding instead and is not used.
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
