package reader

import "testing"

func TestExtendsCut(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		long, short string
		want        bool
	}{
		{"LAKSHMI PRASANNA CHIDAMBARAM", "LAKSHMI PRAS", true}, // the block ended inside PRASANNA
		{"PRASANNA CHIDAMBARAM", "PRAS", true},
		{"LAKSHMI PRASANNA", "LAKSHMI PRASANNA", false}, // nothing cut
		{"LAKSHMI PRASANNA", "LAKSHMI PRAKASH", false},  // another word
		{"LAKSHMI PRASANNA", "SITA PRAS", false},        // another first word
		{"LAKSHMI PRASANNA", "", false},
		{"LAKSHMI PRASANNA", "LAKSHMI P", false}, // an initial is no cut word
	} {
		if got := extendsCut(tc.long, tc.short); got != tc.want {
			t.Errorf("extendsCut(%q, %q) = %v, want %v", tc.long, tc.short, got, tc.want)
		}
	}
}
