package blobtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/enxtai/kyc/internal/blob"
)

// NewStore returns an empty store for one test.
type NewStore func(t *testing.T) blob.Store

// Run runs every conformance case against stores made by newStore.
func Run(t *testing.T, newStore NewStore) {
	cases := []struct {
		name string
		fn   func(t *testing.T, s blob.Store)
	}{
		{"PutGetRoundTrip", testPutGet},
		{"PutReplaces", testPutReplaces},
		{"StatAndMissing", testStatAndMissing},
		{"DeleteIsIdempotent", testDelete},
		{"ListByPrefixInOrder", testList},
		{"ListStopsEarly", testListStopsEarly},
		{"SizeMismatchStoresNothing", testSizeMismatch},
		{"ReaderErrorStoresNothing", testReaderError},
		{"CancelledPutStoresNothing", testCancelled},
		{"InvalidKeys", testInvalidKeys},
		{"ConcurrentPuts", testConcurrent},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.fn(t, newStore(t)) })
	}
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

func random(t *testing.T, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func put(t *testing.T, s blob.Store, key string, data []byte) {
	t.Helper()
	if err := s.Put(ctx(t), key, bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatalf("Put(%s): %v", key, err)
	}
}

func get(t *testing.T, s blob.Store, key string) ([]byte, blob.ObjectInfo) {
	t.Helper()
	rc, info, err := s.Get(ctx(t), key)
	if err != nil {
		t.Fatalf("Get(%s): %v", key, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("reading %s: %v", key, err)
	}
	return data, info
}

func testPutGet(t *testing.T, s blob.Store) {
	for _, size := range []int{0, 1, 64 << 10, 5<<20 + 7} {
		key := "kyc/sess-1/PAN_" + strings.Repeat("9", size%7+1) + ".bin"
		data := random(t, size)
		put(t, s, key, data)
		got, info := get(t, s, key)
		if !bytes.Equal(got, data) || info.Size != int64(size) || info.Key != key {
			t.Fatalf("size %d: got %d bytes, info %+v", size, len(got), info)
		}
	}
	// A plain io.Reader (no Seeker, no ReaderAt), delivered in odd pieces.
	data := random(t, 200_000)
	if err := s.Put(ctx(t), "plain/reader", iotest.HalfReader(bytes.NewBuffer(data)), int64(len(data))); err != nil {
		t.Fatal(err)
	}
	if got, _ := get(t, s, "plain/reader"); !bytes.Equal(got, data) {
		t.Fatal("plain reader round trip differs")
	}
}

func testPutReplaces(t *testing.T, s blob.Store) {
	put(t, s, "a/doc", []byte("first version"))
	put(t, s, "a/doc", []byte("second"))
	if got, info := get(t, s, "a/doc"); string(got) != "second" || info.Size != 6 {
		t.Fatalf("after replace: %q %+v", got, info)
	}
}

func testStatAndMissing(t *testing.T, s blob.Store) {
	before := time.Now().Add(-time.Minute)
	put(t, s, "x/y/z.png", []byte("12345"))
	info, err := s.Stat(ctx(t), "x/y/z.png")
	if err != nil || info.Size != 5 || info.Key != "x/y/z.png" || info.ModTime.Before(before) {
		t.Fatalf("Stat = %+v, %v", info, err)
	}
	for _, key := range []string{"x/y/missing.png", "x/y", "x/y/z.png/deeper"} {
		if _, err := s.Stat(ctx(t), key); !errors.Is(err, blob.ErrNotFound) {
			t.Errorf("Stat(%s) err = %v, want ErrNotFound", key, err)
		}
		if _, _, err := s.Get(ctx(t), key); !errors.Is(err, blob.ErrNotFound) {
			t.Errorf("Get(%s) err = %v, want ErrNotFound", key, err)
		}
	}
}

func testDelete(t *testing.T, s blob.Store) {
	put(t, s, "d/one", []byte("1"))
	for range 2 {
		if err := s.Delete(ctx(t), "d/one"); err != nil {
			t.Fatalf("Delete: %v", err)
		}
	}
	if _, err := s.Stat(ctx(t), "d/one"); !errors.Is(err, blob.ErrNotFound) {
		t.Fatalf("deleted object still there: %v", err)
	}
}

func listKeys(t *testing.T, s blob.Store, prefix string) []string {
	t.Helper()
	var keys []string
	for o, err := range s.List(ctx(t), prefix) {
		if err != nil {
			t.Fatalf("List(%q): %v", prefix, err)
		}
		keys = append(keys, o.Key)
	}
	return keys
}

func testList(t *testing.T, s blob.Store) {
	for _, k := range []string{"kyc/s1/PAN_2.jpg", "kyc/s1/AADHAAR_FRONT_1.png", "kyc/s10/PAN_1.jpg", "kyc/s1-x/a",
		"other/s1/PAN.jpg"} {
		put(t, s, k, []byte(k))
	}
	tests := []struct {
		prefix string
		want   string
	}{
		{"kyc/s1/", "kyc/s1/AADHAAR_FRONT_1.png kyc/s1/PAN_2.jpg"},
		{"kyc/s1", "kyc/s1-x/a kyc/s1/AADHAAR_FRONT_1.png kyc/s1/PAN_2.jpg kyc/s10/PAN_1.jpg"},
		{"kyc/", "kyc/s1-x/a kyc/s1/AADHAAR_FRONT_1.png kyc/s1/PAN_2.jpg kyc/s10/PAN_1.jpg"},
		{"", "kyc/s1-x/a kyc/s1/AADHAAR_FRONT_1.png kyc/s1/PAN_2.jpg kyc/s10/PAN_1.jpg other/s1/PAN.jpg"},
		{"nothing/", ""},
	}
	for _, tc := range tests {
		if got := strings.Join(listKeys(t, s, tc.prefix), " "); got != tc.want {
			t.Errorf("List(%q) = %q, want %q", tc.prefix, got, tc.want)
		}
	}
}

func testListStopsEarly(t *testing.T, s blob.Store) {
	for i := range 5 {
		put(t, s, "many/"+string(rune('a'+i)), []byte{byte(i)})
	}
	n := 0
	for _, err := range s.List(ctx(t), "many/") {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Fatalf("iterated %d", n)
	}
}

func testSizeMismatch(t *testing.T, s blob.Store) {
	for _, tc := range []struct {
		name     string
		data     []byte
		declared int64
	}{{"short", []byte("abc"), 10}, {"long", []byte("abcdefghijkl"), 4}} {
		key := "mismatch/" + tc.name
		err := s.Put(ctx(t), key, iotest.HalfReader(bytes.NewBuffer(tc.data)), tc.declared)
		if !errors.Is(err, blob.ErrSizeMismatch) {
			t.Errorf("%s: Put err = %v, want ErrSizeMismatch", tc.name, err)
		}
		if _, err := s.Stat(ctx(t), key); !errors.Is(err, blob.ErrNotFound) {
			t.Errorf("%s: a partial object was stored (%v)", tc.name, err)
		}
	}
	if got := listKeys(t, s, ""); len(got) != 0 {
		t.Errorf("leftovers after failed puts: %v", got)
	}
}

func testReaderError(t *testing.T, s blob.Store) {
	boom := errors.New("client went away")
	r := io.MultiReader(bytes.NewReader(random(t, 100_000)), iotest.ErrReader(boom))
	if err := s.Put(ctx(t), "broken/upload", r, 1_000_000); err == nil {
		t.Fatal("Put succeeded with a failing reader")
	}
	if _, err := s.Stat(ctx(t), "broken/upload"); !errors.Is(err, blob.ErrNotFound) {
		t.Fatalf("a partial object was stored (%v)", err)
	}
}

// testCancelled cancels the caller's context while the body is half sent (the client of an upload hung up).
func testCancelled(t *testing.T, s blob.Store) {
	c, cancel := context.WithCancel(ctx(t))
	pr, pw := io.Pipe()
	go func() {
		_, _ = pw.Write(random(t, 300_000))
		cancel()
		<-c.Done()
		time.Sleep(50 * time.Millisecond) // the store notices the context, not the end of the reader
		pw.CloseWithError(c.Err())
	}()
	if err := s.Put(c, "cancelled/upload", pr, 1_000_000); err == nil {
		t.Fatal("Put succeeded after its context was cancelled")
	}
	if got := listKeys(t, s, ""); len(got) != 0 {
		t.Fatalf("a cancelled put left %v", got)
	}
}

func testInvalidKeys(t *testing.T, s blob.Store) {
	for _, key := range []string{"", "/abs", "a//b", "../escape", "a/../../b", "a/./b", "trail/", `back\slash`,
		"space here", "nul\x00", strings.Repeat("k", 513)} {
		if err := s.Put(ctx(t), key, strings.NewReader("x"), 1); !errors.Is(err, blob.ErrInvalidKey) {
			t.Errorf("Put(%q) err = %v, want ErrInvalidKey", key, err)
		}
		if _, err := s.Stat(ctx(t), key); !errors.Is(err, blob.ErrInvalidKey) {
			t.Errorf("Stat(%q) err = %v, want ErrInvalidKey", key, err)
		}
	}
}

func testConcurrent(t *testing.T, s blob.Store) {
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Go(func() {
			key := "conc/" + string(rune('a'+i%4)) // four keys, four writers each
			data := bytes.Repeat([]byte{byte(i % 4)}, 100_000)
			errs <- s.Put(context.Background(), key, bytes.NewReader(data), int64(len(data)))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range 4 {
		got, _ := get(t, s, "conc/"+string(rune('a'+i)))
		if !bytes.Equal(got, bytes.Repeat([]byte{byte(i)}, 100_000)) {
			t.Fatalf("object %d is torn", i)
		}
	}
}
