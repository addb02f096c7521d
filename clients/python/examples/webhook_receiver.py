#!/usr/bin/python3
"""Accepts EnxtAI KYC webhooks, checks their signatures with the Python SDK and prints the events (standard
library only; the same three lines work in a Flask view with request.headers and request.get_data()).

    WEBHOOK_SECRET=... python3 webhook_receiver.py --addr 127.0.0.1:8000
"""
import argparse
import http.server
import os

from enxtai_kyc import WebhookVerificationError, verify_webhook

SECRET = os.environ.get("WEBHOOK_SECRET", "")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path != "/webhooks/kyc":
            self.send_error(404)
            return
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))  # verify the raw bytes
        try:
            event = verify_webhook(self.headers, raw, SECRET)
        except WebhookVerificationError as e:
            print(f"refused a delivery: {e}", flush=True)
            self.send_error(401, "Unauthorized")
            return
        data = event["data"]
        # Deliveries are at-least-once: use event["id"] to ignore one you have already handled.
        if event["event"] == "kyc.verification_completed":
            print(f"KYC completed for user {data['externalUserId']}: {data['status']}", flush=True)
        else:
            print(f"{event['event']} for session {data['kycSessionId']} ({data['status']})", flush=True)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"OK")

    def log_message(self, *args):
        pass


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--addr", default="127.0.0.1:8000")
    a = p.parse_args()
    if not SECRET:
        raise SystemExit("set WEBHOOK_SECRET")
    host, port = a.addr.rsplit(":", 1)
    print(f"listening on http://{a.addr}/webhooks/kyc", flush=True)
    http.server.ThreadingHTTPServer((host, int(port)), Handler).serve_forever()


if __name__ == "__main__":
    main()
