package envelope

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"strings"
	"testing"
)

func testKey(t testing.TB, id string) Key {
	t.Helper()
	k := Key{ID: id}
	if _, err := rand.Read(k.Secret[:]); err != nil {
		t.Fatal(err)
	}
	return k
}

func mustKeyring(t testing.TB, active Key, older ...Key) *Keyring {
	t.Helper()
	kr, err := NewKeyring(active, older...)
	if err != nil {
		t.Fatal(err)
	}
	return kr
}

func seal(t testing.TB, kr *Keyring, plain, aad []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	w, err := NewWriter(&out, kr, aad)
	if err != nil {
		t.Fatal(err)
	}
	// odd write sizes cross segment boundaries
	for p := plain; len(p) > 0; {
		n := min(len(p), 10007)
		if _, err := w.Write(p[:n]); err != nil {
			t.Fatal(err)
		}
		p = p[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func open(kr *Keyring, sealed, aad []byte) ([]byte, error) {
	r, err := NewReader(bytes.NewReader(sealed), kr, aad)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	kr := mustKeyring(t, testKey(t, "k1"))
	aad := []byte("kyc/session-1/PAN_1.jpg")
	for _, size := range []int{0, 1, 15, 16, 17, DefaultSegmentSize - 1, DefaultSegmentSize, DefaultSegmentSize + 1,
		3 * DefaultSegmentSize, 5*1024*1024 + 3} {
		plain := make([]byte, size)
		_, _ = rand.Read(plain)
		sealed := seal(t, kr, plain, aad)
		if want := kr.SealedSize(int64(size), 0); int64(len(sealed)) != want {
			t.Errorf("size %d: sealed %d bytes, SealedSize says %d", size, len(sealed), want)
		}
		rd, err := NewReader(bytes.NewReader(sealed), kr, aad)
		if err != nil {
			t.Fatal(err)
		}
		if ps, err := rd.PlainSize(int64(len(sealed))); err != nil || ps != int64(size) {
			t.Errorf("size %d: PlainSize = %d, %v", size, ps, err)
		}
		if _, err := rd.PlainSize(int64(len(sealed)) + 5); size%DefaultSegmentSize == 0 && size > 0 && err == nil {
			t.Errorf("size %d: PlainSize accepted an impossible sealed size", size)
		}
		got, err := open(kr, sealed, aad)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("size %d: round trip failed: err=%v equal=%v", size, err, bytes.Equal(got, plain))
		}
		if size > 64 && bytes.Contains(sealed, plain[:64]) {
			t.Fatalf("size %d: plaintext visible in sealed bytes", size)
		}
	}
}

func TestTamperDetection(t *testing.T) {
	t.Parallel()
	k1 := testKey(t, "k1")
	kr := mustKeyring(t, k1)
	aad := []byte("kyc/s/AADHAAR_FRONT_1.png")
	plain := make([]byte, 3*DefaultSegmentSize+100)
	_, _ = rand.Read(plain)
	sealed := seal(t, kr, plain, aad)
	hdr := kr.SealedSize(0, 0) - tagSize
	seg := int64(DefaultSegmentSize + tagSize)

	mutate := func(f func(b []byte) []byte) []byte { return f(append([]byte{}, sealed...)) }
	tests := []struct {
		name string
		in   []byte
		kr   *Keyring
		aad  []byte
		want error
	}{
		{"flipped byte in a segment", mutate(func(b []byte) []byte { b[hdr+seg+5] ^= 1; return b }), kr, aad, ErrTampered},
		{"flipped byte in the last tag", mutate(func(b []byte) []byte { b[len(b)-1] ^= 1; return b }), kr, aad, ErrTampered},
		{"flipped byte in the wrapped key", mutate(func(b []byte) []byte { b[hdr-1] ^= 1; return b }), kr, aad, ErrTampered},
		{"flipped nonce prefix", mutate(func(b []byte) []byte { b[10] ^= 1; return b }), kr, aad, ErrTampered},
		{"truncated mid segment", sealed[:len(sealed)-50], kr, aad, ErrTampered},
		{"truncated at a segment boundary", sealed[:hdr+2*seg], kr, aad, ErrTampered},
		{"last segment dropped", sealed[:hdr+3*seg], kr, aad, ErrTampered},
		{"header only", sealed[:hdr], kr, aad, ErrTampered},
		{"cut inside header", sealed[:20], kr, aad, ErrTampered},
		{"appended segment", append(append([]byte{}, sealed...), sealed[hdr:hdr+seg]...), kr, aad, ErrTampered},
		{"reordered segments", mutate(func(b []byte) []byte {
			s0 := append([]byte{}, b[hdr:hdr+seg]...)
			copy(b[hdr:hdr+seg], b[hdr+seg:hdr+2*seg])
			copy(b[hdr+seg:hdr+2*seg], s0)
			return b
		}), kr, aad, ErrTampered},
		{"other associated data (object moved)", sealed, kr, []byte("kyc/other/PAN_1.jpg"), ErrTampered},
		{"wrong master key, same id", sealed, mustKeyring(t, testKey(t, "k1")), aad, ErrTampered},
		{"unknown key id", sealed, mustKeyring(t, testKey(t, "k2")), aad, ErrUnknownKey},
		{"not sealed at all", []byte(strings.Repeat("x", 200)), kr, aad, ErrTampered},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := open(tc.kr, tc.in, tc.aad)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if bytes.Equal(got, plain) {
				t.Fatal("tampered object opened to the original plaintext")
			}
		})
	}
}

