"""A webhook receiver for the tests: verifies every POST with the `standardwebhooks` library
(PyPI) and appends what it got to a JSON-lines file, so records survive a restart.

    python3 receiver.py PORT FOLDER

Prints "ready" once listening. Control (JSON POST to /_control): {"secrets": [...]} sets the
secrets to verify with (each is tried; the record lists the indexes that verified), and
{"answer": "ok" | "fail" | "gone" | "redirect"} sets the answer to messages (204, 500, 410, or a
307 to /elsewhere). GET /_records answers every record so far.
"""

import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

PORT = int(sys.argv[1])
FOLDER = sys.argv[2]
RECORDS = os.path.join(FOLDER, "records.jsonl")
CONTROL = os.path.join(FOLDER, "control.json")
LOCK = threading.Lock()


def control():
    try:
        with open(CONTROL) as f:
            return json.load(f)
    except FileNotFoundError:
        return {"secrets": [], "answer": "ok"}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path != "/_records":
            return self.answer(404)
        with LOCK:
            lines = open(RECORDS).read().splitlines() if os.path.exists(RECORDS) else []
        self.answer(200, json.dumps([json.loads(l) for l in lines]).encode())

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/_control":
            with LOCK:
                state = control()
                state.update(json.loads(body))
                with open(CONTROL, "w") as f:
                    json.dump(state, f)
            return self.answer(204)
        state = control()
        headers = {k.lower(): v for k, v in self.headers.items()}
        verified_by, errors = [], []
        for index, secret in enumerate(state["secrets"]):
            try:
                Webhook(secret).verify(body, headers)
                verified_by.append(index)
            except WebhookVerificationError as e:
                errors.append(str(e))
        record = {
            "path": self.path,
            "id": headers.get("webhook-id"),
            "timestamp": headers.get("webhook-timestamp"),
            "signature": headers.get("webhook-signature"),
            "body": body.decode(),
            "verified_by": verified_by,
            "errors": errors,
            "answer": state["answer"],
        }
        with LOCK:
            with open(RECORDS, "a") as f:
                f.write(json.dumps(record) + "\n")
        if not verified_by:
            return self.answer(400, "; ".join(errors).encode())
        if state["answer"] == "fail":
            return self.answer(500, b"receiver failing on purpose")
        if state["answer"] == "gone":
            return self.answer(410, b"gone")
        if state["answer"] == "redirect":
            return self.answer(307, b"", [("Location", "/elsewhere")])
        self.answer(204)


server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
print("ready", flush=True)
server.serve_forever()
