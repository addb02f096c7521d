package ocr

import (
	"image"
	"math"
)

// fpt is a point of the outline copy or the photo, in pixel-centre
// coordinates (pixel (x, y) is centred on (x, y)).
type fpt struct{ x, y float64 }

// The bright region gives a card's outline only roughly: its corners are
// whole pixels of the 256-px copy (~6 px of the photo), and where lighting
// or print moves part of the card across the threshold (a shadowed end, a
// printed band or rule along an edge, a surface as light as the card in
// places, glare beside it) the region loses a strip of card or gains a
// blob, and a corner taken from it is far off. Each side is therefore
// looked for again in the gray copy: across the side, at fitSamples places
// along it, every sharp step from card to surface (bright inside, darker
// outside and staying darker for a few pixels, unlike a printed rule; the
// fall ending at once, unlike a shadow's edge, glare or a wooden surface's
// grain) is a candidate; the side is the outermost straight line through
// such steps at fitCoverage of the places or more (a card's edge is the last
// step before the surface); the corners are where the sides meet.
const (
	fitSamples  = 24   // places along a side
	fitTol      = 1.0  // px on the copy: a step this near the line supports it
	fitCoverage = 0.6  // share of places a side's line must be supported at
	fitReachOut = 1.0  // how far outward a side may move, share of the card across it
	fitReachIn  = 0.15 // how far inward
	leakReachIn = 0.5  // how far inward when the region leaked into the surface
	gentleShare = 0.35 // a step whose fall goes on by this share over the next 2 px is gentle
)

// refineSides moves each side of the region's quad q onto the card's edge
// in g (the outline copy), looking reachIn of the card's extent inward, and
// returns the corners where the sides meet and how many sides were found
// as edges (a side with no supported line keeps the region's); ok is false
// if the sides do not meet in a plausible quad (q is then returned as it
// was). A step from card to surface is at least minStep deep.
func refineSides(g *image.Gray, q [4]image.Point, minStep, reachIn float64) (out [4]fpt, edges int, ok bool) {
	var orig [4]fpt
	for i, p := range q {
		orig[i] = fpt{float64(p.X), float64(p.Y)}
	}
	var lines [4]line
	for i := range 4 {
		a, b := orig[i], orig[(i+1)%4]
		// The card's extent across this side: from its midpoint to the
		// opposite side's.
		c, d := orig[(i+2)%4], orig[(i+3)%4]
		across := math.Hypot((a.x+b.x-c.x-d.x)/2, (a.y+b.y-c.y-d.y)/2)
		l, found := fitSide(g, a, b, across, minStep, reachIn)
		if found {
			edges++
		} else {
			l = lineThrough(a, b)
		}
		lines[i] = l
	}
	for i := range 4 {
		p, met := intersect(lines[(i+3)%4], lines[i])
		if !met {
			return orig, 0, false
		}
		out[i] = p
	}
	w, h := float64(g.Rect.Dx()), float64(g.Rect.Dy())
	for _, p := range out {
		if p.x < 1 || p.y < 1 || p.x > w-2 || p.y > h-2 {
			return orig, 0, false
		}
	}
	if !convex(out) || fquadArea(out) < w*h/6 || fquadArea(out) > 0.85*w*h {
		return orig, 0, false
	}
	return out, edges, true
}

// line is the set of points p with n·p = c (n a unit normal).
type line struct{ nx, ny, c float64 }

func lineThrough(a, b fpt) line {
	dx, dy := b.x-a.x, b.y-a.y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return line{1, 0, a.x}
	}
	nx, ny := dy/n, -dx/n
	return line{nx, ny, nx*a.x + ny*a.y}
}

func intersect(l, m line) (fpt, bool) {
	det := l.nx*m.ny - l.ny*m.nx
	if math.Abs(det) < 0.2 { // sides within ~12 degrees of parallel
		return fpt{}, false
	}
	return fpt{(l.c*m.ny - l.ny*m.c) / det, (l.nx*m.c - l.c*m.nx) / det}, true
}

// fitSide finds the card's edge near the side a->b (corners in clockwise
// order, so the outward normal is the side's direction turned left).
func fitSide(g *image.Gray, a, b fpt, across, minStep, reachIn float64) (line, bool) {
	dx, dy := b.x-a.x, b.y-a.y
	length := math.Hypot(dx, dy)
	if length < 8 || across < 8 {
		return line{}, false
	}
	ux, uy := dx/length, dy/length // along the side
	nx, ny := uy, -ux              // outward
	const step = 0.5
	lo, hi := -reachIn*across, fitReachOut*across
	// cands[k]: offsets along the normal of the steps found at place k.
	var cands [fitSamples][]float64
	var prof []float64
	for k := range fitSamples {
		t := (float64(k) + 0.5) / fitSamples * length
		ox, oy := a.x+ux*t, a.y+uy*t
		prof = prof[:0]
		for s := lo; s <= hi; s += step {
			v, ok := sampleAt(g, ox+nx*s, oy+ny*s)
			if !ok {
				break
			}
			prof = append(prof, v)
		}
		cands[k] = edgeSteps(prof, lo, step, minStep, cands[k][:0])
	}
	slope, icpt, ok := outermostLine(&cands, length, fitTol)
	if !ok {
		return line{}, false
	}
	return sideLine(a, ux, uy, length, slope, icpt), true
}

