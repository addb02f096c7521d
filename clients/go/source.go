package kyc

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// Source is a document's bytes: a file, a byte slice or a reader. Files, byte slices and seekable readers can
// be read again, so a failed upload of them may be retried; a plain reader, once read from, cannot.
type Source struct {
	name   string
	open   func() (io.ReadCloser, int64, error) // each call starts again from the beginning; size -1: unknown
	replay bool
}

// File is the file at path, opened afresh for each attempt.
func File(path string) Source {
	return Source{name: filepath.Base(path), replay: true,
		open: func() (io.ReadCloser, int64, error) {
			f, err := os.Open(path)
			if err != nil {
				return nil, 0, err
			}
			size := int64(-1)
			if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
				size = st.Size()
			}
			return f, size, nil
		}}
}

// Bytes is an in-memory document; name (optional) is the file name sent as information.
func Bytes(b []byte, name string) Source {
	return Source{name: name, replay: true,
		open: func() (io.ReadCloser, int64, error) { return io.NopCloser(bytes.NewReader(b)), int64(len(b)), nil }}
}

// Reader streams r. When r is an io.Seeker, a retry seeks back to where r stood at the first attempt (and the
// size is known in advance); otherwise the upload is retried only if it failed before anything was read from r.
// The caller closes r.
func Reader(r io.Reader, name string) Source {
	s := Source{name: name}
	if sk, ok := r.(io.Seeker); ok {
		if start, err := sk.Seek(0, io.SeekCurrent); err == nil {
			s.replay = true
			first := true
			s.open = func() (io.ReadCloser, int64, error) {
				if !first {
					if _, err := sk.Seek(start, io.SeekStart); err != nil {
						return nil, 0, err
					}
				}
				first = false
				size := int64(-1)
				if end, err := sk.Seek(0, io.SeekEnd); err == nil {
					if _, err := sk.Seek(start, io.SeekStart); err != nil {
						return nil, 0, err
					}
					size = end - start
				}
				return io.NopCloser(r), size, nil
			}
			return s
		}
	}
	s.open = func() (io.ReadCloser, int64, error) { return io.NopCloser(r), -1, nil }
	return s
}

var errNoSource = errors.New("kyc: empty Source: use File, Bytes or Reader")

// countingReader counts bytes taken from a source, to know whether a plain reader was consumed.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// sniffType names the content type by the first bytes (informational: the server decides by the bytes too).
func sniffType(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg"
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	}
	return "application/octet-stream"
}
