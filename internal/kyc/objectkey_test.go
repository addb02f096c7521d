package kyc

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestObjectKeysAreUniqueWithinAMillisecond(t *testing.T) {
	client, sess := uuid.New(), uuid.New()
	now := time.UnixMilli(1735987654321)
	var mu sync.Mutex
	seen := map[string]bool{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				k := objectKey(client, sess, DocPAN, "jpg", now)
				mu.Lock()
				if seen[k] {
					t.Errorf("key %s handed out twice", k)
				}
				seen[k] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	k := objectKey(client, sess, DocPAN, "png", time.Now().Add(time.Hour))
	want := ObjectPrefix + client.String()[:8] + "/" + sess.String() + "/PAN_CARD_"
	if !strings.HasPrefix(k, want) || !strings.HasSuffix(k, ".png") {
		t.Fatalf("key %q, want %s<ms>.png", k, want)
	}
	if got := keyClock.next(now); got <= now.UnixMilli()+800 {
		t.Fatalf("clock went back to %d after handing out later milliseconds", got)
	}
}
