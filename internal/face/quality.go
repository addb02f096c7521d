package face

import (
	"image"
	"math"

	"github.com/enxtai/kyc/internal/face/raster"
)

// ReasonFaceQualityLow replaces face_match_low and face_mismatch when a face on either side is too small,
// blurred, turned or badly exposed to be compared: the reviewer should ask for a better picture rather than
// suspect another person.
const ReasonFaceQualityLow Reason = "face_quality_low"

// Quality describes one face's picture; Low lists the measures outside their limits.
type Quality struct {
	// EyeDistance is the distance between the eye centres in the original picture's pixels.
	EyeDistance float64
	// Sharpness is the mean absolute Laplacian of the face's grey levels (0 = flat, ~4+ = crisp).
	Sharpness float64
	// Yaw is how far the nose base sits off the eyes' midpoint, in eye distances (0 = frontal).
	Yaw float64
	// Brightness is the face's mean grey level (0..255).
	Brightness float64
	// Low names the failed measures: "size", "blur", "pose", "exposure".
	Low []string
}

// Quality limits. They are deliberately loose: only faces that no engine can compare fail them.
const (
	minEyeDistance = 18   // pixels in the original: below, the 112 px chip is mostly interpolation
	minSharpness   = 1.5  // mean |Laplacian| of a 96 px face crop
	maxYaw         = 0.45 // nose base off the eye midpoint by more than 45% of the eye distance
	minBrightness  = 40
	maxBrightness  = 225
)

// measureQuality measures face f of found.
func measureQuality(found Found, f Face) Quality {
	q := Quality{}
	eye := math.Hypot(f.Eyes[1].X-f.Eyes[0].X, f.Eyes[1].Y-f.Eyes[0].Y)
	q.EyeDistance = eye / found.Scale
	if eye > 0 {
		mid := raster.Point{X: (f.Eyes[0].X + f.Eyes[1].X) / 2, Y: (f.Eyes[0].Y + f.Eyes[1].Y) / 2}
		// the component of nose-minus-midpoint along the eye line
		ux, uy := (f.Eyes[1].X-f.Eyes[0].X)/eye, (f.Eyes[1].Y-f.Eyes[0].Y)/eye
		q.Yaw = math.Abs((f.NoseBase.X-mid.X)*ux+(f.NoseBase.Y-mid.Y)*uy) / eye
	}
	q.Sharpness, q.Brightness = greyStats(found.Image, f.Box)
	if q.EyeDistance < minEyeDistance {
		q.Low = append(q.Low, "size")
	}
	if q.Sharpness < minSharpness {
		q.Low = append(q.Low, "blur")
	}
	if q.Yaw > maxYaw {
		q.Low = append(q.Low, "pose")
	}
	if q.Brightness < minBrightness || q.Brightness > maxBrightness {
		q.Low = append(q.Low, "exposure")
	}
	return q
}

// greyStats returns the mean absolute Laplacian and the mean grey level of the face box, resampled to
// 96×96 so that sharpness does not depend on the face's size.
func greyStats(img *raster.RGB, box image.Rectangle) (sharp, bright float64) {
	const n = 96
	box = box.Intersect(img.Bounds())
	if box.Empty() {
		return 0, 0
	}
	c := raster.Resize(raster.Crop(img, box), n, n)
	g := make([]float64, n*n)
	for i := range g {
		p := c.Pix[3*i : 3*i+3]
		g[i] = 0.299*float64(p[0]) + 0.587*float64(p[1]) + 0.114*float64(p[2])
		bright += g[i]
	}
	for y := 1; y < n-1; y++ {
		for x := 1; x < n-1; x++ {
			i := y*n + x
			sharp += math.Abs(4*g[i] - g[i-1] - g[i+1] - g[i-n] - g[i+n])
		}
	}
	return sharp / float64((n-2)*(n-2)), bright / float64(n*n)
}

func (q *Quality) low() bool { return q != nil && len(q.Low) > 0 }

// MeasureQuality measures face i of found (for harnesses; Verify measures both compared faces itself).
func MeasureQuality(found Found, i int) Quality { return measureQuality(found, found.Faces[i]) }
