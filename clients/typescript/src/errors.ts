// Typed errors: every failed call rejects with a KycError subclass carrying the gRPC code, the server's message
// (safe to show) and, for rate limits, the server's retry-after.
import { ConnectError } from "@connectrpc/connect";

export const REASON_PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";

// gRPC status code names by number (the same numbers as Connect's Code enum).
const CODE_NAMES = [
  "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
  "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
  "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
] as const;

export type StatusCodeName = (typeof CODE_NAMES)[number];

const HTTP: Partial<Record<StatusCodeName, number>> = {
  INVALID_ARGUMENT: 400, FAILED_PRECONDITION: 400, OUT_OF_RANGE: 400, UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403, NOT_FOUND: 404, ALREADY_EXISTS: 409, ABORTED: 409, RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499, UNIMPLEMENTED: 501, UNAVAILABLE: 503, DEADLINE_EXCEEDED: 504,
};

/** A failed call: `code` is the gRPC status name (e.g. "NOT_FOUND"), `rawMessage` the server's text. */
export class KycError extends Error {
  constructor(
    readonly code: StatusCodeName,
    readonly rawMessage: string,
    /** Milliseconds the server asked to wait (rate limits), when it said. */
    readonly retryAfterMs?: number,
    /** The google.rpc.ErrorInfo reason, when the server sent one. */
    readonly reason = "",
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${rawMessage}`, options);
    this.name = new.target.name;
  }

  /** The REST status code of the same failure, as the API guide lists them. */
  get httpStatus(): number {
    if (this.code === "RESOURCE_EXHAUSTED" && this.reason === REASON_PAYLOAD_TOO_LARGE) return 413;
    return HTTP[this.code] ?? 500;
  }

  /** Whether the same call may succeed later: UNAVAILABLE, or a rate limit with a retry-after. */
  get retryable(): boolean {
    return this.code === "UNAVAILABLE" || (this.code === "RESOURCE_EXHAUSTED" && (this.retryAfterMs ?? 0) > 0);
  }
}

/** 400: the request or the file is not acceptable; fix it before sending again. */
export class InvalidArgumentError extends KycError {}
/** 401: missing, unknown or revoked API key. */
export class AuthenticationError extends KycError {}
/** 403: the session belongs to another client, or the key may not call this. */
export class PermissionDeniedError extends KycError {}
/** 404: no such session. */
export class NotFoundError extends KycError {}
/** 400: the session's state does not allow this. */
export class FailedPreconditionError extends KycError {}
/** 429: too many requests; retryAfterMs says how long to wait. */
export class RateLimitError extends KycError {}
/** 413: the file is larger than the API accepts (5 MB). */
export class PayloadTooLargeError extends KycError {}
/** 503: the server could not be reached; retried automatically. */
export class UnavailableError extends KycError {}
/** The call's deadline passed (or waitForDecision's timeout). */
export class DeadlineExceededError extends KycError {}
/** The server does not offer this call. */
export class UnimplementedError extends KycError {}
/** The call was cancelled by its AbortSignal. */
export class CancelledError extends KycError {}

const CLASSES: Partial<Record<StatusCodeName, typeof KycError>> = {
  INVALID_ARGUMENT: InvalidArgumentError, OUT_OF_RANGE: InvalidArgumentError,
  UNAUTHENTICATED: AuthenticationError, PERMISSION_DENIED: PermissionDeniedError, NOT_FOUND: NotFoundError,
  FAILED_PRECONDITION: FailedPreconditionError, UNAVAILABLE: UnavailableError,
  DEADLINE_EXCEEDED: DeadlineExceededError, UNIMPLEMENTED: UnimplementedError, CANCELLED: CancelledError,
};

/** The KycError subclass for a status code. */
export function makeError(code: StatusCodeName, message: string, retryAfterMs?: number, reason = "",
  cause?: unknown): KycError {
  let cls = CLASSES[code] ?? KycError;
  if (code === "RESOURCE_EXHAUSTED") cls = reason === REASON_PAYLOAD_TOO_LARGE ? PayloadTooLargeError : RateLimitError;
  return new cls(code, message, retryAfterMs, reason, { cause });
}

/** Turns what a Connect call threw into a KycError (a KycError passes through). */
export function toKycError(err: unknown): KycError {
  if (err instanceof KycError) return err;
  const ce = ConnectError.from(err);
  const code = CODE_NAMES[ce.code] ?? "UNKNOWN";
  let reason = "";
  for (const d of ce.details) {
    if ("type" in d && d.type === "google.rpc.ErrorInfo") reason = errorInfoReason(d.value);
  }
  return makeError(code, ce.rawMessage, retryAfterMs(ce.metadata), reason, err);
}

/** The retry-after metadata (whole seconds, as in HTTP) in milliseconds. */
export function retryAfterMs(md: Headers): number | undefined {
  const v = md.get("retry-after");
  if (v === null) return undefined;
  const s = Number(v.split(",")[0]);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}

// google.rpc.ErrorInfo's reason (field 1) read by hand: the package needs no googleapis protos.
export function errorInfoReason(b: Uint8Array): string {
  let i = 0;
  const varint = (): number => {
    let shift = 0, v = 0;
    for (;;) {
      if (i >= b.length) throw new RangeError("truncated");
      const x = b[i++];
      v += (x & 0x7f) * 2 ** shift;
      if (!(x & 0x80)) return v;
      shift += 7;
    }
  };
  try {
    while (i < b.length) {
      const key = varint();
      const field = Math.floor(key / 8), wire = key & 7;
      if (wire === 0) varint();
      else if (wire === 2) {
        const n = varint();
        if (i + n > b.length) return "";
        if (field === 1) return new TextDecoder().decode(b.subarray(i, i + n));
        i += n;
      } else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return "";
    }
  } catch {
    return "";
  }
  return "";
}
