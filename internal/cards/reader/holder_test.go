package reader

import (
	"testing"

	"github.com/enxtai/kyc/internal/cards"
)

func TestHolderByRows(t *testing.T) {
	t.Parallel()
	rows := func(name, father string) cards.PANText {
		var p cards.PANText
		if name != "" {
			p.Name = cards.Extract{Value: name, Line: 3, Certainty: 0.9}
		}
		if father != "" {
			p.FatherName = cards.Extract{Value: father, Line: 4, Certainty: 0.9}
		}
		return p
	}
	for _, tc := range []struct {
		name, passName string
		rows           cards.PANText
		want           string // "" = the pass's name stands
	}{
		// Measured on a seen seed's rotated old PAN: "VIDYA SRIVASTAVA" came out before the header.
		{"the father's line taken for the holder's", "SAI MALLIKARJUNA SRINIVASAN GOWDA", rows("VIDYA SRIVASTAVA", "SAI MALLIKARJUNA SRINIVASAN GOWDA"), "VIDYA SRIVASTAVA"},
		{"case and spacing do not hide it", "Sai  Mallikarjuna Srinivasan Gowda", rows("VIDYA SRIVASTAVA", "SAI MALLIKARJUNA SRINIVASAN GOWDA"), "VIDYA SRIVASTAVA"},
		{"the rows agree with the pass", "VIDYA SRIVASTAVA", rows("VIDYA SRIVASTAVA", "SAI MALLIKARJUNA SRINIVASAN GOWDA"), ""},
		{"holder and father of one name", "RAHUL KUMAR", rows("RAHUL KUMAR", "RAHUL KUMAR"), ""},
		{"rows without a father say nothing", "SAI GOWDA", rows("VIDYA SRIVASTAVA", ""), ""},
		{"rows without a holder say nothing", "SAI GOWDA", rows("", "SAI GOWDA"), ""},
		{"a pass without a name keeps none", "", rows("VIDYA SRIVASTAVA", "SAI GOWDA"), ""},
	} {
		got, ok := holderByRows(tc.passName, tc.rows)
		if ok != (tc.want != "") || ok && got.Value != tc.want {
			t.Errorf("%s: holderByRows(%q) = %q, %v; want %q", tc.name, tc.passName, got.Value, ok, tc.want)
		}
	}
}
