package kyc

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/blob"
	"github.com/enxtai/kyc/internal/blob/envelope"
)

// TestQRPhotoFollowsTheReading: the stored QR photo always belongs to the current reading. A re-run with a
// photo replaces the previous one; a re-run that found none removes it with its aadhaarQr, in the reading's
// transaction, and deletes its object; a stale run's photo is never recorded and its object is removed.
func TestQRPhotoFollowsTheReading(t *testing.T) {
	ctx := context.Background()
	fs, err := blob.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	keys, err := envelope.NewKeyring(envelope.Key{ID: "test", Secret: [envelope.KeySize]byte{7}})
	if err != nil {
		t.Fatal(err)
	}
	vault, err := blob.NewVault(fs, keys, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture()
	f.svc = NewService(Deps{Store: f.store, Jobs: f.jobs, Outbox: f.outbox, Uploads: &Uploads{Vault: vault}})
	sess := f.store.add(session(StatusDocumentsUploaded, 1))
	withQR := ExtractedData{PanNumber: "ABCDE1234F", AadhaarQR: &AadhaarQR{Signature: QRSignatureValid, HasPhoto: true}}
	photo := func(b byte) *QRPhoto { return &QRPhoto{PNG: []byte{0x89, 'P', 'N', 'G', b}, Width: 1, Height: 1} }
	exists := func(key string) bool { _, err := fs.Stat(ctx, key); return err == nil }
	rerun := func(gen int) { // a document re-uploaded: a new run reads the cards again
		s := f.store.sessions[sess.ID]
		s.Status, s.Generation = string(StatusDocumentsUploaded), gen
		f.store.sessions[sess.ID] = s
	}

	var previous string
	for _, c := range []struct {
		name    string
		gen     int // the run reading
		current int // the session's run
		data    ExtractedData
		photo   *QRPhoto
		wantQR  bool // a QR photo row (and aadhaarQr) after the reading
	}{
		{"first run with a QR", 1, 1, withQR, photo(1), true},
		{"re-run with another QR", 2, 2, withQR, photo(2), true},
		{"stale run with a QR", 2, 3, withQR, photo(3), true}, // run 3 is current: run 2's photo is not kept
		{"re-run without a QR", 3, 3, ExtractedData{PanNumber: "ABCDE1234F"}, nil, false},
		{"another re-run without a QR", 4, 4, ExtractedData{PanNumber: "ABCDE1234F"}, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			rerun(c.current)
			before := keysUnder(t, ctx, fs, sess.ID)
			if err := f.svc.CompleteReading(ctx, sess.ID, c.gen, c.data, map[string]any{}, c.photo); err != nil {
				t.Fatal(err)
			}
			row, has := f.store.documents[sess.ID][string(DocAadhaarQRPhoto)]
			stale := c.gen != c.current
			switch {
			case stale && (row.ObjectKey != previous || len(keysUnder(t, ctx, fs, sess.ID)) != len(before)):
				t.Fatalf("a stale run changed the photo: row %q (was %q), objects %v -> %v", row.ObjectKey, previous,
					before, keysUnder(t, ctx, fs, sess.ID))
			case stale:
				return
			case has != c.wantQR || (has && !exists(row.ObjectKey)):
				t.Fatalf("QR photo row %+v (present %v), want present %v", row, has, c.wantQR)
			case previous != "" && exists(previous):
				t.Fatalf("the previous run's photo %s is still stored", previous)
			}
			if objs := keysUnder(t, ctx, fs, sess.ID); len(objs) != map[bool]int{true: 1, false: 0}[c.wantQR] {
				t.Fatalf("objects %v", objs)
			}
			got := string(f.store.sessions[sess.ID].ExtractedData)
			if strings.Contains(got, "aadhaarQr") != c.wantQR {
				t.Fatalf("extractedData %s", got)
			}
			previous = row.ObjectKey
		})
	}
}

// keysUnder lists the stored objects of a session.
func keysUnder(t *testing.T, ctx context.Context, fs *blob.FSStore, id uuid.UUID) []string {
	t.Helper()
	var keys []string
	for o, err := range fs.List(ctx, ObjectPrefix) {
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(o.Key, id.String()) {
			keys = append(keys, o.Key)
		}
	}
	return keys
}

// TestWebhookCarriesQRScore: the decision's webhook subject carries the QR photo's score when the run compared
// it, as the status does, and none when it did not.
func TestWebhookCarriesQRScore(t *testing.T) {
	ctx := context.Background()
	card, qr := 0.81, 0.93
	for _, c := range []struct {
		name string
		face FaceCheck
		want *float64
	}{
		{"QR photo compared", FaceCheck{Passed: true, FaceMatchScore: &card, QRFaceMatchScore: &qr, BestEvidence: FaceRefQR}, &qr},
		{"no QR photo", FaceCheck{Passed: true, FaceMatchScore: &card}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture()
			sess := f.store.add(session(StatusOCRCompleted, 2))
			s := f.store.sessions[sess.ID]
			s.OCRResult = json.RawMessage(`{"pan":{}}`)
			f.store.sessions[sess.ID] = s
			if err := f.svc.CompleteMatching(ctx, sess.ID, 2, c.face); err != nil {
				t.Fatal(err)
			}
			if len(f.outbox.subjects) != 1 {
				t.Fatalf("webhooks %v", f.outbox.events)
			}
			got := f.outbox.subjects[0].QRFaceMatchScore
			if (got == nil) != (c.want == nil) || (got != nil && *got != *c.want) {
				t.Fatalf("webhook qrFaceMatchScore %v, want %v", got, c.want)
			}
		})
	}
}
