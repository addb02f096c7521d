// Package deploytest checks the deployment files under deploy/: the Compose file loads with the Compose
// specification's own loader and keeps its promises (health checks, no inline secrets, one rate-limit prefix),
// and the Helm chart renders with helm into objects that decode strictly into their Kubernetes types with the
// probes, security contexts and resources the chart promises. It is its own Go module so that the Compose and
// Kubernetes libraries never enter the server's dependency graph.
package deploytest
