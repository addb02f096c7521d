package ocr

import (
	"image"
	"math"

	"github.com/disintegration/imaging"
)

// Quad is a card's outline in an image: top-left, top-right, bottom-right,
// bottom-left corners.
type Quad [4]image.Point

// outlineWidth: the outline is looked for on a copy this wide; a card that
// fills a fifth of a photo still spans ~100 columns there.
const outlineWidth = 256

// FindCard looks for a card photographed on a surface: the largest bright
// region, set apart from a darker background by Otsu's threshold, whose shape
// fills a quadrilateral, gives the card's outline roughly; each side is then
// placed on the card's edge in the image itself (refineSides, sharpenSides),
// so that a strip of card lost to a shadow or a printed band, or a blob of
// glare joined to it, does not move a corner. It reports false when the
// image is (nearly) all card already, when no region covers a sixth of the
// image, or when the region is not four-sided or lies on the frame and the
// card's four edges are not found from it either (a card on a surface as
// light as itself is not found; the passes then read the photo as it is).
func FindCard(g *image.Gray) (Quad, bool) {
	b := g.Rect
	if b.Dx() < 64 || b.Dy() < 64 {
		return Quad{}, false
	}
	scale := float64(outlineWidth) / float64(b.Dx())
	small := compact(Gray(imaging.Resize(g, outlineWidth, max(1, int(float64(b.Dy())*scale+0.5)), imaging.Box)))
	thr, dark, light := otsuLevel(small)
	// A step from card to surface (see refineSides) is at least this deep.
	minStep := math.Max(12, 0.2*(light-dark))
	// A shadow across the card (a hand, the phone) darkens part of it below
	// Otsu's level: the bright region is first grown into pixels nearer the
	// card's level than the surface's, then the strict region is tried. A
	// region that leaked into a surface as light as the card in places (a
	// lit corner, the grain of wood) reaches the frame or is no longer
	// four-sided; its quad is still near the card's on the sides that did
	// not leak, and the card is taken if all four of its edges are found from
	// there, looking further inward.
	for _, level := range []int{int(dark + shadowShare*(light-dark)), thr} {
		switch q, shape := quadOf(threshold(small, level)); shape {
		case regionQuad:
			fq, _, _ := refineSides(small, q, minStep, fitReachIn)
			return toPhoto(g, fq, scale, minStep), true
		case regionLeaked:
			if fq, edges, ok := refineSides(small, q, minStep, leakReachIn); ok && edges == 4 {
				return toPhoto(g, fq, scale, minStep), true
			}
		}
	}
	return Quad{}, false
}

// toPhoto maps corners found on the outline copy (scale: its width over the
// photo's) to the photo and places the sides there (sharpenSides).
func toPhoto(g *image.Gray, fq [4]fpt, scale, minStep float64) Quad {
	b := g.Rect
	for i, p := range fq {
		// Pixel centres: small pixel x covers (x+0.5)/scale in the full image.
		fq[i] = fpt{(p.x+0.5)/scale - 0.5, (p.y+0.5)/scale - 0.5}
	}
	fq = sharpenSides(g, fq, fineReach/scale, minStep)
	var out Quad
	for i, p := range fq {
		x := min(max(0, int(math.Round(p.x))), b.Dx()-1)
		y := min(max(0, int(math.Round(p.y))), b.Dy()-1)
		out[i] = image.Pt(b.Min.X+x, b.Min.Y+y)
	}
	return out
}

// shadowShare places the grown region's level between the surface's mean
// (0) and the card's (1).
const shadowShare = 0.3

// regionShape is what quadOf made of a binary image's largest white region.
type regionShape int

const (
	regionNone   regionShape = iota // none, too small, or (nearly) the whole image
	regionLeaked                    // as big as a card but not four-sided, or reaching the frame
	regionQuad                      // four-sided, inside the frame
)

