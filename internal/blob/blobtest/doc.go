// Package blobtest is the conformance suite every blob.Store implementation must pass (run against the S3 store on
// a real S3 server and against the filesystem store), so the two are interchangeable for the use-cases.
//
// It imports only blob and the standard library.
package blobtest
