package cardkit

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"sync"
	"time"
)

// QRSigner is a key pair that signs the kit's Secure QR codes the way UIDAI
// signs real ones (RSA-2048, SHA-256, PKCS #1 v1.5), with a self-signed
// certificate to put in the reader's trust store (KYC_AADHAAR_QR_CERTS).
// It is NOT UIDAI's key: no real card verifies against it.
type QRSigner struct {
	Key     *rsa.PrivateKey
	Cert    *x509.Certificate
	CertPEM []byte
}

// Sign returns the signature over data.
func (s *QRSigner) Sign(data []byte) ([]byte, error) {
	sum := sha256.Sum256(data)
	sig, err := rsa.SignPKCS1v15(nil, s.Key, crypto.SHA256, sum[:])
	if err != nil {
		return nil, fmt.Errorf("cardkit: sign QR: %w", err)
	}
	return sig, nil
}

var qrSigners struct {
	once               sync.Once
	trusted, untrusted *QRSigner
	err                error
}

// QRTestSigner is the kit's trusted test signer; tests trust its certificate.
// Keys are generated once per process (Go ignores a seeded reader for RSA
// keys), so a test writes the certificate with WriteQRTestCert each run.
func QRTestSigner() (*QRSigner, error) {
	loadQRSigners()
	return qrSigners.trusted, qrSigners.err
}

// QRUntrustedSigner signs the QRUntrusted variant; its certificate is never
// put in a trust store.
func QRUntrustedSigner() (*QRSigner, error) {
	loadQRSigners()
	return qrSigners.untrusted, qrSigners.err
}

// WriteQRTestCert writes the trusted test certificate as PEM to path.
func WriteQRTestCert(path string) error {
	s, err := QRTestSigner()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, s.CertPEM, 0o600); err != nil {
		return fmt.Errorf("cardkit: write QR test certificate: %w", err)
	}
	return nil
}

func loadQRSigners() {
	qrSigners.once.Do(func() {
		qrSigners.trusted, qrSigners.err = newQRSigner("cardkit Secure QR test signer (NOT UIDAI)")
		if qrSigners.err == nil {
			qrSigners.untrusted, qrSigners.err = newQRSigner("cardkit untrusted QR signer")
		}
	})
}

// newQRSigner makes a key and a self-signed certificate that expired in 2021:
// the reader must not reject a card because its signer's certificate expired
// (old cards stay genuine), and tests with this certificate prove it.
func newQRSigner(cn string) (*QRSigner, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("cardkit: QR key: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"synthetic test data"}},
		NotBefore:    time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("cardkit: QR certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("cardkit: QR certificate: %w", err)
	}
	return &QRSigner{Key: key, Cert: cert, CertPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}, nil
}
