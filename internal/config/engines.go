package config

import (
	"strings"
	"time"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/cards/reader"
	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/ocr"
	"github.com/enxtai/kyc/internal/retention"
)

// OCR is the Tesseract pool's configuration.
func (c Config) OCR() ocr.Config {
	o := ocr.DefaultConfig()
	o.Workers = c.OCRWorkers
	o.Languages = strings.Split(c.OCRLanguages, "+")
	o.Timeout = c.OCRTimeout
	return o
}

// Reader is the card reader's configuration.
func (c Config) Reader() reader.Config {
	r := reader.DefaultConfig()
	r.Budget = c.OCRCardBudget
	if c.AadhaarHashKey != "" {
		r.HashKey = []byte(c.AadhaarHashKey)
	}
	return r
}

// AadhaarQR is the Secure QR reader's configuration: the extra trusted certificate files.
func (c Config) AadhaarQR() aadhaarqr.Config {
	var q aadhaarqr.Config
	for f := range strings.SplitSeq(c.AadhaarQRCerts, ",") {
		if f = strings.TrimSpace(f); f != "" {
			q.CertFiles = append(q.CertFiles, f)
		}
	}
	return q
}

// Face is the face engine's configuration: calibrated bands unless overridden.
func (c Config) Face() face.Config {
	f := face.DefaultConfig()
	f.Engine, f.Liveness = face.Engine(c.FaceEngine), face.LivenessModel(c.FaceLiveness)
	f.ModelsDir, f.OnnxRuntimeLib, f.Workers = c.ModelsDir, c.OnnxRuntimeLib, c.FaceWorkers
	f.Bands = face.DefaultBands(f.Liveness)
	if c.FaceAutoApprove > 0 {
		f.Bands.AutoApprove = c.FaceAutoApprove
	}
	if c.FaceReview > 0 {
		f.Bands.Review = c.FaceReview
	}
	if c.FaceMinLiveness > 0 {
		f.Bands.MinLiveness = c.FaceMinLiveness
	}
	return f
}

// Runner is the job runner's configuration.
func (c Config) Runner() jobs.RunnerConfig {
	return jobs.RunnerConfig{
		RecognitionWorkers: c.RecognitionWorkers, WebhookWorkers: c.WebhookWorkers,
		JobTimeout: c.JobTimeout, RescueAfter: c.JobRescueAfter, PollInterval: c.JobPollInterval,
	}
}

// Retention is the retention job's configuration.
func (c Config) Retention() retention.Config {
	r := retention.DefaultConfig()
	r.Period = time.Duration(c.RetentionDays) * 24 * time.Hour
	r.Abandoned = time.Duration(c.AbandonedDays) * 24 * time.Hour
	r.Bodies = c.WebhookBodyRetention
	r.OrphanInterval, r.OrphanGrace = c.OrphanSweepInterval, c.OrphanGrace
	r.Interval = c.RetentionInterval
	return r
}
