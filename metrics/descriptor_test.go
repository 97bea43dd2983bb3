package metrics_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
)

func ExampleDescriptor() {
	d, _ := crm.Describe(crm.ChurnRateID)
	fmt.Println(d.Name)
	fmt.Println(d.Category, "/", d.Class, "/", d.Unit, "/", d.Better)
	fmt.Println(d.Formula)
	// Output:
	// Customer churn rate
	// CRM / customer perception / percent / lower is better
	// CustomersLost / CustomersAtStart × 100
}

func ExampleDirection_Better() {
	// Is a churn of 4% better than one of 5%?
	better := metrics.LowerIsBetter.Better(metrics.PercentInt(4).Cmp(metrics.PercentInt(5)))
	fmt.Println(better)
	// Output: true
}

func TestEnumStrings(t *testing.T) {
	got := []string{
		metrics.CategoryCRM.String(), metrics.CategorySales.String(), metrics.Category(0).String(),
		metrics.ClassBusinessPerformance.String(), metrics.ClassUserAdoption.String(),
		metrics.ClassCustomerPerception.String(), metrics.Class(9).String(),
		metrics.HigherIsBetter.String(), metrics.LowerIsBetter.String(), metrics.Direction(0).String(),
	}
	want := []string{
		"CRM", "sales", "Category(0)",
		"business performance", "user adoption", "customer perception", "Class(9)",
		"higher is better", "lower is better", "Direction(0)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	units := map[metrics.Unit]string{
		metrics.UnitPercent: "percent", metrics.UnitMoney: "money", metrics.UnitCount: "count",
		metrics.UnitDuration: "duration", metrics.UnitRatio: "ratio", metrics.UnitScore: "score",
		metrics.UnitMonths: "months", metrics.UnitDays: "days", metrics.UnitMoneyPerDay: "money per day",
		metrics.UnitCountPerDay: "count per day", metrics.UnitCountPerRep: "count per person", metrics.Unit(0): "Unit(0)",
	}
	for u, w := range units {
		if u.String() != w {
			t.Errorf("Unit(%d).String() = %q, want %q", int(u), u.String(), w)
		}
	}
}

func TestDirectionBetter(t *testing.T) {
	tests := []struct {
		d    metrics.Direction
		cmp  int
		want bool
	}{
		{metrics.HigherIsBetter, 1, true}, {metrics.HigherIsBetter, 0, false}, {metrics.HigherIsBetter, -1, false},
		{metrics.LowerIsBetter, -1, true}, {metrics.LowerIsBetter, 0, false}, {metrics.LowerIsBetter, 1, false},
		{metrics.Direction(0), 1, false}, {metrics.Direction(0), -1, false},
	}
	for _, tt := range tests {
		if got := tt.d.Better(tt.cmp); got != tt.want {
			t.Errorf("%v.Better(%d) = %v, want %v", tt.d, tt.cmp, got, tt.want)
		}
	}
}
