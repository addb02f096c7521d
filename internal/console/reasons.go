package console

import "strings"

// reasonTexts say what each review reason asks the reviewer to look at (the stored message says what the
// machine found; this says what to check).
var reasonTexts = map[string]string{
	"face_mismatch":            "Likely another person: compare the selfie with the card photos.",
	"face_match_low":           "The faces match only weakly: compare the selfie with the card photos.",
	"liveness_low":             "The selfie may be a photo of a photo or a screen: look for edges, glare, moiré.",
	"liveness_unavailable":     "No liveness score: judge the selfie yourself.",
	"face_not_found_on_card":   "No face found on a card: check the card images.",
	"no_face_in_selfie":        "No face found in the selfie.",
	"multiple_faces_in_selfie": "More than one face in the selfie.",
	"name_mismatch":            "The names on the cards differ: compare them in the fields table.",
	"low_confidence":           "A field was read unreliably: read it yourself from the image.",
	"decision_bands_invalid":   "The client's decision bands are misconfigured: decide from the evidence.",
}

// reasonWords is the advice for a reason code, or the code made readable.
func reasonWords(code string) string {
	if t, ok := reasonTexts[code]; ok {
		return t
	}
	return strings.ReplaceAll(code, "_", " ")
}
