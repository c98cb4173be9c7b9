#!/usr/bin/env python3
"""A minimal stand-in for the Kubernetes API server, enough for `image-updater run` to become ready:
an empty Application list in every namespace. Loopback only. Usage: fake-apiserver.py PORT"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if "/applications" in self.path:
            body = {"apiVersion": "argoproj.io/v1alpha1", "kind": "ApplicationList",
                    "metadata": {"resourceVersion": "1"}, "items": []}
            self.send_json(200, body)
        elif self.path.startswith("/version"):
            self.send_json(200, {"major": "1", "minor": "33", "gitVersion": "v1.33.0"})
        else:
            self.send_json(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure", "code": 404})

    def send_json(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
