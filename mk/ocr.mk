# OCR and card reading (issue 4): Tesseract through gosseract, the synthetic card kit,
# the accuracy harness and the bounded fuzzing of the card text parsers.

# Tesseract 5 with English and Hindi data; DejaVu, Noto, Liberation and FreeSans render the synthetic cards.
DEB_PACKAGES += libtesseract-dev libleptonica-dev tesseract-ocr-eng tesseract-ocr-hin \
	fonts-dejavu-core fonts-noto-core fonts-liberation2 fonts-freefont-ttf

# Each fuzz target of the card text parsers, for FUZZTIME each (one target per `go test -fuzz` run).
# Go 1.26's fuzz coordinator can end a duration-bounded run with a bare "context deadline exceeded"
# under CPU load (golang/go#75804, fixed in Go 1.27): a failure counts only when Go wrote a
# reproducer under internal/cards/testdata/fuzz/<target>/, otherwise it is reported as a flake.
CARDS_FUZZ_TARGETS := FuzzRepairPAN FuzzParsePAN FuzzParseAadhaarFront FuzzParseAadhaarBack \
	FuzzFindAadhaarAndMask FuzzFindMaskedAadhaar FuzzFindDOB FuzzCompareNames
FUZZTIME ?= 10s

.PHONY: fuzz-cards
fuzz-cards: ## fuzz every PAN/Aadhaar text parser for FUZZTIME (default 10s) each
	@mkdir -p $(CACHE)/fuzz
	@for t in $(CARDS_FUZZ_TARGETS); do \
	  dir=internal/cards/testdata/fuzz/$$t; before=$$( { ls $$dir 2>/dev/null || true; } | wc -l); \
	  echo "fuzz $$t ($(FUZZTIME))"; \
	  if ! go test ./internal/cards -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) >$(CACHE)/fuzz/$$t.log 2>&1; then \
	    if [ "$$( { ls $$dir 2>/dev/null || true; } | wc -l)" -gt "$$before" ]; then \
	      cat $(CACHE)/fuzz/$$t.log; echo "failing input saved under $$dir"; exit 1; \
	    fi; \
	    echo "  $$t: go test failed without a reproducer (golang/go#75804 deadline race), not counted"; \
	  fi; \
	done
TEST_EXTRA += fuzz-cards

# Accuracy harness: EVAL_OCR_N people per layout family and variant (3 PAN families, 5 Aadhaar families
# with front and back: 13 cards per person and variant, 9 variants), fixed seed, one worker so that the CPU
# column is per card on one core. About 0.3 s of CPU per card (photographed ~0.4 s): N=20 is 2,340 cards,
# 12-15 minutes on a quiet 2-core machine. EVAL_OCR_FLAGS takes e.g. `-budget 30s` on a loaded machine (the
# reader's pass budget is wall time) or `-families pan-old,aadhaar-plain -variants photographed`.
# The held-out families' cells are 60 cards at N=20 (1.7 points a card); a sample large enough for the
# printed 95% interval to say whether they meet the targets: EVAL_OCR_N=100 EVAL_OCR_WORKERS=2
# EVAL_OCR_FLAGS='-families pan-e-pan,aadhaar-pvc' (2,700 cards, about 11 minutes on 2 cores).
EVAL_OCR_N       ?= 20
EVAL_OCR_SEED    ?= 1
EVAL_OCR_WORKERS ?= 1
EVAL_OCR_FACES   ?=
EVAL_OCR_FLAGS   ?=

.PHONY: eval-ocr
eval-ocr: ## OCR accuracy per layout family/variant/field (held-out families apart) and CPU per card (N=20, seed 1)
	@mkdir -p $(CACHE)
	go run ./bench/eval-ocr -n $(EVAL_OCR_N) -seed $(EVAL_OCR_SEED) -workers $(EVAL_OCR_WORKERS) \
	  $(if $(EVAL_OCR_FACES),-faces $(EVAL_OCR_FACES)) -failures $(CACHE)/eval-ocr-failures.tsv $(EVAL_OCR_FLAGS) \
	  | tee $(CACHE)/eval-ocr.md
	@echo "table: $(CACHE)/eval-ocr.md, mismatches: $(CACHE)/eval-ocr-failures.tsv"

# A second generator's cards (bench/probe-layouts): layouts, label styles, widths and (with fonts=unseen)
# typefaces the kit never draws, through the kit's variants; the shares of cards printing Hindi beside English,
# a header on a coloured band, a QR code. About 0.3 s of CPU per card: N=30 over five variants is 450 cards,
# 3-4 minutes.
PROBE_LAYOUTS_N         ?= 30
PROBE_LAYOUTS_SEED      ?= 1
PROBE_LAYOUTS_FONTS     ?= unseen
PROBE_LAYOUTS_BILINGUAL ?= 0.5
PROBE_LAYOUTS_BANDS     ?= 0.3
PROBE_LAYOUTS_QR        ?= 0.4

.PHONY: probe-layouts
probe-layouts: ## OCR on cards drawn unlike the kit (labels beside/above values, 640-1800 px, unseen fonts, Hindi, bands, QR)
	go run ./bench/probe-layouts -n $(PROBE_LAYOUTS_N) -seed $(PROBE_LAYOUTS_SEED) -fonts $(PROBE_LAYOUTS_FONTS) \
	  -bilingual $(PROBE_LAYOUTS_BILINGUAL) -bands $(PROBE_LAYOUTS_BANDS) -qr $(PROBE_LAYOUTS_QR) -misses
