package sales_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func ExampleQuotaAttainment() {
	attainment, err := sales.QuotaAttainment(sales.QuotaInput{
		Actual: decimal.NewFromInt(120_000),
		Quota:  decimal.NewFromInt(100_000),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(attainment)
	// Output:
	// 120%
}

func TestQuotaAttainment(t *testing.T) {
	tests := []struct {
		name string
		in   sales.QuotaInput
		want metrics.Percent
	}{
		{"exceeded", sales.QuotaInput{Actual: dec("120000"), Quota: dec("100000")}, metrics.PercentInt(120)},
		{"met", sales.QuotaInput{Actual: dec("100000.00"), Quota: dec("100000")}, metrics.PercentInt(100)},
		{"nothing sold", sales.QuotaInput{Quota: dec("1")}, metrics.PercentInt(0)},
		{"exact fraction", sales.QuotaInput{Actual: dec("0.01"), Quota: dec("3.2")}, pct("0.3125")},
		{"repeating", sales.QuotaInput{Actual: dec("1"), Quota: dec("3")}, pct("33.3333333333")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.QuotaAttainment(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("QuotaAttainment(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestQuotaAttainmentErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    sales.QuotaInput
		want  error
		field string
	}{
		{"zero value", sales.QuotaInput{}, metrics.ErrUndefined, "Quota"},
		{"zero quota", sales.QuotaInput{Actual: dec("10"), Quota: dec("0.00")}, metrics.ErrUndefined, "Quota"},
		{"negative actual", sales.QuotaInput{Actual: dec("-1"), Quota: dec("10")}, metrics.ErrNegative, "Actual"},
		{"negative quota", sales.QuotaInput{Actual: dec("1"), Quota: dec("-10")}, metrics.ErrNegative, "Quota"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.QuotaAttainment(tt.in)
			requireError(t, tt.in, got, err, tt.want, tt.field, -1)
		})
	}
}

func TestQuotaAttainmentProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		actual := testkit.Money().Draw(t, "actual")
		quota := testkit.Money().Filter(func(d decimal.Decimal) bool { return d.Sign() > 0 }).Draw(t, "quota")
		got, err := sales.QuotaAttainment(sales.QuotaInput{Actual: actual, Quota: quota})
		if err != nil {
			t.Fatal(err)
		}
		testkit.RequireRat(t, got.Points(), mul(quo(rat(actual), rat(quota)), testkit.RatInt(100)))
		// At least 0, and 100% exactly when the quota is met.
		if got.Sign() < 0 || (got.Cmp(metrics.PercentInt(100)) == 0) != (actual.Cmp(quota) == 0) {
			t.Fatalf("attainment %v for %s of %s", got, actual, quota)
		}
		// Monotone in the actual.
		more, err := sales.QuotaAttainment(sales.QuotaInput{Actual: actual.Add(dec("0.0001")), Quota: quota})
		if err != nil || more.Cmp(got) < 0 {
			t.Fatalf("attainment fell from %v to %v (%v)", got, more, err)
		}
	})
}

func FuzzQuotaAttainment(f *testing.F) {
	f.Add(int64(120000), int8(0), int64(100000), int8(0))
	f.Add(int64(0), int8(0), int64(0), int8(0))
	f.Add(int64(-1), int8(0), int64(1), int8(0))
	f.Add(int64(1), int8(20), int64(3), int8(-20))
	f.Fuzz(func(t *testing.T, aCoef int64, aExp int8, qCoef int64, qExp int8) {
		got, err := sales.QuotaAttainment(sales.QuotaInput{Actual: testkit.FuzzDecimal(aCoef, aExp), Quota: testkit.FuzzDecimal(qCoef, qExp)})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Sign() < 0 {
			t.Fatalf("negative attainment %v", got)
		}
	})
}
