package reader

import "github.com/enxtai/kyc/internal/cards"

// Reading is what the three cards of a session yielded: every field with its confidence and every finding, as
// reviewers see it (stored as JSON with the session; kyc reads its findings back for the decision). It holds
// the masked Aadhaar number only.
type Reading struct {
	PAN          PANResult          `json:"pan"`
	AadhaarFront AadhaarFrontResult `json:"aadhaarFront"`
	AadhaarBack  AadhaarBackResult  `json:"aadhaarBack"`
	CrossCheck   []cards.Finding    `json:"crossCheck"`
}
