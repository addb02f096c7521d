package store_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/blob/envelope"
	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/testkit/pgtest"
)

// TestPersonalColumnsSealed: extracted data and OCR results are stored sealed (no personal data in the
// table), read back as written, bound to their session; values stored in clear before sealing still read.
func TestPersonalColumnsSealed(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, pgtest.NewDatabase(t), 4)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	keys, err := envelope.NewKeyring(envelope.Key{ID: "k1", Secret: [envelope.KeySize]byte{9}})
	if err != nil {
		t.Fatal(err)
	}
	st.SetFieldKeys(keys)
	client, a, b := uuid.New(), uuid.New(), uuid.New()
	extracted := []byte(`{"fullName":"RAHUL KUMAR","address":"Gurugram"}`)
	err = st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertClient(ctx, client, "acme"); err != nil {
			return err
		}
		for _, id := range []uuid.UUID{a, b} {
			if _, err := tx.InsertSession(ctx, store.Session{ID: id, ClientID: client, Environment: "live",
				ExternalUserID: id.String(), Status: "OCR_COMPLETED"}); err != nil {
				return err
			}
		}
		_, err := tx.UpdateProcessing(ctx, a, store.ProcessingUpdate{Status: "OCR_COMPLETED", ExtractedData: extracted,
			OCRResult: []byte(`{"lines":["RAHUL KUMAR"]}`)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var rawExtracted, rawOCR []byte
	if err := st.Pool().QueryRow(ctx, `SELECT extracted_data, ocr_result FROM kyc_sessions WHERE id = $1`, a).
		Scan(&rawExtracted, &rawOCR); err != nil {
		t.Fatal(err)
	}
	for _, raw := range [][]byte{rawExtracted, rawOCR} {
		if bytes.Contains(raw, []byte("RAHUL")) || !bytes.HasPrefix(raw, []byte("KYCE")) {
			t.Fatalf("stored in clear: %q", raw)
		}
	}
	got, err := st.GetSession(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if string(got.ExtractedData) != string(extracted) || string(got.OCRResult) != `{"lines":["RAHUL KUMAR"]}` {
		t.Fatalf("read back %s / %s", got.ExtractedData, got.OCRResult)
	}
	// a sealed value moved to another session does not open
	if _, err := st.Pool().Exec(ctx, `UPDATE kyc_sessions SET extracted_data = $1 WHERE id = $2`, rawExtracted, b); err != nil {
		t.Fatal(err)
	}
	if _, err := st.GetSession(ctx, b); err == nil {
		t.Fatal("a sealed value copied to another session was opened")
	}
	// a value written in clear before sealing began still reads
	if _, err := st.Pool().Exec(ctx, `UPDATE kyc_sessions SET extracted_data = convert_to('{"fullName":"OLD"}', 'UTF8') WHERE id = $1`, b); err != nil {
		t.Fatal(err)
	}
	if got, err := st.GetSession(ctx, b); err != nil || string(got.ExtractedData) != `{"fullName":"OLD"}` {
		t.Fatalf("legacy value: %s, %v", got.ExtractedData, err)
	}
}
