package envelope

import (
	"bytes"
	"errors"
	"testing"
)

func TestSealOpenSmall(t *testing.T) {
	kr, err := ParseKeyring("k1:" + "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := Seal(kr, []byte("whsec_secret"), []byte("client-1"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, []byte("whsec_secret")) {
		t.Fatal("plaintext visible in the sealed value")
	}
	got, err := Open(kr, sealed, []byte("client-1"))
	if err != nil || string(got) != "whsec_secret" {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if _, err := Open(kr, sealed, []byte("client-2")); !errors.Is(err, ErrTampered) {
		t.Fatalf("other aad: %v, want ErrTampered", err)
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := Open(kr, sealed, []byte("client-1")); !errors.Is(err, ErrTampered) {
		t.Fatalf("flipped byte: %v, want ErrTampered", err)
	}
}
