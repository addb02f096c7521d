package gateway

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/api/kycapi"
	"github.com/enxtai/kyc/internal/imagecheck"
)

// uploadRoutes are the guide's multipart endpoints and the document type each receives.
var uploadRoutes = map[string]kycv1.DocumentType{
	"/api/v1/kyc/upload/pan":           kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD,
	"/api/v1/kyc/upload/aadhaar/front": kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_FRONT,
	"/api/v1/kyc/upload/aadhaar/back":  kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_BACK,
	"/api/v1/kyc/upload/live-photo":    kycv1.DocumentType_DOCUMENT_TYPE_LIVE_PHOTO,
}

// registerUploads bridges the multipart REST uploads onto the UploadDocument client stream over the in-process
// connection: the same handler, interceptors (auth, limits, validation) and use-case as a gRPC client gets.
func registerUploads(mux *runtime.ServeMux, conn grpc.ClientConnInterface, maxFile int64) error {
	client := kycv1.NewKycServiceClient(conn)
	for path, docType := range uploadRoutes {
		h := &uploadBridge{mux: mux, client: client, docType: docType, path: path, maxEarly: maxFile + 1}
		if err := mux.HandlePath("POST", path, h.serve); err != nil {
			return err
		}
	}
	return nil
}

type uploadBridge struct {
	mux     *runtime.ServeMux
	client  kycv1.KycServiceClient
	docType kycv1.DocumentType
	path    string
	// maxEarly bounds a file held because it came before its target: one byte over the server's limit, so the
	// server still sees it is too large.
	maxEarly int64
}

func (b *uploadBridge) serve(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	_, outbound := runtime.MarshalerForRequest(b.mux, r)
	ctx, err := runtime.AnnotateContext(r.Context(), b.mux, r, kycv1.KycService_UploadDocument_FullMethodName,
		runtime.WithHTTPPathPattern(b.path))
	if err != nil {
		runtime.HTTPError(r.Context(), b.mux, outbound, w, r, err)
		return
	}
	resp, md, err := b.upload(ctx, r)
	ctx = runtime.NewServerMetadataContext(ctx, md)
	if err != nil {
		runtime.HTTPError(ctx, b.mux, outbound, w, r, err)
		return
	}
	runtime.ForwardResponseMessage(ctx, b.mux, outbound, w, r, resp)
}

// upload reads the form's parts in order: externalUserId (or kycSessionId) and exactly one file. The file is
// streamed in 64 KiB chunks as it arrives when the target came first (as in every example of the guide); a file
// sent before its target is held until the target is known.
func (b *uploadBridge) upload(ctx context.Context, r *http.Request) (*kycv1.UploadDocumentResponse, runtime.ServerMetadata, error) {
	var md runtime.ServerMetadata
	parts, expected, err := multipartReader(r)
	if err != nil {
		return nil, md, err
	}
	ctx, cancel := context.WithCancel(ctx)
	ctx, waitEnd := api.WithCallEnd(ctx)
	var stream grpc.ClientStreamingClient[kycv1.UploadDocumentRequest, kycv1.UploadDocumentResponse]
	defer func() {
		cancel() // aborts the stream on every early return: nothing is stored
		if stream != nil {
			waitEnd(cleanupWait) // and the answer waits until the use-case has removed what it began to store
		}
	}()
	meta := &kycv1.UploadMetadata{DocumentType: b.docType}
	var early []byte // a file that came before its target
	files := 0
	for n := 0; ; n++ {
		p, err := parts.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil || n > 32 {
			return nil, md, readError(err, "The multipart body is malformed.")
		}
		switch name := p.FormName(); {
		case name == "file":
			if files++; files > 1 {
				return nil, md, invalid("Send exactly one file per upload (field 'file').")
			}
			meta.ContentType, meta.FileName = p.Header.Get("Content-Type"), p.FileName()
			if meta.Target == nil {
				if early, err = readEarlyFile(p, b.maxEarly); err != nil {
					return nil, md, err
				}
				continue
			}
			if stream, err = b.open(withExpectedSize(ctx, expected), meta, &md); err != nil {
				return nil, md, err
			}
			if err := sendChunks(stream, p); err != nil {
				return nil, md, b.finishError(stream, &md, err)
			}
		case name == "externalUserId" || name == "kycSessionId":
			v, err := readField(p)
			if err != nil {
				return nil, md, err
			}
			if name == "externalUserId" {
				meta.Target = &kycv1.UploadMetadata_ExternalUserId{ExternalUserId: v}
			} else {
				meta.Target = &kycv1.UploadMetadata_KycSessionId{KycSessionId: v}
			}
		default: // other fields are ignored, as a form handler does
			if _, err := io.Copy(io.Discard, io.LimitReader(p, 64<<10)); err != nil {
				return nil, md, readError(err, "The multipart body is malformed.")
			}
		}
	}
	switch {
	case meta.Target == nil:
		return nil, md, invalid("Missing form field 'externalUserId'.")
	case files == 0:
		return nil, md, invalid("Missing form field 'file' (the document image).")
	case stream == nil: // the file came first: its size is known now
		meta.SizeBytes = int64(len(early))
		if stream, err = b.open(ctx, meta, &md); err != nil {
			return nil, md, err
		}
		if err := sendChunks(stream, bytes.NewReader(early)); err != nil {
			return nil, md, b.finishError(stream, &md, err)
		}
	}
	resp, err := stream.CloseAndRecv()
	md.HeaderMD, _ = stream.Header()
	md.TrailerMD = stream.Trailer()
	return resp, md, err
}

