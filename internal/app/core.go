package app

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"

	"github.com/enxtai/kyc/internal/blob"
	"github.com/enxtai/kyc/internal/blob/envelope"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/kyc"
	"github.com/enxtai/kyc/internal/migrate"
	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/webhook"
)

// core is what both roles need: the database, document storage, the job queue and the use-cases.
type core struct {
	store    *store.Store
	hub      *kyc.Hub
	kyc      *kyc.Service
	webhooks *webhook.Service
	sender   *webhook.Sender
}

func buildCore(ctx context.Context, cfg config.Config, log *slog.Logger, closers *[]func()) (*core, error) {
	c := &core{}
	var err error
	if c.store, err = migrate.Open(ctx, cfg.DatabaseURL, cfg.DatabaseMaxConn, cfg.AutoMigrate, log); err != nil {
		return nil, err
	}
	*closers = append(*closers, c.store.Close)
	vault, err := blob.Open(ctx, cfg.Blob())
	if err != nil {
		return nil, fmt.Errorf("document storage: %w", err)
	}
	keys, err := envelope.ParseKeyring(cfg.BlobMasterKeys)
	if err != nil {
		return nil, err
	}
	c.store.SetFieldKeys(keys) // personal columns sealed with the document keys
	queue, err := jobs.NewQueue(c.store.Pool())
	if err != nil {
		return nil, err
	}
	guard, err := webhook.NewGuard(cfg.WebhookAllowedHosts, !cfg.Development(), cfg.WebhookTimeout)
	if err != nil {
		return nil, err
	}
	c.sender = webhook.NewSender(guard, keys)
	outbox := webhook.NewOutbox(queue, cfg.WebhookRetry, keys)
	c.webhooks = webhook.NewService(c.store, c.sender, outbox)
	c.hub = kyc.NewHub(func(ctx context.Context) (*pgx.Conn, error) { return pgx.Connect(ctx, cfg.DatabaseURL) }, log)
	c.kyc = kyc.NewService(kyc.Deps{
		Store: kyc.Postgres(c.store), Hub: c.hub, Log: log, IdempotencyTTL: cfg.IdempotencyTTL,
		Uploads: &kyc.Uploads{Vault: vault, Limits: cfg.ImageLimits()},
		Jobs:    queue, Outbox: outbox, SessionCacheTTL: cfg.SessionCacheTTL, Decided: countDecision,
	})
	return c, nil
}
