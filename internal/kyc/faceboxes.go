package kyc

import (
	"context"
	"encoding/json"
	"io"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/audit"
)

// FaceBox is where the face step found the face it compared on one image: a rectangle in the pixels of the
// image as the pipeline decodes it (upright: EXIF orientation applied), and the version of the document it
// was found on. A crop is cut from that version only: a replaced image has other faces in other places.
type FaceBox struct {
	X       int `json:"x"`
	Y       int `json:"y"`
	W       int `json:"w"`
	H       int `json:"h"`
	Version int `json:"version"`
}

// FaceBoxes are a run's compared faces: on the Aadhaar front's printed photo, on the Secure QR's photo (when
// it was compared) and in the selfie; nil where no face was found.
type FaceBoxes struct {
	Card   *FaceBox `json:"card,omitempty"`
	QR     *FaceBox `json:"qr,omitempty"`
	Selfie *FaceBox `json:"selfie,omitempty"`
}

// FaceRef names one of the compared images, as the console's crop URLs do.
type FaceRef string

// The compared images.
const (
	FaceCard   FaceRef = "card"
	FaceQR     FaceRef = "qr"
	FaceSelfie FaceRef = "selfie"
)

// Doc is the document type the face was found on ("" for an unknown ref).
func (r FaceRef) Doc() DocType {
	return map[FaceRef]DocType{FaceCard: DocAadhaarFront, FaceQR: DocAadhaarQRPhoto, FaceSelfie: DocLivePhoto}[r]
}

// Box is the box recorded for ref (nil: none).
func (b *FaceBoxes) Box(ref FaceRef) *FaceBox {
	if b == nil {
		return nil
	}
	return map[FaceRef]*FaceBox{FaceCard: b.Card, FaceQR: b.QR, FaceSelfie: b.Selfie}[ref]
}

// faceEvidence is what a face check adds to the card reading (nil: nothing). The QR's fields are set only when
// the QR photo was compared, as before boxes were kept.
func faceEvidence(c FaceCheck) *FaceEvidence {
	if c.QRFaceMatchScore == nil && c.Faces == nil {
		return nil
	}
	e := &FaceEvidence{Faces: c.Faces}
	if c.QRFaceMatchScore != nil {
		e.Best, e.CardFaceMatchScore, e.QRFaceMatchScore = c.BestEvidence, c.FaceMatchScore, c.QRFaceMatchScore
	}
	return e
}

// RecordedFaces are the face boxes the session's last face step recorded; nil when it recorded none (a
// session processed before boxes were kept, or not compared yet).
func RecordedFaces(s Session) *FaceBoxes {
	var r struct {
		FaceEvidence *FaceEvidence `json:"faceEvidence"`
	}
	if len(s.OCRResult) == 0 || json.Unmarshal(s.OCRResult, &r) != nil || r.FaceEvidence == nil {
		return nil
	}
	return r.FaceEvidence.Faces
}

// FaceCrop is a compared face on a document as it is stored now; ok is false when there is none to cut: no
// box recorded for ref, or the document is gone or was replaced since the faces were compared.
func FaceCrop(faces *FaceBoxes, docs []Document, ref FaceRef) (Document, FaceBox, bool) {
	box := faces.Box(ref)
	if box == nil {
		return Document{}, FaceBox{}, false
	}
	for _, d := range docs {
		if d.Type == ref.Doc() && d.Version == box.Version {
			return d, *box, true
		}
	}
	return Document{}, FaceBox{}, false
}

// ReviewFace opens, decrypted, the document on which the face step compared the face ref, with the box to
// cut, for a reviewer; the caller closes the reader. As with ReviewDocument the read is audited
// (kyc.document_viewed, marked as a face crop) before a byte is served. NotFound when there is nothing to
// cut (FaceCrop), which includes every session processed before boxes were kept and every erased one (its
// card reading is gone).
func (s *Service) ReviewFace(ctx context.Context, actor audit.Actor, id uuid.UUID, ref FaceRef) (Document, FaceBox, io.ReadCloser, error) {
	sess, err := getSession(ctx, s.store, id)
	if err != nil {
		return Document{}, FaceBox{}, nil, sessionErr(err)
	}
	docs, err := listDocuments(ctx, s.store, id)
	if err != nil {
		return Document{}, FaceBox{}, nil, dbErr(err)
	}
	d, box, ok := FaceCrop(RecordedFaces(sess), docs, ref)
	if !ok {
		return Document{}, FaceBox{}, nil, apperr.New(apperr.NotFound, "No face crop is recorded for this image of the KYC session.")
	}
	if err := audit.Record(ctx, s.store, actor, audit.Entry{Action: audit.ActionDocumentViewed,
		TargetType: audit.TargetSession, TargetID: id.String(), ClientID: sess.ClientID,
		Detail: map[string]any{"documentType": string(d.Type), "version": d.Version, "crop": "face"}}); err != nil {
		return Document{}, FaceBox{}, nil, dbErr(err)
	}
	r, err := s.OpenDocument(ctx, d)
	if err != nil {
		return Document{}, FaceBox{}, nil, err
	}
	return d, box, r, nil
}
