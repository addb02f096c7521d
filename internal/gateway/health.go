package gateway

import (
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
)

// healthHandler serves GET /api/v1/health: the gRPC health check through the same in-process connection and
// interceptors as every API call, without a key or the database. It is the cheapest call of the REST stack
// (the benchmarks' ceiling); /healthz is the readiness probe that also asks the database.
func healthHandler(conn grpc.ClientConnInterface) runtime.HandlerFunc {
	client := grpc_health_v1.NewHealthClient(conn)
	return func(w http.ResponseWriter, r *http.Request, _ map[string]string) {
		resp, err := client.Check(r.Context(), &grpc_health_v1.HealthCheckRequest{})
		if err != nil {
			st := status.Convert(err)
			WriteError(w, HTTPStatus(st), st.Message())
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"` + resp.GetStatus().String() + `"}` + "\n"))
	}
}
