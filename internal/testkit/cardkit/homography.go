package cardkit

// homography is a 3x3 projective map (h[8] = 1).
type homography [9]float64

// apply maps (x, y); ok is false at the horizon.
func (h homography) apply(x, y float64) (u, v float64, ok bool) {
	w := h[6]*x + h[7]*y + h[8]
	if w == 0 {
		return 0, 0, false
	}
	return (h[0]*x + h[1]*y + h[2]) / w, (h[3]*x + h[4]*y + h[5]) / w, true
}

// homographyTo maps the quad q (TL, TR, BR, BL, in the photo) onto the card
// rectangle 0..w x 0..h, by solving the eight equations of the four pairs.
// The kit keeps its own copy (internal/ocr has the reader's) so that a bug
// in one cannot hide in the other.
func homographyTo(q [4][2]float64, w, h float64) homography {
	dst := [4][2]float64{{0, 0}, {w, 0}, {w, h}, {0, h}}
	var a [8][9]float64
	for i := range 4 {
		x, y, u, v := q[i][0], q[i][1], dst[i][0], dst[i][1]
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for col := range 8 { // Gauss-Jordan with partial pivoting
		p := col
		for r := col + 1; r < 8; r++ {
			if abs(a[r][col]) > abs(a[p][col]) {
				p = r
			}
		}
		a[col], a[p] = a[p], a[col]
		for r := range 8 {
			if r == col || a[col][col] == 0 {
				continue
			}
			f := a[r][col] / a[col][col]
			for k := col; k < 9; k++ {
				a[r][k] -= f * a[col][k]
			}
		}
	}
	var hm homography
	for i := range 8 {
		if a[i][i] != 0 {
			hm[i] = a[i][8] / a[i][i]
		}
	}
	hm[8] = 1
	return hm
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
