package imagecheck

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"

	"github.com/gabriel-vasile/mimetype"
)

// Media types the checker accepts.
const (
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
)

// sniffLen is how many leading bytes are collected before the type is decided (mimetype's default read limit).
const sniffLen = 3072

// Info describes an accepted image.
type Info struct {
	Type   string // TypeJPEG or TypePNG, decided by the bytes
	Ext    string // "jpg" or "png", without a dot
	Width  int
	Height int
	Size   int64  // bytes in the file
	SHA256 string // lowercase hex of the whole file
}

// structure is a streaming structural parser for one format.
type structure interface {
	write(p []byte) error
	finish() error
	dims() (w, h int, ok bool)
}

// Checker is an io.Writer that validates the bytes written to it. Tee an upload through it (io.MultiWriter with
// the checker first, so a refusal stops the copy) and call Finish when the stream ended. Write fails as soon as
// the stream is known to be bad: wrong type after the first 3 KiB, too many bytes, dimensions out of range once
// the header is seen, or broken structure. A Checker is not safe for concurrent use.
type Checker struct {
	limits     Limits
	n          int64
	sum        hash.Hash
	sniff      []byte
	mediaType  string
	parser     structure
	dimsPassed bool
	err        error
	finished   bool
	info       Info
}

// NewChecker returns a checker for one stream. Invalid limits are replaced by DefaultLimits (no panic on bad
// configuration; Limits.Validate is the place to refuse it at start-up).
func NewChecker(l Limits) *Checker {
	if l.Validate() != nil {
		l = DefaultLimits()
	}
	return &Checker{limits: l, sum: sha256.New()}
}

// Write checks p. It returns an error (sticky) as soon as the stream cannot be a valid image.
func (c *Checker) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if c.finished {
		c.err = corrupt("write after Finish")
		return 0, c.err
	}
	allowed := p
	if room := c.limits.MaxBytes - c.n; int64(len(p)) > room {
		allowed = p[:room]
	}
	if err := c.consume(allowed); err != nil {
		c.err = err
		return 0, err
	}
	if len(allowed) < len(p) {
		c.n += int64(len(p) - len(allowed))
		c.err = &TooLargeError{Limit: c.limits.MaxBytes}
		return len(allowed), c.err
	}
	return len(p), nil
}

func (c *Checker) consume(p []byte) error {
	if len(p) == 0 {
		return nil
	}
	c.n += int64(len(p))
	c.sum.Write(p)
	if c.parser == nil {
		need := sniffLen - len(c.sniff)
		if len(p) < need {
			c.sniff = append(c.sniff, p...)
			return c.decideEarly()
		}
		c.sniff = append(c.sniff, p[:need]...)
		p = p[need:]
		if err := c.decide(); err != nil {
			return err
		}
	}
	return c.feed(p)
}

// decideEarly starts parsing before the full sniff prefix arrived when the bytes already say JPEG or PNG (their
// magic numbers cannot turn into another type later), so a bomb's header is refused as soon as it is complete.
// Anything else waits for the full prefix, as mimetype may need it to name the type.
func (c *Checker) decideEarly() error {
	if len(c.sniff) < len(pngSignature) {
		return nil
	}
	if typ, _ := parserFor(mimetype.Detect(c.sniff)); typ == "" {
		return nil
	}
	return c.decide()
}

// decide sniffs the collected prefix and hands it to the format's parser.
func (c *Checker) decide() error {
	mt := mimetype.Detect(c.sniff)
	c.mediaType, c.parser = parserFor(mt)
	if c.parser == nil {
		return unsupported("detected %s", mt.String())
	}
	prefix := c.sniff
	c.sniff = nil
	return c.feed(prefix)
}

// parserFor walks from the detected type up to its parents (APNG is a PNG, for instance).
func parserFor(mt *mimetype.MIME) (string, structure) {
	for m := mt; m != nil; m = m.Parent() {
		if m.Is(TypeJPEG) {
			return TypeJPEG, newJPEGParser()
		}
		if m.Is(TypePNG) {
			return TypePNG, newPNGParser()
		}
	}
	return "", nil
}

func (c *Checker) feed(p []byte) error {
	if len(p) == 0 {
		return nil
	}
	if err := c.parser.write(p); err != nil {
		return err
	}
	return c.checkDims()
}

func (c *Checker) checkDims() error {
	if c.dimsPassed {
		return nil
	}
	w, h, ok := c.parser.dims()
	if !ok {
		return nil
	}
	if err := c.limits.checkDimensions(w, h); err != nil {
		return err
	}
	c.dimsPassed = true
	return nil
}

// Finish ends the stream and returns what was accepted, or the first error. It may be called more than once.
func (c *Checker) Finish() (Info, error) {
	if c.err != nil || c.finished {
		return c.info, c.err
	}
	c.finished = true
	c.err = c.finish()
	return c.info, c.err
}

func (c *Checker) finish() error {
	if c.n == 0 {
		return ErrEmpty
	}
	if c.parser == nil {
		if err := c.decide(); err != nil {
			return err
		}
	}
	if err := c.parser.finish(); err != nil {
		return err
	}
	if err := c.checkDims(); err != nil {
		return err
	}
	if !c.dimsPassed {
		return corrupt("no image header")
	}
	w, h, _ := c.parser.dims()
	ext := "png"
	if c.mediaType == TypeJPEG {
		ext = "jpg"
	}
	c.info = Info{Type: c.mediaType, Ext: ext, Width: w, Height: h, Size: c.n,
		SHA256: hex.EncodeToString(c.sum.Sum(nil))}
	return nil
}
