# Redis for the rate limit shared by the replicas (internal/ratelimit). `make run`, `make test`, the SDK tests
# and the API benches use the machine's Redis on 127.0.0.1:$(REDIS_PORT); where none answers, a throw-away one
# is started (nothing kept on disk, files in .cache/redis). Without Redis the server still runs: each process
# then counts requests alone and says so loudly in its log.
DEB_PACKAGES += redis-server redis-tools

REDIS_PORT ?= 6379
REDIS_DIR  := $(CACHE)/redis
export KYC_REDIS_URL ?= redis://127.0.0.1:$(REDIS_PORT)/0

# (extra prerequisite lines: these targets are defined in other fragments)
run: redis
test: redis
test-sdk-go test-sdk-python test-sdk-ts: redis
bench-api: redis
# The API bench measures the API: the limiter is on but out of the way (bench-ratelimit measures its cost).
bench-api: export KYC_RATE_LIMIT_PER_MINUTE = 1000000000

.PHONY: redis redis-down bench-ratelimit
redis: debs ## make sure Redis answers on 127.0.0.1:$REDIS_PORT (starts a throw-away one in .cache/redis if not)
	@if redis-cli -h 127.0.0.1 -p $(REDIS_PORT) ping 2>/dev/null | grep -q PONG; then exit 0; fi; \
	echo "no Redis on 127.0.0.1:$(REDIS_PORT): starting a throw-away one in $(REDIS_DIR)"; \
	mkdir -p "$(REDIS_DIR)"; \
	redis-server --daemonize yes --bind 127.0.0.1 --port $(REDIS_PORT) --save "" --appendonly no \
	  --dir "$(REDIS_DIR)" --pidfile "$(REDIS_DIR)/redis.pid" --logfile "$(REDIS_DIR)/redis.log"; \
	for i in $$(seq 1 50); do \
	  redis-cli -h 127.0.0.1 -p $(REDIS_PORT) ping 2>/dev/null | grep -q PONG && exit 0; sleep 0.1; \
	done; \
	echo "Redis did not start; see $(REDIS_DIR)/redis.log"; tail -n 20 "$(REDIS_DIR)/redis.log"; exit 1

redis-down: ## stop the Redis that `make redis` started (never the machine's own)
	@if [ -f "$(REDIS_DIR)/redis.pid" ] && kill -0 "$$(cat "$(REDIS_DIR)/redis.pid")" 2>/dev/null; then \
	  pid=$$(cat "$(REDIS_DIR)/redis.pid"); kill "$$pid"; \
	  for i in $$(seq 1 50); do kill -0 "$$pid" 2>/dev/null || break; sleep 0.1; done; \
	  rm -f "$(REDIS_DIR)/redis.pid"; echo "redis stopped"; \
	else \
	  echo "no Redis started by make redis"; \
	fi

bench-ratelimit: bench-tools postgres redis ## GetKycStatus req/s with the limiter off, in Redis and in memory (overhead %)
	bash bench/ratelimit/run.sh $(or $(BENCH_SECONDS),10) 32 $(or $(BENCH_ROUNDS),3)
	go test -run '^$$' -bench . -benchtime 2s ./internal/ratelimit/
