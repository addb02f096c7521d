package monitoring

import (
	"bufio"
	"encoding/json"
	"log/slog"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"
)

var promql = parser.NewParser(parser.Options{})

// TestAlertRules: alerts.yml parses and validates with Prometheus's own rule parser (expressions, durations,
// label names, annotation templates), every rule says its severity and summary, and reads only listed metrics.
func TestAlertRules(t *testing.T) {
	groups, errs := rulefmt.ParseFile("alerts.yml", false, model.UTF8Validation, promql, slog.Default())
	for _, err := range errs {
		t.Error(err)
	}
	if len(errs) > 0 {
		t.FailNow()
	}
	listed := readListed(t)
	n := 0
	for _, g := range groups.Groups {
		for _, r := range g.Rules {
			n++
			if r.Alert == "" {
				t.Errorf("group %s: a recording rule %q; this file holds alerts only", g.Name, r.Record)
				continue
			}
			if r.Labels["severity"] == "" || r.Annotations["summary"] == "" {
				t.Errorf("%s: needs a severity label and a summary annotation", r.Alert)
			}
			for _, name := range metricNames(t, r.Expr) {
				if !listed[name] {
					t.Errorf("%s reads %s, which metrics.txt does not list", r.Alert, name)
				}
			}
		}
	}
	if n < 8 {
		t.Errorf("%d alert rules; expected the documented set", n)
	}
}

// TestDashboard: every panel query of dashboard.json parses as PromQL and reads only listed metrics; and every
// listed metric is read by the rules or the dashboard (metrics.txt is exactly what they need).
func TestDashboard(t *testing.T) {
	raw, err := os.ReadFile("dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		UID    string `json:"uid"`
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(raw, &dash); err != nil {
		t.Fatal(err)
	}
	if dash.UID == "" || len(dash.Panels) == 0 {
		t.Fatal("dashboard has no uid or no panels")
	}
	listed := readListed(t)
	used := map[string]bool{}
	for _, p := range dash.Panels {
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, q := range p.Targets {
			for _, name := range metricNames(t, q.Expr) {
				used[name] = true
				if !listed[name] {
					t.Errorf("panel %q reads %s, which metrics.txt does not list", p.Title, name)
				}
			}
		}
	}
	groups, _ := rulefmt.ParseFile("alerts.yml", false, model.UTF8Validation, promql, slog.Default())
	if groups != nil {
		for _, g := range groups.Groups {
			for _, r := range g.Rules {
				for _, name := range metricNames(t, r.Expr) {
					used[name] = true
				}
			}
		}
	}
	for name := range listed {
		if !used[name] {
			t.Errorf("metrics.txt lists %s, which neither the rules nor the dashboard read", name)
		}
	}
}

// metricNames are the metric names an expression selects (by name or by a __name__ equality matcher).
func metricNames(t *testing.T, expr string) []string {
	t.Helper()
	e, err := promql.ParseExpr(expr)
	if err != nil {
		t.Errorf("%q: %v", expr, err)
		return nil
	}
	var names []string
	parser.Inspect(e, func(n parser.Node, _ []parser.Node) error {
		vs, ok := n.(*parser.VectorSelector)
		if !ok {
			return nil
		}
		name := vs.Name
		for _, m := range vs.LabelMatchers {
			if m.Name == labels.MetricName && m.Type == labels.MatchEqual {
				name = m.Value
			}
		}
		if name == "" {
			t.Errorf("%q selects series without naming a metric", expr)
		} else if !slices.Contains(names, name) {
			names = append(names, name)
		}
		return nil
	})
	sort.Strings(names)
	return names
}

// readListed reads metrics.txt: one name a line, # comments.
func readListed(t *testing.T) map[string]bool {
	t.Helper()
	f, err := os.Open("metrics.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !model.IsValidLegacyMetricName(line) {
			t.Errorf("metrics.txt: %q is not a metric name", line)
		}
		out[line] = true
	}
	return out
}
