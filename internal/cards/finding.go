package cards

// Code is a machine-readable reason attached to an extraction or cross-check.
// Codes are part of the API (they reach reviewers and webhooks): add, never rename.
type Code string

// Finding codes.
const (
	// The image as a whole.
	CodeNoText       Code = "no_text"             // nothing readable: blank, not a document, or too blurred
	CodeWrongDocType Code = "wrong_document_type" // the text belongs to another card type (e.g. a PAN uploaded as Aadhaar)
	CodeRotated      Code = "orientation_corrected"
	CodeLowConf      Code = "low_confidence" // a field was read, but not reliably: a reviewer should check it

	// PAN.
	CodePANNotFound        Code = "pan_not_found"
	CodePANInvalid         Code = "pan_invalid_structure"
	CodePANRepaired        Code = "pan_repaired"      // characters fixed by position (O/0, I/1, ...)
	CodePANReread          Code = "pan_digits_reread" // digits read as letters by the full-card pass were read again on their own
	CodePANLineReread      Code = "pan_line_reread"   // the number, read with low confidence, was read again on its own and came out otherwise
	CodePANTailReread      Code = "pan_tail_reread"   // the number's first letters, lost by every pass, were read again with room on the left
	CodePANHeadReread      Code = "pan_head_reread"   // the number's last characters, lost by every pass, were read again with room on the right
	CodePANNotIndividual   Code = "pan_not_individual"
	CodeMultiplePAN        Code = "multiple_pan_candidates"
	CodeFatherNameNotFound Code = "father_name_not_found"

	// Aadhaar.
	CodeAadhaarNotFound      Code = "aadhaar_not_found"
	CodeAadhaarChecksum      Code = "aadhaar_checksum_invalid"
	CodeAadhaarMasked        Code = "aadhaar_masked" // the card prints XXXX XXXX 1234: last 4 only, nothing to check
	CodeMultipleAadhaar      Code = "multiple_aadhaar_candidates"
	CodeAadhaarReread        Code = "aadhaar_number_reread" // every pass read a number failing the checksum; its line read again on its own passed
	CodeAadhaarLast4Reread   Code = "aadhaar_last4_reread"  // a masked number's last 4, read with low confidence, were read again on their own and came out otherwise
	CodeAadhaarFrontBackDiff Code = "aadhaar_front_back_mismatch"
	CodeGenderNotFound       Code = "gender_not_found"
	CodeAddressNotFound      Code = "address_not_found"
	CodeAddressPINNotFound   Code = "address_pin_not_found"
	CodePINReread            Code = "address_pin_reread"       // the PIN's line, cut short or unclear in the card's pass, was read again on its own
	CodePINOtherBlock        Code = "address_pin_other_block"  // the English block had no PIN; the other-language block's was taken
	CodePINStateMisfit       Code = "address_pin_state_misfit" // the PIN's first digits are not those of the state named before it

	// Shared fields.
	CodeNameNotFound Code = "name_not_found"
	CodeDOBNotFound  Code = "dob_not_found"
	CodeDOBYearOnly  Code = "dob_year_only"

	// Cross-document.
	CodeNameMismatch       Code = "name_mismatch"
	CodeNamePartial        Code = "name_partial_match" // initials or a missing middle name
	CodeDOBMismatch        Code = "dob_mismatch"
	CodeFatherNameMismatch Code = "father_name_mismatch"
)

// Severity says how a finding weighs on the decision.
type Severity string

// Severities.
const (
	SevInfo    Severity = "info"    // noted, no action
	SevWarning Severity = "warning" // a reviewer should look
	SevError   Severity = "error"   // the field or check failed
)

// Finding is one structured observation with a human message. Messages never
// contain a full Aadhaar number.
type Finding struct {
	Code     Code     `json:"code"`
	Severity Severity `json:"severity"`
	Field    string   `json:"field,omitempty"`
	Message  string   `json:"message"`
}

// Field names used in findings and results.
const (
	FieldPAN        = "panNumber"
	FieldAadhaar    = "aadhaarNumber"
	FieldName       = "fullName"
	FieldFatherName = "fatherName"
	FieldDOB        = "dateOfBirth"
	FieldGender     = "gender"
	FieldAddress    = "address"
	FieldDocument   = "document"
)

func finding(code Code, sev Severity, field, msg string) Finding {
	return Finding{Code: code, Severity: sev, Field: field, Message: msg}
}

// HasCode reports whether any finding carries code.
func HasCode(fs []Finding, code Code) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}

// Extract is one value a parser picked from the lines, with the index of the
// line it came from (-1 when not found) and how sure the parse itself is
// (0-1), before OCR confidence is taken into account.
type Extract struct {
	Value     string
	Line      int
	Certainty float64
}

// Found reports whether a value was extracted.
func (e Extract) Found() bool { return e.Value != "" }

var notFound = Extract{Line: -1}
