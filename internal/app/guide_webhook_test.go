package app_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// The guide's receivers are fragments of an app; these lines make them a program, without changing them.
const (
	nodeHead = "const express = require('express');\nconst app = express();\napp.use(express.json());\n"
	nodeTail = "\napp.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));\n"
	pyHead   = "import os\nfrom flask import Flask, request\napp = Flask(__name__)\n"
	pyTail   = "\nif __name__ == '__main__':\n    print('listening', flush=True)\n    app.run(host='127.0.0.1', port=int(os.environ['PORT']))\n"
)

// TestGuideWebhookReceivers: real deliveries are verified by the guide's own Node (express) and Python (Flask)
// receivers, unchanged: the Node one re-serialises the parsed body, the Python one hashes the raw body.
func TestGuideWebhookReceivers(t *testing.T) {
	srv := testserver.Start(t, testserver.WithWorkers())
	for i, lang := range []string{"node", "python"} {
		t.Run(lang, func(t *testing.T) {
			_, key := srv.NewClient(t, "client-"+lang)
			secret := fmt.Sprintf("guide-secret-%s-0123456789", lang)
			port := freePort(t)
			out := startReceiver(t, lang, port, secret)
			putWebhook(t, srv, key, fmt.Sprintf("http://127.0.0.1:%d/webhooks/kyc", port), secret)

			user := "guide-hook-" + lang
			docs, err := kycdocs.Write(filepath.Join(t.TempDir(), "docs"), int64(200+i), "bona.jpg", "bona2.jpg")
			if err != nil {
				t.Fatal(err)
			}
			sid := initiateAndUpload(t, srv, key, user, docs)
			waitForOutcome(t, srv, key, sid, 90*time.Second)
			out.waitFor(t, "KYC completed for user "+user, 30*time.Second)
			if out.contains("verification failed") {
				t.Fatalf("the guide's receiver refused a delivery:\n%s", out.text())
			}
			// The outbox agrees: every delivery to this receiver was accepted.
			waitDelivered(t, srv, key, 2, 30*time.Second)
		})
	}
}

type procOutput struct {
	mu    sync.Mutex
	lines []string
}

func (o *procOutput) add(l string) { o.mu.Lock(); o.lines = append(o.lines, l); o.mu.Unlock() }
func (o *procOutput) text() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return strings.Join(o.lines, "\n")
}
func (o *procOutput) contains(s string) bool {
	return strings.Contains(o.text(), s)
}

func (o *procOutput) waitFor(t *testing.T, s string, timeout time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if o.contains(s) {
			return
		}
	}
	t.Fatalf("no %q in the receiver's output:\n%s", s, o.text())
}

// startReceiver runs the guide's receiver for lang on port.
func startReceiver(t *testing.T, lang string, port int, secret string) *procOutput {
	t.Helper()
	dir := t.TempDir()
	var cmd *exec.Cmd
	ctx, cancel := context.WithCancel(context.Background())
	switch lang {
	case "node":
		src := nodeHead + mustBlock(t, "**Node.js Example:**", 0) + nodeTail
		writeFile(t, filepath.Join(dir, "receiver.js"), src)
		cmd = exec.CommandContext(ctx, "node", "receiver.js")
		cmd.Env = append(os.Environ(), "NODE_PATH="+nodeModules(t))
	default:
		src := pyHead + mustBlock(t, "**Python Example:**", 0) + pyTail
		writeFile(t, filepath.Join(dir, "receiver.py"), src)
		cmd = exec.CommandContext(ctx, "/usr/bin/python3", "-u", "receiver.py")
		cmd.Env = os.Environ()
	}
	cmd.Dir = dir
	cmd.Env = append(cmd.Env, fmt.Sprintf("PORT=%d", port), "WEBHOOK_SECRET="+secret)
	pipe, _ := cmd.StdoutPipe()
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = cmd.Wait() })
	out := &procOutput{}
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			out.add(sc.Text())
		}
	}()
	out.waitFor(t, "listening", 20*time.Second)
	for i := 0; i < 100; i++ { // Flask prints before it binds
		if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
			c.Close()
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	return out
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitDelivered waits until the client's delivery log shows n deliveries, all delivered.
func waitDelivered(t *testing.T, srv *testserver.Server, key string, n int, timeout time.Duration) []any {
	t.Helper()
	var list []any
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		_, body, _ := do(t, "GET", srv.BaseURL+"/v1/webhooks/deliveries", key, "", nil)
		list, _ = body["deliveries"].([]any)
		delivered := 0
		for _, d := range list {
			if d.(map[string]any)["status"] == "delivered" {
				delivered++
			}
		}
		if len(list) >= n && delivered == len(list) {
			return list
		}
	}
	t.Fatalf("deliveries: %v", list)
	return nil
}
