// Shared test helpers: the live server's settings, extra API keys, REST calls, and a TCP proxy that cuts a
// connection (a real network fault between the SDK and the real server).
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import type { Interceptor } from "@connectrpc/connect";

import { KycClient, type RetryPolicy } from "../src/index.js";

export const env = {
  grpcAddr: process.env.KYC_GRPC_ADDR ?? "",
  baseUrl: process.env.KYC_BASE_URL ?? "",
  apiKey: process.env.ENXTAI_API_KEY ?? "",
  docs: process.env.KYC_TEST_DOCS ?? "",
  serverBin: process.env.KYC_SERVER_BIN ?? "",
  databaseUrl: process.env.KYC_DATABASE_URL ?? "",
};

/** Why live tests skip, or false when a test server is there (make test-sdk-ts). */
export const noServer = env.grpcAddr && env.apiKey && env.docs
  ? false : "no test server: run under internal/testkit/cmd/testenv (make test-sdk-ts)";

export const doc = (name: string) => path.join(env.docs, name);

export const userId = (name: string) => `ts-${name}-${randomUUID().slice(0, 8)}`;

/** The default policy with short waits, so fault tests stay quick. */
export const fastRetries = (maxAttempts = 6): Partial<RetryPolicy> =>
  ({ maxAttempts, initialBackoffMs: 100, maxBackoffMs: 1000 });

const clients: KycClient[] = [];

/** A client of the test server (closed by closeClients). */
export function client(opts: ConstructorParameters<typeof KycClient>[1] = {}, address = env.grpcAddr): KycClient {
  const c = new KycClient(address, { apiKey: env.apiKey, ...opts });
  clients.push(c);
  return c;
}

/** Closes every client made by client(), so the test process can exit. */
export function closeClients(): void {
  for (const c of clients.splice(0)) c.close();
}

/** Another client (tenant) made with `kyc-server client create`, as an operator does. */
export function newKey(name: string): string {
  const out = execFileSync(env.serverBin, ["client", "create", "--name", name],
    { env: { ...process.env, KYC_DATABASE_URL: env.databaseUrl, KYC_LOG_FORMAT: "text" } });
  return JSON.parse(out.toString()).apiKey;
}

/** A REST call (for what the SDK does not wrap, e.g. webhook settings). */
export async function rest(key: string, method: string, p: string, body?: unknown) {
  const r = await fetch(env.baseUrl + p, { method, headers: { "X-API-Key": key, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, headers: r.headers, body: await r.text() };
}

export async function uploadAll(c: KycClient, user: string): Promise<void> {
  await c.uploadPan(user, doc("pan.jpg"));
  await c.uploadAadhaarFront(user, doc("aadhaar-front.jpg"));
  await c.uploadAadhaarBack(user, doc("aadhaar-back.jpg"));
  await c.uploadLivePhoto(user, doc("live-photo.jpg"));
}

/** Counts streaming calls (upload attempts). */
export function streamCounter(): { count: number; interceptor: Interceptor } {
  const c = { count: 0, interceptor: ((next) => async (req) => { if (req.stream) c.count++; return next(req); }) as Interceptor };
  return c;
}

export async function freeAddr(): Promise<string> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return `127.0.0.1:${port}`;
}

/** Forwards TCP to target; the first connection is cut after cutAfter bytes from the client (0: never). */
export class CutProxy {
  connections = 0;
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  private constructor(readonly target: string, readonly cutAfter: number) {
    this.server = net.createServer((client) => this.forward(client));
  }

  static async start(addr: string, target: string, cutAfter = 0): Promise<CutProxy> {
    const p = new CutProxy(target, cutAfter);
    const [host, port] = [addr.slice(0, addr.lastIndexOf(":")), Number(addr.slice(addr.lastIndexOf(":") + 1))];
    await new Promise<void>((r) => p.server.listen(port, host, r));
    return p;
  }

  get addr(): string {
    const a = this.server.address() as net.AddressInfo;
    return `${a.address}:${a.port}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }

  private forward(client: net.Socket) {
    const n = ++this.connections;
    const [host, port] = [this.target.slice(0, this.target.lastIndexOf(":")), Number(this.target.slice(this.target.lastIndexOf(":") + 1))];
    const server = net.connect(port, host);
    this.sockets.add(client).add(server);
    const limit = n === 1 ? this.cutAfter : 0;
    let sent = 0;
    client.on("data", (d: Buffer) => {
      if (limit && sent + d.length >= limit) {
        server.write(d.subarray(0, limit - sent));
        client.destroy();
        server.destroy();
        return;
      }
      sent += d.length;
      server.write(d);
    });
    server.on("data", (d: Buffer) => client.write(d));
    const end = () => { client.destroy(); server.destroy(); };
    client.on("close", end).on("error", end);
    server.on("close", end).on("error", end);
  }
}

export interface Delivery { headers: http.IncomingHttpHeaders; body: Buffer }

/** A webhook endpoint on loopback keeping every delivery. */
export async function receiver(): Promise<{ url: string; deliveries: Delivery[]; close: () => Promise<void> }> {
  const deliveries: Delivery[] = [];
  const srv = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (d: Buffer) => parts.push(d)).on("end", () => {
      deliveries.push({ headers: req.headers, body: Buffer.concat(parts) });
      res.writeHead(200).end("OK");
    });
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as net.AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/webhooks/kyc`, deliveries,
    close: () => new Promise((r) => { srv.closeAllConnections(); srv.close(() => r()); }) };
}

/** Sets the endpoint and secret, or returns a skip reason while the server has no webhooks. */
export async function configureWebhook(key: string, url: string, secret: string): Promise<string | undefined> {
  const r = await rest(key, "PUT", "/v1/webhooks", { url, secret });
  if ([404, 405, 501].includes(r.status)) return `PUT /api/v1/webhooks answered ${r.status}: webhooks (issue 6) are not in this server yet`;
  assert.ok(r.status >= 200 && r.status < 300, r.body);
  return undefined;
}

