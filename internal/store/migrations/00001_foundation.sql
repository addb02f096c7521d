-- +goose Up
CREATE TABLE clients (
    id         uuid PRIMARY KEY,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE admins (
    id         uuid PRIMARY KEY,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- An API key is stored only as the SHA-256 of the whole key (keys carry 256 random bits, so a slow hash adds
-- nothing) with a short visible prefix to recognise it in listings.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    client_id    uuid REFERENCES clients (id),
    admin_id     uuid REFERENCES admins (id),
    prefix       text NOT NULL,
    key_hash     bytea NOT NULL UNIQUE,
    environment  text NOT NULL DEFAULT 'live' CHECK (environment IN ('live', 'test')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CHECK ((client_id IS NULL) <> (admin_id IS NULL))
);
CREATE INDEX api_keys_client ON api_keys (client_id);

CREATE TABLE kyc_sessions (
    id                uuid PRIMARY KEY,
    client_id         uuid NOT NULL REFERENCES clients (id),
    environment       text NOT NULL CHECK (environment IN ('live', 'test')),
    external_user_id  text NOT NULL,
    email             text,
    phone             text,
    metadata          jsonb NOT NULL DEFAULT '{}',
    status            text NOT NULL CHECK (status IN ('PENDING', 'DOCUMENTS_UPLOADED', 'OCR_COMPLETED',
                          'FACE_VERIFIED', 'PENDING_REVIEW', 'VERIFIED', 'REJECTED')),
    progress          integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    extracted_data    jsonb,
    face_match_score  double precision CHECK (face_match_score BETWEEN 0 AND 1),
    liveness_score    double precision CHECK (liveness_score BETWEEN 0 AND 1),
    review_reasons    jsonb,
    superseded_by     uuid REFERENCES kyc_sessions (id) DEFERRABLE INITIALLY DEFERRED,
    superseded_at     timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
-- At most one open session per user of a client: initiating again supersedes the open one.
CREATE UNIQUE INDEX kyc_sessions_one_open ON kyc_sessions (client_id, environment, external_user_id)
    WHERE superseded_at IS NULL AND status NOT IN ('VERIFIED', 'REJECTED');
CREATE INDEX kyc_sessions_user ON kyc_sessions (client_id, external_user_id, created_at DESC);

-- The history of a session: every status change and notable step, in order.
CREATE TABLE session_events (
    id         bigserial PRIMARY KEY,
    session_id uuid NOT NULL REFERENCES kyc_sessions (id) ON DELETE CASCADE,
    kind       text NOT NULL,
    status     text NOT NULL,
    detail     jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX session_events_session ON session_events (session_id, id);

-- Idempotency-Key of initiate: the first response is replayed for a retry with the same key and body.
CREATE TABLE idempotency_keys (
    client_id    uuid NOT NULL REFERENCES clients (id),
    key          text NOT NULL,
    request_hash bytea NOT NULL,
    session_id   uuid NOT NULL REFERENCES kyc_sessions (id),
    response     jsonb NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE session_events;
DROP TABLE kyc_sessions;
DROP TABLE api_keys;
DROP TABLE admins;
DROP TABLE clients;
