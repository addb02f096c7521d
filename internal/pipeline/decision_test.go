package pipeline

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/cards/reader"
	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/kyc"
)

// TestStoredReadingFeedsTheDecision: the reading the card step stores (reader.Reading as JSON) is what kyc reads
// its findings from; a renamed JSON field on either side would silently approve sessions with bad cards.
func TestStoredReadingFeedsTheDecision(t *testing.T) {
	var r reader.Reading
	r.PAN.Findings = []cards.Finding{{Code: cards.CodeLowConf, Severity: cards.SevWarning, Message: "PAN low"}}
	r.AadhaarFront.Findings = []cards.Finding{{Code: cards.CodeRotated, Severity: cards.SevInfo, Message: "turned"}}
	r.AadhaarBack.Findings = []cards.Finding{
		{Code: cards.CodeLowConf, Severity: cards.SevError, Message: "again"}, // once per code
		{Code: cards.CodeNoText, Severity: cards.SevError, Message: "blank back"},
	}
	r.CrossCheck = []cards.Finding{{Code: cards.CodeWrongDocType, Severity: cards.SevWarning, Message: "cross"}}
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := []kyc.Reason{
		{Code: string(cards.CodeLowConf), Message: "PAN low"},
		{Code: string(cards.CodeNoText), Message: "blank back"},
		{Code: string(cards.CodeWrongDocType), Message: "cross"},
	}
	if got := kyc.CardReasons(raw); !reflect.DeepEqual(got, want) {
		t.Fatalf("reasons %+v, want %+v", got, want)
	}
}

// TestFaceCheckWords: every reason of the face engine reaches the reviewer with words, and the verdict and
// scores pass unchanged.
func TestFaceCheckWords(t *testing.T) {
	score, live := 0.42, 0.9
	var r face.Result
	r.AutoApprove, r.FaceMatchScore, r.LivenessScore = true, &score, &live
	r.Reasons = []face.Reason{face.ReasonFaceMatchLow}
	c := faceCheck(r)
	if !c.Passed || c.FaceMatchScore != &score || c.LivenessScore != &live {
		t.Fatalf("check %+v lost the verdict or scores", c)
	}
	if len(c.Reasons) != 1 || c.Reasons[0].Code != string(face.ReasonFaceMatchLow) || c.Reasons[0].Message == "" {
		t.Fatalf("reasons %+v", c.Reasons)
	}
	for reason := range faceMessages {
		if faceMessages[reason] == "" {
			t.Errorf("reason %s has no words", reason)
		}
	}
}
