// KycClient: the KYC API over gRPC (Connect's Node HTTP/2 transport), with the API key, retries, typed errors
// and deadlines.
import { randomUUID } from "node:crypto";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type Client, type Interceptor, type Transport } from "@connectrpc/connect";
import { Http2SessionManager, createGrpcTransport } from "@connectrpc/connect-node";

import { DocumentType } from "./gen/kyc/v1/document_pb.js";
import {
  KycService, UploadDocumentRequestSchema, UploadMetadataSchema,
  type InitiateKycResponse, type KycSession, type UploadDocumentRequest, type UploadDocumentResponse,
  type UploadMetadata, type VerifyKycResponse,
} from "./gen/kyc/v1/kyc_service_pb.js";
import { KycStatus } from "./gen/kyc/v1/status_pb.js";
import { DeadlineExceededError, UnavailableError, UnimplementedError, makeError, toKycError } from "./errors.js";
import { DEFAULT_RETRY_POLICY, retryWait, sleep, withRetries, type RetryPolicy } from "./retry.js";
import { openSource, replayable, sniffType, type Source } from "./source.js";

export const API_KEY_ENV = "ENXTAI_API_KEY";

export interface ClientOptions {
  /** Default: process.env.ENXTAI_API_KEY. */
  apiKey?: string;
  /** Force TLS on or off; by default http:// and bare loopback hosts are plaintext, everything else TLS. */
  tls?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Bounds each call, retries included, that has no timeoutMs of its own. Default 60 s; 0: no bound. */
  timeoutMs?: number;
  /** Connect interceptors (logging, tracing) around every attempt. */
  interceptors?: Interceptor[];
}

export interface CallOptions {
  /** Bounds this call, retries and their waits included. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Overrides the policy's attempts; 1 disables retries. */
  maxAttempts?: number;
}

export interface InitiateParams {
  externalUserId: string;
  email?: string;
  /** E.164, e.g. +919876543210. */
  phone?: string;
  metadata?: Record<string, string>;
}

export interface UploadTarget {
  /** The user's newest open session... */
  externalUserId?: string;
  /** ...or this session (wins when both are set). */
  kycSessionId?: string;
}

const DECIDED = new Set([KycStatus.FACE_VERIFIED, KycStatus.PENDING_REVIEW, KycStatus.VERIFIED, KycStatus.REJECTED]);

/** Whether a status is a decision: FACE_VERIFIED or PENDING_REVIEW (the machine's), VERIFIED or REJECTED. */
export function isDecided(status: KycStatus): boolean {
  return DECIDED.has(status);
}

/** Calls the KYC API over gRPC. One instance per process is enough; close() when done. */
export class KycClient {
  /** The generated client on the same transport, for calls this class does not wrap (add x-api-key yourself). */
  readonly raw: Client<typeof KycService>;
  private readonly transport: Transport;
  private readonly sessions: Http2SessionManager;
  private readonly headers: Record<string, string>;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;

  /** address: "host:port", "http://host:port" (plaintext) or "https://host[:port]". */
  constructor(address: string, opts: ClientOptions = {}) {
    const key = opts.apiKey ?? process.env[API_KEY_ENV] ?? "";
    if (!key) throw new Error(`no API key: pass apiKey or set ${API_KEY_ENV}`);
    const url = baseUrl(address, opts.tls);
    this.sessions = new Http2SessionManager(url);
    this.transport = createGrpcTransport({ baseUrl: url, interceptors: opts.interceptors, sessionManager: this.sessions });
    this.raw = createClient(KycService, this.transport);
    this.headers = { "x-api-key": key };
    this.policy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    this.timeoutMs = opts.timeoutMs ?? 60_000;
  }

  /** Closes the HTTP/2 connection (an open one keeps a Node process alive); calls in flight are aborted. */
  close(): void {
    this.sessions.abort();
  }

  /** Creates a KYC session. Retries carry one Idempotency-Key, so a retry never opens a second session. */
  initiate(p: InitiateParams, opts: CallOptions & { idempotencyKey?: string } = {}): Promise<InitiateKycResponse> {
    const headers = { ...this.headers, "idempotency-key": opts.idempotencyKey ?? randomUUID() };
    return this.unary(opts, (o) => this.raw.initiateKyc(
      { externalUserId: p.externalUserId, email: p.email ?? "", phone: p.phone ?? "", metadata: p.metadata ?? {} },
      { ...o, headers }));
  }

  /** The session's status, progress, extracted data and scores. */
  async getStatus(kycSessionId: string, opts: CallOptions = {}): Promise<KycSession> {
    const r = await this.unary(opts, (o) => this.raw.getKycStatus({ kycSessionId }, { ...o, headers: this.headers }));
    if (!r.session) throw makeError("INTERNAL", "status response without a session");
    return r.session;
  }

