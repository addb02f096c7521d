package cardkit

import (
	"bufio"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/disintegration/imaging"
)

// QR photo size: UIDAI's Secure QR photos are small (tens of pixels a side,
// about a kilobyte of JPEG2000) so that the whole QR fits one symbol.
const (
	qrPhotoW, qrPhotoH = 64, 80
	qrPhotoRatio       = "24" // opj_compress -r: compression ratio, about 640 bytes here
)

// qrPhoto is the face scaled to the QR's photo size, or a silhouette.
func qrPhoto(face image.Image) image.Image {
	if face == nil || face.Bounds().Empty() {
		c := newCanvas(qrPhotoW, qrPhotoH, image.White.C)
		c.silhouette(c.img.Rect)
		return c.img
	}
	return imaging.Fill(face, qrPhotoW, qrPhotoH, imaging.Center, imaging.Lanczos)
}

// EncodeJ2K encodes img as a JPEG2000 codestream with OpenJPEG's opj_compress
// (Debian libopenjp2-tools), the encoder of the library the reader decodes with.
func EncodeJ2K(img image.Image) ([]byte, error) {
	dir, err := os.MkdirTemp("", "cardkit-j2k-")
	if err != nil {
		return nil, fmt.Errorf("cardkit: j2k temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	in, out := filepath.Join(dir, "in.ppm"), filepath.Join(dir, "out.j2k")
	if err := writePPM(in, img); err != nil {
		return nil, err
	}
	cmd := exec.Command("opj_compress", "-i", in, "-o", out, "-r", qrPhotoRatio)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("cardkit: opj_compress (install libopenjp2-tools: make setup): %w: %s", err, msg)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, fmt.Errorf("cardkit: read j2k: %w", err)
	}
	return b, nil
}

func writePPM(path string, img image.Image) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("cardkit: ppm: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("cardkit: ppm: %w", cerr)
		}
	}()
	b := img.Bounds()
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "P6\n%d %d\n255\n", b.Dx(), b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			_, _ = w.Write([]byte{byte(r >> 8), byte(g >> 8), byte(bl >> 8)})
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("cardkit: ppm: %w", err)
	}
	return nil
}
