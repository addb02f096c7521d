# The reviewer console's browser tests (internal/console/browsertest, part of `go test ./...` and so of make
# test): Debian's chromium, driven headless by chromedp, and axe-core from npm (pinned in its package-lock),
# injected into the pages by the test. The console itself needs neither: its assets are plain files embedded by
# go:embed, so `go build` works without Node.
CONSOLE_BROWSERTEST := internal/console/browsertest
DEB_PACKAGES += chromium
SETUP += $(CONSOLE_BROWSERTEST)/node_modules/.stamp
$(CONSOLE_BROWSERTEST)/node_modules/.stamp: $(CONSOLE_BROWSERTEST)/package.json $(CONSOLE_BROWSERTEST)/package-lock.json
	cd $(CONSOLE_BROWSERTEST) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

.PHONY: console-screenshots bench-console
console-screenshots: setup postgres ## redo docs/console-queue.png and docs/console-case.png from synthetic data
	KYC_CONSOLE_SCREENSHOTS=1 go test -count=1 -run TestConsoleInBrowser ./$(CONSOLE_BROWSERTEST)/

bench-console: setup postgres ## console queue and case page server time with 10,000 sessions in review, and EXPLAIN
	go run ./bench/console -sessions $(or $(BENCH_N),10000)
