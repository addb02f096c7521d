# Protobuf: pinned generators, third-party protos fetched without the Buf Schema Registry.
BUF        := tools/node_modules/.bin/buf
PROTO_DEPS := $(CACHE)/proto-deps
GATEWAY_VERSION := v2.33.0
PROTOVALIDATE_PROTO_VERSION := v1.2.2

$(BUF): tools/package.json tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# google/api from npm google-proto-files; openapiv2 options from the grpc-gateway Go module; buf/validate from
# the protovalidate Go module (its validate.proto matches the runtime we link).
$(PROTO_DEPS)/.stamp: $(BUF) mk/10-proto.mk
	rm -rf $(PROTO_DEPS) && mkdir -p $(PROTO_DEPS)/google/api $(PROTO_DEPS)/buf/validate $(PROTO_DEPS)/protoc-gen-openapiv2/options
	cp tools/node_modules/google-proto-files/google/api/{annotations,http,field_behavior,httpbody}.proto $(PROTO_DEPS)/google/api/
	gw=$$(go mod download -json github.com/grpc-ecosystem/grpc-gateway/v2@$(GATEWAY_VERSION) | sed -n 's/.*"Dir": "\(.*\)".*/\1/p'); \
	  cp $$gw/protoc-gen-openapiv2/options/{annotations,openapiv2}.proto $(PROTO_DEPS)/protoc-gen-openapiv2/options/
	pv=$$(go mod download -json github.com/bufbuild/protovalidate@$(PROTOVALIDATE_PROTO_VERSION) | sed -n 's/.*"Dir": "\(.*\)".*/\1/p'); \
	  cp $$pv/proto/protovalidate/buf/validate/validate.proto $(PROTO_DEPS)/buf/validate/
	chmod -R u+w $(PROTO_DEPS)
	touch $@

.PHONY: proto-deps generate lint check-generated breaking
proto-deps: $(PROTO_DEPS)/.stamp

generate: proto-deps ## regenerate gen/, openapi/ and the SDK stubs from proto/
	rm -rf gen && rm -f openapi/*.swagger.json
	$(BUF) generate
	$(GENERATE_POST)

lint: proto-deps ## buf lint, buf format, go vet, golangci-lint, deadcode
	$(BUF) lint
	$(BUF) format --diff --exit-code
	go vet ./...

# Fails when the committed generated code differs from what proto/ generates.
check-generated: generate ## fail if regenerating changes committed files
	@if [ -n "$$(git status --porcelain -- gen openapi clients)" ]; then \
	  git status --porcelain -- gen openapi clients; git --no-pager diff --stat -- gen openapi clients; \
	  echo "generated code is out of date: run make generate and commit"; exit 1; fi

# Compares proto/ with the API at BREAKING_AGAINST (default: the commit the branch started from on main), built in
# a temporary worktree because the git-ignored deps are not in git.
BREAKING_AGAINST ?= $(shell git merge-base HEAD origin/main 2>/dev/null || git rev-parse HEAD)
breaking: proto-deps ## fail on wire- or JSON-breaking proto changes since BREAKING_AGAINST
	@tmp=$$(mktemp -d); trap 'git worktree remove --force '$$tmp'/base >/dev/null 2>&1; rm -rf '$$tmp EXIT; \
	git worktree add --detach $$tmp/base $(BREAKING_AGAINST) >/dev/null 2>&1; \
	mkdir -p $$tmp/base/.cache && cp -r $(PROTO_DEPS) $$tmp/base/.cache/; \
	(cd $$tmp/base && $(CURDIR)/$(BUF) build -o $$tmp/base.binpb); \
	$(BUF) build -o $$tmp/head.binpb; \
	$(BUF) breaking $$tmp/head.binpb --against $$tmp/base.binpb
