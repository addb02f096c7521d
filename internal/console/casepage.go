package console

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/kyc"
)

// reasonView is a review reason with what it asks the reviewer to check.
type reasonView struct {
	Code, Message, Advice string
}

func reasonsOf(raw json.RawMessage) []reasonView {
	var rs []kyc.Reason
	if len(raw) == 0 || json.Unmarshal(raw, &rs) != nil {
		return nil
	}
	out := make([]reasonView, 0, len(rs))
	for _, r := range rs {
		out = append(out, reasonView{Code: r.Code, Message: r.Message, Advice: reasonWords(r.Code)})
	}
	return out
}

// docOrder is the order of the documents on the page; types not listed (e.g. the Aadhaar QR photo) follow.
var docOrder = []kyc.DocType{kyc.DocPAN, kyc.DocAadhaarFront, kyc.DocAadhaarBack, kyc.DocLivePhoto}

func docRank(t kyc.DocType) int {
	if i := slices.Index(docOrder, t); i >= 0 {
		return i
	}
	return len(docOrder)
}

// casePage shows everything needed to decide, on one screen; opening it is audited by kyc.Review.
func (c *Console) casePage(w http.ResponseWriter, r *http.Request) {
	c.showCase(w, r, http.StatusOK, "")
}

// showCase renders the case with an optional notice (e.g. why a decision was refused).
func (c *Console) showCase(w http.ResponseWriter, r *http.Request, code int, notice string) {
	id, err := uuid.Parse(r.PathValue("id"))
	if err != nil {
		c.fail(w, r, http.StatusNotFound, "There is no such KYC session.")
		return
	}
	v, err := c.kyc.Review(r.Context(), reviewerOf(r).actor, id)
	if err != nil {
		c.useCaseError(w, r, err)
		return
	}
	docs := slices.Clone(v.Documents)
	slices.SortStableFunc(docs, func(a, b kyc.Document) int { return docRank(a.Type) - docRank(b.Type) })
	var decisions []kyc.Event
	for _, e := range v.Events {
		if e.Kind == "kyc.approved" || e.Kind == "kyc.rejected" {
			decisions = append(decisions, e)
		}
	}
	near, err := c.kyc.QueueNeighbours(r.Context(), v.Session)
	if err != nil {
		c.useCaseError(w, r, err)
		return
	}
	earlier, err := c.kyc.EarlierSessions(r.Context(), v.Session)
	if err != nil {
		c.useCaseError(w, r, err)
		return
	}
	bands := c.cfg.Bands
	if own, err := c.kyc.ClientFaceBands(r.Context(), v.Session.ClientID); err == nil && own != nil {
		bands = Bands{AutoApprove: own.AutoApprove, Review: own.Review, MinLiveness: own.MinLiveness}
	}
	var extracted map[string]any
	_ = json.Unmarshal(v.Session.ExtractedData, &extracted)
	c.render(w, r, code, "case", map[string]any{
		"V": v, "S": v.Session, "Docs": docs, "Reasons": reasonsOf(v.Session.ReviewReasons),
		"Fields": fieldsOf(v.Session.OCRResult), "Extracted": extracted, "Decisions": decisions, "Earlier": earlier, "Bands": bands,
		"FaceBand": faceBand(v.Session.FaceMatchScore, bands), "LivenessBand": livenessBand(v.Session.LivenessScore, bands),
		"Decidable": v.Session.Status == kyc.StatusPendingReview || v.Session.Status == kyc.StatusFaceVerified,
		"Notice":    notice, "Prev": caseURL(near.Prev), "Next": caseURL(near.Next), "CSRF": reviewerOf(r).CSRF,
		"Findings": findingsOf(v.Session.OCRResult), "Faces": facesOf(v, bands),
	})
}

// caseURL is a case page's address ("" for uuid.Nil: no such case).
func caseURL(id uuid.UUID) string {
	if id == uuid.Nil {
		return ""
	}
	return "/console/sessions/" + id.String()
}

// fieldRow is one extracted field as each source read it.
type fieldRow struct {
	Name     string
	Cells    []fieldCell // one per source column
	Disagree bool        // the sources that read it give different values
}

type fieldCell struct {
	Value      string
	Confidence float64
	Present    bool
	Low        bool // confidence under 0.6: read it yourself
}

// fieldSources are the OCR result's parts shown as columns; any part whose name mentions "qr" (the Aadhaar
// Secure QR, when the data has it) is added after them.
var fieldSources = []struct{ Key, Label string }{{"pan", "PAN card"}, {"aadhaarFront", "Aadhaar front"}, {"aadhaarBack", "Aadhaar back"}}

