package crm_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// supportRate adapts a part-of-whole rate metric to its two counts.
type supportRate func(part, whole int) (metrics.Percent, error)

// supportRateCase is a success case of a part-of-whole rate.
type supportRateCase struct {
	name        string
	part, whole int
	want        metrics.Percent
}

// supportRateErrorCase is an error case of a part-of-whole rate.
type supportRateErrorCase struct {
	name        string
	part, whole int
	want        error
	field       string
}

// supportRunRate runs a success table of a rate metric.
func supportRunRate(t *testing.T, f supportRate, tests []supportRateCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f(tt.part, tt.whole)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rate(%d of %d) (-want +got):\n%s", tt.part, tt.whole, diff)
			}
		})
	}
}

// supportRunRateErrors runs an error table of a rate metric: each case must
// fail with its sentinel, name its field and return the zero Percent.
func supportRunRateErrors(t *testing.T, f supportRate, in any, tests []supportRateErrorCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f(tt.part, tt.whole)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, in)
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(metrics.Percent{}, got); diff != "" {
				t.Errorf("result with an error (-want +got):\n%s", diff)
			}
		})
	}
}

// supportMaxWhole bounds the wholes of the rate properties: up to 10¹², one
// more in the part moves the rate by at least 10⁻¹⁰ points, one digit at
// metrics.Scale, so rounding cannot hide the step.
//
// On a 32-bit machine it is math.MaxInt/1000, so that the scaled counts
// (k ≤ 1000 times) still fit an int.
const supportMaxWhole = min(1_000_000_000_000, math.MaxInt/1000)

// supportRateProperties checks a part-of-whole rate over counts with
// 0 ≤ part ≤ whole − gap (gap is 1 when the part must stay below the whole):
// the range, the big.Rat oracle, monotonicity in both counts, invariance
// under scaling both counts, and the complement identity
// rate(part) + rate(whole − part) = 100.
func supportRateProperties(t *rapid.T, f supportRate, gap int) {
	whole := rapid.OneOf(rapid.IntRange(1+gap, 1000), rapid.IntRange(1+gap, supportMaxWhole)).Draw(t, "whole")
	part := rapid.IntRange(0, whole-gap).Draw(t, "part")
	got, err := f(part, whole)
	if err != nil {
		t.Fatal(err)
	}
	// Within 0..100.
	if got.Sign() < 0 || got.Cmp(metrics.PercentInt(100)) > 0 {
		t.Fatalf("rate %v outside 0..100", got)
	}
	// Oracle: part/whole × 100 in exact rationals.
	testkit.RequireRat(t, got.Points(), new(big.Rat).SetFrac64(int64(part)*100, int64(whole)))
	// Monotone: one more in the part raises the rate; one more in the whole never does.
	if part+gap < whole {
		more, err := f(part+1, whole)
		if err != nil || more.Cmp(got) <= 0 {
			t.Fatalf("rate did not rise with the part: %v -> %v (%v)", got, more, err)
		}
	}
	// Compared at metrics.Scale: an exact rate with more digits (2 of 2³⁰ is
	// 0.000000186264514923095703125%) can lie below the next whole's rounded
	// rate (2 of 2³⁰+1 is 0.0000001863%), though never by half a digit.
	bigger, err := f(part, whole+1)
	if err != nil || bigger.Round(metrics.Scale).Cmp(got.Round(metrics.Scale)) > 0 {
		t.Fatalf("rate rose with the whole: %v -> %v (%v)", got, bigger, err)
	}
	// Scaling both counts changes nothing.
	k := rapid.IntRange(2, 1000).Draw(t, "k")
	scaled, err := f(part*k, whole*k)
	if err != nil || !scaled.Equal(got) {
		t.Fatalf("rate of %d×(%d of %d) = %v, want %v (%v)", k, part, whole, scaled, got, err)
	}
	// Complement: the parts in and out of the rate add up to 100 exactly,
	// rounding included (a non-terminating quotient is never a tie).
	if whole-part <= whole-gap {
		rest, err := f(whole-part, whole)
		if err != nil {
			t.Fatal(err)
		}
		if sum := got.Points().Add(rest.Points()); !sum.Equal(decimal.NewFromInt(100)) {
			t.Fatalf("rate(%d of %d) + rate(%d of %d) = %v, want 100", part, whole, whole-part, whole, sum)
		}
	}
}

