// The API guide's "Complete Integration" flow with the TypeScript SDK: initiate a session, stream the four
// documents over gRPC, and wait for the decision.
//
//   ENXTAI_API_KEY=... node dist/examples/complete-integration.js --addr 127.0.0.1:9090 --docs ./documents
import path from "node:path";
import { parseArgs } from "node:util";

import { KycClient, KycError, KycStatus } from "../src/index.js"; // in your code: from "@enxtai/kyc"

const { values: args } = parseArgs({ options: {
  addr: { type: "string", default: "127.0.0.1:9090" },
  docs: { type: "string", default: "./documents" },
  user: { type: "string", default: "customer-12345" },
  timeout: { type: "string", default: "300" }, // seconds to wait for the decision
} });

async function performKyc(kyc: KycClient, userId: string, email: string, phone: string, docs: string) {
  const session = await kyc.initiate({ externalUserId: userId, email, phone });
  console.log(`KYC session created: ${session.kycSessionId}`);

  await kyc.uploadPan(userId, path.join(docs, "pan.jpg"));
  console.log("PAN uploaded");
  await kyc.uploadAadhaarFront(userId, path.join(docs, "aadhaar-front.jpg"));
  console.log("Aadhaar front uploaded");
  await kyc.uploadAadhaarBack(userId, path.join(docs, "aadhaar-back.jpg"));
  console.log("Aadhaar back uploaded");
  await kyc.uploadLivePhoto(userId, path.join(docs, "live-photo.jpg"));
  console.log("Live photo uploaded - verification started");

  const final = await kyc.waitForDecision(session.kycSessionId, Number(args.timeout) * 1000); // follows the status stream
  console.log(`Final status: ${KycStatus[final.status]} (${final.progress}%)`);
  return final;
}

const kyc = new KycClient(args.addr!); // the API key comes from ENXTAI_API_KEY
try {
  await performKyc(kyc, args.user!, "john@example.com", "+919876543210", args.docs!);
} catch (e) {
  if (!(e instanceof KycError)) throw e;
  console.error(`KYC failed: ${e.code} (HTTP ${e.httpStatus}): ${e.rawMessage}`);
  process.exitCode = 1;
} finally {
  kyc.close();
}
