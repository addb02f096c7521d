package gateway

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"strings"
	"testing"
	"testing/iotest"
)

// TestPartHeaderLimit: a form passes unchanged, read whole or byte by byte, whatever its file holds; a part
// whose headers pass the limit fails the read before much more than the limit was read.
func TestPartHeaderLimit(t *testing.T) {
	form := func(fileHeader string, file []byte) ([]byte, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		_ = mw.WriteField("externalUserId", "user-1")
		h := map[string][]string{"Content-Disposition": {`form-data; name="file"; filename="pan.jpg"`}, "Content-Type": {"image/jpeg"}}
		if fileHeader != "" {
			h["X-Pad"] = []string{fileHeader}
		}
		w, _ := mw.CreatePart(h)
		_, _ = w.Write(file)
		_ = mw.Close()
		return b.Bytes(), mw.Boundary()
	}
	// A file full of CRLFs and lines that look like headers, which must not count as headers.
	tricky := bytes.Repeat([]byte("\r\n\r\nX: y\r\n--not-the-boundary\r\n"), 20000)
	for _, tc := range []struct {
		name   string
		header string
		file   []byte
		ok     bool
	}{
		{"a plain form", "", bytes.Repeat([]byte{0xFF}, 100_000), true},
		{"a file with CRLFs and header-like lines", "", tricky, true},
		{"headers just under the limit", strings.Repeat("a", maxPartHeader-200), []byte("x"), true},
		{"headers over the limit", strings.Repeat("a", maxPartHeader+1), []byte("x"), false},
		{"10 MiB of headers", strings.Repeat("a", 10<<20), []byte("x"), false},
	} {
		for _, oneByte := range []bool{false, true} {
			body, boundary := form(tc.header, tc.file)
			counted := &countReader{r: bytes.NewReader(body)}
			var r io.Reader = counted
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			got, err := io.ReadAll(newPartHeaderLimit(r, boundary, maxPartHeader))
			switch {
			case tc.ok && (err != nil || !bytes.Equal(got, body)):
				t.Errorf("%s (one byte=%v): %v, %d of %d bytes", tc.name, oneByte, err, len(got), len(body))
			case !tc.ok && !errors.Is(err, errPartHeader):
				t.Errorf("%s (one byte=%v): %v, want errPartHeader", tc.name, oneByte, err)
			case !tc.ok && counted.n > 2*maxPartHeader+64<<10:
				t.Errorf("%s: %d bytes read before the refusal", tc.name, counted.n)
			}
		}
	}
}

type countReader struct {
	r io.Reader
	n int
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
