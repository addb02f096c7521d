package imagecheck

// parseSOF reads the frame header and applies the same limits as image/jpeg, so an accepted JPEG is one the
// standard decoder (and the OCR and face pipeline behind it) can read.
func (d *jpegParser) parseSOF(b []byte) error {
	if b[0] != 8 {
		return unsupported("jpeg: %d-bit precision", b[0])
	}
	nComp := int(b[5])
	if len(b) != 6+3*nComp {
		return corrupt("jpeg: frame header has wrong length")
	}
	var hs, vs [4]int
	for i := 0; i < nComp; i++ {
		c := b[6+3*i]
		for j := 0; j < i; j++ {
			if b[6+3*j] == c {
				return corrupt("jpeg: repeated component identifier")
			}
		}
		hv := b[7+3*i]
		h, v := int(hv>>4), int(hv&0x0f)
		if h < 1 || h > 4 || v < 1 || v > 4 {
			return corrupt("jpeg: bad sampling factors")
		}
		if b[8+3*i] > 3 {
			return corrupt("jpeg: bad quantization table selector")
		}
		if h == 3 || v == 3 || !supportedSampling(nComp, i, hv, h, v, hs, vs) {
			return unsupported("jpeg: chroma subsampling")
		}
		hs[i], vs[i] = h, v
	}
	d.height = int(b[1])<<8 | int(b[2])
	d.width = int(b[3])<<8 | int(b[4])
	d.sawSOF = true
	return nil
}

// supportedSampling mirrors image/jpeg's accepted subsampling layouts for 3- and 4-component images.
func supportedSampling(nComp, i int, hv byte, h, v int, hs, vs [4]int) bool {
	switch nComp {
	case 3:
		switch i {
		case 0:
			return v != 4
		case 1:
			return hs[0]%h == 0 && vs[0]%v == 0
		case 2:
			return hs[1] == h && vs[1] == v
		}
	case 4:
		switch i {
		case 0:
			return hv == 0x11 || hv == 0x22
		case 1, 2:
			return hv == 0x11
		case 3:
			return hs[0] == h && vs[0] == v
		}
	}
	return true
}
