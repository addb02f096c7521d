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

// DocAadhaarQRPhoto is the holder's photo decoded from the Aadhaar Secure QR, stored by the card step beside
// the uploads so reviewers can download it. It is not one of the required uploads, and clients cannot upload it.
const DocAadhaarQRPhoto DocType = "AADHAAR_QR_PHOTO"

// RequiredDocuments are the four documents a session needs before processing starts.
var RequiredDocuments = []DocType{DocPAN, DocAadhaarFront, DocAadhaarBack, DocLivePhoto}

// IsDocumentType reports whether t names a document type a client uploads.
func IsDocumentType(t DocType) bool {
	for _, d := range RequiredDocuments {
		if d == t {
			return true
		}
	}
	return false
}
