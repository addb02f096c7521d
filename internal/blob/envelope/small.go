package envelope

import (
	"bytes"
	"io"
)

// Seal encrypts a small value (a secret, a token) in memory with the keyring's active key, bound to aad.
func Seal(kr *Keyring, plaintext, aad []byte) ([]byte, error) {
	var out bytes.Buffer
	w, err := NewWriter(&out, kr, aad)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(plaintext); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Open decrypts what Seal made with the same aad; any change to the bytes or the aad is ErrTampered.
func Open(kr *Keyring, sealed, aad []byte) ([]byte, error) {
	r, err := NewReader(bytes.NewReader(sealed), kr, aad)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
