package gateway

import (
	"io/fs"
	"net/http"
	"strings"

	swaggerfiles "github.com/swaggo/files/v2"

	"github.com/enxtai/kyc/openapi"
)

// initializer points the Swagger UI at our document instead of the bundle's demo one.
const initializer = `window.onload = function() {
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
};
`

// docsHandler serves /api/openapi.json (the merged spec) and the Swagger UI at /api/docs from the
// swaggo/files module's assets.
func docsHandler() (http.Handler, error) {
	spec, err := openapi.Spec(uploadsSpec(), documentsSpec())
	if err != nil {
		return nil, err
	}
	assets := http.StripPrefix("/api/docs/", http.FileServerFS(swaggerfiles.FS))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/api/openapi.json":
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(spec)
		case r.URL.Path == "/api/docs":
			http.Redirect(w, r, "/api/docs/", http.StatusMovedPermanently)
		case r.URL.Path == "/api/docs/swagger-initializer.js":
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			_, _ = w.Write([]byte(initializer))
		case strings.HasPrefix(r.URL.Path, "/api/docs/"):
			if _, err := fs.Stat(swaggerfiles.FS, strings.TrimPrefix(r.URL.Path, "/api/docs/")); err != nil && r.URL.Path != "/api/docs/" {
				notFound(w, r)
				return
			}
			assets.ServeHTTP(w, r)
		default:
			notFound(w, r)
		}
	}), nil
}
