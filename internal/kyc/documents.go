package kyc

// Document types, as stored and as they appear in object keys (PAN_CARD_1735987654321.jpg).
const (
	DocPAN          = "PAN_CARD"
	DocAadhaarFront = "AADHAAR_FRONT"
	DocAadhaarBack  = "AADHAAR_BACK"
	DocLivePhoto    = "LIVE_PHOTO"
)

// RequiredDocuments are the four documents a session needs before processing starts.
var RequiredDocuments = []string{DocPAN, DocAadhaarFront, DocAadhaarBack, DocLivePhoto}

// IsDocumentType reports whether t names a document type.
func IsDocumentType(t string) bool {
	for _, d := range RequiredDocuments {
		if d == t {
			return true
		}
	}
	return false
}
