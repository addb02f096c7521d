package blob

import (
	"bytes"
	"io"
	"testing"
)

// The tee spools of PutExpected: memory while any is idle, then files; each reads back what was written, and a
// closed memory spool is lent again.
func TestTeeSpools(t *testing.T) {
	v := &Vault{spoolDir: t.TempDir(), mem: make(chan *bytes.Buffer, 2)}
	v.mem <- new(bytes.Buffer)
	v.mem <- new(bytes.Buffer)
	var spools []teeSpool
	for i := range 3 {
		s, err := v.teeSpool()
		if err != nil {
			t.Fatal(err)
		}
		_, isMem := s.(*memSpool)
		if isMem != (i < 2) {
			t.Fatalf("spool %d: %T", i, s)
		}
		data := bytes.Repeat([]byte{byte(i)}, 100_000+i)
		if _, err := s.Write(data); err != nil {
			t.Fatal(err)
		}
		r, err := s.Reader()
		if err != nil {
			t.Fatal(err)
		}
		if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("spool %d read back %d bytes, %v", i, len(got), err)
		}
		spools = append(spools, s)
	}
	for _, s := range spools {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if len(v.mem) != 2 {
		t.Fatalf("%d memory spools idle after Close, want 2", len(v.mem))
	}
	if s, _ := v.teeSpool(); s.(*memSpool).b.Len() != 0 {
		t.Fatal("a lent spool still holds the last upload")
	}
}
