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

// 200 subscriptions came up for renewal this quarter and 170 renewed.
func ExampleRenewalRate() {
	renewal, err := crm.RenewalRate(crm.RenewalInput{UpForRenewal: 200, Renewed: 170})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(renewal)
	// Output:
	// 85%
}

func ExampleRenewalRate_error() {
	_, err := crm.RenewalRate(crm.RenewalInput{})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	// Output:
	// crm.RenewalRate: UpForRenewal 0 is zero: undefined for this input
	// true
}

func TestRenewalRate(t *testing.T) {
	tests := []struct {
		name string
		in   crm.RenewalInput
		want metrics.Percent
	}{
		{"85 percent", crm.RenewalInput{UpForRenewal: 200, Renewed: 170}, metrics.PercentInt(85)},
		{"none renewed", crm.RenewalInput{UpForRenewal: 4}, metrics.PercentInt(0)},
		{"all renewed", crm.RenewalInput{UpForRenewal: 4, Renewed: 4}, metrics.PercentInt(100)},
		{"fraction", crm.RenewalInput{UpForRenewal: 16, Renewed: 1}, metrics.MustParsePercent("6.25")},
		{"repeating", crm.RenewalInput{UpForRenewal: 7, Renewed: 1}, metrics.MustParsePercent("14.2857142857")},
		{"sixths, rounded down", crm.RenewalInput{UpForRenewal: 6, Renewed: 5}, metrics.MustParsePercent("83.3333333333")},
		{"sevenths, rounded down", crm.RenewalInput{UpForRenewal: 7, Renewed: 2}, metrics.MustParsePercent("28.5714285714")},
		{"ninths, rounded up", crm.RenewalInput{UpForRenewal: 9, Renewed: 8}, metrics.MustParsePercent("88.8888888889")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.RenewalRate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("RenewalRate(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestRenewalRateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.RenewalInput
		want  error
		field string
	}{
		{"zero value", crm.RenewalInput{}, metrics.ErrUndefined, "UpForRenewal"},
		{"negative up for renewal", crm.RenewalInput{UpForRenewal: -3}, metrics.ErrNegative, "UpForRenewal"},
		{"negative renewed", crm.RenewalInput{UpForRenewal: 3, Renewed: -1}, metrics.ErrNegative, "Renewed"},
		{"renewed above up for renewal", crm.RenewalInput{UpForRenewal: 3, Renewed: 4}, metrics.ErrInconsistent, "Renewed"},
		{"renewed with none up", crm.RenewalInput{Renewed: 4}, metrics.ErrUndefined, "UpForRenewal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.RenewalRate(tt.in)
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

func TestRenewalRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		up := rapid.IntRange(1, 1_000_000).Draw(t, "up")
		renewed := rapid.IntRange(0, up).Draw(t, "renewed")
		got, err := crm.RenewalRate(crm.RenewalInput{UpForRenewal: up, Renewed: renewed})
		if err != nil {
			t.Fatal(err)
		}
		if got.Sign() < 0 || got.Cmp(metrics.PercentInt(100)) > 0 {
			t.Fatalf("renewal %v outside 0..100", got)
		}
		// Oracle: renewed/up × 100 in exact rationals.
		testkit.RequireRat(t, got.Points(), new(big.Rat).SetFrac64(int64(renewed)*100, int64(up)))
		// Renewed and not renewed add up to 100 exactly.
		lapsed, err := crm.RenewalRate(crm.RenewalInput{UpForRenewal: up, Renewed: up - renewed})
		if err != nil {
			t.Fatal(err)
		}
		if sum := got.Points().Add(lapsed.Points()); !sum.Equal(metrics.PercentInt(100).Points()) {
			t.Fatalf("renewed %v + lapsed %v = %s, want 100", got, lapsed, sum.String())
		}
		// Monotone: one more renewal never lowers the rate.
		if renewed < up {
			more, err := crm.RenewalRate(crm.RenewalInput{UpForRenewal: up, Renewed: renewed + 1})
			if err != nil || more.Cmp(got) <= 0 {
				t.Fatalf("renewal did not rise: %v -> %v (%v)", got, more, err)
			}
		}
	})
}

func FuzzRenewalRate(f *testing.F) {
	f.Add(200, 170)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(3, 4)
	f.Fuzz(func(t *testing.T, up, renewed int) {
		got, err := crm.RenewalRate(crm.RenewalInput{UpForRenewal: up, Renewed: renewed})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if !got.IsZero() {
				t.Fatalf("got %v with error %v", got, err)
			}
			return
		}
		if got.Sign() < 0 || got.Cmp(metrics.PercentInt(100)) > 0 {
			t.Fatalf("renewal %v outside 0..100 for %d/%d", got, renewed, up)
		}
	})
}
