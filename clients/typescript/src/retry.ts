// When and how long to wait before sending a failed call again.
import { ConnectError } from "@connectrpc/connect";

import { KycError, toKycError } from "./errors.js";

/**
 * Retries UNAVAILABLE, and RESOURCE_EXHAUSTED that carries a retry-after (a rate limit, not "file too large");
 * never client errors. The defaults follow the API guide: about 1 s, 2 s, 4 s, 8 s, five attempts.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 disables retries. */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  multiplier: number;
  /** A longer retry-after than this is returned to the caller instead of waited for. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 5, initialBackoffMs: 1000, maxBackoffMs: 30_000, multiplier: 2, maxRetryAfterMs: 120_000,
});

/**
 * Milliseconds to wait before attempt+1 after err failed attempt (1-based), or undefined: do not retry (not
 * retryable, attempts used up, or the wait would pass the deadline, a Date.now() value).
 */
export function retryWait(p: RetryPolicy, err: KycError, attempt: number, deadline?: number): number | undefined {
  if (attempt >= p.maxAttempts || !err.retryable) return undefined;
  let delay: number;
  if (err.retryAfterMs) {
    if (err.retryAfterMs > p.maxRetryAfterMs) return undefined;
    delay = err.retryAfterMs + Math.random() * 100; // spread clients waking together
  } else {
    delay = backoff(p, attempt);
  }
  if (deadline !== undefined && Date.now() + delay > deadline) return undefined;
  return delay;
}

/** Exponential wait after the given attempt with "equal jitter": half fixed, half random. */
export function backoff(p: RetryPolicy, attempt: number): number {
  const b = Math.min(p.initialBackoffMs * p.multiplier ** (attempt - 1), p.maxBackoffMs);
  return b / 2 + Math.random() * (b / 2);
}

/** Resolves after ms, or rejects when signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => { signal?.removeEventListener("abort", onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(signal!.reason); };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Calls attempt(milliseconds left or undefined) until it resolves, or rejects with its KycError for good (other
 * errors, such as a source that cannot be read, pass through untouched).
 * mayRetry (optional) vetoes a retry, e.g. for an upload whose bytes are gone.
 */
export async function withRetries<T>(p: RetryPolicy, attempt: (leftMs?: number) => Promise<T>,
  deadline?: number, signal?: AbortSignal, mayRetry?: () => boolean): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(deadline === undefined ? undefined : Math.max(deadline - Date.now(), 1));
    } catch (e) {
      if (!(e instanceof KycError) && !(e instanceof ConnectError)) throw e; // e.g. a file that cannot be read
      const err = toKycError(e);
      const delay = retryWait(p, err, n, deadline);
      if (delay === undefined || (mayRetry && !mayRetry())) throw err;
      await sleep(delay, signal);
    }
  }
}
