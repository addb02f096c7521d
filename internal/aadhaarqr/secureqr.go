package aadhaarqr

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Sizes fixed by UIDAI's format.
const (
	SignatureSize = 256 // RSA-2048 signature at the very end
	HashSize      = 32  // each SHA-256 hash (e-mail, mobile) before the signature
	delimiter     = 0xFF
)

// Text fields of the first (2019) format, in order; the V2+ formats put a
// version field before them and the last 4 digits of the mobile number after.
const (
	fIndicator = iota
	fReference
	fName
	fDOB
	fGender
	fCareOf
	fDistrict
	fLandmark
	fHouse
	fLocation
	fPinCode
	fPostOffice
	fState
	fStreet
	fSubDistrict
	fVTC
	v1Fields // 16 text fields, then the photo
)

// Indicator is the e-mail/mobile indicator: which hashes the payload carries.
type Indicator int

// The indicator values of UIDAI's specification (section 3.1).
const (
	NoEmailNoMobile Indicator = 0
	EmailOnly       Indicator = 1
	MobileOnly      Indicator = 2
	EmailAndMobile  Indicator = 3
)

// HasEmail reports whether an e-mail hash is present.
func (i Indicator) HasEmail() bool { return i == EmailOnly || i == EmailAndMobile }

// HasMobile reports whether a mobile hash is present.
func (i Indicator) HasMobile() bool { return i == MobileOnly || i == EmailAndMobile }

func (i Indicator) hashes() int {
	if i == EmailAndMobile {
		return 2
	}
	if i == NoEmailNoMobile {
		return 0
	}
	return 1
}

// Address is the postal address as UIDAI splits it.
type Address struct {
	CareOf, House, Street, Landmark, Location, VTC string
	PostOffice, SubDistrict, District, State       string
	PinCode                                        string
}

// String joins the non-empty parts in the order they are printed on a card,
// care-of line excluded, PIN code last. A part equal to one already written
// is left out: village, post office, sub-district and district often repeat.
func (a Address) String() string {
	var parts []string
	for _, p := range []string{a.House, a.Street, a.Landmark, a.Location, a.VTC, a.PostOffice, a.SubDistrict, a.District, a.State} {
		if p = strings.TrimSpace(p); p != "" && !slices.ContainsFunc(parts, func(q string) bool { return strings.EqualFold(p, q) }) {
			parts = append(parts, p)
		}
	}
	s := strings.Join(parts, ", ")
	if a.PinCode != "" {
		s += " - " + a.PinCode
	}
	return s
}

// Payload is a parsed Secure QR. Its values are only evidence once the
// signature over Signed has been verified (TrustStore.Verify).
type Payload struct {
	// Version is 1 for the first format (no version field) and n for "Vn".
	Version     int
	Indicator   Indicator
	ReferenceID string // last 4 of the Aadhaar number + signing timestamp
	// AadhaarLast4 is the first 4 characters of ReferenceID.
	AadhaarLast4 string
	// Timestamp is when UIDAI generated the QR, from ReferenceID (zero if unparsable).
	Timestamp time.Time
	Name      string
	// DOB is YYYY-MM-DD; DOBRaw as given (DD-MM-YYYY or DD/MM/YYYY; some cards: YYYY).
	DOB, DOBRaw string
	// Gender is MALE, FEMALE or TRANSGENDER (raw M/F/T), or "" when unknown.
	Gender      string
	Address     Address
	MobileLast4 string // V2+ only
	// Photo is the JPEG2000 photo, empty when the QR has none.
	Photo []byte
	// MobileHash and EmailHash are nil unless Indicator says they are present.
	MobileHash, EmailHash []byte
	// Signed are the bytes the signature covers (everything before it).
	Signed    []byte
	Signature []byte
	// Findings are problems that do not stop parsing (e.g. an unreadable date).
	Findings []Finding
}

// Parse unpacks and parses a Secure QR's decimal text.
func Parse(text string) (*Payload, error) {
	data, err := Unpack(text)
	if err != nil {
		return nil, err
	}
	return ParseDecompressed(data)
}

