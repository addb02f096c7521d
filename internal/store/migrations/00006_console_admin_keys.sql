-- +goose Up
-- Admin key lifecycle: a key may expire (kyc-server admin create/rotate-key --expires-in, KYC_ADMIN_KEY_MAX_AGE),
-- and an admin may be revoked as a whole (every key, every console session).
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
ALTER TABLE admins ADD COLUMN revoked_at timestamptz;
CREATE INDEX api_keys_admin ON api_keys (admin_id) WHERE admin_id IS NOT NULL;

-- The reviewer console's sign-ins, kept server-side so they work on every replica and end at once when signed
-- out, idle too long, or when the key they were made with is revoked or expires (every lookup joins api_keys).
-- Only the SHA-256 of the cookie's random token is stored.
CREATE TABLE console_sessions (
    token_hash   bytea PRIMARY KEY,
    admin_id     uuid NOT NULL REFERENCES admins (id),
    key_id       uuid NOT NULL REFERENCES api_keys (id),
    csrf         text NOT NULL,
    ip           text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX console_sessions_admin ON console_sessions (admin_id);
CREATE INDEX console_sessions_key ON console_sessions (key_id);
CREATE INDEX console_sessions_last_seen ON console_sessions (last_seen_at);

-- Failed console sign-ins per address, counted over a sliding window on every replica (rate limit).
CREATE TABLE console_sign_in_failures (
    ip text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX console_sign_in_failures_ip ON console_sign_in_failures (ip, at);

-- +goose Down
DROP TABLE console_sign_in_failures;
DROP TABLE console_sessions;
DROP INDEX api_keys_admin;
ALTER TABLE admins DROP COLUMN revoked_at;
ALTER TABLE api_keys DROP COLUMN expires_at;
