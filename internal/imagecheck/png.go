package imagecheck

import (
	"encoding/binary"
	"hash/crc32"
)

var pngSignature = [8]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}

// pngStage follows image/png's chunk ordering rules, so whatever passes here also passes the standard decoder's
// header checks.
type pngStage int

const (
	pngStart pngStage = iota
	pngSeenIHDR
	pngSeenPLTE
	pngSeenTRNS
	pngSeenIDAT
	pngSeenIEND
)

type pngStep int

const (
	pngStepSignature pngStep = iota
	pngStepChunkHeader
	pngStepChunkData
	pngStepChunkCRC
	pngStepTrailer
)

// pngParser walks the chunk structure: every chunk's length, type and CRC, IHDR first, IDAT present, IEND last.
// It keeps only IHDR's 13 bytes; chunk data is hashed for the CRC and dropped.
type pngParser struct {
	step      pngStep
	stage     pngStage
	acc       fieldBuf
	chunkType string
	remaining uint32
	crc       uint32
	ihdr      [13]byte
	ihdrN     int
	width     int
	height    int
	depth     int
	color     byte
}

func newPNGParser() *pngParser { return &pngParser{} }

func (d *pngParser) dims() (int, int, bool) { return d.width, d.height, d.stage >= pngSeenIHDR }

func (d *pngParser) finish() error {
	switch {
	case d.stage == pngSeenIEND:
		return nil
	case d.stage < pngSeenIDAT:
		return corrupt("png: truncated before image data")
	default:
		return corrupt("png: truncated, no IEND chunk")
	}
}

func (d *pngParser) write(p []byte) error {
	for len(p) > 0 {
		var err error
		switch d.step {
		case pngStepSignature:
			var field []byte
			if field, p = d.acc.fill(p, 8); field != nil {
				if [8]byte(field) != pngSignature {
					return corrupt("png: bad signature")
				}
				d.step = pngStepChunkHeader
			}
		case pngStepChunkHeader:
			var field []byte
			if field, p = d.acc.fill(p, 8); field != nil {
				err = d.startChunk(binary.BigEndian.Uint32(field[:4]), field[4:8])
			}
		case pngStepChunkData:
			n := min(uint32(len(p)), d.remaining)
			d.crc = crc32.Update(d.crc, crc32.IEEETable, p[:n])
			if d.chunkType == "IHDR" {
				d.ihdrN += copy(d.ihdr[d.ihdrN:], p[:n])
			}
			d.remaining -= n
			p = p[n:]
			if d.remaining == 0 {
				d.step = pngStepChunkCRC
			}
		case pngStepChunkCRC:
			var field []byte
			if field, p = d.acc.fill(p, 4); field != nil {
				err = d.endChunk(binary.BigEndian.Uint32(field))
			}
		case pngStepTrailer:
			// Bytes after IEND are ignored by every decoder; they are counted and hashed by the Checker.
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (d *pngParser) startChunk(length uint32, typ []byte) error {
	if length > 0x7fffffff {
		return corrupt("png: chunk length %d", length)
	}
	for _, b := range typ {
		if !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z') {
			return corrupt("png: bad chunk type %q", typ)
		}
	}
	d.chunkType = string(typ)
	if err := d.order(length); err != nil {
		return err
	}
	d.crc = crc32.Update(0, crc32.IEEETable, typ)
	d.remaining = length
	d.step = pngStepChunkData
	if length == 0 {
		d.step = pngStepChunkCRC
	}
	return nil
}

// order applies image/png's ordering and length rules to the chunk that starts now.
func (d *pngParser) order(length uint32) error {
	if d.stage == pngStart && d.chunkType != "IHDR" {
		return corrupt("png: first chunk is %s, not IHDR", d.chunkType)
	}
	paletted := d.color == 3
	switch d.chunkType {
	case "IHDR":
		if d.stage != pngStart || length != 13 {
			return corrupt("png: misplaced or bad IHDR")
		}
	case "PLTE":
		n := length / 3
		if d.stage != pngSeenIHDR || length%3 != 0 || n == 0 || n > 256 || n > 1<<d.depth {
			return corrupt("png: misplaced or bad PLTE")
		}
		if d.color != 3 && d.color != 2 && d.color != 6 {
			return corrupt("png: PLTE with color type %d", d.color)
		}
		d.stage = pngSeenPLTE
	case "tRNS":
		if err := d.checkTRNS(length); err != nil {
			return err
		}
		d.stage = pngSeenTRNS
	case "IDAT":
		if d.stage < pngSeenIHDR || (paletted && d.stage == pngSeenIHDR) {
			return corrupt("png: IDAT before required chunks")
		}
		d.stage = max(d.stage, pngSeenIDAT)
	case "IEND":
		if d.stage != pngSeenIDAT || length != 0 {
			return corrupt("png: misplaced or bad IEND")
		}
	}
	return nil
}

func (d *pngParser) checkTRNS(length uint32) error {
	ok := false
	switch d.color {
	case 0: // grayscale
		ok = d.stage == pngSeenIHDR && length == 2
	case 2: // truecolor
		ok = (d.stage == pngSeenIHDR || d.stage == pngSeenPLTE) && length == 6
	case 3: // paletted
		ok = d.stage == pngSeenPLTE && length <= 256
	}
	if !ok {
		return corrupt("png: misplaced or bad tRNS")
	}
	return nil
}

func (d *pngParser) endChunk(sum uint32) error {
	if sum != d.crc {
		return corrupt("png: %s chunk CRC mismatch", d.chunkType)
	}
	d.step = pngStepChunkHeader
	switch d.chunkType {
	case "IHDR":
		return d.parseIHDR()
	case "IEND":
		d.stage = pngSeenIEND
		d.step = pngStepTrailer
	}
	return nil
}

// validPNGDepths lists the bit depths each color type allows (PNG spec table 11.1).
var validPNGDepths = map[byte][]int{0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}

func (d *pngParser) parseIHDR() error {
	h := d.ihdr
	w := int32(binary.BigEndian.Uint32(h[0:4]))
	ht := int32(binary.BigEndian.Uint32(h[4:8]))
	if w <= 0 || ht <= 0 {
		return corrupt("png: non-positive dimension")
	}
	if h[10] != 0 || h[11] != 0 || h[12] > 1 {
		return corrupt("png: bad compression, filter or interlace method")
	}
	depth, color := int(h[8]), h[9]
	valid := false
	for _, v := range validPNGDepths[color] {
		valid = valid || v == depth
	}
	if !valid {
		return corrupt("png: bit depth %d with color type %d", depth, color)
	}
	d.width, d.height, d.depth, d.color = int(w), int(ht), depth, color
	d.stage = pngSeenIHDR
	return nil
}
