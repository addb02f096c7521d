import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";

import {
  AuthenticationError, DEFAULT_RETRY_POLICY, InvalidArgumentError, KycClient, NotFoundError, PayloadTooLargeError,
  RateLimitError, UnavailableError, baseUrl,
} from "../src/index.js";
import { lostConnection } from "../src/client.js";
import { DeadlineExceededError, errorInfoReason, toKycError } from "../src/errors.js";
import { retryWait } from "../src/retry.js";

const ld = (field: number, payload: Uint8Array) => Uint8Array.from([(field << 3) | 2, payload.length, ...payload]);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe("toKycError", () => {
  const cases: [string, ConnectError, Function, number, boolean, number | undefined][] = [
    ["not found", new ConnectError("no such session", Code.NotFound), NotFoundError, 404, false, undefined],
    ["unauthenticated", new ConnectError("bad key", Code.Unauthenticated), AuthenticationError, 401, false, undefined],
    ["invalid", new ConnectError("bad", Code.InvalidArgument), InvalidArgumentError, 400, false, undefined],
    ["rate limited", new ConnectError("slow down", Code.ResourceExhausted, { "retry-after": "3" }), RateLimitError, 429, true, 3000],
    ["rate limited, no retry-after", new ConnectError("slow down", Code.ResourceExhausted), RateLimitError, 429, false, undefined],
    ["unavailable", new ConnectError("down", Code.Unavailable), UnavailableError, 503, true, undefined],
  ];
  for (const [name, ce, cls, http, retryable, after] of cases) {
    it(name, () => {
      const e = toKycError(ce);
      assert.ok(e instanceof cls, `${e.constructor.name}`);
      assert.deepEqual([e.httpStatus, e.retryable, e.retryAfterMs, e.rawMessage.length > 0], [http, retryable, after, true]);
    });
  }
  it("too large, by the ErrorInfo detail", () => {
    const ce = new ConnectError("File too large.", Code.ResourceExhausted);
    ce.details.push({ type: "google.rpc.ErrorInfo", value: Uint8Array.from([...ld(1, utf8("PAYLOAD_TOO_LARGE")), ...ld(2, utf8("kyc.enxtai.com"))]) });
    const e = toKycError(ce);
    assert.ok(e instanceof PayloadTooLargeError);
    assert.equal(e.httpStatus, 413);
    assert.equal(e.retryable, false);
  });
  it("ErrorInfo reader survives garbage", () => {
    assert.equal(errorInfoReason(Uint8Array.from([0xff, 0xff, 0xff])), "");
    assert.equal(errorInfoReason(ld(1, utf8("OTHER"))), "OTHER");
  });
});

describe("retryWait", () => {
  const p = { ...DEFAULT_RETRY_POLICY, maxAttempts: 4, initialBackoffMs: 100, maxBackoffMs: 300, maxRetryAfterMs: 10_000 };
  const unavailable = toKycError(new ConnectError("x", Code.Unavailable));
  const limited = toKycError(new ConnectError("x", Code.ResourceExhausted, { "retry-after": "2" }));
  const cases: [string, ReturnType<typeof toKycError>, number, number | undefined, number | undefined, number | undefined][] = [
    ["first backoff", unavailable, 1, undefined, 50, 100],
    ["second doubles", unavailable, 2, undefined, 100, 200],
    ["capped", unavailable, 3, undefined, 150, 300],
    ["attempts used up", unavailable, 4, undefined, undefined, undefined],
    ["retry-after honoured", limited, 1, undefined, 2000, 2100],
    ["retry-after above the cap", toKycError(new ConnectError("x", Code.ResourceExhausted, { "retry-after": "60" })), 1, undefined, undefined, undefined],
    ["retry-after past the deadline", limited, 1, 1000, undefined, undefined],
    ["client error", toKycError(new ConnectError("x", Code.InvalidArgument)), 1, undefined, undefined, undefined],
  ];
  for (const [name, err, attempt, deadlineIn, lo, hi] of cases) {
    it(name, () => {
      for (let i = 0; i < 20; i++) {
        const d = retryWait(p, err, attempt, deadlineIn === undefined ? undefined : Date.now() + deadlineIn);
        if (lo === undefined) assert.equal(d, undefined);
        else assert.ok(d !== undefined && d >= lo && d <= hi!, `${d}`);
      }
    });
  }
});

describe("lostConnection", () => {
  const reset = () => new ConnectError("http/2 stream closed with error code CANCEL (0x8)", Code.Canceled);
  it("a stream reset under a call is the network failing", () =>
    assert.ok(lostConnection(reset(), undefined, Date.now() + 60_000) instanceof UnavailableError));
  it("after the call's deadline it is the deadline", () =>
    assert.ok(lostConnection(reset(), undefined, Date.now() - 1) instanceof DeadlineExceededError));
  it("the caller's own abort stays a cancellation", () => {
    const ac = new AbortController();
    ac.abort();
    const e = reset();
    assert.equal(lostConnection(e, ac.signal, Date.now() - 1), e);
  });
  it("an error the server sent is left alone", () => {
    const e = new ConnectError("bad", Code.InvalidArgument);
    assert.equal(lostConnection(e, undefined, Date.now() - 1), e);
  });
});

describe("baseUrl", () => {
  for (const [addr, want] of [["127.0.0.1:9090", "http://127.0.0.1:9090"], ["localhost:9090", "http://localhost:9090"],
    ["[::1]:9090", "http://[::1]:9090"], ["api.enxtai.com:443", "https://api.enxtai.com:443"],
    ["https://api.enxtai.com", "https://api.enxtai.com"], ["http://10.0.0.5:9090", "http://10.0.0.5:9090"]]) {
    it(addr, () => assert.equal(baseUrl(addr), want));
  }
  it("refuses an address without a port", () => assert.throws(() => baseUrl("no-port")));
  it("wants an API key", () => {
    const saved = process.env.ENXTAI_API_KEY;
    delete process.env.ENXTAI_API_KEY;
    try {
      assert.throws(() => new KycClient("127.0.0.1:9090"), /ENXTAI_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.ENXTAI_API_KEY = saved;
    }
  });
});