// sideLine is the line at offset icpt+slope*t along the outward normal of
// the side from a in direction (ux, uy), t the distance along it.
func sideLine(a fpt, ux, uy, length, slope, icpt float64) line {
	nx, ny := uy, -ux
	p0 := fpt{a.x + nx*icpt, a.y + ny*icpt}
	p1 := fpt{a.x + ux*length + nx*(icpt+slope*length), a.y + uy*length + ny*(icpt+slope*length)}
	return lineThrough(p0, p1)
}

// outermostLine chooses among the lines through a step at one place and a
// step at another a third of the side or more away those supported (a step
// within tol) at fitCoverage of the places, the outermost (ties: the best
// supported), and fits it to its supporting steps by least squares: offset
// = icpt + slope*t at distance t along a side this long.
func outermostLine(cands *[fitSamples][]float64, length, tol float64) (slope, icpt float64, ok bool) {
	type fit struct {
		cover  int
		mid    float64 // offset at the side's middle: larger is further out
		s0, s1 float64
		k0, k1 int
	}
	best := fit{cover: -1}
	need := int(math.Ceil(fitCoverage * fitSamples))
	for k0 := range fitSamples {
		for k1 := k0 + fitSamples/3; k1 < fitSamples; k1++ {
			for _, s0 := range cands[k0] {
				for _, s1 := range cands[k1] {
					cover := 0
					for k := range fitSamples {
						want := s0 + (s1-s0)*float64(k-k0)/float64(k1-k0)
						for _, s := range cands[k] {
							if math.Abs(s-want) <= tol {
								cover++
								break
							}
						}
					}
					if cover < need {
						continue
					}
					mid := s0 + (s1-s0)*(float64(fitSamples-1)/2-float64(k0))/float64(k1-k0)
					if best.cover < 0 || mid > best.mid+2*tol || (math.Abs(mid-best.mid) <= 2*tol && cover > best.cover) {
						best = fit{cover, mid, s0, s1, k0, k1}
					}
				}
			}
		}
	}
	if best.cover < 0 {
		return 0, 0, false
	}
	var n, st, ss, stt, sts float64
	for k := range fitSamples {
		want := best.s0 + (best.s1-best.s0)*float64(k-best.k0)/float64(best.k1-best.k0)
		bestD, bestS := tol, math.NaN()
		for _, s := range cands[k] {
			if d := math.Abs(s - want); d <= bestD {
				bestD, bestS = d, s
			}
		}
		if math.IsNaN(bestS) {
			continue
		}
		t := (float64(k) + 0.5) / fitSamples * length
		n++
		st += t
		ss += bestS
		stt += t * t
		sts += t * bestS
	}
	den := n*stt - st*st
	if den == 0 {
		return 0, 0, false
	}
	slope = (n*sts - st*ss) / den
	return slope, (ss - slope*st) / n, true
}

// edgeSteps appends the offsets (lo + i*step for profile index i, refined
// between samples) where the profile falls from bright to dark by at least
// minStep within 2 px, stops falling (sharp) and stays dark over the next 2-5 px: the card's edge seen
// from inside, not a thin printed rule (bright again past it).
func edgeSteps(prof []float64, lo, step, minStep float64, out []float64) []float64 {
	h, wide := int(1/step), int(3/step) // half a step's width, sharp and wide, in samples
	near, far := int(2/step), int(5/step)
	strength := func(i int) float64 { return prof[i-h] - prof[i+h] }
	for i := far + 1; i+far+1 < len(prof); i++ {
		e := strength(i)
		if e < minStep || e < strength(i-1) || e <= strength(i+1) {
			continue
		}
		// Sharp: past the step the fall stops. A card's edge is a step
		// (onto the surface or the card's own shadow); a surface's grain, a
		// shadow's edge or glare fall gently on. (Inside, a printed band
		// along the edge may make a second step.)
		if prof[i+h]-prof[i+wide] > gentleShare*e {
			continue
		}
		var in, outside float64
		for j := near; j <= far; j++ {
			in += prof[i-j]
			outside += prof[i+j]
		}
		if (in-outside)/float64(far-near+1) < minStep {
			continue
		}
		// The peak of a parabola through the strengths around i.
		e0, e2 := strength(i-1), strength(i+1)
		off := 0.0
		if d := e0 - 2*e + e2; d < 0 {
			off = 0.5 * (e0 - e2) / d
		}
		out = append(out, lo+(float64(i)+off)*step)
	}
	return out
}

