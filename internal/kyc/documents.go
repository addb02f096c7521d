package kyc

// DocType names a kind of document, as stored and as it appears in object keys (PAN_CARD_1735987654321.jpg).
type DocType string

// The four document types a session needs.
const (
	DocPAN          DocType = "PAN_CARD"
	DocAadhaarFront DocType = "AADHAAR_FRONT"
	DocAadhaarBack  DocType = "AADHAAR_BACK"
	DocLivePhoto    DocType = "LIVE_PHOTO"
)

// RequiredDocuments are the four documents a session needs before processing starts.
var RequiredDocuments = []DocType{DocPAN, DocAadhaarFront, DocAadhaarBack, DocLivePhoto}

// IsDocumentType reports whether t names a document type.
func IsDocumentType(t DocType) bool {
	for _, d := range RequiredDocuments {
		if d == t {
			return true
		}
	}
	return false
}
