#!/usr/bin/python3
"""Writes webhook-vectors.json: signed webhook deliveries and whether each must verify, shared by the three SDKs'
tests. The signatures are computed here with Python's hmac, independently of the SDKs' code.

Run: /usr/bin/python3 clients/testdata/make_webhook_vectors.py > clients/testdata/webhook-vectors.json
"""
import base64
import hashlib
import hmac
import json

NOW = 1767609300  # 2026-01-05T10:35:00Z, the "now" every case is checked at
SECRET_WHSEC = "whsec_" + base64.b64encode(bytes(range(32))).decode()
SECRET_PLAIN = "my-plain-secret-for-tests"  # not base64: the raw bytes are the key

BODY = json.dumps({
    "id": "0f8fad5b-d9cb-469f-a165-70867728950e",
    "event": "kyc.verification_completed",
    "timestamp": "2026-01-05T10:35:00.000Z",
    "data": {
        "kycSessionId": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "externalUserId": "customer-456",
        "status": "FACE_VERIFIED",
        "extractedData": {"panNumber": "ABCDE1234F", "aadhaarNumber": "XXXX XXXX 1234",
                          "fullName": "JOHN DOE", "dateOfBirth": "1990-01-15"},
        "verificationScores": {"faceMatchScore": 0.87, "livenessScore": 0.92},
    },
}, separators=(",", ":"))
MSG_ID = "0f8fad5b-d9cb-469f-a165-70867728950e"


def std_key(secret):
    try:
        return base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    except ValueError:
        return secret.encode()


def x_signature(secret, body):
    return hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()


def std_signature(secret, msg_id, ts, body):
    mac = hmac.new(std_key(secret), f"{msg_id}.{ts}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def headers(secret, body, ts=NOW, std=True, hexsig=True, msg_id=MSG_ID):
    h = {"Content-Type": "application/json", "X-Event": "kyc.verification_completed"}
    if hexsig:
        h["X-Signature"] = x_signature(secret, body)
    if std:
        h.update({"webhook-id": msg_id, "webhook-timestamp": str(ts),
                  "webhook-signature": std_signature(secret, msg_id, ts, body)})
    return h


def case(name, secret, h, body=BODY, ok=True, require_std=False):
    return {"name": name, "secret": secret, "headers": h, "body": body, "ok": ok, "requireStandard": require_std}


tampered = BODY.replace("FACE_VERIFIED", "VERIFIED")
cases = [
    case("both schemes", SECRET_WHSEC, headers(SECRET_WHSEC, BODY)),
    case("standard webhooks only", SECRET_WHSEC, headers(SECRET_WHSEC, BODY, hexsig=False)),
    case("x-signature only", SECRET_WHSEC, headers(SECRET_WHSEC, BODY, std=False)),
    case("x-signature only, standard required", SECRET_WHSEC, headers(SECRET_WHSEC, BODY, std=False),
         ok=False, require_std=True),
    case("plain secret, both schemes", SECRET_PLAIN, headers(SECRET_PLAIN, BODY)),
    case("tampered body", SECRET_WHSEC, headers(SECRET_WHSEC, BODY), body=tampered, ok=False),
    case("tampered body, x-signature only", SECRET_WHSEC, headers(SECRET_WHSEC, BODY, std=False),
         body=tampered, ok=False),
    case("wrong secret", SECRET_PLAIN, headers(SECRET_WHSEC, BODY), ok=False),
    case("timestamp 6 minutes old (replay)", SECRET_WHSEC, headers(SECRET_WHSEC, BODY, ts=NOW - 360), ok=False),
    case("timestamp 6 minutes ahead", SECRET_WHSEC, headers(SECRET_WHSEC, BODY, ts=NOW + 360), ok=False),
    case("timestamp 4 minutes old", SECRET_WHSEC, headers(SECRET_WHSEC, BODY, ts=NOW - 240)),
    case("no signature headers", SECRET_WHSEC, {"Content-Type": "application/json"}, ok=False),
]
h = headers(SECRET_WHSEC, BODY)
h["webhook-signature"] = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + h["webhook-signature"]
cases.append(case("second of two signatures matches", SECRET_WHSEC, h))
h = headers(SECRET_WHSEC, BODY, hexsig=False)
h["webhook-signature"] = h["webhook-signature"].replace("v1,", "v2,")
cases.append(case("unknown signature version only", SECRET_WHSEC, h, ok=False))
h = headers(SECRET_WHSEC, BODY)
h["X-Signature"] = x_signature(SECRET_PLAIN, BODY)
cases.append(case("standard valid but x-signature wrong", SECRET_WHSEC, h, ok=False))
h = headers(SECRET_WHSEC, BODY)
h["webhook-id"] = "another-id"
cases.append(case("webhook-id changed", SECRET_WHSEC, h, ok=False))
h = {k.upper(): v for k, v in headers(SECRET_WHSEC, BODY).items()}
cases.append(case("header names in upper case", SECRET_WHSEC, h))

print(json.dumps({"now": NOW, "cases": cases}, indent=1))
