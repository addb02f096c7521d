package kyc_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	kyc "github.com/enxtai/kyc/clients/go"
)

// The complete-integration example runs against the server. Without the pipeline (issue 6) it must get as far
// as the decision and then report the missing decision.
func TestExampleCompleteIntegration(t *testing.T) {
	e := liveEnv(t)
	decides := pipelinePresent(t, e.client(t))
	timeout := "3s"
	if decides {
		timeout = "3m"
	}
	cmd := exec.Command("go", "run", "./examples/complete-integration", "-addr", e.grpcAddr, "-docs", e.docs,
		"-user", userID(t), "-timeout", timeout)
	cmd.Env = append(os.Environ(), "ENXTAI_API_KEY="+e.apiKey)
	out, err := cmd.CombinedOutput()
	text := string(out)
	for _, want := range []string{"KYC session created:", "PAN uploaded", "Aadhaar front uploaded",
		"Aadhaar back uploaded", "Live photo uploaded - verification started"} {
		if !strings.Contains(text, want) {
			t.Fatalf("output lacks %q:\n%s", want, text)
		}
	}
	switch {
	case decides && (err != nil || !strings.Contains(text, "Final status:")):
		t.Fatalf("with the pipeline: %v\n%s", err, text)
	case !decides && (err == nil || !strings.Contains(text, "no decision within 3s")):
		t.Fatalf("without the pipeline the example should time out waiting: %v\n%s", err, text)
	}
}

// syncBuffer collects a process's output while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// The webhook-receiver example accepts a real delivery (and is skipped while the server has no webhooks).
func TestExampleWebhookReceiver(t *testing.T) {
	e := liveEnv(t)
	key := e.newKey(t)
	addr := freeAddr(t)
	secret := "example-receiver-secret-" + uuid4()[:8]
	configureWebhook(t, e, key, "http://"+addr+"/webhooks/kyc", secret)
	bin := t.TempDir() + "/receiver"
	if out, err := exec.Command("go", "build", "-o", bin, "./examples/webhook-receiver").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	var logs syncBuffer
	cmd := exec.Command(bin, "-addr", addr)
	cmd.Env = append(os.Environ(), "WEBHOOK_SECRET="+secret)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	for i := 0; i < 100; i++ { // until it listens
		if resp, err := http.Post("http://"+addr+"/webhooks/kyc", "application/json", strings.NewReader("{}")); err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("an unsigned delivery got %d, want 401", resp.StatusCode)
			}
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	c := e.client(t, kyc.WithAPIKey(key))
	ctx := context.Background()
	user := userID(t)
	init, err := c.Initiate(ctx, kyc.InitiateParams{ExternalUserID: user})
	if err != nil {
		t.Fatal(err)
	}
	uploadAll(t, ctx, c, e, user)
	want := "kyc.documents_uploaded for session " + init.GetKycSessionId()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if strings.Contains(logs.String(), want) {
			return
		}
	}
	t.Fatalf("receiver never logged %q:\n%s", want, logs.String())
}
