package config

import (
	"slices"
	"strings"
	"testing"
)

func TestAadhaarQRCerts(t *testing.T) {
	c := Config{AadhaarQRCerts: " /etc/kyc/uidai_2025.cer, ,/etc/kyc/test.pem "}
	if got := c.AadhaarQR().CertFiles; !slices.Equal(got, []string{"/etc/kyc/uidai_2025.cer", "/etc/kyc/test.pem"}) {
		t.Errorf("CertFiles = %q", got)
	}
	if got := (Config{}).AadhaarQR().CertFiles; len(got) != 0 {
		t.Errorf("unset: %q", got)
	}
	err := Config{AadhaarQRCerts: t.TempDir() + "/missing.pem"}.ValidateServer()
	if err == nil || !strings.Contains(err.Error(), "KYC_AADHAAR_QR_CERTS") {
		t.Errorf("a missing certificate file was not reported: %v", err)
	}
}
