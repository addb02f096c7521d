package gateway

import (
	"bytes"
	"mime/multipart"
	"strings"
	"testing"
)

func TestExpectedFileSize(t *testing.T) {
	file := bytes.Repeat([]byte{0xFF, 0xD8, 'x'}, 5000)
	form := func(fieldsAfter bool) ([]byte, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		_ = mw.WriteField("externalUserId", "user-123")
		w, _ := mw.CreateFormFile("file", "pan.jpg")
		_, _ = w.Write(file)
		if fieldsAfter {
			_ = mw.WriteField("note", "after the file")
		}
		_ = mw.Close()
		return b.Bytes(), mw.Boundary()
	}
	std, boundary := form(false)
	after, boundary2 := form(true)
	noCRLF := bytes.TrimSuffix(std, []byte("\r\n"))
	for _, tc := range []struct {
		name     string
		body     []byte
		length   int64
		boundary string
		want     int64
	}{
		{"as curl, browsers and the guide's clients send it", std, int64(len(std)), boundary, int64(len(file))},
		{"no CRLF after the closing delimiter: off by two", noCRLF, int64(len(noCRLF)), boundary, int64(len(file)) - 2},
		{"a field after the file: too long", after, int64(len(after)), boundary2, int64(len(file)) + int64(len(after)-len(std))},
		{"unknown length", std, -1, boundary, 0},
		{"no file part in the first bytes", []byte(strings.Repeat("x", 100)), 100, boundary, 0},
		{"headers cut off", std[:bytes.Index(std, []byte(`name="file"`))+20], int64(len(std)), boundary, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			head := tc.body[:min(len(tc.body), peekSize)]
			if got := expectedFileSize(head, tc.length, tc.boundary); got != tc.want {
				t.Fatalf("expected %d, want %d", got, tc.want)
			}
		})
	}
}
