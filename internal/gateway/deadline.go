package gateway

import (
	"io"
	"net/http"
	"time"
)

// deadlineBody is a request body that must keep arriving: by start + grace + read/minRate seconds, byte
// `read` must be in, or the connection's read times out. A client trickling bytes (slow loris) is cut off
// after the grace, while a 5 MB upload at minRate (8 KiB/s by default: a poor mobile link) completes. Each
// Read moves the connection's read deadline (http.ResponseController); where the connection does not support
// deadlines the body is read as it comes. Once the body has ended, net/http clears the deadline itself (its
// background read of a finished body), so a handler may then take as long as it needs.
type deadlineBody struct {
	io.ReadCloser
	rc      *http.ResponseController
	start   time.Time
	grace   time.Duration
	minRate int64
	read    int64
	ok      bool
}

func newDeadlineBody(w http.ResponseWriter, body io.ReadCloser, grace time.Duration, minRate int64) io.ReadCloser {
	if grace <= 0 || minRate <= 0 {
		return body
	}
	return &deadlineBody{ReadCloser: body, rc: http.NewResponseController(w), start: time.Now(), grace: grace,
		minRate: minRate, ok: true}
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	if b.ok {
		due := b.start.Add(b.grace + time.Duration(b.read)*time.Second/time.Duration(b.minRate))
		b.ok = b.rc.SetReadDeadline(due) == nil
	}
	n, err := b.ReadCloser.Read(p)
	b.read += int64(n)
	return n, err
}
