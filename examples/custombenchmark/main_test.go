package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCustomBenchmarkOutput(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	// 12/80 = 15%, 21/84 = 25% (on the typical band's inclusive top),
	// 27/100 = 27%, 33/100 = 33%; 150/1200 = 12.5% churn in a year;
	// 13/1100 = 1.1818181818% in a month, 1 − (1 − 0.011818181818)^12 =
	// 13.30% in a year.
	want := `Q1 win rate 15.0% — worse than typical (below 18%; Our team, EMEA; our 2025 quarters)
Q2 win rate 25.0% — typical (18% to 25%; Our team, EMEA; our 2025 quarters)
Q3 win rate 27.0% — better than typical (above 25% and below 30%; Our team, EMEA; our 2025 quarters)
Q4 win rate 33.0% — exceptional (30% or more; Our team, EMEA; our 2025 quarters)
churn rate 12.5% a year — typical
a month's churn against a yearly band: benchmark.Benchmark.Classify: v 1.1818181818% a month is monthly: a monthly churn_rate cannot be rated against a yearly band; convert it to its yearly compound with Value.CompoundLoss (a loss rate) or Value.CompoundGrowth (a growth rate): mismatched kinds
churn rate 1.18% a month is 13.30% a year — typical
money against a percent benchmark: benchmark.Benchmark.Classify: v 12.5 USD is money in USD, but the win_rate benchmark rates percent: mismatched kinds
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}
