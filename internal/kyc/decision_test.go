package kyc

import (
	"reflect"
	"testing"
)

// TestDecideRun: the approval rule. Approval needs a passing face check and not one reason from either side;
// every reason reaches the reviewer, the face check's first.
func TestDecideRun(t *testing.T) {
	score, live := 0.91, 0.88
	faceLow := Reason{Code: "face_match_low", Message: "weak"}
	cardWarn := Reason{Code: "low_confidence", Message: "blurred PAN"}
	cases := []struct {
		name         string
		face         FaceCheck
		cards        []Reason
		wantApproved bool
		wantReasons  []Reason
	}{
		{"both clean", FaceCheck{Passed: true}, nil, true, nil},
		{"face fails without a reason", FaceCheck{Passed: false}, nil, false, nil},
		{"face passes, cards warn", FaceCheck{Passed: true}, []Reason{cardWarn}, false, []Reason{cardWarn}},
		{"face passes with a reason", FaceCheck{Passed: true, Reasons: []Reason{faceLow}}, nil, false, []Reason{faceLow}},
		{"both raise, face first", FaceCheck{Reasons: []Reason{faceLow}}, []Reason{cardWarn}, false, []Reason{faceLow, cardWarn}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.face.FaceMatchScore, c.face.LivenessScore = &score, &live
			o := decideRun(c.face, c.cards)
			if o.Approved != c.wantApproved || !reflect.DeepEqual(o.Reasons, c.wantReasons) {
				t.Fatalf("got approved=%v reasons=%v, want %v %v", o.Approved, o.Reasons, c.wantApproved, c.wantReasons)
			}
			if o.FaceMatchScore != &score || o.LivenessScore != &live {
				t.Fatal("the scores were not kept")
			}
		})
	}
}

// TestCardReasons: which findings of a stored reading need a reviewer.
func TestCardReasons(t *testing.T) {
	missing := []Reason{{Code: "ocr_result_missing", Message: "The card reading result is missing."}}
	cases := []struct {
		name string
		raw  string
		want []Reason
	}{
		{"no reading", "", missing},
		{"unreadable reading", `{"pan":`, missing},
		{"clean cards", `{"pan":{"findings":[]},"aadhaarFront":{},"aadhaarBack":{"findings":null},"crossCheck":[]}`, nil},
		{"info only", `{"pan":{"findings":[{"code":"orientation_corrected","severity":"info","message":"turned"}]}}`, nil},
		{"warnings and errors once per code, cards in order", `{
			"crossCheck":[{"code":"name_mismatch","severity":"warning","message":"names differ"}],
			"aadhaarBack":{},
			"aadhaarFront":{"findings":[{"code":"low_confidence","severity":"error","message":"again"}]},
			"pan":{"findings":[{"code":"low_confidence","severity":"warning","message":"blurred"}]}}`,
			[]Reason{{"low_confidence", "blurred"}, {"name_mismatch", "names differ"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CardReasons([]byte(c.raw)); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
}
