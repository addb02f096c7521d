package onnx

import (
	"context"
	"errors"
	"fmt"

	ort "github.com/yalue/onnxruntime_go"
)

// Options tune how a model runs.
type Options struct {
	// Workers bounds the inferences running at once on this model (one session, shared: the runtime's
	// Run is safe for concurrent use).
	Workers int
	// Threads is the runtime's intra-op thread count per inference; 1 keeps a request on one core so that
	// Workers requests can run side by side.
	Threads int
}

// Model is one loaded ONNX model with a single float32 input and one or more float32 outputs.
type Model struct {
	session *ort.DynamicAdvancedSession
	in      ort.Shape
	outs    []ort.Shape
	sem     chan struct{}
	name    string
}

// Load opens the model file, checking that it has the named input and output with the expected shapes
// (dimension -1 in the file accepts our batch of 1).
func (r *Runtime) Load(path, input, output string, inShape, outShape []int64, o Options) (*Model, error) {
	return r.LoadOutputs(path, input, []string{output}, inShape, [][]int64{outShape}, o)
}

// LoadOutputs is Load for a model with several outputs (a detector's scores and boxes); RunAll returns
// them in the order named.
func (r *Runtime) LoadOutputs(path, input string, outputs []string, inShape []int64, outShapes [][]int64, o Options) (*Model, error) {
	if len(outputs) == 0 || len(outputs) != len(outShapes) {
		return nil, fmt.Errorf("onnx: %d output names for %d shapes", len(outputs), len(outShapes))
	}
	if o.Workers < 1 || o.Threads < 1 {
		return nil, fmt.Errorf("onnx: workers and threads must be >= 1 (got %d, %d)", o.Workers, o.Threads)
	}
	ins, outs, err := ort.GetInputOutputInfo(path)
	if err != nil {
		return nil, fmt.Errorf("onnx: read %s: %w", path, err)
	}
	if err := checkIO(ins, input, inShape); err != nil {
		return nil, fmt.Errorf("onnx: %s input: %w", path, err)
	}
	shapes := make([]ort.Shape, len(outputs))
	for i, name := range outputs {
		if err := checkIO(outs, name, outShapes[i]); err != nil {
			return nil, fmt.Errorf("onnx: %s output: %w", path, err)
		}
		shapes[i] = ort.NewShape(outShapes[i]...)
	}
	opts, err := ort.NewSessionOptions()
	if err != nil {
		return nil, fmt.Errorf("onnx: session options: %w", err)
	}
	defer opts.Destroy()
	if err := opts.SetIntraOpNumThreads(o.Threads); err != nil {
		return nil, fmt.Errorf("onnx: set threads: %w", err)
	}
	if err := opts.SetInterOpNumThreads(1); err != nil {
		return nil, fmt.Errorf("onnx: set threads: %w", err)
	}
	s, err := ort.NewDynamicAdvancedSession(path, []string{input}, outputs, opts)
	if err != nil {
		return nil, fmt.Errorf("onnx: load %s: %w", path, err)
	}
	return &Model{session: s, in: ort.NewShape(inShape...), outs: shapes,
		sem: make(chan struct{}, o.Workers), name: path}, nil
}

func checkIO(infos []ort.InputOutputInfo, name string, want []int64) error {
	for _, i := range infos {
		if i.Name != name {
			continue
		}
		if i.DataType != ort.TensorElementDataTypeFloat {
			return fmt.Errorf("%q is %v, want float32", name, i.DataType)
		}
		if len(i.Dimensions) != len(want) {
			return fmt.Errorf("%q has shape %v, want %v", name, i.Dimensions, want)
		}
		for k, d := range i.Dimensions {
			if d != want[k] && d != -1 {
				return fmt.Errorf("%q has shape %v, want %v", name, i.Dimensions, want)
			}
		}
		return nil
	}
	return fmt.Errorf("no tensor named %q", name)
}

// Run feeds one input (len = product of the input shape) and returns a fresh copy of the (first) output.
func (m *Model) Run(ctx context.Context, input []float32) ([]float32, error) {
	all, err := m.RunAll(ctx, input)
	if err != nil {
		return nil, err
	}
	return all[0], nil
}

// RunAll is Run returning every output, in the order they were named at load.
func (m *Model) RunAll(ctx context.Context, input []float32) ([][]float32, error) {
	if int64(len(input)) != m.in.FlattenedSize() {
		return nil, fmt.Errorf("onnx: input has %d values, want %d", len(input), m.in.FlattenedSize())
	}
	select {
	case m.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("onnx: waiting for a worker: %w", ctx.Err())
	}
	defer func() { <-m.sem }()
	if m.session == nil {
		return nil, errors.New("onnx: model closed")
	}
	in, err := ort.NewTensor(m.in, input)
	if err != nil {
		return nil, fmt.Errorf("onnx: input tensor: %w", err)
	}
	defer in.Destroy()
	outs := make([]*ort.Tensor[float32], len(m.outs))
	vals := make([]ort.Value, len(m.outs))
	for i, shape := range m.outs {
		out, err := ort.NewEmptyTensor[float32](shape)
		if err != nil {
			return nil, fmt.Errorf("onnx: output tensor: %w", err)
		}
		defer out.Destroy()
		outs[i], vals[i] = out, out
	}
	if err := m.session.Run([]ort.Value{in}, vals); err != nil {
		return nil, fmt.Errorf("onnx: run %s: %w", m.name, err)
	}
	res := make([][]float32, len(outs))
	for i, out := range outs {
		res[i] = append([]float32(nil), out.GetData()...)
	}
	return res, nil
}

// Close waits for running inferences, then frees the session. Idempotent.
func (m *Model) Close() error {
	for range cap(m.sem) {
		m.sem <- struct{}{}
	}
	defer func() {
		for range cap(m.sem) {
			<-m.sem
		}
	}()
	if m.session == nil {
		return nil
	}
	err := m.session.Destroy()
	m.session = nil
	if err != nil {
		return fmt.Errorf("onnx: close %s: %w", m.name, err)
	}
	return nil
}
