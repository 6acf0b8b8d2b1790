#!/usr/bin/env python3
"""Train Turnout's example models and the XGBoost parity fixtures.

Outputs (all small, all committed):
  examples/data/breast_cancer.csv              scikit-learn's breast-cancer data, float32-exact, plus `label`
  examples/models/breast-cancer-v1.json        deliberately weak: 3 depth-1 stumps on 2 features
  examples/models/breast-cancer-v2.json        clearly better: 100 trees of depth 3
  Tests/TurnoutModelsTests/Fixtures/*.model.json   one small model per supported objective
  Tests/TurnoutModelsTests/Fixtures/*.golden.json  XGBoost's own predictions for those models

Every golden prediction is made by XGBoost itself (`Booster.inplace_predict` on float32
input), never by Turnout. Training is seeded and single-threaded so a rerun reproduces the
committed files byte for byte.

Requirements (pinned in scripts/oracles/models.sh):
  xgboost-cpu==3.2.0 scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1
"""

import csv
import json
import os
import sys

import numpy as np
import sklearn
import xgboost as xgb
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.model_selection import train_test_split

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
MODELS = os.path.join(ROOT, "examples", "models")
DATA = os.path.join(ROOT, "examples", "data")
FIXTURES = os.path.join(ROOT, "Tests", "TurnoutModelsTests", "Fixtures")
SEED = 20240607


def float32_text(value):
    """Shortest decimal text that reads back as exactly this float32 (Swift `Float(text)` agrees)."""
    return np.format_float_positional(np.float32(value), unique=True, trim="-")


def json_number(value):
    """A float32 as an exact JSON number; NaN (a missing value) becomes null."""
    value = np.float32(value)
    return None if np.isnan(value) else float(value)


def params(objective, depth, eta, **extra):
    base = {
        "objective": objective,
        "max_depth": depth,
        "eta": eta,
        "tree_method": "hist",
        "nthread": 1,
        "seed": SEED,
    }
    base.update(extra)
    return base


def with_missing(features, fraction, rng):
    """A copy with `fraction` of the cells set to NaN, so trees learn default directions."""
    out = features.copy()
    mask = rng.random(out.shape) < fraction
    out[mask] = np.nan
    return out


def write_breast_cancer_csv(dataset, names, features32):
    path = os.path.join(DATA, "breast_cancer.csv")
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names + ["label"])
        for row, label in zip(features32, dataset.target):
            writer.writerow([float32_text(v) for v in row] + [int(label)])
    return path


def accuracy(booster, features32, labels):
    probabilities = booster.inplace_predict(features32)
    return float(np.mean((probabilities > 0.5).astype(int) == labels))


def train_breast_cancer_examples():
    dataset = load_breast_cancer()
    names = [n.replace(" ", "_") for n in dataset.feature_names]
    features32 = dataset.data.astype(np.float32)
    labels = dataset.target
    write_breast_cancer_csv(dataset, names, features32)

    train_x, test_x, train_y, test_y = train_test_split(
        features32, labels, test_size=0.3, random_state=SEED, stratify=labels
    )

    # v1: only two weak features are visible to the trainer (the rest are missing), so the
    # model still takes all 30 inputs but its three stumps can only split on those two.
    weak = [names.index("mean_texture"), names.index("mean_smoothness")]
    masked = np.full_like(train_x, np.nan)
    masked[:, weak] = train_x[:, weak]
    v1 = xgb.train(
        params("binary:logistic", 1, 0.3),
        xgb.DMatrix(masked, label=train_y, feature_names=names),
        num_boost_round=3,
    )
    v2 = xgb.train(
        params("binary:logistic", 3, 0.1, subsample=0.8, colsample_bytree=0.8),
        xgb.DMatrix(train_x, label=train_y, feature_names=names),
        num_boost_round=100,
    )
    goldens = {"xgboost_version": xgb.__version__, "data": "examples/data/breast_cancer.csv"}
    for version, booster in (("v1", v1), ("v2", v2)):
        booster.save_model(os.path.join(MODELS, f"breast-cancer-{version}.json"))
        # Predict without feature names so inputs are plain positional float32 columns.
        plain = xgb.Booster(model_file=os.path.join(MODELS, f"breast-cancer-{version}.json"))
        plain.feature_names = None
        print(
            f"breast-cancer-{version}: accuracy {accuracy(plain, features32, labels):.4f} on all "
            f"{len(labels)} rows, {accuracy(plain, test_x, test_y):.4f} on the {len(test_y)} held-out rows"
        )
        goldens[version] = [float(p) for p in plain.inplace_predict(features32)]
    with open(os.path.join(FIXTURES, "breast_cancer.golden.json"), "w") as handle:
        json.dump(goldens, handle, separators=(",", ":"))
        handle.write("\n")


