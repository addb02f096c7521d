package cards

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Date is a date of birth as printed: a full date, or only a year (Month and
// Day zero) as older Aadhaar cards print "Year of Birth".
type Date struct {
	Year, Month, Day int
}

// YearOnly reports whether only the year is known.
func (d Date) YearOnly() bool { return d.Month == 0 }

// IsZero reports whether no date is held.
func (d Date) IsZero() bool { return d.Year == 0 }

// ISO formats YYYY-MM-DD, or YYYY for a year only, "" for none.
func (d Date) ISO() string {
	switch {
	case d.IsZero():
		return ""
	case d.YearOnly():
		return fmt.Sprintf("%04d", d.Year)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// ParseISODate reads what ISO wrote.
func ParseISODate(s string) (Date, bool) {
	if len(s) == 4 {
		y, err := strconv.Atoi(s)
		if err != nil || !plausibleYear(y) {
			return Date{}, false
		}
		return Date{Year: y}, true
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || !plausibleYear(t.Year()) {
		return Date{}, false
	}
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
}

// Birth dates outside this range are misreads.
func plausibleYear(y int) bool { return y >= 1900 && y <= 2099 }

// yobLabel is the year-of-birth label, beside its year or above it.
const yobLabel = `(?i)(?:year\s*of\s*birth|\byob)\b`

var (
	// Day, month and year with / - or . between (spaces allowed around them).
	dateRe = regexp.MustCompile(`(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})`)
	// "Year of Birth : 1990", "YOB: 1990"; OCR may drop spaces.
	yobRe = regexp.MustCompile(yobLabel + `\W{0,4}(\d{4})`)
	// The same label printed above its value, and the value: a year alone on its line.
	yobLabelRe = regexp.MustCompile(yobLabel)
	loneYearRe = regexp.MustCompile(`^\W*(\d{4})\W*$`)
	// A date whose separators blur or a thin typeface lost, on a line labelled as the birth date: two-digit
	// day and month, each separator a mark, spaces or nothing ("01/06 1987", "0106 1987", "29042001").
	lostSepLabeledRe = regexp.MustCompile(`(?:^|\D)(\d{2})\s*[/\-.]?\s*(\d{2})\s*[/\-.]?\s*(\d{4})(?:\D|$)`)
	// The same on any line when one mark is left and the other was lost with no space for it ("2407/1998",
	// "24/071998"): no card number, PIN or enrolment number has that shape.
	lostSepRe = regexp.MustCompile(`(?:^|[^\d/\-.])(?:(\d{2})(\d{2})[/\-.](\d{4})|(\d{2})[/\-.](\d{2})(\d{4}))(?:[^\d/\-.]|$)`)
	// Labels of the birth date on both cards.
	dobLabelRe = regexp.MustCompile(`(?i)\bdob\b|birth|जन्म`)
	// Dates that are not the birth date.
	otherDateRe = regexp.MustCompile(`(?i)issue|download|print`)
)

// validDate builds a Date from day, month, year if the calendar has it.
func validDate(d, m, y int) (Date, bool) {
	if !plausibleYear(y) || m < 1 || m > 12 || d < 1 {
		return Date{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return Date{}, false
	}
	return Date{Year: y, Month: m, Day: d}, true
}

// normalizeDigitsIn repairs digit lookalikes inside tokens that are mostly
// digits and separators (e.g. "23/I1/1957" -> "23/11/1957"), leaving words.
func normalizeDigitsIn(line string) string {
	fields := strings.Fields(line)
	for i, f := range fields {
		digits, other := 0, 0
		for _, r := range f {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case r == '/' || r == '-' || r == '.':
			default:
				other++
			}
		}
		if digits < 4 || other*4 > digits {
			continue
		}
		var b strings.Builder
		for _, r := range f {
			if d, ok := digitLookalike[r]; ok {
				b.WriteByte(d)
			} else {
				b.WriteRune(r)
			}
		}
		fields[i] = b.String()
	}
	return strings.Join(fields, " ")
}

// FindDOB returns the date of birth in lines as an ISO Extract: a date on a
// line labelled DOB/Birth is preferred, then a year of birth (beside its label
// or alone on one of the two lines under it), then the first
// date not labelled as an issue or download date. Only when no line holds a
// whole date is one inferred, less certainly: a separator lost
// (lostSeparatorDates) or a day's or month's 0 misread (tensRepaired).
func FindDOB(lines []string) (Extract, Date) {
	type found struct {
		d       Date
		line    int
		labeled bool
	}
	// inferred: dates read with a separator lost or a day's or month's 0 read as another digit, taken only when no
	// line has a whole date.
	var dates, inferred []found
	yobLabel := -1 // the line of a year-of-birth label with no year beside it
	for li, line := range lines {
		norm := normalizeDigitsIn(line)
		labeled := dobLabelRe.MatchString(line)
		if m := yobRe.FindStringSubmatch(norm); m != nil {
			if y, err := strconv.Atoi(m[1]); err == nil && plausibleYear(y) {
				dates = append(dates, found{Date{Year: y}, li, true})
				continue
			}
		}
		if yobLabelRe.MatchString(line) {
			yobLabel = li
		}
		if m := loneYearRe.FindStringSubmatch(norm); m != nil && yobLabel >= 0 && li-yobLabel <= 2 {
			// "Year of Birth" above "1968", as cards that print labels over their values have it.
			if y, err := strconv.Atoi(m[1]); err == nil && plausibleYear(y) {
				dates = append(dates, found{Date{Year: y}, li, true})
				continue
			}
		}
		if otherDateRe.MatchString(line) && !labeled {
			continue
		}
		whole := len(dates)
		for _, m := range dateRe.FindAllStringSubmatch(norm, -1) {
			if dt, ok := dateOf(m[1:]); ok {
				dates = append(dates, found{dt, li, labeled})
			} else if dt, ok := dateOf([]string{tensRepaired(m[1]), tensRepaired(m[2]), m[3]}); ok {
				inferred = append(inferred, found{dt, li, labeled})
			}
		}
		if len(dates) == whole {
			for _, dt := range lostSeparatorDates(norm, labeled) {
				inferred = append(inferred, found{dt, li, labeled})
			}
		}
	}
	scale := 1.0
	if len(dates) == 0 {
		dates, scale = inferred, inferredDateCertainty
	}
	if len(dates) == 0 {
		return notFound, Date{}
	}
	best := dates[0]
	for _, f := range dates {
		if f.labeled && !best.labeled {
			best = f
		}
	}
	certainty := 0.9
	if best.labeled {
		certainty = 1
	}
	distinct := map[Date]bool{}
	for _, f := range dates {
		distinct[f.d] = true
	}
	if len(distinct) > 1 && !best.labeled {
		certainty = 0.5
	}
	return Extract{Value: best.d.ISO(), Line: best.line, Certainty: scale * certainty}, best.d
}

// inferredDateCertainty scales the certainty of a date read with a separator lost or a first digit repaired
// (tensRepaired): what was printed is inferred, and a pass that reads the date whole should win the merge.
const inferredDateCertainty = 0.8

// lostSeparatorDates returns the valid dates a line holds with a separator lost: lostSepRe, or on a
// birth-date line lostSepLabeledRe, which takes every form lostSepRe does and more.
func lostSeparatorDates(line string, labeled bool) []Date {
	re := lostSepRe
	if labeled {
		re = lostSepLabeledRe
	}
	var out []Date
	for _, m := range re.FindAllStringSubmatch(line, -1) {
		// Day, month and year: the three groups that matched (lostSepRe has two alternatives).
		dmy := slices.DeleteFunc(m[1:], func(g string) bool { return g == "" })
		if d, ok := dateOf(dmy); ok {
			out = append(out, d)
		}
	}
	return out
}

// tensRepaired: a day's or month's first digit read 6 or 9, which no day or month has, is the 0 that blur
// closed or opened ("64/63/1965" for 04/03/1965 in a blurred monospace face). An 8 could be a 0 or a 3 and
// is left.
func tensRepaired(dd string) string {
	if len(dd) == 2 && (dd[0] == '6' || dd[0] == '9') {
		return "0" + dd[1:]
	}
	return dd
}

// dateOf is validDate over day, month and year as read.
func dateOf(dmy []string) (Date, bool) {
	d, _ := strconv.Atoi(dmy[0])
	mo, _ := strconv.Atoi(dmy[1])
	y, _ := strconv.Atoi(dmy[2])
	return validDate(d, mo, y)
}
