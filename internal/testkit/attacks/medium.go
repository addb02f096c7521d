package attacks

import (
	"image"
	"math"
	"math/rand/v2"
)

// fadeColours imitates a consumer print: saturation drops to 45-75%, contrast is compressed towards the
// paper's limited range and the whites take the paper's warm tint.
func fadeColours(img *image.NRGBA, r *rand.Rand) {
	sat := 0.45 + r.Float64()*0.3
	contrast := 0.70 + r.Float64()*0.15
	tint := [3]float64{1, 0.97 + r.Float64()*0.02, 0.88 + r.Float64()*0.06}
	eachPixel(img, func(_, _ int, p []float64) {
		grey := 0.299*p[0] + 0.587*p[1] + 0.114*p[2]
		for c := range 3 {
			v := grey + sat*(p[c]-grey)
			v = 128 + contrast*(v-128) + 10
			p[c] = v * tint[c]
		}
	})
}

// halftone modulates brightness with a rotated dot screen of the given period (pixels) and depth, the
// pattern ink dots leave on paper.
func halftone(img *image.NRGBA, period, depth float64, r *rand.Rand) {
	angle := (15 + r.Float64()*30) * math.Pi / 180
	ca, sa := math.Cos(angle), math.Sin(angle)
	k := 2 * math.Pi / period
	eachPixel(img, func(x, y int, p []float64) {
		u, v := ca*float64(x)+sa*float64(y), -sa*float64(x)+ca*float64(y)
		dot := 0.5 * (math.Cos(k*u) + math.Cos(k*v)) // -1..1
		g := 1 + depth*dot
		for c := range 3 {
			p[c] *= g
		}
	})
}

// screenColours imitates a screen photographed by another camera: a cooler white point, lifted blacks and
// a brightness change from the display's own gamma.
func screenColours(img *image.NRGBA, r *rand.Rand) {
	gamma := 0.8 + r.Float64()*0.35
	gain := [3]float64{0.92 + r.Float64()*0.05, 0.97 + r.Float64()*0.04, 1.02 + r.Float64()*0.06}
	lift := 8 + r.Float64()*14
	eachPixel(img, func(_, _ int, p []float64) {
		for c := range 3 {
			v := 255 * math.Pow(math.Max(p[c], 0)/255, gamma)
			p[c] = lift + v*gain[c]*(255-lift)/255
		}
	})
}

// pixelGrid draws the screen's RGB sub-pixel stripes and dark gaps with the given pitch (pixels in the
// photo), slightly rotated; resampled later by the camera it beats into moiré bands. A second, low-frequency
// interference term adds the broad moiré bands directly.
func pixelGrid(img *image.NRGBA, pitch float64, r *rand.Rand) { moireGrid(img, pitch, 25, 50, r) }

// moireGrid is pixelGrid with the broad bands' period drawn from [beatMin, beatMin+beatSpan) pixels.
func moireGrid(img *image.NRGBA, pitch, beatMin, beatSpan float64, r *rand.Rand) {
	angle := (r.Float64()*6 - 3) * math.Pi / 180
	ca, sa := math.Cos(angle), math.Sin(angle)
	depth := 0.10 + r.Float64()*0.15
	beat := 2 * math.Pi / (beatMin + r.Float64()*beatSpan)
	beatAngle := r.Float64() * math.Pi
	cb, sb := math.Cos(beatAngle), math.Sin(beatAngle)
	beatDepth := 0.06 + r.Float64()*0.10
	eachPixel(img, func(x, y int, p []float64) {
		u := ca*float64(x) + sa*float64(y)
		v := -sa*float64(x) + ca*float64(y)
		phase := math.Mod(u/pitch, 1)
		if phase < 0 {
			phase++
		}
		row := 1 - depth*0.5*(1+math.Cos(2*math.Pi*v/pitch)) // dark gaps between pixel rows
		band := 1 + beatDepth*math.Sin(beat*(cb*float64(x)+sb*float64(y)))
		for c := range 3 {
			// each colour shines brightest on its own third of the pixel
			d := math.Abs(phase - (float64(c)+0.5)/3)
			sub := 1 - depth*math.Min(1, 3*d)
			p[c] *= sub * row * band * (1 + depth)
		}
	})
}

// eachPixel calls f with each pixel's RGB as floats and writes them back clamped.
func eachPixel(img *image.NRGBA, f func(x, y int, p []float64)) {
	p := make([]float64, 3)
	b := img.Rect
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			i := y*img.Stride + 4*x
			for c := range 3 {
				p[c] = float64(img.Pix[i+c])
			}
			f(x, y, p)
			for c := range 3 {
				img.Pix[i+c] = clamp8(p[c])
			}
		}
	}
}

func clamp8(v float64) uint8 {
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v + 0.5)
}
