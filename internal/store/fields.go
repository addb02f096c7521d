package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/blob/envelope"
)

// Personal columns (kyc_sessions.extracted_data and ocr_result: name, date of birth, address, PAN) are sealed
// column by column with the document keys (AES-GCM envelope, internal/blob/envelope), bound to the session id
// and the column: a database dump or a replica's disk shows no personal data, and a value cannot be moved to
// another session. They cannot be searched in SQL; see the README's security section for what can.
//
// Values written before sealing began (plain JSON, migration 00008 kept them as bytes) are read as they are.

// SetFieldKeys makes the store seal personal columns with keys from now on. Without keys (tools, tests of other
// packages) they are written in clear; the server always sets them.
func (s *Store) SetFieldKeys(keys *envelope.Keyring) { s.keys = keys }

func (q Queries) sealField(id uuid.UUID, column string, plain json.RawMessage) ([]byte, error) {
	if plain == nil || q.keys == nil {
		return plain, nil
	}
	return envelope.Seal(q.keys, plain, fieldAAD(id, column))
}

func (q Queries) openField(id uuid.UUID, column string, stored json.RawMessage) (json.RawMessage, error) {
	if len(stored) == 0 || stored[0] == '{' || stored[0] == '[' || bytes.Equal(stored, []byte("null")) {
		return stored, nil
	}
	if q.keys == nil {
		return nil, fmt.Errorf("store: %s of session %s is sealed and the store has no keys", column, id)
	}
	b, err := envelope.Open(q.keys, stored, fieldAAD(id, column))
	if err != nil {
		return nil, fmt.Errorf("store: open %s of session %s: %w", column, id, err)
	}
	return b, nil
}

// openSession decrypts the personal columns of a scanned session.
func (q Queries) openSession(s Session, err error) (Session, error) {
	if err != nil {
		return s, err
	}
	if s.ExtractedData, err = q.openField(s.ID, "extracted_data", s.ExtractedData); err != nil {
		return s, err
	}
	s.OCRResult, err = q.openField(s.ID, "ocr_result", s.OCRResult)
	return s, err
}

func fieldAAD(id uuid.UUID, column string) []byte {
	return []byte("kyc_sessions/" + column + "/" + id.String())
}
