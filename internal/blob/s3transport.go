package blob

import (
	"net/http"

	"github.com/minio/minio-go/v7"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

	"github.com/enxtai/kyc/internal/opsmetrics"
)

// s3Transport is minio's transport with a client span per S3 request (a child of the caller's span; cheap
// no-op spans when tracing is off) and a count of failed requests (no answer, or a 5xx) for the operator's
// alerts. 4xx answers are not counted (a missing object is an answer, not a failure of the store), nor requests
// whose caller gave up.
func s3Transport(secure bool) http.RoundTripper {
	base, err := minio.DefaultTransport(secure)
	if err != nil {
		return otelhttp.NewTransport(countErrors{http.DefaultTransport})
	}
	return otelhttp.NewTransport(countErrors{base})
}

type countErrors struct{ next http.RoundTripper }

func (c countErrors) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(r)
	if err != nil && r.Context().Err() == nil || err == nil && resp.StatusCode >= 500 {
		opsmetrics.S3Error(r.Method)
	}
	return resp, err
}
