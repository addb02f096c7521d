package main

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"path/filepath"

	"github.com/enxtai/kyc/internal/testkit/cardkit"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// typeface is a regular and a bold font file under cardkit.FontDir.
type typeface struct{ regular, bold string }

// kitFaces are the families the kit draws with; unseenFaces are Debian fonts it never uses (serif, condensed,
// display and monospaced), so a probe with them asks whether reading depends on the kit's typefaces.
var (
	kitFaces = []typeface{
		{"dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"},
		{"noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"},
		{"liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf"},
		{"freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"},
	}
	unseenFaces = []typeface{
		{"dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"},
		{"dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"},
		{"liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf"},
		{"freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"},
		{"noto/NotoSerif-Regular.ttf", "noto/NotoSerif-Bold.ttf"},
		{"noto/NotoSansDisplay-Regular.ttf", "noto/NotoSansDisplay-Bold.ttf"},
		{"liberation2/LiberationMono-Regular.ttf", "liberation2/LiberationMono-Bold.ttf"},
	}
)

// fontCache parses each font file once.
type fontCache struct {
	dir   string
	fonts map[string]*opentype.Font
}

func (fc *fontCache) load(name string) (*opentype.Font, error) {
	if f, ok := fc.fonts[name]; ok {
		return f, nil
	}
	b, err := os.ReadFile(filepath.Join(fc.dir, name))
	if err != nil {
		return nil, fmt.Errorf("probe-layouts: font: %w", err)
	}
	f, err := opentype.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("probe-layouts: font %s: %w", name, err)
	}
	fc.fonts[name] = f
	return f, nil
}

// pair is a typeface's regular and bold fonts.
func (fc *fontCache) pair(tf typeface) ([2]*opentype.Font, error) {
	reg, err := fc.load(tf.regular)
	if err != nil {
		return [2]*opentype.Font{}, err
	}
	bold, err := fc.load(tf.bold)
	return [2]*opentype.Font{reg, bold}, err
}

// card is a canvas drawn in units of a 1000-wide card, scaled to its pixel width.
type card struct {
	img               *image.RGBA
	reg, bold         *opentype.Font
	devaReg, devaBold *opentype.Font // Noto Sans Devanagari, for the Hindi of bilingual cards
	k                 float64        // pixels per unit
}

// devanagariFaces are the font files Hindi is drawn with, whatever the Latin typeface.
var devanagariFaces = typeface{"noto/NotoSansDevanagari-Regular.ttf", "noto/NotoSansDevanagari-Bold.ttf"}

func newCard(width int, bg color.Color, latin, deva [2]*opentype.Font) *card {
	img := image.NewRGBA(image.Rect(0, 0, width, width*63/100))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	return &card{img: img, reg: latin[0], bold: latin[1], devaReg: deva[0], devaBold: deva[1], k: float64(width) / 1000}
}

func (c *card) face(bold bool, size float64) font.Face { return c.fontFace(c.reg, c.bold, bold, size) }

func (c *card) devaFace(bold bool, size float64) font.Face {
	return c.fontFace(c.devaReg, c.devaBold, bold, size)
}

func (c *card) fontFace(reg, boldFont *opentype.Font, bold bool, size float64) font.Face {
	f := reg
	if bold {
		f = boldFont
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size * c.k, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic(err) // only for a size or DPI out of range, which the layouts never ask for
	}
	return face
}

// width is s's advance in units.
func (c *card) width(bold bool, size float64, s string) float64 {
	var w fixed.Int26_6
	runs, deva := cardkit.ScriptRuns(s)
	for i, run := range runs {
		f := c.face(bold, size)
		if deva[i] {
			f = c.devaFace(bold, size)
		}
		w += font.MeasureString(f, run)
	}
	return float64(w.Ceil()) / c.k
}

// text draws s with its baseline at (x, y), shrunk to fit maxW units if it would not; its Devanagari runs in
// Noto Sans Devanagari.
func (c *card) text(x, y float64, bold bool, size float64, col color.Color, s string, maxW float64) {
	if w := c.width(bold, size, s); w > maxW {
		size *= maxW / w
	}
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Dot: fixed.P(int(x*c.k), int(y*c.k))}
	runs, deva := cardkit.ScriptRuns(s)
	for i, run := range runs {
		d.Face = c.face(bold, size)
		if deva[i] {
			d.Face = c.devaFace(bold, size)
		}
		d.DrawString(run)
	}
}

func (c *card) rect(x0, y0, x1, y1 float64, col color.Color) {
	r := image.Rect(int(x0*c.k), int(y0*c.k), int(x1*c.k), int(y1*c.k))
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
}
