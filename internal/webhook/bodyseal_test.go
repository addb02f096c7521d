package webhook

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/store"
)

// TestStoredBodySealed: the outbox stores a delivery's body sealed (no personal data in the database), and the
// endpoint gets the plaintext body, as rendered.
func TestStoredBodySealed(t *testing.T) {
	ctx := context.Background()
	r := newDeliveryRig(t)
	got := make(chan []byte, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		got <- b
	}))
	defer srv.Close()
	client := r.client(t, srv.URL)
	sess := store.Session{ID: uuid.New(), ClientID: client, Environment: "live", ExternalUserID: "u1", Status: "FACE_VERIFIED",
		ExtractedData: []byte(`{"fullName":"RAHUL KUMAR","address":"Gurugram"}`)}
	err := r.store.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.InsertSession(ctx, sess); err != nil {
			return err
		}
		return r.outbox.Record(ctx, tx, Subject{Session: sess}, EventVerificationCompleted)
	})
	if err != nil {
		t.Fatal(err)
	}
	var stored []byte
	if err := r.store.Pool().QueryRow(ctx, `SELECT body FROM webhook_deliveries WHERE session_id = $1`, sess.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(stored, []byte("RAHUL")) || bytes.Contains(stored, []byte("Gurugram")) {
		t.Fatalf("the stored body holds personal data in clear: %q", stored)
	}
	r.run(t, 2, 1)
	select {
	case b := <-got:
		if !bytes.Contains(b, []byte(`"fullName":"RAHUL KUMAR"`)) {
			t.Fatalf("the endpoint got %s", b)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no delivery")
	}
}
