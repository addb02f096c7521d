package cardkit

// The Verhoeff scheme (dihedral group D5) as used for the Aadhaar check digit.
// Kept here, separate from internal/cards, so the ground truth does not depend
// on the code it is used to test.

var vhMul = [10][10]byte{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
	{1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
	{2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
	{3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
	{4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
	{5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
	{6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
	{7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
	{8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
	{9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
}

var vhPerm = [8][10]byte{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
	{1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
	{5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
	{8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
	{9, 4, 5, 3, 1, 2, 8, 7, 6, 0},
	{4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
	{2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
	{7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
}

var vhInv = [10]byte{0, 4, 3, 2, 1, 5, 6, 7, 8, 9}

// verhoeffDigit returns the check digit (as an ASCII byte) for a string of digits.
func verhoeffDigit(digits string) byte {
	var c byte
	for i := range len(digits) {
		d := digits[len(digits)-1-i] - '0'
		c = vhMul[c][vhPerm[(i+1)%8][d]]
	}
	return '0' + vhInv[c]
}
