package gateway

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/openapi"
)

// documentPath is the admin route of a stored document image.
const documentPath = "/api/v1/admin/kyc/{kyc_session_id}/documents/{document_type}"

// registerDocuments serves document images to admins as raw bytes, bridged onto the GetDocument server stream
// over the in-process connection: the same auth (admin keys only), limits and validation as a gRPC call. The
// gateway's generic streaming would wrap each chunk in JSON; a reviewer's browser wants the image itself.
func registerDocuments(mux *runtime.ServeMux, conn grpc.ClientConnInterface) error {
	client := kycv1.NewAdminServiceClient(conn)
	return mux.HandlePath("GET", documentPath, func(w http.ResponseWriter, r *http.Request, params map[string]string) {
		_, outbound := runtime.MarshalerForRequest(mux, r)
		ctx, err := runtime.AnnotateContext(r.Context(), mux, r, kycv1.AdminService_GetDocument_FullMethodName,
			runtime.WithHTTPPathPattern(documentPath))
		if err != nil {
			runtime.HTTPError(r.Context(), mux, outbound, w, r, err)
			return
		}
		// An unknown type is sent as unspecified, so the key is checked before the validator refuses it.
		req := &kycv1.GetDocumentRequest{KycSessionId: params["kyc_session_id"],
			DocumentType: kycv1.DocumentType(kycv1.DocumentType_value["DOCUMENT_TYPE_"+params["document_type"]])}
		var md runtime.ServerMetadata
		stream, err := client.GetDocument(ctx, req, grpc.Header(&md.HeaderMD), grpc.Trailer(&md.TrailerMD))
		var first *kycv1.GetDocumentResponse
		if err == nil {
			first, err = stream.Recv()
		}
		if err == nil && first.GetInfo() == nil {
			err = invalid("The document stream did not start with its description.")
		}
		if err != nil {
			if stream != nil {
				md.HeaderMD, _ = stream.Header()
				md.TrailerMD = stream.Trailer()
			}
			runtime.HTTPError(runtime.NewServerMetadataContext(ctx, md), mux, outbound, w, r, err)
			return
		}
		info := first.GetInfo()
		if h, herr := stream.Header(); herr == nil {
			copyHeaders(w, h)
		}
		h := w.Header()
		h.Set("Content-Type", info.GetContentType())
		h.Set("Content-Length", strconv.FormatInt(info.GetSizeBytes(), 10))
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Disposition", `inline; filename="`+params["document_type"]+extension(info.GetContentType())+`"`)
		w.WriteHeader(http.StatusOK)
		for {
			msg, err := stream.Recv()
			if err != nil {
				if errors.Is(err, io.EOF) {
					return
				}
				// The status line is sent: abort the connection, so the client sees a cut body, not a whole one.
				panic(http.ErrAbortHandler)
			}
			if _, err := w.Write(msg.GetChunk()); err != nil {
				return
			}
		}
	})
}

func extension(contentType string) string {
	if contentType == "image/png" {
		return ".png"
	}
	return ".jpg"
}

// documentsSpec documents the route, which grpc-gateway annotations cannot express.
func documentsSpec() openapi.Fragment {
	errorRef := map[string]any{"$ref": "#/definitions/v1ErrorResponse"}
	fail := func(desc string) map[string]any { return map[string]any{"description": desc, "schema": errorRef} }
	return openapi.Fragment{"paths": map[string]any{
		"/api/v1/admin/kyc/{kycSessionId}/documents/{documentType}": map[string]any{"get": map[string]any{
			"summary": "Get a document image (admins only)",
			"description": "The stored image, decrypted by the server: image/jpeg or image/png, never cached. Served " +
				"by a bridge onto the GetDocument server stream of the gRPC API.",
			"operationId": "AdminService_GetDocumentImage",
			"tags":        []string{"AdminService"},
			"produces":    []string{"image/jpeg", "image/png"},
			"parameters": []any{
				map[string]any{"name": "kycSessionId", "in": "path", "required": true, "type": "string", "format": "uuid"},
				map[string]any{"name": "documentType", "in": "path", "required": true, "type": "string",
					"enum": []string{"PAN_CARD", "AADHAAR_FRONT", "AADHAAR_BACK", "LIVE_PHOTO", "AADHAAR_QR_PHOTO"}},
			},
			"responses": map[string]any{
				"200": map[string]any{"description": "The image.", "schema": map[string]any{"type": "file"}},
				"400": fail("Invalid session id or document type."),
				"401": fail("Missing, unknown or revoked API key."),
				"403": fail("Not an admin key."),
				"404": fail("No such session or document (or its documents were erased)."),
				"503": fail("Document storage is temporarily unavailable."),
			},
		}},
	}}
}
