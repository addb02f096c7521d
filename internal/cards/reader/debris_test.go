package reader

import (
	"fmt"
	"image"
	"strings"
	"testing"

	"github.com/enxtai/kyc/internal/ocr"
)

// words lays out "TEXT@x0-x1/h/conf" specs on one line (the box's top at y=100).
func words(t *testing.T, specs ...string) []ocr.Word {
	t.Helper()
	out := make([]ocr.Word, len(specs))
	for i, s := range specs {
		var text string
		var x0, x1, h, conf int
		at := strings.LastIndexByte(s, '@')
		text = s[:at]
		if _, err := fmt.Sscanf(s[at+1:], "%d-%d/%d/%d", &x0, &x1, &h, &conf); err != nil {
			t.Fatalf("spec %q: %v", s, err)
		}
		out[i] = ocr.Word{Text: text, Confidence: float64(conf) / 100, Box: image.Rect(x0, 100, x1, 100+h)}
	}
	return out
}

// lineAt is a line of words (see words) with its top at y.
func lineAt(t *testing.T, y int, specs ...string) ocr.Line {
	t.Helper()
	ws := words(t, specs...)
	for i := range ws {
		ws[i].Box = ws[i].Box.Add(image.Pt(0, y-100))
	}
	return ocr.LineOf(ws)
}

