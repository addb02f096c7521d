package kyc

import (
	"context"
	"errors"
	"io"

	"github.com/enxtai/kyc/clients/go/kycv1"
)

// UploadPAN streams the PAN card image into the user's newest open session.
func (c *Client) UploadPAN(ctx context.Context, externalUserID string, src Source, opts ...CallOption) (*kycv1.UploadDocumentResponse, error) {
	return c.Upload(ctx, Upload{Type: kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD, ExternalUserID: externalUserID, Source: src}, opts...)
}

// UploadAadhaarFront streams the Aadhaar front (with the photograph).
func (c *Client) UploadAadhaarFront(ctx context.Context, externalUserID string, src Source, opts ...CallOption) (*kycv1.UploadDocumentResponse, error) {
	return c.Upload(ctx, Upload{Type: kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_FRONT, ExternalUserID: externalUserID, Source: src}, opts...)
}

// UploadAadhaarBack streams the Aadhaar back (with the address).
func (c *Client) UploadAadhaarBack(ctx context.Context, externalUserID string, src Source, opts ...CallOption) (*kycv1.UploadDocumentResponse, error) {
	return c.Upload(ctx, Upload{Type: kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_BACK, ExternalUserID: externalUserID, Source: src}, opts...)
}

// UploadLivePhoto streams the live photo (selfie); with all four documents present, verification starts.
func (c *Client) UploadLivePhoto(ctx context.Context, externalUserID string, src Source, opts ...CallOption) (*kycv1.UploadDocumentResponse, error) {
	return c.Upload(ctx, Upload{Type: kycv1.DocumentType_DOCUMENT_TYPE_LIVE_PHOTO, ExternalUserID: externalUserID, Source: src}, opts...)
}

// Upload is one document to send: its type, the session (by the user's id, or by SessionID), and its bytes.
type Upload struct {
	Type           kycv1.DocumentType
	ExternalUserID string // the user's newest open session...
	SessionID      string // ...or this session (wins when both are set)
	Source         Source
}

// Upload streams a document in ChunkSize messages: metadata first, then the bytes as they are read, so a 5 MB
// file never sits in memory whole. When the size is known (a file, bytes, a seekable reader) it is declared in
// the metadata: the server then stores the document while it arrives and refuses one over the limit before
// its first byte.
func (c *Client) Upload(ctx context.Context, u Upload, opts ...CallOption) (*kycv1.UploadDocumentResponse, error) {
	if u.Source.open == nil {
		return nil, errNoSource
	}
	ctx, cancel, _, policy := c.begin(ctx, opts)
	defer cancel()
	meta := &kycv1.UploadMetadata{DocumentType: u.Type, FileName: u.Source.name}
	if u.SessionID != "" {
		meta.Target = &kycv1.UploadMetadata_KycSessionId{KycSessionId: u.SessionID}
	} else {
		meta.Target = &kycv1.UploadMetadata_ExternalUserId{ExternalUserId: u.ExternalUserID}
	}
	var resp *kycv1.UploadDocumentResponse
	var consumed bool
	buf := make([]byte, ChunkSize)
	err := policy.retry(ctx, func(ctx context.Context) error {
		r, n, err := c.sendOnce(ctx, meta, u.Source, buf)
		consumed = consumed || n > 0
		resp = r
		return err
	}, func() bool { return u.Source.replay || !consumed })
	return resp, err
}

// sendOnce is one attempt: open the source, stream it, close and receive. It returns how many bytes it read.
func (c *Client) sendOnce(ctx context.Context, meta *kycv1.UploadMetadata, src Source, buf []byte) (*kycv1.UploadDocumentResponse, int64, error) {
	rc, size, err := src.open()
	if err != nil {
		return nil, 0, err // a file that cannot be opened: the caller's error, not retried
	}
	meta.SizeBytes = max(size, 0)
	defer rc.Close()
	in := &countingReader{r: rc}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // ends the stream on every early return
	stream, err := c.stub.UploadDocument(ctx)
	if err != nil {
		return nil, 0, toError(err)
	}
	fail := func(err error) (*kycv1.UploadDocumentResponse, int64, error) {
		if errors.Is(err, io.EOF) { // the server ended the stream: its status says why
			_, err = stream.CloseAndRecv()
		}
		hdr, _ := stream.Header()
		return nil, in.n, toError(err, hdr, stream.Trailer())
	}
	n, rerr := io.ReadFull(in, buf)
	if rerr != nil && rerr != io.ErrUnexpectedEOF && rerr != io.EOF {
		return nil, in.n, rerr
	}
	meta.ContentType = sniffType(buf[:n])
	if err := stream.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Metadata{Metadata: meta}}); err != nil {
		return fail(err)
	}
	for n > 0 {
		if err := stream.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Chunk{Chunk: buf[:n]}}); err != nil {
			return fail(err)
		}
		if rerr != nil { // a short read was the end of the file
			break
		}
		n, rerr = io.ReadFull(in, buf)
		if rerr != nil && rerr != io.ErrUnexpectedEOF && rerr != io.EOF {
			return nil, in.n, rerr
		}
	}
	resp, err := stream.CloseAndRecv()
	if err != nil {
		hdr, _ := stream.Header()
		return nil, in.n, toError(err, hdr, stream.Trailer())
	}
	return resp, in.n, nil
}
