-- +goose Up
-- The current document of each type of a session. The image itself is an encrypted object in the blob store
-- under object_key; re-uploading a type replaces the row (and the previous object is deleted).
CREATE TABLE documents (
    session_id   uuid NOT NULL REFERENCES kyc_sessions (id) ON DELETE CASCADE,
    doc_type     text NOT NULL CHECK (doc_type IN ('PAN_CARD', 'AADHAAR_FRONT', 'AADHAAR_BACK', 'LIVE_PHOTO')),
    object_key   text NOT NULL UNIQUE,
    content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    size_bytes   bigint NOT NULL CHECK (size_bytes > 0),
    width        integer NOT NULL,
    height       integer NOT NULL,
    sha256       bytea NOT NULL,
    version      integer NOT NULL DEFAULT 1,
    uploaded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, doc_type)
);

-- +goose Down
DROP TABLE documents;
