package webhook

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/blob/envelope"
)

// Stored bodies carry the session's extracted data (name, date of birth, address, PAN), so they are sealed in
// the database with the document keys (AES-GCM envelope), bound to the delivery id: a body cannot be moved to
// another delivery. What is signed and sent is the plaintext, exactly as rendered by Body.

// errBodyErased: the retention period of the body is over (KYC_WEBHOOK_BODY_RETENTION); only metadata is left.
var errBodyErased = errors.New("the delivery's body was erased after its retention period")

func sealBody(keys *envelope.Keyring, id uuid.UUID, body []byte) ([]byte, error) {
	return envelope.Seal(keys, body, bodyAAD(id))
}

// openBody decrypts a stored body. Bodies stored before sealing began (plain JSON) are returned as they are.
func openBody(keys *envelope.Keyring, id uuid.UUID, stored []byte) ([]byte, error) {
	switch {
	case stored == nil:
		return nil, errBodyErased
	case bytes.HasPrefix(stored, []byte("{")):
		return stored, nil
	}
	b, err := envelope.Open(keys, stored, bodyAAD(id))
	if err != nil {
		return nil, fmt.Errorf("webhook body: %w", err)
	}
	return b, nil
}

func bodyAAD(id uuid.UUID) []byte { return []byte("webhook-body/" + id.String()) }
