-- +goose Up
-- generation counts processing runs: a re-run (verify, replaced document) bumps it, and jobs of an older run
-- do nothing. ocr_result keeps what the card reader found (findings, confidences; never a full Aadhaar
-- number) for reviewers.
ALTER TABLE kyc_sessions
    ADD COLUMN generation integer NOT NULL DEFAULT 0,
    ADD COLUMN ocr_result jsonb,
    ADD COLUMN decided_at timestamptz;

-- Per-client settings: overrides of the decision bands and the rate limit.
ALTER TABLE clients ADD COLUMN settings jsonb NOT NULL DEFAULT '{}';

-- A client's webhook endpoint. The signing secret is stored encrypted with the platform's master key.
CREATE TABLE webhook_configs (
    client_id   uuid PRIMARY KEY REFERENCES clients (id),
    url         text NOT NULL,
    secret_enc  bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The outbox: one row per event per client, written in the transaction of the state change that caused it.
-- body is the exact JSON that is signed and sent (every attempt sends the same bytes and id).
CREATE TABLE webhook_deliveries (
    id              uuid PRIMARY KEY,
    client_id       uuid NOT NULL REFERENCES clients (id),
    session_id      uuid REFERENCES kyc_sessions (id) ON DELETE SET NULL,
    event           text NOT NULL,
    body            bytea NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    response_code   integer,
    last_error      text,
    last_url        text,
    next_attempt_at timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz
);
CREATE INDEX webhook_deliveries_client ON webhook_deliveries (client_id, created_at DESC, id);

-- +goose Down
DROP TABLE webhook_deliveries;
DROP TABLE webhook_configs;
ALTER TABLE kyc_sessions DROP COLUMN generation, DROP COLUMN ocr_result, DROP COLUMN decided_at;
ALTER TABLE clients DROP COLUMN settings;
