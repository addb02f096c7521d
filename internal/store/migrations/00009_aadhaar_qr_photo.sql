-- +goose Up
-- The Aadhaar Secure QR's photo is stored beside the uploads as a document of its own type (issue 14).
ALTER TABLE documents DROP CONSTRAINT documents_doc_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_doc_type_check
    CHECK (doc_type IN ('PAN_CARD', 'AADHAAR_FRONT', 'AADHAAR_BACK', 'LIVE_PHOTO', 'AADHAAR_QR_PHOTO'));

-- +goose Down
DELETE FROM documents WHERE doc_type = 'AADHAAR_QR_PHOTO';
ALTER TABLE documents DROP CONSTRAINT documents_doc_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_doc_type_check
    CHECK (doc_type IN ('PAN_CARD', 'AADHAAR_FRONT', 'AADHAAR_BACK', 'LIVE_PHOTO'));
