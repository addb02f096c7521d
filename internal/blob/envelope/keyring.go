package envelope

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the length of master and data keys (AES-256).
const KeySize = 32

// ErrUnknownKey: the object was sealed under a master key id the keyring does not hold.
var ErrUnknownKey = errors.New("envelope: master key not in keyring")

// Key is one master key and its id (1-64 characters of [A-Za-z0-9._-]).
type Key struct {
	ID     string
	Secret [KeySize]byte
}

// Keyring holds the active master key (used to seal) and older keys (used only to open).
type Keyring struct {
	active string
	keys   map[string][KeySize]byte
}

// NewKeyring builds a keyring; active seals new objects, every key opens.
func NewKeyring(active Key, older ...Key) (*Keyring, error) {
	kr := &Keyring{active: active.ID, keys: make(map[string][KeySize]byte, 1+len(older))}
	for _, k := range append([]Key{active}, older...) {
		if err := validKeyID(k.ID); err != nil {
			return nil, err
		}
		if _, dup := kr.keys[k.ID]; dup {
			return nil, fmt.Errorf("envelope: key id %q listed twice", k.ID)
		}
		kr.keys[k.ID] = k.Secret
	}
	return kr, nil
}

// ParseKeyring reads the configuration form "id:base64key[,id:base64key...]": the first key is the active one,
// the others are older keys kept for opening. A key is 32 random bytes in standard base64 (e.g. the output of
// `openssl rand -base64 32`). Errors never contain key material.
func ParseKeyring(spec string) (*Keyring, error) {
	var keys []Key
	for i, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		id, b64, ok := strings.Cut(part, ":")
		if !ok {
			return nil, fmt.Errorf("envelope: master key %d: want id:base64key", i+1)
		}
		raw, err := base64.StdEncoding.DecodeString(b64)
		if err != nil || len(raw) != KeySize {
			return nil, fmt.Errorf("envelope: master key %q: want %d bytes in standard base64", id, KeySize)
		}
		k := Key{ID: id}
		copy(k.Secret[:], raw)
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, errors.New("envelope: no master key")
	}
	return NewKeyring(keys[0], keys[1:]...)
}

// ActiveID names the key new objects are sealed with.
func (kr *Keyring) ActiveID() string { return kr.active }

// String never shows secrets.
func (kr *Keyring) String() string {
	return fmt.Sprintf("Keyring{active: %q, keys: %d}", kr.active, len(kr.keys))
}

func validKeyID(id string) error {
	if id == "" || len(id) > 64 {
		return fmt.Errorf("envelope: key id %q: want 1-64 characters", id)
	}
	for _, r := range id {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '.' || r == '_' || r == '-') {
			return fmt.Errorf("envelope: key id %q: only letters, digits, '.', '_' and '-'", id)
		}
	}
	return nil
}
