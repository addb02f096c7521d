// Package imagecheck validates an uploaded image while it streams past, before anything trusts it.
//
// It owns: deciding the type from the bytes (magic numbers through mimetype; the declared content type and the
// file name are ignored), accepting only JPEG and PNG, the byte limit enforced while reading, the dimensions read
// from the header (IHDR / SOFn) without decoding pixels, and a cheap structural check that finds truncated or
// corrupt files (PNG: chunk order, lengths, CRCs, IEND; JPEG: marker structure up to and through the scans, EOI).
// Memory per check is a few KiB whatever the input claims, so decompression bombs cost nothing.
//
// It must not import storage, transport (gRPC/HTTP) or domain packages: callers tee a stream through a Checker
// (io.Writer) or a Reader and map the sentinel errors to their own status codes.
package imagecheck
