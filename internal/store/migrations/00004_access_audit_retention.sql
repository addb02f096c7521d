-- +goose Up
-- The audit log: who did what, when, from where. Append-only: the triggers below refuse every UPDATE, DELETE
-- and TRUNCATE, whoever asks (the API has no way to change an entry, and neither has SQL short of dropping the
-- triggers, which needs the table owner and shows in the schema).
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_type  text NOT NULL CHECK (actor_type IN ('admin', 'client', 'operator', 'system')),
    actor_id    text NOT NULL DEFAULT '',
    key_id      uuid,
    client_id   uuid,
    action      text NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
    target_type text NOT NULL,
    target_id   text NOT NULL,
    ip          text NOT NULL DEFAULT '',
    request_id  text NOT NULL DEFAULT '',
    detail      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_client ON audit_log (client_id, id DESC);
CREATE INDEX audit_log_target ON audit_log (target_id, id DESC);

-- +goose StatementBegin
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Erasure: erased_at marks a tombstone (personal data and documents gone); documents_erased_at marks a session
-- whose images the retention job removed (its other data stays).
ALTER TABLE kyc_sessions
    ADD COLUMN erased_at timestamptz,
    ADD COLUMN documents_erased_at timestamptz;
-- An erased session is nobody's open session any more (its external_user_id is blanked).
DROP INDEX kyc_sessions_one_open;
CREATE UNIQUE INDEX kyc_sessions_one_open ON kyc_sessions (client_id, environment, external_user_id)
    WHERE superseded_at IS NULL AND erased_at IS NULL AND status NOT IN ('VERIFIED', 'REJECTED');
-- The reviewers' queue (oldest first, by status) and the retention job's search.
CREATE INDEX kyc_sessions_status_created ON kyc_sessions (status, created_at, id);
CREATE INDEX kyc_sessions_retention ON kyc_sessions (decided_at)
    WHERE erased_at IS NULL AND documents_erased_at IS NULL;

-- A key's label, so a client can tell its keys apart ("CI", "production backend").
ALTER TABLE api_keys ADD COLUMN name text NOT NULL DEFAULT '' CHECK (length(name) <= 100);

-- The sandbox: a client has one webhook endpoint per environment; test sessions' events go only to the test
-- endpoint, so sandbox traffic never reaches a production URL.
ALTER TABLE webhook_configs ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('live', 'test'));
ALTER TABLE webhook_configs DROP CONSTRAINT webhook_configs_pkey;
ALTER TABLE webhook_configs ADD PRIMARY KEY (client_id, environment);
ALTER TABLE webhook_deliveries ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('live', 'test'));
DROP INDEX webhook_deliveries_client;
CREATE INDEX webhook_deliveries_client ON webhook_deliveries (client_id, environment, created_at DESC, id);
CREATE INDEX webhook_deliveries_session ON webhook_deliveries (session_id);

-- +goose Down
DROP INDEX webhook_deliveries_session;
DROP INDEX webhook_deliveries_client;
CREATE INDEX webhook_deliveries_client ON webhook_deliveries (client_id, created_at DESC, id);
ALTER TABLE webhook_deliveries DROP COLUMN environment;
DELETE FROM webhook_configs WHERE environment = 'test';
ALTER TABLE webhook_configs DROP CONSTRAINT webhook_configs_pkey;
ALTER TABLE webhook_configs ADD PRIMARY KEY (client_id);
ALTER TABLE webhook_configs DROP COLUMN environment;
ALTER TABLE api_keys DROP COLUMN name;
DROP INDEX kyc_sessions_retention;
DROP INDEX kyc_sessions_status_created;
DROP INDEX kyc_sessions_one_open;
CREATE UNIQUE INDEX kyc_sessions_one_open ON kyc_sessions (client_id, environment, external_user_id)
    WHERE superseded_at IS NULL AND status NOT IN ('VERIFIED', 'REJECTED');
ALTER TABLE kyc_sessions DROP COLUMN erased_at, DROP COLUMN documents_erased_at;
DROP TABLE audit_log;
DROP FUNCTION audit_log_refuse_change();
