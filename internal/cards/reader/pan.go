package reader

import (
	"context"
	"image"
	"slices"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// ReadPAN reads a PAN card image. Bad input (blank, another document, upside
// down, two PAN-like values) gives a result with findings and low or zero
// confidences, not an error; errors are for the engine (closed, deadline).
func (r *Reader) ReadPAN(ctx context.Context, img image.Image) (PANResult, error) {
	ctx, span := startOCR(ctx, "pan")
	defer span.End(nil)
	st := &panState{}
	stats, fs, err := r.read(ctx, img, st)
	if err != nil {
		return PANResult{}, err
	}
	st.findings.add(fs...)
	if !st.result.Number.Found() && st.suspect != nil {
		if err := r.rereadPANDigits(ctx, st, &stats); err != nil {
			return PANResult{}, err
		}
	}
	if !st.result.Number.Found() && st.short != nil {
		st.restoreLostI()
	}
	if !st.result.Number.Found() && st.cut != nil {
		if err := r.rereadCutPAN(ctx, st, &stats); err != nil {
			return PANResult{}, err
		}
	}
	if !st.result.Number.Found() && st.head != nil {
		if err := r.rereadPANHead(ctx, st, &stats); err != nil {
			return PANResult{}, err
		}
	}
	if err := r.rereadPANLine(ctx, st, &stats); err != nil {
		return PANResult{}, err
	}
	st.fatherNotHolder()
	res := st.result
	res.Stats = stats
	res.Findings = st.findings.final(
		map[string]bool{cards.FieldPAN: res.Number.Found(), cards.FieldName: res.Name.Found(),
			cards.FieldFatherName: res.FatherName.Found(), cards.FieldDOB: res.DOB.Found(), cards.FieldDocument: res.Number.Found()},
		map[string]Field{cards.FieldPAN: res.Number, cards.FieldName: res.Name, cards.FieldFatherName: res.FatherName, cards.FieldDOB: res.DOB})
	res.Findings = append(res.Findings, st.numberFindings...)
	return res, nil
}

type panState struct {
	result         PANResult
	findings       findingSet
	numberFindings []cards.Finding // repaired / multiple / not individual, from the pass that gave the number
	suspect        *suspectPAN     // the first PAN-shaped word no pass could read as a PAN
	short          *panTail        // the first word that reads as a PAN without its first letter (lostI)
	cut            *panTail        // the first word that reads as a PAN without its first 1-4 letters (rereadCutPAN)
	head           *panTail        // the first word that reads as a PAN without its last 1-4 characters (rereadPANHead)
	fathers        []Field         // every pass's father's name, for fatherNotHolder
	pendingName    *pendingName    // a pass whose name line looks cut on the left or right (refine)
	nameReread     bool            // refine has read a name line again (once per card)
	holed          *holedName      // a pass whose name is one end of a line with a hole, held back (refine)
	holeReread     bool            // refine has read a holed line again (once per card)
	space          spaceFix        // a name word read over a narrow space (refine)
	sureName       string          // the name as some pass read it with every word sure (namesure.go)
	numberAt       *numberSpot     // where the running number was read (rereadPANLine)
}

// fatherNotHolder undoes a slot shift. On the older, unlabelled layout a pass that
// takes OCR debris under the header for the first name line returns the
// holder's name as the father's, and its confidence can beat the pass that
// read both right. When the father's name came out equal to the holder's
// while some pass read another father's name, the best of those is taken,
// its confidence lowered for the disagreement.
func (s *panState) fatherNotHolder() {
	r := &s.result
	if !r.Name.Found() || cards.NormalizeName(r.FatherName.Value) != cards.NormalizeName(r.Name.Value) {
		return
	}
	best := Field{}
	for _, f := range s.fathers {
		if cards.NormalizeName(f.Value) != cards.NormalizeName(r.Name.Value) && f.Confidence > best.Confidence {
			best = f
		}
	}
	if best.Found() {
		r.FatherName = Field{Value: best.Value, Confidence: best.Confidence * disagreement}
	}
}

func (s *panState) absorb(_ []string, res ocr.Result, img *image.Gray) {
	res = finalInitials(dropFarDebris(res)) // the photo's or QR's edge read after a name dropped, a final initial misread put back
	lines := res.Texts()
	t := cards.ParsePAN(lines)
	if !t.Number.Found() && s.suspect == nil {
		s.suspect = findSuspectPAN(res, img)
	}
	if !t.Number.Found() && s.short == nil {
		s.short = findPANTail(res, img, cards.ShortPAN)
	}
	if !t.Number.Found() && s.cut == nil {
		s.cut = findPANTail(res, img, cards.PANTail)
	}
	if !t.Number.Found() && s.head == nil {
		s.head = findPANTail(res, img, cards.PANHead)
	}
	if s.result.Number.merge(t.Number.Value, confidenceOf(t.Number, res)) {
		s.numberAt = spotOfNumber(res, t.Number.Line, t.Number.Value, img)
		s.numberFindings = slices.DeleteFunc(slices.Clone(t.Findings), func(f cards.Finding) bool {
			return f.Field != cards.FieldPAN || absenceCodes[f.Code]
		})
	}
	rows := dropFarDebris(res.Rows()) // rows join words of other lines: the QR's, too
	tr := cards.ParsePAN(rows.Texts())
	name := Field{}
	name.Value, name.Confidence = wholeName(t.Name, res, tr.Name, rows)
	if holder, ok := holderByRows(name.Value, tr); ok {
		name.Value, name.Confidence = holder.Value, confidenceOf(holder, rows)
	}
	name.Value = s.space.split.apply(name.Value)
	if i, box, head, tail, ok := nameHole(res, name.Value); ok && !s.holeReread && img != nil {
		s.holed = &holedName{lines: lines, line: i, box: box, img: img, name: name, head: head, tail: tail}
	} else {
		s.result.Name.mergeName(name.Value, name.Confidence)
	}
	if t.Name.Found() && !s.nameReread {
		s.pendingName = pendingNameAt(lines, res, t.Name.Line, img, t.Name.Value)
	}
	if t.Name.Found() {
		s.space.note(lines, res, t.Name.Line, img, t.Name.Value)
	}
	if sure := surelyReadName(res, t.Name.Line, name.Value); sure != "" {
		s.sureName = sure
	}
	var father Field
	father.Value, father.Confidence = wholeName(t.FatherName, res, tr.FatherName, rows)
	if s.holed.tailOf(father.Value) {
		father = Field{}
	}
	s.result.FatherName.mergeName(father.Value, father.Confidence)
	if father.Found() {
		s.fathers = append(s.fathers, father)
	}
	s.result.DOB.merge(t.DOB.Value, confidenceOf(t.DOB, res))
	for _, f := range t.Findings {
		if f.Field != cards.FieldPAN || absenceCodes[f.Code] {
			s.findings.add(f)
		}
	}
}

func (s *panState) complete() bool {
	r := s.result
	return r.Number.Confidence >= keyConfidence && r.Name.Confidence >= keyConfidence && r.DOB.Confidence >= keyConfidence &&
		cards.NormalizeName(r.Name.Value) == s.sureName
}

func (s *panState) anyKey() bool {
	return s.result.Number.Found() || s.result.DOB.Found()
}
