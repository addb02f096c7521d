// Command kyc-server is the KYC platform in one binary: `serve` runs the API (gRPC and REST) and the background
// workers; the other subcommands are operator tools that read the same configuration (environment variables,
// see the README) as serve.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	err := rootCommand().ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
