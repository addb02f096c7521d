package retention

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"github.com/enxtai/kyc/internal/blob"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/kyc"
	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/testkit/pgtest"
)

// TestPersonalDataLifecycle: a retention pass erases, past their periods, the bodies of ended webhook
// deliveries (their metadata stays) and, with the document images, the extracted data and OCR result of a
// decided session (its decision stays); bodies still needed (pending, or recent) are kept.
func TestPersonalDataLifecycle(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, pgtest.NewDatabase(t), 4)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	vault, err := blob.Open(ctx, blob.Config{Kind: blob.KindFS, FSDir: t.TempDir(),
		MasterKeys: "test:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := kyc.NewService(kyc.Deps{Store: kyc.Postgres(st), Log: log, Uploads: &kyc.Uploads{Vault: vault}})

	client, sid := uuid.New(), uuid.New()
	deliveries := map[string]uuid.UUID{"old delivered": uuid.New(), "old failed": uuid.New(),
		"recent delivered": uuid.New(), "old pending": uuid.New()}
	err = st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertClient(ctx, client, "acme"); err != nil {
			return err
		}
		if _, err := tx.InsertSession(ctx, store.Session{ID: sid, ClientID: client, Environment: "live",
			ExternalUserID: "u1", Status: string(kyc.StatusFaceVerified)}); err != nil {
			return err
		}
		if _, err := tx.UpdateProcessing(ctx, sid, store.ProcessingUpdate{Status: string(kyc.StatusFaceVerified), Progress: 100,
			ExtractedData: []byte(`{"fullName":"RAHUL KUMAR","address":"Gurugram"}`), OCRResult: []byte(`{"lines":["RAHUL"]}`),
			Decided: true}); err != nil {
			return err
		}
		if _, err := tx.PutDocument(ctx, store.Document{SessionID: sid, Type: "PAN_CARD", ObjectKey: "gone/pan",
			ContentType: "image/jpeg", Size: 1, SHA256: make([]byte, 32)}); err != nil {
			return err
		}
		for _, id := range deliveries {
			if err := tx.InsertDelivery(ctx, store.Delivery{ID: id, ClientID: client, Environment: "live",
				SessionID: &sid, Event: "kyc.status_changed", Body: []byte(`{"fullName":"RAHUL KUMAR"}`)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	age := func(q string, args ...any) {
		if _, err := st.Pool().Exec(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	age(`UPDATE kyc_sessions SET decided_at = now() - interval '3 days' WHERE id = $1`, sid)
	age(`UPDATE webhook_deliveries SET status = 'delivered', attempts = 1, delivered_at = now() - interval '8 days',
		created_at = now() - interval '8 days' WHERE id = $1`, deliveries["old delivered"])
	age(`UPDATE webhook_deliveries SET status = 'failed', attempts = 8, created_at = now() - interval '8 days'
		WHERE id = $1`, deliveries["old failed"])
	age(`UPDATE webhook_deliveries SET status = 'delivered', attempts = 1, delivered_at = now() - interval '1 day'
		WHERE id = $1`, deliveries["recent delivered"])
	age(`UPDATE webhook_deliveries SET created_at = now() - interval '8 days' WHERE id = $1`, deliveries["old pending"])

	cfg := DefaultConfig()
	cfg.Period, cfg.Bodies = 2*24*time.Hour, 7*24*time.Hour
	if err := NewWorker(svc, cfg, log).Work(ctx, &river.Job[jobs.RetentionArgs]{}); err != nil {
		t.Fatal(err)
	}

	sess, err := st.GetSession(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	if sess.ExtractedData != nil || sess.OCRResult != nil || sess.DocumentsErasedAt == nil {
		t.Errorf("past retention: extracted %s, OCR %s, documents erased at %v; want none, none, set",
			sess.ExtractedData, sess.OCRResult, sess.DocumentsErasedAt)
	}
	if sess.Status != string(kyc.StatusFaceVerified) || sess.DecidedAt == nil {
		t.Errorf("the decision went too: %s %v", sess.Status, sess.DecidedAt)
	}
	for name, id := range deliveries {
		d, err := st.GetDelivery(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		wantErased := name == "old delivered" || name == "old failed"
		if (d.Body == nil) != wantErased {
			t.Errorf("%s: body erased = %v, want %v", name, d.Body == nil, wantErased)
		}
		if d.Event != "kyc.status_changed" || d.Status == "" || (name != "old pending" && d.Attempts == 0) {
			t.Errorf("%s: metadata lost: %+v", name, d)
		}
	}
}
