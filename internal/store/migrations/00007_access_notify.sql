-- Revocations and rate-limit changes reach every replica at once: a trigger announces each change on the
-- kyc_access_changed channel when its transaction commits, whichever code path (API, CLI, rotation) made it.
-- Payloads: "key:<api key id>" (revoked, un-revoked or deleted) and "client:<client id>" (settings changed).

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION kyc_notify_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'api_keys' THEN
        PERFORM pg_notify('kyc_access_changed', 'key:' || (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)::text);
    ELSE
        PERFORM pg_notify('kyc_access_changed', 'client:' || NEW.id::text);
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER api_keys_access_changed AFTER UPDATE OF revoked_at ON api_keys
    FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at) EXECUTE FUNCTION kyc_notify_access_changed();
CREATE TRIGGER api_keys_access_deleted AFTER DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION kyc_notify_access_changed();
CREATE TRIGGER clients_settings_changed AFTER UPDATE OF settings ON clients
    FOR EACH ROW WHEN (OLD.settings IS DISTINCT FROM NEW.settings) EXECUTE FUNCTION kyc_notify_access_changed();

-- +goose Down
DROP TRIGGER clients_settings_changed ON clients;
DROP TRIGGER api_keys_access_deleted ON api_keys;
DROP TRIGGER api_keys_access_changed ON api_keys;
DROP FUNCTION kyc_notify_access_changed();
