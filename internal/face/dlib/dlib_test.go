package dlib

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/enxtai/kyc/internal/face/facetest"
	"github.com/enxtai/kyc/internal/face/raster"
)

func openPool(t testing.TB, withNet bool, workers int) (*Pool, facetest.Paths) {
	t.Helper()
	p := facetest.Require(t, facetest.DlibLandmarks, facetest.DlibDescriptor)
	m := Models{Landmarks: p.Model(facetest.DlibLandmarks)}
	if withNet {
		m.Descriptor = p.Model(facetest.DlibDescriptor)
	}
	pool, err := Open(m, workers)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Close() })
	return pool, p
}

func TestDetectCountsFaces(t *testing.T) {
	pool, p := openPool(t, false, 1)
	cases := []struct {
		photo string
		min   int
		max   int
	}{
		{"bona.jpg", 1, 1},
		{"tzuyu.jpg", 1, 1},
		{"pristin.jpg", 5, 10}, // group photo of 10
	}
	for _, c := range cases {
		t.Run(c.photo, func(t *testing.T) {
			img := raster.FromImage(p.Photo(t, c.photo))
			faces, err := pool.Detect(context.Background(), img, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(faces) < c.min || len(faces) > c.max {
				t.Fatalf("%d faces, want %d..%d", len(faces), c.min, c.max)
			}
			for _, f := range faces {
				for _, pt := range f.Landmarks {
					// landmarks lie within (or right at the edge of) their box
					grown := f.Rect.Inset(-f.Rect.Dx() / 4)
					if pt.X < float64(grown.Min.X) || pt.X > float64(grown.Max.X) || pt.Y < float64(grown.Min.Y) || pt.Y > float64(grown.Max.Y) {
						t.Fatalf("landmark %v outside face %v", pt, f.Rect)
					}
				}
			}
		})
	}
	blank := raster.NewRGB(300, 300)
	if faces, err := pool.Detect(context.Background(), blank, 0); err != nil || len(faces) != 0 {
		t.Fatalf("blank image: %d faces, err %v", len(faces), err)
	}
	if _, err := pool.Detect(context.Background(), raster.NewRGB(0, 0), 0); err == nil {
		t.Fatal("empty image must be an error")
	}
}

func distance(a, b [DescriptorSize]float32) float64 {
	var s float64
	for i := range a {
		d := float64(a[i] - b[i])
		s += d * d
	}
	return math.Sqrt(s)
}

func describeFirst(t *testing.T, pool *Pool, p facetest.Paths, photo string) [DescriptorSize]float32 {
	t.Helper()
	img := raster.FromImage(p.Photo(t, photo))
	faces, err := pool.Detect(context.Background(), img, 0)
	if err != nil || len(faces) == 0 {
		t.Fatalf("%s: %d faces, err %v", photo, len(faces), err)
	}
	d, err := pool.Describe(context.Background(), img, faces[0])
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDescriptorsOfOnePersonAreClose(t *testing.T) {
	pool, p := openPool(t, true, 1)
	bona, bona2 := describeFirst(t, pool, p, "bona.jpg"), describeFirst(t, pool, p, "bona2.jpg")
	var norm float64
	for _, v := range bona {
		norm += float64(v) * float64(v)
	}
	if norm < 0.1 || math.IsNaN(norm) {
		t.Fatalf("descriptor norm² %v", norm)
	}
	if d := distance(bona, bona); d != 0 {
		t.Fatalf("self distance %v", d)
	}
	same := distance(bona, bona2)
	if same > 0.6 {
		t.Fatalf("same person distance %.3f, want < 0.6", same)
	}
	t.Logf("bona–bona2 distance %.3f", same)
}

func TestDescribeWithoutNetworkFails(t *testing.T) {
	pool, _ := openPool(t, false, 1)
	if _, err := pool.Describe(context.Background(), raster.NewRGB(10, 10), Face{}); err == nil {
		t.Fatal("want an error without the descriptor model")
	}
}

func TestBadModelsBecomeErrors(t *testing.T) {
	p := facetest.Require(t, facetest.DlibLandmarks)
	garbage := filepath.Join(t.TempDir(), "garbage.dat")
	if err := os.WriteFile(garbage, []byte("not a dlib model"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		m    Models
	}{
		{"missing file", Models{Landmarks: filepath.Join(t.TempDir(), "none.dat")}},
		{"garbage landmarks", Models{Landmarks: garbage}},
		{"garbage descriptor", Models{Landmarks: p.Model(facetest.DlibLandmarks), Descriptor: garbage}},
		{"landmarks file as descriptor", Models{Landmarks: p.Model(facetest.DlibLandmarks), Descriptor: p.Model(facetest.DlibLandmarks)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pool, err := Open(c.m, 1)
			if err == nil {
				pool.Close()
				t.Fatal("want an error (a C++ exception turned into a Go error)")
			}
			t.Log(err)
		})
	}
	if _, err := Open(Models{Landmarks: p.Model(facetest.DlibLandmarks)}, 0); err == nil {
		t.Fatal("zero workers must be rejected")
	}
}

func TestConcurrentDetectAgrees(t *testing.T) {
	pool, p := openPool(t, false, 2)
	img := raster.Resize(raster.FromImage(p.Photo(t, "bona.jpg")), 400, 400)
	want, err := pool.Detect(context.Background(), img, 0)
	if err != nil || len(want) != 1 {
		t.Fatalf("%d faces, err %v", len(want), err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				got, err := pool.Detect(context.Background(), img, 0)
				if err != nil {
					errs <- err
					return
				}
				if len(got) != 1 || got[0] != want[0] {
					errs <- errors.New("concurrent detection differs")
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

func TestClosedPoolAndCancelledContext(t *testing.T) {
	pool, _ := openPool(t, false, 1)
	ctx, cancel := context.WithCancel(context.Background())
	h, err := pool.acquire(context.Background()) // hold the only worker
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := pool.Detect(ctx, raster.NewRGB(50, 50), 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled while the worker is busy, got %v", err)
	}
	pool.release(h)
	if err := pool.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Detect(context.Background(), raster.NewRGB(50, 50), 0); !errors.Is(err, ErrClosed) {
		t.Fatalf("want ErrClosed, got %v", err)
	}
	if err := pool.Close(); err != nil {
		t.Fatal("second Close must be a no-op")
	}
}

// TestNoLeakOver1000Calls makes 1,000 calls into the shim on a small face (every call detects and fits
// landmarks; every fourth also computes the descriptor, the slow part) and checks that the resident memory
// of the process stays flat: every C++ allocation made per call is freed.
func TestNoLeakOver1000Calls(t *testing.T) {
	pool, p := openPool(t, true, 1)
	full := raster.FromImage(p.Photo(t, "bona.jpg"))
	faces, err := pool.Detect(context.Background(), full, 0)
	if err != nil || len(faces) != 1 {
		t.Fatalf("%d faces, err %v", len(faces), err)
	}
	small := raster.Resize(raster.Crop(full, faces[0].Rect.Inset(-faces[0].Rect.Dx()/3)), 160, 160)
	call := func(i int) {
		fs, err := pool.Detect(context.Background(), small, 0)
		if err != nil || len(fs) != 1 {
			t.Fatalf("%d faces, err %v", len(fs), err)
		}
		if i%4 != 0 {
			return
		}
		if _, err := pool.Describe(context.Background(), small, fs[0]); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 100 { // let allocator pools and Go's heap settle
		call(i)
	}
	before := rssKB(t)
	for i := range 1000 {
		call(i)
	}
	after := rssKB(t)
	t.Logf("RSS %d kB before, %d kB after 1,000 calls", before, after)
	if grown := after - before; grown > 8*1024 {
		t.Fatalf("RSS grew by %d kB over 1,000 calls: a leak", grown)
	}
}

func rssKB(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			n, err := strconv.Atoi(f[1])
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no VmRSS in /proc/self/status")
	return 0
}
