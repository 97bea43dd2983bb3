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

	b, _ := benchmark.Lookup(crm.ChurnRateID, benchmark.Segment{Industry: "CRM software", Region: "United States"})
	rating, _ := b.Classify(benchmark.Percent(churn))
	fmt.Println(rating)
	// Output:
	// 5%
	// 28.5714285714
	// above average (at least 5% and below 10%; CRM software, United States; seed 004)
}
