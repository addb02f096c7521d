package app

import (
	"bytes"
	"testing"

	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
)

// A chunk message arriving in several frames decodes whole, also from buffers the pool hands out dirty.
func TestServerCodecGathersSplitMessages(t *testing.T) {
	pool := newDirtyPool(64 << 10)
	for range 3 { // leave dirty buffers in the pool
		b := pool.Get(64 << 10)
		for i := range *b {
			(*b)[i] = 0xAA
		}
		pool.Put(b)
	}
	codec := newServerCodec(pool)
	chunk := bytes.Repeat([]byte("0123456789"), 6000)
	raw, err := proto.Marshal(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Chunk{Chunk: chunk}})
	if err != nil {
		t.Fatal(err)
	}
	for _, frame := range []int{len(raw), 16 << 10, 1000} {
		var data mem.BufferSlice
		for off := 0; off < len(raw); off += frame {
			data = append(data, mem.SliceBuffer(raw[off:min(off+frame, len(raw))]))
		}
		var got kycv1.UploadDocumentRequest
		if err := codec.Unmarshal(data, &got); err != nil {
			t.Fatalf("frames of %d: %v", frame, err)
		}
		if !bytes.Equal(got.GetChunk(), chunk) {
			t.Fatalf("frames of %d: chunk differs", frame)
		}
	}
	if err := codec.Unmarshal(mem.BufferSlice{mem.SliceBuffer(raw)}, new(struct{})); err == nil {
		t.Fatal("decoded into a non-proto value")
	}
	out, err := codec.Marshal(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Chunk{Chunk: chunk}})
	if err != nil || !bytes.Equal(out.Materialize(), raw) {
		t.Fatalf("Marshal: %v", err)
	}
}
