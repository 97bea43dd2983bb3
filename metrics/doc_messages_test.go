package metrics_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

// TestDocMessages runs the calls whose error messages the package
// documentation (doc.go and errors.go) shows, and checks that each file
// shows the message the call gives today, so the examples cannot outlive
// the functions or the wording they quote.
func TestDocMessages(t *testing.T) {
	date := func(m time.Month, d int) time.Time { return time.Date(2024, m, d, 0, 0, 0, 0, time.UTC) }
	deals := []sales.Deal{
		{Amount: decimal.NewFromInt(1), Stage: sales.StageWon, Created: date(1, 2), Closed: date(1, 3)},
		{Amount: decimal.NewFromInt(1), Stage: sales.StageLost, Created: date(1, 2), Closed: date(1, 3)},
		{Amount: decimal.NewFromInt(1), Stage: sales.StageOpen, Created: date(1, 2)},
		{Amount: decimal.NewFromInt(1), Stage: sales.StageWon, Created: date(2, 1), Closed: date(1, 1)},
	}
	_, churnErr := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 500, CustomersLost: 600})
	_, dealsErr := sales.DealStatsByOwner(deals, metrics.Quarter(2024, 1, time.UTC))
	_, scoresErr := crm.NPSFromScores([]int{9, 10, 7, 11})
	for _, file := range []string{"doc.go", "errors.go"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, err := range []error{churnErr, dealsErr, scoresErr} {
			if err == nil {
				t.Fatal("a documented call gave no error")
			}
			if !strings.Contains(string(src), "//\t"+err.Error()+"\n") {
				t.Errorf("%s does not show the message %q", file, err)
			}
		}
	}
	churn, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 500, CustomersLost: 25})
	if err != nil || churn.String() != "5%" || churn.Fraction().String() != "0.05" {
		t.Errorf("doc.go's churn example: %v, %v, %v; want 5%%, 0.05", churn, churn.Fraction(), err)
	}
}
