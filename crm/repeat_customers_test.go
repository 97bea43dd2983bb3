package crm_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

func repeatCustomerRate(part, whole int) (metrics.Percent, error) {
	return crm.RepeatCustomerRate(crm.RepeatCustomerInput{PurchasingCustomers: whole, RepeatCustomers: part})
}

// A shop had 400 customers in the quarter; 120 of them bought more than once.
func ExampleRepeatCustomerRate() {
	rate, err := crm.RepeatCustomerRate(crm.RepeatCustomerInput{PurchasingCustomers: 400, RepeatCustomers: 120})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate)
	// Output:
	// 30%
}

func TestRepeatCustomerRate(t *testing.T) {
	supportRunRate(t, repeatCustomerRate, []supportRateCase{
		{"120 of 400", 120, 400, metrics.PercentInt(30)},
		{"no repeat", 0, 9, metrics.PercentInt(0)},
		{"all repeat", 9, 9, metrics.PercentInt(100)},
		{"one in six rounds up", 1, 6, metrics.MustParsePercent("16.6666666667")},
		{"one in 16", 1, 16, metrics.MustParsePercent("6.25")},
	})
}

func TestRepeatCustomerRateErrors(t *testing.T) {
	supportRunRateErrors(t, repeatCustomerRate, crm.RepeatCustomerInput{}, []supportRateErrorCase{
		{"zero value", 0, 0, metrics.ErrUndefined, "PurchasingCustomers"},
		{"negative customers", 0, -3, metrics.ErrNegative, "PurchasingCustomers"},
		{"negative repeat", -1, 3, metrics.ErrNegative, "RepeatCustomers"},
		{"repeat above customers", 4, 3, metrics.ErrInconsistent, "RepeatCustomers"},
	})
}

func TestRepeatCustomerRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) { supportRateProperties(t, repeatCustomerRate, 0) })
}

func FuzzRepeatCustomerRate(f *testing.F) {
	f.Add(120, 400)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(6, 5)
	f.Add(math.MaxInt, math.MaxInt)
	f.Fuzz(func(t *testing.T, repeat, customers int) {
		supportFuzzRate(t, repeatCustomerRate, crm.RepeatCustomerInput{}, repeat, customers)
	})
}
