// Package consoletest drives the reviewer console for tests: a browser-like HTTP client (cookies, forms,
// CSRF fields) and sessions put in review on a test server.
package consoletest