// supportFuzzRate checks one fuzz input of a rate metric.
func supportFuzzRate(t *testing.T, f supportRate, in any, part, whole int) {
	got, err := f(part, whole)
	if err != nil {
		testkit.RequireFieldOf(t, err, in)
		if !got.IsZero() {
			t.Fatalf("got %v with an error", got)
		}
		return
	}
	if got.Sign() < 0 || got.Cmp(metrics.PercentInt(100)) > 0 {
		t.Fatalf("rate %v outside 0..100 for %d of %d", got, part, whole)
	}
	testkit.RequireRat(t, got.Points(), new(big.Rat).Mul(big.NewRat(int64(part), int64(whole)), big.NewRat(100, 1)))
}

func supportResponseRate(part, whole int) (metrics.Percent, error) {
	return crm.SupportResponseRate(crm.SupportResponseInput{RequestsReceived: whole, RequestsAnswered: part})
}

// A support desk received 80 requests in a week and answered 72 of them.
func ExampleSupportResponseRate() {
	rate, err := crm.SupportResponseRate(crm.SupportResponseInput{RequestsReceived: 80, RequestsAnswered: 72})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate)
	// Output:
	// 90%
}

func TestSupportResponseRate(t *testing.T) {
	supportRunRate(t, supportResponseRate, []supportRateCase{
		{"72 of 80", 72, 80, metrics.PercentInt(90)},
		{"none answered", 0, 7, metrics.PercentInt(0)},
		{"all answered", 7, 7, metrics.PercentInt(100)},
		{"one in eight", 1, 8, metrics.MustParsePercent("12.5")},
		{"one in three", 1, 3, metrics.MustParsePercent("33.3333333333")},
		{"two in three rounds up", 2, 3, metrics.MustParsePercent("66.6666666667")},
		{"one in seven", 1, 7, metrics.MustParsePercent("14.2857142857")},
	})
}

func TestSupportResponseRateErrors(t *testing.T) {
	supportRunRateErrors(t, supportResponseRate, crm.SupportResponseInput{}, []supportRateErrorCase{
		{"zero value", 0, 0, metrics.ErrUndefined, "RequestsReceived"},
		{"negative received", 0, -1, metrics.ErrNegative, "RequestsReceived"},
		{"negative answered", -1, 5, metrics.ErrNegative, "RequestsAnswered"},
		{"answered above received", 6, 5, metrics.ErrInconsistent, "RequestsAnswered"},
		{"answered without requests", 3, 0, metrics.ErrUndefined, "RequestsReceived"},
	})
}

func TestSupportResponseRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) { supportRateProperties(t, supportResponseRate, 0) })
}

func FuzzSupportResponseRate(f *testing.F) {
	f.Add(72, 80)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(6, 5)
	f.Add(math.MaxInt, math.MaxInt)
	f.Fuzz(func(t *testing.T, answered, received int) {
		supportFuzzRate(t, supportResponseRate, crm.SupportResponseInput{}, answered, received)
	})
}

