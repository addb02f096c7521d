package ocr

import (
	"sort"
	"strings"

	"github.com/otiai10/gosseract/v2"
)

// linesFromBoxes groups Tesseract's words into lines in reading order.
func linesFromBoxes(boxes []gosseract.BoundingBox) Result {
	type key struct{ block, par, line int }
	index := map[key]int{}
	var res Result
	for _, b := range boxes {
		text := strings.TrimSpace(b.Word)
		if text == "" {
			continue
		}
		k := key{b.BlockNum, b.ParNum, b.LineNum}
		i, ok := index[k]
		if !ok {
			i = len(res.Lines)
			index[k] = i
			res.Lines = append(res.Lines, Line{Box: b.Box})
		}
		conf := min(max(b.Confidence/100, 0), 1)
		res.Lines[i].Words = append(res.Lines[i].Words, Word{Text: text, Confidence: conf, Box: b.Box})
		res.Lines[i].Box = res.Lines[i].Box.Union(b.Box)
	}
	for i := range res.Lines {
		ws := res.Lines[i].Words
		sort.SliceStable(ws, func(a, b int) bool { return ws[a].Box.Min.X < ws[b].Box.Min.X })
	}
	return res
}
