// Checks the signatures of webhook deliveries: the guide's X-Signature and the Standard Webhooks headers.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Seconds a webhook-timestamp may be away from now before the delivery counts as a replay. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The delivery is not proven to come from EnxtAI: answer 401 and ignore it. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookVerificationError";
  }
}

/** A delivery's body, as the API guide's JSON schema defines it. */
export interface WebhookEvent {
  id: string;
  event: "kyc.documents_uploaded" | "kyc.verification_completed" | "kyc.status_changed" | string;
  timestamp: string;
  data: {
    kycSessionId: string;
    externalUserId: string;
    status: string;
    extractedData?: { panNumber?: string; aadhaarNumber?: string; fullName?: string; dateOfBirth?: string; address?: string };
    verificationScores?: { faceMatchScore?: number; livenessScore?: number };
  };
}

export interface VerifyWebhookOptions {
  toleranceSeconds?: number;
  /** Current time in Unix seconds (for tests). */
  now?: number;
  /** Refuse deliveries that carry only X-Signature (which cannot detect a replay). */
  requireStandard?: boolean;
}

/** Headers as Node's IncomingHttpHeaders, a fetch Headers object, or a plain record (any case). */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/**
 * Checks a delivery and returns its parsed body. Pass the raw body exactly as received, not a re-serialised
 * object. When the Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature) are present
 * they must verify, with the timestamp within the tolerance; when X-Signature (hex HMAC-SHA256 of the body, the
 * guide's scheme) is present it must verify too; at least one must be there.
 */
export function verifyWebhook(headers: WebhookHeaders, rawBody: Uint8Array | string, secret: string,
  opts: VerifyWebhookOptions = {}): WebhookEvent {
  if (!secret) throw new WebhookVerificationError("empty secret");
  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : Buffer.from(rawBody);
  const h = lowerCase(headers);
  const hasStd = !!h["webhook-signature"], hasHex = !!h["x-signature"];
  if (!hasStd && !hasHex) throw new WebhookVerificationError("no X-Signature or webhook-signature header");
  if (opts.requireStandard && !hasStd) throw new WebhookVerificationError("no Standard Webhooks headers");
  if (hasStd) {
    verifyStandard(h, body, secret, opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS, opts.now ?? Date.now() / 1000);
  }
  if (hasHex) {
    const want = createHmac("sha256", secret).update(body).digest();
    const got = Buffer.from(h["x-signature"].trim(), "hex");
    if (!/^[0-9a-fA-F]{64}$/.test(h["x-signature"].trim()) || !timingSafeEqual(got, want)) {
      throw new WebhookVerificationError("X-Signature does not match");
    }
  }
  try {
    return JSON.parse(body.toString("utf8")) as WebhookEvent;
  } catch (e) {
    throw new WebhookVerificationError(`body is not JSON: ${(e as Error).message}`);
  }
}

/**
 * The Standard Webhooks HMAC key: the secret without "whsec_", base64-decoded; a secret that is not base64 is
 * used as its raw bytes (as the server signs).
 */
export function standardWebhooksKey(secret: string): Buffer {
  const s = secret.startsWith("whsec_") ? secret.slice(6) : secret;
  if (s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s)) return Buffer.from(s, "base64");
  return Buffer.from(secret, "utf8");
}

function verifyStandard(h: Record<string, string>, body: Buffer, secret: string, tolerance: number, now: number) {
  const id = h["webhook-id"], ts = h["webhook-timestamp"];
  if (!id || !ts) throw new WebhookVerificationError("webhook-id or webhook-timestamp missing");
  if (!/^\d+$/.test(ts)) throw new WebhookVerificationError("webhook-timestamp is not a number");
  if (Math.abs(now - Number(ts)) > tolerance) {
    throw new WebhookVerificationError(`webhook-timestamp is ${Math.round(now - Number(ts))}s away from now (a replay?)`);
  }
  const mac = createHmac("sha256", standardWebhooksKey(secret)).update(`${id}.${ts}.`).update(body).digest();
  for (const sig of h["webhook-signature"].split(/\s+/)) {
    const [version, b64] = sig.split(",", 2);
    if (version !== "v1" || !b64 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) continue;
    const got = Buffer.from(b64, "base64");
    if (got.length === mac.length && timingSafeEqual(got, mac)) return;
  }
  throw new WebhookVerificationError("no webhook-signature matches");
}

function lowerCase(headers: WebhookHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof (headers as Headers).forEach === "function" && typeof (headers as Headers).get === "function") {
    (headers as Headers).forEach((v, k) => { out[k.toLowerCase()] = v; });
    return out;
  }
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}
