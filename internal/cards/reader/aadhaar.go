package reader

import (
	"context"
	"image"
	"slices"
	"strings"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// ReadAadhaarFront reads the front of an Aadhaar card. The full number is
// used only inside this call: the result holds the masked form, the last four
// digits and (with a configured key) a keyed hash.
func (r *Reader) ReadAadhaarFront(ctx context.Context, img image.Image) (AadhaarFrontResult, error) {
	ctx, span := startOCR(ctx, "aadhaar_front")
	defer span.End(nil)
	st := &frontState{r: r}
	stats, fs, err := r.read(ctx, img, st)
	if err != nil {
		return AadhaarFrontResult{}, err
	}
	st.findings.add(fs...)
	if err := r.settleNumber(ctx, st.failed, st.masked, st.numberAcc(nil), &stats); err != nil {
		return AadhaarFrontResult{}, err
	}
	res := st.result
	res.Stats = stats
	res.Findings = st.findings.final(
		map[string]bool{cards.FieldAadhaar: res.Number.Found(), cards.FieldName: res.Name.Found(), cards.FieldDOB: res.DOB.Found(),
			cards.FieldGender: res.Gender.Found(), cards.FieldDocument: res.Number.Found()},
		map[string]Field{cards.FieldAadhaar: res.Number, cards.FieldName: res.Name, cards.FieldDOB: res.DOB, cards.FieldGender: res.Gender})
	res.Findings = append(res.Findings, st.numberFindings...)
	return res, nil
}

// ReadAadhaarBack reads the back of an Aadhaar card: the address block and
// the number (masked as on the front).
func (r *Reader) ReadAadhaarBack(ctx context.Context, img image.Image) (AadhaarBackResult, error) {
	ctx, span := startOCR(ctx, "aadhaar_back")
	defer span.End(nil)
	st := &backState{r: r}
	stats, fs, err := r.read(ctx, img, st)
	if err != nil {
		return AadhaarBackResult{}, err
	}
	st.findings.add(fs...)
	if err := r.settleNumber(ctx, st.failed, st.masked, st.numberAcc(nil), &stats); err != nil {
		return AadhaarBackResult{}, err
	}
	res := st.result
	res.Stats = stats
	res.Findings = st.findings.final(
		map[string]bool{cards.FieldAadhaar: res.Number.Found(), cards.FieldAddress: res.Address.Found(),
			cards.FieldDocument: res.Number.Found() || res.Address.Found()},
		map[string]Field{cards.FieldAadhaar: res.Number, cards.FieldAddress: res.Address})
	if res.PIN.Found() { // some pass read the whole block
		res.Findings = slices.DeleteFunc(res.Findings, func(f cards.Finding) bool {
			return f.Code == cards.CodeAddressPINNotFound || f.Code == cards.CodePINOtherBlock && st.pinInBlock[res.PIN.Value]
		})
	}
	// A pass's misfit PIN may have been read right by another: the finding is about the PIN returned.
	res.Findings = slices.DeleteFunc(res.Findings, func(f cards.Finding) bool { return f.Code == cards.CodePINStateMisfit })
	if fits, named := cards.PINFitsState(res.Address.Value); named && !fits && strings.HasSuffix(res.Address.Value, res.PIN.Value) {
		res.Findings = append(res.Findings, cards.PINMisfit())
	}
	res.Findings = append(res.Findings, st.numberFindings...)
	return res, nil
}

// number folds one pass's Aadhaar pick into the masked field, last 4, hash
// and match token; the AadhaarNumber itself is not kept.
type numberAcc struct {
	field          *Field
	last4, hash    *string
	match          *string
	numberFindings *[]cards.Finding
	masked         **numberSpot // where a masked number's digits were read (maskedcheck.go)
	img            *image.Gray  // the prepared image the pass's boxes refer to (nil: none)
}

func (r *Reader) absorbNumber(acc numberAcc, pick cards.AadhaarNumberPick, res ocr.Result, fs []cards.Finding) {
	if !pick.Found() {
		return
	}
	conf := pick.Certainty * lineConfidence(res, pick.Line)
	masked, last4 := cards.MaskedNumber(pick.MaskedLast4), pick.MaskedLast4
	if !pick.Number.IsZero() {
		masked, last4 = pick.Number.Masked(), pick.Number.Last4()
	}
	if acc.field.merge(masked, conf) {
		*acc.last4 = last4
		// A masked card has no full number to hash: front and back are then
		// compared by their last 4 (CrossCheck).
		*acc.hash, *acc.match = "", ""
		*acc.masked = nil
		if pick.Number.IsZero() {
			*acc.masked = spotOfLast4(res, pick.Line, last4, acc.img)
		}
		if !pick.Number.IsZero() {
			*acc.hash = pick.Number.KeyedHash(r.cfg.HashKey)
			*acc.match = r.id + ":" + pick.Number.KeyedHash(r.matchKey)
		}
		*acc.numberFindings = nil
		for _, f := range fs {
			if f.Field == cards.FieldAadhaar && !absenceCodes[f.Code] {
				*acc.numberFindings = append(*acc.numberFindings, f)
			}
		}
	}
}

// numberByRows: when the lines in Tesseract's block order hold no number,
// the same words regrouped into visual rows may (a number printed with wide
// gaps, split by layout analysis into blocks). It returns the pick to use,
// the result its line index refers to, and its findings.
func numberByRows(pick cards.AadhaarNumberPick, res ocr.Result, fs []cards.Finding) (cards.AadhaarNumberPick, ocr.Result, []cards.Finding) {
	if pick.Found() {
		return pick, res, fs
	}
	rows := res.Rows()
	p, rfs := cards.PickAadhaar(rows.Texts())
	if !p.Found() {
		return pick, res, fs
	}
	return p, rows, rfs
}

type frontState struct {
	r              *Reader
	result         AadhaarFrontResult
	findings       findingSet
	numberFindings []cards.Finding
	pendingName    *pendingName  // a pass whose name line looks cut (refine)
	nameReread     bool          // refine has read a name line again (once per card)
	space          spaceFix      // a name word read over a narrow space (refine)
	sureName       string        // the name as some pass read it with every word sure (namesure.go)
	failed         *failedNumber // a number no pass read past the checksum (numbercheck.go)
	masked         *numberSpot   // where the running masked number's digits were read (maskedcheck.go)
}

func (s *frontState) numberAcc(img *image.Gray) numberAcc {
	return numberAcc{&s.result.Number, &s.result.Last4, &s.result.NumberHash, &s.result.match, &s.numberFindings, &s.masked, img}
}

func (s *frontState) absorb(_ []string, res ocr.Result, img *image.Gray) {
	// "f | Subramanian": an edge, not an I; "Thenmozhi |": the name's final I; a QR code's corner read after
	// a name beside it ("MEENA SINGH Eri"), as on the PAN.
	res = finalInitials(dropStrayBars(dropFarDebris(res)))
	lines := res.Texts()
	t := cards.ParseAadhaarFront(lines)
	if t.Name.Found() && !s.nameReread {
		s.pendingName = pendingNameAt(lines, res, t.Name.Line, img, t.Name.Value)
	}
	if t.Name.Found() {
		s.space.note(lines, res, t.Name.Line, img, t.Name.Value)
	}
	num, numRes, numFs := numberByRows(t.Number, res, t.Findings)
	s.r.absorbNumber(s.numberAcc(img), num, numRes, numFs)
	if !num.Found() && s.failed == nil {
		s.failed = findFailedNumber(res, img)
	}
	rows := dropFarDebris(res.Rows())
	name, conf := wholeName(t.Name, res, cards.ParseAadhaarFront(rows.Texts()).Name, rows)
	s.result.Name.mergeName(s.space.split.apply(name), conf)
	if sure := surelyReadName(res, t.Name.Line, name); sure != "" {
		s.sureName = sure
	}
	if s.result.DOB.merge(t.DOB.Value, confidenceOf(t.DOB, res)) {
		s.result.YearOfBirthOnly = t.YearOnly
	}
	s.result.Gender.merge(t.Gender.Value, confidenceOf(t.Gender, res))
	for _, f := range t.Findings {
		if f.Field != cards.FieldAadhaar || absenceCodes[f.Code] {
			s.findings.add(f)
		}
	}
}

// refine reads a name line with a narrow space (narrowspace.go) and a pending name line again, each once
// per card.
func (s *frontState) refine(ctx context.Context, r *Reader, stats *Stats) error {
	parse := func(lines []string) cards.Extract { return cards.ParseAadhaarFront(lines).Name }
	f := &s.result.Name
	if err := vouched(f, &s.sureName, func() error { return s.space.run(ctx, r, parse, f, stats) }); err != nil {
		return err
	}
	p := s.pendingName
	if p == nil {
		return nil
	}
	s.pendingName, s.nameReread = nil, true
	return vouched(f, &s.sureName, func() error { return r.rereadName(ctx, p, parse, f, stats) })
}

// complete also wants the gender: a photo beside it sometimes hides its line
// from the first pass's layout analysis, and the second pass finds it.
func (s *frontState) complete() bool {
	r := s.result
	return r.Number.Confidence >= keyConfidence && r.Name.Confidence >= keyConfidence &&
		r.DOB.Confidence >= keyConfidence && r.Gender.Found() && cards.NormalizeName(r.Name.Value) == s.sureName
}

func (s *frontState) anyKey() bool { return s.result.Number.Found() || s.result.DOB.Found() }

type backState struct {
	r              *Reader
	result         AadhaarBackResult
	findings       findingSet
	numberFindings []cards.Finding
	pending        *pendingPIN     // a pass with a cut-short or unclear PIN, not yet merged (refine)
	reread         bool            // refine has read a PIN line again (once per card)
	pinInBlock     map[string]bool // PINs some pass read in the English block itself (not the other block's fallback)
	failed         *failedNumber   // a number no pass read past the checksum (numbercheck.go)
	masked         *numberSpot     // where the running masked number's digits were read (maskedcheck.go)
}

func (s *backState) numberAcc(img *image.Gray) numberAcc {
	return numberAcc{&s.result.Number, &s.result.Last4, &s.result.NumberHash, &s.result.match, &s.numberFindings, &s.masked, img}
}

func (s *backState) absorb(lines []string, res ocr.Result, img *image.Gray) {
	t := cards.ParseAadhaarBack(lines)
	if !t.Number.Found() && s.failed == nil {
		s.failed = findFailedNumber(res, img)
	}
	if t.PINSuspect.Found() && !s.reread && img != nil {
		// Merged by refine, after a closer look at the PIN's line.
		s.pending = &pendingPIN{text: t, lines: lines, res: res, img: img}
		return
	}
	s.absorbText(t, res, img, 1)
}

// absorbText merges one parse of a pass's text; certainty scales what it read
// of the address (below 1 for a line read again).
func (s *backState) absorbText(t cards.AadhaarBackText, res ocr.Result, img *image.Gray, certainty float64) {
	num, numRes, numFs := numberByRows(t.Number, res, t.Findings)
	s.r.absorbNumber(s.numberAcc(img), num, numRes, numFs)
	s.result.CareOf.merge(t.CareOf.Value, confidenceOf(t.CareOf, res))
	// The address spans lines: its confidence is that of its weakest line.
	addrConf := certainty * t.Address.Certainty * minLineConfidence(res, t.Address.Line, max(t.PIN.Line, t.Address.Line))
	if t.PIN.Found() || !s.result.PIN.Found() { // an address with its PIN beats one without
		s.result.Address.merge(t.Address.Value, addrConf)
	}
	s.result.PIN.merge(t.PIN.Value, certainty*confidenceOf(t.PIN, res))
	if t.PIN.Found() && !slices.ContainsFunc(t.Findings, func(f cards.Finding) bool { return f.Code == cards.CodePINOtherBlock }) {
		if s.pinInBlock == nil {
			s.pinInBlock = map[string]bool{}
		}
		s.pinInBlock[t.PIN.Value] = true
	}
	for _, f := range t.Findings {
		if f.Field != cards.FieldAadhaar || absenceCodes[f.Code] {
			s.findings.add(f)
		}
	}
}

func minLineConfidence(res ocr.Result, from, to int) float64 {
	if from < 0 {
		return 0
	}
	m := 1.0
	for i := from; i <= to; i++ {
		m = min(m, lineConfidence(res, i))
	}
	return m
}

// complete also wants the PIN's own confidence: a PIN with a digit taken
// from a lookalike that no closer look confirmed is worth another pass.
func (s *backState) complete() bool {
	r := s.result
	return r.Number.Confidence >= keyConfidence && r.Address.Confidence >= keyConfidence &&
		r.PIN.Found() && r.PIN.Confidence >= keyConfidence
}

func (s *backState) anyKey() bool { return s.result.Number.Found() || s.result.PIN.Found() }
