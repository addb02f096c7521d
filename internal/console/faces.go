package console

import (
	"net/http"
	"strconv"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/kyc"
)

// faceView is one of the case page's face crops: the image it is cut from, the score it stands for read
// against the bands, or why there is no crop.
type faceView struct {
	Ref   kyc.FaceRef
	Label string
	Score string // the score's value, "—" when not measured
	What  string // which score
	Band  string // the score against the bands
	Note  string // "": the crop is served; else why there is none
}

// facesOf lays out the crops: the card's printed photo and the Secure QR's photo (when the session has one),
// each with its match score against the selfie, and the selfie with its liveness score.
func facesOf(v kyc.ReviewView, bands Bands) []faceView {
	recorded := kyc.RecordedFaces(v.Session)
	s := v.Session
	views := []faceView{
		{Ref: kyc.FaceCard, Label: "Aadhaar card photo", What: "face match", Score: score(s.FaceMatchScore), Band: faceBand(s.FaceMatchScore, bands)},
	}
	for _, d := range v.Documents {
		if d.Type == kyc.DocAadhaarQRPhoto {
			qr := kyc.QRFaceMatchScore(s)
			views = append(views, faceView{Ref: kyc.FaceQR, Label: "Secure QR photo", What: "QR face match", Score: score(qr), Band: faceBand(qr, bands)})
		}
	}
	views = append(views, faceView{Ref: kyc.FaceSelfie, Label: "Selfie", What: "liveness", Score: score(s.LivenessScore), Band: livenessBand(s.LivenessScore, bands)})
	for i := range views {
		_, _, ok := kyc.FaceCrop(recorded, v.Documents, views[i].Ref)
		switch {
		case ok:
		case recorded == nil:
			views[i].Note = "No crop recorded: this session was processed before face positions were kept. Compare the faces on the full images."
		case recorded.Box(views[i].Ref) == nil:
			views[i].Note = "No face was found on this image, so there is no crop."
		default:
			views[i].Note = "This image was replaced or deleted since the faces were compared: no crop."
		}
	}
	return views
}

// faceCrop serves the face the pipeline compared on one image (card, qr or selfie), cut from the decrypted
// stored document; audited by kyc.ReviewFace like every document image, never cached (securityHeaders).
func (c *Console) faceCrop(w http.ResponseWriter, r *http.Request) {
	id, err := uuid.Parse(r.PathValue("id"))
	ref := kyc.FaceRef(r.PathValue("ref"))
	if err != nil || ref.Doc() == "" {
		http.NotFound(w, r)
		return
	}
	_, box, body, err := c.kyc.ReviewFace(r.Context(), reviewerOf(r).actor, id, ref)
	if err != nil {
		c.imageError(w, r, err)
		return
	}
	defer body.Close()
	jpg, err := cutFace(r.Context(), body, box)
	if err != nil {
		c.internal(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Content-Length", strconv.Itoa(len(jpg)))
	_, _ = w.Write(jpg)
}