func TestDropFarDebris(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		words []string
		want  string
	}{
		// Measured on the tuning seed's 2018 PAN: the QR's corner read as "O", twice the name's height.
		{"QR corner, tall", []string{"SAI@291-330/20/80", "THENMOZHI@340-492/20/91", "DURGA@503-591/20/93", "KUPPUSWAMY@600-782/20/89", "O@818-858/40/79"}, "SAI THENMOZHI DURGA KUPPUSWAMY"},
		// Measured on a photographed 2018 PAN (seed 19): the QR beside the name read as a capitalised word.
		{"the QR read as a long word", []string{"ABHISHEK@302-482/26/96", "MALHOTRA@495-688/25/96", "Flake@838-1049/122/17"}, "ABHISHEK MALHOTRA"},
		{"a long capitalised word of the line's type, unsure, is kept", []string{"ABHISHEK@302-482/26/96", "MALHOTRA@495-688/25/96", "Flake@838-930/26/17"}, "ABHISHEK MALHOTRA Flake"},
		{"two debris words, low confidence", []string{"RAHUL@290-380/20/95", "SHARMA@392-500/20/95", "OO@640-660/21/40", "LE@668-690/21/35"}, "RAHUL SHARMA"},
		{"one word before the gap", []string{"KUPPUSWAMY@600-782/20/89", "ME@830-850/12/70"}, "KUPPUSWAMY"},
		{"a real initial at a word space", []string{"MEENAKSHI@293-468/22/93", "F@480-492/22/92"}, "MEENAKSHI F"},
		{"a real initial, low confidence", []string{"MEENAKSHI@293-468/22/93", "S@480-492/22/40"}, "MEENAKSHI S"},
		{"initials first", []string{"K.@290-310/22/90", "R.@320-340/22/90", "SRINIVASAN@352-520/22/92"}, "K. R. SRINIVASAN"},
		{"header's two halves", []string{"INCOME@42-154/22/96", "TAX@164-219/22/96", "DEPARTMENT@230-425/22/96", "GOVT.@798-884/22/97", "OF@893-927/22/96", "INDIA@936-1020/22/96"},
			"INCOME TAX DEPARTMENT GOVT. OF INDIA"},
		{"a small-letter word, low confidence", []string{"SIVAKUMAR@400-560/20/96", "REDDY@572-660/20/97", "alee@760-830/16/42", "as@840-860/12/0"}, "SIVAKUMAR REDDY"},
		{"a small-letter word read surely is kept", []string{"RAHUL@290-380/20/95", "SHARMA@392-500/20/95", "kumar@640-720/20/90"}, "RAHUL SHARMA kumar"},
		{"far long word kept", []string{"RAHUL@290-380/20/95", "SHARMAKUMAR@600-780/40/40"}, "RAHUL SHARMAKUMAR"},
		{"far short word kept when the line's own size and sure", []string{"RAHUL@290-380/20/95", "SHARMA@392-500/20/95", "KV@640-670/20/95"}, "RAHUL SHARMA KV"},
		{"debris then a real word: nothing dropped", []string{"RAHUL@290-380/20/95", "O@500-520/40/50", "SHARMA@530-640/20/95"}, "RAHUL O SHARMA"},
		// Measured on a tuning seed's photographed 2018 PAN: the QR read as "ete", a little past the word spaces.
		{"QR read as a word, four times the name's height", []string{"LAKSHMI@303-435/22/92", "SRINIVASAN@445-624/22/97", "NATARAJAN@636-808/28/97", "ete@837-973/102/16"}, "LAKSHMI SRINIVASAN NATARAJAN"},
		// Measured on a seen seed's blurred 2018 PAN: the photo's edge beside the name read "is Pata at", "Pata" at 2.4 letter heights.
		{"the photo's edge read as a capitalised word", []string{"SIVA@291-339/16/96", "DURGA@347-425/16/92", "JAYALAKSHMI@431-578/19/61", "VENKATARAMAN@586-768/15/90", "is@814-858/54/5", "Pata@866-897/38/32", "at@906-922/24/30"}, "SIVA DURGA JAYALAKSHMI VENKATARAMAN"},
		{"an unsure capitals-only word twice the height is kept", []string{"RAHUL@290-380/20/95", "SHARMA@392-500/20/95", "KUMAR@640-720/42/40"}, "RAHUL SHARMA KUMAR"},
		{"a tall word read surely is kept", []string{"LAKSHMI@303-435/22/92", "SRINIVASAN@445-624/22/97", "NATARAJAN@636-808/28/97", "RAO@822-885/50/90"}, "LAKSHMI SRINIVASAN NATARAJAN RAO"},
		// Measured on a seen seed's 2018 PAN on a busy background: the photo's edge read as "Oo" left of the name.
		{"the photo's edge before the name", []string{"Oo@101-200/121/34", "SURYA@305-394/21/93", "THENMOZHI@403-563/21/91", "KRISHNAMURTHY@574-810/21/92"}, "SURYA THENMOZHI KRISHNAMURTHY"},
		{"debris on both sides", []string{"|@40-44/60/30", "RAHUL@290-380/20/95", "SHARMA@392-500/20/95", "OO@640-660/21/40"}, "RAHUL SHARMA"},
		{"a real initial before the name is kept", []string{"K.@290-310/22/90", "SRINIVASAN@322-520/22/92"}, "K. SRINIVASAN"},
		{"a sure word far before the name is kept", []string{"RAO@100-160/22/95", "SRINIVASAN@322-520/22/92", "K@530-545/22/95"}, "RAO SRINIVASAN K"},
		// Measured on probe-layouts seed 4's 2018 PAN with a QR close beside a long name: clean (the QR read as
		// "raise fs", 0.9 letter heights past the name), blurred ("fal", read surely, 2.9 heights tall) and
		// photographed ("|mift", no capital, confidence 0, a little past 2.5 word spaces).
		{"a QR close beside a long name", []string{"SAI@32-69/16/93", "RAGHAVENDRA@77-262/16/92", "MALLIKARJUNA@268-460/16/92", "RANGANATHAN@466-653/16/96", "raise@667-730/66/34", "fs@714-761/37/29"},
			"SAI RAGHAVENDRA MALLIKARJUNA RANGANATHAN"},
		{"a short tall word close beside, read surely", []string{"SAI@43-95/24/93", "RAGHAVENDRA@107-362/24/91", "MALLIKARJUNA@372-636/24/91", "RANGANATHAN@646-903/24/96", "fal@922-970/69/73"},
			"SAI RAGHAVENDRA MALLIKARJUNA RANGANATHAN"},
		{"a word without capitals read with no confidence", []string{"SAI@43-94/22/93", "RAGHAVENDRA@107-360/22/90", "MALLIKARJUNA@371-633/22/93", "RANGANATHAN@646-902/22/93", "|mift@929-995/36/0"},
			"SAI RAGHAVENDRA MALLIKARJUNA RANGANATHAN"},
		// Measured on probe-layouts seed 3's photographed front, its name line read again with room on the right:
		// the QR's edge read "Le", the crop's whole height, 1.4 word spaces past the name.
		{"a QR's edge the crop's height, read again with room", []string{"Venkata@22-266/49/93", "Thenmozhi@286-608/49/92", "Keerthana@633-934/47/92", "Krishnamurthy@961-1406/61/96", "Le@1446-1534/96/22"},
			"Venkata Thenmozhi Keerthana Krishnamurthy"},
		// Measured on report seed 25's photographed 2018 PAN (a tuned family, traced after the report): glare swelled
		// the first two words' boxes to 50 px; the last word, read surely, shows the letters' 20.
		{"QR debris after a name whose first boxes glare swelled", []string{"VENKATA@302-444/50/92", "KAMAKSHI@460-618/50/89", "RAMASAMY@633-809/20/93", "mL’@849-924/68/39", "7@982-990/8/0", "|@1017-1040/43/35"},
			"VENKATA KAMAKSHI RAMASAMY"},
		{"a tall initial at a word space is kept", []string{"RAHUL@290-380/20/95", "SHARMA@392-500/20/95", "K@514-530/42/50"}, "RAHUL SHARMA K"},
		// Measured on probe-layouts seed 6's clean bilingual front (Liberation Serif): the Hindi label read as tall
		// Latin letters, the English label after the slash printed smaller: the label is kept (what the Hindi
		// was read as goes, read right to left it is the taller debris before a gap).
		{"a bilingual label's English half", []string{"ora@287-320/16/100", "agg@326-354/16/0", "/@361-366/17/100", "YOB@387-410/11/100"}, "YOB"},
		{"after a slash, a word no label is still debris", []string{"RAHUL@290-380/20/95", "SHARMA@392-500/20/95", "/@520-526/21/60", "OO@560-575/12/40"}, "RAHUL SHARMA /"},
		{"wide spacing throughout", []string{"A@100-120/20/95", "B@160-180/20/95", "C@220-240/20/40"}, "A B C"},
	} {
		res := ocr.Result{Lines: []ocr.Line{{Words: words(t, tc.words...)}}}
		got := dropFarDebris(res)
		if s := got.Lines[0].Text(); s != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, s, tc.want)
		}
		if len(res.Lines[0].Words) != len(tc.words) {
			t.Errorf("%s: the input result was modified", tc.name)
		}
	}
}