// sampleAt interpolates g bilinearly at pixel-centre coordinates (x, y).
func sampleAt(g *image.Gray, x, y float64) (float64, bool) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	if x < 0 || y < 0 || x > float64(w-1) || y > float64(h-1) {
		return 0, false
	}
	x0, y0 := min(int(x), w-2), min(int(y), h-2)
	fx, fy := x-float64(x0), y-float64(y0)
	p := func(x, y int) float64 { return float64(g.Pix[y*g.Stride+x]) }
	top := p(x0, y0)*(1-fx) + p(x0+1, y0)*fx
	bot := p(x0, y0+1)*(1-fx) + p(x0+1, y0+1)*fx
	return top*(1-fy) + bot*fy, true
}

func convex(q [4]fpt) bool {
	sign := 0.0
	for i := range 4 {
		a, b, c := q[i], q[(i+1)%4], q[(i+2)%4]
		cr := (b.x-a.x)*(c.y-b.y) - (b.y-a.y)*(c.x-b.x)
		if cr == 0 || (sign != 0 && (cr > 0) != (sign > 0)) {
			return false
		}
		sign = cr
	}
	return true
}

func fquadArea(q [4]fpt) float64 {
	a := 0.0
	for i := range 4 {
		j := (i + 1) % 4
		a += q[i].x*q[j].y - q[j].x*q[i].y
	}
	return math.Abs(a) / 2
}

// On the outline copy a printed band along a card's edge (the Aadhaar
// letter's saffron and green strips) merges with the step onto the surface;
// each side is therefore placed once more on the photo itself, within
// fineReach pixels of the copy either way: at each place, the outermost
// sharp fall at least half as strong as the strongest there.
const (
	fineReach = 2.5 // px of the outline copy
	fineTaps  = 5   // samples averaged along the side at each point (2 px apart)
)

// sharpenSides moves each side of q (photo coordinates, clockwise from the
// top-left) to the card's edge in g within reach pixels; q is returned as it
// was if the sides do not then meet near its corners.
func sharpenSides(g *image.Gray, q [4]fpt, reach, minStep float64) [4]fpt {
	var lines [4]line
	for i := range 4 {
		l, ok := sharpenSide(g, q[i], q[(i+1)%4], reach, minStep)
		if !ok {
			l = lineThrough(q[i], q[(i+1)%4])
		}
		lines[i] = l
	}
	var out [4]fpt
	w, h := float64(g.Rect.Dx()), float64(g.Rect.Dy())
	for i := range 4 {
		p, ok := intersect(lines[(i+3)%4], lines[i])
		if !ok || math.Hypot(p.x-q[i].x, p.y-q[i].y) > 2*reach || p.x < 0 || p.y < 0 || p.x > w-1 || p.y > h-1 {
			return q
		}
		out[i] = p
	}
	if !convex(out) {
		return q
	}
	return out
}

func sharpenSide(g *image.Gray, a, b fpt, reach, minStep float64) (line, bool) {
	dx, dy := b.x-a.x, b.y-a.y
	length := math.Hypot(dx, dy)
	if length < 16 {
		return line{}, false
	}
	ux, uy := dx/length, dy/length
	nx, ny := uy, -ux
	// One pixel of the outline copy on the photo: a step's width.
	px := reach / fineReach
	half := max(1, int(math.Round(px/2)))
	r := int(math.Ceil(reach))
	var cands [fitSamples][]float64
	prof := make([]float64, 0, 2*(r+3*half)+1)
	for k := range fitSamples {
		t := (float64(k) + 0.5) / fitSamples * length
		ox, oy := a.x+ux*t, a.y+uy*t
		prof = prof[:0]
		ok := true
		for s := -r - 3*half; s <= r+3*half && ok; s++ {
			sum := 0.0
			for j := range fineTaps {
				o := float64(2*j - fineTaps + 1)
				v, in := sampleAt(g, ox+nx*float64(s)+ux*o, oy+ny*float64(s)+uy*o)
				if !in {
					ok = false
					break
				}
				sum += v
			}
			prof = append(prof, sum/fineTaps)
		}
		if !ok {
			continue
		}
		base := r + 3*half // prof index of offset 0
		strength := func(i int) float64 { return prof[i-half] - prof[i+half] }
		for i := base - r; i <= base+r; i++ {
			e := strength(i)
			if e < minStep || e < strength(i-1) || e <= strength(i+1) {
				continue
			}
			if prof[i+half]-prof[i+3*half] > gentleShare*e {
				continue
			}
			e0, e2 := strength(i-1), strength(i+1)
			off := 0.0
			if d := e0 - 2*e + e2; d < 0 {
				off = 0.5 * (e0 - e2) / d
			}
			cands[k] = append(cands[k], float64(i-base)+off)
		}
	}
	slope, icpt, ok := outermostLine(&cands, length, math.Max(1.5, px/4))
	if !ok {
		return line{}, false
	}
	return sideLine(a, ux, uy, length, slope, icpt), true
}