  /** Runs (or re-runs) face verification and waits, bounded by the server, for the result. */
  verify(kycSessionId: string, opts: CallOptions = {}): Promise<VerifyKycResponse> {
    return this.unary(opts, (o) => this.raw.verifyKyc({ kycSessionId }, { ...o, headers: this.headers }));
  }

  /** Streams the PAN card image (path, bytes or stream) into the user's open session. */
  uploadPan(externalUserId: string, source: Source, opts?: CallOptions): Promise<UploadDocumentResponse> {
    return this.uploadDocument(DocumentType.PAN_CARD, source, { externalUserId }, opts);
  }

  /** Streams the Aadhaar front (with the photograph). */
  uploadAadhaarFront(externalUserId: string, source: Source, opts?: CallOptions): Promise<UploadDocumentResponse> {
    return this.uploadDocument(DocumentType.AADHAAR_FRONT, source, { externalUserId }, opts);
  }

  /** Streams the Aadhaar back (with the address). */
  uploadAadhaarBack(externalUserId: string, source: Source, opts?: CallOptions): Promise<UploadDocumentResponse> {
    return this.uploadDocument(DocumentType.AADHAAR_BACK, source, { externalUserId }, opts);
  }

  /** Streams the live photo (selfie); with all four documents present, verification starts. */
  uploadLivePhoto(externalUserId: string, source: Source, opts?: CallOptions): Promise<UploadDocumentResponse> {
    return this.uploadDocument(DocumentType.LIVE_PHOTO, source, { externalUserId }, opts);
  }

  /**
   * Streams a document in 64 KiB messages (metadata first), reading the source as it goes. A failed upload is
   * sent again only when the source can be read again: a path, bytes, or a function that opens it afresh.
   */
  async uploadDocument(documentType: DocumentType, source: Source, target: UploadTarget,
    opts: CallOptions = {}): Promise<UploadDocumentResponse> {
    const meta = create(UploadMetadataSchema, { documentType });
    meta.target = target.kycSessionId
      ? { case: "kycSessionId", value: target.kycSessionId }
      : { case: "externalUserId", value: target.externalUserId ?? "" };
    let consumed = false;
    return this.unary(opts, async (o) => {
      const opened = openSource(source);
      const failure: { err?: unknown } = {};
      try {
        return await this.raw.uploadDocument(requests(meta, opened, failure), { ...o, headers: this.headers });
      } catch (e) {
        if (failure.err !== undefined) throw failure.err; // the source failed, not the network: the caller's error
        throw e;
      } finally {
        consumed ||= opened.readBytes() > 0;
      }
    }, () => replayable(source) || !consumed);
  }

  /**
   * Yields the session as it is now, then after every change, until the server ends the stream (the session is
   * decided), the signal aborts, or timeoutMs passes (DeadlineExceededError). A dropped connection is resumed
   * under the retry policy; the server sends the current state again first.
   */
  async *watchStatus(kycSessionId: string, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): AsyncGenerator<KycSession> {
    const deadline = opts.timeoutMs === undefined ? undefined : Date.now() + opts.timeoutMs;
    for (let attempt = 1; ; attempt++) {
      // The deadline is our own timer, not Connect's timeoutMs: Connect's timer outlives a stream the caller
      // stops iterating early and keeps the process alive until it fires.
      const stop = new AbortController();
      const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
      const timer = deadline === undefined ? undefined
        : setTimeout(() => stop.abort(), Math.max(deadline - Date.now(), 1));
      try {
        for await (const msg of this.raw.watchKycStatus({ kycSessionId }, { headers: this.headers, signal })) {
          attempt = 1; // progress: a later drop starts the backoff afresh
          if (msg.session) yield msg.session;
        }
        return;
      } catch (e) {
        if (deadline !== undefined && Date.now() >= deadline && !opts.signal?.aborted) {
          throw new DeadlineExceededError("DEADLINE_EXCEEDED", "the watch's deadline passed", undefined, "", { cause: e });
        }
        const err = toKycError(lostConnection(e, opts.signal));
        const delay = retryWait(this.policy, err, attempt, deadline);
        if (delay === undefined) throw err;
        await sleep(delay, opts.signal);
      } finally {
        clearTimeout(timer);
        stop.abort();
      }
    }
  }

