package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/coder"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/google/go-cmp/cmp"
	kpibeam "github.com/kpikit/kpikit/beam"
	"github.com/kpikit/kpikit/crm"
)

func TestMain(m *testing.M) {
	coder.RequireAllFieldsExported(true)
	beam.Init()
	os.Exit(m.Run())
}

// TestPipeline runs the example's pipeline on prism over its testdata and
// compares every output line with the library in one process, reading the
// same file without Beam.
func TestPipeline(t *testing.T) {
	dir := t.TempDir()
	ms, err := months("2025-01", "2026-06")
	if err != nil {
		t.Fatal(err)
	}
	c := config{answers: filepath.Join("testdata", "answers.csv"), subscriptions: filepath.Join("testdata", "subscriptions.csv"),
		mrr: kpibeam.MRR{Currency: "EUR"}, months: ms, dir: dir}
	p, s := beam.NewPipelineWithRoot()
	if err := build(s, c); err != nil {
		t.Fatal(err)
	}
	if _, err := prism.Execute(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	got := readLines(t, filepath.Join(dir, "nps-per-quarter.csv"))

	tallies := map[string]*crm.NPSTally{}
	for _, line := range readLines(t, filepath.Join("testdata", "answers.csv")) {
		if err := parseAnswer(line, func(q string, score int) {
			if tallies[q] == nil {
				tallies[q] = new(crm.NPSTally)
			}
			if err := tallies[q].Add(score); err != nil {
				t.Fatal(err)
			}
		}); err != nil {
			t.Fatal(err)
		}
	}
	var want []string
	for q, tally := range tallies {
		want = append(want, formatNPS(q, tally))
	}
	slices.Sort(want)
	if len(want) < 4 {
		t.Fatalf("testdata spans %d quarters, want at least 4", len(want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("nps-per-quarter.csv (-want +got):\n%s", diff)
	}

	ledger := crm.MRRLedger{Currency: "EUR"}
	for _, line := range readLines(t, filepath.Join("testdata", "subscriptions.csv")) {
		if err := parseSubscription(line, func(s crm.Subscription) {
			if err := ledger.Add(s); err != nil {
				t.Fatal(err)
			}
		}); err != nil {
			t.Fatal(err)
		}
	}
	want = nil
	moved := 0
	for _, m := range ms {
		mv, err := ledger.Movements(m)
		if err != nil {
			t.Fatal(err)
		}
		moved += mv.NewCustomers + mv.ChurnedCustomers + mv.ExpandedCustomers + mv.ContractedCustomers + mv.ReactivatedCustomers
		want = append(want, formatMovements(m, mv))
	}
	slices.Sort(want)
	if moved < 30 {
		t.Fatalf("testdata has %d movements over the months, want a richer sample", moved)
	}
	got = readLines(t, filepath.Join(dir, "mrr-movements-per-month.csv"))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mrr-movements-per-month.csv (-want +got):\n%s", diff)
	}
}

// readLines returns the non-empty lines of a file, sorted.
func readLines(t *testing.T, name string) []string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for l := range strings.SplitSeq(string(data), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	slices.Sort(lines)
	return lines
}

func TestParseErrors(t *testing.T) {
	for _, line := range []string{"C1,9,EUR,monthly,2026-01-01T00:00:00Z", "C1,nine,EUR,monthly,2026-01-01T00:00:00Z,",
		"C1,9,EUR,daily,2026-01-01T00:00:00Z,", "C1,9,EUR,monthly,2026-01-01,", "C1,9,EUR,monthly,2026-01-01T00:00:00Z,soon"} {
		if err := parseSubscription(line, func(crm.Subscription) {}); err == nil {
			t.Errorf("%q: no error", line)
		}
	}
	if _, err := months("2026-02", "2026-01"); err == nil {
		t.Error("months backwards: no error")
	}
	for _, bad := range []string{"USD", "USD=x"} {
		if _, err := parseRates(bad); err == nil {
			t.Errorf("rates %q: no error", bad)
		}
	}
	if r, err := parseRates("USD=0.920,GBP=1.17"); err != nil || r["USD"].String() != "0.92" || len(r) != 2 {
		t.Errorf("rates: %v %v", r, err)
	}
}

func TestParseAnswerErrors(t *testing.T) {
	for _, line := range []string{"R1,2026-01-01", "R1,2026-13-01,9", "R1,2026-01-01,nine"} {
		if err := parseAnswer(line, func(string, int) {}); err == nil {
			t.Errorf("%q: no error", line)
		}
	}
}
