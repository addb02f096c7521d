package imagecheck

import "bytes"

// JPEG marker codes (ITU T.81 table B.1).
const (
	jpegSOF0 = 0xc0 // baseline
	jpegSOF1 = 0xc1 // extended sequential, Huffman
	jpegSOF2 = 0xc2 // progressive, Huffman
	jpegDHT  = 0xc4
	jpegJPG  = 0xc8
	jpegDAC  = 0xcc
	jpegRST0 = 0xd0
	jpegRST7 = 0xd7
	jpegSOI  = 0xd8
	jpegEOI  = 0xd9
	jpegSOS  = 0xda
	jpegDQT  = 0xdb
	jpegDRI  = 0xdd
	jpegAPP0 = 0xe0
	jpegAPPF = 0xef
	jpegCOM  = 0xfe
)

type jpegStep int

const (
	jpegStepSOI       jpegStep = iota
	jpegStepHunt               // between segments: looking for 0xFF
	jpegStepMarker             // after 0xFF: the marker code (or fill 0xFF)
	jpegStepLength             // the segment's 2-byte length
	jpegStepSOF                // the frame header, kept to read the dimensions
	jpegStepSkip               // a segment payload that is not needed
	jpegStepEntropy            // entropy-coded data after SOS
	jpegStepEntropyFF          // 0xFF seen inside entropy-coded data
	jpegStepTrailer            // after EOI: ignored (phone cameras append data there)
)

// jpegParser walks the marker structure the way image/jpeg does, without decoding: segments are skipped by their
// lengths, the frame header gives the dimensions, entropy-coded data is scanned for the next marker, and the file
// must reach EOI after at least one scan. Only 8-bit Huffman baseline/extended/progressive frames are accepted,
// as the standard decoder supports nothing else.
type jpegParser struct {
	step      jpegStep
	acc       fieldBuf
	marker    byte
	segLen    int
	remaining int
	sawSOF    bool
	sawSOS    bool
	width     int
	height    int
}

func newJPEGParser() *jpegParser { return &jpegParser{} }

func (d *jpegParser) dims() (int, int, bool) { return d.width, d.height, d.sawSOF }

func (d *jpegParser) finish() error {
	if d.step != jpegStepTrailer {
		return corrupt("jpeg: truncated, no EOI marker")
	}
	return nil
}

func (d *jpegParser) write(p []byte) error {
	for len(p) > 0 {
		var field []byte
		var err error
		switch d.step {
		case jpegStepSOI:
			if field, p = d.acc.fill(p, 2); field != nil {
				if field[0] != 0xff || field[1] != jpegSOI {
					return corrupt("jpeg: missing SOI marker")
				}
				d.step = jpegStepHunt
			}
		case jpegStepHunt:
			// Bytes between segments are tolerated and ignored, as image/jpeg and libjpeg do.
			i := bytes.IndexByte(p, 0xff)
			if i < 0 {
				return nil
			}
			p = p[i+1:]
			d.step = jpegStepMarker
		case jpegStepMarker:
			m := p[0]
			p = p[1:]
			err = d.onMarker(m)
		case jpegStepLength:
			if field, p = d.acc.fill(p, 2); field != nil {
				err = d.onLength(int(field[0])<<8 | int(field[1]))
			}
		case jpegStepSOF:
			if field, p = d.acc.fill(p, d.segLen); field != nil {
				err = d.parseSOF(field)
				d.step = jpegStepHunt
			}
		case jpegStepSkip:
			n := min(len(p), d.remaining)
			d.remaining -= n
			p = p[n:]
			if d.remaining == 0 {
				d.step = d.afterSkip()
			}
		case jpegStepEntropy:
			i := bytes.IndexByte(p, 0xff)
			if i < 0 {
				return nil
			}
			p = p[i+1:]
			d.step = jpegStepEntropyFF
		case jpegStepEntropyFF:
			m := p[0]
			p = p[1:]
			switch {
			case m == 0x00 || (jpegRST0 <= m && m <= jpegRST7):
				d.step = jpegStepEntropy // stuffed byte or restart marker: still inside the scan
			case m == 0xff:
				// fill byte: stay
			default:
				err = d.onMarker(m)
			}
		case jpegStepTrailer:
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (d *jpegParser) afterSkip() jpegStep {
	if d.marker == jpegSOS {
		return jpegStepEntropy
	}
	return jpegStepHunt
}

// onMarker handles the byte after 0xFF outside a scan's data (or the marker that ended a scan).
func (d *jpegParser) onMarker(m byte) error {
	d.marker = m
	switch {
	case m == 0xff:
		d.step = jpegStepMarker // fill byte before a marker
	case m == 0x00:
		d.step = jpegStepHunt // "\xff\x00" between segments is extraneous data
	case m == jpegEOI:
		if !d.sawSOS {
			return corrupt("jpeg: EOI before any scan")
		}
		d.step = jpegStepTrailer
	case jpegRST0 <= m && m <= jpegRST7:
		d.step = jpegStepHunt // a stray restart marker after the last scan is harmless
	case m < 0xc0 || m == jpegSOI:
		return corrupt("jpeg: unknown marker 0x%02x", m)
	default:
		d.step = jpegStepLength
	}
	return nil
}

func (d *jpegParser) onLength(length int) error {
	n := length - 2
	if n < 0 {
		return corrupt("jpeg: short segment length")
	}
	m := d.marker
	switch {
	case m == jpegSOF0 || m == jpegSOF1 || m == jpegSOF2:
		if d.sawSOF {
			return corrupt("jpeg: multiple SOF markers")
		}
		if n != 6+3*1 && n != 6+3*3 && n != 6+3*4 {
			return corrupt("jpeg: frame header length %d", n)
		}
		d.segLen = n
		d.step = jpegStepSOF
		return nil
	case m == jpegSOS:
		if !d.sawSOF {
			return corrupt("jpeg: scan before frame header")
		}
		if n < 6 {
			return corrupt("jpeg: short scan header")
		}
		d.sawSOS = true
	case m == jpegDHT || m == jpegDQT || m == jpegDRI || m == jpegCOM || (jpegAPP0 <= m && m <= jpegAPPF):
	case m > jpegSOF2 && m <= 0xcf && m != jpegDHT && m != jpegJPG:
		return unsupported("jpeg: coding process 0x%02x (lossless, hierarchical or arithmetic)", m)
	default:
		return unsupported("jpeg: marker 0x%02x", m)
	}
	d.remaining = n
	d.step = jpegStepSkip
	if n == 0 {
		d.step = d.afterSkip()
	}
	return nil
}
