#!/usr/bin/env bash
# Regenerates the TurnoutModels fixtures with XGBoost itself: the example models and data set
# (examples/models, examples/data) and the per-objective parity fixtures with golden
# predictions (Tests/TurnoutModelsTests/Fixtures). Deterministic: a rerun reproduces the
# committed files, so `git diff --exit-code` after it shows whether anything drifted.
set -euo pipefail
cd "$(dirname "$0")/../.."

# xgboost-cpu is the CPU-only wheel of the same `xgboost` module (no NCCL/CUDA download).
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
    "xgboost-cpu==3.2.0" "scikit-learn==1.9.1" "numpy==2.4.6" "scipy==1.17.1"

python3 scripts/train_examples.py
