package cardkit

import (
	"hash/fnv"
	"image"
	"math/rand/v2"
)

// Doc names one card side.
type Doc string

// The three images a KYC session uploads besides the selfie.
const (
	DocPAN          Doc = "pan"
	DocAadhaarFront Doc = "aadhaar_front"
	DocAadhaarBack  Doc = "aadhaar_back"
)

// Docs lists every card side in a stable order.
var Docs = []Doc{DocPAN, DocAadhaarFront, DocAadhaarBack}

// Sample is card number Index of a seeded set: one person and the PAN layout
// drawn for them. The same (seed, index) always gives the same sample, whatever
// other cards or variants are generated, so harnesses can work in memory and
// still match a set written to disk.
type Sample struct {
	Seed          int64         `json:"-"`
	Index         int           `json:"-"`
	Person        Person        `json:"person"`
	PANLayout     PANLayout     `json:"pan_layout"`
	AadhaarLayout AadhaarLayout `json:"aadhaar_layout"`
	// PANFace and AadhaarFace are the typefaces of each card's text.
	PANFace     Typeface `json:"pan_face"`
	AadhaarFace Typeface `json:"aadhaar_face"`
}

// NewSample draws card number index of the set with this seed.
func NewSample(seed int64, index int) Sample {
	r := streamRand(seed, index, "person")
	p := NewPerson(r)
	// Layouts take turns so every set covers each evenly; typefaces are drawn.
	f := streamRand(seed, index, "typeface")
	return Sample{Seed: seed, Index: index, Person: p,
		PANLayout: PANLayouts[index%len(PANLayouts)], AadhaarLayout: AadhaarLayouts[index%len(AadhaarLayouts)],
		PANFace: Typefaces[f.IntN(len(Typefaces))], AadhaarFace: Typefaces[f.IntN(len(Typefaces))]}
}

// Render draws one side of the sample's cards; face is used on the Aadhaar front.
func (s Sample) Render(doc Doc, face image.Image) image.Image {
	switch doc {
	case DocAadhaarFront, DocAadhaarBack:
		return RenderAadhaar(doc, s.Person, s.AadhaarLayout, s.AadhaarFace, face)
	default:
		return RenderPANWith(s.Person, s.PANLayout, s.PANFace)
	}
}

// RenderVariant draws one side and applies a variant with parameters drawn
// from the sample's own stream.
func (s Sample) RenderVariant(doc Doc, v Variant, face image.Image) image.Image {
	return Degrade(s.Render(doc, face), v, streamRand(s.Seed, s.Index, string(doc)+"/"+string(v)))
}

// RenderPhotographed draws one side as RenderVariant does with the
// Photographed variant (the same image) and also returns the card's true
// corners in the photo (top-left, top-right, bottom-right, bottom-left of the
// card as printed, in pixel coordinates), for measuring an outline search.
func (s Sample) RenderPhotographed(doc Doc, face image.Image) (image.Image, [4][2]float64) {
	return photographCorners(s.Render(doc, face), streamRand(s.Seed, s.Index, string(doc)+"/"+string(Photographed)))
}

// streamRand gives each (seed, card, purpose) its own generator.
func streamRand(seed int64, index int, stream string) *rand.Rand {
	h := fnv.New64a()
	_, _ = h.Write([]byte(stream))
	return rand.New(rand.NewPCG(uint64(seed)^uint64(index)*0x9E3779B97F4A7C15, h.Sum64())) //nolint:gosec // test data
}
