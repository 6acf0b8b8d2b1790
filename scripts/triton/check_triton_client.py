"""Checks that tritonclient.http, with its defaults, works against Turnout.

Run by scripts/test_triton_client against a running `turnout serve` (the quickstart's two
in-process models, an upstream MLServer and an echo server). Every answer is compared with
XGBoost's own predictions for the same rows. Prints one line per check and closes with
'N passed, N failed'; exits 1 when a check failed.
"""
import argparse
import json
import pathlib
import traceback
import urllib.error
import urllib.request

import numpy as np
import tritonclient.http as httpclient
import xgboost as xgb
from tritonclient.utils import InferenceServerException

ROOT = pathlib.Path(__file__).resolve().parents[2]
BATCH = 1000  # rows per batch: the 569-row data set repeated


def load_data():
    text = (ROOT / "examples/data/breast_cancer.csv").read_text().splitlines()
    header = text[0].split(",")
    label = header.index("label")
    rows = np.array([[float(v) for v in line.split(",")] for line in text[1:]], dtype=np.float64)
    features = np.delete(rows, label, axis=1).astype(np.float32)
    return features


def xgboost_predictions(version, features):
    booster = xgb.Booster(model_file=str(ROOT / f"examples/models/breast-cancer-{version}.json"))
    # The models carry feature names; the rows are in the same column order, as a client sends them.
    return booster.predict(xgb.DMatrix(features), validate_features=False).astype(np.float32)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def run(self, name, check):
        try:
            check()
        except Exception as error:  # a failed check, whatever went wrong
            self.failed += 1
            print(f"FAIL {name}: {type(error).__name__}: {error}")
            traceback.print_exc(limit=2)
        else:
            self.passed += 1
            print(f"ok   {name}")


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_equal_predictions(actual, expected, what):
    actual = np.asarray(actual, dtype=np.float32).reshape(-1)
    expect(actual.shape == expected.shape, f"{what}: {actual.shape} values, expected {expected.shape}")
    worst = float(np.max(np.abs(actual - expected))) if actual.size else 0.0
    expect(worst <= 1e-6, f"{what}: largest difference from XGBoost {worst}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--turnout", required=True)
    parser.add_argument("--mlserver", required=True)
    arguments = parser.parse_args()

    features = load_data()
    batch = features[np.arange(BATCH) % len(features)]
    expected = {version: xgboost_predictions(version, batch) for version in ("v1", "v2")}
    turnout = httpclient.InferenceServerClient(arguments.turnout)
    mlserver = httpclient.InferenceServerClient(arguments.mlserver)
    checks = Checks()

    def fp32_input(rows, binary=True):
        tensor = httpclient.InferInput("input-0", list(rows.shape), "FP32")
        tensor.set_data_from_numpy(rows, binary_data=binary)
        return tensor

    def defaults_one_row():
        # tritonclient's defaults: binary input, and no outputs named, so binary_data_output.
        result = turnout.infer("breast-cancer", [fp32_input(batch[:1])])
        outputs = result.get_response()["outputs"]
        expect(all("binary_data_size" in o.get("parameters", {}) for o in outputs), f"outputs not binary: {outputs}")
        expect_equal_predictions(result.as_numpy("probabilities"), expected["v2"][:1], "probabilities")

    def defaults_batch(version):
        def check():
            result = turnout.infer("breast-cancer", [fp32_input(batch)], model_version=version)
            expect_equal_predictions(result.as_numpy("probabilities"), expected[version], f"{version} probabilities")
            labels = result.as_numpy("label")
            expect(labels.dtype == np.int64, f"label dtype {labels.dtype}")
            expect(np.array_equal(labels, (expected[version] > 0.5).astype(np.int64)), f"{version} labels differ")
        return check

    def int64_input():
        whole = np.rint(batch).astype(np.int64)
        tensor = httpclient.InferInput("input-0", list(whole.shape), "INT64")
        tensor.set_data_from_numpy(whole)
        result = turnout.infer("breast-cancer", [tensor])
        reference = xgboost_predictions("v2", whole.astype(np.float32))
        expect_equal_predictions(result.as_numpy("probabilities"), reference, "INT64 rows")

    def json_outputs():
        outputs = [httpclient.InferRequestedOutput("probabilities", binary_data=False),
                   httpclient.InferRequestedOutput("label", binary_data=False)]
        result = turnout.infer("breast-cancer", [fp32_input(batch)], outputs=outputs)
        response = result.get_response()
        expect(all("data" in o for o in response["outputs"]), "outputs asked as JSON came back binary")
        expect_equal_predictions(result.as_numpy("probabilities"), expected["v2"], "JSON probabilities")

    def json_inputs_binary_outputs():
        outputs = [httpclient.InferRequestedOutput("probabilities", binary_data=True)]
        result = turnout.infer("breast-cancer", [fp32_input(batch, binary=False)], outputs=outputs)
        expect_equal_predictions(result.as_numpy("probabilities"), expected["v2"], "binary probabilities")

    def bytes_to_builtin():
        tensor = httpclient.InferInput("input-0", [1, 30], "BYTES")
        tensor.set_data_from_numpy(np.array([[b"x"] * 30], dtype=np.object_))
        try:
            turnout.infer("breast-cancer", [tensor])
        except InferenceServerException as error:
            expect(error.status() == "400", f"status {error.status()}")
            expect("BYTES" in error.message() and "input-0" in error.message(), error.message())
            return
        raise AssertionError("a BYTES input to an XGBoost model was accepted")

    def bytes_echo():
        words = np.array([["héllo".encode(), b"", b"\x00\xff binary"], [b"a", b"bb", b"ccc"]], dtype=np.object_)
        tensor = httpclient.InferInput("words", list(words.shape), "BYTES")
        tensor.set_data_from_numpy(words)
        result = turnout.infer("echo", [tensor])
        expect("binary_data_size" in result.get_response()["outputs"][0].get("parameters", {}), "echo answer not binary")
        echoed = result.as_numpy("echo")
        expect(echoed.shape == words.shape and all(a == b for a, b in zip(echoed.reshape(-1), words.reshape(-1))),
               f"echoed {echoed!r}")

    def fp32_echo():
        tensor = fp32_input(batch)
        result = turnout.infer("echo", [tensor])
        expect(np.array_equal(result.as_numpy("echo"), batch), "FP32 bytes changed on the way")

    def mlserver_through_turnout():
        # MLServer reads JSON inputs only; it answers JSON even when binary outputs are asked.
        outputs = [httpclient.InferRequestedOutput("predict", binary_data=True)]
        result = turnout.infer("mlserver", [fp32_input(batch, binary=False)], outputs=outputs)
        expect_equal_predictions(result.as_numpy("predict"), expected["v2"], "MLServer via Turnout")

    def mlserver_binary_passthrough():
        # Binary inputs reach MLServer as they left the client: it answers through Turnout
        # exactly what it answers directly (MLServer 1.7.1 cannot read binary tensor data).
        def status(client, model):
            try:
                client.infer(model, [fp32_input(batch[:2])])
                return "200"
            except InferenceServerException as error:
                return error.status()
        direct, through = status(mlserver, "breast-cancer"), status(turnout, "mlserver")
        expect(direct == through, f"MLServer answers {direct} directly but {through} through Turnout")

    def inconsistent_sizes():
        header = json.dumps({"inputs": [{"name": "input-0", "shape": [1, 30], "datatype": "FP32",
                                         "parameters": {"binary_data_size": 120}}]}).encode()
        body = header + batch[:1].tobytes()[:-4]
        request = urllib.request.Request(f"http://{arguments.turnout}/v2/models/breast-cancer/infer", data=body,
                                         headers={"Inference-Header-Content-Length": str(len(header))})
        try:
            urllib.request.urlopen(request)
        except urllib.error.HTTPError as error:
            message = json.loads(error.read())["error"]
            expect(error.code == 400 and "input-0" in message, f"{error.code} {message}")
            return
        raise AssertionError("a short binary tensor was accepted")

    checks.run("defaults (binary in, binary out), one row, equals XGBoost", defaults_one_row)
    checks.run(f"defaults, batch of {BATCH} rows on v1, equals XGBoost", defaults_batch("v1"))
    checks.run(f"defaults, batch of {BATCH} rows on v2, equals XGBoost", defaults_batch("v2"))
    checks.run("INT64 binary input equals XGBoost on the same integers", int64_input)
    checks.run("binary input, JSON outputs", json_outputs)
    checks.run("JSON input, binary outputs", json_inputs_binary_outputs)
    checks.run("BYTES input to an XGBoost model is 400 naming the input", bytes_to_builtin)
    checks.run("BYTES round trip through Turnout to an echo upstream", bytes_echo)
    checks.run(f"FP32 binary round trip of {BATCH} rows through Turnout to an echo upstream", fp32_echo)
    checks.run("tritonclient -> Turnout -> MLServer, binary outputs asked, equals XGBoost", mlserver_through_turnout)
    checks.run("tritonclient binary input -> Turnout -> MLServer passes through unchanged", mlserver_binary_passthrough)
    checks.run("inconsistent binary size is 400 naming the input", inconsistent_sizes)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