func TestKeyRotation(t *testing.T) {
	t.Parallel()
	k1, k2 := testKey(t, "2026-01"), testKey(t, "2026-06")
	before := mustKeyring(t, k1)
	after := mustKeyring(t, k2, k1)
	onlyNew := mustKeyring(t, k2)
	plain := []byte("an Aadhaar card, of course")
	old := seal(t, before, plain, nil)
	fresh := seal(t, after, plain, nil)

	if got, err := open(after, old, nil); err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("rotated keyring cannot open an object sealed before rotation: %v", err)
	}
	if !bytes.Contains(fresh, []byte("2026-06")) || bytes.Contains(fresh, []byte("2026-01")) {
		t.Fatal("new objects are not sealed with the active key")
	}
	if _, err := open(before, fresh, nil); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("old keyring opened a new object: %v", err)
	}
	if _, err := open(onlyNew, old, nil); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("retired key still opens: %v", err)
	}
}

func TestDetachedHeader(t *testing.T) {
	t.Parallel()
	kr := mustKeyring(t, testKey(t, "k1"))
	var segs bytes.Buffer
	w, err := NewDetachedWriter(&segs, kr)
	if err != nil {
		t.Fatal(err)
	}
	plain := bytes.Repeat([]byte("0123456789"), 20000)
	if _, err := w.Write(plain); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	hdr, err := w.Header([]byte("late/name.png"))
	if err != nil || len(hdr) != w.HeaderSize() {
		t.Fatalf("header: %v (len %d, want %d)", err, len(hdr), w.HeaderSize())
	}
	if _, err := w.Header([]byte("again")); err == nil {
		t.Fatal("a second header (data key reuse) was allowed")
	}
	got, err := open(kr, append(hdr, segs.Bytes()...), []byte("late/name.png"))
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("detached round trip: %v", err)
	}
}

func TestParseKeyring(t *testing.T) {
	t.Parallel()
	good := "k2:" + strings.Repeat("A", 43) + "=, k1:" + strings.Repeat("B", 43) + "="
	kr, err := ParseKeyring(good)
	if err != nil || kr.ActiveID() != "k2" || len(kr.keys) != 2 {
		t.Fatalf("ParseKeyring(good) = %v, %v", kr, err)
	}
	secret := strings.Repeat("C", 43) + "="
	for _, bad := range []string{"", "k1", "k1:short", "k1:" + secret + ",k1:" + secret, "bad id:" + secret,
		":" + secret, "k1:" + strings.Repeat("D", 44)} {
		_, err := ParseKeyring(bad)
		if err == nil {
			t.Errorf("ParseKeyring(%q) accepted", bad)
			continue
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "DDDD") {
			t.Errorf("error leaks key material: %v", err)
		}
	}
	if s := kr.String(); strings.Contains(s, "AAAA") {
		t.Errorf("String leaks key material: %s", s)
	}
}
