package main

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// logisticModel is a logistic regression over standardised features: p(y=1|x) = σ(β0 + Σ βi·(xi−µi)/σi).
type logisticModel struct {
	mu, sd []float64
	beta   []float64 // slopes, then the intercept
}

// fitBalancedLogistic fits a logistic regression by Newton's method with each class weighted to half of the
// total (impostor pairs outnumber genuine ones 14 to 1, attacks outnumber live photos) and a ridge penalty
// on the slopes, in units where the sample weights sum to len(xs). The dlib fusion (study) and the liveness
// fusions (livenessrule) both use it.
func fitBalancedLogistic(xs [][]float64, ys []bool, ridge float64) logisticModel {
	d := len(xs[0])
	m := logisticModel{mu: make([]float64, d), sd: make([]float64, d), beta: make([]float64, d+1)}
	for c := range d {
		v := make([]float64, len(xs))
		for i, x := range xs {
			v[i] = x[c]
		}
		m.mu[c] = mean(v)
		m.sd[c] = math.Max(math.Sqrt(variance(v, m.mu[c])), 1e-6)
	}
	pos := 0
	for _, y := range ys {
		if y {
			pos++
		}
	}
	n := float64(len(xs))
	wPos, wNeg := n/(2*float64(pos)), n/(2*(n-float64(pos)))
	zs := make([][]float64, len(xs))
	for i, x := range xs {
		zs[i] = m.features(x)
	}
	for range 50 {
		g := mat.NewVecDense(d+1, nil)
		h := mat.NewDense(d+1, d+1, nil)
		for i, z := range zs {
			p := sigmoid(dot(m.beta, z))
			y, wt := 0.0, wNeg
			if ys[i] {
				y, wt = 1, wPos
			}
			for a := range z {
				g.SetVec(a, g.AtVec(a)+wt*(p-y)*z[a])
				for b := range z {
					h.Set(a, b, h.At(a, b)+wt*p*(1-p)*z[a]*z[b])
				}
			}
		}
		for a := range d {
			g.SetVec(a, g.AtVec(a)+ridge*m.beta[a])
			h.Set(a, a, h.At(a, a)+ridge)
		}
		var step mat.VecDense
		if err := step.SolveVec(h, g); err != nil {
			break // singular: keep the last coefficients
		}
		for a := range m.beta {
			m.beta[a] -= step.AtVec(a)
		}
	}
	return m
}

// features standardises x and appends the intercept's 1.
func (m logisticModel) features(x []float64) []float64 {
	z := make([]float64, len(x)+1)
	for c := range x {
		z[c] = (x[c] - m.mu[c]) / m.sd[c]
	}
	z[len(x)] = 1
	return z
}

// logit is the model's linear score, log(p / (1 − p)).
func (m logisticModel) logit(x []float64) float64 { return dot(m.beta, m.features(x)) }

// prob is p(y=1|x).
func (m logisticModel) prob(x []float64) float64 { return sigmoid(m.logit(x)) }

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
