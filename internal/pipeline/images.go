package pipeline

import (
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // stored documents are JPEG or PNG
	_ "image/png"

	"github.com/disintegration/imaging"

	"github.com/enxtai/kyc/internal/kyc"
)

// decode opens a stored document and decodes it, upright.
func decode(ctx context.Context, k *kyc.Service, d kyc.Document) (image.Image, error) {
	r, err := k.OpenDocument(ctx, d)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	// Phones store photos sideways with an EXIF orientation tag; the engines need them upright.
	img, err := imaging.Decode(r, imaging.AutoOrientation(true))
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", d.Type, err)
	}
	return img, nil
}
