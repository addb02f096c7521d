package api

import (
	"errors"
	"io"
)

// ChunkSize is the largest chunk of a document stream, in either direction (uploads, admin downloads): the
// protocol's maximum, 64 KiB.
const ChunkSize = 64 << 10

// SendChunks reads r to its end and hands it to send in chunks of ChunkSize, holding one chunk at a time (send
// must not keep the slice). A failure of send is returned as it is; a failure to read r is returned through
// readErr (as it is when readErr is nil), so a stream cut short never looks complete.
func SendChunks(r io.Reader, send func(chunk []byte) error, readErr func(error) error) error {
	buf := make([]byte, ChunkSize)
	for {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			if serr := send(buf[:n]); serr != nil {
				return serr
			}
		}
		switch {
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			return nil
		case err != nil && readErr != nil:
			return readErr(err)
		case err != nil:
			return err
		}
	}
}
