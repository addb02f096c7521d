package pipeline

import (
	"bytes"
	"context"
	"image"
	"image/png"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/cards/reader"
	"github.com/enxtai/kyc/internal/kyc"
)

// qrSide is the Secure QR as read from one Aadhaar side.
type qrSide struct {
	side kyc.DocType
	res  aadhaarqr.Result
}

// pickQR chooses the side whose QR is the best evidence: a parsed Secure QR (a VALID one first), else a QR
// that was seen but not read; sides without a QR, or with a QR of another kind (a URL, the old unsigned XML),
// give nothing.
func pickQR(sides ...qrSide) *qrSide {
	rank := func(s qrSide) int {
		switch {
		case s.res.Payload != nil && s.res.Signature() == aadhaarqr.SignatureValid:
			return 3
		case s.res.Payload != nil:
			return 2
		case len(s.res.Findings) > 0 && (!s.res.Found || s.res.Kind == aadhaarqr.KindSecureQR):
			return 1
		}
		return 0
	}
	var best *qrSide
	for i := range sides {
		if r := rank(sides[i]); r > 0 && (best == nil || r > rank(*best)) {
			best = &sides[i]
		}
	}
	return best
}

// secureQR is the QR's measurement for kyc: the values as the API shows them, the reading for the decision
// (signature, unreadable, findings, discrepancies with the card's OCR and the PAN), and the photo to store.
func secureQR(q *qrSide, cardsRead reader.Reading, phone, email string) (*kyc.AadhaarQR, *kyc.QRReading, *kyc.QRPhoto) {
	if q == nil {
		return nil, nil, nil
	}
	reading := &kyc.QRReading{Side: q.side, Signature: string(q.res.Signature())}
	for _, f := range q.res.Findings {
		reading.Findings = append(reading.Findings, string(f))
	}
	p := q.res.Payload
	if p == nil {
		reading.Unreadable = true
		return nil, reading, nil
	}
	for _, d := range aadhaarqr.CrossCheck(p, claims(cardsRead)...) {
		reading.Discrepancies = append(reading.Discrepancies, kyc.QRDiscrepancy{Field: d.Field, Source: d.Source, Partial: d.Partial})
	}
	shown := &kyc.AadhaarQR{
		Signature: reading.Signature, Name: p.Name, DateOfBirth: p.DOB, Gender: p.Gender, Address: p.Address.String(),
		PinCode: p.Address.PinCode, AadhaarLast4: p.AadhaarLast4, HasPhoto: q.res.Photo != nil,
		PhoneVerified: p.CheckMobile(phone).Verified(), EmailVerified: p.CheckEmail(email).Verified(),
	}
	return shown, reading, encodePhoto(q.res.Photo)
}

// claims are the values the cards' OCR read, to compare with the QR: the Aadhaar front's name, date of birth
// (or year) and last 4 digits (front, else back), and the PAN's name and date of birth.
func claims(r reader.Reading) []aadhaarqr.Claims {
	return []aadhaarqr.Claims{
		{Source: "aadhaar_ocr", Name: r.AadhaarFront.Name.Value, DOB: r.AadhaarFront.DOB.Value,
			AadhaarLast4: first(r.AadhaarFront.Last4, r.AadhaarBack.Last4)},
		{Source: "pan", Name: r.PAN.Name.Value, DOB: r.PAN.DOB.Value},
	}
}

// encodePhoto stores the decoded photo as PNG: lossless, so reviewers see exactly what UIDAI signed.
func encodePhoto(img image.Image) *kyc.QRPhoto {
	if img == nil {
		return nil
	}
	var b bytes.Buffer
	if png.Encode(&b, img) != nil {
		return nil
	}
	return &kyc.QRPhoto{PNG: b.Bytes(), Width: img.Bounds().Dx(), Height: img.Bounds().Dy()}
}

// readQR reads one side's QR; only the context ends it early.
func readQR(ctx context.Context, r *aadhaarqr.Reader, side kyc.DocType, img image.Image) (qrSide, error) {
	res, err := r.ReadImage(ctx, img)
	return qrSide{side: side, res: res}, err
}
