package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/redis/go-redis/v9"

	"github.com/enxtai/kyc/bench/internal/benchenv"
)

// usage is what one server process has spent so far: the inputs of the capacity model in docs/operations.md.
type usage struct {
	cpu          time.Duration // the server's user+system CPU (all its threads: API, jobs, OCR, face)
	pgCommits    int64         // committed transactions in its database
	pgRowWrites  int64         // rows inserted, updated or deleted
	s3Bytes      int64         // bytes stored in its bucket
	s3Objects    int
	redisCalls   int64 // commands Redis executed (the shared rate limit)
	haveRedisErr error
}

// readUsage reads the counters. PostgreSQL publishes statistics with a delay; the caller waits before reading.
func readUsage(env *benchenv.Env) (usage, error) {
	var u usage
	var err error
	if u.cpu, err = processCPU(env.Cmd.Process.Pid); err != nil {
		return u, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, env.DBURL)
	if err != nil {
		return u, err
	}
	defer conn.Close(ctx)
	if err := conn.QueryRow(ctx, `SELECT xact_commit, tup_inserted + tup_updated + tup_deleted
		FROM pg_stat_database WHERE datname = current_database()`).Scan(&u.pgCommits, &u.pgRowWrites); err != nil {
		return u, err
	}
	mc, err := minio.New(env.S3.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(env.S3.AccessKey, env.S3.SecretKey, "")})
	if err != nil {
		return u, err
	}
	for o := range mc.ListObjects(ctx, env.Bucket, minio.ListObjectsOptions{Recursive: true}) {
		if o.Err != nil {
			return u, o.Err
		}
		u.s3Bytes += o.Size
		u.s3Objects++
	}
	u.redisCalls, u.haveRedisErr = redisCalls(ctx)
	return u, nil
}

// redisCalls is the total of Redis's commandstats (the machine's Redis, which the bench server uses alone).
func redisCalls(ctx context.Context) (int64, error) {
	url := os.Getenv("KYC_REDIS_URL")
	if url == "" {
		url = "redis://127.0.0.1:6379/0"
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		return 0, err
	}
	c := redis.NewClient(opt)
	defer c.Close()
	info, err := c.Info(ctx, "commandstats").Result()
	if err != nil {
		return 0, err
	}
	var total int64
	for _, line := range strings.Split(info, "\n") {
		// cmdstat_evalsha:calls=12,usec=...
		if _, rest, ok := strings.Cut(line, ":calls="); ok && strings.HasPrefix(line, "cmdstat_") && !strings.HasPrefix(line, "cmdstat_info:") {
			n, _ := strconv.ParseInt(strings.SplitN(rest, ",", 2)[0], 10, 64)
			total += n
		}
	}
	return total, nil
}

// processCPU is a process's user+system time from /proc/PID/stat (clock ticks of 10 ms).
func processCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

// printCapacity prints the per-session figures of n whole sessions (initiate, four uploads, processing, webhook)
// and the Redis calls per API request (calls counts the API requests the sessions made).
func printCapacity(before, after usage, n, calls int) {
	per := func(v int64) float64 { return float64(v) / float64(n) }
	fmt.Printf("capacity, per whole session (n=%d, sequential):\n", n)
	fmt.Printf("  server CPU         %6.2f s\n", (after.cpu-before.cpu).Seconds()/float64(n))
	fmt.Printf("  PostgreSQL         %6.1f commits, %6.1f row writes\n", per(after.pgCommits-before.pgCommits), per(after.pgRowWrites-before.pgRowWrites))
	fmt.Printf("  S3                 %6.2f MB in %.1f objects\n", per(after.s3Bytes-before.s3Bytes)/1e6, per(int64(after.s3Objects-before.s3Objects)))
	if after.haveRedisErr != nil {
		fmt.Printf("  Redis              unavailable: %v\n", after.haveRedisErr)
		return
	}
	fmt.Printf("  Redis              %6.2f calls per API request (%d requests per session)\n",
		float64(after.redisCalls-before.redisCalls)/float64(calls), calls/n)
}
