"""A model server that answers an Open Inference Protocol request with its own first input.

It reads Triton's binary tensor data extension the way Triton does (the JSON header is the
first Inference-Header-Content-Length bytes, each binary input takes its binary_data_size bytes
in order) and answers with the first input as output "echo", as binary data when the request
asks for binary outputs. So a round trip through Turnout shows that the bytes and the header
arrived untouched and that the binary answer came back untouched.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        header_length = self.headers.get("Inference-Header-Content-Length")
        length = int(header_length) if header_length is not None else len(body)
        request = json.loads(body[:length])
        tensor = request["inputs"][0]
        size = (tensor.get("parameters") or {}).get("binary_data_size")
        output = {"name": "echo", "datatype": tensor["datatype"], "shape": tensor["shape"]}
        binary = b""
        wants_binary = (request.get("parameters") or {}).get("binary_data_output", False)
        for requested in request.get("outputs") or []:
            if requested.get("name") == "echo":
                wants_binary = (requested.get("parameters") or {}).get("binary_data", wants_binary)
        if size is not None and wants_binary:
            binary = body[length:length + size]
            output["parameters"] = {"binary_data_size": size}
        elif size is None:
            output["data"] = tensor["data"]
        else:
            self.answer(400, json.dumps({"error": "echo answers binary input with binary output only"}).encode())
            return
        header = json.dumps({"model_name": "echo", "outputs": [output]}).encode()
        extra = {"Inference-Header-Content-Length": str(len(header))} if binary else {}
        self.answer(200, header + binary, extra)

    def answer(self, status, payload, extra=None):
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream" if extra else "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Echo).serve_forever()
