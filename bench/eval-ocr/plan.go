package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/enxtai/kyc/internal/cards/reader"
	"github.com/enxtai/kyc/internal/ocr"
)

// parsePlan reads a plan written as passes separated by commas, each pass as
// steps joined by '+': r (rectify a photographed card), wN (width N), s (stretch), f (flatten), d (deskew),
// b (binarise), and a mode: auto, column, block, sparse.
// Example: "w1100+s+auto,w1100+f+s+d+auto".
func parsePlan(spec string) ([]reader.Attempt, error) {
	if spec == "" || spec == "default" {
		return reader.DefaultPlan(), nil
	}
	var plan []reader.Attempt
	for _, p := range strings.Split(spec, ",") {
		a := reader.Attempt{Pass: ocr.Pass{Mode: ocr.SegAuto}}
		for _, step := range strings.Split(p, "+") {
			switch {
			case step == "r":
				a.Prep.Rectify = true
			case step == "s":
				a.Prep.Stretch = true
			case step == "f":
				a.Prep.Flatten = true
			case step == "d":
				a.Prep.Deskew = true
			case step == "b":
				a.Prep.Binarize = true
			case step == "auto":
				a.Pass.Mode = ocr.SegAuto
			case step == "column":
				a.Pass.Mode = ocr.SegColumn
			case step == "block":
				a.Pass.Mode = ocr.SegBlock
			case step == "sparse":
				a.Pass.Mode = ocr.SegSparse
			case strings.HasPrefix(step, "w"):
				w, err := strconv.Atoi(step[1:])
				if err != nil {
					return nil, fmt.Errorf("plan step %q: %w", step, err)
				}
				a.Prep.Width = w
			default:
				return nil, fmt.Errorf("unknown plan step %q", step)
			}
		}
		plan = append(plan, a)
	}
	return plan, nil
}
