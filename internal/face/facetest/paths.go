package facetest

import (
	"errors"
	"image"
	_ "image/jpeg" // the test photos are JPEG
	"os"
	"path/filepath"
	"testing"
)

// Relative locations below the module root, matching mk/face.mk.
const (
	modelsRel   = ".cache/models"
	runtimeRel  = ".cache/lib/onnxruntime-1.24.1/libonnxruntime.so.1"
	testdataRel = "../shared/testdata/faces"
	fetchHint   = "run `make face-models` (part of `make setup`) to fetch and verify them"
)

// Paths are the locations of everything the real-engine tests need.
type Paths struct {
	ModelsDir  string // .cache/models with dlib/, faceplugin/, liveness/
	RuntimeLib string // libonnxruntime.so.1
	FacesDir   string // ../shared/testdata/faces
}

// ModuleRoot walks up from the working directory to the folder holding go.mod.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("facetest: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Locate returns the paths without checking that the files exist (for benchmarks and tools).
func Locate() (Paths, error) {
	root, err := ModuleRoot()
	if err != nil {
		return Paths{}, err
	}
	p := Paths{
		ModelsDir:  filepath.Join(root, modelsRel),
		RuntimeLib: filepath.Join(root, runtimeRel),
		FacesDir:   filepath.Clean(filepath.Join(root, testdataRel)),
	}
	if v := os.Getenv("KYC_FACE_MODELS_DIR"); v != "" {
		p.ModelsDir = v
	}
	if v := os.Getenv("KYC_FACE_ONNXRUNTIME_LIB"); v != "" {
		p.RuntimeLib = v
	}
	if v := os.Getenv("KYC_FACE_TESTDATA"); v != "" {
		p.FacesDir = v
	}
	return p, nil
}

// Require returns the paths after checking that the named model files (relative to ModelsDir), the ONNX
// runtime and the test photos exist; anything missing fails the test with the fetch command. Under
// `go test -short` the test is skipped instead.
func Require(tb testing.TB, models ...string) Paths {
	tb.Helper()
	if testing.Short() {
		tb.Skip("needs the real face models (skipped in -short mode)")
	}
	p, err := Locate()
	if err != nil {
		tb.Fatal(err)
	}
	need := []string{p.RuntimeLib, filepath.Join(p.FacesDir, "PROVENANCE.txt")}
	for _, m := range models {
		need = append(need, filepath.Join(p.ModelsDir, m))
	}
	for _, f := range need {
		if _, err := os.Stat(f); err != nil {
			tb.Fatalf("missing %s: %s (test photos come from ../shared/testdata/faces beside the repository)", f, fetchHint)
		}
	}
	return p
}

// Photo decodes one test photo by file name (e.g. "bona2.jpg").
func (p Paths) Photo(tb testing.TB, name string) image.Image {
	tb.Helper()
	f, err := os.Open(filepath.Join(p.FacesDir, name))
	if err != nil {
		tb.Fatalf("open test photo: %v", err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		tb.Fatalf("decode %s: %v", name, err)
	}
	return img
}

// Model returns the absolute path of a model file below ModelsDir.
func (p Paths) Model(rel string) string { return filepath.Join(p.ModelsDir, rel) }

// Model file names below ModelsDir, as laid out by mk/face.mk.
const (
	DlibLandmarks  = "dlib/shape_predictor_5_face_landmarks.dat"
	DlibDescriptor = "dlib/dlib_face_recognition_resnet_model_v1.dat"
	ArcFace        = "faceplugin/fr_feature.onnx"
	FRLiveness     = "faceplugin/fr_liveness.onnx"
	FRDetect       = "faceplugin/fr_detect.onnx"
	FRLandmark     = "faceplugin/fr_landmark.onnx"
	MiniFASNet     = "liveness/minifasnet_v2se_128_best_model.onnx"
)