// TestPANRowsDropDebris: Tesseract put a piece of the QR ("MB", taller, unsure) in a block of its own at the
// name's height; the rows view joins it to the name's row, where it must be dropped as on the lines (measured
// on a seen seed's blurred 2018 PAN, which read "... BALAKRISHNAN MB").
func TestPANRowsDropDebris(t *testing.T) {
	t.Parallel()
	line := func(y int, specs ...string) ocr.Line { return lineAt(t, y, specs...) }
	res := ocr.Result{Lines: []ocr.Line{
		line(40, "INCOME@40-160/22/96", "TAX@170-230/22/96", "DEPARTMENT@240-430/22/96"),
		line(160, "LHTPB8629L@400-640/30/90"),
		line(260, "Name@290-350/16/96"),
		line(300, "SATYA@291-389/23/92", "VIGNESH@399-532/23/92", "BALAKRISHNAN@544-779/23/96"),
		line(292, "MB@860-960/40/8"),
		line(350, "Father's@290-380/16/96", "Name@390-450/16/96"),
		line(390, "SENTHIL@291-420/23/95"),
		line(440, "Date@290-340/16/96", "of@345-365/16/96", "Birth@370-430/16/96"),
		line(480, "06/01/1959@291-460/23/95"),
	}}
	st := &panState{}
	st.absorb(res.Texts(), res, nil)
	if got := st.result.Name.Value; got != "SATYA VIGNESH BALAKRISHNAN" {
		t.Errorf("name %q", got)
	}
}

// TestFrontDropsQRDebris: a front printing "Name: MEENA SINGH" beside a QR code read a corner of the QR after the
// name, far right and unsure (probe-layouts seed 3, Liberation Serif, 1300 px); the front drops it as the PAN does.
func TestFrontDropsQRDebris(t *testing.T) {
	t.Parallel()
	line := func(y int, specs ...string) ocr.Line { return lineAt(t, y, specs...) }
	res := ocr.Result{Lines: []ocr.Line{
		line(40, "fence@30-106/53/11", "ante)@162-274/53/8"),
		line(130, "Name:@287-360/20/97", "MEENA@369-470/19/97", "SINGH@476-561/20/96", "Eri@933-986/53/20"),
		line(180, "DOB:@287-352/20/96", "11-06-1967@363-493/20/96"),
		line(230, "Sex:@288-335/20/97", "Female@344-427/20/97"),
	}}
	st := &frontState{}
	st.absorb(res.Texts(), res, nil)
	if got := st.result.Name.Value; got != "MEENA SINGH" {
		t.Errorf("name %q", got)
	}
}
