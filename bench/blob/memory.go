package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type memResult struct {
	wall                 time.Duration
	before, sampled, hwm int64 // bytes
}

// concurrent runs conc uploads at once and samples this process's RSS every 5 ms.
func concurrent(upload func(i int) error, conc int) (memResult, error) {
	res := memResult{before: procKB(os.Getpid(), "VmRSS") * 1024}
	var peak atomic.Int64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			if rss := procKB(os.Getpid(), "VmRSS") * 1024; rss > peak.Load() {
				peak.Store(rss)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	})
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, conc)
	for i := range conc {
		wg.Go(func() { errs <- upload(100000 + i) })
	}
	wg.Wait()
	res.wall = time.Since(start)
	close(stop)
	sampler.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return res, err
		}
	}
	res.sampled = peak.Load()
	res.hwm = procKB(os.Getpid(), "VmHWM") * 1024
	return res, nil
}

// procKB reads one "Name:  N kB" line of /proc/<pid>/status.
func procKB(pid int, name string) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), name+":"); ok {
			v, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return v
		}
	}
	return 0
}
