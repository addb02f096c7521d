// Package guide reads the public API guide (docs/api-guide.md) so tests can run its examples unchanged, only
// pointed at a local server: the code blocks and JSON examples that follow a given line.
package guide

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Path is the guide's location in the repository.
func Path() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "docs", "api-guide.md")
}

// Block returns the first fenced code block after the first line containing marker, and after skip further
// blocks (0 = the first).
func Block(marker string, skip int) (string, error) {
	raw, err := os.ReadFile(Path())
	if err != nil {
		return "", err
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	found, in := false, false
	var b strings.Builder
	for sc.Scan() {
		line := sc.Text()
		switch {
		case !found:
			found = strings.Contains(line, marker)
		case !in && strings.HasPrefix(line, "```"):
			in = true
		case in && strings.HasPrefix(line, "```"):
			if skip == 0 {
				return b.String(), nil
			}
			skip--
			in = false
			b.Reset()
		case in:
			b.WriteString(line + "\n")
		}
	}
	return "", fmt.Errorf("guide: no code block after %q", marker)
}

// Localize points an example at a local server: the production and development base URLs become base, and the
// placeholder key becomes key.
func Localize(code, base, key string) string {
	r := strings.NewReplacer(
		"https://api.enxtai.com/api", base,
		"http://localhost:3001/api", base,
		"your-api-key-here", key,
	)
	return r.Replace(code)
}
