// EnxtAI KYC API client for Node.js over gRPC. The generated messages and service are re-exported too.
export { API_KEY_ENV, KycClient, baseUrl, isDecided } from "./client.js";
export type { CallOptions, ClientOptions, InitiateParams, UploadTarget } from "./client.js";
export {
  AuthenticationError, CancelledError, DeadlineExceededError, FailedPreconditionError, InvalidArgumentError,
  KycError, NotFoundError, PayloadTooLargeError, PermissionDeniedError, RateLimitError, UnavailableError,
  UnimplementedError, REASON_PAYLOAD_TOO_LARGE,
} from "./errors.js";
export type { StatusCodeName } from "./errors.js";
export { DEFAULT_RETRY_POLICY } from "./retry.js";
export type { RetryPolicy } from "./retry.js";
export { CHUNK_SIZE } from "./source.js";
export type { Source } from "./source.js";
export { DEFAULT_TOLERANCE_SECONDS, WebhookVerificationError, standardWebhooksKey, verifyWebhook } from "./webhook.js";
export type { VerifyWebhookOptions, WebhookEvent, WebhookHeaders } from "./webhook.js";
export { DocumentType } from "./gen/kyc/v1/document_pb.js";
export { KycStatus } from "./gen/kyc/v1/status_pb.js";
export { KycService } from "./gen/kyc/v1/kyc_service_pb.js";
export type {
  InitiateKycResponse, KycSession, UploadDocumentResponse, VerifyKycResponse, ExtractedData, VerificationScores,
} from "./gen/kyc/v1/kyc_service_pb.js";
