package imagecheck

import "github.com/gabriel-vasile/mimetype"

// Sniff names the type of an upload from its first bytes (give it up to 3 KiB, fewer only if the file is that
// short) without checking anything else: for callers that must choose an object key (with its extension) before
// streaming the rest through a Reader. The Reader still decides; Sniff only lets the key be chosen early.
func Sniff(prefix []byte) (mediaType, ext string, err error) {
	if len(prefix) == 0 {
		return "", "", ErrEmpty
	}
	if len(prefix) > sniffLen {
		prefix = prefix[:sniffLen]
	}
	mt := mimetype.Detect(prefix)
	switch typ, _ := parserFor(mt); typ {
	case TypeJPEG:
		return TypeJPEG, "jpg", nil
	case TypePNG:
		return TypePNG, "png", nil
	}
	return "", "", unsupported("detected %s", mt.String())
}

// MediaType is the type decided so far ("" until enough bytes arrived).
func (c *Checker) MediaType() string { return c.mediaType }
