package kpikit_test

import (
	"fmt"

	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/crm"
)

// The README's usage snippet, kept here so that its printed values are
// checked.
func Example() {
	churn, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 500, CustomersLost: 25})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(churn)

	nps, _ := crm.NPSFromScores([]int{10, 9, 8, 6, 10, 3, 9})
	fmt.Println(nps)

	b, _ := benchmark.Lookup("churn_rate", benchmark.Segment{Industry: "CRM software", Region: "United States"})
	month := benchmark.Percent(churn).Per(benchmark.Month) // 25 of 500 customers lost in a month
	year, _ := month.CompoundLoss(benchmark.Year)          // the built-in churn figures are yearly
	rating, _ := b.Classify(year)
	fmt.Println(year.Decimal().StringFixed(2)+"% a year:", rating.Tier, "("+rating.Band.String()+")")
	// Output:
	// 5%
	// 28.5714285714
	// 45.96% a year: worse than typical (above 15%)
}
