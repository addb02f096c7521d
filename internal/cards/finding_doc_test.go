package cards

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// Finding codes are part of the API: each one must be listed for integrators in docs/findings.md.
func TestEveryFindingCodeIsDocumented(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/findings.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("finding.go")
	if err != nil {
		t.Fatal(err)
	}
	codes := regexp.MustCompile(`Code += "([a-z_0-9]+)"`).FindAllStringSubmatch(string(src), -1)
	if len(codes) < 30 {
		t.Fatalf("found %d codes in finding.go: the pattern no longer matches its declarations", len(codes))
	}
	for _, m := range codes {
		if !strings.Contains(string(doc), "`"+m[1]+"`") {
			t.Errorf("finding code %q is not in docs/findings.md", m[1])
		}
	}
}
