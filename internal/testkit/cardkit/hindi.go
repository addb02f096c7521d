package cardkit

import "strings"

// Devanagari writes Latin text (a name, an address) in Devanagari by a rough phonetic rule
// (consonant clusters take a virama, vowels their signs). It is not a
// transliteration anyone would sign: it gives bilingual cards the Hindi line
// a reader has to read past, in the script and the width real ones have.
func Devanagari(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = devaWord(strings.ToLower(w))
	}
	return strings.Join(words, " ")
}

var devaConsonants = []struct{ latin, deva string }{
	{"ksh", "क्ष"}, {"kh", "ख"}, {"gh", "घ"}, {"ch", "च"}, {"jh", "झ"}, {"th", "थ"}, {"dh", "ध"},
	{"ph", "फ"}, {"bh", "भ"}, {"sh", "श"}, {"k", "क"}, {"g", "ग"}, {"c", "क"}, {"j", "ज"}, {"t", "ट"},
	{"d", "ड"}, {"n", "न"}, {"p", "प"}, {"b", "ब"}, {"m", "म"}, {"y", "य"}, {"r", "र"}, {"l", "ल"},
	{"v", "व"}, {"w", "व"}, {"s", "स"}, {"h", "ह"}, {"f", "फ"}, {"z", "ज़"}, {"q", "क"}, {"x", "क्स"},
}

// vowel: independent form, sign after a consonant ("" for the inherent a).
var devaVowels = []struct{ latin, indep, sign string }{
	{"aa", "आ", "ा"}, {"ai", "ऐ", "ै"}, {"au", "औ", "ौ"}, {"ee", "ई", "ी"}, {"oo", "ऊ", "ू"},
	{"a", "अ", ""}, {"i", "इ", "ि"}, {"u", "उ", "ु"}, {"e", "ए", "े"}, {"o", "ओ", "ो"},
}

func devaWord(w string) string {
	var b strings.Builder
	afterConsonant := false
	for len(w) > 0 {
		if v, n := matchVowel(w); n > 0 {
			if afterConsonant {
				b.WriteString(v.sign)
			} else {
				b.WriteString(v.indep)
			}
			w, afterConsonant = w[n:], false
			continue
		}
		if c, n := matchConsonant(w); n > 0 {
			if afterConsonant {
				b.WriteString("्")
			}
			b.WriteString(c)
			w, afterConsonant = w[n:], true
			continue
		}
		b.WriteByte(w[0]) // digits, punctuation: as printed
		w, afterConsonant = w[1:], false
	}
	return b.String()
}

func matchVowel(w string) (struct{ latin, indep, sign string }, int) {
	for _, v := range devaVowels {
		if strings.HasPrefix(w, v.latin) {
			return v, len(v.latin)
		}
	}
	return struct{ latin, indep, sign string }{}, 0
}

func matchConsonant(w string) (string, int) {
	for _, c := range devaConsonants {
		if strings.HasPrefix(w, c.latin) {
			return c.deva, len(c.latin)
		}
	}
	return "", 0
}
