package main

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"sync"
	"syscall"
	"time"
)

// proc is one kyc-server process (serve or worker) that the fault schedule may kill and restart on the same
// addresses. Its peak RSS is kept across incarnations.
type proc struct {
	name, role string
	bin        string
	env        []string
	httpAddr   string // serve only
	debugAddr  string // KYC_DEBUG_ADDR (pprof), for the memory readings
	log        *os.File

	mu      sync.Mutex
	cmd     *exec.Cmd
	starts  int
	peakKiB float64
}

func (p *proc) Start() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	cmd := exec.Command(p.bin, p.role)
	cmd.Env, cmd.Stdout, cmd.Stderr = append(slices.Clip(p.env), "KYC_DEBUG_ADDR="+p.debugAddr), p.log, p.log
	if err := cmd.Start(); err != nil {
		return err
	}
	p.cmd = cmd
	p.starts++
	go func() { _ = cmd.Wait() }()
	return nil
}

// WaitHealthy waits for a serve process's /healthz (a worker: a short settle).
func (p *proc) WaitHealthy(limit time.Duration) error {
	if p.httpAddr == "" {
		time.Sleep(2 * time.Second)
		return nil
	}
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		if resp, err := http.Get("http://" + p.httpAddr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
	}
	return fmt.Errorf("%s not healthy after %v", p.name, limit)
}

// Kill sends SIGKILL: no graceful shutdown, in-flight requests and jobs die with it.
func (p *proc) Kill() {
	p.sample()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd != nil && p.cmd.Process != nil {
		_ = p.cmd.Process.Signal(syscall.SIGKILL)
		time.Sleep(200 * time.Millisecond)
	}
}

// Stop ends the process gracefully (SIGTERM), killing it after 15 s.
func (p *proc) Stop() {
	p.sample()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil || p.cmd.Process == nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	for i := 0; i < 150; i++ {
		if p.cmd.Process.Signal(syscall.Signal(0)) != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	_ = p.cmd.Process.Kill()
}

// sample records the peak RSS of the current incarnation (VmHWM).
func (p *proc) sample() (rssKiB float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil || p.cmd.Process == nil {
		return 0
	}
	if hwm := statusKiB(p.cmd.Process.Pid, "VmHWM:"); hwm > p.peakKiB {
		p.peakKiB = hwm
	}
	return statusKiB(p.cmd.Process.Pid, "VmRSS:")
}
