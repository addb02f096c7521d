# Soak under faults (issue 18): two serve replicas, one worker, a throw-away PostgreSQL cluster on its own port,
# Redis and the S3 gateway (each behind a loopback proxy the fault schedule takes away), synthetic clients of
# several tenants running the guide's flow while the worker and serve are killed (-9), PostgreSQL restarts,
# S3 and Redis go away and a webhook receiver answers 503 for a while. Each process's RSS after a warm-up is its
# baseline; after recovery it must be back within max(+25%, +50 MiB). Ends with the summary line
# "soak: sessions N decided N stuck 0 lost-uploads 0 lost-webhooks 0 memory-over 0"; exits non-zero when a
# target is missed. Figures and recorded runs: bench/README.md ("Soak under faults").
.PHONY: soak soak-short
soak: setup ## the full soak under faults (about 12 minutes; SOAK_DURATION, default 10m)
	nice -n 5 go run ./bench/soak -duration $(or $(SOAK_DURATION),10m) -tenants 3 -clients 2

# The same fault kinds, shorter: S3 and Redis down 8 s, the receiver 20 s, a job of the killed worker rescued
# after 45 s, 60 s of sessions.
soak-short: setup ## the short soak that make test runs (2-3 minutes)
	nice -n 5 go run ./bench/soak -duration 60s -tenants 2 -clients 1 -outage 8s -hook-outage 20s -recovery 3s \
		-rescue-after 45s -settle 8s -drain 3m

TEST_EXTRA += soak-short
