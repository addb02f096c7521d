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

	// ScreenAngled: a phone held at an angle (20-45° turned away): bezel visible, the picture foreshortened
	// into a trapezoid.
	ScreenAngled Kind = "screen-angled"
	// PrintCut: a print cut out around the face, held in front of the attacker's own scene (a blurred copy of
	// the live picture): no paper margin, only the cut edge.
	PrintCut Kind = "print-cut"
	// ScreenMoire: a screen close-up with sub-pixel pitch from 1.5 to 10 px and moiré bands from 8 to 150 px
	// (fine and coarse beats, beyond ScreenCloseup's range).
	ScreenMoire Kind = "screen-moire"
)

// Kinds lists every attack style in a stable order.
var Kinds = []Kind{PrintFramed, PrintCloseup, ScreenFramed, ScreenCloseup, ScreenAngled, PrintCut, ScreenMoire}

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
	var backdrop *image.NRGBA
	if k == PrintCut {
		backdrop = imaging.Blur(img, 6+r.Float64()*6)
	}
	switch k {
	case PrintFramed, PrintCloseup, PrintCut:
		fadeColours(img, r)
		halftone(img, 3+r.Float64()*3, 0.12+r.Float64()*0.12, r)
	case ScreenFramed, ScreenCloseup, ScreenAngled:
		screenColours(img, r)
		pixelGrid(img, 3+r.Float64()*4, r)
	case ScreenMoire:
		screenColours(img, r)
		moireGrid(img, 1.5+r.Float64()*8.5, 8, 142, r)
	}
	var scene *image.NRGBA
	switch k {
	case PrintFramed:
		scene = frame(img, w, h, 0.70+r.Float64()*0.15, paperEdge, r)
	case ScreenFramed:
		scene = frame(img, w, h, 0.70+r.Float64()*0.15, bezel, r)
	case ScreenAngled:
		scene = angled(img, w, h, 20+r.Float64()*25, r)
	case PrintCut:
		scene = cutout(img, backdrop, 0.6+r.Float64()*0.15, r)
	default:
		scene = closeup(img, 1.05+r.Float64()*0.1, r)
	}
	glare(scene, 0.25+r.Float64()*0.35, r)
	return camera(scene, 0.7+r.Float64()*1.0, 3+r.Float64()*4, 70+r.IntN(16), r)
}
