package crm_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// A weekly plan of 10 is 10 × 52 / 12 = 43.33... a month, rounded at the
// 10th digit; a yearly plan of 1,200 is exactly 100 a month; a quarterly plan
// of 90 is exactly 30.
func ExampleSubscription_MRR() {
	for _, s := range []crm.Subscription{
		{CustomerID: "acme", Amount: decimal.NewFromInt(10), Interval: crm.BillingWeekly},
		{CustomerID: "acme", Amount: decimal.NewFromInt(1200), Interval: crm.BillingYearly},
		{CustomerID: "acme", Amount: decimal.NewFromInt(90), Interval: crm.BillingQuarterly},
	} {
		mrr, err := s.MRR()
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(s.Interval, s.Amount, "->", mrr)
	}
	// Output:
	// weekly 10 -> 43.3333333333
	// yearly 1200 -> 100
	// quarterly 90 -> 30
}

func ExampleBillingInterval_String() {
	fmt.Println(crm.BillingMonthly, crm.BillingYearly, crm.BillingInterval(0))
	// Output:
	// monthly yearly BillingInterval(0)
}

// A subscription in JSON: snake_case keys, the amount as a string and the
// interval as text.
func ExampleBillingInterval_MarshalText() {
	s := crm.Subscription{CustomerID: "acme", Amount: decimal.RequireFromString("49.90"), Interval: crm.BillingMonthly,
		Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Currency: "EUR"}
	b, err := json.Marshal(s)
	fmt.Println(string(b), err)
	var back crm.Subscription
	err = json.Unmarshal([]byte(`{"customer_id":"acme","amount":"12","interval":"fortnightly"}`), &back)
	fmt.Println(err)
	// Output:
	// {"customer_id":"acme","amount":"49.9","interval":"monthly","start":"2026-01-01T00:00:00Z","currency":"EUR"} <nil>
	// crm.BillingInterval.UnmarshalText: text "fortnightly" is not weekly, monthly, quarterly or yearly: invalid value
}

func TestBillingIntervalText(t *testing.T) {
	for _, b := range []crm.BillingInterval{crm.BillingWeekly, crm.BillingMonthly, crm.BillingQuarterly, crm.BillingYearly} {
		text, err := b.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(b.String(), string(text)); diff != "" {
			t.Errorf("MarshalText (-want +got):\n%s", diff)
		}
		var back crm.BillingInterval
		if err := back.UnmarshalText(text); err != nil || back != b {
			t.Errorf("UnmarshalText(%q) = %v, %v", text, back, err)
		}
	}
	t.Run("errors", func(t *testing.T) {
		for _, b := range []crm.BillingInterval{0, 5, -1} {
			_, err := b.MarshalText()
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			testkit.RequireFieldOf(t, err, struct{ BillingInterval crm.BillingInterval }{})
		}
		for _, text := range []string{"", "Monthly", "monthly ", "annual", "BillingInterval(2)"} {
			b := crm.BillingYearly
			err := b.UnmarshalText([]byte(text))
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			testkit.RequireFieldOf(t, err, struct{ text string }{})
			if b != crm.BillingYearly {
				t.Errorf("UnmarshalText(%q) changed the value to %v", text, b)
			}
		}
	})
}

func TestSubscriptionJSON(t *testing.T) {
	tests := []crm.Subscription{
		{CustomerID: "acme", Amount: decimal.RequireFromString("49.90"), Interval: crm.BillingWeekly,
			Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 1, 12, 0, 0, 5, time.UTC), Currency: "USD"},
		{CustomerID: "b", Amount: decimal.Zero, Interval: crm.BillingYearly, Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Currency: "EUR"},
	}
	for _, s := range tests {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back crm.Subscription
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(s, back, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })); diff != "" {
			t.Errorf("round trip of %s (-want +got):\n%s", b, diff)
		}
	}
}

func FuzzBillingIntervalUnmarshalText(f *testing.F) {
	f.Add("monthly")
	f.Add("x")
	f.Fuzz(func(t *testing.T, text string) {
		var b crm.BillingInterval
		if err := b.UnmarshalText([]byte(text)); err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			return
		}
		if b.String() != text {
			t.Fatalf("UnmarshalText(%q) = %v", text, b)
		}
	})
}

