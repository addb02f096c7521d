package reader

import (
	"testing"

	"github.com/enxtai/kyc/internal/ocr"
)

func TestFinalInitials(t *testing.T) {
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
		// Measured on a seen seed's blurred 2018 PAN ("JAYALAKSHMI C"): the C boxed as a small letter.
		{"a final capital read small", []string{"JAYALAKSHMI@310-521/41/91", "c@530-550/22/86"}, "JAYALAKSHMI C"},
		{"read small, far off: an edge", []string{"JAYALAKSHMI@310-521/41/91", "c@590-610/22/86"}, "JAYALAKSHMI c"},
		{"read small, unsure", []string{"JAYALAKSHMI@310-521/41/91", "c@530-550/22/40"}, "JAYALAKSHMI c"},
		{"a small letter that is no capital's shape", []string{"JAYALAKSHMI@310-521/41/91", "a@530-550/22/86"}, "JAYALAKSHMI a"},
		{"after a word in small letters", []string{"Jayalakshmi@310-521/41/91", "c@530-550/22/86"}, "Jayalakshmi c"},
	} {
		res := ocr.Result{Lines: []ocr.Line{{Words: words(t, tc.words...)}}}
		got := finalInitials(res)
		if s := got.Lines[0].Text(); s != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, s, tc.want)
		}
		if res.Lines[0].Words[len(tc.words)-1].Text != tc.words[len(tc.words)-1][:1] {
			t.Errorf("%s: the input was modified", tc.name)
		}
	}
}

func TestDropStrayBars(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		words []string
		want  string
	}{
		// Measured on a seen seed's photographed letter front: the photo's edge read "f", a speck "|".
		{"an edge and a speck before the name", []string{"f@134-186/72/83", "|@341-342/18/65", "Subramanian@386-595/26/88"}, "f Subramanian"},
		{"an initial I before the name", []string{"|@380-386/26/90", "Subramanian@396-605/26/88"}, "| Subramanian"},
		{"the name's final I", []string{"Thenmozhi@386-562/26/93", "|@575-581/24/95"}, "Thenmozhi |"},
		{"a bar far after the name", []string{"Thenmozhi@386-562/26/93", "|@640-644/24/95"}, "Thenmozhi"},
		{"a bar between far words", []string{"Name:@100-180/26/93", "|@300-302/26/60", "Rahul@420-500/26/95"}, "Name: Rahul"},
		{"a bar alone", []string{"|@575-581/24/95"}, "|"},
		{"bars alone, far apart", []string{"|@100-102/24/60", "|@575-581/24/95"}, "| |"},
		{"other symbols are left alone", []string{"f@134-186/72/83", "!@341-342/18/65", "Subramanian@386-595/26/88"}, "f ! Subramanian"},
	} {
		res := ocr.Result{Lines: []ocr.Line{{Words: words(t, tc.words...)}}}
		got := dropStrayBars(res)
		if s := got.Lines[0].Text(); s != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, s, tc.want)
		}
		if len(res.Lines[0].Words) != len(tc.words) {
			t.Errorf("%s: the input was modified", tc.name)
		}
	}
}
