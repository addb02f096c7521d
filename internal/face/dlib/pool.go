package dlib

/*
#cgo CXXFLAGS: -std=c++14 -O2 -Wno-deprecated-declarations
#cgo LDFLAGS: -ldlib -lblas -llapack -ljpeg -lpthread
#include <stdlib.h>
#include "shim.h"
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"unsafe"
)

// Models names the dlib model files. Descriptor may be empty when only detection and landmarks are needed
// (the ONNX engine), which saves about 25 MB per worker.
type Models struct {
	Landmarks  string // shape_predictor_5_face_landmarks.dat
	Descriptor string // dlib_face_recognition_resnet_model_v1.dat, optional
}

// Pool lends out per-worker copies of the dlib models. Its methods are safe for concurrent use; at most
// Workers calls run in dlib at once, the others wait (or give up when their context ends).
type Pool struct {
	free    chan *C.kyc_dlib
	all     []*C.kyc_dlib
	hasNet  bool
	closeMu sync.Mutex
	closed  bool
}

// ErrClosed is returned by calls on a closed Pool.
var ErrClosed = errors.New("dlib: pool closed")

// Open loads the models once and copies them into workers independent handles.
func Open(m Models, workers int) (*Pool, error) {
	if workers < 1 {
		return nil, fmt.Errorf("dlib: workers must be >= 1, got %d", workers)
	}
	shape := C.CString(m.Landmarks)
	defer C.free(unsafe.Pointer(shape))
	net := C.CString(m.Descriptor)
	defer C.free(unsafe.Pointer(net))

	var cerr *C.char
	first := C.kyc_dlib_open(shape, net, &cerr)
	if first == nil {
		return nil, fmt.Errorf("dlib: load models (%s, %s): %w", m.Landmarks, m.Descriptor, takeError(cerr))
	}
	p := &Pool{free: make(chan *C.kyc_dlib, workers), all: []*C.kyc_dlib{first}, hasNet: m.Descriptor != ""}
	for len(p.all) < workers {
		h := C.kyc_dlib_clone(first, &cerr)
		if h == nil {
			for _, done := range p.all {
				C.kyc_dlib_close(done)
			}
			return nil, fmt.Errorf("dlib: copy models for worker %d: %w", len(p.all), takeError(cerr))
		}
		p.all = append(p.all, h)
	}
	for _, h := range p.all {
		p.free <- h
	}
	return p, nil
}

// Workers is the number of model copies (the most calls that run at once).
func (p *Pool) Workers() int { return len(p.all) }

// HasDescriptor reports whether the descriptor network was loaded.
func (p *Pool) HasDescriptor() bool { return p.hasNet }

// acquire waits for a free handle; release must follow.
func (p *Pool) acquire(ctx context.Context) (*C.kyc_dlib, error) {
	select {
	case h, ok := <-p.free:
		if !ok {
			return nil, ErrClosed
		}
		return h, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("dlib: waiting for a worker: %w", ctx.Err())
	}
}

func (p *Pool) release(h *C.kyc_dlib) { p.free <- h }

// Close frees every handle after waiting for calls in flight to return theirs. Idempotent.
func (p *Pool) Close() error {
	p.closeMu.Lock()
	defer p.closeMu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	for range p.all {
		C.kyc_dlib_close(<-p.free)
	}
	close(p.free)
	return nil
}

// TuneMalloc sets two process-wide glibc malloc options that keep the resident memory of dlib's work bounded:
// a fixed 1 MiB mmap threshold (glibc otherwise raises it after large frees, so the multi-megabyte image and
// HOG pyramid buffers of every detection end up in heap arenas that are never given back) and at most two
// arenas (cgo calls run on many OS threads, each of which would otherwise get its own arena). Measured with
// eval-face -rss: peak RSS 504 → 370 MB, RSS after work 341 → 221 MB. Call it once before heavy work.
func TuneMalloc() error {
	if C.kyc_dlib_tune_malloc(1<<20, 2) != 0 {
		return errors.New("dlib: glibc refused the malloc settings")
	}
	return nil
}

// takeError converts and frees a message set by the shim.
func takeError(msg *C.char) error {
	if msg == nil {
		return errors.New("unknown dlib error")
	}
	defer C.free(unsafe.Pointer(msg))
	return errors.New(C.GoString(msg))
}