func TestBillingIntervalString(t *testing.T) {
	tests := []struct {
		in   crm.BillingInterval
		want string
	}{
		{crm.BillingWeekly, "weekly"},
		{crm.BillingMonthly, "monthly"},
		{crm.BillingQuarterly, "quarterly"},
		{crm.BillingYearly, "yearly"},
		{0, "BillingInterval(0)"},
		{5, "BillingInterval(5)"},
		{-1, "BillingInterval(-1)"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.in.String()); diff != "" {
			t.Errorf("BillingInterval(%d).String() (-want +got):\n%s", int(tt.in), diff)
		}
	}
}

func TestSubscriptionMRR(t *testing.T) {
	tests := []struct {
		name     string
		amount   string
		interval crm.BillingInterval
		want     string
	}{
		{"weekly repeating", "10", crm.BillingWeekly, "43.3333333333"},          // 520/12
		{"weekly rounds up", "5", crm.BillingWeekly, "21.6666666667"},           // 260/12
		{"weekly exact", "12", crm.BillingWeekly, "52"},                         // 624/12
		{"weekly exact cents", "0.03", crm.BillingWeekly, "0.13"},               // 1.56/12
		{"monthly", "99.99", crm.BillingMonthly, "99.99"},                       //
		{"monthly keeps digits", "0.000000000001", crm.BillingMonthly, "1e-12"}, // nothing to round
		{"quarterly repeating", "100", crm.BillingQuarterly, "33.3333333333"},   // 100/3
		{"quarterly exact", "0.03", crm.BillingQuarterly, "0.01"},               //
		{"yearly exact", "1200", crm.BillingYearly, "100"},                      //
		{"yearly terminating", "0.06", crm.BillingYearly, "0.005"},              // 6/1200
		{"yearly repeating", "1", crm.BillingYearly, "0.0833333333"},            // 1/12
		{"yearly 11 digits exact", "0.000000003", crm.BillingYearly, "2.5e-10"}, // 3e-9/12 terminates
		{"yearly tiny rounds up", "0.000000001", crm.BillingYearly, "1e-10"},    // 8.33e-11
		{"yearly tiny rounds to zero", "0.00000000001", crm.BillingYearly, "0"}, // 8.33e-13
		{"free plan", "0", crm.BillingMonthly, "0"},
		{"zero value amount", "", crm.BillingYearly, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := crm.Subscription{Interval: tt.interval}
			if tt.amount != "" {
				s.Amount = decimal.RequireFromString(tt.amount)
			}
			got, err := s.MRR()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decimal.RequireFromString(tt.want), got); diff != "" {
				t.Errorf("MRR of %s %s (-want +got):\n%s", tt.amount, tt.interval, diff)
			}
		})
	}
}

func TestSubscriptionMRRErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.Subscription
		want  error
		field string
	}{
		{"zero value", crm.Subscription{}, metrics.ErrInvalid, "Interval"},
		{"negative amount", crm.Subscription{Amount: decimal.NewFromInt(-1), Interval: crm.BillingMonthly}, metrics.ErrNegative, "Amount"},
		{"interval above yearly", crm.Subscription{Amount: decimal.NewFromInt(1), Interval: 5}, metrics.ErrInvalid, "Interval"},
		{"negative interval", crm.Subscription{Amount: decimal.NewFromInt(1), Interval: -1}, metrics.ErrInvalid, "Interval"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.MRR()
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, tt.in)
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if !got.Equal(decimal.Decimal{}) {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

// subsMonthlyFactor is the normalisation rule, written independently of the
// library: the number of months one billing interval lasts, inverted.
func subsMonthlyFactor(i crm.BillingInterval) *big.Rat {
	switch i {
	case crm.BillingWeekly:
		return big.NewRat(52, 12)
	case crm.BillingMonthly:
		return big.NewRat(1, 1)
	case crm.BillingQuarterly:
		return big.NewRat(1, 3)
	case crm.BillingYearly:
		return big.NewRat(1, 12)
	}
	panic("no factor for " + i.String())
}

func TestSubscriptionMRRProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		amount := testkit.Money().Draw(t, "amount")
		interval := crm.BillingInterval(rapid.IntRange(1, 4).Draw(t, "interval"))
		s := crm.Subscription{Amount: amount, Interval: interval}
		got, err := s.MRR()
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: Amount × months per interval⁻¹, rounded once.
		testkit.RequireRat(t, got, new(big.Rat).Mul(amount.Rat(), subsMonthlyFactor(interval)))
		// Twelve months of a yearly plan's MRR never exceed the yearly
		// amount by more than the rounding.
		if interval == crm.BillingYearly {
			diff := got.Mul(decimal.NewFromInt(12)).Sub(amount).Abs()
			if diff.GreaterThan(decimal.New(6, -10)) {
				t.Fatalf("12 × %v is %v away from %v", got, diff, amount)
			}
		}
		// More amount never lowers MRR.
		more, err := crm.Subscription{Amount: amount.Add(decimal.New(1, -4)), Interval: interval}.MRR()
		if err != nil || more.LessThan(got) {
			t.Fatalf("MRR fell from %v to %v (%v)", got, more, err)
		}
	})
}

