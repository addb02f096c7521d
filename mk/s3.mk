# S3-compatible object storage for tests and `make run`: the Versity S3 gateway (Apache-2.0).
#
# The credentials below are fixed DEVELOPMENT values for a server bound to loopback; they are not secrets and
# must never be used for a real deployment. Tests (internal/testkit/s3test) start their own server on a free
# port with fresh credentials and do not use s3-up.

VERSITYGW_VERSION := v1.8.0
VERSITYGW         := $(TOOLBIN)/versitygw
KYC_S3_PORT       ?= 9000
KYC_S3_DEV_ACCESS_KEY ?= kyc-dev-access
KYC_S3_DEV_SECRET_KEY ?= kyc-dev-secret-not-for-production
S3_DATA := $(CACHE)/s3data
S3_PID  := $(CACHE)/s3.pid
S3_LOG  := $(CACHE)/s3.log

BLOB_DEV_KEY := $(CACHE)/blob-dev-master-key

SETUP += versitygw
# `make run`: start the dev S3 server and hand the server its settings (env set by the caller wins). The master
# key for development is generated once into .cache (git-ignored); it is never committed.
# (an extra prerequisite line, because fragments are read after the run rule has expanded $(RUN_DEPS))
run: s3-up blob-dev-key
RUN_ENV += KYC_BLOB_STORE="$${KYC_BLOB_STORE:-s3}" \
  KYC_S3_ENDPOINT="$${KYC_S3_ENDPOINT:-127.0.0.1:$(KYC_S3_PORT)}" \
  KYC_S3_ACCESS_KEY="$${KYC_S3_ACCESS_KEY:-$(KYC_S3_DEV_ACCESS_KEY)}" \
  KYC_S3_SECRET_KEY="$${KYC_S3_SECRET_KEY:-$(KYC_S3_DEV_SECRET_KEY)}" \
  KYC_BLOB_MASTER_KEYS="$${KYC_BLOB_MASTER_KEYS:-dev:$$(cat $(BLOB_DEV_KEY))}"

.PHONY: versitygw s3-up s3-down blob-dev-key
versitygw: ## install the Versity S3 gateway into .cache/bin (skipped when the pinned version is there)
	@if [ -x "$(VERSITYGW)" ] && go version -m "$(VERSITYGW)" 2>/dev/null \
	     | grep -qE '^[[:space:]]+mod[[:space:]]+github.com/versity/versitygw[[:space:]]+$(VERSITYGW_VERSION)([[:space:]]|$$)'; then \
	  :; \
	else \
	  echo "installing versitygw $(VERSITYGW_VERSION) (about 1 minute cold)"; \
	  mkdir -p "$(TOOLBIN)"; \
	  GOBIN="$(TOOLBIN)" GOFLAGS=-buildvcs=false go install github.com/versity/versitygw/cmd/versitygw@$(VERSITYGW_VERSION); \
	fi

# s3-up: health = the pid from the pid file is alive and the port answers HTTP. A port that answers for another
# process (another checkout's server) is an error: its data is not this checkout's.
s3-up: versitygw ## start the dev S3 server on 127.0.0.1:$KYC_S3_PORT (data in .cache/s3data)
	@if [ -f "$(S3_PID)" ] && kill -0 "$$(cat "$(S3_PID)")" 2>/dev/null \
	     && curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$(KYC_S3_PORT)/"; then \
	  echo "s3 already running on 127.0.0.1:$(KYC_S3_PORT) (pid $$(cat "$(S3_PID)"))"; \
	elif curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$(KYC_S3_PORT)/"; then \
	  echo "port $(KYC_S3_PORT) answers, but not this checkout's S3 server ($(S3_PID)): stop that server or set KYC_S3_PORT"; \
	  exit 1; \
	else \
	  mkdir -p "$(S3_DATA)"; rm -f "$(S3_PID)"; \
	  ROOT_ACCESS_KEY="$(KYC_S3_DEV_ACCESS_KEY)" ROOT_SECRET_KEY="$(KYC_S3_DEV_SECRET_KEY)" \
	    nohup "$(VERSITYGW)" --port "127.0.0.1:$(KYC_S3_PORT)" posix "$(S3_DATA)" >>"$(S3_LOG)" 2>&1 & \
	  echo $$! >"$(S3_PID)"; \
	  for i in $$(seq 1 50); do \
	    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$(KYC_S3_PORT)/" && break; \
	    kill -0 "$$(cat "$(S3_PID)")" 2>/dev/null || { echo "versitygw exited; see $(S3_LOG)"; tail -n 20 "$(S3_LOG)"; rm -f "$(S3_PID)"; exit 1; }; \
	    sleep 0.1; \
	  done; \
	  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$(KYC_S3_PORT)/" || { echo "versitygw not answering; see $(S3_LOG)"; exit 1; }; \
	  echo "s3 running on http://127.0.0.1:$(KYC_S3_PORT) (pid $$(cat "$(S3_PID)"), log $(S3_LOG))"; \
	  echo "dev credentials: KYC_S3_ACCESS_KEY=$(KYC_S3_DEV_ACCESS_KEY) KYC_S3_SECRET_KEY=<see mk/s3.mk>"; \
	fi

blob-dev-key: ## create a random development master key for document encryption in .cache (once)
	@if [ ! -s "$(BLOB_DEV_KEY)" ]; then \
	  mkdir -p "$(CACHE)"; umask 077; head -c 32 /dev/urandom | base64 >"$(BLOB_DEV_KEY)"; \
	  echo "created development master key $(BLOB_DEV_KEY) (id dev)"; \
	fi

s3-down: ## stop the dev S3 server started by s3-up
	@if [ -f "$(S3_PID)" ]; then \
	  pid=$$(cat "$(S3_PID)"); \
	  if kill -0 "$$pid" 2>/dev/null; then \
	    kill "$$pid"; \
	    for i in $$(seq 1 50); do kill -0 "$$pid" 2>/dev/null || break; sleep 0.1; done; \
	  fi; \
	  rm -f "$(S3_PID)"; echo "s3 stopped"; \
	else \
	  echo "s3 not running (no $(S3_PID))"; \
	fi

.PHONY: bench-blob
bench-blob: versitygw ## storage path vs direct PutObject (MB/s) and RSS of 50 concurrent 5 MB uploads
	go run ./bench/blob -n 30 -concurrency 50
