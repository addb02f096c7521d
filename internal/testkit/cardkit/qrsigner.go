package cardkit

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	_ "embed"
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
// Its key is fixed (testdata/qr-test-signer.key, made for this kit and used
// for nothing else), so a seed's QR codes are the same on every run: with a
// key generated per process, one run in a few hundred signed a payload that
// compressed a few bytes worse, needed the next QR version and was drawn at
// smaller modules, and the QR tests failed at random.
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
		qrSigners.trusted, qrSigners.err = newQRSigner("cardkit Secure QR test signer (NOT UIDAI)", qrTestKeyPEM, 1)
		if qrSigners.err == nil {
			qrSigners.untrusted, qrSigners.err = newQRSigner("cardkit untrusted QR signer", qrUntrustedKeyPEM, 2)
		}
	})
}

// The kit's two RSA-2048 test keys (openssl genrsa), NOT UIDAI's.
var (
	//go:embed testdata/qr-test-signer.key
	qrTestKeyPEM []byte
	//go:embed testdata/qr-untrusted-signer.key
	qrUntrustedKeyPEM []byte
)

// newQRSigner loads a key and makes a self-signed certificate for it that
// expired in 2021: the reader must not reject a card because its signer's
// certificate expired (old cards stay genuine), and tests with this
// certificate prove it. A fixed serial keeps the certificate the same too.
func newQRSigner(cn string, keyPEM []byte, serial int64) (*QRSigner, error) {
	block, _ := pem.Decode(keyPEM)
	if block == nil {
		return nil, fmt.Errorf("cardkit: QR key: no PEM block")
	}
	key, err := x509.ParsePKCS1PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("cardkit: QR key: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
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