func FuzzSubscriptionMRR(f *testing.F) {
	f.Add(int64(10), int8(0), 1)
	f.Add(int64(1), int8(-9), 4)
	f.Add(int64(-5), int8(2), 2)
	f.Add(int64(7), int8(3), 0)
	f.Fuzz(func(t *testing.T, coef int64, exp int8, interval int) {
		s := crm.Subscription{Amount: testkit.FuzzDecimal(coef, exp), Interval: crm.BillingInterval(interval)}
		got, err := s.MRR()
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Sign() < 0 {
			t.Fatalf("MRR %v of %v %v is negative", got, s.Amount, s.Interval)
		}
		testkit.RequireRat(t, got, new(big.Rat).Mul(s.Amount.Rat(), subsMonthlyFactor(s.Interval)))
	})
}

// TestFastUnitsProperties checks the fixed-point arithmetic of the fast path
// of MRRLedger.Add against Subscription.MRR's decimal rule:
// when it answers, it answers the same value in units of 10^−10, and it
// answers whenever the amounts are ordinary.
func TestFastUnitsProperties(t *testing.T) {
	two64 := new(big.Int).Lsh(big.NewInt(1), 64)
	rapid.Check(t, func(t *rapid.T) {
		amount := decimal.New(rapid.Int64Range(0, 1e18).Draw(t, "amount"), int32(rapid.IntRange(-22, 22).Draw(t, "amount exp")))
		rate := decimal.New(rapid.Int64Range(1, 1e18).Draw(t, "rate"), int32(rapid.IntRange(-22, 22).Draw(t, "rate exp")))
		if rapid.Bool().Draw(t, "ordinary") {
			amount = decimal.New(rapid.Int64Range(0, 1e9).Draw(t, "cents"), -2)
			rate = decimal.New(rapid.Int64Range(1, 1e6).Draw(t, "rate"), -int32(rapid.IntRange(0, 6).Draw(t, "rate places")))
		}
		interval := crm.BillingInterval(rapid.IntRange(1, 4).Draw(t, "interval"))
		units, ok, want := crm.FastUnits(amount, rate, interval)
		if ok {
			if got := decimal.NewFromBigInt(new(big.Int).SetUint64(units), -10); !got.Equal(want) {
				t.Fatalf("%v × %v %v: fast %v, decimal %v", amount, rate, interval, got, want)
			}
			return
		}
		// Refusing is allowed only for what 64 bits of 10^−10 cannot hold,
		// or for amounts beyond 18 digits and 8 places.
		scaled := want.Shift(10)
		ordinary := amount.NumDigits() <= 18 && rate.NumDigits() <= 18 &&
			amount.Exponent()+rate.Exponent() >= -8 && amount.Exponent()+rate.Exponent() <= 8 &&
			new(big.Int).Mul(new(big.Int).Mul(amount.Coefficient(), rate.Coefficient()), big.NewInt(13)).Cmp(two64) < 0
		if ordinary && scaled.IsInteger() && scaled.BigInt().Cmp(two64) < 0 {
			t.Fatalf("%v × %v %v = %v refused", amount, rate, interval, want)
		}
	})
}
