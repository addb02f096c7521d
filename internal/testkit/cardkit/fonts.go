package cardkit

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/image/font/opentype"
)

// fontID names the faces the layouts use. Different documents use different
// families (DejaVu, Noto) so OCR is tested on more than one typeface.
type fontID int

const (
	dejaVuSans fontID = iota
	dejaVuSansBold
	dejaVuCondensedBold
	dejaVuSerifBold
	notoSans
	notoSansBold
	devanagari
	devanagariBold
	liberationSans
	liberationSansBold
	freeSans
	freeSansBold
	fontCount
)

// fontFiles are Debian's paths (fonts-dejavu-core, fonts-noto-core).
var fontFiles = [fontCount]string{
	dejaVuSans:          "dejavu/DejaVuSans.ttf",
	dejaVuSansBold:      "dejavu/DejaVuSans-Bold.ttf",
	dejaVuCondensedBold: "dejavu/DejaVuSansCondensed-Bold.ttf",
	dejaVuSerifBold:     "dejavu/DejaVuSerif-Bold.ttf",
	notoSans:            "noto/NotoSans-Regular.ttf",
	notoSansBold:        "noto/NotoSans-Bold.ttf",
	devanagari:          "noto/NotoSansDevanagari-Regular.ttf",
	devanagariBold:      "noto/NotoSansDevanagari-Bold.ttf",
	liberationSans:      "liberation2/LiberationSans-Regular.ttf",
	liberationSansBold:  "liberation2/LiberationSans-Bold.ttf",
	freeSans:            "freefont/FreeSans.ttf",
	freeSansBold:        "freefont/FreeSansBold.ttf",
}

// Typeface is the Latin family a card's body text is set in, chosen per card
// so that no parser or pass can come to rely on one font's shapes.
type Typeface string

// The families the kit draws with (Debian fonts-dejavu-core, fonts-noto-core,
// fonts-liberation2, fonts-freefont-ttf).
const (
	FaceDejaVu     Typeface = "dejavu"
	FaceNoto       Typeface = "noto"
	FaceLiberation Typeface = "liberation"
	FaceFreeSans   Typeface = "freesans"
)

// Typefaces lists every family in a stable order.
var Typefaces = []Typeface{FaceDejaVu, FaceNoto, FaceLiberation, FaceFreeSans}

// faces returns the regular and bold font of a family (DejaVu for unknown names).
func (t Typeface) faces() (regular, bold fontID) {
	switch t {
	case FaceNoto:
		return notoSans, notoSansBold
	case FaceLiberation:
		return liberationSans, liberationSansBold
	case FaceFreeSans:
		return freeSans, freeSansBold
	}
	return dejaVuSans, dejaVuSansBold
}

// FontDir is where Debian installs TrueType fonts.
const FontDir = "/usr/share/fonts/truetype"

type fontSet [fontCount]*opentype.Font

// loadFonts parses the fonts once per process: parsed fonts are immutable and
// safe to share; faces (which hold buffers) are made per render.
var loadFonts = sync.OnceValues(func() (*fontSet, error) { return parseFonts(FontDir) })

func parseFonts(dir string) (*fontSet, error) {
	var fs fontSet
	for id, rel := range fontFiles {
		path := filepath.Join(dir, rel)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("cardkit: read font (install fonts-dejavu-core, fonts-noto-core, fonts-liberation2 and fonts-freefont-ttf): %w", err)
		}
		f, err := opentype.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("cardkit: parse font %s: %w", path, err)
		}
		fs[id] = f
	}
	return &fs, nil
}

// CheckFonts reports whether the fonts the renderers need are installed. The
// Render functions panic without them (a broken test machine, not bad input);
// callers that prefer an error call this first, as WriteSet does.
func CheckFonts() error {
	_, err := loadFonts()
	return err
}

func mustFonts() *fontSet {
	fs, err := loadFonts()
	if err != nil {
		panic(err)
	}
	return fs
}