// A support team closed 42 cases in a five-day working week.
func ExampleCasesClosedPerDay() {
	perDay, err := crm.CasesClosedPerDay(crm.CasesClosedInput{CasesClosed: 42, Days: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(perDay)
	// Output:
	// 8.4
}

func TestCasesClosedPerDay(t *testing.T) {
	tests := []struct {
		name string
		in   crm.CasesClosedInput
		want decimal.Decimal
	}{
		{"working week", crm.CasesClosedInput{CasesClosed: 42, Days: 5}, decimal.RequireFromString("8.4")},
		{"whole month", crm.CasesClosedInput{CasesClosed: 150, Days: 30}, decimal.NewFromInt(5)},
		{"none closed", crm.CasesClosedInput{Days: 30}, decimal.Zero},
		{"one day", crm.CasesClosedInput{CasesClosed: 17, Days: 1}, decimal.NewFromInt(17)},
		{"long exact quotient", crm.CasesClosedInput{CasesClosed: 7, Days: 64}, decimal.RequireFromString("0.109375")},
		{"thirds", crm.CasesClosedInput{CasesClosed: 10, Days: 3}, decimal.RequireFromString("3.3333333333")},
		{"thirds round up", crm.CasesClosedInput{CasesClosed: 20, Days: 3}, decimal.RequireFromString("6.6666666667")},
		{"one in a month", crm.CasesClosedInput{CasesClosed: 1, Days: 30}, decimal.RequireFromString("0.0333333333")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CasesClosedPerDay(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CasesClosedPerDay(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestCasesClosedPerDayErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.CasesClosedInput
		want  error
		field string
	}{
		{"zero value", crm.CasesClosedInput{}, metrics.ErrUndefined, "Days"},
		{"cases in no time", crm.CasesClosedInput{CasesClosed: 4}, metrics.ErrUndefined, "Days"},
		{"negative days", crm.CasesClosedInput{CasesClosed: 4, Days: -1}, metrics.ErrNegative, "Days"},
		{"negative cases", crm.CasesClosedInput{CasesClosed: -4, Days: 5}, metrics.ErrNegative, "CasesClosed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CasesClosedPerDay(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, crm.CasesClosedInput{})
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(decimal.Decimal{}, got); diff != "" {
				t.Errorf("result with an error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCasesClosedPerDayProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		days := rapid.IntRange(1, 100_000).Draw(t, "days")
		cases := rapid.OneOf(rapid.IntRange(0, 1000), rapid.IntRange(0, min(1<<40, math.MaxInt/1000))).Draw(t, "cases")
		got, err := crm.CasesClosedPerDay(crm.CasesClosedInput{CasesClosed: cases, Days: days})
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: cases/days in exact rationals.
		testkit.RequireRat(t, got, big.NewRat(int64(cases), int64(days)))
		// Not negative, and at most the cases closed.
		if got.Sign() < 0 || got.Cmp(decimal.NewFromInt(int64(cases))) > 0 {
			t.Fatalf("%v per day outside 0..%d", got, cases)
		}
		// Monotone: one more case raises the rate; one more day never does.
		more, err := crm.CasesClosedPerDay(crm.CasesClosedInput{CasesClosed: cases + 1, Days: days})
		if err != nil || more.Cmp(got) <= 0 {
			t.Fatalf("rate did not rise with a case more: %v -> %v (%v)", got, more, err)
		}
		longer, err := crm.CasesClosedPerDay(crm.CasesClosedInput{CasesClosed: cases, Days: days + 1})
		if err != nil || longer.Round(metrics.Scale).Cmp(got.Round(metrics.Scale)) > 0 {
			t.Fatalf("rate rose with a day more: %v -> %v (%v)", got, longer, err)
		}
		// The same pace over k times the period gives the same rate.
		k := rapid.IntRange(2, 1000).Draw(t, "k")
		scaled, err := crm.CasesClosedPerDay(crm.CasesClosedInput{CasesClosed: cases * k, Days: days * k})
		if err != nil || !scaled.Equal(got) {
			t.Fatalf("%d×: %v, want %v (%v)", k, scaled, got, err)
		}
		// A steady n cases a day gives n exactly.
		n := rapid.IntRange(0, 10_000).Draw(t, "n")
		steady, err := crm.CasesClosedPerDay(crm.CasesClosedInput{CasesClosed: n * days, Days: days})
		if err != nil || !steady.Equal(decimal.NewFromInt(int64(n))) {
			t.Fatalf("%d a day for %d days gives %v (%v)", n, days, steady, err)
		}
	})
}

func FuzzCasesClosedPerDay(f *testing.F) {
	f.Add(42, 5)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(5, -1)
	f.Add(math.MaxInt, 3)
	f.Fuzz(func(t *testing.T, cases, days int) {
		got, err := crm.CasesClosedPerDay(crm.CasesClosedInput{CasesClosed: cases, Days: days})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.CasesClosedInput{})
			if !got.Equal(decimal.Decimal{}) {
				t.Fatalf("got %v with an error", got)
			}
			return
		}
		if got.Sign() < 0 || got.Cmp(decimal.NewFromInt(int64(cases))) > 0 {
			t.Fatalf("%v per day outside 0..%d", got, cases)
		}
		testkit.RequireRat(t, got, big.NewRat(int64(cases), int64(days)))
	})
}
