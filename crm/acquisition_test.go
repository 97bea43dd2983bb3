package crm_test

import (
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

// The worked example of "Quels sont les 7 principaux KPI d'une entreprise de
// logiciels CRM de gestion de la relation client?" (in French, 3 October
// 2024): 100,000 spent on sales and marketing in a year won 500 new customers.
func ExampleCAC() {
	cac, err := crm.CAC(crm.CACInput{SalesAndMarketingSpend: decimal.NewFromInt(100_000), NewCustomers: 500})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cac)
	// Output:
	// 200
}

// A lifetime value of 1,920 against an acquisition cost of 200.
func ExampleLTVToCAC() {
	ratio, err := crm.LTVToCAC(crm.LTVToCACInput{LTV: decimal.NewFromInt(1920), CAC: decimal.NewFromInt(200)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ratio)
	// Output:
	// 9.6
}

// A CAC of 200 repaid by an ARPA of 120 a month at an 80% gross margin, that
// is 96 of gross profit a month: 200 / 96 months.
func ExampleCACPaybackMonths() {
	months, err := crm.CACPaybackMonths(crm.CACPaybackInput{
		CAC:         decimal.NewFromInt(200),
		ARPA:        decimal.NewFromInt(120),
		GrossMargin: metrics.PercentInt(80),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(months)
	fmt.Println(months.StringFixed(1))
	// Output:
	// 2.0833333333
	// 2.1
}

func TestCAC(t *testing.T) {
	tests := []struct {
		name     string
		spend    string
		newCusts int
		want     string
	}{
		{"the article's example", "100000", 500, "200"},
		{"one customer", "1234.56", 1, "1234.56"},
		{"cents", "1234.56", 2, "617.28"},
		{"terminating", "1000", 16, "62.5"},
		{"free customers", "0", 10, "0"},
		{"repeating", "100", 3, "33.3333333333"},
		{"rounds half away from zero", "200", 3, "66.6666666667"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CAC(crm.CACInput{SalesAndMarketingSpend: decimal.RequireFromString(tt.spend), NewCustomers: tt.newCusts})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decimal.RequireFromString(tt.want), got); diff != "" {
				t.Errorf("CAC(%s / %d) (-want +got):\n%s", tt.spend, tt.newCusts, diff)
			}
		})
	}
}

func TestCACErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.CACInput
		want  error
		field string
	}{
		{"zero value", crm.CACInput{}, metrics.ErrUndefined, "NewCustomers"},
		{"spend without customers", crm.CACInput{SalesAndMarketingSpend: decimal.NewFromInt(100)}, metrics.ErrUndefined, "NewCustomers"},
		{"negative spend", crm.CACInput{SalesAndMarketingSpend: decimal.NewFromInt(-1), NewCustomers: 5}, metrics.ErrNegative, "SalesAndMarketingSpend"},
		{"negative customers", crm.CACInput{SalesAndMarketingSpend: decimal.NewFromInt(1), NewCustomers: -5}, metrics.ErrNegative, "NewCustomers"},
		{"negative spend, no customers", crm.CACInput{SalesAndMarketingSpend: decimal.NewFromInt(-1)}, metrics.ErrNegative, "SalesAndMarketingSpend"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CAC(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, crm.CACInput{})
			if diff := cmp.Diff(tt.field, economicsErrField(err)); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if !got.IsZero() {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestCACProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spend := testkit.Money().Draw(t, "spend")
		n := rapid.IntRange(1, 10_000_000).Draw(t, "newCustomers")
		got, err := crm.CAC(crm.CACInput{SalesAndMarketingSpend: spend, NewCustomers: n})
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: spend / new customers in exact rationals.
		testkit.RequireRat(t, got, new(big.Rat).Quo(testkit.Rat(spend), testkit.RatInt(n)))
		// Within 0..spend.
		if got.Sign() < 0 || got.Cmp(spend) > 0 {
			t.Fatalf("CAC %s outside 0..%s", got, spend)
		}
		// Monotone: more spend never lowers CAC, more customers never raise it.
		more, err := crm.CAC(crm.CACInput{SalesAndMarketingSpend: spend.Add(decimal.New(1, -4)), NewCustomers: n})
		if err != nil || !economicsNotAbove(got, more) {
			t.Fatalf("CAC fell with more spend: %s -> %s (%v)", got, more, err)
		}
		cheaper, err := crm.CAC(crm.CACInput{SalesAndMarketingSpend: spend, NewCustomers: n + 1})
		if err != nil || !economicsNotAbove(cheaper, got) {
			t.Fatalf("CAC rose with more customers: %s -> %s (%v)", got, cheaper, err)
		}
	})
}