// fieldsTable is the table of fields: the column labels and the rows.
type fieldsTable struct {
	Sources []string
	Rows    []fieldRow
}

func fieldsOf(raw json.RawMessage) fieldsTable {
	var parts map[string]json.RawMessage
	if len(raw) == 0 || json.Unmarshal(raw, &parts) != nil {
		return fieldsTable{}
	}
	sources := slices.Clone(fieldSources)
	var qrKeys []string
	for k := range parts {
		if strings.Contains(strings.ToLower(k), "qr") {
			qrKeys = append(qrKeys, k)
		}
	}
	slices.Sort(qrKeys)
	for _, k := range qrKeys {
		sources = append(sources, struct{ Key, Label string }{k, "Aadhaar QR"})
	}
	t := fieldsTable{}
	rows := map[string]*fieldRow{}
	var order []string
	for i, src := range sources {
		t.Sources = append(t.Sources, src.Label)
		var fields map[string]json.RawMessage
		if json.Unmarshal(parts[src.Key], &fields) != nil {
			continue
		}
		for name, rawField := range fields {
			cell, ok := readCell(rawField)
			if !ok {
				continue
			}
			row := rows[name]
			if row == nil {
				row = &fieldRow{Name: name, Cells: make([]fieldCell, len(sources))}
				rows[name] = row
				order = append(order, name)
			}
			row.Cells[i] = cell
		}
	}
	slices.SortFunc(order, func(a, b string) int { return fieldRank(a) - fieldRank(b) })
	for _, name := range order {
		row := rows[name]
		seen := ""
		for _, c := range row.Cells {
			if !c.Present || c.Value == "" {
				continue
			}
			v := strings.ToUpper(strings.Join(strings.Fields(c.Value), " "))
			if seen != "" && v != seen {
				row.Disagree = true
			}
			seen = v
		}
		t.Rows = append(t.Rows, *row)
	}
	return t
}

var fieldOrderNames = []string{"fullName", "dateOfBirth", "gender", "panNumber", "fatherName", "aadhaarNumber", "careOf", "address", "pin"}

func fieldRank(n string) int {
	if i := slices.Index(fieldOrderNames, n); i >= 0 {
		return i
	}
	return len(fieldOrderNames)
}

// readCell reads {"value": …, "confidence": …}, or a plain string (a QR's decoded value, which has no OCR
// confidence: 1).
func readCell(raw json.RawMessage) (fieldCell, bool) {
	var f struct {
		Value      *string  `json:"value"`
		Confidence *float64 `json:"confidence"`
	}
	if json.Unmarshal(raw, &f) == nil && f.Value != nil {
		c := fieldCell{Value: *f.Value, Present: true, Confidence: 1}
		if f.Confidence != nil {
			c.Confidence = *f.Confidence
		}
		c.Low = c.Value != "" && c.Confidence < 0.6
		return c, true
	}
	var s string
	if json.Unmarshal(raw, &s) == nil && s != "" {
		return fieldCell{Value: s, Present: true, Confidence: 1}, true
	}
	return fieldCell{}, false
}

// finding is a card reader's remark.
type finding struct {
	Card, Code, Message string
}

func findingsOf(raw json.RawMessage) []finding {
	var parts map[string]json.RawMessage
	if json.Unmarshal(raw, &parts) != nil {
		return nil
	}
	var out []finding
	for _, src := range fieldSources {
		var p struct {
			Findings []struct{ Code, Message string } `json:"findings"`
		}
		if json.Unmarshal(parts[src.Key], &p) == nil {
			for _, f := range p.Findings {
				out = append(out, finding{Card: src.Label, Code: f.Code, Message: f.Message})
			}
		}
	}
	var cross []struct{ Code, Message string }
	if json.Unmarshal(parts["crossCheck"], &cross) == nil {
		for _, f := range cross {
			out = append(out, finding{Card: "Across cards", Code: f.Code, Message: f.Message})
		}
	}
	return out
}

// faceBand says where a face match score falls against the bands.
func faceBand(score *float64, b Bands) string {
	switch {
	case score == nil:
		return "not measured"
	case b.AutoApprove > 0 && *score >= b.AutoApprove:
		return "at or above auto-approve"
	case *score >= b.Review:
		return "weak match (review band)"
	}
	return "below the review band: likely another person"
}

// livenessBand says whether a liveness score passes.
func livenessBand(score *float64, b Bands) string {
	switch {
	case score == nil:
		return "not measured"
	case *score >= b.MinLiveness:
		return "passes"
	}
	return "below the minimum: possibly a photo of a photo or a screen"
}
