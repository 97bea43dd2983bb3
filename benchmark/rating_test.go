package benchmark_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/benchmark"
	"github.com/shopspring/decimal"
)

// The sentence of issue #4: CAC 650 USD against seed 004's SaaS figures.
func ExampleRating_String() {
	b, _ := benchmark.Lookup("cac", benchmark.Segment{Industry: "SaaS", Region: "United States"})
	r, err := b.Classify(benchmark.Money(decimal.NewFromInt(650), "USD"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("CAC %s — %s\n", r.Value, r)
	// Output: CAC 650 USD — exceptional (below 700 USD; SaaS, United States; seed 004)
}

func TestRatingString(t *testing.T) {
	r := benchmark.Rating{
		Value:   pct("12"),
		Tier:    benchmark.Typical,
		Band:    benchmark.Band{Tier: benchmark.Typical, Min: benchmark.Inclusive(pct("10")), Max: benchmark.Inclusive(pct("15"))},
		Metric:  "churn_rate",
		Segment: benchmark.Segment{Industry: "Acme"},
		Source:  benchmark.Source{Name: "our 2024 quarters"},
	}
	if diff := cmp.Diff("typical (10% to 15%; Acme; our 2024 quarters)", r.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