// quadOf finds the largest white region of a binary image and returns its
// corners: the region's extreme points along the two diagonals.
func quadOf(bin *image.Gray) ([4]image.Point, regionShape) {
	var q [4]image.Point
	comp, ok := largestBright(bin)
	if !ok {
		return q, regionNone
	}
	sw, sh := bin.Rect.Dx(), bin.Rect.Dy()
	best := [4]int{math.MaxInt, math.MinInt, math.MinInt, math.MaxInt}
	filled := 0
	for y, span := range comp {
		if span[0] > span[1] {
			continue
		}
		filled += span[1] - span[0] + 1
		for _, x := range span {
			if s := x + y; s < best[0] {
				best[0], q[0] = s, image.Pt(x, y)
			}
			if d := x - y; d > best[1] {
				best[1], q[1] = d, image.Pt(x, y)
			}
			if s := x + y; s > best[2] {
				best[2], q[2] = s, image.Pt(x, y)
			}
			if d := x - y; d < best[3] {
				best[3], q[3] = d, image.Pt(x, y)
			}
		}
	}
	area := quadArea(q)
	total := float64(sw * sh)
	if area < total/6 || area > 0.85*total {
		return q, regionNone
	}
	if float64(filled) < 0.9*area || float64(filled) > 1.1*area {
		return q, regionLeaked
	}
	// A card on a surface has surface all round it; a bright region that
	// reaches the frame is lighting, a card cut off, or a light surface.
	for _, p := range q {
		if p.X < 2 || p.Y < 2 || p.X > sw-3 || p.Y > sh-3 {
			return q, regionLeaked
		}
	}
	return q, regionQuad
}

// largestBright returns, per row, the leftmost and rightmost column of the
// largest 4-connected white region of a binary image (rows it misses hold
// {1, 0}); holes (the card's print and photo) are thereby filled.
func largestBright(bin *image.Gray) ([][2]int, bool) {
	w, h := bin.Rect.Dx(), bin.Rect.Dy()
	label := make([]int32, w*h)
	var bestSpans [][2]int
	bestSize := 0
	next := int32(0)
	stack := make([]int, 0, 1024)
	for start := range label {
		if label[start] != 0 || bin.Pix[(start/w)*bin.Stride+start%w] == 0 {
			continue
		}
		next++
		spans := make([][2]int, h)
		for i := range spans {
			spans[i] = [2]int{w, -1}
		}
		size := 0
		stack = append(stack[:0], start)
		label[start] = next
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := p%w, p/w
			size++
			spans[y][0], spans[y][1] = min(spans[y][0], x), max(spans[y][1], x)
			for _, n := range [4][2]int{{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}} {
				if n[0] < 0 || n[1] < 0 || n[0] >= w || n[1] >= h {
					continue
				}
				if i := n[1]*w + n[0]; label[i] == 0 && bin.Pix[n[1]*bin.Stride+n[0]] != 0 {
					label[i] = next
					stack = append(stack, i)
				}
			}
		}
		if size > bestSize {
			bestSize, bestSpans = size, spans
		}
	}
	return bestSpans, bestSize > 0
}

func quadArea(q [4]image.Point) float64 {
	a := 0
	for i := range 4 {
		j := (i + 1) % 4
		a += q[i].X*q[j].Y - q[j].X*q[i].Y
	}
	return math.Abs(float64(a)) / 2
}

// Rectify maps the quad onto an upright rectangle width pixels wide (0: the
// quad's own mean width) whose height keeps the quad's mean side ratio,
// sampling bilinearly.
func Rectify(g *image.Gray, q Quad, width int) *image.Gray {
	dist := func(a, b image.Point) float64 { return math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y)) }
	qw := (dist(q[0], q[1]) + dist(q[3], q[2])) / 2
	qh := (dist(q[0], q[3]) + dist(q[1], q[2])) / 2
	if width <= 0 {
		width = int(qw + 0.5)
	}
	height := max(1, int(float64(width)*qh/qw+0.5))
	// The map from the output rectangle to the quad.
	var src [4][2]float64
	for i, p := range q {
		src[i] = [2]float64{float64(p.X), float64(p.Y)}
	}
	h := rectToQuad(float64(width), float64(height), src)
	out := image.NewGray(image.Rect(0, 0, width, height))
	b := g.Rect
	for y := range height {
		for x := range width {
			u, v := h.apply(float64(x)+0.5, float64(y)+0.5)
			out.Pix[y*out.Stride+x] = sampleGray(g, u-0.5-float64(b.Min.X), v-0.5-float64(b.Min.Y))
		}
	}
	return out
}

// sampleGray interpolates g at (u, v) relative to its origin; outside is white.
func sampleGray(g *image.Gray, u, v float64) uint8 {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	x0, y0 := int(math.Floor(u)), int(math.Floor(v))
	if x0 < 0 || y0 < 0 || x0 >= w-1 || y0 >= h-1 {
		return 255
	}
	fx, fy := u-float64(x0), v-float64(y0)
	p := func(x, y int) float64 { return float64(g.Pix[y*g.Stride+x]) }
	top := p(x0, y0)*(1-fx) + p(x0+1, y0)*fx
	bot := p(x0, y0+1)*(1-fx) + p(x0+1, y0+1)*fx
	return uint8(top*(1-fy) + bot*fy + 0.5)
}
