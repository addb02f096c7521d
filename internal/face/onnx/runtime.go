package onnx

import (
	"errors"
	"fmt"
	"os"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// The C library keeps one environment per process, so its lifetime is tracked here, not per Runtime: the
// only package-level state in the face engine, and it mirrors state that the C library itself holds.
var env struct {
	sync.Mutex
	refs int
	lib  string
}

// Runtime is a handle on the process-wide ONNX runtime environment. Close it when done; the environment is
// destroyed when the last handle closes.
type Runtime struct {
	once sync.Once
}

// OpenRuntime loads libonnxruntime from libPath (the first caller decides; later callers must name the same
// file) and initialises the environment.
func OpenRuntime(libPath string) (*Runtime, error) {
	if libPath == "" {
		return nil, errors.New("onnx: no ONNX runtime library configured")
	}
	if _, err := os.Stat(libPath); err != nil {
		return nil, fmt.Errorf("onnx: runtime library: %w", err)
	}
	env.Lock()
	defer env.Unlock()
	if env.refs > 0 {
		if env.lib != libPath {
			return nil, fmt.Errorf("onnx: runtime already loaded from %s, cannot also load %s", env.lib, libPath)
		}
		env.refs++
		return &Runtime{}, nil
	}
	ort.SetSharedLibraryPath(libPath)
	if err := ort.InitializeEnvironment(ort.WithLogLevelError()); err != nil {
		return nil, fmt.Errorf("onnx: initialise runtime from %s: %w", libPath, err)
	}
	env.refs, env.lib = 1, libPath
	return &Runtime{}, nil
}

// Version is the loaded runtime's version string.
func (r *Runtime) Version() string { return ort.GetVersion() }

// Close releases this handle. Close models loaded through it first. Idempotent.
func (r *Runtime) Close() error {
	var err error
	r.once.Do(func() {
		env.Lock()
		defer env.Unlock()
		env.refs--
		if env.refs == 0 {
			env.lib = ""
			if e := ort.DestroyEnvironment(); e != nil {
				err = fmt.Errorf("onnx: destroy runtime: %w", e)
			}
		}
	})
	return err
}
