-- +goose Up
-- The retention job's search for abandoned sessions: open, never completed, untouched since a cutoff.
CREATE INDEX kyc_sessions_abandoned ON kyc_sessions (updated_at)
    WHERE erased_at IS NULL AND superseded_at IS NULL AND status IN ('PENDING', 'DOCUMENTS_UPLOADED');

-- +goose Down
DROP INDEX kyc_sessions_abandoned;