func FuzzCAC(f *testing.F) {
	f.Add(int64(100_000), int8(0), 500)
	f.Add(int64(0), int8(0), 0)
	f.Add(int64(-1), int8(3), 5)
	f.Add(int64(1), int8(-20), 3)
	f.Fuzz(func(t *testing.T, coef int64, exp int8, n int) {
		spend := testkit.FuzzDecimal(coef, exp)
		got, err := crm.CAC(crm.CACInput{SalesAndMarketingSpend: spend, NewCustomers: n})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.CACInput{})
			if !got.IsZero() {
				t.Fatalf("got %v with error %v", got, err)
			}
			return
		}
		if got.Sign() < 0 || got.Cmp(spend) > 0 {
			t.Fatalf("CAC %s outside 0..%s for %d customers", got, spend, n)
		}
	})
}

func TestLTVToCAC(t *testing.T) {
	tests := []struct {
		name     string
		ltv, cac string
		want     string
	}{
		{"example", "1920", "200", "9.6"},
		{"three to one", "600", "200", "3"},
		{"break even", "123.45", "123.45", "1"},
		{"no value", "0", "200", "0"},
		{"below one", "150", "200", "0.75"},
		{"repeating", "1", "3", "0.3333333333"},
		{"rounds half away from zero", "2", "3", "0.6666666667"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.LTVToCAC(crm.LTVToCACInput{LTV: decimal.RequireFromString(tt.ltv), CAC: decimal.RequireFromString(tt.cac)})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decimal.RequireFromString(tt.want), got); diff != "" {
				t.Errorf("LTVToCAC(%s / %s) (-want +got):\n%s", tt.ltv, tt.cac, diff)
			}
		})
	}
}

func TestLTVToCACErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.LTVToCACInput
		want  error
		field string
	}{
		{"zero value", crm.LTVToCACInput{}, metrics.ErrUndefined, "CAC"},
		{"free acquisition", crm.LTVToCACInput{LTV: decimal.NewFromInt(100)}, metrics.ErrUndefined, "CAC"},
		{"negative LTV", crm.LTVToCACInput{LTV: decimal.NewFromInt(-1), CAC: decimal.NewFromInt(5)}, metrics.ErrNegative, "LTV"},
		{"negative CAC", crm.LTVToCACInput{LTV: decimal.NewFromInt(1), CAC: decimal.NewFromInt(-5)}, metrics.ErrNegative, "CAC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.LTVToCAC(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, crm.LTVToCACInput{})
			if diff := cmp.Diff(tt.field, economicsErrField(err)); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if !got.IsZero() {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestLTVToCACProperties(t *testing.T) {
	positive := testkit.Money().Filter(func(d decimal.Decimal) bool { return d.Sign() > 0 })
	rapid.Check(t, func(t *rapid.T) {
		ltv := testkit.Money().Draw(t, "ltv")
		cac := positive.Draw(t, "cac")
		got, err := crm.LTVToCAC(crm.LTVToCACInput{LTV: ltv, CAC: cac})
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: LTV / CAC in exact rationals.
		testkit.RequireRat(t, got, new(big.Rat).Quo(testkit.Rat(ltv), testkit.Rat(cac)))
		// The ratio is at least 1 exactly when LTV covers CAC.
		if (got.Cmp(decimal.NewFromInt(1)) >= 0) != (ltv.Cmp(cac) >= 0) {
			// Rounding can only lift a ratio just below 1 to 1.
			if got.Cmp(decimal.NewFromInt(1)) != 0 {
				t.Fatalf("ratio %s disagrees with LTV %s vs CAC %s", got, ltv, cac)
			}
		}
		// A customer worth their own CAC is a ratio of exactly 1.
		one, err := crm.LTVToCAC(crm.LTVToCACInput{LTV: cac, CAC: cac})
		if err != nil || !one.Equal(decimal.NewFromInt(1)) {
			t.Fatalf("LTV = CAC gave %s (%v)", one, err)
		}
	})
}

func FuzzLTVToCAC(f *testing.F) {
	f.Add(int64(1920), int8(0), int64(200), int8(0))
	f.Add(int64(0), int8(0), int64(0), int8(0))
	f.Add(int64(-1), int8(3), int64(5), int8(-2))
	f.Add(int64(1), int8(-20), int64(3), int8(20))
	f.Fuzz(func(t *testing.T, ltvCoef int64, ltvExp int8, cacCoef int64, cacExp int8) {
		in := crm.LTVToCACInput{LTV: testkit.FuzzDecimal(ltvCoef, ltvExp), CAC: testkit.FuzzDecimal(cacCoef, cacExp)}
		got, err := crm.LTVToCAC(in)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.LTVToCACInput{})
			if !got.IsZero() {
				t.Fatalf("got %v with error %v", got, err)
			}
			return
		}
		if got.Sign() < 0 {
			t.Fatalf("negative ratio %s for %+v", got, in)
		}
	})
}

func TestCACPaybackMonths(t *testing.T) {
	tests := []struct {
		name   string
		cac    string
		arpa   string
		margin metrics.Percent
		want   string
	}{
		{"example", "200", "120", metrics.PercentInt(80), "2.0833333333"},
		{"whole months", "480", "120", metrics.PercentInt(80), "5"},
		{"full margin", "1000", "100", metrics.PercentInt(100), "10"},
		{"fractional margin", "50", "100", metrics.MustParsePercent("12.5"), "4"},
		{"nothing to repay", "0", "120", metrics.PercentInt(80), "0"},
		{"repeating", "100", "3", metrics.PercentInt(100), "33.3333333333"},
		{"rounds half away from zero", "200", "3", metrics.PercentInt(100), "66.6666666667"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := crm.CACPaybackInput{CAC: decimal.RequireFromString(tt.cac), ARPA: decimal.RequireFromString(tt.arpa), GrossMargin: tt.margin}
			got, err := crm.CACPaybackMonths(in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decimal.RequireFromString(tt.want), got); diff != "" {
				t.Errorf("CACPaybackMonths(%+v) (-want +got):\n%s", in, diff)
			}
		})
	}
}

