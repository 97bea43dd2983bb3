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

// Seed 004: purchases of 100 on average, 4 a year, over a 5-year lifespan, at
// an 80% retention rate: (100 × 4) × 5 × 0.80.
func ExampleCLTV() {
	cltv, err := crm.CLTV(crm.CLTVInput{
		AveragePurchaseValue: decimal.NewFromInt(100),
		PurchasesPerYear:     decimal.NewFromInt(4),
		LifespanYears:        decimal.NewFromInt(5),
		RetentionRate:        metrics.PercentInt(80),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cltv)
	// Output:
	// 1600
}

// An ARPA of 120 a month at an 80% gross margin and a 5% monthly churn rate:
// 96 of gross profit a month for 20 months on average.
func ExampleLTV() {
	ltv, err := crm.LTV(crm.LTVInput{
		ARPA:        decimal.NewFromInt(120),
		GrossMargin: metrics.PercentInt(80),
		ChurnRate:   metrics.PercentInt(5),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ltv)
	// Output:
	// 1920
}

// With no churn customers never leave and the value has no bound: LTV
// reports it as undefined rather than returning an infinity.
func ExampleLTV_noChurn() {
	_, err := crm.LTV(crm.LTVInput{ARPA: decimal.NewFromInt(120), GrossMargin: metrics.PercentInt(80)})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	// Output:
	// crm.LTV: ChurnRate 0 is zero: undefined for this input
	// true
}

// A margin of 96 a month, 95% monthly retention and a 1% monthly discount
// rate: 96 / (1 + 0.01 − 0.95). Without the discount the value is LTV's.
func ExampleDiscountedCLTV() {
	in := crm.DiscountedCLTVInput{
		MarginPerPeriod: decimal.NewFromInt(96),
		RetentionRate:   metrics.PercentInt(95),
		DiscountRate:    metrics.PercentInt(1),
	}
	discounted, err := crm.DiscountedCLTV(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	in.DiscountRate = metrics.PercentInt(0)
	undiscounted, err := crm.DiscountedCLTV(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(discounted)
	fmt.Println(undiscounted)
	// Output:
	// 1600
	// 1920
}

func TestCLTV(t *testing.T) {
	tests := []struct {
		name string
		in   crm.CLTVInput
		want string
	}{
		{"seed 004", crm.CLTVInput{AveragePurchaseValue: decimal.NewFromInt(100), PurchasesPerYear: decimal.NewFromInt(4),
			LifespanYears: decimal.NewFromInt(5), RetentionRate: metrics.PercentInt(80)}, "1600"},
		{"fractions", crm.CLTVInput{AveragePurchaseValue: decimal.RequireFromString("49.90"), PurchasesPerYear: decimal.RequireFromString("2.5"),
			LifespanYears: decimal.RequireFromString("3.5"), RetentionRate: metrics.PercentInt(90)}, "392.9625"},
		{"full retention", crm.CLTVInput{AveragePurchaseValue: decimal.NewFromInt(10), PurchasesPerYear: decimal.NewFromInt(12),
			LifespanYears: decimal.NewFromInt(2), RetentionRate: metrics.PercentInt(100)}, "240"},
		{"fractional retention", crm.CLTVInput{AveragePurchaseValue: decimal.NewFromInt(100), PurchasesPerYear: decimal.NewFromInt(1),
			LifespanYears: decimal.NewFromInt(1), RetentionRate: metrics.MustParsePercent("33.3")}, "33.3"},
		{"no retention", crm.CLTVInput{AveragePurchaseValue: decimal.NewFromInt(100), PurchasesPerYear: decimal.NewFromInt(4),
			LifespanYears: decimal.NewFromInt(5)}, "0"},
		{"zero value", crm.CLTVInput{}, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CLTV(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decimal.RequireFromString(tt.want), got); diff != "" {
				t.Errorf("CLTV(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestCLTVErrors(t *testing.T) {
	one, minus := decimal.NewFromInt(1), decimal.NewFromInt(-1)
	ret := metrics.PercentInt(80)
	tests := []struct {
		name  string
		in    crm.CLTVInput
		want  error
		field string
	}{
		{"negative purchase value", crm.CLTVInput{AveragePurchaseValue: minus, PurchasesPerYear: one, LifespanYears: one, RetentionRate: ret}, metrics.ErrNegative, "AveragePurchaseValue"},
		{"negative frequency", crm.CLTVInput{AveragePurchaseValue: one, PurchasesPerYear: minus, LifespanYears: one, RetentionRate: ret}, metrics.ErrNegative, "PurchasesPerYear"},
		{"negative lifespan", crm.CLTVInput{AveragePurchaseValue: one, PurchasesPerYear: one, LifespanYears: minus, RetentionRate: ret}, metrics.ErrNegative, "LifespanYears"},
		{"retention above 100", crm.CLTVInput{AveragePurchaseValue: one, PurchasesPerYear: one, LifespanYears: one, RetentionRate: metrics.PercentInt(101)}, metrics.ErrOutOfRange, "RetentionRate"},
		{"negative retention", crm.CLTVInput{AveragePurchaseValue: one, PurchasesPerYear: one, LifespanYears: one, RetentionRate: metrics.PercentInt(-1)}, metrics.ErrOutOfRange, "RetentionRate"},
		{"retention as a fraction is fine, 8000 is not", crm.CLTVInput{AveragePurchaseValue: one, PurchasesPerYear: one, LifespanYears: one, RetentionRate: metrics.PercentInt(8000)}, metrics.ErrOutOfRange, "RetentionRate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CLTV(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, tt.in)
			if diff := cmp.Diff(tt.field, economicsErrField(err)); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if !got.IsZero() {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestCLTVProperties(t *testing.T) {
	small := rapid.Custom(func(t *rapid.T) decimal.Decimal {
		return decimal.New(rapid.Int64Range(0, 1_000_000).Draw(t, "coef"), -int32(rapid.IntRange(0, 2).Draw(t, "places")))
	})
	rapid.Check(t, func(t *rapid.T) {
		in := crm.CLTVInput{
			AveragePurchaseValue: testkit.Money().Draw(t, "purchaseValue"),
			PurchasesPerYear:     small.Draw(t, "purchasesPerYear"),
			LifespanYears:        small.Draw(t, "lifespanYears"),
			RetentionRate:        testkit.Percent(0, 100).Draw(t, "retention"),
		}
		got, err := crm.CLTV(in)
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: the product in exact rationals, retention as a fraction.
		want := new(big.Rat).Mul(testkit.Rat(in.AveragePurchaseValue), testkit.Rat(in.PurchasesPerYear))
		want.Mul(want, testkit.Rat(in.LifespanYears))
		want.Mul(want, testkit.Rat(in.RetentionRate.Points()))
		want.Quo(want, big.NewRat(100, 1))
		testkit.RequireRat(t, got, want)
		// Within 0..the revenue over the lifespan (retention 100%).
		full := in
		full.RetentionRate = metrics.PercentInt(100)
		ceiling, err := crm.CLTV(full)
		if err != nil || got.Sign() < 0 || got.Cmp(ceiling) > 0 {
			t.Fatalf("CLTV %s outside 0..%s (%v)", got, ceiling, err)
		}
		// Linear: doubling the purchase value doubles CLTV exactly.
		double := in
		double.AveragePurchaseValue = in.AveragePurchaseValue.Mul(decimal.NewFromInt(2))
		twice, err := crm.CLTV(double)
		if err != nil || !twice.Equal(got.Mul(decimal.NewFromInt(2))) {
			t.Fatalf("CLTV with doubled purchase value %s, want 2 × %s (%v)", twice, got, err)
		}
	})
}

func FuzzCLTV(f *testing.F) {
	f.Add(int64(100), int8(0), int64(4), int8(0), int64(5), int8(0), int64(80), int8(0))
	f.Add(int64(0), int8(0), int64(0), int8(0), int64(0), int8(0), int64(0), int8(0))
	f.Add(int64(-1), int8(20), int64(4), int8(-20), int64(5), int8(3), int64(101), int8(0))
	f.Fuzz(func(t *testing.T, pvC int64, pvE int8, fC int64, fE int8, lC int64, lE int8, rC int64, rE int8) {
		in := crm.CLTVInput{
			AveragePurchaseValue: testkit.FuzzDecimal(pvC, pvE),
			PurchasesPerYear:     testkit.FuzzDecimal(fC, fE),
			LifespanYears:        testkit.FuzzDecimal(lC, lE),
			RetentionRate:        metrics.NewPercent(testkit.FuzzDecimal(rC, rE)),
		}
		got, err := crm.CLTV(in)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if !got.IsZero() {
				t.Fatalf("got %v with error %v", got, err)
			}
			return
		}
		if got.Sign() < 0 {
			t.Fatalf("negative CLTV %s for %+v", got, in)
		}
	})
}

func TestLTV(t *testing.T) {
	tests := []struct {
		name          string
		arpa          string
		margin, churn metrics.Percent
		want          string
	}{
		{"example", "120", metrics.PercentInt(80), metrics.PercentInt(5), "1920"},
		{"full margin", "100", metrics.PercentInt(100), metrics.PercentInt(10), "1000"},
		{"fractional churn", "100", metrics.PercentInt(80), metrics.MustParsePercent("2.5"), "3200"},
		{"everyone leaves", "120", metrics.PercentInt(80), metrics.PercentInt(100), "96"},
		{"no revenue", "0", metrics.PercentInt(80), metrics.PercentInt(5), "0"},
		{"no margin", "120", metrics.PercentInt(0), metrics.PercentInt(5), "0"},
		{"rounds half away from zero", "50", metrics.PercentInt(70), metrics.PercentInt(3), "1166.6666666667"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := crm.LTVInput{ARPA: decimal.RequireFromString(tt.arpa), GrossMargin: tt.margin, ChurnRate: tt.churn}
			got, err := crm.LTV(in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decimal.RequireFromString(tt.want), got); diff != "" {
				t.Errorf("LTV(%+v) (-want +got):\n%s", in, diff)
			}
		})
	}
}

func TestLTVErrors(t *testing.T) {
	arpa := decimal.NewFromInt(120)
	gm, churn := metrics.PercentInt(80), metrics.PercentInt(5)
	tests := []struct {
		name  string
		in    crm.LTVInput
		want  error
		field string
	}{
		{"zero value", crm.LTVInput{}, metrics.ErrUndefined, "ChurnRate"},
		{"no churn", crm.LTVInput{ARPA: arpa, GrossMargin: gm}, metrics.ErrUndefined, "ChurnRate"},
		{"negative ARPA", crm.LTVInput{ARPA: decimal.NewFromInt(-1), GrossMargin: gm, ChurnRate: churn}, metrics.ErrNegative, "ARPA"},
		{"margin above 100", crm.LTVInput{ARPA: arpa, GrossMargin: metrics.PercentInt(101), ChurnRate: churn}, metrics.ErrOutOfRange, "GrossMargin"},
		{"negative margin", crm.LTVInput{ARPA: arpa, GrossMargin: metrics.PercentInt(-1), ChurnRate: churn}, metrics.ErrOutOfRange, "GrossMargin"},
		{"churn above 100", crm.LTVInput{ARPA: arpa, GrossMargin: gm, ChurnRate: metrics.MustParsePercent("100.5")}, metrics.ErrOutOfRange, "ChurnRate"},
		{"negative churn", crm.LTVInput{ARPA: arpa, GrossMargin: gm, ChurnRate: metrics.PercentInt(-5)}, metrics.ErrOutOfRange, "ChurnRate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.LTV(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, tt.in)
			if diff := cmp.Diff(tt.field, economicsErrField(err)); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if !got.IsZero() {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestLTVProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := crm.LTVInput{
			ARPA:        testkit.Money().Draw(t, "arpa"),
			GrossMargin: testkit.Percent(0, 100).Draw(t, "grossMargin"),
			ChurnRate:   testkit.Percent(1, 99).Draw(t, "churn"),
		}
		got, err := crm.LTV(in)
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: ARPA × (margin/100) / (churn/100) in exact rationals.
		want := new(big.Rat).Mul(testkit.Rat(in.ARPA), testkit.Rat(in.GrossMargin.Fraction()))
		want.Quo(want, testkit.Rat(in.ChurnRate.Fraction()))
		testkit.RequireRat(t, got, want)
		if got.Sign() < 0 {
			t.Fatalf("negative LTV %s", got)
		}
		// Agreement: LTV is DiscountedCLTV with the monthly gross profit as
		// margin, retention = 100 − churn and no discount.
		dc, err := crm.DiscountedCLTV(crm.DiscountedCLTVInput{
			MarginPerPeriod: in.ARPA.Mul(in.GrossMargin.Fraction()),
			RetentionRate:   metrics.NewPercent(decimal.NewFromInt(100).Sub(in.ChurnRate.Points())),
		})
		if err != nil || !dc.Equal(got) {
			t.Fatalf("LTV %s, DiscountedCLTV %s (%v)", got, dc, err)
		}
		// Monotone: more churn never raises LTV.
		more := in
		more.ChurnRate = metrics.NewPercent(in.ChurnRate.Points().Add(decimal.NewFromInt(1)))
		lower, err := crm.LTV(more)
		if err != nil || !economicsNotAbove(lower, got) {
			t.Fatalf("LTV rose with churn: %s -> %s (%v)", got, lower, err)
		}
	})
}

func FuzzLTV(f *testing.F) {
	f.Add(int64(120), int8(0), int64(80), int8(0), int64(5), int8(0))
	f.Add(int64(0), int8(0), int64(0), int8(0), int64(0), int8(0))
	f.Add(int64(1), int8(20), int64(1), int8(-20), int64(1), int8(-20))
	f.Add(int64(-1), int8(0), int64(101), int8(0), int64(-1), int8(0))
	f.Fuzz(func(t *testing.T, aC int64, aE int8, gC int64, gE int8, cC int64, cE int8) {
		in := crm.LTVInput{
			ARPA:        testkit.FuzzDecimal(aC, aE),
			GrossMargin: metrics.NewPercent(testkit.FuzzDecimal(gC, gE)),
			ChurnRate:   metrics.NewPercent(testkit.FuzzDecimal(cC, cE)),
		}
		got, err := crm.LTV(in)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if !got.IsZero() {
				t.Fatalf("got %v with error %v", got, err)
			}
			return
		}
		// LTV is at least one period's gross profit (churn ≤ 100%).
		floor := in.ARPA.Mul(in.GrossMargin.Fraction())
		if got.Sign() < 0 || got.Cmp(floor) < 0 && floor.Sub(got).Cmp(decimal.New(1, -metrics.Scale)) > 0 {
			t.Fatalf("LTV %s below one period's profit %s for %+v", got, floor, in)
		}
	})
}

func TestDiscountedCLTV(t *testing.T) {
	tests := []struct {
		name            string
		margin          string
		retention, disc metrics.Percent
		want            string
	}{
		{"example", "96", metrics.PercentInt(95), metrics.PercentInt(1), "1600"},
		{"no discount is LTV", "96", metrics.PercentInt(95), metrics.PercentInt(0), "1920"},
		{"one period, undiscounted", "100", metrics.PercentInt(0), metrics.PercentInt(0), "100"},
		{"one period, discounted", "110", metrics.PercentInt(0), metrics.PercentInt(10), "100"},
		{"perpetuity", "100", metrics.PercentInt(100), metrics.PercentInt(10), "1000"},
		{"repeating", "100", metrics.PercentInt(90), metrics.PercentInt(20), "333.3333333333"},
		{"rounds half away from zero", "2", metrics.PercentInt(50), metrics.PercentInt(100), "1.3333333333"},
		{"zero value", "0", metrics.PercentInt(0), metrics.PercentInt(0), "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := crm.DiscountedCLTVInput{MarginPerPeriod: decimal.RequireFromString(tt.margin), RetentionRate: tt.retention, DiscountRate: tt.disc}
			got, err := crm.DiscountedCLTV(in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decimal.RequireFromString(tt.want), got); diff != "" {
				t.Errorf("DiscountedCLTV(%+v) (-want +got):\n%s", in, diff)
			}
		})
	}
}

// The closed form agrees with the series it sums: the first 600 terms of
// Σ m r^(t−1) / (1+d)^t for the package example come within 10⁻¹⁰ of 1,600
// from below.
func TestDiscountedCLTVSeries(t *testing.T) {
	m, r, d := big.NewRat(96, 1), big.NewRat(95, 100), big.NewRat(101, 100)
	sum, term := new(big.Rat), new(big.Rat).Quo(m, d) // term t=1: m / (1+d)
	step := new(big.Rat).Quo(r, d)
	for range 600 {
		sum.Add(sum, term)
		term.Mul(term, step)
	}
	got, err := crm.DiscountedCLTV(crm.DiscountedCLTVInput{MarginPerPeriod: decimal.NewFromInt(96),
		RetentionRate: metrics.PercentInt(95), DiscountRate: metrics.PercentInt(1)})
	if err != nil {
		t.Fatal(err)
	}
	gap := new(big.Rat).Sub(testkit.Rat(got), sum)
	if gap.Sign() < 0 || gap.Cmp(big.NewRat(1, 1e10)) > 0 {
		t.Fatalf("DiscountedCLTV %s, partial sum %s: gap %s", got, sum.FloatString(12), gap.FloatString(12))
	}
}

func TestDiscountedCLTVErrors(t *testing.T) {
	m := decimal.NewFromInt(96)
	ret, disc := metrics.PercentInt(95), metrics.PercentInt(1)
	tests := []struct {
		name  string
		in    crm.DiscountedCLTVInput
		want  error
		field string
	}{
		{"never ends", crm.DiscountedCLTVInput{MarginPerPeriod: m, RetentionRate: metrics.PercentInt(100)}, metrics.ErrUndefined, "RetentionRate"},
		{"negative margin", crm.DiscountedCLTVInput{MarginPerPeriod: decimal.NewFromInt(-1), RetentionRate: ret, DiscountRate: disc}, metrics.ErrNegative, "MarginPerPeriod"},
		{"retention above 100", crm.DiscountedCLTVInput{MarginPerPeriod: m, RetentionRate: metrics.MustParsePercent("100.01"), DiscountRate: disc}, metrics.ErrOutOfRange, "RetentionRate"},
		{"negative retention", crm.DiscountedCLTVInput{MarginPerPeriod: m, RetentionRate: metrics.PercentInt(-1), DiscountRate: disc}, metrics.ErrOutOfRange, "RetentionRate"},
		{"negative discount", crm.DiscountedCLTVInput{MarginPerPeriod: m, RetentionRate: ret, DiscountRate: metrics.PercentInt(-1)}, metrics.ErrOutOfRange, "DiscountRate"},
		{"discount above 100", crm.DiscountedCLTVInput{MarginPerPeriod: m, RetentionRate: ret, DiscountRate: metrics.PercentInt(101)}, metrics.ErrOutOfRange, "DiscountRate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.DiscountedCLTV(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, tt.in)
			if diff := cmp.Diff(tt.field, economicsErrField(err)); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if !got.IsZero() {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestDiscountedCLTVProperties(t *testing.T) {
	hundred := big.NewRat(100, 1)
	halfUnit := big.NewRat(1, 2e10) // half of the last digit at metrics.Scale
	rapid.Check(t, func(t *rapid.T) {
		in := crm.DiscountedCLTVInput{
			MarginPerPeriod: testkit.Money().Draw(t, "margin"),
			RetentionRate:   testkit.Percent(0, 99).Draw(t, "retention"),
			DiscountRate:    testkit.Percent(0, 99).Draw(t, "discount"),
		}
		got, err := crm.DiscountedCLTV(in)
		if err != nil {
			t.Fatal(err)
		}
		m := testkit.Rat(in.MarginPerPeriod)
		r := new(big.Rat).Quo(testkit.Rat(in.RetentionRate.Points()), hundred)
		d := new(big.Rat).Quo(testkit.Rat(in.DiscountRate.Points()), hundred)
		onePlusD := new(big.Rat).Add(big.NewRat(1, 1), d)
		// Oracle: m / (1 + d − r) in exact rationals.
		den := new(big.Rat).Sub(onePlusD, r)
		testkit.RequireRat(t, got, new(big.Rat).Quo(m, den))
		// The value satisfies the recursion that defines it: today's value
		// is this period's discounted margin plus the discounted value of
		// the retained customer, V = m/(1+d) + r/(1+d) × V, up to the
		// rounding of the last digit.
		g := testkit.Rat(got)
		rhs := new(big.Rat).Mul(r, g)
		rhs.Add(rhs, m)
		rhs.Quo(rhs, onePlusD)
		residual := new(big.Rat).Sub(g, rhs)
		if new(big.Rat).Abs(residual).Cmp(halfUnit) > 0 {
			t.Fatalf("V = %s misses the recursion by %s", got, residual.FloatString(14))
		}
		// Between one period's discounted margin and the undiscounted value.
		first := new(big.Rat).Quo(m, onePlusD)
		if new(big.Rat).Sub(first, g).Cmp(halfUnit) > 0 {
			t.Fatalf("V = %s below the first period's %s", got, first.FloatString(12))
		}
		undiscounted := in
		undiscounted.DiscountRate = metrics.PercentInt(0)
		ceiling, err := crm.DiscountedCLTV(undiscounted)
		if err != nil || !economicsNotAbove(got, ceiling) {
			t.Fatalf("V = %s above the undiscounted %s (%v)", got, ceiling, err)
		}
		// Monotone: a higher discount rate never raises the value; a higher
		// retention rate never lowers it.
		steeper := in
		steeper.DiscountRate = metrics.NewPercent(in.DiscountRate.Points().Add(decimal.NewFromInt(1)))
		lower, err := crm.DiscountedCLTV(steeper)
		if err != nil || !economicsNotAbove(lower, got) {
			t.Fatalf("value rose with the discount rate: %s -> %s (%v)", got, lower, err)
		}
		loyal := in
		loyal.RetentionRate = metrics.NewPercent(in.RetentionRate.Points().Add(decimal.NewFromInt(1)))
		if loyal.RetentionRate.Cmp(metrics.PercentInt(100)) < 0 || !in.DiscountRate.IsZero() {
			higher, err := crm.DiscountedCLTV(loyal)
			if err != nil || !economicsNotAbove(got, higher) {
				t.Fatalf("value fell with retention: %s -> %s (%v)", got, higher, err)
			}
		}
	})
}

func FuzzDiscountedCLTV(f *testing.F) {
	f.Add(int64(96), int8(0), int64(95), int8(0), int64(1), int8(0))
	f.Add(int64(0), int8(0), int64(0), int8(0), int64(0), int8(0))
	f.Add(int64(1), int8(0), int64(100), int8(0), int64(0), int8(0))
	f.Add(int64(-1), int8(20), int64(1), int8(-20), int64(101), int8(0))
	f.Fuzz(func(t *testing.T, mC int64, mE int8, rC int64, rE int8, dC int64, dE int8) {
		in := crm.DiscountedCLTVInput{
			MarginPerPeriod: testkit.FuzzDecimal(mC, mE),
			RetentionRate:   metrics.NewPercent(testkit.FuzzDecimal(rC, rE)),
			DiscountRate:    metrics.NewPercent(testkit.FuzzDecimal(dC, dE)),
		}
		got, err := crm.DiscountedCLTV(in)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if !got.IsZero() {
				t.Fatalf("got %v with error %v", got, err)
			}
			return
		}
		if got.Sign() < 0 {
			t.Fatalf("negative value %s for %+v", got, in)
		}
	})
}
