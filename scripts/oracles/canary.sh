#!/usr/bin/env bash
# Regenerates Tests/TurnoutStatsTests/Fixtures/canary.json, the reference values of the canary
# analysis checks (error rate, latency, reward), from pinned numpy and scipy.
#
# It shares the virtual environment of stats.sh (default /tmp/turnout-stats-oracle; override with
# STATS_ORACLE_VENV), whose numpy and scipy pins are the same, so CI installs nothing twice.
# Deterministic: a second run rewrites an identical file.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${STATS_ORACLE_VENV:-/tmp/turnout-stats-oracle}"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    scipy==1.17.1 \
    numpy==1.26.4

"$venv/bin/python" "$root/scripts/oracles/canary.py"
