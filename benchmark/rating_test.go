package benchmark_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// CACs against the article's SaaS figures: lower is better, so a CAC above
// the typical range is worse than typical.
func ExampleRating_String() {
	b, _ := benchmark.Lookup("cac", benchmark.Segment{Industry: "SaaS", Region: "United States"})
	for _, cac := range []int64{650, 1800} {
		r, err := b.Classify(benchmark.Money(decimal.NewFromInt(cac), "USD"))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("CAC %s — %s\n", r.Value, r)
	}
	// Output:
	// CAC 650 USD — exceptional (below 700 USD; SaaS, United States; Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client? (2024-10-03, in French))
	// CAC 1800 USD — worse than typical (above 1500 USD; SaaS, United States; Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client? (2024-10-03, in French))
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
	r.Value, r.Per = r.Value.Per(benchmark.Quarter), benchmark.Quarter
	if diff := cmp.Diff("typical (10% to 15% a quarter; Acme; our 2024 quarters)", r.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// A Rating's JSON has snake_case keys and exact numbers as strings, and
// decodes to the same Rating.
func ExampleRating_json() {
	b, _ := benchmark.Lookup("churn_rate", benchmark.Segment{Industry: "CRM software", Region: "United States"})
	r, _ := b.Classify(benchmark.Percent(metrics.MustParsePercent("12.5")).Per(benchmark.Year))
	r.Source = benchmark.Source{Name: r.Source.Name, Date: r.Source.Date, Language: r.Source.Language} // shorter
	data, _ := json.MarshalIndent(r, "", "  ")
	fmt.Println(string(data))
	var back benchmark.Rating
	err := json.Unmarshal(data, &back)
	fmt.Println(err, cmp.Equal(r, back))
	// Output:
	// {
	//   "value": {
	//     "unit": "percent",
	//     "amount": "12.5",
	//     "per": "year"
	//   },
	//   "tier": "typical",
	//   "band": {
	//     "tier": "typical",
	//     "min": {
	//       "value": {
	//         "unit": "percent",
	//         "amount": "10"
	//       },
	//       "inclusive": true
	//     },
	//     "max": {
	//       "value": {
	//         "unit": "percent",
	//         "amount": "15"
	//       },
	//       "inclusive": true
	//     }
	//   },
	//   "per": "year",
	//   "metric": "churn_rate",
	//   "segment": {
	//     "industry": "CRM software",
	//     "region": "United States"
	//   },
	//   "source": {
	//     "name": "Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de gestion de la relation client?",
	//     "date": "2024-10-03",
	//     "language": "French"
	//   }
	// }
	// <nil> true
}
