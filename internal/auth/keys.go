package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"

	"github.com/google/uuid"
)

// Environments a client key belongs to: live keys see live sessions, test keys the sandbox.
const (
	EnvLive = "live"
	EnvTest = "test"
)

// prefixLen is how much of a key is kept in clear to recognise it in listings: "kyc_live_" plus 6 random
// characters (36 bits: recognisable, useless to an attacker).
const randomPrefixChars = 6

// NewKey returns a fresh API key for the environment (or "admin"), its visible prefix and its hash.
func NewKey(kind string) (key, prefix string, hash []byte) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand failed: " + err.Error()) // never happens on Linux; nothing sane to do if it does
	}
	head := "kyc_" + kind + "_"
	key = head + base64.RawURLEncoding.EncodeToString(b[:])
	return key, key[:len(head)+randomPrefixChars], Hash(key)
}

// Hash is how a presented key is looked up. Keys carry 256 random bits, so a fast hash is as safe as a slow one
// and keeps authentication cheap.
func Hash(key string) []byte {
	h := sha256.Sum256([]byte(strings.TrimSpace(key)))
	return h[:]
}

// Issued is a newly created key, shown to its owner once.
type Issued struct {
	OwnerID uuid.UUID
	KeyID   uuid.UUID
	Key     string
	Prefix  string
}
