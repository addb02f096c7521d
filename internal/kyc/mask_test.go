package kyc

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/testkit/pgtest"
)

// TestReadingStoresNoFullAadhaar: a full Aadhaar number that OCR put in the address (as in a real card's
// "Gurugram 7800 0364 9542, Haryana - 122083") or anywhere in the OCR result is masked before it is stored (the
// store here has no keys, so the columns hold the JSON in clear).
func TestReadingStoresNoFullAadhaar(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, pgtest.NewDatabase(t), 4)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := NewService(Deps{Store: Postgres(st), Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	client, id := uuid.New(), uuid.New()
	err = st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertClient(ctx, client, "acme"); err != nil {
			return err
		}
		_, err := tx.InsertSession(ctx, store.Session{ID: id, ClientID: client, Environment: "live",
			ExternalUserID: "u1", Status: string(StatusDocumentsUploaded)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	data := ExtractedData{FullName: "RAHUL KUMAR", AadhaarNumber: "XXXX XXXX 9542",
		Address: "H No 12, Sector 4, Gurugram 7800 0364 9542, Haryana - 122083"}
	ocr := map[string]any{"aadhaarBack": map[string]any{"lines": []string{"Address:", "Gurugram 780003649542"}}}
	if err := svc.CompleteReading(ctx, id, 0, data, ocr, nil); err != nil {
		t.Fatal(err)
	}
	var extracted, result string
	if err := st.Pool().QueryRow(ctx, `SELECT convert_from(extracted_data, 'UTF8'), convert_from(ocr_result, 'UTF8') FROM kyc_sessions WHERE id = $1`,
		id).Scan(&extracted, &result); err != nil {
		t.Fatal(err)
	}
	for name, stored := range map[string]string{"extracted_data": extracted, "ocr_result": result} {
		if digits := strings.NewReplacer(" ", "", "-", "").Replace(stored); strings.Contains(digits, "780003649542") {
			t.Errorf("%s holds the full number: %s", name, stored)
		}
	}
	if !strings.Contains(extracted, "Gurugram XXXX XXXX 9542, Haryana - 122083") {
		t.Errorf("address not masked in place: %s", extracted)
	}
}
