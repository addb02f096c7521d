package aadhaarqr

/*
#cgo pkg-config: libopenjp2
#include <stdlib.h>
#include "j2k.h"
*/
import "C"

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"unsafe"
)

// jp2Signature starts a JP2 file (boxes); a bare codestream starts with SOC+SIZ.
var (
	jp2Signature = []byte{0, 0, 0, 0x0c, 'j', 'P', ' ', ' ', 0x0d, 0x0a, 0x87, 0x0a}
	socSIZ       = []byte{0xff, 0x4f, 0xff, 0x51}
)

// jpegSOI starts a baseline JPEG. UIDAI's specification says JPEG2000, but
// some readers report QR photos in plain JPEG; accepting both costs nothing
// and a real card must not fail on the photo's container.
var jpegSOI = []byte{0xff, 0xd8, 0xff}

// decodeJPEG decodes a JPEG photo after checking its declared size.
func decodeJPEG(b []byte) (image.Image, error) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, errorf(FindingPhotoCorrupt, "JPEG header: %v", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPhotoPixels {
		return nil, errorf(FindingPhotoTooLarge, "declared size %dx%d", cfg.Width, cfg.Height)
	}
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, errorf(FindingPhotoCorrupt, "JPEG: %v", err)
	}
	return img, nil
}

// maxTiles bounds the tile grid a header may declare: libopenjp2 allocates
// per-tile state when it reads the header, before our pixel cap applies.
const maxTiles = 64

// DecodePhoto decodes the JPEG2000 photo of a Secure QR (a bare J2K codestream
// or a JP2 file) into an 8-bit gray or RGB image. The declared size is checked
// in Go before libopenjp2 sees the data, and again by the C side after it
// parses the header: a huge declared size gives FindingPhotoTooLarge, anything
// undecodable FindingPhotoCorrupt.
func DecodePhoto(j2k []byte) (image.Image, error) {
	if len(j2k) == 0 || len(j2k) > MaxDecompressed {
		return nil, errorf(FindingPhotoCorrupt, "%d bytes", len(j2k))
	}
	if bytes.HasPrefix(j2k, jpegSOI) {
		return decodeJPEG(j2k)
	}
	jp2 := bytes.HasPrefix(j2k, jp2Signature)
	if !jp2 && !bytes.HasPrefix(j2k, socSIZ) {
		return nil, errorf(FindingPhotoCorrupt, "neither a JPEG2000 codestream nor a JP2 file")
	}
	if err := checkSIZ(j2k); err != nil {
		return nil, err
	}
	var w, h, nc C.int
	var out *C.uchar
	// The input is copied to C memory: cgo forbids C keeping Go pointers, and
	// libopenjp2 reads it through callbacks during the whole call.
	src := C.CBytes(j2k)
	defer C.free(src)
	rc := C.kyc_j2k_decode((*C.uchar)(src), C.size_t(len(j2k)), boolInt(jp2), C.long(MaxPhotoPixels),
		C.int(MaxPhotoComponents), &w, &h, &nc, &out)
	switch rc {
	case C.KYC_J2K_OK:
	case C.KYC_J2K_TOO_LARGE:
		return nil, errorf(FindingPhotoTooLarge, "declared size over %d pixels or %d components", MaxPhotoPixels, MaxPhotoComponents)
	default:
		return nil, errorf(FindingPhotoCorrupt, "libopenjp2 could not decode it")
	}
	defer C.free(unsafe.Pointer(out))
	pix := C.GoBytes(unsafe.Pointer(out), w*h*nc)
	return toImage(pix, int(w), int(h), int(nc)), nil
}

// checkSIZ reads the image and tile size from the SIZ marker segment (ISO
// 15444-1 A.5.1) of the first codestream in the data.
func checkSIZ(b []byte) error {
	i := bytes.Index(b, socSIZ)
	if i < 0 || len(b) < i+4+38 {
		return errorf(FindingPhotoCorrupt, "no complete SIZ marker")
	}
	s := b[i+4:]
	u32 := func(off int) uint64 { return uint64(binary.BigEndian.Uint32(s[off:])) }
	xsiz, ysiz, xo, yo := u32(4), u32(8), u32(12), u32(16)
	xt, yt, xto, yto := u32(20), u32(24), u32(28), u32(32)
	comps := uint64(binary.BigEndian.Uint16(s[36:]))
	if xsiz <= xo || ysiz <= yo || xt == 0 || yt == 0 || xto > xo || yto > yo {
		return errorf(FindingPhotoCorrupt, "impossible SIZ geometry")
	}
	w, h := xsiz-xo, ysiz-yo
	tiles := ((xsiz - xto + xt - 1) / xt) * ((ysiz - yto + yt - 1) / yt)
	if w*h > MaxPhotoPixels || comps > MaxPhotoComponents || tiles > maxTiles {
		return errorf(FindingPhotoTooLarge, "declares %dx%d pixels, %d components, %d tiles", w, h, comps, tiles)
	}
	if comps == 0 {
		return errorf(FindingPhotoCorrupt, "no components")
	}
	return nil
}

func toImage(pix []byte, w, h, nc int) image.Image {
	if nc == 1 {
		return &image.Gray{Pix: pix, Stride: w, Rect: image.Rect(0, 0, w, h)}
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range w * h {
		copy(img.Pix[i*4:i*4+3], pix[i*3:i*3+3])
		img.Pix[i*4+3] = 0xff
	}
	return img
}

func boolInt(b bool) C.int {
	if b {
		return 1
	}
	return 0
}
