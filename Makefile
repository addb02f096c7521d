# EnxtAI KYC platform. `make help` lists the targets a newcomer needs.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CACHE   := $(CURDIR)/.cache
TOOLBIN := $(CACHE)/bin
STAMPS  := $(CACHE)/stamps
export PATH := $(TOOLBIN):$(PATH)
export CGO_ENABLED := 1

# Fragments under mk/ append to these:
#   DEB_PACKAGES  Debian packages the build, tests or runtime need
#   SETUP         targets that must exist before build/test/run (models, tools)
DEB_PACKAGES :=
SETUP :=

include $(sort $(wildcard mk/*.mk))

# Prerequisites gathered from every fragment: declared here, after the includes, because make expands a rule's
# prerequisites when it reads the rule.
setup: $(SETUP)
generate: $(GENERATE_EXTRA)

.PHONY: help
help: ## show this help
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | sort | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'
