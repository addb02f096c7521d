package reader

import (
	"errors"
	"time"
)

// Config tunes the reader.
type Config struct {
	// HashKey, when set, makes results carry a keyed HMAC-SHA256 of the
	// Aadhaar number for de-duplication across sessions. It is a secret: with
	// it, the 10^11 possible numbers can be hashed and compared.
	HashKey []byte
	// Budget bounds the passes spent on one card: after it, no further pass
	// starts (the running one is not interrupted).
	Budget time.Duration
	// MaxPasses bounds the OCR passes per card (1 = no retries).
	MaxPasses int
	// Plan is the sequence of passes (nil: DefaultPlan). The harness compares plans.
	Plan []Attempt
}

// DefaultConfig: no hash key, up to 5 passes (the plan's four, and one to turn a card over or
// re-read a line) within 3 s per card.
func DefaultConfig() Config {
	return Config{Budget: 3 * time.Second, MaxPasses: 5, Plan: DefaultPlan()}
}

// Validate reports settings that cannot work.
func (c Config) Validate() error {
	var errs []error
	if c.Budget <= 0 {
		errs = append(errs, errors.New("reader: Budget must be positive"))
	}
	if c.MaxPasses < 1 {
		errs = append(errs, errors.New("reader: MaxPasses must be at least 1"))
	}
	if len(c.Plan) == 0 {
		errs = append(errs, errors.New("reader: Plan needs at least one pass"))
	}
	if len(c.HashKey) > 0 && len(c.HashKey) < 16 {
		errs = append(errs, errors.New("reader: HashKey must be at least 16 bytes"))
	}
	return errors.Join(errs...)
}
