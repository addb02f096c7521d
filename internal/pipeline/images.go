package pipeline

import (
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // stored documents are JPEG or PNG
	_ "image/png"

	"github.com/enxtai/kyc/internal/kyc"
	"github.com/enxtai/kyc/internal/store"
)

// decode opens a stored document and decodes it.
func decode(ctx context.Context, k *kyc.Service, d store.Document) (image.Image, error) {
	r, err := k.OpenDocument(ctx, d)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	img, _, err := image.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", d.Type, err)
	}
	return img, nil
}
