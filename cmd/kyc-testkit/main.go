// Command kyc-testkit makes test data: `kyc-testkit cards` renders synthetic PAN and Aadhaar cards with a JSON
// ground truth (internal/testkit/cardkit). It is its own binary so that the production kyc-server carries no
// test kit (it reads Debian's fonts at run time, which a slim server container does not have).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

func main() {
	root := &cobra.Command{
		Use:           "kyc-testkit",
		Short:         "Test data for the KYC platform: synthetic PAN and Aadhaar cards with known values",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(cardkit.NewCommand())
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	err := root.ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
