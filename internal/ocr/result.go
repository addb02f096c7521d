package ocr

import (
	"image"
	"strings"
	"time"
)

// Word is one recognised word with Tesseract's confidence scaled to 0-1.
type Word struct {
	Text       string
	Confidence float64
	Box        image.Rectangle
}

// Line is a text line in reading order.
type Line struct {
	Words []Word
	Box   image.Rectangle
}

// LineOf is the line of ws (at least one word), its box the union of theirs:
// a line with some words dropped.
func LineOf(ws []Word) Line {
	l := Line{Words: ws, Box: ws[0].Box}
	for _, w := range ws[1:] {
		l.Box = l.Box.Union(w.Box)
	}
	return l
}

// Text joins the line's words with single spaces.
func (l Line) Text() string {
	parts := make([]string, len(l.Words))
	for i, w := range l.Words {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}

// Confidence is the mean word confidence of the line (0 for an empty line).
func (l Line) Confidence() float64 {
	if len(l.Words) == 0 {
		return 0
	}
	sum := 0.0
	for _, w := range l.Words {
		sum += w.Confidence
	}
	return sum / float64(len(l.Words))
}

// Result is the output of one recognition pass.
type Result struct {
	Lines    []Line
	Duration time.Duration // time spent in Tesseract (not waiting for a client)
}

// Texts returns each line's text, the form the card parsers take.
func (r Result) Texts() []string {
	out := make([]string, len(r.Lines))
	for i, l := range r.Lines {
		out[i] = l.Text()
	}
	return out
}

// Text is the whole result, one line per line.
func (r Result) Text() string { return strings.Join(r.Texts(), "\n") }

// Confidence is the mean word confidence over the result (0 when empty).
func (r Result) Confidence() float64 {
	sum, n := 0.0, 0
	for _, l := range r.Lines {
		for _, w := range l.Words {
			sum += w.Confidence
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// WordCount counts recognised words.
func (r Result) WordCount() int {
	n := 0
	for _, l := range r.Lines {
		n += len(l.Words)
	}
	return n
}
