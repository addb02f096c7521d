package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // stored documents are JPEG or PNG
	_ "image/png"
	"io"

	"github.com/disintegration/imaging"
	"golang.org/x/sync/semaphore"

	"github.com/enxtai/kyc/internal/imagecheck"
	"github.com/enxtai/kyc/internal/kyc"
)

// What decoding may cost. Uploads are refused above the pixel budget already; these bounds also hold for
// documents stored before it, and whatever a header claims: the size is read from the header and the memory
// reserved before a pixel is decoded.
const (
	// maxDecodePixels is the upload check's default budget (40 megapixels).
	maxDecodePixels = imagecheck.DefaultMaxPixels
	// maxDecodedBytes bounds the estimated memory of the images decoded at once in this process (held until
	// their step is done with them): a fourth 40-megapixel 16-bit image waits for one of three to be released.
	maxDecodedBytes = 1 << 30
	// maxConcurrentDecodes bounds decoders running at once in this process (each is CPU-bound).
	maxConcurrentDecodes = 2
)

// ErrTooManyPixels: a stored image's header declares more pixels than the pipeline decodes.
var ErrTooManyPixels = errors.New("image has too many pixels to decode")

// decodes is this process's decoding budget: every worker of the process shares it.
var decodes = newDecodeBudget(maxConcurrentDecodes, maxDecodedBytes)

type decodeBudget struct {
	running *semaphore.Weighted // decoders at once
	bytes   *semaphore.Weighted // estimated bytes of decoded images held
	total   int64
}

func newDecodeBudget(concurrent, bytes int64) *decodeBudget {
	return &decodeBudget{running: semaphore.NewWeighted(concurrent), bytes: semaphore.NewWeighted(bytes), total: bytes}
}

// decode opens a stored document and decodes it, upright. release gives its memory back to the budget when
// the caller is done with the image.
func decode(ctx context.Context, k *kyc.Service, d kyc.Document) (img image.Image, release func(), err error) {
	r, err := k.OpenDocument(ctx, d)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	img, release, err = decodes.decode(ctx, r)
	if err != nil {
		return nil, nil, fmt.Errorf("decode %s: %w", d.Type, err)
	}
	return img, release, nil
}

// decode reads the header, refuses an image over the pixel budget, waits for room for its pixels and a
// decoder, then decodes.
func (b *decodeBudget) decode(ctx context.Context, r io.Reader) (image.Image, func(), error) {
	var head bytes.Buffer
	cfg, _, err := image.DecodeConfig(io.TeeReader(r, &head))
	if err != nil {
		return nil, nil, err
	}
	pixels := int64(cfg.Width) * int64(cfg.Height)
	if pixels > maxDecodePixels {
		return nil, nil, fmt.Errorf("%w: %dx%d", ErrTooManyPixels, cfg.Width, cfg.Height)
	}
	// The decoded image, and the upright copy AutoOrientation makes of a rotated photo (4 bytes a pixel).
	weight := min(pixels*(bytesPerPixel(cfg.ColorModel)+4), b.total)
	if err := b.bytes.Acquire(ctx, weight); err != nil {
		return nil, nil, err
	}
	release := func() { b.bytes.Release(weight) }
	if err := b.running.Acquire(ctx, 1); err != nil {
		release()
		return nil, nil, err
	}
	// Phones store photos sideways with an EXIF orientation tag; the engines need them upright.
	img, err := imaging.Decode(io.MultiReader(&head, r), imaging.AutoOrientation(true))
	b.running.Release(1)
	if err != nil {
		release()
		return nil, nil, err
	}
	return img, release, nil
}

// bytesPerPixel is what the decoder's image type takes per pixel.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.YCbCrModel:
		return 3 // 4:4:4 at most
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	return 4 // RGBA, NRGBA, CMYK, paletted (at most)
}
