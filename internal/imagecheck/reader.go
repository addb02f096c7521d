package imagecheck

import (
	"errors"
	"io"
)

// Reader passes a stream through a Checker. It never asks the source for more than Limits.MaxBytes+1 bytes in
// total, so an oversized body is refused after that many bytes whatever its real length. Read returns the check's
// error as soon as it is known, and io.EOF only when the stream ended and the image was accepted: a consumer that
// copies to the end (io.Copy into a spool) therefore fails exactly when the image is bad.
type Reader struct {
	src      io.Reader
	check    *Checker
	maxTotal int64
	read     int64
	err      error
}

// NewReader wraps src. Call Info after Read returned io.EOF.
func NewReader(src io.Reader, l Limits) *Reader {
	c := NewChecker(l)
	return &Reader{src: src, check: c, maxTotal: c.limits.MaxBytes + 1}
}

// Read implements io.Reader.
func (r *Reader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	if room := r.maxTotal - r.read; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := r.src.Read(p)
	r.read += int64(n)
	if n > 0 {
		if _, werr := r.check.Write(p[:n]); werr != nil {
			r.err = werr
			return 0, werr
		}
	}
	switch {
	case err == nil:
		return n, nil
	case errors.Is(err, io.EOF):
		if _, ferr := r.check.Finish(); ferr != nil {
			r.err = ferr
			return n, ferr
		}
		r.err = io.EOF
		return n, io.EOF
	default:
		r.err = err
		return n, err
	}
}

// Info returns what was accepted once the stream was read to its end, or the error that stopped it.
func (r *Reader) Info() (Info, error) {
	if errors.Is(r.err, io.EOF) {
		return r.check.Finish()
	}
	if r.err != nil {
		return Info{}, r.err
	}
	return Info{}, errors.New("imagecheck: stream not read to the end")
}

// Check reads src to its end (or to the first refusal) and returns what it holds. Convenience for callers that do
// not need the bytes; at most Limits.MaxBytes+1 bytes are read.
func Check(src io.Reader, l Limits) (Info, error) {
	r := NewReader(src, l)
	if _, err := io.Copy(io.Discard, r); err != nil {
		return Info{}, err
	}
	return r.Info()
}