// ParseDecompressed parses an already decompressed payload.
func ParseDecompressed(data []byte) (*Payload, error) {
	if len(data) <= SignatureSize {
		return nil, errorf(FindingTruncated, "%d bytes, the signature alone needs %d", len(data), SignatureSize)
	}
	p := &Payload{Version: 1, Signed: data[:len(data)-SignatureSize], Signature: data[len(data)-SignatureSize:]}
	body := p.Signed
	want := v1Fields
	if body[0] == 'V' {
		want = v1Fields + 2
	}
	fields, rest, ok := splitFields(body, want)
	if !ok {
		return nil, errorf(FindingFieldCount, "%d text fields, the format has %d", len(fields), want)
	}
	if want > v1Fields {
		v, err := strconv.Atoi(string(fields[0][1:]))
		if err != nil || v < 2 || v > 99 {
			return nil, errorf(FindingFieldCount, "version field %q", fields[0])
		}
		p.Version, p.MobileLast4 = v, text(fields[len(fields)-1])
		fields = fields[1 : len(fields)-1]
	}
	ind, err := strconv.Atoi(string(fields[fIndicator]))
	if err != nil || ind < 0 || ind > 3 {
		return nil, errorf(FindingBadIndicator, "%q", fields[fIndicator])
	}
	p.Indicator = Indicator(ind)
	if err := p.setReference(text(fields[fReference])); err != nil {
		return nil, err
	}
	p.Name = text(fields[fName])
	p.DOBRaw = text(fields[fDOB])
	if iso, ok := NormalizeDate(p.DOBRaw); ok {
		p.DOB = iso
	} else {
		p.Findings = append(p.Findings, FindingBadDate)
	}
	p.Gender = normalizeGender(text(fields[fGender]))
	p.Address = Address{
		CareOf: text(fields[fCareOf]), District: text(fields[fDistrict]), Landmark: text(fields[fLandmark]),
		House: text(fields[fHouse]), Location: text(fields[fLocation]), PinCode: text(fields[fPinCode]),
		PostOffice: text(fields[fPostOffice]), State: text(fields[fState]), Street: text(fields[fStreet]),
		SubDistrict: text(fields[fSubDistrict]), VTC: text(fields[fVTC]),
	}
	hashes := p.Indicator.hashes() * HashSize
	if len(rest) < hashes {
		return nil, errorf(FindingTruncated, "%d bytes after the text fields, the hashes need %d", len(rest), hashes)
	}
	p.Photo = rest[:len(rest)-hashes]
	tail := rest[len(rest)-hashes:]
	// Both present: the e-mail hash comes first, the mobile hash last.
	if p.Indicator.HasEmail() {
		p.EmailHash, tail = tail[:HashSize], tail[HashSize:]
	}
	if p.Indicator.HasMobile() {
		p.MobileHash = tail[:HashSize]
	}
	return p, nil
}

// splitFields cuts the first n 0xFF-terminated fields off body; the photo may
// itself contain 0xFF bytes, so fields are counted from the start only.
func splitFields(body []byte, n int) (fields [][]byte, rest []byte, ok bool) {
	rest = body
	for len(fields) < n {
		i := bytes.IndexByte(rest, delimiter)
		if i < 0 {
			return fields, nil, false
		}
		fields = append(fields, rest[:i])
		rest = rest[i+1:]
	}
	return fields, rest, true
}

// text decodes a field: UTF-8 per UIDAI (ISO-8859-1 in the oldest readers'
// view; bytes that are not valid UTF-8 are replaced, never trusted).
func text(b []byte) string { return strings.TrimSpace(strings.ToValidUTF8(string(b), "\uFFFD")) }

// setReference splits the reference id: 4 digits of the Aadhaar number, then
// the timestamp YYYYMMDDHHMMSSmmm.
func (p *Payload) setReference(ref string) error {
	if len(ref) < 4 || !allDigits(ref[:4]) {
		return errorf(FindingBadReference, "reference id does not start with 4 digits")
	}
	p.ReferenceID, p.AadhaarLast4 = ref, ref[:4]
	if ts := ref[4:]; len(ts) >= 14 && allDigits(ts) {
		if t, err := time.ParseInLocation("20060102150405", ts[:14], indiaTime); err == nil {
			p.Timestamp = t
		}
	}
	return nil
}

var indiaTime = time.FixedZone("IST", 5*3600+1800)

// NormalizeDate turns DD-MM-YYYY or DD/MM/YYYY into YYYY-MM-DD; a bare year or
// an impossible date is refused.
func NormalizeDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 10 || (s[2] != '-' && s[2] != '/') || s[5] != s[2] {
		return "", false
	}
	t, err := time.Parse("02-01-2006", s[:2]+"-"+s[3:5]+"-"+s[6:])
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

func normalizeGender(g string) string {
	switch strings.ToUpper(g) {
	case "M", "MALE":
		return "MALE"
	case "F", "FEMALE":
		return "FEMALE"
	case "T", "TRANSGENDER":
		return "TRANSGENDER"
	}
	return ""
}
