package main

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFitBalancedLogisticRecoversTheModel: labels drawn from p = σ(2x − 0.5) give back slope 2 and
// intercept −0.5 (on the raw feature); with the classes 1 to 14 (two unit Gaussians at 0 and 2), the
// balanced fit puts its boundary half-way (x = 1), where an unweighted fit would move it ln 14 / 2 ≈ 1.3
// towards the rare class.
func TestFitBalancedLogisticRecoversTheModel(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	var xs [][]float64
	var ys []bool
	for range 20000 {
		x := rng.NormFloat64()
		xs = append(xs, []float64{x})
		ys = append(ys, rng.Float64() < sigmoid(2*x-0.5))
	}
	m := fitBalancedLogistic(xs, ys, 1e-6)
	// Balancing only moves the intercept: by log(negatives/positives).
	pos := 0
	for _, y := range ys {
		if y {
			pos++
		}
	}
	shift := math.Log(float64(len(ys)-pos) / float64(pos))
	slope := m.logit([]float64{1}) - m.logit([]float64{0})
	intercept := m.logit([]float64{0}) - shift
	if math.Abs(slope-2) > 0.1 || math.Abs(intercept+0.5) > 0.1 {
		t.Errorf("slope %.3f intercept %.3f, want 2 and -0.5", slope, intercept)
	}

	xs, ys = nil, nil
	for i := range 1500 {
		live := i%15 == 0
		mu := 0.0
		if live {
			mu = 2
		}
		xs = append(xs, []float64{mu + rng.NormFloat64()})
		ys = append(ys, live)
	}
	m = fitBalancedLogistic(xs, ys, 1e-6)
	boundary := -m.logit([]float64{0}) / (m.logit([]float64{1}) - m.logit([]float64{0}))
	if math.Abs(boundary-1) > 0.2 {
		t.Errorf("balanced boundary at %.3f, want about 1", boundary)
	}
	if p := m.prob([]float64{boundary}); math.Abs(p-0.5) > 1e-6 {
		t.Errorf("p at the boundary %.4f", p)
	}
}
