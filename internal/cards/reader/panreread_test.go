package reader

import (
	"context"
	"image"
	"slices"
	"testing"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// fixedRecognizer answers every pass with one line of words and counts the passes.
type fixedRecognizer struct {
	words []ocr.Word
	calls int
}

func (f *fixedRecognizer) Recognize(context.Context, *image.Gray, ocr.Pass) (ocr.Result, error) {
	f.calls++
	return ocr.Result{Lines: []ocr.Line{{Words: f.words}}}, nil
}

// numberWord is a PAN word where the tests' one-line results put it.
func numberWord(text string, conf float64) ocr.Word {
	return ocr.Word{Text: text, Confidence: conf, Box: image.Rect(10, 10, 300, 40)}
}

func TestRereadPANLine(t *testing.T) {
	t.Parallel()
	img, w := image.NewGray(image.Rect(0, 0, 400, 100)), numberWord
	for _, tc := range []struct {
		name     string
		passConf float64    // Tesseract's confidence in the pass's word JIDPQ1234K
		again    []ocr.Word // the line read again
		want     string
		reread   bool // a pass was spent
		finding  bool // pan_line_reread
	}{
		{"sure reading: no second look", 0.9, []ocr.Word{w("JJDPQ1234K", 0.95)}, "JIDPQ1234K", false, false},
		{"unsure, read otherwise and surer", 0.5, []ocr.Word{w("JJDPQ1234K", 0.9)}, "JJDPQ1234K", true, true},
		{"unsure, read otherwise but less sure", 0.5, []ocr.Word{w("JJDPQ1234K", 0.4)}, "JIDPQ1234K", true, false},
		{"unsure, read otherwise, surer but still unsure", 0.3, []ocr.Word{w("JJDPQ1234K", 0.6)}, "JIDPQ1234K", true, false},
		{"unsure, read the same", 0.5, []ocr.Word{w("JIDPQ1234K", 0.9)}, "JIDPQ1234K", true, false},
		{"unsure, read otherwise only after a repair", 0.5, []ocr.Word{w("JJDPQ12A4K", 0.9)}, "JIDPQ1234K", true, false},
		{"unsure, read again without PAN structure", 0.5, []ocr.Word{w("JJDPQ12345", 0.9)}, "JIDPQ1234K", true, false},
		{"unsure, two values read again", 0.5, []ocr.Word{w("JJDPQ1234K", 0.9), w("ABCPE1234F", 0.9)}, "JIDPQ1234K", true, false},
	} {
		fr := &fixedRecognizer{words: tc.again}
		r := &Reader{eng: fr}
		st := &panState{}
		st.result.Number = Field{Value: "JIDPQ1234K", Confidence: tc.passConf}
		res := ocr.Result{Lines: []ocr.Line{{Words: []ocr.Word{w("JIDPQ1234K", tc.passConf)}}}}
		st.numberAt = spotOfNumber(res, 0, "JIDPQ1234K", img)
		var stats Stats
		if err := r.rereadPANLine(context.Background(), st, &stats); err != nil {
			t.Fatal(err)
		}
		if st.result.Number.Value != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, st.result.Number.Value, tc.want)
		}
		if (fr.calls == 1) != tc.reread || stats.Passes != fr.calls {
			t.Errorf("%s: %d passes (stats %d)", tc.name, fr.calls, stats.Passes)
		}
		got := slices.ContainsFunc(st.numberFindings, func(f cards.Finding) bool { return f.Code == cards.CodePANLineReread })
		if got != tc.finding {
			t.Errorf("%s: finding %v, want %v", tc.name, got, tc.finding)
		}
	}
}

// A sure word whose value needed a symbol read as a letter is read again.
func TestRereadPANLineAfterSymbol(t *testing.T) {
	t.Parallel()
	img, w := image.NewGray(image.Rect(0, 0, 400, 100)), numberWord
	for _, tc := range []struct {
		name   string
		word   string // the pass's word, read as ZMXPT6411I at 0.9
		again  ocr.Word
		want   string
		reread bool
	}{
		{"letter read as a letter: no second look", "ZMXPT6411I", w("ZMXPT6411N", 0.95), "ZMXPT6411I", false},
		{"symbol for the last letter, read whole again", "ZMXPT6411!", w("ZMXPT6411N", 0.95), "ZMXPT6411N", true},
		{"symbol, read again the same", "ZMXPT6411!", w("ZMXPT6411I", 0.95), "ZMXPT6411I", true},
		{"symbol, read again less surely", "ZMXPT6411|", w("ZMXPT6411N", 0.6), "ZMXPT6411I", true},
	} {
		fr := &fixedRecognizer{words: []ocr.Word{tc.again}}
		r := &Reader{eng: fr}
		st := &panState{}
		st.result.Number = Field{Value: "ZMXPT6411I", Confidence: 0.9}
		res := ocr.Result{Lines: []ocr.Line{{Words: []ocr.Word{w(tc.word, 0.9)}}}}
		if st.numberAt = spotOfNumber(res, 0, "ZMXPT6411I", img); st.numberAt == nil {
			t.Fatalf("%s: the number's word not found", tc.name)
		}
		var stats Stats
		if err := r.rereadPANLine(context.Background(), st, &stats); err != nil {
			t.Fatal(err)
		}
		if st.result.Number.Value != tc.want || (fr.calls == 1) != tc.reread {
			t.Errorf("%s: %q after %d passes, want %q", tc.name, st.result.Number.Value, fr.calls, tc.want)
		}
	}
}
