package crm_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// dec parses a decimal literal of a test table; it panics on a typo.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// A company spent 12,000 this quarter on keeping its customers, and kept 400.
func ExampleRetentionCostPerCustomer() {
	cost, err := crm.RetentionCostPerCustomer(crm.RetentionCostInput{
		RetentionSpend:    decimal.NewFromInt(12000),
		RetainedCustomers: 400,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cost)
	// Output:
	// 30
}

// The 400 customers kept over the quarter brought in 48,000: 120 each, for a
// retention cost of 30 each. The rule of "Mesures CRM que vous devez
// connaître" (in French, undated) holds, with 90 to spare.
func ExampleCheckRetentionCost() {
	c, err := crm.CheckRetentionCost(crm.RetentionCostInput{
		RetentionSpend:    decimal.NewFromInt(12000),
		RetainedCustomers: 400,
		RetainedRevenue:   decimal.NewFromInt(48000),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("cost per customer:", c.CostPerCustomer)
	fmt.Println("revenue per customer:", c.RevenuePerCustomer)
	fmt.Println("margin:", c.Margin)
	fmt.Println("holds:", c.Holds)
	// Output:
	// cost per customer: 30
	// revenue per customer: 120
	// margin: 90
	// holds: true
}

// Keeping 300 customers cost 9,000 (30 each) but they brought in only 7,500
// (25 each): the rule fails by 5 per customer.
func ExampleCheckRetentionCost_fails() {
	c, err := crm.CheckRetentionCost(crm.RetentionCostInput{
		RetentionSpend:    decimal.NewFromInt(9000),
		RetainedCustomers: 300,
		RetainedRevenue:   decimal.NewFromInt(7500),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Holds, c.Margin)
	// Output:
	// false -5
}

func TestRetentionCostPerCustomer(t *testing.T) {
	tests := []struct {
		name string
		in   crm.RetentionCostInput
		want decimal.Decimal
	}{
		{"30 each", crm.RetentionCostInput{RetentionSpend: dec("12000"), RetainedCustomers: 400}, dec("30")},
		{"nothing spent", crm.RetentionCostInput{RetainedCustomers: 400}, dec("0")},
		{"cents", crm.RetentionCostInput{RetentionSpend: dec("10.01"), RetainedCustomers: 4}, dec("2.5025")},
		{"one customer", crm.RetentionCostInput{RetentionSpend: dec("0.0001"), RetainedCustomers: 1}, dec("0.0001")},
		{"repeating", crm.RetentionCostInput{RetentionSpend: dec("100"), RetainedCustomers: 3}, dec("33.3333333333")},
		{"repeating, rounded up", crm.RetentionCostInput{RetentionSpend: dec("200"), RetainedCustomers: 3}, dec("66.6666666667")},
		{"revenue ignored", crm.RetentionCostInput{RetentionSpend: dec("50"), RetainedCustomers: 5, RetainedRevenue: dec("-1")}, dec("10")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.RetentionCostPerCustomer(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("RetentionCostPerCustomer(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestRetentionCostPerCustomerErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.RetentionCostInput
		want  error
		field string
	}{
		{"zero value", crm.RetentionCostInput{}, metrics.ErrUndefined, "RetainedCustomers"},
		{"spend with no customer", crm.RetentionCostInput{RetentionSpend: dec("10")}, metrics.ErrUndefined, "RetainedCustomers"},
		{"negative spend", crm.RetentionCostInput{RetentionSpend: dec("-0.01"), RetainedCustomers: 3}, metrics.ErrNegative, "RetentionSpend"},
		{"negative customers", crm.RetentionCostInput{RetentionSpend: dec("10"), RetainedCustomers: -3}, metrics.ErrNegative, "RetainedCustomers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.RetentionCostPerCustomer(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, crm.RetentionCostInput{})
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if !got.Equal(decimal.Decimal{}) {
				t.Errorf("got %s with an error, want the zero value", got.String())
			}
		})
	}
}

func TestRetentionCostPerCustomerProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spend := testkit.Money().Draw(t, "spend")
		n := rapid.IntRange(1, 1_000_000).Draw(t, "customers")
		got, err := crm.RetentionCostPerCustomer(crm.RetentionCostInput{RetentionSpend: spend, RetainedCustomers: n})
		if err != nil {
			t.Fatal(err)
		}
		if got.Sign() < 0 || got.Cmp(spend) > 0 {
			t.Fatalf("cost %s outside 0..spend %s", got.String(), spend.String())
		}
		// Oracle: spend/n in exact rationals.
		testkit.RequireRat(t, got, new(big.Rat).Quo(testkit.Rat(spend), testkit.RatInt(n)))
		// Monotone: more customers for the same spend never raise the cost.
		fewer, err := crm.RetentionCostPerCustomer(crm.RetentionCostInput{RetentionSpend: spend, RetainedCustomers: n + 1})
		if err != nil {
			t.Fatal(err)
		}
		requireOrdered(t, fewer, got, "cost with a customer more")
	})
}

func FuzzRetentionCostPerCustomer(f *testing.F) {
	f.Add(int64(12000), int8(0), 400)
	f.Add(int64(0), int8(0), 0)
	f.Add(int64(-1), int8(-2), 3)
	f.Add(int64(1), int8(20), -1)
	f.Fuzz(func(t *testing.T, coef int64, exp int8, n int) {
		spend := testkit.FuzzDecimal(coef, exp)
		got, err := crm.RetentionCostPerCustomer(crm.RetentionCostInput{RetentionSpend: spend, RetainedCustomers: n})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.RetentionCostInput{})
			if !got.IsZero() {
				t.Fatalf("got %s with error %v", got.String(), err)
			}
			return
		}
		if got.Sign() < 0 || got.Cmp(spend) > 0 {
			t.Fatalf("cost %s outside 0..%s for %d customers", got.String(), spend.String(), n)
		}
	})
}

func TestCheckRetentionCost(t *testing.T) {
	tests := []struct {
		name string
		in   crm.RetentionCostInput
		want crm.RetentionCostCheck
	}{
		{"holds", crm.RetentionCostInput{RetentionSpend: dec("12000"), RetainedCustomers: 400, RetainedRevenue: dec("48000")},
			crm.RetentionCostCheck{CostPerCustomer: dec("30"), RevenuePerCustomer: dec("120"), Margin: dec("90"), Holds: true}},
		{"fails", crm.RetentionCostInput{RetentionSpend: dec("9000"), RetainedCustomers: 300, RetainedRevenue: dec("7500")},
			crm.RetentionCostCheck{CostPerCustomer: dec("30"), RevenuePerCustomer: dec("25"), Margin: dec("-5")}},
		{"equal cost and revenue fails", crm.RetentionCostInput{RetentionSpend: dec("500"), RetainedCustomers: 10, RetainedRevenue: dec("500.00")},
			crm.RetentionCostCheck{CostPerCustomer: dec("50"), RevenuePerCustomer: dec("50"), Margin: dec("0")}},
		{"free retention holds", crm.RetentionCostInput{RetainedCustomers: 10, RetainedRevenue: dec("0.01")},
			crm.RetentionCostCheck{CostPerCustomer: dec("0"), RevenuePerCustomer: dec("0.001"), Margin: dec("0.001"), Holds: true}},
		{"no revenue, no spend", crm.RetentionCostInput{RetainedCustomers: 1},
			crm.RetentionCostCheck{CostPerCustomer: dec("0"), RevenuePerCustomer: dec("0"), Margin: dec("0")}},
		// Margin is rounded once, not the difference of two rounded values:
		// 66.6666666667 − 33.3333333333 would be 33.3333333334.
		{"repeating", crm.RetentionCostInput{RetentionSpend: dec("100"), RetainedCustomers: 3, RetainedRevenue: dec("200")},
			crm.RetentionCostCheck{CostPerCustomer: dec("33.3333333333"), RevenuePerCustomer: dec("66.6666666667"), Margin: dec("33.3333333333"), Holds: true}},
		{"negative repeating margin", crm.RetentionCostInput{RetentionSpend: dec("200"), RetainedCustomers: 3, RetainedRevenue: dec("100")},
			crm.RetentionCostCheck{CostPerCustomer: dec("66.6666666667"), RevenuePerCustomer: dec("33.3333333333"), Margin: dec("-33.3333333333")}},
		// A margin of 10⁻¹² / 3 per customer rounds to 0, yet the rule holds.
		{"margin rounds to zero", crm.RetentionCostInput{RetentionSpend: dec("1"), RetainedCustomers: 3, RetainedRevenue: dec("1.000000000001")},
			crm.RetentionCostCheck{CostPerCustomer: dec("0.3333333333"), RevenuePerCustomer: dec("0.3333333333"), Margin: dec("0"), Holds: true}},
		// A margin of 3 × 10⁻¹² per customer is exact: it terminates.
		{"tiny exact margin", crm.RetentionCostInput{RetentionSpend: dec("1"), RetainedCustomers: 3, RetainedRevenue: dec("1.000000000009")},
			crm.RetentionCostCheck{CostPerCustomer: dec("0.3333333333"), RevenuePerCustomer: dec("0.3333333333"), Margin: dec("0.000000000003"), Holds: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CheckRetentionCost(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CheckRetentionCost(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestCheckRetentionCostErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.RetentionCostInput
		want  error
		field string
	}{
		{"zero value", crm.RetentionCostInput{}, metrics.ErrUndefined, "RetainedCustomers"},
		{"negative spend", crm.RetentionCostInput{RetentionSpend: dec("-1"), RetainedCustomers: 3, RetainedRevenue: dec("5")}, metrics.ErrNegative, "RetentionSpend"},
		{"negative customers", crm.RetentionCostInput{RetentionSpend: dec("1"), RetainedCustomers: -3, RetainedRevenue: dec("5")}, metrics.ErrNegative, "RetainedCustomers"},
		{"negative revenue", crm.RetentionCostInput{RetentionSpend: dec("1"), RetainedCustomers: 3, RetainedRevenue: dec("-5")}, metrics.ErrNegative, "RetainedRevenue"},
		{"negative revenue, no customer", crm.RetentionCostInput{RetainedRevenue: dec("-5")}, metrics.ErrNegative, "RetainedRevenue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CheckRetentionCost(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, crm.RetentionCostInput{})
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(crm.RetentionCostCheck{}, got); diff != "" {
				t.Errorf("result with an error, want the zero value (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckRetentionCostProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := crm.RetentionCostInput{
			RetentionSpend:    testkit.Money().Draw(t, "spend"),
			RetainedCustomers: rapid.IntRange(1, 1_000_000).Draw(t, "customers"),
			RetainedRevenue:   testkit.Money().Draw(t, "revenue"),
		}
		got, err := crm.CheckRetentionCost(in)
		if err != nil {
			t.Fatal(err)
		}
		spend, revenue, n := testkit.Rat(in.RetentionSpend), testkit.Rat(in.RetainedRevenue), testkit.RatInt(in.RetainedCustomers)
		// Oracles for the three amounts.
		testkit.RequireRat(t, got.CostPerCustomer, new(big.Rat).Quo(spend, n))
		testkit.RequireRat(t, got.RevenuePerCustomer, new(big.Rat).Quo(revenue, n))
		testkit.RequireRat(t, got.Margin, new(big.Rat).Quo(new(big.Rat).Sub(revenue, spend), n))
		// Holds is the exact comparison of the averages.
		exactCost, exactRevenue := new(big.Rat).Quo(spend, n), new(big.Rat).Quo(revenue, n)
		if want := exactCost.Cmp(exactRevenue) < 0; got.Holds != want {
			t.Fatalf("Holds = %v, want %v", got.Holds, want)
		}
		// The margin's sign never contradicts Holds.
		if got.Holds && got.Margin.Sign() < 0 || !got.Holds && got.Margin.Sign() > 0 {
			t.Fatalf("Holds = %v with margin %s", got.Holds, got.Margin.String())
		}
		// Agreement: the cost is RetentionCostPerCustomer's.
		cost, err := crm.RetentionCostPerCustomer(in)
		if err != nil || !cost.Equal(got.CostPerCustomer) {
			t.Fatalf("CostPerCustomer %s, RetentionCostPerCustomer %s (%v)", got.CostPerCustomer.String(), cost.String(), err)
		}
	})
}

func FuzzCheckRetentionCost(f *testing.F) {
	f.Add(int64(12000), int8(0), 400, int64(48000), int8(0))
	f.Add(int64(0), int8(0), 0, int64(0), int8(0))
	f.Add(int64(1), int8(0), 3, int64(1000000000001), int8(-12))
	f.Add(int64(5), int8(-3), 1, int64(-5), int8(7))
	f.Fuzz(func(t *testing.T, spendCoef int64, spendExp int8, n int, revenueCoef int64, revenueExp int8) {
		in := crm.RetentionCostInput{
			RetentionSpend:    testkit.FuzzDecimal(spendCoef, spendExp),
			RetainedCustomers: n,
			RetainedRevenue:   testkit.FuzzDecimal(revenueCoef, revenueExp),
		}
		got, err := crm.CheckRetentionCost(in)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.RetentionCostInput{})
			if diff := cmp.Diff(crm.RetentionCostCheck{}, got); diff != "" {
				t.Fatalf("result with error %v (-want +got):\n%s", err, diff)
			}
			return
		}
		if got.CostPerCustomer.Sign() < 0 || got.RevenuePerCustomer.Sign() < 0 {
			t.Fatalf("negative average in %+v", got)
		}
		if got.Holds != (in.RetentionSpend.Cmp(in.RetainedRevenue) < 0) {
			t.Fatalf("Holds = %v for spend %s, revenue %s", got.Holds, in.RetentionSpend.String(), in.RetainedRevenue.String())
		}
		if got.Holds && got.Margin.Sign() < 0 || !got.Holds && got.Margin.Sign() > 0 {
			t.Fatalf("Holds = %v with margin %s", got.Holds, got.Margin.String())
		}
	})
}

func TestRetentionCostCheckJSON(t *testing.T) {
	c, err := crm.CheckRetentionCost(crm.RetentionCostInput{
		RetentionSpend: decimal.NewFromInt(12_000), RetainedCustomers: 400, RetainedRevenue: decimal.NewFromInt(48_000),
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"cost_per_customer":"30","revenue_per_customer":"120","margin":"90","holds":true}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
	var back crm.RetentionCostCheck
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !back.CostPerCustomer.Equal(c.CostPerCustomer) || !back.Margin.Equal(c.Margin) || back.Holds != c.Holds {
		t.Errorf("round trip %+v, want %+v", back, c)
	}
}
