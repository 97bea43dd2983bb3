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
	"pgregory.net/rapid"
)

// Seed 004: a company starts the month with 500 customers and loses 25.
func ExampleChurnRate() {
	churn, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 500, CustomersLost: 25})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(churn)
	fmt.Println(churn.Fraction())
	// Output:
	// 5%
	// 0.05
}

func ExampleChurnRate_error() {
	_, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 500, CustomersLost: 600})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrInconsistent))
	// Output:
	// crm.ChurnRate: CustomersLost 600 exceeds CustomersAtStart 500: inconsistent input
	// true
}

func TestChurnRate(t *testing.T) {
	tests := []struct {
		name string
		in   crm.ChurnInput
		want metrics.Percent
	}{
		{"seed 004", crm.ChurnInput{CustomersAtStart: 500, CustomersLost: 25}, metrics.PercentInt(5)},
		{"no loss", crm.ChurnInput{CustomersAtStart: 10}, metrics.PercentInt(0)},
		{"all lost", crm.ChurnInput{CustomersAtStart: 7, CustomersLost: 7}, metrics.PercentInt(100)},
		{"repeating", crm.ChurnInput{CustomersAtStart: 3, CustomersLost: 1}, metrics.MustParsePercent("33.3333333333")},
		{"rounds half away from zero", crm.ChurnInput{CustomersAtStart: 3, CustomersLost: 2}, metrics.MustParsePercent("66.6666666667")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.ChurnRate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ChurnRate(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestChurnRateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.ChurnInput
		want  error
		field string
	}{
		{"zero value", crm.ChurnInput{}, metrics.ErrUndefined, "CustomersAtStart"},
		{"negative start", crm.ChurnInput{CustomersAtStart: -1}, metrics.ErrNegative, "CustomersAtStart"},
		{"negative lost", crm.ChurnInput{CustomersAtStart: 5, CustomersLost: -1}, metrics.ErrNegative, "CustomersLost"},
		{"lost above start", crm.ChurnInput{CustomersAtStart: 5, CustomersLost: 6}, metrics.ErrInconsistent, "CustomersLost"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.ChurnRate(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, tt.in)
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if !got.IsZero() {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestChurnRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		start := rapid.IntRange(1, 1_000_000).Draw(t, "start")
		lost := rapid.IntRange(0, start).Draw(t, "lost")
		got, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: start, CustomersLost: lost})
		if err != nil {
			t.Fatal(err)
		}
		// Within 0..100.
		if got.Sign() < 0 || got.Cmp(metrics.PercentInt(100)) > 0 {
			t.Fatalf("churn %v outside 0..100", got)
		}
		// Oracle: lost/start × 100 in exact rationals.
		testkit.RequireRat(t, got.Points(), new(big.Rat).SetFrac64(int64(lost)*100, int64(start)))
		// Monotone: losing one more customer never lowers churn.
		if lost < start {
			more, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: start, CustomersLost: lost + 1})
			if err != nil || more.Cmp(got) <= 0 {
				t.Fatalf("churn did not rise: %v -> %v (%v)", got, more, err)
			}
		}
	})
}

func FuzzChurnRate(f *testing.F) {
	f.Add(500, 25)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(5, 6)
	f.Fuzz(func(t *testing.T, start, lost int) {
		got, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: start, CustomersLost: lost})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Sign() < 0 || got.Cmp(metrics.PercentInt(100)) > 0 {
			t.Fatalf("churn %v outside 0..100 for %d/%d", got, lost, start)
		}
	})
}