func (b *uploadBridge) open(ctx context.Context, meta *kycv1.UploadMetadata, md *runtime.ServerMetadata) (grpc.ClientStreamingClient[kycv1.UploadDocumentRequest, kycv1.UploadDocumentResponse], error) {
	stream, err := b.client.UploadDocument(ctx, grpc.Header(&md.HeaderMD), grpc.Trailer(&md.TrailerMD))
	if err != nil {
		return nil, err
	}
	if err := stream.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Metadata{Metadata: meta}}); err != nil {
		return nil, b.finishError(stream, md, err)
	}
	return stream, nil
}

// finishError prefers the server's verdict: when Send fails because the server already answered (a refused
// file, a missing session), CloseAndRecv returns that answer.
func (b *uploadBridge) finishError(stream grpc.ClientStreamingClient[kycv1.UploadDocumentRequest, kycv1.UploadDocumentResponse], md *runtime.ServerMetadata, err error) error {
	if !errors.Is(err, io.EOF) {
		if _, ok := status.FromError(err); ok {
			return err
		}
	}
	_, serr := stream.CloseAndRecv()
	if h, herr := stream.Header(); herr == nil {
		md.HeaderMD = metadata.Join(md.HeaderMD, h)
	}
	if serr != nil {
		return serr
	}
	return err
}

func sendChunks(stream grpc.ClientStreamingClient[kycv1.UploadDocumentRequest, kycv1.UploadDocumentResponse], r io.Reader) error {
	return api.SendChunks(r, func(chunk []byte) error {
		return stream.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Chunk{Chunk: chunk}})
	}, func(err error) error { return readError(err, "The upload could not be read completely.") })
}

// cleanupWait bounds how long a refused form's answer waits for the upload to clean up (a stuck S3 server).
const cleanupWait = 10 * time.Second

// peekSize is how much of a form is read ahead to find where its file starts (expectedFileSize).
const peekSize = 8 << 10

// bodyBuffer is the read buffer in front of the form reader, whose own 4 KiB buffer would take a 5 MB body
// from the connection in some 1300 reads; this one takes it in 64 KiB reads.
const bodyBuffer = 64 << 10

// multipartReader reads the form; it also returns the file's expected size (0: no guess).
func multipartReader(r *http.Request) (*multipart.Reader, int64, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, 0, invalid("Uploads must be multipart/form-data with the fields 'externalUserId' and 'file'.")
	}
	br := bufio.NewReaderSize(newPartHeaderLimit(r.Body, params["boundary"], maxPartHeader), bodyBuffer)
	head, _ := br.Peek(peekSize) // fewer at the end of a small body; a read error shows again to the form reader
	expected := expectedFileSize(head, r.ContentLength, params["boundary"])
	return multipart.NewReader(br, params["boundary"]), expected, nil
}

// expectedFileSize guesses the length of the form's file from the request's Content-Length, for a form whose
// file is its last part and which ends the way curl, browsers and the guide's Node and Python clients end one
// ("\r\n--boundary--\r\n"): Content-Length less the bytes up to the file's data (found in head, the first
// bytes of the body) and the closing delimiter. 0: no guess. The guess lets the server store the file while it
// arrives; a wrong one costs only that (kyc.UploadSize).
func expectedFileSize(head []byte, contentLength int64, boundary string) int64 {
	i := bytes.Index(head, []byte(`name="file"`))
	if contentLength <= 0 || i < 0 {
		return 0
	}
	j := bytes.Index(head[i:], []byte("\r\n\r\n"))
	if j < 0 {
		return 0
	}
	return max(contentLength-int64(i+j+4)-int64(len("\r\n--"+boundary+"--\r\n")), 0)
}

// withExpectedSize tells the upload use-case the guess (set, not appended: a client's own metadata of that
// name does not count).
func withExpectedSize(ctx context.Context, expected int64) context.Context {
	md, _ := metadata.FromOutgoingContext(ctx)
	md = md.Copy()
	md.Delete(kycapi.ExpectedSizeHeader)
	if expected > 0 {
		md.Set(kycapi.ExpectedSizeHeader, strconv.FormatInt(expected, 10))
	}
	return metadata.NewOutgoingContext(ctx, md)
}

func readField(p *multipart.Part) (string, error) {
	b, err := io.ReadAll(io.LimitReader(p, 1024))
	if err != nil {
		return "", readError(err, "The multipart body is malformed.")
	}
	return strings.TrimSpace(string(b)), nil
}

// readEarlyFile holds a file that arrived before its target, up to max bytes.
func readEarlyFile(p *multipart.Part, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(p, max))
	if err != nil {
		return nil, readError(err, "The multipart body is malformed.")
	}
	return b, nil
}

func invalid(msg string) error { return status.Error(codes.InvalidArgument, msg) }

// readError words a failure to read the form: 413 with the guide's upload message when the body passed its
// bound (bodyGuard), else 400 with msg.
func readError(err error, msg string) error {
	if errors.Is(err, errPartHeader) {
		return invalid("The multipart body is malformed: part headers are limited to 16 KiB.")
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		st, _ := status.New(codes.ResourceExhausted, imagecheck.ErrTooLarge.Error()).WithDetails(
			&errdetails.ErrorInfo{Reason: api.ReasonPayloadTooLarge, Domain: api.ErrorDomain})
		return st.Err()
	}
	return invalid(msg)
}
