package sales_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func ExampleNewRevenue() {
	revenue, err := sales.NewRevenue(sales.NewRevenueInput{
		Revenue:                 decimal.NewFromInt(20_000),
		ExistingCustomerRevenue: decimal.RequireFromString("7500.50"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(revenue)
	// Output:
	// 12499.5
}

func TestNewRevenue(t *testing.T) {
	tests := []struct {
		name string
		in   sales.NewRevenueInput
		want decimal.Decimal
	}{
		{"zero value", sales.NewRevenueInput{}, decimal.Zero},
		{"all new", sales.NewRevenueInput{Revenue: dec("100")}, dec("100")},
		{"none new", sales.NewRevenueInput{Revenue: dec("100"), ExistingCustomerRevenue: dec("100.00")}, decimal.Zero},
		{"exact", sales.NewRevenueInput{Revenue: dec("20000"), ExistingCustomerRevenue: dec("7500.50")}, dec("12499.5")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.NewRevenue(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NewRevenue(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNewRevenueErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    sales.NewRevenueInput
		want  error
		field string
	}{
		{"negative revenue", sales.NewRevenueInput{Revenue: dec("-1")}, metrics.ErrNegative, "Revenue"},
		{"negative existing", sales.NewRevenueInput{Revenue: dec("1"), ExistingCustomerRevenue: dec("-1")}, metrics.ErrNegative, "ExistingCustomerRevenue"},
		{"existing above total", sales.NewRevenueInput{Revenue: dec("1"), ExistingCustomerRevenue: dec("1.01")}, metrics.ErrInconsistent, "ExistingCustomerRevenue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.NewRevenue(tt.in)
			requireError(t, tt.in, got, err, tt.want, tt.field, -1)
		})
	}
}

func TestNewRevenueProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := testkit.Money().Draw(t, "a"), testkit.Money().Draw(t, "b")
		revenue, existing := decimal.Max(a, b), decimal.Min(a, b)
		got, err := sales.NewRevenue(sales.NewRevenueInput{Revenue: revenue, ExistingCustomerRevenue: existing})
		if err != nil {
			t.Fatal(err)
		}
		testkit.RequireRat(t, got, new(big.Rat).Sub(rat(revenue), rat(existing)))
		// Within 0..Revenue, and new + existing = total.
		if got.Sign() < 0 || got.Cmp(revenue) > 0 || !got.Add(existing).Equal(revenue) {
			t.Fatalf("new revenue %s of %s with %s existing", got, revenue, existing)
		}
	})
}

func FuzzNewRevenue(f *testing.F) {
	f.Add(int64(20000), int8(0), int64(750050), int8(-2))
	f.Add(int64(0), int8(0), int64(0), int8(0))
	f.Add(int64(-1), int8(0), int64(0), int8(0))
	f.Add(int64(1), int8(0), int64(2), int8(0))
	f.Fuzz(func(t *testing.T, revCoef int64, revExp int8, exCoef int64, exExp int8) {
		revenue, existing := testkit.FuzzDecimal(revCoef, revExp), testkit.FuzzDecimal(exCoef, exExp)
		got, err := sales.NewRevenue(sales.NewRevenueInput{Revenue: revenue, ExistingCustomerRevenue: existing})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Sign() < 0 || got.Cmp(revenue) > 0 {
			t.Fatalf("new revenue %s outside 0..%s", got, revenue)
		}
	})
}
