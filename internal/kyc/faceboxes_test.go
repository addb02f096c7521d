package kyc

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
)

// TestFaceBoxesAreKeptWithTheReading: CompleteMatching records the compared faces' boxes in the card reading's
// faceEvidence (internal evidence for the reviewers' crops), keeping the reading; without a QR photo the QR's
// fields stay absent, as they were before boxes were kept; a check without boxes records nothing new.
func TestFaceBoxesAreKeptWithTheReading(t *testing.T) {
	ctx := context.Background()
	score := 0.42
	boxes := &FaceBoxes{Card: &FaceBox{X: 10, Y: 20, W: 30, H: 40, Version: 1}, Selfie: &FaceBox{X: 1, Y: 2, W: 300, H: 400, Version: 2}}
	for _, c := range []struct {
		name      string
		check     FaceCheck
		want      *FaceBoxes
		wantQRKey bool
	}{
		{"boxes, no QR", FaceCheck{FaceMatchScore: &score, Faces: boxes}, boxes, false},
		{"boxes and a QR photo", FaceCheck{FaceMatchScore: &score, QRFaceMatchScore: &score, BestEvidence: FaceRefQR,
			Faces: &FaceBoxes{Card: boxes.Card, QR: &FaceBox{W: 50, H: 60, Version: 3}}}, &FaceBoxes{Card: boxes.Card, QR: &FaceBox{W: 50, H: 60, Version: 3}}, true},
		{"no face anywhere", FaceCheck{Faces: &FaceBoxes{}}, &FaceBoxes{}, false},
		{"engine recorded none", FaceCheck{FaceMatchScore: &score}, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture()
			s := session(StatusOCRCompleted, 1)
			s.OCRResult = []byte(`{"pan":{"findings":[]}}`)
			sess := f.store.add(s)
			if err := f.svc.CompleteMatching(ctx, sess.ID, 1, c.check); err != nil {
				t.Fatal(err)
			}
			row := sessionOf(f.store.sessions[sess.ID])
			if got := RecordedFaces(row); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("recorded %+v, want %+v", got, c.want)
			}
			var stored map[string]map[string]any
			if err := json.Unmarshal(row.OCRResult, &stored); err != nil || stored["pan"] == nil {
				t.Fatalf("the reading was not kept: %s", row.OCRResult)
			}
			_, hasQR := stored["faceEvidence"]["qrFaceMatchScore"]
			_, hasBest := stored["faceEvidence"]["best"]
			if hasQR != c.wantQRKey || hasBest != c.wantQRKey {
				t.Errorf("faceEvidence %v: QR fields present %v/%v, want %v", stored["faceEvidence"], hasQR, hasBest, c.wantQRKey)
			}
		})
	}
}

// TestFaceCrop: a crop is cut only from the document version the box was found on; a replaced or missing
// document, a face not found and a session from before boxes were kept have none.
func TestFaceCrop(t *testing.T) {
	boxes := &FaceBoxes{Card: &FaceBox{X: 1, W: 5, H: 5, Version: 2}, Selfie: &FaceBox{W: 9, H: 9, Version: 1}}
	docs := []Document{{Type: DocAadhaarFront, Version: 2}, {Type: DocLivePhoto, Version: 3}, {Type: DocAadhaarQRPhoto, Version: 1}}
	for _, c := range []struct {
		name  string
		faces *FaceBoxes
		ref   FaceRef
		ok    bool
	}{
		{"card, same version", boxes, FaceCard, true},
		{"selfie replaced since", boxes, FaceSelfie, false},
		{"QR photo without a face found", boxes, FaceQR, false},
		{"processed before boxes were kept", nil, FaceCard, false},
		{"unknown ref", boxes, FaceRef("pan"), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, box, ok := FaceCrop(c.faces, docs, c.ref)
			if ok != c.ok {
				t.Fatalf("ok %v, want %v", ok, c.ok)
			}
			if ok && (d.Type != c.ref.Doc() || box != *c.faces.Box(c.ref)) {
				t.Errorf("document %s box %+v", d.Type, box)
			}
		})
	}
	if _, _, ok := FaceCrop(boxes, docs[1:], FaceCard); ok {
		t.Error("a crop of a deleted card")
	}
}
