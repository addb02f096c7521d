# Aadhaar Secure QR (issue 14): OpenJPEG for the JPEG2000 photo (the library through our cgo binding in
# internal/aadhaarqr; the opj_compress tool encodes the test kit's photos), the bounded fuzzing of the QR
# parser and photo decoder, and the decode-rate/latency evaluation.
DEB_PACKAGES += libopenjp2-7-dev libopenjp2-tools

# One target per `go test -fuzz` run, for QR_FUZZTIME each; a failure counts only with a reproducer
# (see fuzz-cards in mk/ocr.mk for the Go 1.26 deadline race this works around). Minimising each new
# interesting input is capped at 2 s: on 5,000-digit QR texts Go's default (60 s) stalled FuzzParse after its
# first new input (38 executions in 20 s; 2,926 with the cap).
QR_FUZZ_TARGETS := FuzzParseDecompressed FuzzParse FuzzDecodePhoto
QR_FUZZTIME ?= 10s

.PHONY: fuzz-qr
fuzz-qr: ## fuzz the Secure QR parser and the JPEG2000 photo decoder for QR_FUZZTIME (default 10s) each
	@mkdir -p $(CACHE)/fuzz
	@for t in $(QR_FUZZ_TARGETS); do \
	  dir=internal/aadhaarqr/testdata/fuzz/$$t; before=$$( { ls $$dir 2>/dev/null || true; } | wc -l); \
	  echo "fuzz $$t ($(QR_FUZZTIME))"; \
	  if ! go test ./internal/aadhaarqr -run '^$$' -fuzz "^$$t\$$" -fuzztime $(QR_FUZZTIME) -fuzzminimizetime 2s >$(CACHE)/fuzz/$$t.log 2>&1; then \
	    if [ "$$( { ls $$dir 2>/dev/null || true; } | wc -l)" -gt "$$before" ]; then \
	      cat $(CACHE)/fuzz/$$t.log; echo "failing input saved under $$dir"; exit 1; \
	    fi; \
	    echo "  $$t: go test failed without a reproducer (golang/go#75804 deadline race), not counted"; \
	  fi; \
	done
TEST_EXTRA += fuzz-qr

# EVAL_QR_N people: each gives one Aadhaar back per variant, a plain front and a photo. About 0.2 s of CPU
# per person with the opj_decompress comparison: 100 people take 1-3 minutes.
EVAL_QR_N     ?= 100
EVAL_QR_SEED  ?= 1
EVAL_QR_FLAGS ?=

.PHONY: eval-qr
eval-qr: ## Secure QR decode rate per variant, CPU per Aadhaar side, photo decode time (N=100, seed 1)
	@mkdir -p $(CACHE)
	go run ./bench/eval-qr -n $(EVAL_QR_N) -seed $(EVAL_QR_SEED) $(EVAL_QR_FLAGS) | tee $(CACHE)/eval-qr.md
	@echo "table: $(CACHE)/eval-qr.md"
