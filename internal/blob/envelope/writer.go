package envelope

import (
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math"
)

var errClosed = errors.New("envelope: writer closed")

// Writer seals a plaintext stream into w, one segment at a time; it holds one segment (64 KiB) in memory. Close
// seals the final segment; without Close the output is a truncated object that will not open.
type Writer struct {
	w       io.Writer
	kr      *Keyring
	aead    cipher.AEAD
	h       header
	dataKey []byte
	buf     []byte // plaintext of the current segment; capacity for its tag so sealing happens in place
	counter uint32
	plain   int64
	closed  bool
	err     error
}

// NewWriter writes the header to w and returns a writer for the plaintext. aad (typically the object's storage
// key) must be given again to open the object.
func NewWriter(w io.Writer, kr *Keyring, aad []byte) (*Writer, error) {
	sw, err := NewDetachedWriter(w, kr)
	if err != nil {
		return nil, err
	}
	hdr, err := sw.Header(aad)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(hdr); err != nil {
		return nil, fmt.Errorf("envelope: writing header: %w", err)
	}
	return sw, nil
}

// NewDetachedWriter writes only the segments to w; the header (HeaderSize bytes) is produced later by Header, once
// the associated data is known, and must be placed before the segments. This lets a spool reserve the header's
// space, stream the segments, and name the object only when the upload has been checked.
func NewDetachedWriter(w io.Writer, kr *Keyring) (*Writer, error) {
	if kr == nil || len(kr.keys) == 0 {
		return nil, errors.New("envelope: no keyring")
	}
	sw := &Writer{w: w, kr: kr, dataKey: make([]byte, KeySize), buf: make([]byte, 0, DefaultSegmentSize+tagSize)}
	sw.h.segmentSize = DefaultSegmentSize
	sw.h.keyID = kr.active
	if _, err := rand.Read(sw.dataKey); err != nil {
		return nil, fmt.Errorf("envelope: random data key: %w", err)
	}
	if _, err := rand.Read(sw.h.prefix[:]); err != nil {
		return nil, fmt.Errorf("envelope: random nonce prefix: %w", err)
	}
	aead, err := newGCM(sw.dataKey)
	if err != nil {
		return nil, err
	}
	sw.aead = aead
	return sw, nil
}

// HeaderSize is the length of the header that Header returns.
func (sw *Writer) HeaderSize() int { return sw.h.size() }

// Header wraps the data key for aad and returns the header bytes. It can be called once; the raw data key is
// wiped afterwards.
func (sw *Writer) Header(aad []byte) ([]byte, error) {
	if sw.dataKey == nil {
		return nil, errors.New("envelope: header already produced")
	}
	if err := sw.kr.wrap(&sw.h, sw.dataKey, aad); err != nil {
		return nil, err
	}
	clear(sw.dataKey)
	sw.dataKey = nil
	return sw.h.marshal(), nil
}

// Write buffers p and seals every full segment except the last one seen so far (which may turn out final).
func (sw *Writer) Write(p []byte) (int, error) {
	if sw.err != nil {
		return 0, sw.err
	}
	if sw.closed {
		return 0, errClosed
	}
	done := 0
	for len(p) > 0 {
		if len(sw.buf) == sw.h.segmentSize {
			if err := sw.seal(false); err != nil {
				return done, err
			}
		}
		n := copy(sw.buf[len(sw.buf):sw.h.segmentSize], p)
		sw.buf = sw.buf[:len(sw.buf)+n]
		p = p[n:]
		done += n
		sw.plain += int64(n)
	}
	return done, nil
}

// Close seals the final segment. It does not close the underlying writer.
func (sw *Writer) Close() error {
	if sw.err != nil {
		return sw.err
	}
	if sw.closed {
		return nil
	}
	sw.closed = true
	return sw.seal(true)
}

// Plaintext reports how many plaintext bytes were written.
func (sw *Writer) Plaintext() int64 { return sw.plain }

func (sw *Writer) seal(last bool) error {
	if sw.counter == math.MaxUint32 {
		sw.err = errors.New("envelope: object too large")
		return sw.err
	}
	var nonce [12]byte
	segmentNonce(&nonce, sw.h.prefix, sw.counter, last)
	out := sw.aead.Seal(sw.buf[:0], nonce[:], sw.buf, nil)
	if _, err := sw.w.Write(out); err != nil {
		sw.err = fmt.Errorf("envelope: writing segment %d: %w", sw.counter, err)
		return sw.err
	}
	sw.counter++
	sw.buf = sw.buf[:0]
	return nil
}
