package attacks

import (
	"fmt"
	"image"
	"math/rand/v2"

	"github.com/disintegration/imaging"
)

// Kind names an attack style.
type Kind string

const (
	// PrintFramed: a printed photo held in front of the camera, paper edge and background visible.
	PrintFramed Kind = "print-framed"
	// PrintCloseup: the print fills the frame (no edge visible), only texture and colour give it away.
	PrintCloseup Kind = "print-closeup"
	// ScreenFramed: the selfie shown on a phone or monitor, bezel and background visible.
	ScreenFramed Kind = "screen-framed"
	// ScreenCloseup: the screen fills the frame: moiré, pixel grid, glare and colour shift only.
	ScreenCloseup Kind = "screen-closeup"
)

// Kinds lists every attack style in a stable order.
var Kinds = []Kind{PrintFramed, PrintCloseup, ScreenFramed, ScreenCloseup}

// ParseKind accepts a kind name.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("attacks: unknown kind %q (known: %v)", s, Kinds)
}

// Make returns live re-captured as the given kind of attack, the same size as live. r draws every
// parameter, so a seed reproduces the image.
func Make(live image.Image, k Kind, r *rand.Rand) image.Image {
	img := imaging.Clone(live)
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if w == 0 || h == 0 {
		return img
	}
	switch k {
	case PrintFramed, PrintCloseup:
		fadeColours(img, r)
		halftone(img, 3+r.Float64()*3, 0.12+r.Float64()*0.12, r)
	case ScreenFramed, ScreenCloseup:
		screenColours(img, r)
		pixelGrid(img, 3+r.Float64()*4, r)
	}
	var scene *image.NRGBA
	switch k {
	case PrintFramed:
		scene = frame(img, w, h, 0.70+r.Float64()*0.15, paperEdge, r)
	case ScreenFramed:
		scene = frame(img, w, h, 0.70+r.Float64()*0.15, bezel, r)
	default:
		scene = closeup(img, 1.05+r.Float64()*0.1, r)
	}
	glare(scene, 0.25+r.Float64()*0.35, r)
	return camera(scene, 0.7+r.Float64()*1.0, 3+r.Float64()*4, 70+r.IntN(16), r)
}
