package aadhaarqr

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"embed"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path"
	"strings"
)

// builtin holds the UIDAI certificates shipped with the code (see
// certs/PROVENANCE.md); files ending in .cer, .crt, .der or .pem are loaded.
//
//go:embed certs
var builtin embed.FS

// TrustStore holds the certificates whose RSA keys may sign Secure QR codes.
//
// Validity periods are deliberately NOT checked: a QR carries no trusted
// signing time, and a card printed while a certificate was in force stays
// genuine after the certificate expires (cards are kept for years). A
// certificate is trusted for as long as it is in the store; a compromised or
// withdrawn key is handled by removing its certificate.
type TrustStore struct {
	entries []trusted
}

type trusted struct {
	key     *rsa.PublicKey
	subject string
	sha256  string // of the certificate's DER, as listed in PROVENANCE.md
}

// NewTrustStore trusts the given certificates; only RSA keys are accepted.
func NewTrustStore(certs ...*x509.Certificate) (*TrustStore, error) {
	ts := &TrustStore{}
	for _, c := range certs {
		k, ok := c.PublicKey.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("aadhaarqr: certificate %q has a %T key, UIDAI signs with RSA", c.Subject, c.PublicKey)
		}
		sum := sha256.Sum256(c.Raw)
		ts.entries = append(ts.entries, trusted{key: k, subject: c.Subject.String(), sha256: hex.EncodeToString(sum[:])})
	}
	return ts, nil
}

// LoadTrustStore trusts the built-in UIDAI certificates plus those in the
// comma-separated files (PEM or DER; KYC_AADHAAR_QR_CERTS).
func LoadTrustStore(extraFiles string) (*TrustStore, error) {
	certs, err := BuiltinCerts()
	if err != nil {
		return nil, err
	}
	for f := range strings.SplitSeq(extraFiles, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		b, err := os.ReadFile(f) //nolint:gosec // G304: the operator names these files (KYC_AADHAAR_QR_CERTS)
		if err != nil {
			return nil, fmt.Errorf("aadhaarqr: read certificate: %w", err)
		}
		cs, err := ParseCertificates(b)
		if err != nil {
			return nil, fmt.Errorf("aadhaarqr: %s: %w", f, err)
		}
		certs = append(certs, cs...)
	}
	return NewTrustStore(certs...)
}

// BuiltinCerts returns the certificates shipped under certs/.
func BuiltinCerts() ([]*x509.Certificate, error) {
	entries, err := builtin.ReadDir("certs")
	if err != nil {
		return nil, fmt.Errorf("aadhaarqr: built-in certificates: %w", err)
	}
	var out []*x509.Certificate
	for _, e := range entries {
		switch strings.ToLower(path.Ext(e.Name())) {
		case ".cer", ".crt", ".der", ".pem":
		default:
			continue
		}
		b, err := builtin.ReadFile("certs/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("aadhaarqr: built-in certificate: %w", err)
		}
		cs, err := ParseCertificates(b)
		if err != nil {
			return nil, fmt.Errorf("aadhaarqr: built-in %s: %w", e.Name(), err)
		}
		out = append(out, cs...)
	}
	return out, nil
}

// ParseCertificates reads one DER certificate or any number of PEM ones
// (UIDAI publishes .cer files, which come either way).
func ParseCertificates(b []byte) ([]*x509.Certificate, error) {
	if !strings.Contains(string(b), "-----BEGIN") {
		c, err := x509.ParseCertificate(b)
		if err != nil {
			return nil, fmt.Errorf("not a PEM or DER certificate: %w", err)
		}
		return []*x509.Certificate{c}, nil
	}
	var out []*x509.Certificate
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			break
		}
		if blk.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, errors.New("no CERTIFICATE block")
	}
	return out, nil
}

// Len is the number of trusted certificates.
func (t *TrustStore) Len() int { return len(t.entries) }
