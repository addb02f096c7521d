package reader

import (
	"image"
	"testing"

	"github.com/enxtai/kyc/internal/ocr"
)

func TestSurelyReadName(t *testing.T) {
	t.Parallel()
	line := func(words ...ocr.Word) ocr.Result { return ocr.Result{Lines: []ocr.Line{{Words: words}}} }
	w := func(text string, conf float64) ocr.Word { return ocr.Word{Text: text, Confidence: conf} }
	b := func(text string, conf float64, x0, x1 int) ocr.Word {
		return ocr.Word{Text: text, Confidence: conf, Box: image.Rect(x0, 250, x1, 274)}
	}
	for _, tc := range []struct {
		name string
		res  ocr.Result
		read string
		want string
	}{
		{"every word sure", line(w("HARSH", 0.96), w("DEVI", 0.97), w("JAIN", 0.96)), "HARSH DEVI JAIN", "HARSH DEVI JAIN"},
		{"one word unsure (skewed line, its I lost)", line(w("HARSH", 0.93), w("DEv", 0.43), w("JAIN", 0.97)), "HARSH DEv JAIN", ""},
		{"an unsure word that is not the name's (a label)", line(w("Narne:", 0.2), w("Sivagami", 0.93)), "Sivagami", "SIVAGAMI"},
		{"a word with a symbol glued to its end (the rest of it cut by a light patch)", line(w("L.", 0.93), w("THIRUMA\\", 0.83)), "L. THIRUMA", ""},
		{"a glued symbol at its start", line(w("|RAMESH", 0.9), w("BABU", 0.95)), "RAMESH BABU", ""},
		{"an initial's dot, an apostrophe, a comma are a name's own", line(w("L.", 0.93), w("D'SOUZA,", 0.9)), "L. D'SOUZA", "L DSOUZA"},
		{"a space under a third of the line's widest (blur split a word)", line(b("AM", 0.94, 291, 335), b("IT", 0.88, 339, 367), b("PANDEY", 0.97, 386, 498)), "AM IT PANDEY", ""},
		{"spaces alike", line(b("AMIT", 0.94, 291, 365), b("KUMAR", 0.9, 380, 470), b("PANDEY", 0.97, 484, 596)), "AMIT KUMAR PANDEY", "AMIT KUMAR PANDEY"},
		{"two words: no other space to compare with", line(b("AM", 0.94, 291, 335), b("IT", 0.88, 339, 367)), "AM IT", "AM IT"},
		{"one word far less sure than the rest, read clearly (VUJAY on a blurred PAN)", line(w("VUJAY", 0.60), w("PRASAD", 0.96), w("SEN", 0.97)), "VUJAY PRASAD SEN", ""},
		{"the same word on a noisy card, every word lower", line(w("VIJAY", 0.60), w("PRASAD", 0.84), w("SEN", 0.88)), "VIJAY PRASAD SEN", "VIJAY PRASAD SEN"},
		{"two words at 0.6: no one word stands out", line(w("VIJAY", 0.60), w("PRASAD", 0.62), w("SEN", 0.97)), "VIJAY PRASAD SEN", "VIJAY PRASAD SEN"},
		{"a single name at 0.6: nothing to stand out from", line(w("Sivagami", 0.60)), "Sivagami", "SIVAGAMI"},
		{"no name", line(w("HARSH", 0.96)), "", ""},
		{"no such line", ocr.Result{}, "HARSH DEVI JAIN", ""},
	} {
		if got := surelyReadName(tc.res, 0, tc.read); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestVouched(t *testing.T) {
	t.Parallel()
	f, sure := &Field{Value: "KULKARNI", Confidence: 0.9}, ""
	if err := vouched(f, &sure, func() error { return nil }); err != nil || sure != "" {
		t.Errorf("a second reading that changed nothing vouched for %q (%v)", sure, err)
	}
	if err := vouched(f, &sure, func() error { f.Value = "SRIRAM KULKARNI"; return nil }); err != nil || sure != "SRIRAM KULKARNI" {
		t.Errorf("the name a second reading gave is not taken as sure: %q (%v)", sure, err)
	}
}
