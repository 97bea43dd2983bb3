package crm_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// The worked example of "Quels sont les 7 principaux KPI d'une entreprise de
// logiciels CRM de gestion de la relation client?" (in French, 3 October
// 2024): 100 tickets resolved in a month, 500 hours of resolution time in all,
// so 5 hours per ticket.
func ExampleAverageResolutionTime() {
	avg, err := crm.AverageResolutionTime(crm.ResolutionTimeInput{
		TotalResolutionTime: 500 * time.Hour,
		TicketsResolved:     100,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(avg)
	// Output:
	// 5h0m0s
}

func ExampleAverageResolutionTime_error() {
	_, err := crm.AverageResolutionTime(crm.ResolutionTimeInput{TotalResolutionTime: 3 * time.Hour})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	// Output:
	// crm.AverageResolutionTime: TicketsResolved 0 is zero: undefined for this input
	// true
}

// supportRoundNanos is the oracle's rounding of a non-negative number of
// nanoseconds: the nearest integer, halves away from zero (up), floor(r + ½).
func supportRoundNanos(r *big.Rat) *big.Int {
	if r.Sign() < 0 {
		panic("supportRoundNanos: negative")
	}
	h := new(big.Rat).Add(r, big.NewRat(1, 2))
	return new(big.Int).Quo(h.Num(), h.Denom())
}

// supportRequireNanos fails t unless got is the oracle's rounding of want.
func supportRequireNanos(t testkit.TB, got time.Duration, want *big.Rat) {
	t.Helper()
	w := supportRoundNanos(want)
	if !w.IsInt64() || w.Int64() != int64(got) {
		t.Fatalf("got %d ns, oracle %s ns (exact %s)", int64(got), w, want.RatString())
	}
}

func TestAverageResolutionTime(t *testing.T) {
	tests := []struct {
		name string
		in   crm.ResolutionTimeInput
		want time.Duration
	}{
		{"the article's example", crm.ResolutionTimeInput{TotalResolutionTime: 500 * time.Hour, TicketsResolved: 100}, 5 * time.Hour},
		{"no time", crm.ResolutionTimeInput{TicketsResolved: 3}, 0},
		{"one ticket", crm.ResolutionTimeInput{TotalResolutionTime: 90 * time.Minute, TicketsResolved: 1}, 90 * time.Minute},
		{"minutes", crm.ResolutionTimeInput{TotalResolutionTime: 7 * time.Hour, TicketsResolved: 4}, time.Hour + 45*time.Minute},
		{"half rounds up", crm.ResolutionTimeInput{TotalResolutionTime: 10, TicketsResolved: 4}, 3},
		{"quarter rounds down", crm.ResolutionTimeInput{TotalResolutionTime: 9, TicketsResolved: 4}, 2},
		{"two thirds rounds up", crm.ResolutionTimeInput{TotalResolutionTime: 2, TicketsResolved: 3}, 1},
		{"one third rounds down", crm.ResolutionTimeInput{TotalResolutionTime: time.Second, TicketsResolved: 3}, 333333333},
		{"half of one ns", crm.ResolutionTimeInput{TotalResolutionTime: 1, TicketsResolved: 2}, 1},
		{"below half of one ns", crm.ResolutionTimeInput{TotalResolutionTime: 1, TicketsResolved: 3}, 0},
		{"longest duration", crm.ResolutionTimeInput{TotalResolutionTime: math.MaxInt64, TicketsResolved: 1}, math.MaxInt64},
		// MaxInt64 = 2⁶³−1 is odd: half of it is 2⁶²−½, which rounds up to 2⁶².
		{"longest duration halved", crm.ResolutionTimeInput{TotalResolutionTime: math.MaxInt64, TicketsResolved: 2}, 1 << 62},
		// 10⁹ tickets in 1.5×10⁹ ns: 1.5 ns rounds up to 2.
		{"many tickets", crm.ResolutionTimeInput{TotalResolutionTime: 1_500_000_000, TicketsResolved: 1_000_000_000}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.AverageResolutionTime(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("AverageResolutionTime(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestAverageResolutionTimeErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.ResolutionTimeInput
		want  error
		field string
	}{
		{"zero value", crm.ResolutionTimeInput{}, metrics.ErrUndefined, "TicketsResolved"},
		{"time without tickets", crm.ResolutionTimeInput{TotalResolutionTime: time.Hour}, metrics.ErrUndefined, "TicketsResolved"},
		{"negative time", crm.ResolutionTimeInput{TotalResolutionTime: -time.Second, TicketsResolved: 2}, metrics.ErrNegative, "TotalResolutionTime"},
		{"negative tickets", crm.ResolutionTimeInput{TotalResolutionTime: time.Hour, TicketsResolved: -1}, metrics.ErrNegative, "TicketsResolved"},
		{"most negative", crm.ResolutionTimeInput{TotalResolutionTime: math.MinInt64, TicketsResolved: math.MinInt}, metrics.ErrNegative, "TotalResolutionTime"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.AverageResolutionTime(tt.in)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, crm.ResolutionTimeInput{})
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if got != 0 {
				t.Errorf("got %v with an error, want 0", got)
			}
		})
	}
}

func TestAverageResolutionTimeProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		total := time.Duration(rapid.OneOf(
			rapid.Int64Range(0, 1000),
			rapid.Int64Range(0, int64(1000*time.Hour)),
			rapid.Int64Range(math.MaxInt64-1000, math.MaxInt64),
			rapid.Int64Range(0, math.MaxInt64),
		).Draw(t, "total"))
		tickets := rapid.OneOf(rapid.IntRange(1, 1000), rapid.IntRange(1, math.MaxInt)).Draw(t, "tickets")
		in := crm.ResolutionTimeInput{TotalResolutionTime: total, TicketsResolved: tickets}
		got, err := crm.AverageResolutionTime(in)
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: total/tickets in exact rationals, rounded to the nanosecond.
		supportRequireNanos(t, got, new(big.Rat).SetFrac(big.NewInt(int64(total)), big.NewInt(int64(tickets))))
		// Within 0..total.
		if got < 0 || got > total {
			t.Fatalf("average %v outside 0..%v", got, total)
		}
		// Monotone: more time never lowers the average; more tickets never raise it.
		if total < math.MaxInt64 {
			more, err := crm.AverageResolutionTime(crm.ResolutionTimeInput{TotalResolutionTime: total + 1, TicketsResolved: tickets})
			if err != nil || more < got {
				t.Fatalf("average fell with more time: %v -> %v (%v)", got, more, err)
			}
		}
		if tickets < math.MaxInt {
			fewer, err := crm.AverageResolutionTime(crm.ResolutionTimeInput{TotalResolutionTime: total, TicketsResolved: tickets + 1})
			if err != nil || fewer > got {
				t.Fatalf("average rose with more tickets: %v -> %v (%v)", got, fewer, err)
			}
		}
		// Identity: tickets that each took d average d.
		d := time.Duration(rapid.Int64Range(0, int64(24*time.Hour)).Draw(t, "d"))
		n := rapid.IntRange(1, 100_000).Draw(t, "n")
		same, err := crm.AverageResolutionTime(crm.ResolutionTimeInput{TotalResolutionTime: d * time.Duration(n), TicketsResolved: n})
		if err != nil || same != d {
			t.Fatalf("%d tickets of %v average %v (%v)", n, d, same, err)
		}
	})
}

func FuzzAverageResolutionTime(f *testing.F) {
	f.Add(int64(500*time.Hour), 100)
	f.Add(int64(0), 0)
	f.Add(int64(-1), 5)
	f.Add(int64(10), -1)
	f.Add(int64(math.MaxInt64), 2)
	f.Fuzz(func(t *testing.T, total int64, tickets int) {
		got, err := crm.AverageResolutionTime(crm.ResolutionTimeInput{TotalResolutionTime: time.Duration(total), TicketsResolved: tickets})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			testkit.RequireFieldOf(t, err, crm.ResolutionTimeInput{})
			if got != 0 {
				t.Fatalf("got %v with an error", got)
			}
			return
		}
		if got < 0 || int64(got) > total {
			t.Fatalf("average %v outside 0..%d for %d tickets", got, total, tickets)
		}
		supportRequireNanos(t, got, new(big.Rat).SetFrac(big.NewInt(total), big.NewInt(int64(tickets))))
	})
}
