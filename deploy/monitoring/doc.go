// Package monitoring holds the operator's Prometheus alert rules (alerts.yml) and Grafana dashboard
// (dashboard.json) for the KYC platform, with metrics.txt listing every metric they read. It is its own Go
// module so that Prometheus (whose rule and PromQL parsers validate the files in this package's test) never
// enters the server's dependency graph. Run the test with `make test-monitoring`.
package monitoring
