package gateway

import (
	"bytes"
	"errors"
	"io"
)

// maxPartHeader bounds the headers of one part of an upload's form. mime/multipart reads a part's headers
// whole, up to 10 MiB, and offers no smaller limit: measured, 20 uploads with 10 MiB part headers took the
// server from 67 to 184 MB. A browser's or curl's part headers are a few hundred bytes.
const maxPartHeader = 16 << 10

// errPartHeader is the read error of a form whose part headers pass maxPartHeader.
var errPartHeader = errors.New("multipart part headers too large")

// partHeaderLimit passes a form through, failing the read as soon as the headers of one part (from a boundary
// delimiter to the blank line after it) pass max bytes. It sees the delimiters the multipart reader will see:
// "--boundary" at the start, "\r\n--boundary" after.
type partHeaderLimit struct {
	r        io.Reader
	delim    []byte
	max      int
	inHeader bool
	header   int    // bytes of the current part's headers so far
	carry    []byte // the last bytes already seen, so a delimiter or blank line split between reads is found
	buf      []byte // carry + the fresh bytes, reused from read to read
}

func newPartHeaderLimit(r io.Reader, boundary string, max int) *partHeaderLimit {
	return &partHeaderLimit{r: r, delim: []byte("\r\n--" + boundary), max: max, carry: []byte("\r\n")}
}

var blankLine = []byte("\r\n\r\n")

func (l *partHeaderLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if n > 0 && l.scan(p[:n]) {
		return 0, errPartHeader
	}
	return n, err
}

// scan follows the parts through data; it reports whether a part's headers passed the limit. A match counts
// only when it ends in the new bytes (one ending in the carry was counted by the previous scan).
func (l *partHeaderLimit) scan(fresh []byte) bool {
	l.buf = append(append(l.buf[:0], l.carry...), fresh...)
	data := l.buf
	old := len(l.carry)
	pos := 0
	for {
		if !l.inHeader {
			i := indexAfter(data, pos, l.delim, old)
			if i < 0 {
				break
			}
			l.inHeader, l.header, pos = true, 0, i+len(l.delim)
			continue
		}
		j := indexAfter(data, pos, blankLine, old)
		end := len(data)
		if j >= 0 {
			end = j + len(blankLine)
		}
		l.header += end - max(pos, old)
		if l.header > l.max {
			return true
		}
		if j < 0 {
			break
		}
		l.inHeader, pos = false, end
	}
	keep := min(len(data), len(l.delim)+len(blankLine))
	l.carry = append(l.carry[:0], data[len(data)-keep:]...)
	return false
}

// indexAfter finds sep in data at or after from, ending after index old.
func indexAfter(data []byte, from int, sep []byte, old int) int {
	for from <= len(data)-len(sep) {
		i := bytes.Index(data[from:], sep)
		if i < 0 {
			return -1
		}
		if from+i+len(sep) > old {
			return from + i
		}
		from += i + 1
	}
	return -1
}
