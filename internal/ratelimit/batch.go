package ratelimit

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// batchingClient is the Redis client the library's store talks to. Its EvalSha calls (one per request: the
// library's counting script) are queued, and a few senders each take whatever is queued and send it as one
// pipeline: under load many requests share one write, one read and one wake-up instead of each paying for a
// round trip of its own; alone, a call goes out at once. Everything else passes to the go-redis client.
type batchingClient struct {
	*redis.Client
	timeout time.Duration
	calls   chan *evalCall
	quit    chan struct{}
	senders sync.WaitGroup
	closing sync.Once
}

type evalCall struct {
	sha  string
	keys []string
	args []any
	cmd  *redis.Cmd
	done chan struct{}
}

const (
	batchSenders = 4   // pipelines in flight at once
	maxBatch     = 128 // calls per pipeline
)

var errClosed = errors.New("rate limit: Redis client closed")

func newBatchingClient(c *redis.Client, timeout time.Duration) *batchingClient {
	b := &batchingClient{Client: c, timeout: timeout, calls: make(chan *evalCall, maxBatch), quit: make(chan struct{})}
	b.senders.Add(batchSenders)
	for range batchSenders {
		go b.send()
	}
	return b
}

// EvalSha queues the call and waits for its answer (or for ctx).
func (b *batchingClient) EvalSha(ctx context.Context, sha string, keys []string, args ...any) *redis.Cmd {
	call := &evalCall{sha: sha, keys: keys, args: args, done: make(chan struct{})}
	select {
	case b.calls <- call:
	case <-ctx.Done():
		return failedCmd(ctx, ctx.Err())
	case <-b.quit:
		return failedCmd(ctx, errClosed)
	}
	select {
	case <-call.done:
		return call.cmd
	case <-ctx.Done():
		return failedCmd(ctx, ctx.Err())
	}
}

func (b *batchingClient) send() {
	defer b.senders.Done()
	batch := make([]*evalCall, 0, maxBatch)
	for {
		select {
		case call := <-b.calls:
			batch = append(batch[:0], call)
		case <-b.quit:
			return
		}
	more:
		for len(batch) < maxBatch {
			select {
			case call := <-b.calls:
				batch = append(batch, call)
			default:
				break more
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), b.timeout)
		pipe := b.Client.Pipeline()
		for _, call := range batch {
			call.cmd = pipe.EvalSha(ctx, call.sha, call.keys, call.args...)
		}
		_, _ = pipe.Exec(ctx) // each call's error is on its own command
		cancel()
		for _, call := range batch {
			close(call.done)
		}
	}
}

// Close stops the senders and closes the connections.
func (b *batchingClient) Close() error {
	err := errClosed
	b.closing.Do(func() {
		close(b.quit)
		b.senders.Wait()
		err = b.Client.Close()
	})
	return err
}

func failedCmd(ctx context.Context, err error) *redis.Cmd {
	cmd := redis.NewCmd(ctx)
	cmd.SetErr(err)
	return cmd
}
