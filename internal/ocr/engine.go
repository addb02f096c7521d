package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/otiai10/gosseract/v2"
)

// SegMode is Tesseract's page segmentation mode.
type SegMode int

// The modes the card reader uses.
const (
	SegAuto   SegMode = SegMode(gosseract.PSM_AUTO)          // 3: layout analysis, columns and blocks
	SegColumn SegMode = SegMode(gosseract.PSM_SINGLE_COLUMN) // 4: one column of lines of varying size
	SegBlock  SegMode = SegMode(gosseract.PSM_SINGLE_BLOCK)  // 6: one uniform block of text
	SegLine   SegMode = SegMode(gosseract.PSM_SINGLE_LINE)   // 7: one line (a cropped field)
	SegSparse SegMode = SegMode(gosseract.PSM_SPARSE_TEXT)   // 11: scattered text, no order assumed
)

// Pass says how to recognise one image.
type Pass struct {
	Mode SegMode
	// Whitelist limits the characters Tesseract may output ("" = all), e.g.
	// digits and space for a number line.
	Whitelist string
	// Threshold is how Tesseract binarises the image (the zero value: its
	// global Otsu threshold).
	Threshold Threshold
}

// Threshold is Tesseract's thresholding_method.
type Threshold int

// The binarisations Tesseract 5 offers.
const (
	// ThresholdOtsu: one threshold for the whole image (Tesseract's default).
	ThresholdOtsu Threshold = 0
	// ThresholdSauvola: a threshold per neighbourhood. Text faded by glare
	// (grey 150 on 240) falls under the global threshold set by the card's
	// dark print and vanishes from the layout; a local threshold keeps it.
	ThresholdSauvola Threshold = 2
)

// Errors callers can test for.
var (
	ErrClosed   = errors.New("ocr: engine closed")
	ErrTooLarge = errors.New("ocr: image too large")
)

// minSide: Tesseract refuses (and gosseract then crashes on) images this small.
const minSide = 16

// Engine is a bounded pool of Tesseract clients. A gosseract client is not
// safe for concurrent use, so each call borrows one; Close frees them all.
type Engine struct {
	cfg     Config
	clients chan *gosseract.Client

	mu       sync.RWMutex // guards closed against Close while a call starts
	closed   bool
	inflight sync.WaitGroup
}

// New starts cfg.Workers clients and runs a tiny recognition on each, so a
// missing language pack or broken install fails here, not on the first card.
func New(cfg Config) (*Engine, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	silenceLeptonica()
	e := &Engine{cfg: cfg, clients: make(chan *gosseract.Client, cfg.Workers)}
	warm := image.NewGray(image.Rect(0, 0, 64, 32))
	for i := range warm.Pix {
		warm.Pix[i] = 255
	}
	for range cfg.Workers {
		c := gosseract.NewClient()
		if err := e.setup(c); err != nil {
			_ = c.Close()
			e.closeClients()
			return nil, err
		}
		if _, err := recognizeLocked(c, warm, Pass{Mode: SegBlock}); err != nil {
			_ = c.Close()
			e.closeClients()
			return nil, fmt.Errorf("ocr: start Tesseract (languages %s): %w", strings.Join(cfg.Languages, "+"), err)
		}
		e.clients <- c
	}
	return e, nil
}

func (e *Engine) setup(c *gosseract.Client) error {
	if err := c.SetLanguage(e.cfg.Languages...); err != nil {
		return fmt.Errorf("ocr: languages: %w", err)
	}
	if e.cfg.TessdataPrefix != "" {
		if err := c.SetTessdataPrefix(e.cfg.TessdataPrefix); err != nil {
			return fmt.Errorf("ocr: tessdata: %w", err)
		}
	}
	// Tesseract 5 reads every line whose confidence is below 0.7 a second time, inverted, in case it is light
	// text on a dark ground. A card's fields are dark on light; what reads poorly on a card is the Devanagari
	// block (to the eng model), the photo, the emblem and the QR, so the second reading only costs time: 5-19%
	// less CPU per card without it, and the same fields read (bench/README.md, "Pipeline throughput, round 3").
	if err := c.SetVariable("tessedit_do_invert", "0"); err != nil {
		return fmt.Errorf("ocr: tessedit_do_invert: %w", err)
	}
	// Tesseract writes warnings ("Estimating resolution...") to stderr; keep logs clean.
	return c.SetVariable(gosseract.DEBUG_FILE, "/dev/null")
}

