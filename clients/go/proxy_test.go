package kyc_test

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// cutProxy forwards TCP connections to the real server. The first connection is cut after cutAfter bytes from
// the client (0: never), which the client sees as UNAVAILABLE mid-call: a real dropped connection, not a fake
// server.
type cutProxy struct {
	ln       net.Listener
	target   string
	cutAfter int64
	conns    atomic.Int64
	wg       sync.WaitGroup
}

func startProxy(t *testing.T, addr, target string, cutAfter int64) *cutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, target: target, cutAfter: cutAfter}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.wg.Wait() })
	return p
}

func (p *cutProxy) Addr() string { return p.ln.Addr().String() }

func (p *cutProxy) serve() {
	defer p.wg.Done()
	for {
		in, err := p.ln.Accept()
		if err != nil {
			return
		}
		n := p.conns.Add(1)
		out, err := net.Dial("tcp", p.target)
		if err != nil {
			in.Close()
			continue
		}
		limit := int64(-1)
		if n == 1 && p.cutAfter > 0 {
			limit = p.cutAfter
		}
		p.wg.Add(2)
		go func() {
			defer p.wg.Done()
			if limit > 0 {
				_, _ = io.CopyN(out, in, limit)
			} else {
				_, _ = io.Copy(out, in)
			}
			in.Close()
			out.Close()
		}()
		go func() {
			defer p.wg.Done()
			_, _ = io.Copy(in, out)
			in.Close()
			out.Close()
		}()
	}
}

// freeAddr is a loopback address nothing listens on (yet).
func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
