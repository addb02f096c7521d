package reader

import (
	"testing"

	"github.com/enxtai/kyc/internal/ocr"
)

func TestStrokeInitials(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		words []string
		want  string
	}{
		// Measured on a seen seed's Aadhaar fronts ("Thenmozhi I" in every family).
		{"a final initial I read as a bar", []string{"Name:@302-380/19/92", "Thenmozhi@390-528/20/51", "|@540-543/19/94"}, "Name: Thenmozhi I"},
		{"photographed", []string{"Thenmozhi@386-562/26/93", "|@575-581/24/95"}, "Thenmozhi I"},
		{"far off: an edge", []string{"Thenmozhi@386-562/26/93", "|@640-644/24/95"}, "Thenmozhi |"},
		{"taller: an edge", []string{"Thenmozhi@386-562/26/93", "|@575-581/60/95"}, "Thenmozhi |"},
		{"unsure", []string{"Thenmozhi@386-562/26/93", "|@575-581/24/40"}, "Thenmozhi |"},
		{"after a number", []string{"07/11/1982@386-562/26/93", "|@575-581/24/95"}, "07/11/1982 |"},
		{"a bar alone", []string{"|@575-581/24/95"}, "|"},
	} {
		res := ocr.Result{Lines: []ocr.Line{{Words: words(t, tc.words...)}}}
		got := strokeInitials(res)
		if s := got.Lines[0].Text(); s != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, s, tc.want)
		}
		if res.Lines[0].Words[len(tc.words)-1].Text != tc.words[len(tc.words)-1][:1] {
			t.Errorf("%s: the input was modified", tc.name)
		}
	}
}