def write_fixture(name, booster, features32, description):
    """Save a model and XGBoost's own outputs (transformed and raw margins) on `features32`."""
    booster.save_model(os.path.join(FIXTURES, f"{name}.model.json"))
    reloaded = xgb.Booster(model_file=os.path.join(FIXTURES, f"{name}.model.json"))
    predictions = np.asarray(reloaded.inplace_predict(features32), dtype=np.float32)
    margins = np.asarray(reloaded.inplace_predict(features32, predict_type="margin"), dtype=np.float32)
    rows = features32.shape[0]
    golden = {
        "xgboost_version": xgb.__version__,
        "description": description,
        "model": f"{name}.model.json",
        "objective": json.loads(reloaded.save_config())["learner"]["objective"]["name"],
        "feature_count": int(reloaded.num_features()),
        "features": [[json_number(v) for v in row] for row in features32],
        "predictions": [[float(v) for v in np.atleast_1d(p)] for p in predictions.reshape(rows, -1)],
        "margins": [[float(v) for v in np.atleast_1d(m)] for m in margins.reshape(rows, -1)],
    }
    with open(os.path.join(FIXTURES, f"{name}.golden.json"), "w") as handle:
        json.dump(golden, handle, separators=(",", ":"))
        handle.write("\n")


def golden_rows(features32, count, rng):
    """`count` rows with a share of missing cells, one row entirely missing, one complete."""
    picked = features32[rng.choice(len(features32), size=count, replace=False)].copy()
    picked = with_missing(picked, 0.15, rng)
    picked[0, :] = np.nan
    picked[1, :] = features32[0]
    return picked


def train_objective_fixtures():
    rng = np.random.default_rng(SEED)

    cancer = load_breast_cancer()
    cancer_x = cancer.data.astype(np.float32)
    cancer_train = with_missing(cancer_x, 0.1, rng)
    booster = xgb.train(
        params("binary:logistic", 3, 0.3),
        xgb.DMatrix(cancer_train, label=cancer.target),
        num_boost_round=12,
    )
    write_fixture("binary_logistic", booster, golden_rows(cancer_x, 40, rng),
                  "breast cancer, 12 trees depth 3, trained with 10% missing cells")

    booster = xgb.train(
        params("reg:logistic", 2, 0.3, base_score=0.4),
        xgb.DMatrix(cancer_train, label=cancer.target.astype(np.float32)),
        num_boost_round=8,
    )
    write_fixture("reg_logistic", booster, golden_rows(cancer_x, 30, rng),
                  "breast cancer labels as a [0, 1] target, 8 trees depth 2, base_score 0.4")

    diabetes = load_diabetes()
    diabetes_x = diabetes.data.astype(np.float32)
    booster = xgb.train(
        params("reg:squarederror", 3, 0.2),
        xgb.DMatrix(with_missing(diabetes_x, 0.1, rng), label=diabetes.target),
        num_boost_round=20,
    )
    write_fixture("reg_squarederror", booster, golden_rows(diabetes_x, 40, rng),
                  "diabetes progression, 20 trees depth 3, trained with 10% missing cells")

    iris = load_iris()
    iris_x = iris.data.astype(np.float32)
    iris_train = with_missing(iris_x, 0.1, rng)
    # The first 120 rows hold 50/50/20 flowers per class, so XGBoost estimates a different
    # intercept per class and the fixtures exercise a vector base_score.
    for objective in ("multi:softprob", "multi:softmax"):
        booster = xgb.train(
            params(objective, 2, 0.3, num_class=3),
            xgb.DMatrix(iris_train[:120], label=iris.target[:120]),
            num_boost_round=6,
        )
        write_fixture(objective.replace(":", "_"), booster, golden_rows(iris_x, 40, rng),
                      f"iris (imbalanced 50/50/20), {objective}, 6 rounds x 3 classes depth 2, 10% missing cells")


def main():
    for folder in (MODELS, DATA, FIXTURES):
        os.makedirs(folder, exist_ok=True)
    print(f"xgboost {xgb.__version__}, scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    train_breast_cancer_examples()
    train_objective_fixtures()
    return 0


if __name__ == "__main__":
    sys.exit(main())
