package ocr

import "math"

// projective is a 3x3 projective map with its last entry 1.
type projective [9]float64

func (h projective) apply(x, y float64) (u, v float64) {
	w := h[6]*x + h[7]*y + h[8]
	if w == 0 {
		return math.Inf(1), math.Inf(1)
	}
	return (h[0]*x + h[1]*y + h[2]) / w, (h[3]*x + h[4]*y + h[5]) / w
}

// rectToQuad is the projective map taking the rectangle 0..w x 0..h (corners
// TL, TR, BR, BL) onto quad q: the eight equations of the four corner pairs,
// solved by Gauss-Jordan elimination with partial pivoting.
func rectToQuad(w, h float64, q [4][2]float64) projective {
	from := [4][2]float64{{0, 0}, {w, 0}, {w, h}, {0, h}}
	var a [8][9]float64
	for i := range 4 {
		x, y, u, v := from[i][0], from[i][1], q[i][0], q[i][1]
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for col := range 8 {
		p := col
		for r := col + 1; r < 8; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[p][col]) {
				p = r
			}
		}
		a[col], a[p] = a[p], a[col]
		if a[col][col] == 0 {
			continue
		}
		for r := range 8 {
			if r != col {
				f := a[r][col] / a[col][col]
				for k := col; k < 9; k++ {
					a[r][k] -= f * a[col][k]
				}
			}
		}
	}
	var m projective
	for i := range 8 {
		if a[i][i] != 0 {
			m[i] = a[i][8] / a[i][i]
		}
	}
	m[8] = 1
	return m
}
