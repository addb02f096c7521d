package cardkit

import "strings"

// Families names the layout families a document is drawn in, as the harnesses (bench/eval-ocr,
// bench/outline) report them: "pan-old", "aadhaar-pvc".
func Families(doc Doc) []string {
	var out []string
	if doc == DocPAN {
		for _, l := range PANLayouts {
			out = append(out, "pan-"+string(l))
		}
		return out
	}
	for _, l := range AadhaarLayouts {
		out = append(out, "aadhaar-"+string(l))
	}
	return out
}

// HeldOut names one family per document type that no parser, OCR pass or outline rule is tuned on; the
// harnesses report it apart (issue 16: rotate which one when a family is added, and say so in
// bench/README.md).
var HeldOut = map[string]bool{"pan-e-pan": true, "aadhaar-pvc": true}

// SampleIn is person i of the seed's set with doc drawn in family (one of Families(doc)).
func SampleIn(seed int64, i int, doc Doc, family string) Sample {
	s := NewSample(seed, i)
	if doc == DocPAN {
		s.PANLayout = PANLayout(strings.TrimPrefix(family, "pan-"))
	} else {
		s.AadhaarLayout = AadhaarLayout(strings.TrimPrefix(family, "aadhaar-"))
	}
	return s
}
