// Command testenv runs a command against a fresh, real KYC server: it creates a PostgreSQL database, starts an
// S3 server (versitygw, see s3test) and bin/kyc-server on free loopback ports, creates a client and its API key,
// writes a set of test documents, runs the command with the addresses and key in its environment, then stops
// everything and drops the database. The SDK test suites (clients/go, clients/python, clients/typescript) and
// the SDK benchmark run under it, so they all meet the same server a user would run.
//
//	go run ./internal/testkit/cmd/testenv [-server bin/kyc-server] [-env KEY=VALUE ...] -- COMMAND [ARGS...]
//
// The command sees:
//
//	KYC_BASE_URL      REST base URL, http://127.0.0.1:PORT/api
//	KYC_HTTP_URL      the server's HTTP root, http://127.0.0.1:PORT
//	KYC_GRPC_ADDR     gRPC address, 127.0.0.1:PORT
//	ENXTAI_API_KEY    a live client API key (KYC_CLIENT_ID is its client)
//	KYC_DATABASE_URL  the server's database, so a test can mint more keys with
//	KYC_SERVER_BIN    `$KYC_SERVER_BIN client create --name X`
//	KYC_TEST_DOCS     a folder with pan.jpg, aadhaar-front.jpg, aadhaar-back.jpg, live-photo.jpg (one synthetic
//	                  person; faces from ../shared/testdata/faces when present, else noise) and big.jpg (a
//	                  valid JPEG of 5,000,000 bytes)
//
// The server runs in development mode with loopback http webhooks allowed, a short webhook retry schedule and
// a rate limit of 600 requests per minute per key (so one key serves a whole suite); -env adds or overrides server
// settings. It exits with the command's exit code. It is a test tool: it must not be imported.
package main
