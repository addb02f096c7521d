package kyc

import (
	"encoding/json"

	"github.com/enxtai/kyc/internal/cards"
)

// Reason is why a session needs a human: a machine-readable code and words for the reviewer.
type Reason struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// FaceCheck is what the face step measured and hands to CompleteMatching: whether the face engine's verdict
// with the client's decision bands is "approve", its scores, and why not, in the reviewer's words.
type FaceCheck struct {
	Passed         bool
	FaceMatchScore *float64
	LivenessScore  *float64
	Reasons        []Reason
	// QRFaceMatchScore is the selfie's score against the Secure QR's photo, when there was one to compare;
	// BestEvidence names the reference that matched best (FaceRefCard or FaceRefQR). FaceMatchScore stays the
	// printed photo's; Passed and the reasons are the best reference's verdict when the QR is VALID, else the
	// printed photo's (the pipeline measures so).
	QRFaceMatchScore *float64
	BestEvidence     string
	// Faces are where the compared faces were found, kept for the reviewers' crops (internal evidence, in the
	// card reading's faceEvidence); nil when the step recorded none.
	Faces *FaceBoxes
}

// Outcome is the decision of a processing run.
type Outcome struct {
	Approved       bool
	FaceMatchScore *float64
	LivenessScore  *float64
	Reasons        []Reason        // the face check's first, then the cards'
	ocrResult      json.RawMessage // the card reading with the face evidence added; nil: unchanged
}

// decideRun is the approval rule: a run is approved automatically only if the face check passed and neither
// the face check nor the cards raised a reason; anything else goes to a reviewer with every reason.
func decideRun(face FaceCheck, fromCards []Reason) Outcome {
	o := Outcome{Approved: face.Passed, FaceMatchScore: face.FaceMatchScore, LivenessScore: face.LivenessScore}
	o.Reasons = append(o.Reasons, face.Reasons...)
	o.Reasons = append(o.Reasons, fromCards...)
	if len(o.Reasons) > 0 {
		o.Approved = false
	}
	return o
}

// storedFindings is the part of a stored card reading (Session.OCRResult, written by CompleteReading from the
// card reader's reader.Reading) that the decision reads: each card's findings and the cross-check's.
type storedFindings struct {
	PAN          cardFindings    `json:"pan"`
	AadhaarFront cardFindings    `json:"aadhaarFront"`
	AadhaarBack  cardFindings    `json:"aadhaarBack"`
	CrossCheck   []cards.Finding `json:"crossCheck"`
	AadhaarQR    *QRReading      `json:"aadhaarQr"`
}

type cardFindings struct {
	Findings []cards.Finding `json:"findings"`
}

// CardReasons are the findings of a stored card reading that a reviewer must look at (warnings and errors),
// once per code, in the order of the cards (PAN, Aadhaar front, back, cross-check), then the Secure QR's
// (qrReasons). A missing or unreadable reading is itself a reason.
func CardReasons(ocrResult json.RawMessage) []Reason {
	var r storedFindings
	if len(ocrResult) == 0 || json.Unmarshal(ocrResult, &r) != nil {
		return []Reason{{Code: "ocr_result_missing", Message: "The card reading result is missing."}}
	}
	var out []Reason
	seen := map[cards.Code]bool{}
	for _, fs := range [][]cards.Finding{r.PAN.Findings, r.AadhaarFront.Findings, r.AadhaarBack.Findings, r.CrossCheck} {
		for _, f := range fs {
			if f.Severity == cards.SevInfo || seen[f.Code] {
				continue
			}
			seen[f.Code] = true
			out = append(out, Reason{Code: string(f.Code), Message: f.Message})
		}
	}
	return append(out, qrReasons(r.AadhaarQR)...)
}
