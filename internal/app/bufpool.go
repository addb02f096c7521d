package app

import (
	"slices"
	"sync"

	"google.golang.org/grpc/mem"
)

// bufferPool serves the gRPC server's frame buffers. Its tiers are gRPC's defaults plus one for upload chunks
// (a 64 KiB chunk message is a few bytes over 64 KiB, which the default tiers serve from 1 MiB buffers). Unlike
// mem.NewTieredBufferPool it does not zero a buffer it hands out again: gRPC reads a frame into the whole
// length it asks for, so nothing of the previous contents can show. In a CPU profile of 5 MB uploads zeroing
// fell from 8.6% to 5.4% of the server's CPU; the rest was the proto codec's (see serverCodec, which now
// gathers split messages into this pool too).
var bufferPool mem.BufferPool = newDirtyPool(256, 4<<10, 16<<10, 32<<10, 64<<10+1<<10, 1<<20)

type dirtyPool struct {
	sizes []int
	pools []sync.Pool
}

func newDirtyPool(sizes ...int) *dirtyPool {
	sizes = slices.Sorted(slices.Values(sizes))
	return &dirtyPool{sizes: sizes, pools: make([]sync.Pool, len(sizes))}
}

// tier is the smallest tier that holds n bytes, or -1 if none does.
func (p *dirtyPool) tier(n int) int {
	i, _ := slices.BinarySearch(p.sizes, n)
	if i == len(p.sizes) {
		return -1
	}
	return i
}

func (p *dirtyPool) Get(n int) *[]byte {
	i := p.tier(n)
	if i < 0 {
		b := make([]byte, n)
		return &b
	}
	if b, ok := p.pools[i].Get().(*[]byte); ok {
		*b = (*b)[:n]
		return b
	}
	b := make([]byte, n, p.sizes[i])
	return &b
}

func (p *dirtyPool) Put(b *[]byte) {
	// A buffer goes back to the largest tier it can serve in full; odd sizes (the oversize ones) are dropped.
	i, exact := slices.BinarySearch(p.sizes, cap(*b))
	if !exact {
		i--
	}
	if i < 0 || cap(*b) > p.sizes[len(p.sizes)-1] {
		return
	}
	*b = (*b)[:0]
	p.pools[i].Put(b)
}
