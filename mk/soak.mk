# Soak under faults (issue 18): two serve replicas, one worker, a throw-away PostgreSQL cluster on its own port,
# Redis and the S3 gateway (each behind a loopback proxy the fault schedule takes away), synthetic clients of
# several tenants running the guide's flow while serve and the worker are killed (-9), PostgreSQL restarts,
# S3 and Redis go away for 20 s and a webhook receiver for 60 s. Ends with the summary line
# "soak: sessions N decided N stuck 0 lost-uploads 0 lost-webhooks 0"; exits non-zero when a target is missed.
# Figures and a recorded run: bench/README.md ("Soak under faults").
.PHONY: soak soak-short
soak: setup ## the full soak under faults (about 15 minutes; SOAK_DURATION, default 10m)
	nice -n 5 go run ./bench/soak -duration $(or $(SOAK_DURATION),10m) -tenants 3 -clients 2

soak-short: setup ## the short soak that make test runs (about 3 minutes)
	nice -n 5 go run ./bench/soak -duration 150s -tenants 2 -clients 1 -drain 4m

TEST_EXTRA += soak-short
