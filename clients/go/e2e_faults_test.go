package kyc_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"

	kyc "github.com/enxtai/kyc/clients/go"
)

func countStreams(n *atomic.Int64) kyc.Option {
	return kyc.WithDialOptions(grpc.WithChainStreamInterceptor(
		func(ctx context.Context, d *grpc.StreamDesc, cc *grpc.ClientConn, m string, s grpc.Streamer, o ...grpc.CallOption) (grpc.ClientStream, error) {
			n.Add(1)
			return s(ctx, d, cc, m, o...)
		}))
}

// A server that is not there yet: calls fail UNAVAILABLE and are retried until it comes up.
func TestRetryUntilServerComesUp(t *testing.T) {
	e := liveEnv(t)
	addr := freeAddr(t)
	c := e.client(t, kyc.WithRetryPolicy(fastRetries()))
	c2, err := kyc.New(addr, kyc.WithAPIKey(e.apiKey), kyc.WithRetryPolicy(fastRetries()))
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	_ = c
	go func() {
		time.Sleep(400 * time.Millisecond)
		startProxy(t, addr, e.grpcAddr, 0)
	}()
	start := time.Now()
	resp, err := c2.Initiate(context.Background(), kyc.InitiateParams{ExternalUserID: userID(t)}, kyc.WithTimeout(30*time.Second))
	if err != nil {
		t.Fatalf("initiate through a server that came up late: %v", err)
	}
	if resp.GetKycSessionId() == "" || time.Since(start) < 300*time.Millisecond {
		t.Fatalf("resp %v after %v: the first attempt cannot have succeeded", resp, time.Since(start))
	}
}

func TestRetryGivesUpWithTypedError(t *testing.T) {
	e := liveEnv(t)
	p := fastRetries()
	p.MaxAttempts = 3
	var n atomic.Int64
	c, err := kyc.New(freeAddr(t), kyc.WithAPIKey(e.apiKey), kyc.WithRetryPolicy(p), countStreams(&n))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.UploadPAN(context.Background(), "nobody", kyc.File(e.doc("pan.jpg")))
	if !errors.Is(err, kyc.ErrUnavailable) || n.Load() != 3 {
		t.Fatalf("err %v after %d attempts; want UNAVAILABLE after 3", err, n.Load())
	}
}

// A connection cut in the middle of an upload: a file is sent again; a plain reader, already partly consumed,
// is not (its bytes are gone), and the caller gets UNAVAILABLE.
func TestUploadCutMidStream(t *testing.T) {
	e := liveEnv(t)
	big := mustRead(t, e.doc("big.jpg"))
	for _, c := range []struct {
		name     string
		src      kyc.Source
		ok       bool
		attempts int64
	}{
		{"file is re-read and sent again", kyc.File(e.doc("big.jpg")), true, 2},
		{"seekable reader is rewound", kyc.Reader(bytes.NewReader(big), "big.jpg"), true, 2},
		{"plain reader is not re-sent", kyc.Reader(io.MultiReader(bytes.NewReader(big)), "big.jpg"), false, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			proxy := startProxy(t, "127.0.0.1:0", e.grpcAddr, 1<<20) // cut after ~1 MB of the first connection
			var n atomic.Int64
			cl, err := kyc.New(proxy.Addr(), kyc.WithAPIKey(e.apiKey), kyc.WithRetryPolicy(fastRetries()), countStreams(&n))
			if err != nil {
				t.Fatal(err)
			}
			defer cl.Close()
			ctx := context.Background()
			user := userID(t)
			if _, err := cl.Initiate(ctx, kyc.InitiateParams{ExternalUserID: user}); err != nil {
				t.Fatal(err)
			}
			resp, err := cl.UploadLivePhoto(ctx, user, c.src)
			if c.ok && (err != nil || !resp.GetSuccess()) {
				t.Fatalf("upload: %v %v", resp, err)
			}
			if !c.ok && !errors.Is(err, kyc.ErrUnavailable) {
				t.Fatalf("want UNAVAILABLE, got %v", err)
			}
			if n.Load() != c.attempts {
				t.Fatalf("%d upload attempts, want %d", n.Load(), c.attempts)
			}
		})
	}
}
