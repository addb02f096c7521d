# What unauthenticated callers cost a real server (issue 18): bench/edge/main.go, figures in bench/README.md.
.PHONY: bench-edge
bench-edge: setup postgres redis ## big, slow and malformed bodies without a key, an invalid-key flood: answers and server RSS
	go run ./bench/edge 2>/dev/null
