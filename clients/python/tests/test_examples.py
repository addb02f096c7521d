"""The examples run against the real server."""
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

import enxtai_kyc
from helpers import free_addr, upload_all, user_id
from test_limits_webhooks import configure_webhook

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "examples")
SRC = os.path.join(os.path.dirname(__file__), "..", "src")


def _env(**extra):
    return {**os.environ, "PYTHONPATH": SRC, **extra}


def test_complete_integration(env, pipeline_present):
    """Without the pipeline (issue 6) the example gets as far as the decision and reports it missing."""
    timeout = "180" if pipeline_present else "2"
    p = subprocess.run([sys.executable, os.path.join(EXAMPLES, "complete_integration.py"), "--addr", env.grpc_addr,
                        "--docs", env.docs, "--user", user_id("example"), "--timeout", timeout],
                       capture_output=True, text=True, env=_env(ENXTAI_API_KEY=env.api_key), timeout=300)
    for line in ["KYC session created:", "PAN uploaded", "Aadhaar front uploaded", "Aadhaar back uploaded",
                 "Live photo uploaded - verification started"]:
        assert line in p.stdout, p.stdout + p.stderr
    if pipeline_present:
        assert p.returncode == 0 and "Final status:" in p.stdout, p.stdout + p.stderr
    else:
        assert p.returncode == 1 and "no decision within 2s" in p.stderr, p.stdout + p.stderr


def test_webhook_receiver(env):
    key = env.new_key("py-example-receiver")
    addr = free_addr()
    secret = "example-receiver-secret-1234"
    configure_webhook(env, key, f"http://{addr}/webhooks/kyc", secret)
    p = subprocess.Popen([sys.executable, "-u", os.path.join(EXAMPLES, "webhook_receiver.py"), "--addr", addr],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env(WEBHOOK_SECRET=secret))
    try:
        for _ in range(100):  # until it listens; an unsigned post is refused
            try:
                urllib.request.urlopen(urllib.request.Request(f"http://{addr}/webhooks/kyc", data=b"{}"), timeout=2)
                pytest.fail("an unsigned delivery was accepted")
            except urllib.error.HTTPError as e:
                assert e.code == 401
                break
            except urllib.error.URLError:
                time.sleep(0.05)
        with enxtai_kyc.Client(env.grpc_addr, key) as c:
            user = user_id("example-webhook")
            s = c.initiate(user)
            upload_all(c, env, user)
        want = f"kyc.documents_uploaded for session {s.kyc_session_id}"
        lines = []
        threading.Thread(target=lambda: lines.extend(iter(p.stdout.readline, "")), daemon=True).start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if any(want in line for line in list(lines)):
                return
            time.sleep(0.1)
        pytest.fail(f"receiver never printed {want!r}: {lines}")
    finally:
        p.kill()
        p.wait()
