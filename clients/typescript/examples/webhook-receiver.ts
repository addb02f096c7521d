// Accepts EnxtAI KYC webhooks, checks their signatures with the TypeScript SDK and prints the events (node:http
// only; with Express, use express.raw({ type: "application/json" }) so the raw body reaches verifyWebhook).
//
//   WEBHOOK_SECRET=... node dist/examples/webhook-receiver.js --addr 127.0.0.1:8000
import http from "node:http";
import { parseArgs } from "node:util";

import { WebhookVerificationError, verifyWebhook } from "../src/index.js"; // in your code: from "@enxtai/kyc"

const { values: args } = parseArgs({ options: { addr: { type: "string", default: "127.0.0.1:8000" } } });
const secret = process.env.WEBHOOK_SECRET;
if (!secret) throw new Error("set WEBHOOK_SECRET");

const server = http.createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/webhooks/kyc") return void res.writeHead(404).end();
  const parts: Buffer[] = [];
  req.on("data", (d: Buffer) => parts.push(d));
  req.on("end", () => {
    try {
      const event = verifyWebhook(req.headers, Buffer.concat(parts), secret); // the raw bytes, never re-serialised
      // Deliveries are at-least-once: use event.id to ignore one you have already handled.
      if (event.event === "kyc.verification_completed") {
        console.log(`KYC completed for user ${event.data.externalUserId}: ${event.data.status}`);
      } else {
        console.log(`${event.event} for session ${event.data.kycSessionId} (${event.data.status})`);
      }
      res.writeHead(200).end("OK");
    } catch (e) {
      if (!(e instanceof WebhookVerificationError)) throw e;
      console.log(`refused a delivery: ${e.message}`);
      res.writeHead(401).end("Unauthorized");
    }
  });
});
const [host, port] = [args.addr!.slice(0, args.addr!.lastIndexOf(":")), Number(args.addr!.slice(args.addr!.lastIndexOf(":") + 1))];
server.listen(port, host, () => console.log(`listening on http://${args.addr}/webhooks/kyc`));
