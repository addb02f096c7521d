package console

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"io"

	"github.com/disintegration/imaging"
	"golang.org/x/sync/semaphore"

	"github.com/enxtai/kyc/internal/imagecheck"
	"github.com/enxtai/kyc/internal/kyc"
)

// What cutting a face crop may cost. Uploads are refused above the pixel budget already; the check here also
// holds for documents stored before it, whatever a header claims: the size is read from the header and the
// memory reserved before a pixel is decoded. A page shows three crops, so a few decodes wait for each other
// rather than holding several 40-megapixel images at once.
const (
	maxCropPixels = imagecheck.DefaultMaxPixels
	// maxCropBytes bounds the estimated memory of the images decoded for crops at once in this process: one
	// 40-megapixel photo (decoded, plus its upright copy) fits, a second waits.
	maxCropBytes = 320 << 20
	// cropSide is the longest side of a crop as served: enough to compare faces, small to send.
	cropSide = 320
	// cropMargin widens the detector's box (about brow to chin) on each side, by this fraction of its size, to
	// show the hair line, ears and chin a reviewer compares too.
	cropMargin = 0.35
)

// cropBudget is this process's memory budget for decoding crops' images.
var cropBudget = semaphore.NewWeighted(maxCropBytes)

// cutFace decodes a stored image upright (as the pipeline did when it found the face, so the box fits), cuts
// the box out with a margin, shrinks it to cropSide and encodes it as JPEG.
func cutFace(ctx context.Context, r io.Reader, box kyc.FaceBox) ([]byte, error) {
	var head bytes.Buffer
	cfg, _, err := image.DecodeConfig(io.TeeReader(r, &head))
	if err != nil {
		return nil, err
	}
	pixels := int64(cfg.Width) * int64(cfg.Height)
	if pixels > maxCropPixels {
		return nil, fmt.Errorf("console: crop: %dx%d is over the pixel budget", cfg.Width, cfg.Height)
	}
	weight := min(pixels*8, maxCropBytes) // decoded (≤ 4 bytes a pixel) and its upright copy (4)
	if err := cropBudget.Acquire(ctx, weight); err != nil {
		return nil, err
	}
	defer cropBudget.Release(weight)
	img, err := imaging.Decode(io.MultiReader(&head, r), imaging.AutoOrientation(true))
	if err != nil {
		return nil, err
	}
	face := cropRect(box, img.Bounds())
	if face.Empty() {
		return nil, fmt.Errorf("console: crop: box %+v is outside the %v image", box, img.Bounds())
	}
	crop := imaging.Crop(img, face)
	if crop.Bounds().Dx() > cropSide || crop.Bounds().Dy() > cropSide {
		crop = imaging.Fit(crop, cropSide, cropSide, imaging.Lanczos)
	}
	var out bytes.Buffer
	if err := jpeg.Encode(&out, crop, &jpeg.Options{Quality: 90}); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// cropRect is the box widened by cropMargin on each side, in the image's coordinates, clipped to it.
func cropRect(b kyc.FaceBox, bounds image.Rectangle) image.Rectangle {
	mx, my := int(cropMargin*float64(b.W)), int(cropMargin*float64(b.H))
	r := image.Rect(b.X-mx, b.Y-my, b.X+b.W+mx, b.Y+b.H+my).Add(bounds.Min)
	return r.Intersect(bounds)
}
