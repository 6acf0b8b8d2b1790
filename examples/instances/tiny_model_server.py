#!/usr/bin/env python3
"""A tiny Open Inference Protocol server for machines without MLServer.

Standard library only. It serves any model name (the quickstart's is breast-cancer) with a
deterministic stand-in for a classifier: one FP32 output "predict" per input row, the logistic
of the row's mean, so answers are stable across runs and instances.

Flags for tests and examples:
  --port N             port on 127.0.0.1 (or env PORT)
  --version-label L    the answer's model_version (or env VERSION_LABEL)
  --startup-delay S    not ready for the first S seconds
  --never-ready        never ready
  --error-rate P       answer 500 to a fraction P of infer requests (every round(1/P)-th one)
  --crash-after S      exit with status 1 after S seconds
  --infer-delay S      take S seconds to answer an infer request (says so on stdout)

SIGTERM stops accepting connections, lets in-flight requests finish and exits 0.
"""

import argparse
import json
import math
import os
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--version-label", default=os.environ.get("VERSION_LABEL", "v1"))
    parser.add_argument("--startup-delay", type=float, default=0.0)
    parser.add_argument("--never-ready", action="store_true")
    parser.add_argument("--error-rate", type=float, default=0.0)
    parser.add_argument("--crash-after", type=float, default=None)
    parser.add_argument("--infer-delay", type=float, default=0.0)
    return parser.parse_args()


class Model:
    """The answers and the state the request handlers share."""

    def __init__(self, arguments):
        self.version = arguments.version_label
        self.ready_at = time.monotonic() + arguments.startup_delay
        self.never_ready = arguments.never_ready
        self.infer_delay = arguments.infer_delay
        self.error_every = round(1 / arguments.error_rate) if arguments.error_rate > 0 else 0
        self.lock = threading.Lock()
        self.infer_count = 0
        self.stopping = False
        self.connections = set()

    def is_ready(self):
        return not self.never_ready and time.monotonic() >= self.ready_at

    def should_fail(self):
        # A counter, not randomness, so a test sees exactly the fraction it asked for.
        if not self.error_every:
            return False
        with self.lock:
            self.infer_count += 1
            return self.infer_count % self.error_every == 0

    def metadata(self, name):
        return {
            "name": name,
            "versions": [self.version],
            "platform": "tiny_model_server",
            "inputs": [{"name": "input-0", "datatype": "FP32", "shape": [-1, 30]}],
            "outputs": [{"name": "predict", "datatype": "FP32", "shape": [-1]}],
        }

    def infer(self, name, request):
        tensor = request["inputs"][0]
        data = flatten(tensor["data"])
        shape = tensor.get("shape") or [1, len(data)]
        rows = shape[0] if len(shape) > 1 else 1
        width = len(data) // rows if rows else 0
        predictions = [logistic(mean(data[row * width:(row + 1) * width])) for row in range(rows)]
        answer = {
            "model_name": name,
            "model_version": self.version,
            "outputs": [{"name": "predict", "datatype": "FP32", "shape": [rows], "data": predictions}],
        }
        if "id" in request:
            answer["id"] = request["id"]
        return answer


def flatten(values):
    flat = []
    for value in values:
        if isinstance(value, list):
            flat.extend(flatten(value))
        else:
            flat.append(float(value))
    return flat


def mean(values):
    return sum(values) / len(values) if values else 0.0


def logistic(value):
    # Scaled so the quickstart's rows (means around 60) spread over the range.
    return 1 / (1 + math.exp(-(value - 60) / 20))


def make_handler(model):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # The head and the body go out in two writes; with Nagle's algorithm the second waits for
        # the client's delayed ACK, about 40 ms on every keep-alive answer.
        disable_nagle_algorithm = True

        def setup(self):
            super().setup()
            with model.lock:
                model.connections.add(self.connection)

        def finish(self):
            with model.lock:
                model.connections.discard(self.connection)
            super().finish()

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == "/v2/health/live":
                self.answer(200, {"live": True})
            elif path == "/v2/health/ready":
                ready = model.is_ready()
                self.answer(200 if ready else 503, {"ready": ready})
            elif path.startswith("/v2/models/") and path.count("/") == 3:
                self.answer(200, model.metadata(path.rsplit("/", 1)[1]))
            else:
                self.answer(404, {"error": "not found"})

        def do_POST(self):
            path = self.path.split("?", 1)[0]
            parts = path.strip("/").split("/")
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if len(parts) != 4 or parts[:2] != ["v2", "models"] or parts[3] != "infer":
                self.answer(404, {"error": "not found"})
            elif not model.is_ready():
                self.answer(503, {"error": "model not ready"})
            elif model.should_fail():
                self.answer(500, {"error": "injected failure"})
            else:
                if model.infer_delay:
                    print("infer request delayed by %ss" % model.infer_delay, flush=True)
                    time.sleep(model.infer_delay)
                try:
                    self.answer(200, model.infer(parts[2], json.loads(body)))
                except (ValueError, KeyError, IndexError, TypeError) as error:
                    self.answer(400, {"error": "bad request: %s" % error})

        def answer(self, status, document):
            payload = json.dumps(document).encode()
            self.send_response(status)
            if model.stopping:
                self.close_connection = True
                self.send_header("Connection", "close")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format, *arguments):
            pass  # one line per request would drown the gateway's log

    return Handler


def main():
    arguments = parse_arguments()
    model = Model(arguments)
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), make_handler(model))
    # Joined on shutdown, so in-flight requests finish before the process exits.
    server.daemon_threads = False

    def stop(signum, frame):
        model.stopping = True
        # An idle keep-alive connection would keep its thread, and so the exit, waiting for a
        # next request: ending its read side ends it, while a request already read is answered.
        with model.lock:
            for connection in model.connections:
                try:
                    connection.shutdown(socket.SHUT_RD)
                except OSError:
                    pass
        # shutdown() waits for serve_forever, so it must run on another thread than it.
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    if arguments.crash_after is not None:
        def crash():
            print("crashing after %ss as asked" % arguments.crash_after, file=sys.stderr, flush=True)
            os._exit(1)
        threading.Timer(arguments.crash_after, crash).start()
    print("tiny_model_server %s listening on 127.0.0.1:%d" % (arguments.version_label, arguments.port), flush=True)
    server.serve_forever()
    server.server_close()
    print("tiny_model_server stopped", flush=True)


if __name__ == "__main__":
    main()
