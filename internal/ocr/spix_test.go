package ocr

import (
	"encoding/binary"
	"fmt"
	"image"
	"reflect"
	"testing"

	"github.com/otiai10/gosseract/v2"

	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// encodePGM is the binary PGM the engine handed Tesseract before spix: the reference spix must match.
func encodePGM(img *image.Gray) []byte {
	b := img.Bounds()
	header := fmt.Sprintf("P5\n%d %d\n255\n", b.Dx(), b.Dy())
	out := append(make([]byte, 0, len(header)+b.Dx()*b.Dy()), header...)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		off := img.PixOffset(b.Min.X, y)
		out = append(out, img.Pix[off:off+b.Dx()]...)
	}
	return out
}

// TestSpixReadsAsPGM: Tesseract reads the same words, boxes and confidences from spix as from PGM, for a whole
// card and for a crop whose width is not a multiple of four and whose origin is not (0, 0) (a sub-image with
// the parent's stride, as LineCrop passes).
func TestSpixReadsAsPGM(t *testing.T) {
	t.Parallel()
	p := cardkit.NewPerson(cardkit.NewRand(7))
	card := Prepare(cardkit.RenderAadhaarBack(p), Prep{Width: 1100, Stretch: true}).Image
	crop := card.SubImage(image.Rect(37, 301, 37+613, 301+211)).(*image.Gray)
	c := gosseract.NewClient()
	defer c.Close()
	if err := c.SetVariable(gosseract.DEBUG_FILE, "/dev/null"); err != nil {
		t.Fatal(err)
	}
	read := func(data []byte) []gosseract.BoundingBox {
		t.Helper()
		if err := c.SetImageFromBytes(data); err != nil {
			t.Fatal(err)
		}
		boxes, err := c.GetBoundingBoxesVerbose()
		if err != nil {
			t.Fatal(err)
		}
		return boxes
	}
	for name, img := range map[string]*image.Gray{"card": card, "crop": crop} {
		want, got := read(encodePGM(img)), read(encodeSpix(img))
		if len(want) < 5 {
			t.Fatalf("%s: only %d words read from the PGM", name, len(want))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: spix read differs from PGM:\n got %v\nwant %v", name, got, want)
		}
	}
}

func TestSpixLayout(t *testing.T) {
	t.Parallel()
	img := image.NewGray(image.Rect(0, 0, 5, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(i + 1)
	}
	b := encodeSpix(img)
	if string(b[:4]) != "spix" || len(b) != 7*4+2*2*4 {
		t.Fatalf("header or size wrong: %q, %d bytes", b[:4], len(b))
	}
	// Row 0: pixels 1..5 in two words, 1 in the first word's most significant byte, padding zero.
	words := []uint32{0x01020304, 0x05000000, 0x06070809, 0x0a000000}
	for i, want := range words {
		if got := binary.NativeEndian.Uint32(b[28+4*i:]); got != want {
			t.Errorf("raster word %d = %#08x, want %#08x", i, got, want)
		}
	}
}
