package ocr

import (
	"errors"
	"runtime"
	"time"
)

// Config sets up an Engine.
type Config struct {
	// Workers is the number of Tesseract clients, hence of recognitions that run
	// at once. Each holds its own model copy (~20-40 MB for eng).
	Workers int
	// Languages are Tesseract language codes joined with "+" (default eng;
	// "eng+hin" also reads the Hindi labels, at about twice the cost).
	Languages []string
	// TessdataPrefix is the directory holding *.traineddata; empty means
	// Tesseract's built-in default (Debian: /usr/share/tesseract-ocr/5/tessdata).
	TessdataPrefix string
	// Timeout bounds one Recognize call (waiting for a client included) when
	// the caller's context has no earlier deadline.
	Timeout time.Duration
	// MaxPixels rejects larger images before they reach Tesseract (decoded
	// size bombs); callers downscale first.
	MaxPixels int
}

// DefaultConfig: one client per core, English, 15 s per call, 40 MP images.
func DefaultConfig() Config {
	return Config{
		Workers:   runtime.NumCPU(),
		Languages: []string{"eng"},
		Timeout:   15 * time.Second,
		MaxPixels: 40_000_000,
	}
}

// Validate reports settings that cannot work.
func (c Config) Validate() error {
	var errs []error
	if c.Workers < 1 {
		errs = append(errs, errors.New("ocr: Workers must be at least 1"))
	}
	if len(c.Languages) == 0 {
		errs = append(errs, errors.New("ocr: at least one language is needed"))
	}
	if c.Timeout <= 0 {
		errs = append(errs, errors.New("ocr: Timeout must be positive"))
	}
	if c.MaxPixels < 1 {
		errs = append(errs, errors.New("ocr: MaxPixels must be positive"))
	}
	return errors.Join(errs...)
}
