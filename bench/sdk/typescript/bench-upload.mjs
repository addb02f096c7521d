// A 5 MB upload through the TypeScript SDK (KycClient.uploadLivePhoto) against the raw generated service
// (Connect client of KycService.uploadDocument with hand-made 64 KiB chunks), alternating the two; prints the
// median MB/s of each and their ratio. The raw side is the generated service's Connect client
// (KycClient.raw: createClient(KycService, createGrpcTransport(...)), nothing of the wrapper on the path) on the
// same transport as the wrapper: with a second client for it, an A/A run (raw on both sides) showed the second
// client's side 8-20% more CPU whatever code it ran (bench/sdk.md). BENCH_AA=1 runs that control: raw on both.
// Run it under testenv: make bench-sdk (which builds clients/typescript).
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";

import { DocumentType, KycClient } from "../../../clients/typescript/dist/src/index.js";

const n = Number(process.argv[2] ?? 10);
const addr = process.env.KYC_GRPC_ADDR, key = process.env.ENXTAI_API_KEY;
const file = path.join(process.env.KYC_TEST_DOCS, "big.jpg");
const size = (await stat(file)).size;
const user = `bench-ts-${Date.now()}`;

// What a user of the generated service alone would write, declaring the size as the wrapper does (so both take
// the same server path and the difference is the wrapper's own cost).
async function* rawRequests() {
  yield { payload: { case: "metadata", value: { target: { case: "externalUserId", value: user },
    documentType: DocumentType.LIVE_PHOTO, contentType: "image/jpeg", sizeBytes: BigInt(size) } } };
  const fh = await open(file, "r");
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(64 * 1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (!bytesRead) return;
      yield { payload: { case: "chunk", value: buf.subarray(0, bytesRead) } };
    }
  } finally {
    await fh.close();
  }
}

const client = new KycClient(addr, { apiKey: key });
const raw = client.raw;
await client.initiate({ externalUserId: user });
const only = process.argv[3]; // "raw stub" or "wrapper": that variant alone (see run.sh)
const variants = [
  ["raw stub", () => raw.uploadDocument(rawRequests(), { headers: { "x-api-key": key }, timeoutMs: 60_000 })],
  ["wrapper", process.env.BENCH_AA ? () => raw.uploadDocument(rawRequests(), { headers: { "x-api-key": key }, timeoutMs: 60_000 })
    : () => client.uploadLivePhoto(user, file)],
].filter(([name]) => !only || name === only);
const times = { "raw stub": [], wrapper: [] };
const cpu = { "raw stub": 0, wrapper: 0 }; // this process's CPU (µs): the client's cost, whatever the server's load
for (let i = 0; i < n + 1; i++) { // the first round warms up and is not counted
  for (const [name, run] of i % 2 ? [...variants].reverse() : variants) { // alternate who goes first
    const start = performance.now(), c0 = process.cpuUsage();
    await run();
    if (i) {
      times[name].push((performance.now() - start) / 1000);
      const c = process.cpuUsage(c0);
      cpu[name] += c.user + c.system;
    }
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
if (only) { // one line for run.sh: seconds of each upload, then the CPU ms per upload
  console.log(JSON.stringify({ times: times[only], cpuMs: cpu[only] / n / 1000 }));
  client.close();
  process.exit(0);
}
const [rawMB, wrapMB] = ["raw stub", "wrapper"].map((k) => size / 1e6 / median(times[k]));
const [bestRaw, bestWrap] = ["raw stub", "wrapper"].map((k) => size / 1e6 / Math.min(...times[k]));
const f = (x) => x.toFixed(1).padStart(5);
console.log(`typescript  median: raw ${f(rawMB)} MB/s, wrapper ${f(wrapMB)} MB/s, ratio ${(wrapMB / rawMB).toFixed(2)}   ` +
  `best: raw ${f(bestRaw)}, wrapper ${f(bestWrap)}, ratio ${(bestWrap / bestRaw).toFixed(2)}   ` +
  `client CPU/upload: raw ${f(cpu["raw stub"] / n / 1000)} ms, wrapper ${f(cpu.wrapper / n / 1000)} ms`);
client.close();
