package aadhaarqr

import (
	"context"
	"errors"
	"image"
	"strings"
)

// Config configures a Reader.
type Config struct {
	// CertFiles are certificate files (PEM or DER) trusted besides the built-in
	// ones (KYC_AADHAAR_QR_CERTS).
	CertFiles []string
}

// Reader finds, parses and verifies Secure QR codes. It holds no per-call
// state and is safe for concurrent use.
type Reader struct {
	trust *TrustStore
}

// New loads the trust store (built-in certificates plus cfg.CertFiles).
func New(cfg Config) (*Reader, error) {
	ts, err := LoadTrustStore(strings.Join(cfg.CertFiles, ","))
	if err != nil {
		return nil, err
	}
	return &Reader{trust: ts}, nil
}

// NewWithTrust uses a given trust store.
func NewWithTrust(ts *TrustStore) *Reader { return &Reader{trust: ts} }

// Result is everything read from one image or QR text.
type Result struct {
	// Found: a QR symbol was decoded (false also when it was located but
	// unreadable: then Findings holds FindingUnreadable).
	Found  bool
	Symbol Symbol
	Kind   Kind
	// Payload is the parsed Secure QR, nil unless Kind is KindSecureQR and it parsed.
	Payload      *Payload
	Verification Verification
	// Photo is the decoded JPEG2000 photo, nil when absent or undecodable.
	Photo image.Image
	// Findings lists every problem met, in order (payload, then photo).
	Findings []Finding
}

// Signature is the verdict, "" when there is no parsed Secure QR.
func (r Result) Signature() Signature { return r.Verification.Signature }

// ReadImage finds the QR in an Aadhaar side and reads it. A side without any
// QR gives a zero Result and no error; the only errors are the context's.
func (rd *Reader) ReadImage(ctx context.Context, img image.Image) (Result, error) {
	sym, err := Find(ctx, img)
	var fe *Error
	switch {
	case errors.As(err, &fe):
		return Result{Findings: []Finding{fe.Finding}}, nil
	case errors.Is(err, ErrNoQR):
		return Result{}, nil
	case err != nil:
		return Result{}, err
	}
	res := rd.ReadText(sym.Text)
	res.Symbol = sym
	return res, nil
}

// ReadText parses and verifies a decoded QR text.
func (rd *Reader) ReadText(text string) Result {
	res := Result{Found: true, Kind: Classify(text)}
	if res.Kind != KindSecureQR {
		return res
	}
	p, err := Parse(text)
	if err != nil {
		var fe *Error
		if errors.As(err, &fe) {
			res.Findings = append(res.Findings, fe.Finding)
		}
		return res
	}
	res.Payload = p
	res.Findings = append(res.Findings, p.Findings...)
	res.Verification = rd.trust.Verify(p.Signed, p.Signature)
	if len(p.Photo) > 0 {
		photo, err := DecodePhoto(p.Photo)
		var fe *Error
		if errors.As(err, &fe) {
			res.Findings = append(res.Findings, fe.Finding)
		}
		res.Photo = photo
	}
	return res
}
