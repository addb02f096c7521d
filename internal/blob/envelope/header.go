package envelope

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

const (
	magic          = "KYCE"
	version        = 1
	prefixSize     = 7
	wrapNonceSize  = 12
	tagSize        = 16
	wrappedKeySize = KeySize + tagSize
	// fixedHeader is the header without the key id.
	fixedHeader = len(magic) + 1 + 4 + prefixSize + 1 + wrapNonceSize + wrappedKeySize
	// DefaultSegmentSize is the plaintext per sealed segment.
	DefaultSegmentSize = 64 << 10
	maxSegmentSize     = 1 << 20
)

// ErrTampered: the sealed bytes were changed, cut short, reordered, or belong to other associated data.
var ErrTampered = errors.New("envelope: sealed object tampered, truncated or opened with wrong associated data")

// header is what precedes the segments.
type header struct {
	segmentSize int
	prefix      [prefixSize]byte
	keyID       string
	wrapNonce   [wrapNonceSize]byte
	wrappedKey  [wrappedKeySize]byte
}

func (h *header) size() int { return fixedHeader + len(h.keyID) }

// authenticated is the part of the header bound into the data key's wrapping, followed by the caller's data.
func (h *header) authenticated(aad []byte) []byte {
	b := make([]byte, 0, fixedHeader+len(h.keyID)+len(aad))
	b = append(b, magic...)
	b = append(b, version)
	b = binary.BigEndian.AppendUint32(b, uint32(h.segmentSize))
	b = append(b, h.prefix[:]...)
	b = append(b, byte(len(h.keyID)))
	b = append(b, h.keyID...)
	return append(b, aad...)
}

func (h *header) marshal() []byte {
	b := h.authenticated(nil)
	b = append(b, h.wrapNonce[:]...)
	return append(b, h.wrappedKey[:]...)
}

// readHeader parses a header from r without trusting it: nothing is allocated from its fields beyond 255 bytes.
func readHeader(r io.Reader) (*header, error) {
	var fixed [len(magic) + 1 + 4 + prefixSize + 1]byte
	if _, err := io.ReadFull(r, fixed[:]); err != nil {
		return nil, fmt.Errorf("%w: reading header: %v", ErrTampered, err)
	}
	if string(fixed[:4]) != magic || fixed[4] != version {
		return nil, fmt.Errorf("%w: not a sealed object (version %d)", ErrTampered, fixed[4])
	}
	h := &header{segmentSize: int(binary.BigEndian.Uint32(fixed[5:9]))}
	copy(h.prefix[:], fixed[9:16])
	if h.segmentSize < 1 || h.segmentSize > maxSegmentSize {
		return nil, fmt.Errorf("%w: segment size %d", ErrTampered, h.segmentSize)
	}
	rest := make([]byte, int(fixed[16])+wrapNonceSize+wrappedKeySize)
	if _, err := io.ReadFull(r, rest); err != nil {
		return nil, fmt.Errorf("%w: reading header: %v", ErrTampered, err)
	}
	n := int(fixed[16])
	h.keyID = string(rest[:n])
	copy(h.wrapNonce[:], rest[n:n+wrapNonceSize])
	copy(h.wrappedKey[:], rest[n+wrapNonceSize:])
	return h, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("envelope: %w", err)
	}
	return cipher.NewGCM(block)
}

// wrap seals dataKey under the keyring's active key.
func (kr *Keyring) wrap(h *header, dataKey []byte, aad []byte) error {
	master := kr.keys[kr.active]
	h.keyID = kr.active
	if _, err := rand.Read(h.wrapNonce[:]); err != nil {
		return fmt.Errorf("envelope: random nonce: %w", err)
	}
	aead, err := newGCM(master[:])
	if err != nil {
		return err
	}
	aead.Seal(h.wrappedKey[:0], h.wrapNonce[:], dataKey, h.authenticated(aad))
	return nil
}

// unwrap opens the data key with the master key named in the header.
func (kr *Keyring) unwrap(h *header, aad []byte) ([]byte, error) {
	master, ok := kr.keys[h.keyID]
	if !ok {
		return nil, fmt.Errorf("%w: id %q", ErrUnknownKey, h.keyID)
	}
	aead, err := newGCM(master[:])
	if err != nil {
		return nil, err
	}
	dataKey, err := aead.Open(nil, h.wrapNonce[:], h.wrappedKey[:], h.authenticated(aad))
	if err != nil {
		return nil, fmt.Errorf("%w: data key does not open", ErrTampered)
	}
	return dataKey, nil
}

// segmentNonce is prefix || counter || last flag (12 bytes, GCM's standard nonce size).
func segmentNonce(dst *[12]byte, prefix [prefixSize]byte, counter uint32, last bool) {
	copy(dst[:prefixSize], prefix[:])
	binary.BigEndian.PutUint32(dst[prefixSize:], counter)
	dst[11] = 0
	if last {
		dst[11] = 1
	}
}

// SealedSize is the exact size of a sealed object holding plain bytes, for the keyring's active key and the
// given segment size (0 = DefaultSegmentSize).
func (kr *Keyring) SealedSize(plain int64, segmentSize int) int64 {
	if segmentSize <= 0 {
		segmentSize = DefaultSegmentSize
	}
	segments := max(1, (plain+int64(segmentSize)-1)/int64(segmentSize))
	return int64(fixedHeader+len(kr.active)) + plain + segments*tagSize
}
