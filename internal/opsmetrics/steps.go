package opsmetrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Steps of a session's processing whose latency is measured.
const (
	StepOCR      = "ocr"      // one card read (three per session, in parallel)
	StepFace     = "face"     // face detection, alignment and embedding of card and selfie
	StepLiveness = "liveness" // liveness score of the selfie's face
	StepDecision = "decision" // the decision transaction
	StepWebhook  = "webhook"  // one delivery attempt (the POST to the client)
)

// stepBuckets are few on purpose (each bucket is a series per step): OCR and face take 0.1-5 s here,
// a decision or a delivery tens of milliseconds.
var stepBuckets = []float64{0.01, 0.05, 0.25, 1, 2.5, 5, 15}

var stepDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
	Name:    "kyc_step_duration_seconds",
	Help:    "Latency of a processing step (ocr, face, liveness, decision, webhook).",
	Buckets: stepBuckets,
}, []string{"step"})

// ObserveStep records how long a step took since start.
func ObserveStep(step string, start time.Time) {
	stepDuration.WithLabelValues(step).Observe(time.Since(start).Seconds())
}

// livenessAvailable exists only in processes that work jobs (it is set when the face engine loads), so an
// API-only replica never looks like a worker without liveness.
var livenessAvailable = prometheus.NewGaugeVec(prometheus.GaugeOpts{
	Name: "kyc_liveness_model_available",
	Help: "1 when this worker loaded a liveness model; 0 means every session it processes goes to review.",
}, []string{"face_engine"})

// SetLivenessAvailable records whether this process's face engine has a liveness model.
func SetLivenessAvailable(engine string, ok bool) {
	v := 0.0
	if ok {
		v = 1
	}
	livenessAvailable.WithLabelValues(engine).Set(v)
}
