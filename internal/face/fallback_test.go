package face_test

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/face/facetest"
)

// TestMissingMiniFASNetFallsBackToFRLivenessLoudly: a models folder without liveness/ (a fresh clone without
// ../shared) runs on fr_liveness with its own threshold, and says so at error level.
func TestMissingMiniFASNetFallsBackToFRLivenessLoudly(t *testing.T) {
	cfg := config(t, face.EngineArcFace, face.LivenessMiniFASNet)
	dir := t.TempDir()
	for _, rel := range []string{facetest.DlibLandmarks, facetest.ArcFace, facetest.FRLiveness, facetest.FRDetect, facetest.FRLandmark} {
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(cfg.ModelsDir, rel), dst); err != nil {
			t.Fatal(err)
		}
	}
	cfg.ModelsDir = dir
	var logs bytes.Buffer
	v, err := face.New(cfg, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if got := v.LivenessModel(); got != string(face.LivenessFR) {
		t.Fatalf("liveness model %q, want the fr_liveness fallback", got)
	}
	if got, want := v.Bands().MinLiveness, face.DefaultBands(face.LivenessFR).MinLiveness; got != want {
		t.Fatalf("min liveness %v, want fr_liveness's %v", got, want)
	}
	if !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "FALLBACK") {
		t.Fatalf("fallback not logged loudly: %s", logs.String())
	}
}
