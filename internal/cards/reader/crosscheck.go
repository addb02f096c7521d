package reader

import (
	"slices"
	"strings"

	"github.com/enxtai/kyc/internal/cards"
)

// CrossCheck compares the three cards of one applicant: PAN name against the
// Aadhaar name, dates of birth, PAN father's name against the Aadhaar care-of
// name, and the numbers on the Aadhaar front and back. Values that were not
// read are skipped (their absence is already a finding of the card).
func (r *Reader) CrossCheck(pan PANResult, front AadhaarFrontResult, back AadhaarBackResult) []cards.Finding {
	fs := cards.CrossCheck(cards.CrossInput{
		PANName: pan.Name.Value, PANFatherName: pan.FatherName.Value, PANDOB: pan.DOB.Value,
		AadhaarName: front.Name.Value, AadhaarDOB: front.DOB.Value, AadhaarCareOf: back.CareOf.Value,
	})
	differ := false
	switch {
	case front.NumberHash != "" && back.NumberHash != "":
		differ = front.NumberHash != back.NumberHash
	case front.match != "" && back.match != "" && r.owns(front.match) && r.owns(back.match):
		differ = front.match != back.match
	case front.match == "" || back.match == "": // a masked side: only the last 4 compare
		differ = front.Last4 != "" && back.Last4 != "" && front.Last4 != back.Last4
	}
	if differ {
		fs = append(fs, cards.Finding{Code: cards.CodeAadhaarFrontBackDiff, Severity: cards.SevError, Field: cards.FieldAadhaar,
			Message: "the Aadhaar front (" + front.Number.Value + ") and back (" + back.Number.Value + ") carry different numbers"})
	}
	return fs
}

// owns reports whether a match token was made by this reader (tokens of
// different readers use different keys and cannot be compared).
func (r *Reader) owns(token string) bool { return strings.HasPrefix(token, r.id+":") }

func sortedKeys(m map[string]Field) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
