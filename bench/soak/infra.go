package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgCluster is a throw-away PostgreSQL cluster (initdb/pg_ctl, as the Makefile's postgres target) on its own
// port, so that the soak can restart it.
type pgCluster struct {
	bin, dir string
	port     int
}

func startPostgres(dir string) (*pgCluster, error) {
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Strings(bins)
	if len(bins) == 0 {
		return nil, fmt.Errorf("no PostgreSQL binaries in /usr/lib/postgresql")
	}
	c := &pgCluster{bin: bins[len(bins)-1], dir: filepath.Join(dir, "pg"), port: freePort()}
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return nil, err
	}
	_ = exec.Command("chown", "-R", "postgres", dir).Run()
	if out, err := c.as("initdb", "-D", c.dir+"/data", "--auth=trust", "-U", "postgres"); err != nil {
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	return c, c.start()
}

func (c *pgCluster) as(tool string, args ...string) ([]byte, error) {
	if os.Geteuid() == 0 {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", c.bin + "/" + tool}, args...)...).CombinedOutput()
	}
	return exec.Command(c.bin+"/"+tool, args...).CombinedOutput()
}

func (c *pgCluster) start() error {
	out, err := c.as("pg_ctl", "-D", c.dir+"/data", "-l", c.dir+"/log", "-o",
		fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c max_connections=200", c.port, c.dir), "-w", "start")
	if err != nil {
		return fmt.Errorf("pg_ctl start: %v: %s", err, out)
	}
	return nil
}

// Restart stops the server at once (in-flight transactions abort) and starts it again.
func (c *pgCluster) Restart() error {
	if out, err := c.as("pg_ctl", "-D", c.dir+"/data", "-m", "fast", "-w", "stop"); err != nil {
		return fmt.Errorf("pg_ctl stop: %v: %s", err, out)
	}
	return c.start()
}

func (c *pgCluster) Stop() {
	_, _ = c.as("pg_ctl", "-D", c.dir+"/data", "-m", "immediate", "-w", "stop")
}

// runningJobs waits up to limit for a job to be running and returns how many are.
func (c *pgCluster) runningJobs(limit time.Duration) int {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.URL("kyc"))
	if err != nil {
		return 0
	}
	defer conn.Close(context.Background())
	for {
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE state = 'running'`).Scan(&n); err != nil || n > 0 {
			return n
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (c *pgCluster) URL(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

// startRedis runs a private redis-server without persistence on loopback.
func startRedis(dir string) (*exec.Cmd, int, error) {
	port := freePort()
	cmd := exec.Command("redis-server", "--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--save", "",
		"--appendonly", "no", "--dir", dir)
	if err := cmd.Start(); err != nil {
		return nil, 0, err
	}
	for i := 0; i < 50; i++ {
		if c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port)); err == nil {
			c.Close()
			return cmd, port, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return cmd, port, fmt.Errorf("redis did not start")
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// statusKiB reads a field (VmRSS, VmHWM) of /proc/<pid>/status.
func statusKiB(pid int, field string) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, field) {
			v, _ := strconv.ParseFloat(strings.Fields(l)[1], 64)
			return v
		}
	}
	return 0
}
