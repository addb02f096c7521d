// Rate limits (issue 7) and webhooks (issue 6): skipped while the server lacks them.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, it } from "node:test";

import { KycError, NotFoundError, RateLimitError, WebhookVerificationError, verifyWebhook } from "../src/index.js";
import { client, closeClients, configureWebhook, newKey, noServer, receiver, rest, uploadAll, userId } from "./helpers.js";

async function waitFor<T>(what: string, find: () => T | undefined, ms = 60_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const v = find();
    if (v !== undefined) return v;
  }
  throw new Error(`no ${what} within ${ms / 1000}s`);
}

describe("rate limits and webhooks", { skip: noServer }, () => {
  after(closeClients);

  it("waits out a 429 with the server's retry-after", async (t) => {
    const key = newKey("ts-rate-limit");
    const probe = await rest(key, "GET", `/v1/kyc/status/${randomUUID()}`);
    if (!probe.headers.get("X-RateLimit-Limit")) {
      return t.skip(`no X-RateLimit-Limit header (HTTP ${probe.status}): rate limits (issue 7) are not in this server yet`);
    }
    const c = client({ apiKey: key });
    let limited: KycError | undefined;
    for (let i = 0; i < 1000 && !limited; i++) {
      try {
        await c.getStatus(randomUUID(), { maxAttempts: 1 });
      } catch (e) {
        if (e instanceof RateLimitError) limited = e;
        else if (!(e instanceof NotFoundError)) throw e;
      }
    }
    assert.ok(limited, "1000 requests in a row were never limited");
    assert.ok((limited.retryAfterMs ?? 0) > 0 && limited.httpStatus === 429 && limited.retryable);
    const start = Date.now();
    await assert.rejects(c.getStatus(randomUUID(), { timeoutMs: limited.retryAfterMs! + 60_000 }), NotFoundError);
    assert.ok(Date.now() - start >= limited.retryAfterMs! - 1500);
  });

  for (const [name, secret] of [
    ["whsec", "whsec_" + Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")],
    ["plain", "plain-secret-not-base64-" + randomUUID().slice(0, 8)],
  ]) {
    it(`verifies a real delivery (${name} secret)`, async (t) => {
      const key = newKey("ts-webhooks");
      const r = await receiver();
      try {
        const skip = await configureWebhook(key, r.url, secret);
        if (skip) return t.skip(skip);
        const c = client({ apiKey: key });
        const user = userId("webhook");
        const s = await c.initiate({ externalUserId: user });
        await uploadAll(c, user);
        const d = await waitFor("kyc.documents_uploaded delivery", () => r.deliveries.find((x) =>
          x.headers["x-event"] === "kyc.documents_uploaded" && x.body.includes(s.kycSessionId)));
        const ev = verifyWebhook(d.headers, d.body, secret, { requireStandard: true });
        assert.equal(ev.event, "kyc.documents_uploaded");
        assert.equal(ev.data.kycSessionId, s.kycSessionId);
        assert.equal(ev.data.externalUserId, user);
        const tampered = Buffer.from(d.body.toString().replace("documents_uploaded", "documents_uploadeD"));
        assert.throws(() => verifyWebhook(d.headers, tampered, secret), WebhookVerificationError);
        assert.throws(() => verifyWebhook(d.headers, d.body, secret + "x"), WebhookVerificationError);
        assert.throws(() => verifyWebhook(d.headers, d.body, secret, { now: Date.now() / 1000 + 600 }), /replay/);
      } finally {
        await r.close();
      }
    });
  }
});
