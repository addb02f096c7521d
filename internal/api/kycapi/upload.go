package kycapi

import (
	"context"
	"errors"
	"io"
	"strconv"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/kyc"
)

// DocTypes maps the API's document types to the domain's (the QR photo is stored by the server; kyc refuses
// it as an upload).
var DocTypes = map[kycv1.DocumentType]kyc.DocType{
	kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD:         kyc.DocPAN,
	kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_FRONT:    kyc.DocAadhaarFront,
	kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_BACK:     kyc.DocAadhaarBack,
	kycv1.DocumentType_DOCUMENT_TYPE_LIVE_PHOTO:       kyc.DocLivePhoto,
	kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_QR_PHOTO: kyc.DocAadhaarQRPhoto,
}

// ExpectedSizeHeader is request metadata the REST bridge adds to an upload: the file's length as it guesses it
// from the request's Content-Length. It is only a guess (kyc.UploadSize), honoured from the gateway only.
const ExpectedSizeHeader = "x-kyc-expected-size"

func expectedSize(ctx context.Context) int64 {
	v := metadata.ValueFromIncomingContext(ctx, ExpectedSizeHeader)
	if len(v) != 1 {
		return 0
	}
	n, err := strconv.ParseInt(v[0], 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// UploadDocument receives the metadata, then streams the chunks straight into the upload use-case, which
// checks and seals them as they arrive: the server holds one chunk at a time, never the file.
func (s *Server) UploadDocument(stream grpc.ClientStreamingServer[kycv1.UploadDocumentRequest, kycv1.UploadDocumentResponse]) error {
	ctx := stream.Context()
	c, err := Caller(ctx)
	if err != nil {
		return err
	}
	first, err := stream.Recv()
	if errors.Is(err, io.EOF) {
		return apperr.New(apperr.Invalid, "The upload stream is empty: send metadata, then the file's chunks.")
	}
	if err != nil {
		return err
	}
	meta := first.GetMetadata()
	if meta == nil {
		return apperr.New(apperr.Invalid, "The first message of an upload must carry metadata.")
	}
	target := kyc.UploadTarget{ExternalUserID: meta.GetExternalUserId()}
	if id := meta.GetKycSessionId(); id != "" {
		if target.SessionID, err = api.ParseID("kycSessionId", id); err != nil {
			return err
		}
	}
	size := kyc.UploadSize{Declared: meta.GetSizeBytes()}
	if api.FromGateway(ctx) {
		size.Expected = expectedSize(ctx)
	}
	out, err := s.svc.Upload(ctx, c, target, DocTypes[meta.GetDocumentType()], &chunkReader{stream: stream}, size)
	if err != nil {
		return err
	}
	return stream.SendAndClose(&kycv1.UploadDocumentResponse{
		Success: true, KycSessionId: out.SessionID.String(), DocumentUrl: out.ObjectKey,
	})
}

// chunkReader reads the file's bytes from the stream's chunk messages.
type chunkReader struct {
	stream grpc.ClientStreamingServer[kycv1.UploadDocumentRequest, kycv1.UploadDocumentResponse]
	buf    []byte
}

func (r *chunkReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		msg, err := r.stream.Recv()
		if errors.Is(err, io.EOF) {
			return 0, io.EOF // the client closed its side: the file is complete
		}
		if err != nil {
			return 0, &kyc.BodyError{Err: err}
		}
		if msg.GetMetadata() != nil {
			return 0, apperr.New(apperr.Invalid, "Metadata may be sent only once, in the first message of an upload.")
		}
		r.buf = msg.GetChunk()
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}
