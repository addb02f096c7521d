package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/testkit/attacks"
)

// The liveness candidates' scores can be written out once (-liveness-scores-out) and the threshold rules
// re-judged from the file (-liveness-scores-in) in seconds instead of re-scoring every attack.
var (
	livenessScoresOut = flag.String("liveness-scores-out", "", "write every liveness candidate's scores (model, class, person, score) to this TSV file")
	livenessScoresIn  = flag.String("liveness-scores-in", "", "instead of evaluating, read a -liveness-scores-out dump and print the liveness threshold rules held out")
)

const liveClass = "live"

// writeLivenessScores writes one line per score: model, class (live or the attack kind), person, score.
func writeLivenessScores(path string, runs []livenessRun) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	for _, r := range runs {
		for i, s := range r.live {
			fmt.Fprintf(bw, "%s\t%s\t%s\t%.9g\n", r.model, liveClass, r.liveID[i], s)
		}
		for _, k := range attacks.Kinds {
			for i, s := range r.attack[k] {
				fmt.Fprintf(bw, "%s\t%s\t%s\t%.9g\n", r.model, k, r.attackID[k][i], s)
			}
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readLivenessScores reads a dump back into runs, in the order the models first appear.
func readLivenessScores(path string) ([]livenessRun, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var runs []livenessRun
	at := map[string]int{}
	for n, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("%s:%d: want 4 fields, got %d", path, n+1, len(f))
		}
		s, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n+1, err)
		}
		i, ok := at[f[0]]
		if !ok {
			i = len(runs)
			at[f[0]] = i
			runs = append(runs, livenessRun{model: f[0], attack: map[attacks.Kind][]float64{},
				missing: map[attacks.Kind]int{}, attackID: map[attacks.Kind][]string{}})
		}
		r := &runs[i]
		if f[1] == liveClass {
			r.live, r.liveID = append(r.live, s), append(r.liveID, f[2])
			continue
		}
		k, err := attacks.ParseKind(f[1])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n+1, err)
		}
		r.attack[k], r.attackID[k] = append(r.attack[k], s), append(r.attackID[k], f[2])
	}
	return runs, nil
}

// printLivenessRulesFile is -liveness-scores-in: the threshold rules on a dump.
func printLivenessRulesFile(w io.Writer, path string, deals int) error {
	runs, err := readLivenessScores(path)
	if err != nil {
		return err
	}
	if err := printLivenessRules(w, runs, deals); err != nil {
		return err
	}
	for i, a := range runs {
		for _, b := range runs[i+1:] {
			if a.model == "minifasnet-v2se" && b.model == "fr-liveness@4" {
				return printLivenessRule(w, fuse(a, b), face.DefaultBands(face.LivenessFused).MinLiveness, deals)
			}
		}
	}
	return nil
}
