package gateway

import (
	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/openapi"
)

var uploadOps = map[kycv1.DocumentType]struct{ id, summary string }{
	kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD:      {"UploadPan", "Upload PAN card"},
	kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_FRONT: {"UploadAadhaarFront", "Upload Aadhaar front (with photograph)"},
	kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_BACK:  {"UploadAadhaarBack", "Upload Aadhaar back (with address)"},
	kycv1.DocumentType_DOCUMENT_TYPE_LIVE_PHOTO:    {"UploadLivePhoto", "Upload live photo (triggers automatic verification)"},
}

// uploadsSpec documents the multipart routes, which grpc-gateway annotations cannot express.
func uploadsSpec() openapi.Fragment {
	errorRef := map[string]any{"$ref": "#/definitions/v1ErrorResponse"}
	fail := func(desc string) map[string]any { return map[string]any{"description": desc, "schema": errorRef} }
	paths := map[string]any{}
	for path, doc := range uploadRoutes {
		paths[path] = map[string]any{"post": map[string]any{
			"summary": uploadOps[doc].summary,
			"description": "multipart/form-data with the fields externalUserId (or kycSessionId) and file. The file's " +
				"bytes decide its type (JPEG or PNG only); at most 5 MB; 300x300 to 8192x8192 pixels and at most 40 megapixels. Served by a " +
				"bridge onto the UploadDocument client stream of the gRPC API.",
			"operationId": "KycService_" + uploadOps[doc].id,
			"tags":        []string{"KycService"},
			"consumes":    []string{"multipart/form-data"},
			"parameters": []any{
				map[string]any{"name": "externalUserId", "in": "formData", "type": "string", "description": "Your user identifier; the document goes to the user's newest open session."},
				map[string]any{"name": "kycSessionId", "in": "formData", "type": "string", "format": "uuid", "description": "Alternatively, the session's id."},
				map[string]any{"name": "file", "in": "formData", "type": "file", "required": true, "description": "The image: JPEG or PNG, at most 5 MB."},
			},
			"responses": map[string]any{
				"200": map[string]any{"description": "Stored.", "schema": map[string]any{"$ref": "#/definitions/UploadResponse"}},
				"400": fail("Not JPEG/PNG, truncated or corrupt, dimensions out of range, a missing field, or a decided session."),
				"401": fail("Missing, unknown or revoked API key."),
				"403": fail("The session belongs to a different client."),
				"404": fail("No open session for this externalUserId."),
				"413": fail("The file is larger than 5 MB."),
				"429": fail("Too many requests."),
				"503": fail("Document storage or the database is temporarily unavailable; retry after the Retry-After header's seconds."),
			},
		}}
	}
	return openapi.Fragment{
		"paths": paths,
		"definitions": map[string]any{"UploadResponse": map[string]any{
			"type": "object",
			"properties": map[string]any{
				"success":      map[string]any{"type": "boolean"},
				"kycSessionId": map[string]any{"type": "string"},
				"documentUrl":  map[string]any{"type": "string", "description": "The stored object's key (documents are encrypted at rest; not a public URL)."},
			},
		}},
	}
}
