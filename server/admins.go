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

// The reviewers' (admins') key lifecycle at the operator's hand: create, list, rotate-key, revoke. Every change
// is audited as done by "operator". A key may expire (--expires-in, or KYC_ADMIN_KEY_MAX_AGE by default).

func adminCommands() []*cobra.Command {
	return []*cobra.Command{adminCreateCommand(), adminListCommand(), adminRotateKeyCommand(), adminRevokeCommand()}
}

func adminCreateCommand() *cobra.Command {
	var name, expiresIn string
	cmd := &cobra.Command{
		Use:   "create --name NAME [--expires-in 90d]",
		Short: `Create a reviewer and print {"adminId":"…","apiKey":"…"} (the key is shown only this once)`,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withStore(cmd.Context(), func(s *store.Store, cfg config.Config) error {
				expires, err := cfg.AdminKeyExpiry(expiresIn, time.Now())
				if err != nil {
					return fmt.Errorf("--expires-in: %w", err)
				}
				out, err := apikeys.CreateAdmin(cmd.Context(), s, audit.Operator(), name, expires)
				if err != nil {
					return err
				}
				return printJSON(cmd.OutOrStdout(), issuedAdminJSON(out.OwnerID, out.Key, expires))
			})
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "the reviewer's name")
	cmd.Flags().StringVar(&expiresIn, "expires-in", "", "the key expires after this long, e.g. 90d or 720h (default KYC_ADMIN_KEY_MAX_AGE; unset: never)")
	_ = cmd.MarkFlagRequired("name")
	return cmd
}

// issuedAdminJSON is what create and rotate-key print: the id, the key (once) and its expiry when it has one.
func issuedAdminJSON(id uuid.UUID, key string, expires *time.Time) map[string]any {
	out := map[string]any{"adminId": id.String(), "apiKey": key}
	if expires != nil {
		out["expiresAt"] = expires.UTC()
	}
	return out
}

type adminJSON struct {
	AdminID   string     `json:"adminId"`
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"createdAt"`
	RevokedAt *time.Time `json:"revokedAt,omitempty"`
	Keys      []adminKey `json:"keys"`
}

type adminKey struct {
	keyJSON
	ExpiresAt *time.Time `json:"expiresAt,omitempty"`
}

func adminListCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "Print every reviewer with its keys (prefixes, dates, never the keys), one JSON object per line",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withStore(cmd.Context(), func(s *store.Store, _ config.Config) error {
				admins, err := apikeys.ListAdmins(cmd.Context(), s)
				if err != nil {
					return err
				}
				for _, a := range admins {
					j := adminJSON{AdminID: a.ID.String(), Name: a.Name, CreatedAt: a.CreatedAt.UTC(), RevokedAt: a.RevokedAt,
						Keys: []adminKey{}}
					for _, k := range a.Keys {
						j.Keys = append(j.Keys, adminKey{keyJSON: toKeyJSON(k), ExpiresAt: k.ExpiresAt})
					}
					if err := printJSON(cmd.OutOrStdout(), j); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

func adminRotateKeyCommand() *cobra.Command {
	var id, expiresIn string
	cmd := &cobra.Command{
		Use:   "rotate-key --admin-id ID [--expires-in 90d]",
		Short: `Issue a new key for a reviewer, revoke its others (ending their console sign-ins), print {"adminId","apiKey"}`,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			adminID, err := uuid.Parse(id)
			if err != nil {
				return fmt.Errorf("--admin-id: %w", err)
			}
			return withStore(cmd.Context(), func(s *store.Store, cfg config.Config) error {
				expires, err := cfg.AdminKeyExpiry(expiresIn, time.Now())
				if err != nil {
					return fmt.Errorf("--expires-in: %w", err)
				}
				out, err := apikeys.RotateAdminKey(cmd.Context(), s, audit.Operator(), adminID, expires)
				if err != nil {
					return err
				}
				return printJSON(cmd.OutOrStdout(), issuedAdminJSON(adminID, out.Key, expires))
			})
		},
	}
	cmd.Flags().StringVar(&id, "admin-id", "", "the reviewer's id")
	cmd.Flags().StringVar(&expiresIn, "expires-in", "", "the new key expires after this long (default KYC_ADMIN_KEY_MAX_AGE)")
	_ = cmd.MarkFlagRequired("admin-id")
	return cmd
}

func adminRevokeCommand() *cobra.Command {
	var id string
	cmd := &cobra.Command{
		Use:   "revoke --admin-id ID",
		Short: `Revoke a reviewer: every key and console sign-in ends at once; print {"adminId","revokedKeys"}`,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			adminID, err := uuid.Parse(id)
			if err != nil {
				return fmt.Errorf("--admin-id: %w", err)
			}
			return withStore(cmd.Context(), func(s *store.Store, _ config.Config) error {
				n, err := apikeys.RevokeAdmin(cmd.Context(), s, audit.Operator(), adminID)
				if err != nil {
					return err
				}
				return printJSON(cmd.OutOrStdout(), map[string]any{"adminId": adminID.String(), "revokedKeys": n})
			})
		},
	}
	cmd.Flags().StringVar(&id, "admin-id", "", "the reviewer's id")
	_ = cmd.MarkFlagRequired("admin-id")
	return cmd
}
