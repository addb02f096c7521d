// Package console is the reviewers' web console, served on the HTTP port under /console: sign-in with an admin
// key into a server-side session (PostgreSQL, so every replica knows it and a revocation ends it at once), the
// review queue, the case page with the documents fetched through the server and the faces the pipeline compared
// cut out of them (crop.go: on the server, within a memory budget, from the boxes kyc recorded), and the
// decision. It renders plain html/template pages with one small script of its own (keyboard shortcuts, zoom
// and rotate), all embedded in the binary: nothing loads from elsewhere, and every page works without the script.
//
// It owns HTTP concerns only (cookies, CSRF, headers, forms, templates, cutting the crops it shows) and calls
// internal/kyc's use-cases, the same ones the admin API calls, so webhooks, audit entries and races behave
// identically. It must not import internal/store for writes of domain data, nor the engines.
package console
