package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/enxtai/kyc/internal/apikeys"
	"github.com/enxtai/kyc/internal/app"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/migrate"
	"github.com/enxtai/kyc/internal/ratelimit"
	"github.com/enxtai/kyc/internal/store"
)

func rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "kyc-server",
		Short:         "EnxtAI KYC platform: API server and operator tools",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	client := &cobra.Command{Use: "client", Short: "Manage client (tenant) accounts and their API keys"}
	client.AddCommand(clientCreateCommand(), clientRotateKeyCommand())
	client.AddCommand(clientSetRateLimitCommand())
	client.AddCommand(clientKeysCommand())
	admin := &cobra.Command{Use: "admin", Short: "Manage reviewers (admins)"}
	admin.AddCommand(adminCommands()...)
	root.AddCommand(serveCommand(), workerCommand(), migrateCommand(), configCommand(), client, admin)
	root.AddCommand(auditCommand(), probeCommand())
	return root
}

func serveCommand() *cobra.Command {
	return runCommand("serve", "Serve the gRPC and REST APIs until SIGTERM", app.RoleServe)
}

func workerCommand() *cobra.Command {
	return runCommand("worker",
		"Work background jobs (card reading, face matching, webhooks) until SIGTERM, without serving the API", app.RoleWorker)
}

// runCommand builds the long-running process of the role and runs it until the context ends (SIGTERM).
func runCommand(use, short string, role app.Role) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load()
			if err != nil {
				return err
			}
			memLimit := app.TuneGC()
			log := app.NewLogger(cfg, os.Stderr)
			if memLimit < math.MaxInt64 {
				log.Info("soft memory limit (GOMEMLIMIT, else 90% of the cgroup limit, else 192 MiB)", "bytes", memLimit)
			}
			a, err := app.New(cmd.Context(), cfg, log, role)
			if err != nil {
				return err
			}
			defer a.Close()
			return a.Run(cmd.Context())
		},
	}
}

func configCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Print every setting (environment variable, default, meaning) as a Markdown table",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprint(cmd.OutOrStdout(), config.Markdown())
			return err
		},
	}
}

func migrateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Create the database if it is missing, bring its schema up to date and exit (the explicit step before serve unless KYC_AUTO_MIGRATE)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load()
			if err != nil {
				return err
			}
			s, err := migrate.Open(cmd.Context(), cfg.DatabaseURL, 2, true, migrateLog(cfg))
			if err != nil {
				return err
			}
			s.Close()
			return nil
		},
	}
}

func clientCreateCommand() *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:   "create --name NAME",
		Short: `Create a client and print {"clientId":"…","apiKey":"…"} (the key is shown only this once)`,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withStore(cmd.Context(), func(s *store.Store, _ config.Config) error {
				out, err := apikeys.CreateClient(cmd.Context(), s, audit.Operator(), name)
				if err != nil {
					return err
				}
				return printJSON(cmd.OutOrStdout(), map[string]string{"clientId": out.OwnerID.String(), "apiKey": out.Key})
			})
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "the client's display name")
	_ = cmd.MarkFlagRequired("name")
	return cmd
}

func clientRotateKeyCommand() *cobra.Command {
	var id, env string
	cmd := &cobra.Command{
		Use:   "rotate-key --client-id ID [--environment live|test]",
		Short: `Issue a new API key (live unless told), revoke the client's other keys of that environment, print {"clientId":"…","apiKey":"…"}`,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientID, err := uuid.Parse(id)
			if err != nil {
				return fmt.Errorf("--client-id: %w", err)
			}
			if env != "live" && env != "test" {
				return fmt.Errorf("--environment must be live or test")
			}
			return withStore(cmd.Context(), func(s *store.Store, _ config.Config) error {
				out, err := apikeys.RotateClient(cmd.Context(), s, audit.Operator(), clientID, env)
				if err != nil {
					return err
				}
				return printJSON(cmd.OutOrStdout(), map[string]string{"clientId": out.OwnerID.String(), "apiKey": out.Key})
			})
		},
	}
	cmd.Flags().StringVar(&id, "client-id", "", "the client's id")
	cmd.Flags().StringVar(&env, "environment", "live", "which keys: live or test")
	_ = cmd.MarkFlagRequired("client-id")
	return cmd
}

func clientSetRateLimitCommand() *cobra.Command {
	var id string
	var perMinute int
	cmd := &cobra.Command{
		Use:   "set-rate-limit --client-id ID --per-minute N",
		Short: `Set a client's requests per minute per API key (0: back to KYC_RATE_LIMIT_PER_MINUTE); running servers apply it within KYC_RATE_LIMIT_SETTINGS_TTL`,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientID, err := uuid.Parse(id)
			if err != nil {
				return fmt.Errorf("--client-id: %w", err)
			}
			return withStore(cmd.Context(), func(s *store.Store, _ config.Config) error {
				if err := ratelimit.SetClientLimit(cmd.Context(), s, clientID, perMinute); err != nil {
					return err
				}
				out := map[string]any{"clientId": clientID.String(), "rateLimitPerMinute": nil}
				if perMinute > 0 {
					out["rateLimitPerMinute"] = perMinute
				}
				return printJSON(cmd.OutOrStdout(), out)
			})
		},
	}
	cmd.Flags().StringVar(&id, "client-id", "", "the client's id")
	cmd.Flags().IntVar(&perMinute, "per-minute", 0, "requests per minute per API key of this client; 0 removes the override")
	_ = cmd.MarkFlagRequired("client-id")
	_ = cmd.MarkFlagRequired("per-minute")
	return cmd
}

// withStore opens the database of the configuration serve would use (migrating it with KYC_AUTO_MIGRATE,
// refusing an outdated schema without), then runs fn.
func withStore(ctx context.Context, fn func(*store.Store, config.Config) error) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	s, err := migrate.Open(ctx, cfg.DatabaseURL, 2, cfg.AutoMigrate, migrateLog(cfg))
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s, cfg)
}

func migrateLog(cfg config.Config) *slog.Logger {
	return app.NewLogger(cfg, os.Stderr).With(slog.String("component", "migrate"))
}

func printJSON(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(w, string(b))
	return err
}
