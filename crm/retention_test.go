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

// Seed 004's company starts the month with 500 customers and loses 25 of
// them; it also wins 40 new ones, so it ends the month with 515.
func ExampleRetentionRate() {
	retention, err := crm.RetentionRate(crm.RetentionInput{
		CustomersAtStart: 500,
		CustomersAtEnd:   515,
		NewCustomers:     40,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	churn, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 500, CustomersLost: 25})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(retention)
	fmt.Println(churn)
	// Output:
	// 95%
	// 5%
}

func ExampleRetentionRate_error() {
	_, err := crm.RetentionRate(crm.RetentionInput{CustomersAtStart: 500, CustomersAtEnd: 560, NewCustomers: 40})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrInconsistent))
	// Output:
	// crm.RetentionRate: CustomersAtEnd 560 minus NewCustomers 40 exceeds CustomersAtStart 500: inconsistent input
	// true
}

func TestRetentionRate(t *testing.T) {
	tests := []struct {
		name string
		in   crm.RetentionInput
		want metrics.Percent
	}{
		{"seed 004 with 40 new", crm.RetentionInput{CustomersAtStart: 500, CustomersAtEnd: 515, NewCustomers: 40}, metrics.PercentInt(95)},
		{"no new customers", crm.RetentionInput{CustomersAtStart: 200, CustomersAtEnd: 150}, metrics.PercentInt(75)},
		{"all kept", crm.RetentionInput{CustomersAtStart: 8, CustomersAtEnd: 8}, metrics.PercentInt(100)},
		{"all kept plus new", crm.RetentionInput{CustomersAtStart: 8, CustomersAtEnd: 20, NewCustomers: 12}, metrics.PercentInt(100)},
		{"none kept", crm.RetentionInput{CustomersAtStart: 8, CustomersAtEnd: 5, NewCustomers: 5}, metrics.PercentInt(0)},
		{"none kept, none new", crm.RetentionInput{CustomersAtStart: 8}, metrics.PercentInt(0)},
		{"fraction", crm.RetentionInput{CustomersAtStart: 8, CustomersAtEnd: 10, NewCustomers: 3}, metrics.MustParsePercent("87.5")},
		{"repeating", crm.RetentionInput{CustomersAtStart: 3, CustomersAtEnd: 1}, metrics.MustParsePercent("33.3333333333")},
		{"thirds, rounded up", crm.RetentionInput{CustomersAtStart: 3, CustomersAtEnd: 4, NewCustomers: 2}, metrics.MustParsePercent("66.6666666667")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.RetentionRate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("RetentionRate(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestRetentionRateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.RetentionInput
		want  error
		field string
	}{
		{"zero value", crm.RetentionInput{}, metrics.ErrUndefined, "CustomersAtStart"},
		{"zero start with customers at end", crm.RetentionInput{CustomersAtEnd: 5, NewCustomers: 5}, metrics.ErrUndefined, "CustomersAtStart"},
		{"negative start", crm.RetentionInput{CustomersAtStart: -1}, metrics.ErrNegative, "CustomersAtStart"},
		{"negative end", crm.RetentionInput{CustomersAtStart: 5, CustomersAtEnd: -1}, metrics.ErrNegative, "CustomersAtEnd"},
		{"negative new", crm.RetentionInput{CustomersAtStart: 5, CustomersAtEnd: 5, NewCustomers: -1}, metrics.ErrNegative, "NewCustomers"},
		{"new above end", crm.RetentionInput{CustomersAtStart: 5, CustomersAtEnd: 3, NewCustomers: 4}, metrics.ErrInconsistent, "NewCustomers"},
		{"kept above start", crm.RetentionInput{CustomersAtStart: 5, CustomersAtEnd: 9, NewCustomers: 3}, metrics.ErrInconsistent, "CustomersAtEnd"},
		{"end above start, no new", crm.RetentionInput{CustomersAtStart: 5, CustomersAtEnd: 6}, metrics.ErrInconsistent, "CustomersAtEnd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.RetentionRate(tt.in)
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

func TestRetentionRateProperties(t *testing.T) {
	hundred := metrics.PercentInt(100)
	rapid.Check(t, func(t *rapid.T) {
		start := rapid.IntRange(1, 1_000_000).Draw(t, "start")
		kept := rapid.IntRange(0, start).Draw(t, "kept")
		added := rapid.IntRange(0, 1_000_000).Draw(t, "new")
		in := crm.RetentionInput{CustomersAtStart: start, CustomersAtEnd: kept + added, NewCustomers: added}
		got, err := crm.RetentionRate(in)
		if err != nil {
			t.Fatal(err)
		}
		// Within 0..100.
		if got.Sign() < 0 || got.Cmp(hundred) > 0 {
			t.Fatalf("retention %v outside 0..100", got)
		}
		// Oracle: (end − new)/start × 100 in exact rationals.
		testkit.RequireRat(t, got.Points(), new(big.Rat).SetFrac64(int64(in.CustomersAtEnd-in.NewCustomers)*100, int64(start)))
		// New customers never change the rate: the same customers kept
		// without the new ones give the same result.
		alone, err := crm.RetentionRate(crm.RetentionInput{CustomersAtStart: start, CustomersAtEnd: kept})
		if err != nil || !alone.Equal(got) {
			t.Fatalf("new customers changed retention: %v vs %v (%v)", got, alone, err)
		}
		// With no new customers, churn + retention = 100 exactly.
		churn, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: start, CustomersLost: start - kept})
		if err != nil {
			t.Fatal(err)
		}
		if sum := churn.Points().Add(alone.Points()); !sum.Equal(hundred.Points()) {
			t.Fatalf("churn %v + retention %v = %s, want 100", churn, alone, sum.String())
		}
		// Monotone: keeping one more customer never lowers retention.
		if kept < start {
			more, err := crm.RetentionRate(crm.RetentionInput{CustomersAtStart: start, CustomersAtEnd: kept + 1 + added, NewCustomers: added})
			if err != nil || more.Cmp(got) <= 0 {
				t.Fatalf("retention did not rise: %v -> %v (%v)", got, more, err)
			}
		}
	})
}

func FuzzRetentionRate(f *testing.F) {
	f.Add(500, 515, 40)
	f.Add(0, 0, 0)
	f.Add(-1, 5, 0)
	f.Add(5, 3, 4)
	f.Add(5, 9, 3)
	f.Fuzz(func(t *testing.T, start, end, added int) {
		got, err := crm.RetentionRate(crm.RetentionInput{CustomersAtStart: start, CustomersAtEnd: end, NewCustomers: added})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if !got.IsZero() {
				t.Fatalf("got %v with error %v", got, err)
			}
			return
		}
		if got.Sign() < 0 || got.Cmp(metrics.PercentInt(100)) > 0 {
			t.Fatalf("retention %v outside 0..100 for (%d − %d)/%d", got, end, added, start)
		}
	})
}
