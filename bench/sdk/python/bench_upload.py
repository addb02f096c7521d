#!/usr/bin/python3
"""A 5 MB upload through the Python SDK (Client.upload_live_photo) against the raw generated stub
(KycServiceStub.UploadDocument with hand-made 64 KiB chunks), alternating the two; prints the median MB/s of
each and their ratio. Run it under testenv: make bench-sdk."""
import os
import resource
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "clients", "python", "src"))

import grpc  # noqa: E402

from enxtai_kyc import Client  # noqa: E402
from enxtai_kyc.gen.kyc.v1 import document_pb2, kyc_service_pb2, kyc_service_pb2_grpc  # noqa: E402


def raw_upload(stub, key, user, path):
    """What a user of the generated stub alone would write, declaring the size as the wrapper does (so both take
    the same server path and the difference is the wrapper's own cost)."""
    def requests():
        yield kyc_service_pb2.UploadDocumentRequest(metadata=kyc_service_pb2.UploadMetadata(
            external_user_id=user, document_type=document_pb2.DOCUMENT_TYPE_LIVE_PHOTO, content_type="image/jpeg",
            size_bytes=os.path.getsize(path)))
        with open(path, "rb") as f:
            while chunk := f.read(64 * 1024):
                yield kyc_service_pb2.UploadDocumentRequest(chunk=chunk)
    return stub.UploadDocument(requests(), metadata=(("x-api-key", key),), timeout=60)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    addr, key = os.environ["KYC_GRPC_ADDR"], os.environ["ENXTAI_API_KEY"]
    path = os.path.join(os.environ["KYC_TEST_DOCS"], "big.jpg")
    size = os.path.getsize(path)
    user = f"bench-py-{time.time_ns()}"
    with Client(addr, key) as client, grpc.insecure_channel(addr) as channel:
        stub = kyc_service_pb2_grpc.KycServiceStub(channel)
        client.initiate(user)
        variants = [("raw stub", lambda: raw_upload(stub, key, user, path)),
                    ("wrapper", lambda: client.upload_live_photo(user, path))]
        times = {name: [] for name, _ in variants}
        cpu = {name: 0.0 for name, _ in variants}  # this process's CPU: the client's cost, whatever the server's load
        for i in range(n + 1):  # the first round warms up and is not counted
            for name, run in (variants if i % 2 == 0 else variants[::-1]):  # alternate who goes first
                start, c0 = time.perf_counter(), _cpu()
                run()
                if i:
                    times[name].append(time.perf_counter() - start)
                    cpu[name] += _cpu() - c0
    raw, wrap = (size / 1e6 / statistics.median(times[k]) for k in ("raw stub", "wrapper"))
    braw, bwrap = (size / 1e6 / min(times[k]) for k in ("raw stub", "wrapper"))
    print(f"python      median: raw {raw:5.1f} MB/s, wrapper {wrap:5.1f} MB/s, ratio {wrap / raw:.2f}   "
          f"best: raw {braw:5.1f}, wrapper {bwrap:5.1f}, ratio {bwrap / braw:.2f}   "
          f"client CPU/upload: raw {cpu['raw stub'] / n * 1000:5.1f} ms, wrapper {cpu['wrapper'] / n * 1000:5.1f} ms")


def _cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


if __name__ == "__main__":
    main()
