// Package kyc is the domain of the platform. It owns:
//   - the types callers see: Session, Document, Event, ReviewItem/ReviewFilter, Outcome, with typed Status and
//     DocType values (the API's names, stored as they are);
//   - the rules: the status state machine (status.go, applied by the one writer of statuses, move in
//     transition.go), who may see or change a session (authorize, decidable), and the approval rule (decideRun:
//     approve only if the face check passed and neither it nor the cards raised a reason);
//   - the use-cases the API, the console and the pipeline call (initiate, status, watch, upload, verify,
//     review, decide, erase, retention, the processing steps).
//
// It declares the small ports it consumes (ports.go: Store, Tx, Jobs, Outbox); internal/store implements them
// (checked in ports.go), and the unit tests fake them, so every rule is tested without a database. It decides what is
// an error for the caller (internal/apperr).
//
// It must not import gRPC, HTTP, internal/api, internal/gateway or the engines (internal/ocr, internal/face,
// internal/cards/reader); internal/pipeline measures with the engines and hands kyc the measurements
// (FaceCheck, the card reading). It imports internal/store only for the row types its ports speak and the
// store's sentinel errors, and turns rows into its own types as soon as it reads them.
package kyc
