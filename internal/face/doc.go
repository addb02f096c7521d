// Package face decides whether the person in a selfie is the person on an Aadhaar card, and whether the
// selfie shows a live person: face detection (dlib's HOG, then the fr_detect.onnx CNN when HOG finds
// nothing), one FaceMatcher interface with two engines (dlib's ResNet through internal/face/dlib and the
// ArcFace-style fr_feature.onnx, aligned by five points from fr_landmark.onnx, through internal/face/onnx),
// face quality measures, passive liveness (MiniFASNet and fr_liveness, alone or averaged), the calibrated
// mapping of engine similarity onto a 0..1 FaceMatchScore, and the decision bands that separate
// auto-approval from human review. A selfie may be verified against several trusted references
// (VerifyReferences): the card's printed photo and the Secure QR photo.
//
// Approving an impostor is the worst failure of the product, so every uncertain outcome (no face, several
// faces, a score below the calibrated zero-false-match point, missing or low liveness) becomes a review
// reason, never an approval. Bad input is a reason; only engine failures are errors.
//
// It knows nothing of HTTP, gRPC, SQL or environment variables (Config is filled by internal/config). It
// may import internal/face/{dlib,onnx,raster}; those must not import it.
package face
