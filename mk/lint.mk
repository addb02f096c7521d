# Go linters: golangci-lint (.golangci.yaml) and deadcode, pinned as `tool` lines of their own module,
# tools/lint/go.mod, and run with `go tool -modfile=tools/lint/go.mod`. A separate modfile because golangci-lint
# brings about 250 modules: in the main go.mod they would sit in every `go mod` operation and go.sum, and could
# raise the versions of modules the product links (x/tools, x/mod, yaml...). `go tool` builds each once into the
# build cache. Upgrade with `go get -modfile=tools/lint/go.mod -tool <module>@<version>`.
LINT_GO := go tool -modfile=tools/lint/go.mod

.PHONY: lint-go
lint: lint-go
lint-go: ## golangci-lint and deadcode (part of make lint)
	$(LINT_GO) golangci-lint run ./...
	@# deadcode: functions reachable neither from a main package nor from a test; gen/ is left out.
	@out=$$($(LINT_GO) deadcode -test -filter '^github.com/enxtai/kyc/(internal|server|cmd|bench)' ./...); \
	if [ -n "$$out" ]; then echo "$$out"; echo "deadcode: the functions above are unreachable: delete them"; exit 1; fi
