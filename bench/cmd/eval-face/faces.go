package main

import (
	"context"
	"fmt"
	"image"
	"sync"

	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/face/facetest"
	"github.com/enxtai/kyc/internal/face/raster"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// degradations applied in turn to the second copy of every card (a phone photo of the card).
var degradations = []cardkit.Variant{cardkit.Rotate, cardkit.Blur, cardkit.Noise, cardkit.JPEG40,
	cardkit.Small, cardkit.Lighting, cardkit.Background}

// makeCards renders, for each photo, an Aadhaar front carrying a passport-style crop of that photo (found with
// the given matcher's detector), clean and degraded. A photo whose face is not found is printed whole.
func makeCards(ctx context.Context, m face.FaceMatcher, photos []photo, seed int64) (clean, degraded []image.Image, err error) {
	clean = make([]image.Image, len(photos))
	degraded = make([]image.Image, len(photos))
	for i, p := range photos {
		found, err := m.Find(ctx, raster.FromImage(p.img), face.Selfie)
		if err != nil {
			return nil, nil, err
		}
		portrait := p.img
		if len(found.Faces) > 0 {
			b := found.Faces[0].Box
			s := found.Scale
			orig := image.Rect(int(float64(b.Min.X)/s), int(float64(b.Min.Y)/s), int(float64(b.Max.X)/s), int(float64(b.Max.Y)/s))
			portrait = facetest.PassportPhoto(p.img, orig.Add(p.img.Bounds().Min))
		}
		r := cardkit.NewRand(seed + int64(i))
		clean[i] = cardkit.RenderAadhaarFront(cardkit.NewPerson(r), portrait)
		degraded[i] = cardkit.Degrade(clean[i], degradations[i%len(degradations)], r)
	}
	return clean, degraded, nil
}

// embedded is one picture's largest face embedding and face count.
type embedded struct {
	emb   face.Embedding
	faces int
	box   image.Rectangle
	found face.Found
	q     *face.Quality
}

// embedAll finds and embeds the largest face of every picture, workers at a time.
func embedAll(ctx context.Context, m face.FaceMatcher, imgs []image.Image, src face.Source, workers int) ([]embedded, error) {
	out := make([]embedded, len(imgs))
	errs := make([]error, len(imgs))
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for i, img := range imgs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			found, err := m.Find(ctx, raster.FromImage(img), src)
			if err != nil {
				errs[i] = err
				return
			}
			out[i] = embedded{faces: len(found.Faces), found: found}
			if len(found.Faces) == 0 {
				return
			}
			out[i].box = found.Faces[0].Box
			q := face.MeasureQuality(found, 0)
			out[i].q = &q
			out[i].emb, errs[i] = m.Embed(ctx, found, 0)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("picture %d: %w", i, err)
		}
	}
	return out, nil
}

// engineRun holds one engine's comparisons.
type engineRun struct {
	engine        face.Engine
	calibration   face.Calibration
	photoVsPhoto  pairs
	cardClean     pairs
	cardDegraded  pairs
	selfies       []embedded
	cardsClean    []embedded
	cardsDegraded []embedded
	noFaceSelfies []string
	noFaceCards   int
	identity      []string
	labelled      []labelled
	heldOut       heldOutSummary // card vs selfie, clean and degraded cards, for the held-out protocol
	similarity    func(a, b face.Embedding) float64
}

func (r engineRun) cardVsSelfie() pairs {
	var all pairs
	all.merge(r.cardClean)
	all.merge(r.cardDegraded)
	return all
}

func evalEngine(ctx context.Context, m face.FaceMatcher, photos []photo, clean, degraded []image.Image, workers int) (engineRun, error) {
	run := engineRun{engine: m.Name(), calibration: m.Calibration(), similarity: m.Similarity}
	imgs := make([]image.Image, len(photos))
	for i, p := range photos {
		imgs[i] = p.img
		run.identity = append(run.identity, p.identity)
	}
	var err error
	if run.selfies, err = embedAll(ctx, m, imgs, face.Selfie, workers); err != nil {
		return run, err
	}
	if run.cardsClean, err = embedAll(ctx, m, clean, face.Card, workers); err != nil {
		return run, err
	}
	if run.cardsDegraded, err = embedAll(ctx, m, degraded, face.Card, workers); err != nil {
		return run, err
	}
	for i, s := range run.selfies {
		if s.faces == 0 {
			run.noFaceSelfies = append(run.noFaceSelfies, photos[i].name)
		}
		if run.cardsClean[i].faces == 0 {
			run.noFaceCards++
		}
		if run.cardsDegraded[i].faces == 0 {
			run.noFaceCards++
		}
	}
	compare := func(a, b embedded) (float64, bool) {
		if a.emb == nil || b.emb == nil {
			return 0, false
		}
		return m.Similarity(a.emb, b.emb), true
	}
	for i := range photos {
		for j := range photos {
			same := photos[i].identity == photos[j].identity
			if j > i {
				s, ok := compare(run.selfies[i], run.selfies[j])
				run.photoVsPhoto.add(same, s, ok)
			}
			if j != i {
				s, ok := compare(run.cardsClean[i], run.selfies[j])
				run.cardClean.add(same, s, ok)
				run.labelled = append(run.labelled, labelled{photos[i].identity, photos[j].identity, s, ok})
				s, ok = compare(run.cardsDegraded[i], run.selfies[j])
				run.cardDegraded.add(same, s, ok)
				run.labelled = append(run.labelled, labelled{photos[i].identity, photos[j].identity, s, ok})
			}
		}
	}
	return run, nil
}

// imagesOf returns the photos' decoded images, in order.
func imagesOf(photos []photo) []image.Image {
	imgs := make([]image.Image, len(photos))
	for i, p := range photos {
		imgs[i] = p.img
	}
	return imgs
}

// openWithPhotos loads the test photos and opens cfg's matcher; the caller closes the matcher.
func openWithPhotos(cfg face.Config, facesDir string) ([]photo, face.FaceMatcher, error) {
	photos, err := loadPhotos(facesDir)
	if err != nil {
		return nil, nil, err
	}
	m, err := face.OpenMatcher(cfg)
	return photos, m, err
}
