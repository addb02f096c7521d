package app

import "testing"

func TestDirtyPool(t *testing.T) {
	p := newDirtyPool(256, 4<<10, 64<<10+1<<10)
	tests := []struct {
		n, wantCap int
	}{{0, 256}, {1, 256}, {256, 256}, {257, 4 << 10}, {64 << 10, 64<<10 + 1<<10}, {64<<10 + 1<<10 + 1, 64<<10 + 1<<10 + 1}}
	for _, tc := range tests {
		b := p.Get(tc.n)
		if len(*b) != tc.n || cap(*b) != tc.wantCap {
			t.Errorf("Get(%d): len %d cap %d, want len %d cap %d", tc.n, len(*b), cap(*b), tc.n, tc.wantCap)
		}
		p.Put(b)
	}
	// A buffer put back serves any request its tier serves, whatever length it was handed out with.
	b := p.Get(300)
	(*b)[0] = 7
	p.Put(b)
	for range 100 { // sync.Pool may drop items; it must never hand out a short one
		if c := p.Get(4 << 10); len(*c) != 4<<10 || cap(*c) < 4<<10 {
			t.Fatalf("Get(4 KiB) after Put: len %d cap %d", len(*c), cap(*c))
		}
	}
	p.Put(new([]byte)) // a buffer smaller than every tier is dropped, not served
	if c := p.Get(10); cap(*c) < 256 {
		t.Fatalf("Get(10) cap %d", cap(*c))
	}
}
