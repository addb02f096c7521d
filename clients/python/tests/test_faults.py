"""Retries against real network faults between the SDK and the real server."""
import io
import threading
import time
import uuid

import pytest

import enxtai_kyc
from helpers import CutProxy, StreamCounter, fast_retries, free_addr, user_id


def test_retry_until_server_comes_up(env):
    addr = free_addr()
    proxies = []
    timer = threading.Timer(0.4, lambda: proxies.append(CutProxy(addr, env.grpc_addr)))
    timer.start()
    try:
        with enxtai_kyc.Client(addr, env.api_key, retry=fast_retries(12)) as c:  # gRPC reconnects after ~1 s, ~2.6 s
            start = time.monotonic()
            s = c.initiate(user_id("late"), timeout=30)
            assert s.kyc_session_id and time.monotonic() - start >= 0.3
    finally:
        timer.join()
        for p in proxies:
            p.close()


def test_retry_gives_up_typed(env):
    counter = StreamCounter()
    with enxtai_kyc.Client(free_addr(), env.api_key, retry=fast_retries(3), interceptors=[counter]) as c:
        with pytest.raises(enxtai_kyc.UnavailableError):
            c.upload_pan("nobody", env.doc("pan.jpg"))
    assert counter.calls == 3


class _Unseekable(io.RawIOBase):
    def __init__(self, data: bytes):
        self._b = io.BytesIO(data)

    def readable(self):
        return True

    def read(self, n=-1):
        return self._b.read(n)


@pytest.mark.parametrize("kind,ok,attempts", [
    ("path", True, 2), ("seekable file", True, 2), ("unseekable stream", False, 1),
])
def test_upload_cut_mid_stream(env, kind, ok, attempts):
    """The first connection drops after 1 MB: a path or seekable file is sent again, a consumed stream is not."""
    path = env.doc("big.jpg")
    source = {"path": path, "seekable file": open(path, "rb"),
              "unseekable stream": _Unseekable(open(path, "rb").read())}[kind]
    proxy = CutProxy("127.0.0.1:0", env.grpc_addr, cut_after=1 << 20)
    counter = StreamCounter()
    try:
        with enxtai_kyc.Client(proxy.addr, env.api_key, retry=fast_retries(), interceptors=[counter]) as c:
            user = user_id("cut")
            c.initiate(user)
            if ok:
                assert c.upload_live_photo(user, source).success
            else:
                with pytest.raises(enxtai_kyc.UnavailableError):
                    c.upload_live_photo(user, source)
    finally:
        proxy.close()
    assert counter.calls == attempts
