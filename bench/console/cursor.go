package main

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"time"
)

// cursor is a queue page token (kyc.Reviews' format: base64url JSON of the last row's time and id).
func cursor(t time.Time, id string) string {
	raw, _ := json.Marshal(map[string]any{"t": t, "i": id})
	return base64.RawURLEncoding.EncodeToString(raw)
}

func readAll(resp *http.Response) string {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
