package app

import (
	"io"
	"log/slog"

	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/telemetry"
)

// NewLogger returns the process logger: JSON (or text) on w at the configured level, with request ids.
func NewLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: lvl}
	var h slog.Handler = slog.NewJSONHandler(w, opts)
	if cfg.LogFormat == "text" {
		h = slog.NewTextHandler(w, opts)
	}
	return slog.New(api.LogHandler(telemetry.LogHandler(h)))
}
