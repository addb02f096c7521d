package app_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/testkit/guide"
	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestGuideCurlUploads replays the guide's four cURL upload commands.
func TestGuideCurlUploads(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	docs, err := kycdocs.Write(dir, 1, "jimin.jpg", "jimin2.jpg")
	if err != nil {
		t.Fatal(err)
	}
	postJSON(t, f.srv.BaseURL+"/v1/kyc/initiate", f.keyA, `{"externalUserId":"customer-12345"}`, nil)
	files := map[string]string{
		"**Upload PAN Card:**":      docs.PAN,
		"**Upload Aadhaar Front:**": docs.AadhaarFront,
		"**Upload Aadhaar Back:**":  docs.AadhaarBack,
		"**Upload Live Photo:**":    docs.LivePhoto,
	}
	for _, marker := range []string{"**Upload PAN Card:**", "**Upload Aadhaar Front:**", "**Upload Aadhaar Back:**", "**Upload Live Photo:**"} {
		cmd := guide.Localize(mustBlock(t, marker, 0), f.srv.BaseURL, f.keyA)
		cmd = replaceFilePath(cmd, files[marker])
		out := decodeObject(t, runShell(t, cmd))
		if out["success"] != true || out["kycSessionId"] == nil || out["documentUrl"] == nil || len(out) != 3 {
			t.Fatalf("%s answered %v", marker, out)
		}
	}
	_, st, _ := do(t, "GET", f.srv.BaseURL+"/v1/kyc/status/"+sessionOf(t, f.srv, "customer-12345"), f.keyA, "", nil)
	if st["status"] == "PENDING" {
		t.Fatalf("after the four uploads the session is still %v", st["status"])
	}
}

// replaceFilePath points `-F "file=@/path/to/x.jpg"` at a real file.
func replaceFilePath(cmd, path string) string {
	i := strings.Index(cmd, "file=@")
	j := strings.Index(cmd[i:], `"`)
	return cmd[:i] + "file=@" + path + cmd[i+j:]
}

// TestGuideNodeAndPythonIntegrations runs the guide's "Complete Integration" programs unchanged (only the base
// URL points at a local server) with the real npm packages and Debian's python3-requests, to their end: the
// four uploads, polling, and the final status.
func TestGuideNodeAndPythonIntegrations(t *testing.T) {
	srv := testserver.Start(t, testserver.WithWorkers())
	for _, lang := range []string{"node", "python"} {
		t.Run(lang, func(t *testing.T) {
			_, key := srv.NewClient(t, "guide-"+lang)
			f := &fixture{srv: srv, keyA: key}
			dir := t.TempDir()
			if _, err := kycdocs.Write(filepath.Join(dir, "documents"), 2, "tzuyu.jpg", "tzuyu2.jpg"); err != nil {
				t.Fatal(err)
			}
			var cmd *exec.Cmd
			ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
			defer cancel()
			switch lang {
			case "node":
				src := guide.Localize(mustBlock(t, "### Complete Integration (Node.js)", 0), f.srv.BaseURL, "")
				writeFile(t, filepath.Join(dir, "kyc.js"), src)
				cmd = exec.CommandContext(ctx, "node", "kyc.js")
				cmd.Env = append(os.Environ(), "NODE_PATH="+nodeModules(t))
			case "python":
				src := guide.Localize(mustBlock(t, "### Complete Integration (Python)", 0), f.srv.BaseURL, "")
				writeFile(t, filepath.Join(dir, "kyc.py"), src)
				cmd = exec.CommandContext(ctx, "/usr/bin/python3", "-u", "kyc.py")
				cmd.Env = os.Environ()
			}
			cmd.Dir = dir
			cmd.Env = append(cmd.Env, "ENXTAI_API_KEY="+f.keyA)
			stdout, _ := cmd.StdoutPipe()
			cmd.Stderr = cmd.Stdout
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var seen []string
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				seen = append(seen, sc.Text())
			}
			if err := cmd.Wait(); err != nil {
				t.Fatalf("the program failed: %v\n%s", err, strings.Join(seen, "\n"))
			}
			got := strings.Join(seen, "\n")
			for _, want := range []string{"KYC session created: ", "PAN uploaded", "Aadhaar front uploaded",
				"Aadhaar back uploaded", "Live photo uploaded - verification started", "Final status:"} {
				if !strings.Contains(got, want) {
					t.Fatalf("output lacks %q:\n%s", want, got)
				}
			}
			if !strings.Contains(got, "(100%)") || strings.Contains(got, "Status: PENDING (") {
				t.Fatalf("the session did not reach an outcome at 100%%:\n%s", got)
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// nodeModules is the guide examples' npm packages (make setup installs them).
func nodeModules(t *testing.T) string {
	p, _ := filepath.Abs(filepath.Join(filepath.Dir(guide.Path()), "..", "internal", "testkit", "guide", "node", "node_modules"))
	if _, err := os.Stat(filepath.Join(p, "axios")); err != nil {
		t.Fatalf("npm packages of the guide's examples are missing (%s): run make setup", p)
	}
	return p
}
