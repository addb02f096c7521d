// Package s3test gives tests a real S3 endpoint: the one named by KYC_TEST_S3_ENDPOINT (with
// KYC_TEST_S3_ACCESS_KEY and KYC_TEST_S3_SECRET_KEY), or else a Versity S3 gateway (versitygw) it starts itself on
// a free loopback port with a temporary data directory. Each test gets a fresh bucket.
//
// Use RunMain from TestMain to share one server per test process (stopped when the tests end); without it, each
// Bucket call starts and stops its own server (about 60 ms). The binary is taken from KYC_VERSITYGW,
// <module root>/.cache/bin/versitygw, or PATH; a missing binary fails the test with a pointer to `make setup`.
//
// It must not import the packages under test (blob imports it in tests, not the other way round).
package s3test
