package blob_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/enxtai/kyc/internal/blob"
	"github.com/enxtai/kyc/internal/blob/envelope"
)

func newKey(t testing.TB, id string) envelope.Key {
	k := envelope.Key{ID: id}
	if _, err := rand.Read(k.Secret[:]); err != nil {
		t.Fatal(err)
	}
	return k
}

func newVault(t *testing.T, store blob.Store, active envelope.Key, older ...envelope.Key) *blob.Vault {
	kr, err := envelope.NewKeyring(active, older...)
	if err != nil {
		t.Fatal(err)
	}
	v, err := blob.NewVault(store, kr, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func readAll(t *testing.T, rc io.ReadCloser) ([]byte, error) {
	t.Helper()
	defer rc.Close()
	return io.ReadAll(rc)
}

func rawObject(t *testing.T, s blob.Store, key string) []byte {
	rc, _, err := s.Get(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	b, err := readAll(t, rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestVault(t *testing.T) {
	for name, newStore := range map[string]func(*testing.T) blob.Store{"s3": newS3, "fs": newFS} {
		t.Run(name, func(t *testing.T) {
			t.Run("RoundTripCiphertextAtRest", func(t *testing.T) { testVaultRoundTrip(t, newStore(t)) })
			t.Run("MovedOrTamperedObjectDoesNotOpen", func(t *testing.T) { testVaultTamper(t, newStore(t)) })
			t.Run("AbandonedSpoolStoresNothing", func(t *testing.T) { testVaultAbandon(t, newStore(t)) })
			t.Run("KeyRotation", func(t *testing.T) { testVaultRotation(t, newStore(t)) })
		})
	}
}

func testVaultRoundTrip(t *testing.T, s blob.Store) {
	ctx := context.Background()
	v := newVault(t, s, newKey(t, "k1"))
	for _, size := range []int{0, 1, 64 << 10, 5 << 20} {
		plain := make([]byte, size)
		_, _ = rand.Read(plain)
		key := "kyc/s1/PAN_1.jpg"
		info, err := v.Put(ctx, key, bytes.NewReader(plain))
		if err != nil || info.Size != int64(size) {
			t.Fatalf("size %d: Put = %+v, %v", size, info, err)
		}
		raw := rawObject(t, s, key)
		if size >= 32 && bytes.Contains(raw, plain[:32]) {
			t.Fatalf("size %d: plaintext stored in the clear", size)
		}
		rc, oinfo, err := v.Open(ctx, key)
		if err != nil || oinfo.Size != int64(size) {
			t.Fatalf("size %d: Open = %+v, %v", size, oinfo, err)
		}
		got, err := readAll(t, rc)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("size %d: read back %d bytes, %v", size, len(got), err)
		}
	}
	if _, _, err := v.Open(ctx, "kyc/none"); !errors.Is(err, blob.ErrNotFound) {
		t.Fatalf("Open(missing) = %v, want ErrNotFound", err)
	}
}

func testVaultTamper(t *testing.T, s blob.Store) {
	ctx := context.Background()
	v := newVault(t, s, newKey(t, "k1"))
	plain := bytes.Repeat([]byte("aadhaar "), 30000)
	if _, err := v.Put(ctx, "kyc/a/AADHAAR_BACK_1.png", bytes.NewReader(plain)); err != nil {
		t.Fatal(err)
	}
	raw := rawObject(t, s, "kyc/a/AADHAAR_BACK_1.png")
	// Same bytes under another session's key: refused at the header.
	if err := s.Put(ctx, "kyc/b/AADHAAR_BACK_1.png", bytes.NewReader(raw), int64(len(raw))); err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.Open(ctx, "kyc/b/AADHAAR_BACK_1.png"); !errors.Is(err, envelope.ErrTampered) {
		t.Fatalf("moved object: err = %v, want ErrTampered", err)
	}
	// One flipped byte in the body: the stream fails when it reaches it.
	raw[len(raw)/2] ^= 0x40
	if err := s.Put(ctx, "kyc/a/AADHAAR_BACK_1.png", bytes.NewReader(raw), int64(len(raw))); err != nil {
		t.Fatal(err)
	}
	rc, _, err := v.Open(ctx, "kyc/a/AADHAAR_BACK_1.png")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := readAll(t, rc); !errors.Is(err, envelope.ErrTampered) {
		t.Fatalf("flipped byte: err = %v, want ErrTampered", err)
	}
}

func testVaultAbandon(t *testing.T, s blob.Store) {
	kr, _ := envelope.NewKeyring(newKey(t, "k1"))
	spoolDir := t.TempDir()
	v, err := blob.NewVault(s, kr, spoolDir)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := v.NewSpool()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sp.Write(bytes.Repeat([]byte("x"), 100_000)); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(spoolDir); len(entries) != 0 {
		t.Fatalf("spool visible on disk by name: %v", entries)
	}
	if err := sp.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := sp.Commit(context.Background(), "kyc/x"); err == nil {
		t.Fatal("commit after close succeeded")
	}
	for o, err := range s.List(context.Background(), "") {
		t.Fatalf("abandoned spool stored %v (%v)", o, err)
	}
}

func testVaultRotation(t *testing.T, s blob.Store) {
	ctx := context.Background()
	k1, k2 := newKey(t, "2026-01"), newKey(t, "2026-06")
	if _, err := newVault(t, s, k1).Put(ctx, "kyc/old", bytes.NewReader([]byte("old document"))); err != nil {
		t.Fatal(err)
	}
	rotated := newVault(t, s, k2, k1)
	if _, err := rotated.Put(ctx, "kyc/new", bytes.NewReader([]byte("new document"))); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"kyc/old": "old document", "kyc/new": "new document"} {
		rc, _, err := rotated.Open(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := readAll(t, rc); err != nil || string(got) != want {
			t.Fatalf("%s: %q, %v", key, got, err)
		}
	}
	if _, _, err := newVault(t, s, k2).Open(ctx, "kyc/old"); !errors.Is(err, envelope.ErrUnknownKey) {
		t.Fatalf("retired key: err = %v, want ErrUnknownKey", err)
	}
}

// TestVaultMemoryIsBounded: sealing and storing a 5 MB upload allocates far less than the upload itself, so 50
// concurrent uploads stay within the server's memory budget.
func TestVaultMemoryIsBounded(t *testing.T) {
	for name, newStore := range map[string]func(*testing.T) blob.Store{"s3": newS3, "fs": newFS} {
		t.Run(name, func(t *testing.T) {
			v := newVault(t, newStore(t), newKey(t, "k1"))
			src := io.LimitReader(rand.Reader, 5<<20)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			if _, err := v.Put(context.Background(), "kyc/mem/PAN_1.jpg", src); err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("allocated %d KiB for a 5 MiB upload", alloc>>10)
			if alloc > 2<<20 {
				t.Fatalf("allocated %d bytes for a 5 MiB upload; want < 2 MiB (streaming)", alloc)
			}
		})
	}
}

func TestConfig(t *testing.T) {
	key := "k1:" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
	fs := blob.DefaultConfig()
	fs.Kind, fs.FSDir, fs.MasterKeys = blob.KindFS, t.TempDir(), key
	v, err := blob.Open(context.Background(), fs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Put(context.Background(), "kyc/c", bytes.NewReader([]byte("c"))); err != nil {
		t.Fatal(err)
	}
	bad := blob.DefaultConfig()
	bad.S3.SecretKey = "super-secret-value"
	if err := bad.Validate(); err == nil {
		t.Fatal("config without keys or credentials validated")
	}
	bad.MasterKeys = key
	if s := bad.String(); bytes.Contains([]byte(s), []byte("super-secret")) || bytes.Contains([]byte(s), []byte("AAAA")) {
		t.Fatalf("String leaks secrets: %s", s)
	}
}

func TestVaultPutSized(t *testing.T) {
	for name, newStore := range map[string]func(*testing.T) blob.Store{"s3": newS3, "fs": newFS} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := newStore(t)
			v := newVault(t, s, newKey(t, "k1"))
			plain := make([]byte, 3<<20+5)
			_, _ = rand.Read(plain)
			if _, err := v.PutSized(ctx, "kyc/ok", bytes.NewReader(plain), int64(len(plain))); err != nil {
				t.Fatal(err)
			}
			rc, info, err := v.Open(ctx, "kyc/ok")
			if err != nil || info.Size != int64(len(plain)) {
				t.Fatalf("Open = %+v, %v", info, err)
			}
			if got, err := readAll(t, rc); err != nil || !bytes.Equal(got, plain) {
				t.Fatalf("round trip: %v", err)
			}
			boom := errors.New("client vanished")
			bad := map[string]struct {
				r        io.Reader
				declared int64
			}{
				"short":        {bytes.NewReader(plain[:1<<20]), int64(len(plain))},
				"long":         {bytes.NewReader(plain), 1 << 20},
				"source fails": {io.MultiReader(bytes.NewReader(plain[:1<<20]), iotest.ErrReader(boom)), int64(len(plain))},
			}
			for bname, tc := range bad {
				key := "kyc/bad-" + strings.ReplaceAll(bname, " ", "-")
				if _, err := v.PutSized(ctx, key, tc.r, tc.declared); err == nil {
					t.Errorf("%s: PutSized succeeded", bname)
				}
				if _, err := s.Stat(ctx, key); !errors.Is(err, blob.ErrNotFound) {
					t.Errorf("%s: something was stored (%v)", bname, err)
				}
			}
		})
	}
}

// A wrong expected size costs time, never the upload: the object is stored whole either way; a failing source
// stores nothing.
func TestVaultPutExpected(t *testing.T) {
	for name, newStore := range map[string]func(*testing.T) blob.Store{"s3": newS3, "fs": newFS} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := newStore(t)
			v := newVault(t, s, newKey(t, "k1"))
			plain := make([]byte, 1<<20+77)
			_, _ = rand.Read(plain)
			n := int64(len(plain))
			for _, expected := range []int64{n, n - 2, n + 2, 1, 3 << 20} {
				key := fmt.Sprintf("kyc/expected-%d", expected)
				info, err := v.PutExpected(ctx, key, iotest.HalfReader(bytes.NewReader(plain)), expected)
				if err != nil || info.Size != n {
					t.Fatalf("expected %d: %+v, %v", expected, info, err)
				}
				rc, info, err := v.Open(ctx, key)
				if err != nil || info.Size != n {
					t.Fatalf("expected %d: Open = %+v, %v", expected, info, err)
				}
				if got, err := readAll(t, rc); err != nil || !bytes.Equal(got, plain) {
					t.Fatalf("expected %d: round trip: %v", expected, err)
				}
			}
			boom := errors.New("client vanished")
			for _, expected := range []int64{n, 1 << 19} {
				key := fmt.Sprintf("kyc/failing-%d", expected)
				r := io.MultiReader(bytes.NewReader(plain[:1<<19]), iotest.ErrReader(boom))
				if _, err := v.PutExpected(ctx, key, r, expected); !errors.Is(err, boom) {
					t.Errorf("expected %d, failing source: err %v", expected, err)
				}
				if _, err := s.Stat(ctx, key); !errors.Is(err, blob.ErrNotFound) {
					t.Errorf("expected %d, failing source: something was stored (%v)", expected, err)
				}
			}
		})
	}
}
