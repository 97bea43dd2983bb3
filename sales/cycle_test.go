package sales_test

import (
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func ExampleSalesCycleLength() {
	// Won in the first quarter: D-1 after 30 days (8 January to 7 February)
	// and D-2 after 40 (1 February to 12 March, 2024 being a leap year).
	days, err := sales.SalesCycleLength(exampleDeals(), q1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(days)
	// Output:
	// 35
}

// nanosPerDay is 24 hours in nanoseconds, for the oracle.
var nanosPerDay = big.NewRat(int64(24*time.Hour), 1)

func won(created, closed time.Time) sales.Deal {
	return sales.Deal{Amount: dec("1"), Stage: sales.StageWon, Created: created, Closed: closed}
}

func TestSalesCycleLength(t *testing.T) {
	tests := []struct {
		name  string
		deals []sales.Deal
		p     sales.Period
		want  decimal.Decimal
	}{
		{"examples", exampleDeals(), q1, dec("35")},
		{"same day", []sales.Deal{won(at(3), at(3))}, january, decimal.Zero},
		{"a day and a half", []sales.Deal{won(at(3), at(4).Add(12*time.Hour))}, january, dec("1.5")},
		{"one nanosecond rounds to zero days", []sales.Deal{won(at(3), at(3).Add(1))}, january, decimal.Zero},
		{"one millisecond", []sales.Deal{won(at(3), at(3).Add(time.Millisecond))}, january, dec("0.0000000116")},
		{"thirds of a day", []sales.Deal{won(at(3), at(4)), won(at(3), at(3)), won(at(3), at(3))}, january, dec("0.3333333333")},
		{"only won deals in the period", []sales.Deal{
			won(at(1), at(3)),
			won(at(-20), at(31)), // won in February
			{Stage: sales.StageLost, Created: at(-20), Closed: at(5)},
			{Stage: sales.StageOpen, Created: at(-20)},
		}, january, dec("2")},
		{"created before the period", []sales.Deal{won(at(-10), at(0))}, january, dec("10")},
		// 2024-01-01 to 2314-01-01 is 105 920 days; two such cycles overflow
		// an int64 count of nanoseconds.
		{"sum beyond an int64", []sales.Deal{
			won(at(0), at(0).AddDate(290, 0, 0)),
			won(at(0), at(0).AddDate(290, 0, 0)),
			won(at(0), at(0)),
		}, sales.Period{Start: at(0), End: at(0).AddDate(291, 0, 0)}, dec("70613.3333333333")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.SalesCycleLength(tt.deals, tt.p)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("SalesCycleLength (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSalesCycleLengthErrors(t *testing.T) {
	tests := []struct {
		name  string
		deals []sales.Deal
	}{
		{"no deals", nil},
		{"none won in the period", []sales.Deal{
			won(at(1), at(31)),
			{Stage: sales.StageLost, Created: at(1), Closed: at(2)},
			{Stage: sales.StageOpen, Created: at(1)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.SalesCycleLength(tt.deals, january)
			requireError(t, got, err, metrics.ErrUndefined, "Deals", -1)
		})
	}
}

func TestSalesCycleLengthProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		deals := rapid.SliceOfN(dealGen(), 0, 30).Draw(t, "deals")
		p := periodGen().Draw(t, "p")
		got, err := sales.SalesCycleLength(deals, p)
		ref := refDeals(deals, p)
		if ref.won == 0 {
			testkit.RequireSentinel(t, err, metrics.ErrUndefined)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: total nanoseconds / (won × nanoseconds per day).
		testkit.RequireRat(t, got, quo(ref.cycleNanos, mul(testkit.RatInt(ref.won), nanosPerDay)))
		// Within the shortest and longest cycles of the won deals.
		lo, hi := time.Duration(1<<62), time.Duration(0)
		for _, d := range deals {
			if d.Stage == sales.StageWon && within(d.Closed, p) {
				lo, hi = min(lo, d.Closed.Sub(d.Created)), max(hi, d.Closed.Sub(d.Created))
			}
		}
		days := func(d time.Duration) decimal.Decimal { return testkit.Round(quo(big.NewRat(int64(d), 1), nanosPerDay)) }
		if got.Cmp(days(lo)) < 0 || got.Cmp(days(hi)) > 0 {
			t.Fatalf("mean %s days outside %v..%v", got, lo, hi)
		}
		// Shifting every deal in time changes nothing.
		shift := time.Duration(rapid.IntRange(-1000, 1000).Draw(t, "shiftHours")) * time.Hour
		moved := make([]sales.Deal, len(deals))
		for i, d := range deals {
			d.Created = d.Created.Add(shift)
			if !d.Closed.IsZero() {
				d.Closed = d.Closed.Add(shift)
			}
			moved[i] = d
		}
		again, err := sales.SalesCycleLength(moved, sales.Period{Start: p.Start.Add(shift), End: p.End.Add(shift)})
		if err != nil || !again.Equal(got) {
			t.Fatalf("shifted by %v: %s, want %s (%v)", shift, again, got, err)
		}
	})
}

func FuzzSalesCycleLength(f *testing.F) {
	for _, s := range fuzzDealSeeds {
		f.Add(s, int8(0), int8(31))
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8) {
		got, err := sales.SalesCycleLength(fuzzDeals(data), fuzzPeriod(startDay, days))
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		// fuzzDeals' cycles are at most 127 six-hour steps.
		if got.Sign() < 0 || got.Cmp(dec("31.75")) > 0 {
			t.Fatalf("cycle length %s days", got)
		}
	})
}
