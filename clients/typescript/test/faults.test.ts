// Retries against real network faults between the SDK and the real server.
import assert from "node:assert/strict";
import { createReadStream, readFileSync } from "node:fs";
import { after, describe, it } from "node:test";

import { UnavailableError, type Source } from "../src/index.js";
import { CutProxy, client, closeClients, doc, env, fastRetries, freeAddr, noServer, streamCounter, userId } from "./helpers.js";

describe("network faults", { skip: noServer }, () => {
  after(closeClients);

  it("retries until the server comes up", async () => {
    const addr = await freeAddr();
    let proxy: CutProxy | undefined;
    const late = setTimeout(async () => { proxy = await CutProxy.start(addr, env.grpcAddr); }, 400);
    try {
      const c = client({ retry: fastRetries(12) }, addr);
      const start = Date.now();
      const s = await c.initiate({ externalUserId: userId("late") }, { timeoutMs: 30_000 });
      assert.ok(s.kycSessionId && Date.now() - start >= 300);
    } finally {
      clearTimeout(late);
      await proxy?.close();
    }
  });

  it("gives up with UnavailableError after the attempts", async () => {
    const counter = streamCounter();
    const c = client({ retry: fastRetries(3), interceptors: [counter.interceptor] }, await freeAddr());
    await assert.rejects(c.uploadPan("nobody", doc("pan.jpg")), UnavailableError);
    assert.equal(counter.count, 3);
  });

  // The first connection drops after 1 MB: a path or a stream factory is sent again, a consumed stream is not.
  const cases: [string, () => Source, boolean, number][] = [
    ["path is re-read", () => doc("big.jpg"), true, 2],
    ["bytes are re-sent", () => readFileSync(doc("big.jpg")), true, 2],
    ["stream factory is re-opened", () => () => createReadStream(doc("big.jpg")), true, 2],
    ["consumed stream is not re-sent", () => createReadStream(doc("big.jpg")), false, 1],
  ];
  for (const [name, source, ok, attempts] of cases) {
    it(`cut mid-upload: ${name}`, async () => {
      const proxy = await CutProxy.start("127.0.0.1:0", env.grpcAddr, 1 << 20);
      const counter = streamCounter();
      try {
        const c = client({ retry: fastRetries(), interceptors: [counter.interceptor] }, proxy.addr);
        const user = userId("cut");
        await c.initiate({ externalUserId: user });
        if (ok) assert.ok((await c.uploadLivePhoto(user, source())).success);
        else await assert.rejects(c.uploadLivePhoto(user, source()), UnavailableError);
      } finally {
        await proxy.close();
      }
      assert.equal(counter.count, attempts);
    });
  }
});
