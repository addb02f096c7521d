// Package facetest finds the real models, ONNX runtime and test photos for the face packages' tests and
// benchmarks: .cache/ (filled by `make face-models`) and ../shared/testdata/faces beside the repository.
//
// Missing files fail the test with the command that fetches them; they are never silently skipped (only
// `go test -short` skips tests that need them). KYC_FACE_MODELS_DIR, KYC_FACE_ONNXRUNTIME_LIB and
// KYC_FACE_TESTDATA override the locations. Test-only: production code must not import it.
package facetest
