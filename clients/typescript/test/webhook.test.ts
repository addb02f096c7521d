import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { WebhookVerificationError, standardWebhooksKey, verifyWebhook } from "../src/index.js";

interface Vectors {
  now: number;
  cases: { name: string; secret: string; headers: Record<string, string>; body: string; ok: boolean; requireStandard: boolean }[];
}
const vectors: Vectors = JSON.parse(readFileSync(new URL("../../../testdata/webhook-vectors.json", import.meta.url), "utf8"));

// Deliveries signed by an independent script, shared with the Go and Python SDKs.
describe("verifyWebhook vectors", () => {
  for (const c of vectors.cases) {
    it(c.name, () => {
      const verify = () => verifyWebhook(c.headers, Buffer.from(c.body), c.secret,
        { now: vectors.now, requireStandard: c.requireStandard });
      if (c.ok) {
        const ev = verify();
        assert.equal(ev.event, "kyc.verification_completed");
        assert.equal(ev.data.verificationScores?.faceMatchScore, 0.87);
      } else {
        assert.throws(verify, WebhookVerificationError);
      }
    });
  }
  it("takes a fetch Headers object", () => {
    const c = vectors.cases[0];
    assert.equal(verifyWebhook(new Headers(c.headers), c.body, c.secret, { now: vectors.now }).data.status, "FACE_VERIFIED");
  });
});

describe("standardWebhooksKey", () => {
  for (const [secret, key] of [["whsec_aGVsbG8=", "hello"], ["aGVsbG8=", "hello"],
    ["not-base64-secret!", "not-base64-secret!"], ["whsec_###", "whsec_###"]]) {
    it(secret, () => assert.equal(standardWebhooksKey(secret).toString(), key));
  }
});
