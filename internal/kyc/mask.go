package kyc

import (
	"encoding/json"

	"github.com/enxtai/kyc/internal/cards"
)

// masked is d with every full Aadhaar number (12 Verhoeff-valid digits) in any of its text fields masked: the
// reader masks the number it recognises, but OCR may put one in the address or the name, and a full number
// must never be stored (nor sent in a webhook).
func (d ExtractedData) masked() ExtractedData {
	for _, f := range []*string{&d.PanNumber, &d.AadhaarNumber, &d.FullName, &d.DateOfBirth, &d.Address} {
		*f = cards.MaskNumbersIn(*f)
	}
	if d.AadhaarQR != nil {
		qr := *d.AadhaarQR
		qr.Name, qr.Address = cards.MaskNumbersIn(qr.Name), cards.MaskNumbersIn(qr.Address)
		d.AadhaarQR = &qr
	}
	return d
}

// maskStrings returns v as JSON with the same masking applied to every string in it (the OCR result, whose
// shape belongs to the reader).
func maskStrings(v any) (json.RawMessage, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		return nil, err
	}
	return json.Marshal(maskTree(tree))
}

func maskTree(v any) any {
	switch t := v.(type) {
	case string:
		return cards.MaskNumbersIn(t)
	case []any:
		for i := range t {
			t[i] = maskTree(t[i])
		}
	case map[string]any:
		for k := range t {
			t[k] = maskTree(t[k])
		}
	}
	return v
}
