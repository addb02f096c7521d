"""Shared test helpers: the live server's settings, extra API keys, REST calls, and a TCP proxy that cuts a
connection (a real network fault between the SDK and the real server)."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import urllib.error
import urllib.request
import uuid

import grpc

import enxtai_kyc


class Env:
    def __init__(self) -> None:
        self.grpc_addr = os.environ.get("KYC_GRPC_ADDR", "")
        self.base_url = os.environ.get("KYC_BASE_URL", "")
        self.api_key = os.environ.get("ENXTAI_API_KEY", "")
        self.docs = os.environ.get("KYC_TEST_DOCS", "")
        self.server_bin = os.environ.get("KYC_SERVER_BIN", "")
        self.database_url = os.environ.get("KYC_DATABASE_URL", "")

    def doc(self, name: str) -> str:
        return os.path.join(self.docs, name)

    def new_key(self, name: str) -> str:
        """Another client (tenant) made with `kyc-server client create`, as an operator does."""
        out = subprocess.run([self.server_bin, "client", "create", "--name", name], check=True,
                             capture_output=True, env={**os.environ, "KYC_DATABASE_URL": self.database_url,
                                                       "KYC_LOG_FORMAT": "text"}).stdout
        return json.loads(out)["apiKey"]

    def rest(self, key: str, method: str, path: str, body=None):
        """(status, headers, body bytes) of a REST call."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base_url + path, data=data, method=method,
                                     headers={"X-API-Key": key, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()


def user_id(name: str) -> str:
    return f"py-{name}-{uuid.uuid4().hex[:8]}"


def free_addr() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    addr = "127.0.0.1:%d" % s.getsockname()[1]
    s.close()
    return addr


class CutProxy:
    """Forwards TCP to target; the first connection is cut after cut_after bytes from the client (0: never)."""

    def __init__(self, addr: str, target: str, cut_after: int = 0):
        host, port = addr.rsplit(":", 1)
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, int(port)))
        self.sock.listen(16)
        self.addr = "%s:%d" % self.sock.getsockname()
        self.target = target
        self.cut_after = cut_after
        self.connections = 0
        self._open = []
        threading.Thread(target=self._serve, daemon=True).start()

    def close(self) -> None:
        self.sock.close()
        for s in self._open:
            try:
                s.close()
            except OSError:
                pass

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            host, port = self.target.rsplit(":", 1)
            server = socket.create_connection((host, int(port)))
            self._open += [client, server]
            limit = self.cut_after if self.connections == 1 else 0
            threading.Thread(target=self._pipe, args=(client, server, limit), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, 0), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket, limit: int) -> None:
        sent = 0
        try:
            while True:
                want = 65536 if not limit else min(65536, limit - sent)
                if want <= 0:
                    break
                data = src.recv(want)
                if not data:
                    break
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


class StreamCounter(grpc.StreamUnaryClientInterceptor):
    """Counts client-streaming calls (upload attempts)."""

    def __init__(self) -> None:
        self.calls = 0

    def intercept_stream_unary(self, continuation, client_call_details, request_iterator):
        self.calls += 1
        return continuation(client_call_details, request_iterator)


def fast_retries(attempts: int = 6) -> enxtai_kyc.RetryPolicy:
    """The default policy with short waits, so fault tests stay quick."""
    return enxtai_kyc.RetryPolicy(max_attempts=attempts, initial_backoff=0.1, max_backoff=1.0)


def upload_all(c: enxtai_kyc.Client, env: Env, user: str) -> None:
    c.upload_pan(user, env.doc("pan.jpg"))
    c.upload_aadhaar_front(user, env.doc("aadhaar-front.jpg"))
    c.upload_aadhaar_back(user, env.doc("aadhaar-back.jpg"))
    c.upload_live_photo(user, env.doc("live-photo.jpg"))
