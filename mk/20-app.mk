# Build, run and test the server. Both `run` and `test` install what they need first (Debian packages,
# models, tools) and are quick when everything is already there.
DEB_PACKAGES += curl postgresql wrk hyperfine

PG_PORT ?= 5432
PG_DATA := $(CACHE)/pgdata
export KYC_DATABASE_URL ?= postgres://postgres@127.0.0.1:$(PG_PORT)/kyc?sslmode=disable

.PHONY: setup build run test test-go postgres
setup: debs ## install everything build, run and test need (idempotent)

# kyc-testkit (synthetic cards) is its own binary: the production kyc-server links no test kit.
build: setup ## build bin/kyc-server and bin/kyc-testkit
	go build -o bin/kyc-server ./server
	go build -o bin/kyc-testkit ./cmd/kyc-testkit

# postgres: use the machine's PostgreSQL on 127.0.0.1:$(PG_PORT); where none answers, start a throw-away
# cluster in .cache/pgdata (trust auth, user postgres).
postgres: debs
	@if pg_isready -q -h 127.0.0.1 -p $(PG_PORT); then exit 0; fi; \
	bin=$$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1); \
	if [ ! -f "$(PG_DATA)/PG_VERSION" ]; then \
	  echo "no PostgreSQL on 127.0.0.1:$(PG_PORT): creating a throw-away cluster in $(PG_DATA)"; \
	  mkdir -p "$(PG_DATA)"; chown postgres "$(PG_DATA)" 2>/dev/null || true; \
	  runuser -u postgres -- $$bin/initdb -D "$(PG_DATA)" --auth=trust -U postgres >/dev/null; \
	fi; \
	runuser -u postgres -- $$bin/pg_ctl -D "$(PG_DATA)" -l "$(PG_DATA)/log" \
	  -o "-c listen_addresses=127.0.0.1 -p $(PG_PORT) -k $(PG_DATA)" -w start >/dev/null; \
	pg_isready -h 127.0.0.1 -p $(PG_PORT)

# make run is a developer's server: development mode (http webhook endpoints allowed, as the guide's local
# receiver needs) and webhook receivers on this machine allowed. A production server sets neither.
RUN_DEV_HOOKS := 127.0.0.1,::1,localhost
RUN_ENV += KYC_MODE="$${KYC_MODE:-development}" KYC_WEBHOOK_ALLOWED_HOSTS="$${KYC_WEBHOOK_ALLOWED_HOSTS-$(RUN_DEV_HOOKS)}"

run: build postgres $(RUN_DEPS) ## build and serve the API on :8080 (REST) and :9090 (gRPC) in development mode
	@echo; echo "KYC_MODE=$${KYC_MODE:-development}: http webhook endpoints allowed, receivers on $${KYC_WEBHOOK_ALLOWED_HOSTS-$(RUN_DEV_HOOKS)} allowed."; \
	 echo "(Not for production: see the README's production checklist.)"; \
	 echo; echo "Create a client and its API key (shown once) in another shell:"; \
	 echo "  ./bin/kyc-server client create --name \"My Company\""; \
	 echo "Then: curl -X POST http://localhost:8080/api/v1/kyc/initiate -H 'X-API-Key: <apiKey>' \\"; \
	 echo "        -H 'Content-Type: application/json' -d '{\"externalUserId\":\"customer-12345\"}'"; \
	 echo "API docs: http://localhost:8080/api/docs/"; echo
	$(RUN_ENV) KYC_AUTO_MIGRATE="$${KYC_AUTO_MIGRATE:-true}" ./bin/kyc-server serve

test: setup postgres ## run every test (real PostgreSQL, S3, Tesseract, dlib), vet and the generated-code check
	go vet ./...
	KYC_AUTO_MIGRATE=true go test -count=1 -timeout 20m ./...
	@for t in $(TEST_EXTRA); do $(MAKE) --no-print-directory $$t; done
	$(MAKE) --no-print-directory check-generated lint breaking

GHZ_VERSION := v0.121.0
.PHONY: bench-tools bench-api
bench-tools: debs ## install the load tools (ghz pinned; wrk and hyperfine from Debian)
	@go version -m $(TOOLBIN)/ghz 2>/dev/null | grep -qE 'mod\s+github.com/bojand/ghz\s+$(GHZ_VERSION)' || \
	  GOBIN=$(TOOLBIN) go install github.com/bojand/ghz/cmd/ghz@$(GHZ_VERSION)

bench-api: bench-tools postgres ## REST (wrk) and gRPC (ghz) throughput of GetKycStatus and InitiateKyc
	bash bench/api/run.sh $(or $(BENCH_SECONDS),10) 32

# Both start their own server (fresh database, own S3 server) through bench/internal/benchenv.
.PHONY: bench-upload bench-pipeline
bench-upload: setup postgres redis ## 5 MB upload over gRPC and REST vs a direct PutObject (ratio), RSS of 50 concurrent
	go run ./bench/upload -n $(or $(BENCH_N),20) -concurrency 50

bench-pipeline: setup postgres redis ## live photo -> decision p50/p95, sessions/min, decision -> webhook p50
	go run ./bench/pipeline -n $(or $(BENCH_N),20) -concurrency 4 -duration $(or $(BENCH_DURATION),60s) 2>/dev/null

# The npm packages the API guide's Node examples import (tests run them unchanged).
GUIDE_NODE := internal/testkit/guide/node
SETUP += $(GUIDE_NODE)/node_modules/.stamp
DEB_PACKAGES += nodejs python3-requests python3-flask
$(GUIDE_NODE)/node_modules/.stamp: $(GUIDE_NODE)/package.json $(GUIDE_NODE)/package-lock.json
	cd $(GUIDE_NODE) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@
