package main

import (
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/enxtai/kyc/internal/apikeys"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/store"
)

// The operator's key management and audit reading. Every change is audited as done by "operator".

func clientKeysCommand() *cobra.Command {
	keys := &cobra.Command{Use: "keys", Short: "List, create and revoke a client's API keys (live or test)"}
	keys.AddCommand(clientKeysListCommand(), clientKeysCreateCommand(), clientKeysRevokeCommand())
	return keys
}

// keyJSON is a key as the CLI prints it (never the key itself).
type keyJSON struct {
	KeyID       string     `json:"keyId"`
	Name        string     `json:"name"`
	Prefix      string     `json:"prefix"`
	Environment string     `json:"environment"`
	CreatedAt   time.Time  `json:"createdAt"`
	LastUsedAt  *time.Time `json:"lastUsedAt,omitempty"`
	RevokedAt   *time.Time `json:"revokedAt,omitempty"`
}

func toKeyJSON(k store.APIKey) keyJSON {
	return keyJSON{KeyID: k.ID.String(), Name: k.Name, Prefix: k.Prefix, Environment: k.Environment,
		CreatedAt: k.CreatedAt.UTC(), LastUsedAt: k.LastUsedAt, RevokedAt: k.RevokedAt}
}

func clientKeysListCommand() *cobra.Command {
	var id string
	cmd := &cobra.Command{
		Use:   "list --client-id ID",
		Short: "Print the client's keys, one JSON object per line, newest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientID, err := uuid.Parse(id)
			if err != nil {
				return fmt.Errorf("--client-id: %w", err)
			}
			return withStore(cmd.Context(), func(s *store.Store, _ config.Config) error {
				keys, err := apikeys.Keys(cmd.Context(), s, clientID)
				if err != nil {
					return err
				}
				for _, k := range keys {
					if err := printJSON(cmd.OutOrStdout(), toKeyJSON(k)); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&id, "client-id", "", "the client's id")
	_ = cmd.MarkFlagRequired("client-id")
	return cmd
}

func clientKeysCreateCommand() *cobra.Command {
	var id, env, name string
	cmd := &cobra.Command{
		Use:   "create --client-id ID --environment live|test [--name LABEL]",
		Short: `Issue a key and print {"clientId","keyId","environment","apiKey"} (the key is shown only this once)`,
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
				out, k, err := apikeys.CreateKey(cmd.Context(), s, audit.Operator(), clientID, env, name)
				if err != nil {
					return err
				}
				return printJSON(cmd.OutOrStdout(), map[string]string{"clientId": clientID.String(),
					"keyId": k.ID.String(), "environment": env, "apiKey": out.Key})
			})
		},
	}
	cmd.Flags().StringVar(&id, "client-id", "", "the client's id")
	cmd.Flags().StringVar(&env, "environment", "live", "live (production) or test (sandbox)")
	cmd.Flags().StringVar(&name, "name", "", "a label for the key")
	_ = cmd.MarkFlagRequired("client-id")
	return cmd
}

func clientKeysRevokeCommand() *cobra.Command {
	var id, keyID string
	cmd := &cobra.Command{
		Use:   "revoke --client-id ID --key-id KEY_ID",
		Short: "Revoke one of the client's keys and print it (revocation reaches every replica within KYC_AUTH_CACHE_TTL)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientID, err := uuid.Parse(id)
			if err != nil {
				return fmt.Errorf("--client-id: %w", err)
			}
			kid, err := uuid.Parse(keyID)
			if err != nil {
				return fmt.Errorf("--key-id: %w", err)
			}
			return withStore(cmd.Context(), func(s *store.Store, _ config.Config) error {
				k, err := apikeys.RevokeKey(cmd.Context(), s, audit.Operator(), clientID, kid)
				if err != nil {
					return err
				}
				return printJSON(cmd.OutOrStdout(), toKeyJSON(k))
			})
		},
	}
	cmd.Flags().StringVar(&id, "client-id", "", "the client's id")
	cmd.Flags().StringVar(&keyID, "key-id", "", "the key's id (from keys list)")
	_ = cmd.MarkFlagRequired("client-id")
	_ = cmd.MarkFlagRequired("key-id")
	return cmd
}

func auditCommand() *cobra.Command {
	var limit int
	var action, clientID string
	cmd := &cobra.Command{
		Use:   "audit [--limit N] [--action ACTION] [--client-id ID]",
		Short: "Print the newest audit log entries, one JSON object per line",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := store.AuditFilter{Action: action, Limit: limit}
			if clientID != "" {
				id, err := uuid.Parse(clientID)
				if err != nil {
					return fmt.Errorf("--client-id: %w", err)
				}
				f.ClientID = id
			}
			return withStore(cmd.Context(), func(s *store.Store, _ config.Config) error {
				entries, err := s.ListAudit(cmd.Context(), f)
				if err != nil {
					return err
				}
				for _, e := range entries {
					if err := printJSON(cmd.OutOrStdout(), auditJSON(e)); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 50, "how many entries")
	cmd.Flags().StringVar(&action, "action", "", "only this action, e.g. kyc.erased")
	cmd.Flags().StringVar(&clientID, "client-id", "", "only entries concerning this client")
	return cmd
}

func auditJSON(e store.AuditEntry) map[string]any {
	out := map[string]any{"id": e.ID, "occurredAt": e.OccurredAt.UTC(), "actorType": e.ActorType, "actorId": e.ActorID,
		"action": e.Action, "targetType": e.TargetType, "targetId": e.TargetID, "ip": e.IP, "detail": e.Detail}
	if e.KeyID != uuid.Nil {
		out["keyId"] = e.KeyID.String()
	}
	if e.ClientID != uuid.Nil {
		out["clientId"] = e.ClientID.String()
	}
	return out
}
