// Command quickstart prints the worked examples of the source articles,
// computed by kpikit.
package main

import (
	"fmt"
	"os"

	"github.com/kpikit/kpikit/crm"
)

func main() {
	churn, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 500, CustomersLost: 25})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("Churn rate (500 customers at start, 25 lost): %v\n", churn)
}
