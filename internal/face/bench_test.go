package face_test

import (
	"context"
	"image"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/disintegration/imaging"

	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/face/facetest"
	"github.com/enxtai/kyc/internal/face/raster"
)

// benchPhotos are portraits in which HOG finds one face at 1024 px.
var benchPhotos = []string{"bona.jpg", "bona2.jpg", "chaeyoung.jpg", "joy.jpg", "luda.jpg", "seulgi.jpg", "tzuyu.jpg", "yujin.jpg"}

// at1024 loads the benchmark photos scaled to a 1024 px long side, the size the engine searches at.
func at1024(b *testing.B) []*raster.RGB {
	p := facetest.Require(b)
	var out []*raster.RGB
	for _, name := range benchPhotos {
		out = append(out, raster.FromImage(imaging.Fit(p.Photo(b, name), 1024, 1024, imaging.Lanczos)))
	}
	return out
}

// reportP50 adds the median of the per-image wall-clock durations as a metric (ns/op is their mean) and
// the process CPU time per image since cpu0 (from cpuTime): on a shared machine, wall time includes waiting
// for the core, CPU time does not.
func reportP50(b *testing.B, took []time.Duration, cpu0 time.Duration) {
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64((cpuTime(b)-cpu0).Microseconds())/1000/float64(len(took)), "cpu-ms/op")
}

// cpuTime is the user+system CPU time of the whole process so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// detectEmbedCases are the engines in their default configuration (grey, equalised grey and gamma views
// for ArcFace), the ArcFace engine as in the third pass (grey and equalised grey), the second (grey and its
// mirror) and as before either (one colour embedding per face), for the cost of the extra embeddings.
var detectEmbedCases = []struct {
	name              string
	engine            face.Engine
	grey, flip, gamma bool
	eq                face.Equalisation
}{
	{"arcface", face.EngineArcFace, true, false, true, face.EqualiseHistogram},
	{"arcface-grey-eq", face.EngineArcFace, true, false, false, face.EqualiseHistogram},
	{"arcface-grey-flip", face.EngineArcFace, true, true, false, face.EqualiseNone},
	{"arcface-colour-noflip", face.EngineArcFace, false, false, false, face.EqualiseNone},
	{"dlib", face.EngineDlib, false, false, false, face.EqualiseNone},
}

// BenchmarkDetectEmbed is one image's face search plus embedding of its face, per engine, one worker and
// one thread (run with -cpu 1 for the one-core figure).
func BenchmarkDetectEmbed(b *testing.B) {
	for _, c := range detectEmbedCases {
		b.Run(c.name, func(b *testing.B) {
			cfg := config(b, c.engine, face.LivenessNone)
			cfg.Workers, cfg.Threads = 1, 1
			cfg.Grey, cfg.FlipTTA, cfg.Equalise, cfg.Gamma = c.grey, c.flip, c.eq, c.gamma
			m, err := face.OpenMatcher(cfg)
			if err != nil {
				b.Fatal(err)
			}
			defer m.Close()
			imgs := at1024(b)
			ctx := context.Background()
			took := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			cpu0 := cpuTime(b)
			for i := range b.N {
				t0 := time.Now()
				f, err := m.Find(ctx, imgs[i%len(imgs)], face.Selfie)
				if err != nil || len(f.Faces) == 0 {
					b.Fatalf("no face (%v)", err)
				}
				if _, err := m.Embed(ctx, f, 0); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(t0))
			}
			reportP50(b, took, cpu0)
		})
	}
}

// BenchmarkLiveness is one liveness inference (crop, resize, model) on an already found face.
func BenchmarkLiveness(b *testing.B) {
	cfg := config(b, face.EngineArcFace, face.LivenessNone)
	cfg.Workers, cfg.Threads = 1, 1
	m, err := face.OpenMatcher(cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	var found []face.Found
	for _, img := range at1024(b) {
		f, err := m.Find(context.Background(), img, face.Selfie)
		if err != nil || len(f.Faces) == 0 {
			b.Fatalf("no face (%v)", err)
		}
		found = append(found, f)
	}
	for _, l := range []face.LivenessModel{face.LivenessMiniFASNet, face.LivenessFR, face.LivenessFused} {
		b.Run(string(l), func(b *testing.B) {
			cfg.Liveness = l
			checker, err := face.OpenLiveness(cfg)
			if err != nil {
				b.Fatal(err)
			}
			defer checker.Close()
			took := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			cpu0 := cpuTime(b)
			for i := range b.N {
				f := found[i%len(found)]
				t0 := time.Now()
				if _, err := checker.Score(context.Background(), f.Image, f.Faces[0].Box); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(t0))
			}
			reportP50(b, took, cpu0)
		})
	}
}

// BenchmarkVerify is a full verification with the default configuration: a kit-rendered card (1100×690)
// against a 1024 px selfie, both faces searched and embedded, liveness of the selfie, the bands applied;
// "grey-eq", "grey-flip" are the same with the ArcFace engine of the third and second pass, "colour-noflip" as
// before grey chips.
func BenchmarkVerify(b *testing.B) {
	for _, c := range []struct {
		name              string
		grey, flip, gamma bool
		eq                face.Equalisation
	}{{"default", true, false, true, face.EqualiseHistogram}, {"grey-eq", true, false, false, face.EqualiseHistogram},
		{"grey-flip", true, true, false, face.EqualiseNone}, {"colour-noflip", false, false, false, face.EqualiseNone}} {
		b.Run(c.name, func(b *testing.B) {
			cfg := config(b, face.EngineArcFace, face.DefaultConfig().Liveness)
			cfg.Workers, cfg.Threads = 1, 1
			cfg.Grey, cfg.FlipTTA, cfg.Equalise, cfg.Gamma = c.grey, c.flip, c.eq, c.gamma
			benchVerify(b, cfg)
		})
	}
}

func benchVerify(b *testing.B, cfg face.Config) {
	v := verifier(b, cfg)
	m, err := face.OpenMatcher(cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	imgs := at1024(b)
	var cards []image.Image
	for i, img := range imgs {
		cards = append(cards, card(b, m, img, int64(i)))
	}
	ctx := context.Background()
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	cpu0 := cpuTime(b)
	for i := range b.N {
		t0 := time.Now()
		if _, err := v.Verify(ctx, cards[i%len(cards)], imgs[(i+1)%len(imgs)]); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(t0))
	}
	reportP50(b, took, cpu0)
}
