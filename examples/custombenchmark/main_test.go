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
	// 27/100 = 27%, 33/100 = 33%; 150/1200 = 12.5% churn.
	want := `Q1 win rate 15.0% — below typical (below 18%; Our team, EMEA; our 2025 quarters)
Q2 win rate 25.0% — typical (18% to 25%; Our team, EMEA; our 2025 quarters)
Q3 win rate 27.0% — above average (above 25% and below 30%; Our team, EMEA; our 2025 quarters)
Q4 win rate 33.0% — exceptional (30% or more; Our team, EMEA; our 2025 quarters)
churn rate 12.5% — typical (10% to 15%; CRM software, United States; seed 004)
money against a percent benchmark: benchmark.Benchmark.Classify: v 12.5 USD is money in USD, but the win_rate benchmark rates percent: mismatched kinds
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}