  /**
   * Resolves with the session once decided (see isDecided), following its status stream, or polling every
   * second where the server cannot stream. Rejects with DeadlineExceededError after timeoutMs.
   */
  async waitForDecision(kycSessionId: string, timeoutMs: number, opts: { signal?: AbortSignal } = {}): Promise<KycSession> {
    const deadline = Date.now() + timeoutMs;
    let last: KycSession | undefined;
    const undecided = () => new DeadlineExceededError("DEADLINE_EXCEEDED",
      `no decision within ${timeoutMs / 1000}s (status ${last ? KycStatus[last.status] : "unknown"})`);
    try {
      for await (const s of this.watchStatus(kycSessionId, { signal: opts.signal, timeoutMs })) {
        last = s;
        if (isDecided(s.status)) return s;
      }
    } catch (e) {
      if (e instanceof DeadlineExceededError) throw undecided();
      if (!(e instanceof UnimplementedError)) throw e;
    }
    for (;;) { // the stream ended undecided, or streaming is not offered: poll
      const left = deadline - Date.now();
      if (left <= 0) throw undecided();
      try {
        last = await this.getStatus(kycSessionId, { timeoutMs: left, signal: opts.signal });
      } catch (e) {
        if (e instanceof DeadlineExceededError) throw undecided();
        throw e;
      }
      if (isDecided(last.status)) return last;
      await sleep(Math.min(1000, Math.max(deadline - Date.now(), 0)), opts.signal);
    }
  }

  private unary<T>(opts: CallOptions, call: (o: { timeoutMs?: number; signal?: AbortSignal }) => Promise<T>,
    mayRetry?: () => boolean): Promise<T> {
    const policy = opts.maxAttempts ? { ...this.policy, maxAttempts: opts.maxAttempts } : this.policy;
    const total = opts.timeoutMs ?? (this.timeoutMs || undefined);
    const deadline = total === undefined ? undefined : Date.now() + total;
    return withRetries(policy, async (leftMs) => {
      try {
        return await call({ timeoutMs: leftMs, signal: opts.signal });
      } catch (e) {
        throw lostConnection(e, opts.signal, deadline);
      }
    }, deadline, opts.signal, mayRetry);
  }
}

/**
 * Connect reports a connection that died under a call as CANCELLED ("http/2 stream closed with error code
 * CANCEL") or ABORTED (ECONNRESET, a destroyed stream). An error the server did not send (not a wire error), and
 * that the caller's own signal did not cause, is the network failing: UNAVAILABLE, as gRPC names it. Unless the
 * call's deadline has passed: then the stream was closed because of it (when the deadline fires in the middle
 * of a streaming upload, Connect may see the stream's reset before its own timer), which is DEADLINE_EXCEEDED.
 */
export function lostConnection(e: unknown, signal?: AbortSignal, deadline?: number): unknown {
  if (!(e instanceof ConnectError) || e.isWireError || signal?.aborted) return e;
  if (e.code !== Code.Canceled && e.code !== Code.Aborted) return e;
  if (deadline !== undefined && Date.now() >= deadline) {
    return new DeadlineExceededError("DEADLINE_EXCEEDED", `the call's deadline passed: ${e.rawMessage}`, undefined, "", { cause: e });
  }
  return new UnavailableError("UNAVAILABLE", `connection lost: ${e.rawMessage}`, undefined, "", { cause: e });
}

/** The upload's messages: metadata (content type sniffed from the first chunk), then the chunks. */
async function* requests(meta: UploadMetadata, opened: ReturnType<typeof openSource>,
  failure: { err?: unknown }): AsyncGenerator<UploadDocumentRequest> {
  try {
    let first = true;
    for await (const chunk of opened.chunks) {
      if (first) {
        // A known size lets the server store the document while it arrives and refuse one too large at once.
        yield create(UploadDocumentRequestSchema, { payload: { case: "metadata", value: {
          ...meta, contentType: sniffType(chunk), fileName: opened.name, sizeBytes: BigInt(opened.size()) } } });
        first = false;
      }
      yield create(UploadDocumentRequestSchema, { payload: { case: "chunk", value: chunk } });
    }
    if (first) {
      yield create(UploadDocumentRequestSchema, { payload: { case: "metadata", value: { ...meta, fileName: opened.name } } });
    }
  } catch (e) {
    failure.err = e;
    throw e;
  }
}

/** The transport's base URL for an address. */
export function baseUrl(address: string, tls?: boolean): string {
  let scheme: string, host: string;
  const m = /^(https?):\/\/([^/]+)/.exec(address);
  if (m) {
    [scheme, host] = [m[1], m[2]];
  } else {
    if (!/^(\[[^\]]+\]|[^:]+):\d+$/.test(address)) {
      throw new Error(`address ${JSON.stringify(address)}: want host:port, http://host:port or https://host`);
    }
    host = address;
    const name = address.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
    scheme = isLoopback(name) ? "http" : "https";
  }
  if (tls !== undefined) scheme = tls ? "https" : "http";
  return `${scheme}://${host}`;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
