package crm_test

import (
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

// Seed 004: MRR grows from 50,000 last month to 60,000 this month.
func ExampleMRRGrowthRate() {
	growth, err := crm.MRRGrowthRate(crm.MRRGrowthInput{
		PreviousMRR: decimal.NewFromInt(50_000),
		CurrentMRR:  decimal.NewFromInt(60_000),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(growth)
	// Output:
	// 20%
}

// A shrinking MRR gives a negative rate.
func ExampleMRRGrowthRate_decline() {
	growth, err := crm.MRRGrowthRate(crm.MRRGrowthInput{
		PreviousMRR: decimal.NewFromInt(60_000),
		CurrentMRR:  decimal.NewFromInt(45_000),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(growth)
	// Output:
	// -25%
}

func TestMRRGrowthRate(t *testing.T) {
	tests := []struct {
		name          string
		prev, current string
		want          metrics.Percent
	}{
		{"seed 004", "50000", "60000", metrics.PercentInt(20)},
		{"decline", "60000", "45000", metrics.PercentInt(-25)},
		{"flat", "1234.56", "1234.56", metrics.PercentInt(0)},
		{"to zero", "100", "0", metrics.PercentInt(-100)},
		{"doubled", "0.01", "0.02", metrics.PercentInt(100)},
		{"fraction of a point", "8000", "8001", metrics.MustParsePercent("0.0125")},
		{"repeating", "3", "4", metrics.MustParsePercent("33.3333333333")},
		{"rounds half away from zero", "3", "5", metrics.MustParsePercent("66.6666666667")},
		{"negative repeating", "3", "1", metrics.MustParsePercent("-66.6666666667")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := crm.MRRGrowthInput{PreviousMRR: decimal.RequireFromString(tt.prev), CurrentMRR: decimal.RequireFromString(tt.current)}
			got, err := crm.MRRGrowthRate(in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("MRRGrowthRate(%s -> %s) (-want +got):\n%s", tt.prev, tt.current, diff)
			}
		})
	}
}

func TestMRRGrowthRateErrors(t *testing.T) {
	tests := []struct {
		name          string
		prev, current string
		want          error
		field         string
	}{
		{"zero value", "0", "0", metrics.ErrUndefined, "PreviousMRR"},
		{"growth from nothing", "0", "100", metrics.ErrUndefined, "PreviousMRR"},
		{"negative previous", "-1", "100", metrics.ErrNegative, "PreviousMRR"},
		{"negative current", "100", "-0.01", metrics.ErrNegative, "CurrentMRR"},
		{"both negative", "-1", "-1", metrics.ErrNegative, "PreviousMRR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := crm.MRRGrowthInput{PreviousMRR: decimal.RequireFromString(tt.prev), CurrentMRR: decimal.RequireFromString(tt.current)}
			got, err := crm.MRRGrowthRate(in)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, in)
			if diff := cmp.Diff(tt.field, economicsErrField(err)); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if !got.IsZero() {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
	// The literal zero value, not only zero amounts parsed from text.
	_, err := crm.MRRGrowthRate(crm.MRRGrowthInput{})
	testkit.RequireSentinel(t, err, metrics.ErrUndefined)
}

func TestMRRGrowthRateMessage(t *testing.T) {
	_, err := crm.MRRGrowthRate(crm.MRRGrowthInput{PreviousMRR: decimal.NewFromInt(100), CurrentMRR: decimal.RequireFromString("-2.50")})
	want := "crm.MRRGrowthRate: CurrentMRR -2.5 is negative: negative value"
	if diff := cmp.Diff(want, fmt.Sprint(err)); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
	if !errors.Is(err, metrics.ErrNegative) {
		t.Errorf("error %v does not wrap ErrNegative", err)
	}
}

func TestMRRGrowthRateProperties(t *testing.T) {
	positive := testkit.Money().Filter(func(d decimal.Decimal) bool { return d.Sign() > 0 })
	rapid.Check(t, func(t *rapid.T) {
		prev := positive.Draw(t, "previous")
		current := testkit.Money().Draw(t, "current")
		got, err := crm.MRRGrowthRate(crm.MRRGrowthInput{PreviousMRR: prev, CurrentMRR: current})
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: (current − previous) × 100 / previous in exact rationals.
		p, c := testkit.Rat(prev), testkit.Rat(current)
		want := new(big.Rat).Sub(c, p)
		want.Mul(want, big.NewRat(100, 1))
		want.Quo(want, p)
		testkit.RequireRat(t, got.Points(), want)
		// Never below −100%: MRR cannot fall below zero.
		if got.Cmp(metrics.PercentInt(-100)) < 0 {
			t.Fatalf("growth %v below -100%%", got)
		}
		// The sign of the rate is the sign of the change, up to rounding
		// a tiny change to zero.
		if s := current.Cmp(prev); got.Sign() != 0 && got.Sign() != s {
			t.Fatalf("growth %v has the wrong sign for %s -> %s", got, prev, current)
		}
		// Monotone: more current MRR never lowers the rate.
		more, err := crm.MRRGrowthRate(crm.MRRGrowthInput{PreviousMRR: prev, CurrentMRR: current.Add(decimal.New(1, -4))})
		if err != nil || !economicsNotAbove(got.Points(), more.Points()) {
			t.Fatalf("growth fell: %v -> %v (%v)", got, more, err)
		}
		// Unchanged MRR is exactly 0% growth.
		flat, err := crm.MRRGrowthRate(crm.MRRGrowthInput{PreviousMRR: prev, CurrentMRR: prev})
		if err != nil || !flat.IsZero() {
			t.Fatalf("flat MRR gave %v (%v)", flat, err)
		}
	})
}

func FuzzMRRGrowthRate(f *testing.F) {
	f.Add(int64(50_000), int8(0), int64(60_000), int8(0))
	f.Add(int64(0), int8(0), int64(0), int8(0))
	f.Add(int64(-1), int8(3), int64(5), int8(-2))
	f.Add(int64(3), int8(-20), int64(1), int8(20))
	f.Fuzz(func(t *testing.T, prevCoef int64, prevExp int8, curCoef int64, curExp int8) {
		in := crm.MRRGrowthInput{PreviousMRR: testkit.FuzzDecimal(prevCoef, prevExp), CurrentMRR: testkit.FuzzDecimal(curCoef, curExp)}
		got, err := crm.MRRGrowthRate(in)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if !got.IsZero() {
				t.Fatalf("got %v with error %v", got, err)
			}
			return
		}
		if got.Cmp(metrics.PercentInt(-100)) < 0 {
			t.Fatalf("growth %v below -100%% for %+v", got, in)
		}
	})
}
