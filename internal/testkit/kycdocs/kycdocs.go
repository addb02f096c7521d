// Package kycdocs writes the four documents of a KYC session for end-to-end tests: a PAN card and an Aadhaar
// front and back rendered by the card kit for one synthetic person (the front carrying a face photo), and a
// selfie. Face photos come from ../shared/testdata/faces (test use only, never shipped).
package kycdocs

import (
	"fmt"
	"image"
	_ "image/jpeg" // decode the face photos
	"os"
	"path/filepath"
	"runtime"

	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// Set is one session's documents on disk, named as the guide's examples expect.
type Set struct {
	Person                                    cardkit.Person
	PAN, AadhaarFront, AadhaarBack, LivePhoto string
}

// FacesDir is ../shared/testdata/faces beside the repository.
func FacesDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "testdata", "faces")
}

// Face loads a face photo by name (e.g. "jimin.jpg").
func Face(name string) (image.Image, error) {
	f, err := os.Open(filepath.Join(FacesDir(), name))
	if err != nil {
		return nil, fmt.Errorf("kycdocs: face photo %s (../shared/testdata/faces beside the repository): %w", name, err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	return img, err
}

// Write renders sample seed's cards with cardFace on the Aadhaar front and copies selfie as the live photo,
// into dir as pan.jpg, aadhaar-front.jpg, aadhaar-back.jpg and live-photo.jpg.
func Write(dir string, seed int64, cardFace, selfie string) (Set, error) {
	s := cardkit.NewSample(seed, 0)
	return WriteFamily(dir, seed, s.PANLayout, s.AadhaarLayout, cardFace, selfie)
}

// WriteFamily is Write with the PAN drawn in layout family pan and both Aadhaar sides in aadhaar.
func WriteFamily(dir string, seed int64, pan cardkit.PANLayout, aadhaar cardkit.AadhaarLayout, cardFace, selfie string) (Set, error) {
	s := cardkit.NewSample(seed, 0)
	s.PANLayout, s.AadhaarLayout = pan, aadhaar
	face, err := Face(cardFace)
	if err != nil {
		return Set{}, err
	}
	set := Set{Person: s.Person,
		PAN: filepath.Join(dir, "pan.jpg"), AadhaarFront: filepath.Join(dir, "aadhaar-front.jpg"),
		AadhaarBack: filepath.Join(dir, "aadhaar-back.jpg"), LivePhoto: filepath.Join(dir, "live-photo.jpg")}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Set{}, err
	}
	for path, img := range map[string]image.Image{
		set.PAN:          s.Render(cardkit.DocPAN, nil),
		set.AadhaarFront: s.Render(cardkit.DocAadhaarFront, face),
		set.AadhaarBack:  s.Render(cardkit.DocAadhaarBack, nil),
	} {
		if err := cardkit.WriteImage(path, img, 92); err != nil {
			return Set{}, err
		}
	}
	raw, err := os.ReadFile(filepath.Join(FacesDir(), selfie))
	if err != nil {
		return Set{}, err
	}
	return set, os.WriteFile(set.LivePhoto, raw, 0o644)
}

// WriteQR is Write with UIDAI's Secure QR in variant v on the Aadhaar back, carrying the card's face as its
// photo and the hashes of mobile and email (when given).
func WriteQR(dir string, seed int64, cardFace, selfie string, v cardkit.QRVariant, mobile, email string) (Set, error) {
	set, err := Write(dir, seed, cardFace, selfie)
	if err != nil {
		return Set{}, err
	}
	face, err := Face(cardFace)
	if err != nil {
		return Set{}, err
	}
	back, err := cardkit.RenderAadhaarBackQR(set.Person, cardkit.QROptions{Variant: v, Face: face, Mobile: mobile, Email: email})
	if err != nil {
		return Set{}, err
	}
	return set, cardkit.WriteImage(set.AadhaarBack, back, 92)
}