// Recognize runs one pass over a grayscale image. An image too small to hold
// text gives an empty result. If ctx (or the configured Timeout) expires, the
// call returns the context's error at once; the Tesseract run itself cannot
// be interrupted, finishes in the background and then frees its client.
func (e *Engine) Recognize(ctx context.Context, img *image.Gray, pass Pass) (Result, error) {
	if img == nil {
		return Result{}, errors.New("ocr: nil image")
	}
	b := img.Bounds()
	if b.Dx() < minSide || b.Dy() < minSide {
		return Result{}, nil
	}
	if b.Dx()*b.Dy() > e.cfg.MaxPixels {
		return Result{}, fmt.Errorf("%w: %dx%d exceeds %d pixels", ErrTooLarge, b.Dx(), b.Dy(), e.cfg.MaxPixels)
	}
	ctx, cancel := context.WithTimeout(ctx, e.cfg.Timeout)
	defer cancel()

	e.mu.RLock()
	if e.closed {
		e.mu.RUnlock()
		return Result{}, ErrClosed
	}
	e.inflight.Add(1)
	e.mu.RUnlock()

	var c *gosseract.Client
	select {
	case c = <-e.clients:
	case <-ctx.Done():
		e.inflight.Done()
		return Result{}, fmt.Errorf("ocr: waiting for a free client: %w", ctx.Err())
	}
	type outcome struct {
		res Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		defer e.inflight.Done()
		start := time.Now()
		var res Result
		var err error
		func() {
			// A panic here would end the process (nobody recovers this goroutine): it fails this recognition.
			defer func() {
				if p := recover(); p != nil {
					err = fmt.Errorf("ocr: recognition panic: %v\n%s", p, debug.Stack())
				}
			}()
			res, err = recognizeLocked(c, img, pass)
		}()
		res.Duration = time.Since(start)
		e.clients <- c
		done <- outcome{res, err}
	}()
	select {
	case o := <-done:
		return o.res, o.err
	case <-ctx.Done():
		return Result{}, fmt.Errorf("ocr: recognition: %w", ctx.Err())
	}
}

// recognizeLocked runs Tesseract on this goroutine's own OS thread with
// OpenMP limited to that thread (see limitOpenMP).
func recognizeLocked(c *gosseract.Client, img *image.Gray, pass Pass) (Result, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	limitOpenMP()
	return recognize(c, img, pass)
}

// recognize runs Tesseract once; only the borrowing goroutine touches c.
func recognize(c *gosseract.Client, img *image.Gray, pass Pass) (Result, error) {
	if err := c.SetImageFromBytes(encodeSpix(img)); err != nil {
		return Result{}, fmt.Errorf("ocr: set image: %w", err)
	}
	if err := c.SetPageSegMode(gosseract.PageSegMode(pass.Mode)); err != nil {
		return Result{}, fmt.Errorf("ocr: page segmentation mode: %w", err)
	}
	if err := c.SetWhitelist(pass.Whitelist); err != nil {
		return Result{}, fmt.Errorf("ocr: whitelist: %w", err)
	}
	// Set on every call: clients are pooled and keep their variables.
	if err := c.SetVariable("thresholding_method", strconv.Itoa(int(pass.Threshold))); err != nil {
		return Result{}, fmt.Errorf("ocr: thresholding method: %w", err)
	}
	boxes, err := c.GetBoundingBoxesVerbose()
	if err != nil {
		return Result{}, fmt.Errorf("ocr: recognize: %w", err)
	}
	return linesFromBoxes(boxes), nil
}

// Workers is the pool size.
func (e *Engine) Workers() int { return e.cfg.Workers }

// Close waits for running recognitions and frees every client. Calls after
// Close return ErrClosed. Close is idempotent.
func (e *Engine) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	e.mu.Unlock()
	e.inflight.Wait()
	e.closeClients()
	return nil
}

func (e *Engine) closeClients() {
	for {
		select {
		case c := <-e.clients:
			_ = c.Close()
		default:
			return
		}
	}
}
