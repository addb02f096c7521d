package cards

import "strings"

// NameVerdict is the outcome of comparing two printed names.
type NameVerdict string

// Verdicts, from best to worst.
const (
	NamesMatch    NameVerdict = "match"    // same words in any order, small OCR slips tolerated
	NamesPartial  NameVerdict = "partial"  // initials, or one name has a word the other lacks
	NamesMismatch NameVerdict = "mismatch" // different people, or unreadable
)

// NameComparison explains a verdict.
type NameComparison struct {
	Verdict NameVerdict
	Score   float64 // 0-1: matched word weight over the longer name's words
}

// CompareNames compares two names tolerant of case, punctuation, word order,
// initials ("R K Sharma" vs "Rahul Kumar Sharma"), a missing middle name and
// small OCR slips in long words (edit distance of one per five letters).
func CompareNames(a, b string) NameComparison {
	wa, wb := strings.Fields(NormalizeName(a)), strings.Fields(NormalizeName(b))
	if len(wa) == 0 || len(wb) == 0 {
		return NameComparison{Verdict: NamesMismatch}
	}
	if len(wa) > len(wb) {
		wa, wb = wb, wa // wa is the shorter
	}
	used := make([]bool, len(wb))
	total, full, initials := 0.0, 0, 0
	for _, w := range wa {
		best, bestJ, kind := 0.0, -1, 0
		for j, v := range wb {
			if used[j] {
				continue
			}
			s, k := wordScore(w, v)
			if s > best {
				best, bestJ, kind = s, j, k
			}
		}
		if bestJ < 0 {
			continue
		}
		used[bestJ] = true
		total += best
		switch kind {
		case matchFull:
			full++
		case matchInitial:
			initials++
		}
	}
	score := total / float64(len(wb))
	allShortMatched := full+initials == len(wa)
	switch {
	case allShortMatched && len(wa) == len(wb) && initials == 0:
		return NameComparison{Verdict: NamesMatch, Score: score}
	case allShortMatched && full >= 1 && (len(wa) >= 2 || len(wb) == 1):
		return NameComparison{Verdict: NamesPartial, Score: score}
	}
	return NameComparison{Verdict: NamesMismatch, Score: score}
}

const (
	matchNone = iota
	matchFull
	matchInitial
)

// wordScore rates two normalised words: 1 for equal, 0.9 for an OCR slip in
// a long word, 0.8 when one is the other's initial.
func wordScore(a, b string) (float64, int) {
	switch {
	case a == b:
		return 1, matchFull
	case len([]rune(a)) == 1 && strings.HasPrefix(b, a), len([]rune(b)) == 1 && strings.HasPrefix(a, b):
		return 0.8, matchInitial
	}
	ra, rb := []rune(a), []rune(b)
	longer := max(len(ra), len(rb))
	if longer >= 5 && levenshtein(ra, rb) <= longer/5 {
		return 0.9, matchFull
	}
	return 0, matchNone
}

func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
