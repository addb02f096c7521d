// The examples run against the real server.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";

import { UnimplementedError } from "../src/index.js";
import { client, closeClients, configureWebhook, env, freeAddr, newKey, noServer, uploadAll, userId } from "./helpers.js";

const example = (name: string) => new URL(`../examples/${name}.js`, import.meta.url).pathname;

describe("examples", { skip: noServer }, () => {
  let decides = false;
  before(async () => {
    try { await client().verify(randomUUID()); decides = true; } catch (e) { decides = !(e instanceof UnimplementedError); }
  });
  after(closeClients);

  it("complete-integration: the guide's flow (to the decision, or to the wait without the pipeline)", async () => {
    const timeout = decides ? "180" : "2";
    const run = promisify(execFile)(process.execPath, [example("complete-integration"), "--addr", env.grpcAddr,
      "--docs", env.docs, "--user", userId("example"), "--timeout", timeout], { env: { ...process.env, ENXTAI_API_KEY: env.apiKey } });
    const out = await run.then((r) => ({ ...r, code: 0 }), (e) => ({ stdout: e.stdout as string, stderr: e.stderr as string, code: e.code as number }));
    for (const line of ["KYC session created:", "PAN uploaded", "Aadhaar front uploaded", "Aadhaar back uploaded",
      "Live photo uploaded - verification started"]) assert.ok(out.stdout.includes(line), out.stdout + out.stderr);
    if (decides) assert.ok(out.code === 0 && out.stdout.includes("Final status:"), out.stdout + out.stderr);
    else assert.ok(out.code === 1 && out.stderr.includes("no decision within 2s"), out.stdout + out.stderr);
  });

  it("webhook-receiver: accepts a real delivery, refuses an unsigned one", async (t) => {
    const key = newKey("ts-example-receiver");
    const addr = await freeAddr();
    const secret = "example-receiver-secret-1234";
    const skip = await configureWebhook(key, `http://${addr}/webhooks/kyc`, secret);
    if (skip) return t.skip(skip);
    const p = spawn(process.execPath, [example("webhook-receiver"), "--addr", addr], { env: { ...process.env, WEBHOOK_SECRET: secret } });
    let logs = "";
    p.stdout.on("data", (d) => { logs += d; });
    try {
      for (let i = 0; i < 100 && !logs.includes("listening"); i++) await new Promise((r) => setTimeout(r, 50));
      const unsigned = await fetch(`http://${addr}/webhooks/kyc`, { method: "POST", body: "{}" });
      assert.equal(unsigned.status, 401);
      const c = client({ apiKey: key });
      const user = userId("example-webhook");
      const s = await c.initiate({ externalUserId: user });
      await uploadAll(c, user);
      const want = `kyc.documents_uploaded for session ${s.kycSessionId}`;
      for (const end = Date.now() + 60_000; Date.now() < end && !logs.includes(want);) await new Promise((r) => setTimeout(r, 100));
      assert.ok(logs.includes(want), logs);
    } finally {
      p.kill();
    }
  });
});
