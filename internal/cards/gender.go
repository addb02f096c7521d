package cards

import "strings"

// Gender values as the API returns them.
const (
	GenderMale        = "MALE"
	GenderFemale      = "FEMALE"
	GenderTransgender = "TRANSGENDER"
)

var genderWords = []struct{ word, value string }{
	{"FEMALE", GenderFemale}, {"MALE", GenderMale}, {"TRANSGENDER", GenderTransgender},
	{"महिला", GenderFemale}, {"पुरुष", GenderMale},
}

// FindGender returns the gender printed in lines (English or Hindi word, whole
// word, case-insensitive). Two different genders make it uncertain.
func FindGender(lines []string) Extract {
	out := notFound
	for li, line := range lines {
		words := strings.FieldsFunc(strings.ToUpper(line), func(r rune) bool {
			return r == ' ' || r == '/' || r == ':' || r == '|' || r == ',' || r == '.'
		})
		for _, w := range words {
			for _, g := range genderWords {
				if w != g.word {
					continue
				}
				if out.Found() && out.Value != g.value {
					out.Certainty = 0.3
					continue
				}
				if !out.Found() {
					out = Extract{Value: g.value, Line: li, Certainty: 1}
				}
			}
		}
	}
	return out
}
