package main

import (
	"fmt"
	"image"
	_ "image/jpeg" // test photos
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// photo is one test picture with the identity its file name gives (names with and without a digit suffix are
// one person: bona.jpg, bona2.jpg).
type photo struct {
	name     string
	identity string
	img      image.Image
}

// groupPhotos are not portraits of one person (pristin.jpg shows 10 faces); they only serve the
// multi-face check.
var groupPhotos = map[string]bool{"pristin.jpg": true}

func loadPhotos(dir string) ([]photo, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.jpg"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []photo
	for _, path := range names {
		base := filepath.Base(path)
		if groupPhotos[base] {
			continue
		}
		img, err := decode(path)
		if err != nil {
			return nil, err
		}
		out = append(out, photo{name: base, identity: identityOf(base), img: img})
	}
	if len(out) < 2 {
		return nil, fmt.Errorf("only %d photos in %s", len(out), dir)
	}
	return out, nil
}

func identityOf(file string) string {
	return strings.TrimRight(strings.TrimSuffix(file, filepath.Ext(file)), "0123456789")
}

func decode(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	return img, nil
}
