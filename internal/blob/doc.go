// Package blob stores objects (uploaded documents) in S3-compatible object storage through minio-go, or in a
// directory for a single machine, behind one small Store interface that both pass the same conformance suite
// (blobtest). Vault adds envelope encryption (package envelope) on top of any Store: uploads are sealed into an
// anonymous temporary file while they stream in, then put with their exact size, and are read back decrypted as a
// stream; memory per upload is one 64 KiB segment and plaintext never touches the disk. When the plaintext size is
// declared up front, PutSized seals straight into the store without a spool.
//
// Errors: ErrNotFound (no such object), ErrUnavailable (storage cannot be reached or answers 5xx: the API maps it
// to 503), ErrInvalidKey (a key that is not a safe relative path); envelope.ErrTampered when a sealed object does
// not authenticate.
//
// It must not import domain, transport or database packages, and never logs object contents or keys' secrets.
package blob
