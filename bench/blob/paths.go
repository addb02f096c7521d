package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"slices"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/enxtai/kyc/internal/blob"
	"github.com/enxtai/kyc/internal/blob/envelope"
	"github.com/enxtai/kyc/internal/imagecheck"
)

type path struct {
	name string
	run  func(i int) error
}

type result struct {
	name         string
	median, mean float64
}

// measure runs the paths interleaved (A B C A B C ...) so load from other processes hits them alike.
func measure(paths []path, n, size int) ([]result, error) {
	rates := make([][]float64, len(paths))
	for i := -1; i < n; i++ { // i == -1 is a warm-up round
		for p, pt := range paths {
			start := time.Now()
			if err := pt.run(i); err != nil {
				return nil, fmt.Errorf("%s: %w", pt.name, err)
			}
			if i >= 0 {
				rates[p] = append(rates[p], float64(size)/1e6/time.Since(start).Seconds())
			}
		}
	}
	out := make([]result, len(paths))
	for p, r := range rates {
		slices.Sort(r)
		sum := 0.0
		for _, v := range r {
			sum += v
		}
		out[p] = result{name: paths[p].name, median: r[len(r)/2], mean: sum / float64(len(r))}
	}
	return out, nil
}

// directPut is the baseline: minio-go's PutObject of the plaintext bytes with default options.
func directPut(ctx context.Context, s *blob.S3Store, i int, img []byte) error {
	_, err := s.Client().PutObject(ctx, s.Bucket(), fmt.Sprintf("direct/%d.png", i), bytes.NewReader(img),
		int64(len(img)), minio.PutObjectOptions{ContentType: "application/octet-stream"})
	return err
}

// chunked hides bytes.Reader's WriterTo so copies go through a 64 KiB buffer, as stream chunks arrive.
type chunked struct{ r io.Reader }

func (c chunked) Read(p []byte) (int, error) { return c.r.Read(p) }

func vaultPut(ctx context.Context, v *blob.Vault, i int, img []byte, check bool) error {
	key := fmt.Sprintf("vault/%d.png", i)
	if !check {
		_, err := v.Put(ctx, key, chunked{bytes.NewReader(img)})
		return err
	}
	sp, err := v.NewSpool()
	if err != nil {
		return err
	}
	defer sp.Close()
	chk := imagecheck.NewChecker(imagecheck.DefaultLimits())
	if _, err := io.CopyBuffer(io.MultiWriter(chk, sp), chunked{bytes.NewReader(img)}, make([]byte, 64<<10)); err != nil {
		return err
	}
	if _, err := chk.Finish(); err != nil {
		return err
	}
	_, err = sp.Commit(ctx, key)
	return err
}

func newVault(s blob.Store) (*blob.Vault, error) {
	k := envelope.Key{ID: "bench"}
	if _, err := rand.Read(k.Secret[:]); err != nil {
		return nil, err
	}
	kr, err := envelope.NewKeyring(k)
	if err != nil {
		return nil, err
	}
	return blob.NewVault(s, kr, "")
}

// paddedPNG is a valid 640x480 PNG padded with an ancillary chunk of random bytes to exactly size bytes (random
// so nothing on the way can compress it).
func paddedPNG(size int) ([]byte, error) {
	img := image.NewNRGBA(image.Rect(0, 0, 640, 480))
	for y := 0; y < 480; y++ {
		for x := 0; x < 640; x++ {
			img.Set(x, y, color.NRGBA{R: uint8(x), G: uint8(y), B: uint8(x * y), A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	enc := b.Bytes()
	pad := size - len(enc) - 12
	if pad < 0 {
		return nil, fmt.Errorf("size %d smaller than the base image (%d)", size, len(enc))
	}
	data := make([]byte, pad)
	if _, err := rand.Read(data); err != nil {
		return nil, err
	}
	chunk := binary.BigEndian.AppendUint32(nil, uint32(pad))
	chunk = append(chunk, "raNd"...)
	chunk = append(chunk, data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.Update(crc32.ChecksumIEEE([]byte("raNd")), crc32.IEEETable, data))
	out := append(append(append([]byte{}, enc[:len(enc)-12]...), chunk...), enc[len(enc)-12:]...)
	if _, err := imagecheck.Check(bytes.NewReader(out), imagecheck.DefaultLimits()); err != nil {
		return nil, fmt.Errorf("bench image invalid: %w", err)
	}
	return out, nil
}

// putSized is the path for a declared size: sniff the head to name the object, then check, seal and put in one
// pass with the object's exact sealed size. With expected set it is the path for a guessed size instead
// (Vault.PutExpected: the same, teed into a spool file in case the guess was wrong); the guess is right here.
func putSized(ctx context.Context, v *blob.Vault, i int, img []byte, expected bool) error {
	br := bufio.NewReaderSize(chunked{bytes.NewReader(img)}, 64<<10)
	head, err := br.Peek(3072)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	_, ext, err := imagecheck.Sniff(head)
	if err != nil {
		return err
	}
	put := v.PutSized
	if expected {
		put = v.PutExpected
	}
	_, err = put(ctx, fmt.Sprintf("sized/%d.%s", i, ext), imagecheck.NewReader(br, imagecheck.DefaultLimits()),
		int64(len(img)))
	return err
}
