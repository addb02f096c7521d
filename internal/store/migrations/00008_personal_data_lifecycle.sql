-- Personal data lifecycle (issue 18): webhook bodies (which carry the extracted data) are erased some days
-- after delivery while the delivery's metadata stays; the extracted data and OCR result of a session go with
-- its document images at the end of the retention period. Bodies, extracted data and OCR results written from
-- now on are sealed (AES-GCM envelope, the document keys); older plaintext values are read as they are.

-- +goose Up
ALTER TABLE webhook_deliveries ALTER COLUMN body DROP NOT NULL, ADD COLUMN body_erased_at timestamptz;
CREATE INDEX webhook_deliveries_body_due ON webhook_deliveries (coalesce(delivered_at, created_at))
    WHERE body IS NOT NULL AND status <> 'pending';
UPDATE kyc_sessions SET extracted_data = NULL, ocr_result = NULL
    WHERE documents_erased_at IS NOT NULL AND (extracted_data IS NOT NULL OR ocr_result IS NOT NULL);
-- sealed values are bytes; existing JSON is kept as its text until rewritten (the store reads both)
ALTER TABLE kyc_sessions
    ALTER COLUMN extracted_data TYPE bytea USING convert_to(extracted_data::text, 'UTF8'),
    ALTER COLUMN ocr_result TYPE bytea USING convert_to(ocr_result::text, 'UTF8');

-- +goose Down
-- sealed values cannot become JSON without the keys: they are dropped
ALTER TABLE kyc_sessions
    ALTER COLUMN extracted_data TYPE jsonb USING CASE WHEN get_byte(extracted_data, 0) = 123 THEN convert_from(extracted_data, 'UTF8')::jsonb END,
    ALTER COLUMN ocr_result TYPE jsonb USING CASE WHEN get_byte(ocr_result, 0) = 123 THEN convert_from(ocr_result, 'UTF8')::jsonb END;
DROP INDEX webhook_deliveries_body_due;
UPDATE webhook_deliveries SET body = '\x'::bytea WHERE body IS NULL;
ALTER TABLE webhook_deliveries DROP COLUMN body_erased_at, ALTER COLUMN body SET NOT NULL;
