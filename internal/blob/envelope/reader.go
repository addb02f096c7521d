package envelope

import (
	"crypto/cipher"
	"errors"
	"fmt"
	"io"
)

// Reader opens a sealed object as a plaintext stream. It holds one segment in memory and returns plaintext only
// after the segment's tag verified; a stream that ends early, has segments reordered or changed, or was sealed for
// other associated data fails with ErrTampered. Plaintext returned before such an error belongs to verified
// segments, but the object as a whole must be treated as bad.
type Reader struct {
	r          io.Reader
	aead       cipher.AEAD
	prefix     [prefixSize]byte
	segment    int
	headerSize int
	buf        []byte // one sealed segment plus one byte of look-ahead
	carry      byte   // the look-ahead byte of the next segment, when hasCarry
	hasCarry   bool
	plain      []byte // verified plaintext not yet returned
	counter    uint32
	finished   bool
	err        error
}

// NewReader reads the header from r and unwraps the data key; the segments are read on demand.
func NewReader(r io.Reader, kr *Keyring, aad []byte) (*Reader, error) {
	if kr == nil {
		return nil, errors.New("envelope: no keyring")
	}
	h, err := readHeader(r)
	if err != nil {
		return nil, err
	}
	dataKey, err := kr.unwrap(h, aad)
	if err != nil {
		return nil, err
	}
	aead, err := newGCM(dataKey)
	clear(dataKey)
	if err != nil {
		return nil, err
	}
	return &Reader{r: r, aead: aead, prefix: h.prefix, segment: h.segmentSize, headerSize: h.size(),
		buf: make([]byte, h.segmentSize+tagSize+1)}, nil
}

// Read implements io.Reader.
func (rd *Reader) Read(p []byte) (int, error) {
	for len(rd.plain) == 0 {
		if rd.err != nil {
			return 0, rd.err
		}
		if rd.finished {
			return 0, io.EOF
		}
		rd.err = rd.next()
	}
	n := copy(p, rd.plain)
	rd.plain = rd.plain[n:]
	return n, nil
}

// next reads and opens one segment. It reads one byte past a full segment to know whether this one is the last.
func (rd *Reader) next() error {
	start := 0
	if rd.hasCarry {
		rd.buf[0], start, rd.hasCarry = rd.carry, 1, false
	}
	n, err := io.ReadFull(rd.r, rd.buf[start:])
	total := start + n
	last := false
	switch {
	case err == nil:
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		last = true
	default:
		return fmt.Errorf("envelope: reading segment %d: %w", rd.counter, err)
	}
	sealed := rd.buf[:total]
	if !last {
		sealed = rd.buf[:total-1]
	}
	if len(sealed) < tagSize {
		return fmt.Errorf("%w: segment %d cut short", ErrTampered, rd.counter)
	}
	var nonce [12]byte
	segmentNonce(&nonce, rd.prefix, rd.counter, last)
	plain, oerr := rd.aead.Open(sealed[:0], nonce[:], sealed, nil)
	if oerr != nil {
		return fmt.Errorf("%w: segment %d does not authenticate", ErrTampered, rd.counter)
	}
	if !last {
		rd.carry, rd.hasCarry = rd.buf[total-1], true
	}
	rd.plain = plain
	rd.counter++
	rd.finished = last
	return nil
}

// SegmentSize is the object's plaintext segment size, from its header.
func (rd *Reader) SegmentSize() int { return rd.segment }

// PlainSize converts the size of the whole sealed object (header included) into its plaintext size, given the
// header this reader parsed; it fails for a size no writer could have produced.
func (rd *Reader) PlainSize(sealed int64) (int64, error) {
	body := sealed - int64(rd.headerSize)
	full := int64(rd.segment + tagSize)
	segments := (body + full - 1) / full
	last := body - (segments-1)*full
	plain := body - segments*tagSize
	if body < tagSize || last < tagSize || (last == tagSize && segments > 1) {
		return 0, fmt.Errorf("%w: sealed size %d impossible", ErrTampered, sealed)
	}
	return plain, nil
}
