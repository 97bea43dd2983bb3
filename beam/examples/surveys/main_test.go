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
	p, s := beam.NewPipelineWithRoot()
	if err := build(s, filepath.Join("testdata", "answers.csv"), dir); err != nil {
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

func TestParseAnswerErrors(t *testing.T) {
	for _, line := range []string{"R1,2026-01-01", "R1,2026-13-01,9", "R1,2026-01-01,nine"} {
		if err := parseAnswer(line, func(string, int) {}); err == nil {
			t.Errorf("%q: no error", line)
		}
	}
}
