#!/usr/bin/python3
"""The API guide's "Complete Integration" flow with the Python SDK: initiate a session, stream the four
documents over gRPC, and wait for the decision.

    ENXTAI_API_KEY=... python3 complete_integration.py --addr 127.0.0.1:9090 --docs ./documents
"""
import argparse
import os
import sys

from enxtai_kyc import Client, KycError, KycStatus


def perform_kyc(kyc: Client, user_id: str, email: str, phone: str, docs: str, timeout: float):
    session = kyc.initiate(user_id, email=email, phone=phone)
    print(f"KYC session created: {session.kyc_session_id}")

    kyc.upload_pan(user_id, os.path.join(docs, "pan.jpg"))
    print("PAN uploaded")
    kyc.upload_aadhaar_front(user_id, os.path.join(docs, "aadhaar-front.jpg"))
    print("Aadhaar front uploaded")
    kyc.upload_aadhaar_back(user_id, os.path.join(docs, "aadhaar-back.jpg"))
    print("Aadhaar back uploaded")
    kyc.upload_live_photo(user_id, os.path.join(docs, "live-photo.jpg"))
    print("Live photo uploaded - verification started")

    final = kyc.wait_for_decision(session.kyc_session_id, timeout=timeout)  # follows the status stream
    print(f"Final status: {KycStatus.Name(final.status)} ({final.progress}%)")
    return final


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--addr", default="127.0.0.1:9090", help="the API's gRPC address")
    p.add_argument("--docs", default="./documents", help="folder with pan.jpg, aadhaar-front.jpg, ...")
    p.add_argument("--user", default="customer-12345", help="your end user's id")
    p.add_argument("--timeout", type=float, default=300, help="seconds to wait for the decision")
    a = p.parse_args()
    with Client(a.addr) as kyc:  # the API key comes from ENXTAI_API_KEY
        try:
            perform_kyc(kyc, a.user, "john@example.com", "+919876543210", a.docs, a.timeout)
        except KycError as e:
            print(f"KYC failed: {e.code} (HTTP {e.http_status}): {e.message}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
