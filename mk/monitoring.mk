# Operator monitoring: deploy/monitoring holds the Prometheus alert rules and the Grafana dashboard, checked by
# a test in their own Go module (Prometheus's parsers stay out of the server's dependencies). The server's side
# (every listed metric exists on /metrics after a session) is internal/app's TestMonitoringMetricsExposed.
TEST_EXTRA += test-monitoring

.PHONY: test-monitoring
test-monitoring: ## parse the alert rules and dashboard with Prometheus's parsers; check their metric names
	cd deploy/monitoring && go vet ./... && go test -count=1 ./...
