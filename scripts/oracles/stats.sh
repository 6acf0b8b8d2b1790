#!/usr/bin/env bash
# Regenerates the TurnoutStats reference fixtures (Tests/TurnoutStatsTests/Fixtures/*.json)
# from pinned scipy / gbstats / statsmodels / mpmath.
#
# gbstats 0.8.0 requires numpy < 2 and pandas < 2, so the oracle gets its own virtual environment
# (default /tmp/turnout-stats-oracle; override with STATS_ORACLE_VENV) instead of changing the
# system Python's packages. The script is deterministic: a second run rewrites identical files.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${STATS_ORACLE_VENV:-/tmp/turnout-stats-oracle}"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    gbstats==0.8.0 \
    scipy==1.17.1 \
    numpy==1.26.4 \
    pandas==1.5.3 \
    pydantic==2.14.4 \
    statsmodels==0.14.6 \
    patsy==1.0.3 \
    mpmath==1.4.1

"$venv/bin/python" "$root/scripts/oracles/stats_fixtures.py"
