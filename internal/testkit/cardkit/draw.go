package cardkit

import (
	"image"
	"image/color"
	"image/draw"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// canvas draws text and shapes on one card. Faces are cached per canvas
// because an opentype face is not safe for concurrent use.
type canvas struct {
	img   *image.RGBA
	fonts *fontSet
	faces map[faceKey]font.Face
}

type faceKey struct {
	id   fontID
	size float64
}

func newCanvas(w, h int, bg color.Color) *canvas {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	return &canvas{img: img, fonts: mustFonts(), faces: map[faceKey]font.Face{}}
}

func (c *canvas) face(id fontID, size float64) font.Face {
	k := faceKey{id, size}
	if f, ok := c.faces[k]; ok {
		return f
	}
	f, err := opentype.NewFace(c.fonts[id], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil { // only for invalid sizes, which the layouts never use
		panic(err)
	}
	c.faces[k] = f
	return f
}

// devaFor is the Devanagari face matching a Latin face's weight.
func devaFor(id fontID) fontID {
	switch id {
	case dejaVuSansBold, dejaVuCondensedBold, dejaVuSerifBold, notoSansBold, devanagariBold, liberationSansBold, freeSansBold:
		return devanagariBold
	}
	return devanagari
}

func isDevanagari(r rune) bool { return r >= 0x0900 && r <= 0x097F }

// segments splits text into runs of one script so each run gets a font that has
// its glyphs; Devanagari runs are reordered for drawing without a shaper.
func segments(s string) (runs []string, deva []bool) {
	var cur []rune
	curDeva := false
	for _, r := range s {
		d := isDevanagari(r)
		if r == ' ' || r == '/' || r == ':' { // neutral: stay in the current run
			d = curDeva
		}
		if len(cur) > 0 && d != curDeva {
			runs, deva = append(runs, string(cur)), append(deva, curDeva)
			cur = nil
		}
		cur, curDeva = append(cur, r), d
	}
	if len(cur) > 0 {
		runs, deva = append(runs, string(cur)), append(deva, curDeva)
	}
	for i := range runs {
		if deva[i] {
			runs[i] = visualOrder(runs[i])
		}
	}
	return runs, deva
}

// visualOrder moves the short-i sign (U+093F), which Unicode stores after its
// consonant cluster but which is drawn before it, so a font renderer without
// complex shaping still prints readable Hindi.
func visualOrder(s string) string {
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if rs[i] != 0x093F || i == 0 {
			continue
		}
		j := i - 1 // start of the cluster: consonant, possibly preceded by consonant+virama pairs
		for j >= 2 && rs[j-1] == 0x094D {
			j -= 2
		}
		copy(rs[j+1:i+1], rs[j:i])
		rs[j] = 0x093F
	}
	return string(rs)
}

// text draws s with its baseline at y and returns the advance in pixels.
func (c *canvas) text(x, y int, id fontID, size float64, col color.Color, s string) int {
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Dot: fixed.P(x, y)}
	runs, deva := segments(s)
	for i, run := range runs {
		d.Face = c.face(id, size)
		if deva[i] {
			d.Face = c.face(devaFor(id), size)
		}
		d.DrawString(run)
	}
	return (d.Dot.X - fixed.I(x)).Ceil()
}

// width measures s as text would draw it.
func (c *canvas) width(id fontID, size float64, s string) int {
	var w fixed.Int26_6
	runs, deva := segments(s)
	for i, run := range runs {
		f := c.face(id, size)
		if deva[i] {
			f = c.face(devaFor(id), size)
		}
		w += font.MeasureString(f, run)
	}
	return w.Ceil()
}

// centered draws s centred on x.
func (c *canvas) centered(cx, y int, id fontID, size float64, col color.Color, s string) {
	c.text(cx-c.width(id, size, s)/2, y, id, size, col, s)
}

func (c *canvas) fill(r image.Rectangle, col color.Color) {
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Over)
}

// gradient fills r blending from a (left) to b (right), for card backgrounds.
func (c *canvas) gradient(r image.Rectangle, a, b color.RGBA) {
	w := r.Dx()
	for x := r.Min.X; x < r.Max.X; x++ {
		t := float64(x-r.Min.X) / float64(max(w-1, 1))
		col := color.RGBA{lerp8(a.R, b.R, t), lerp8(a.G, b.G, t), lerp8(a.B, b.B, t), 255}
		for y := r.Min.Y; y < r.Max.Y; y++ {
			c.img.SetRGBA(x, y, col)
		}
	}
}

func lerp8(a, b uint8, t float64) uint8 { return uint8(float64(a)*(1-t) + float64(b)*t + 0.5) }

var (
	black     = color.RGBA{20, 20, 20, 255}
	darkBlue  = color.RGBA{20, 40, 110, 255}
	darkRed   = color.RGBA{170, 30, 30, 255}
	saffron   = color.RGBA{245, 140, 40, 255}
	indiaGrn  = color.RGBA{40, 140, 60, 255}
	greyLabel = color.RGBA{70, 70, 70, 255}
)

// fit returns size, or the smaller size at which s spans at most maxW
// pixels: card printers shrink a long name rather than cut it.
func (c *canvas) fit(id fontID, size float64, s string, maxW int) float64 {
	if w := c.width(id, size, s); w > maxW {
		return float64(int(size*float64(maxW)/float64(w)*4)) / 4
	}
	return size
}

// fitText draws s at size or smaller so that it ends before x+maxW.
func (c *canvas) fitText(x, y int, id fontID, size float64, col color.Color, s string, maxW int) int {
	return c.text(x, y, id, c.fit(id, size, s, maxW), col, s)
}

// ScriptRuns splits s into runs of one script, Devanagari (true) or not, each
// Devanagari run in the order a renderer without a shaper must draw it. Other
// generators (bench/probe-layouts) draw bilingual text with it.
func ScriptRuns(s string) (runs []string, deva []bool) { return segments(s) }
