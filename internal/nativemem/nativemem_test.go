package nativemem

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/enxtai/kyc/internal/nativemem/internal/cmalloc"
)

// rssKiB reads the process's resident size from /proc (Linux only).
func rssKiB(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status:", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no VmRSS in /proc/self/status")
	return 0
}

// TestTrimReturnsFreedBlocks frees all but the last of many small malloc blocks (so the freed memory is not at
// the arena's top and plain free keeps it) and checks that Trim gives most of it back.
func TestTrimReturnsFreedBlocks(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("glibc only")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const n, size = 64 << 10, 2 << 10 // 128 MiB in 2 KiB blocks, under the mmap threshold
	blocks := make([]unsafe.Pointer, n)
	for i := range blocks {
		blocks[i] = cmalloc.Alloc(size)
	}
	for _, b := range blocks[:n-1] {
		cmalloc.Free(b)
	}
	defer cmalloc.Free(blocks[n-1])
	before := rssKiB(t)
	if !Trim() {
		t.Fatal("Trim released nothing after 128 MiB of blocks were freed below a live one")
	}
	after := rssKiB(t)
	if released := before - after; released < 64<<10 {
		t.Fatalf("RSS %d -> %d KiB: released %d KiB, want at least 64 MiB of the 128 MiB freed", before, after, released)
	}
}