func TestCACPaybackMonthsErrors(t *testing.T) {
	arpa, cac := decimal.NewFromInt(120), decimal.NewFromInt(200)
	tests := []struct {
		name  string
		in    crm.CACPaybackInput
		want  error
		field string
	}{
		{"zero value", crm.CACPaybackInput{}, metrics.ErrUndefined, "ARPA"},
		{"no revenue", crm.CACPaybackInput{CAC: cac, GrossMargin: metrics.PercentInt(80)}, metrics.ErrUndefined, "ARPA"},
		{"no margin", crm.CACPaybackInput{CAC: cac, ARPA: arpa}, metrics.ErrUndefined, "GrossMargin"},
		{"negative CAC", crm.CACPaybackInput{CAC: decimal.NewFromInt(-1), ARPA: arpa, GrossMargin: metrics.PercentInt(80)}, metrics.ErrNegative, "CAC"},
		{"negative ARPA", crm.CACPaybackInput{CAC: cac, ARPA: decimal.NewFromInt(-1), GrossMargin: metrics.PercentInt(80)}, metrics.ErrNegative, "ARPA"},
		{"margin above 100", crm.CACPaybackInput{CAC: cac, ARPA: arpa, GrossMargin: metrics.MustParsePercent("100.01")}, metrics.ErrOutOfRange, "GrossMargin"},
		{"negative margin", crm.CACPaybackInput{CAC: cac, ARPA: arpa, GrossMargin: metrics.PercentInt(-10)}, metrics.ErrOutOfRange, "GrossMargin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CACPaybackMonths(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, crm.CACPaybackInput{})
			if diff := cmp.Diff(tt.field, economicsErrField(err)); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if !got.IsZero() {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestCACPaybackMonthsProperties(t *testing.T) {
	positive := testkit.Money().Filter(func(d decimal.Decimal) bool { return d.Sign() > 0 })
	rapid.Check(t, func(t *rapid.T) {
		cac := testkit.Money().Draw(t, "cac")
		arpa := positive.Draw(t, "arpa")
		margin := testkit.Percent(1, 99).Draw(t, "grossMargin")
		got, err := crm.CACPaybackMonths(crm.CACPaybackInput{CAC: cac, ARPA: arpa, GrossMargin: margin})
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: CAC / (ARPA × margin / 100) in exact rationals.
		den := new(big.Rat).Mul(testkit.Rat(arpa), testkit.Rat(margin.Points()))
		den.Quo(den, big.NewRat(100, 1))
		testkit.RequireRat(t, got, new(big.Rat).Quo(testkit.Rat(cac), den))
		if got.Sign() < 0 {
			t.Fatalf("negative payback %s", got)
		}
		// Monotone: a higher margin never lengthens the payback.
		better := metrics.NewPercent(margin.Points().Add(decimal.NewFromInt(1)))
		faster, err := crm.CACPaybackMonths(crm.CACPaybackInput{CAC: cac, ARPA: arpa, GrossMargin: better})
		if err != nil || !economicsNotAbove(faster, got) {
			t.Fatalf("payback lengthened with a higher margin: %s -> %s (%v)", got, faster, err)
		}
		// At a 100% margin the payback is CAC / ARPA, as CAC computes a
		// quotient: the same rounding of the same rational.
		full, err := crm.CACPaybackMonths(crm.CACPaybackInput{CAC: cac, ARPA: arpa, GrossMargin: metrics.PercentInt(100)})
		if err != nil {
			t.Fatal(err)
		}
		ratio, err := crm.LTVToCAC(crm.LTVToCACInput{LTV: cac, CAC: arpa})
		if err != nil || !full.Equal(ratio) {
			t.Fatalf("payback at 100%% margin %s != CAC/ARPA %s (%v)", full, ratio, err)
		}
	})
}

func FuzzCACPaybackMonths(f *testing.F) {
	f.Add(int64(200), int8(0), int64(120), int8(0), int64(80), int8(0))
	f.Add(int64(0), int8(0), int64(0), int8(0), int64(0), int8(0))
	f.Add(int64(1), int8(-20), int64(3), int8(20), int64(101), int8(0))
	f.Add(int64(-1), int8(0), int64(-3), int8(0), int64(-5), int8(-1))
	f.Fuzz(func(t *testing.T, cacCoef int64, cacExp int8, arpaCoef int64, arpaExp int8, gmCoef int64, gmExp int8) {
		in := crm.CACPaybackInput{
			CAC:         testkit.FuzzDecimal(cacCoef, cacExp),
			ARPA:        testkit.FuzzDecimal(arpaCoef, arpaExp),
			GrossMargin: metrics.NewPercent(testkit.FuzzDecimal(gmCoef, gmExp)),
		}
		got, err := crm.CACPaybackMonths(in)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.CACPaybackInput{})
			if !got.IsZero() {
				t.Fatalf("got %v with error %v", got, err)
			}
			return
		}
		if got.Sign() < 0 {
			t.Fatalf("negative payback %s for %+v", got, in)
		}
	})
}
