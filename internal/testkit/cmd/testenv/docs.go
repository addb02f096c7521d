package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/enxtai/kyc/internal/testkit/images"
	"github.com/enxtai/kyc/internal/testkit/kycdocs"
)

// BigFileSize is the size of big.jpg: the "5 MB upload", under the server's 5 MiB limit.
const BigFileSize = 5_000_000

// writeDocs writes the session's four documents and big.jpg into dir. The cards and selfie are one synthetic
// person with a real face when ../shared/testdata/faces is there; without it, noise JPEGs of valid sizes
// stand in (the pipeline then decides PENDING_REVIEW, which is still a decision).
func writeDocs(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if _, err := kycdocs.Write(dir, 1, "jimin.jpg", "jimin2.jpg"); err != nil {
		fmt.Fprintf(os.Stderr, "testenv: no face photos (%v); writing noise documents\n", err)
		for i, name := range []string{"pan.jpg", "aadhaar-front.jpg", "aadhaar-back.jpg", "live-photo.jpg"} {
			if err := os.WriteFile(filepath.Join(dir, name), images.JPEG(800, 600, 85, uint64(i+1)), 0o644); err != nil {
				return "", err
			}
		}
	}
	return dir, os.WriteFile(filepath.Join(dir, "big.jpg"), images.JPEGOfSize(BigFileSize), 0o644)
}
