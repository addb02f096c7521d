package raster

import (
	"errors"
	"image"
	"math"
)

// Point is a position in pixel coordinates (integer values are pixel centres, as in dlib and OpenCV).
type Point struct{ X, Y float64 }

// Similarity maps p to (A·x − B·y + TX, B·x + A·y + TY): rotation, uniform scale and translation, the only
// distortion allowed when aligning a face (a full affine fit would also shear it).
type Similarity struct{ A, B, TX, TY float64 }

// Apply maps one point.
func (s Similarity) Apply(p Point) Point {
	return Point{X: s.A*p.X - s.B*p.Y + s.TX, Y: s.B*p.X + s.A*p.Y + s.TY}
}

// Scale is the uniform scale factor of the transform.
func (s Similarity) Scale() float64 { return math.Hypot(s.A, s.B) }

// Inverse returns the transform mapping back; ok is false for a degenerate (zero-scale) transform.
func (s Similarity) Inverse() (Similarity, bool) {
	d := s.A*s.A + s.B*s.B
	if d < 1e-12 {
		return Similarity{}, false
	}
	a, b := s.A/d, -s.B/d
	return Similarity{A: a, B: b, TX: -(a*s.TX - b*s.TY), TY: -(b*s.TX + a*s.TY)}, true
}

// ErrDegenerate is returned when points cannot define a transform (fewer than two or all coincident).
var ErrDegenerate = errors.New("raster: degenerate point set")

// FitSimilarity returns the least-squares similarity mapping src[i] onto dst[i] (closed form on centred
// coordinates; with two points the fit is exact).
func FitSimilarity(src, dst []Point) (Similarity, error) {
	if len(src) < 2 || len(src) != len(dst) {
		return Similarity{}, ErrDegenerate
	}
	ms, md := mean(src), mean(dst)
	var num1, num2, den float64
	for i := range src {
		x, y := src[i].X-ms.X, src[i].Y-ms.Y
		u, v := dst[i].X-md.X, dst[i].Y-md.Y
		num1 += x*u + y*v
		num2 += x*v - y*u
		den += x*x + y*y
	}
	if den < 1e-9 {
		return Similarity{}, ErrDegenerate
	}
	a, b := num1/den, num2/den
	return Similarity{A: a, B: b, TX: md.X - (a*ms.X - b*ms.Y), TY: md.Y - (b*ms.X + a*ms.Y)}, nil
}

func mean(ps []Point) Point {
	var m Point
	for _, p := range ps {
		m.X += p.X
		m.Y += p.Y
	}
	n := float64(len(ps))
	return Point{X: m.X / n, Y: m.Y / n}
}

// Warp renders the w×h image whose pixel q shows src at t⁻¹(q) (t maps source to target coordinates),
// sampled bilinearly, black outside src. When t shrinks by more than 2× the source is first area-averaged
// down, so a large face does not alias into the small chip.
func Warp(src *RGB, t Similarity, w, h int) (*RGB, error) {
	if src.Empty() || w <= 0 || h <= 0 {
		return nil, errors.New("raster: warp of an empty image")
	}
	if s := t.Scale(); s < 0.5 {
		small, f := ScaleBy(src, 2*s)
		// A pixel centre p' of the smaller image sits at (p'+0.5)/f − 0.5 in src.
		c := 0.5/f - 0.5
		t = Similarity{A: t.A / f, B: t.B / f, TX: t.TX + (t.A-t.B)*c, TY: t.TY + (t.B+t.A)*c}
		src = small
	}
	inv, ok := t.Inverse()
	if !ok {
		return nil, ErrDegenerate
	}
	dst := NewRGB(w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := inv.Apply(Point{X: float64(x), Y: float64(y)})
			sampleBilinear(src, p.X, p.Y, dst.Pix[3*(y*w+x):3*(y*w+x)+3])
		}
	}
	return dst, nil
}

func sampleBilinear(src *RGB, fx, fy float64, out []byte) {
	x0, y0 := int(math.Floor(fx)), int(math.Floor(fy))
	ax, ay := fx-float64(x0), fy-float64(y0)
	wx := [2]float64{1 - ax, ax}
	wy := [2]float64{1 - ay, ay}
	var acc [3]float64
	for dy := 0; dy < 2; dy++ {
		for dx := 0; dx < 2; dx++ {
			x, y := x0+dx, y0+dy
			if x < 0 || y < 0 || x >= src.W || y >= src.H {
				continue
			}
			wt := wx[dx] * wy[dy]
			i := 3 * (y*src.W + x)
			acc[0] += wt * float64(src.Pix[i])
			acc[1] += wt * float64(src.Pix[i+1])
			acc[2] += wt * float64(src.Pix[i+2])
		}
	}
	for c := range out {
		out[c] = clampByte(float32(acc[c]))
	}
}

// Crop copies the rectangle r of src (which may extend past its edges; the outside is black).
func Crop(src *RGB, r image.Rectangle) *RGB {
	r = r.Canon()
	dst := NewRGB(r.Dx(), r.Dy())
	in := r.Intersect(src.Bounds())
	for y := in.Min.Y; y < in.Max.Y; y++ {
		from := src.Pix[3*(y*src.W+in.Min.X) : 3*(y*src.W+in.Max.X)]
		to := dst.Pix[3*((y-r.Min.Y)*dst.W+(in.Min.X-r.Min.X)):]
		copy(to, from)
	}
	return dst
}
