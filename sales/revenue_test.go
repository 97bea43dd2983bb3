package sales_test

import (
	"fmt"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// exampleDeals are five deals around the first quarter of 2024.
func exampleDeals() []sales.Deal {
	date := func(m time.Month, d int) time.Time { return time.Date(2024, m, d, 0, 0, 0, 0, time.UTC) }
	return []sales.Deal{
		{ID: "D-1", Amount: decimal.NewFromInt(12_000), Stage: sales.StageWon, Created: date(1, 8), Closed: date(2, 7), Owner: "ann"},
		{ID: "D-2", Amount: decimal.NewFromInt(8_000), Stage: sales.StageWon, Created: date(2, 1), Closed: date(3, 12), Owner: "bob"},
		{ID: "D-3", Amount: decimal.NewFromInt(5_000), Stage: sales.StageLost, Created: date(1, 15), Closed: date(3, 1), Owner: "ann"},
		{ID: "D-4", Amount: decimal.NewFromInt(20_000), Stage: sales.StageOpen, Created: date(3, 5), Owner: "bob"},
		{ID: "D-5", Amount: decimal.NewFromInt(9_000), Stage: sales.StageWon, Created: date(3, 20), Closed: date(4, 2), Owner: "ann"},
	}
}

// q1 is the first quarter of 2024: D-1 and D-2 were won in it, D-3 lost,
// D-4 and D-5 were open at its end.
var q1 = sales.Period{
	Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	End:   time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC),
}

func ExampleSalesRevenue() {
	revenue, err := sales.SalesRevenue(exampleDeals(), q1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(revenue) // D-1 and D-2; D-5 was won in April
	// Output:
	// 20000
}

func ExampleNewRevenue() {
	revenue, err := sales.NewRevenue(sales.NewRevenueInput{
		Revenue:                 decimal.NewFromInt(20_000),
		ExistingCustomerRevenue: decimal.RequireFromString("7500.50"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(revenue)
	// Output:
	// 12499.5
}

func ExampleRevenueByOwner() {
	byOwner, err := sales.RevenueByOwner(exampleDeals(), q1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, owner := range []string{"ann", "bob"} {
		fmt.Println(owner, byOwner[owner])
	}
	// Output:
	// ann 12000
	// bob 8000
}

func TestSalesRevenue(t *testing.T) {
	tests := []struct {
		name  string
		deals []sales.Deal
		p     sales.Period
		want  decimal.Decimal
	}{
		{"none", nil, january, decimal.Zero},
		{"examples", exampleDeals(), q1, dec("20000")},
		{"examples, second quarter", exampleDeals(), sales.Period{Start: q1.End, End: q1.End.AddDate(0, 3, 0)}, dec("9000")},
		{"won at start counts", []sales.Deal{{Amount: dec("1.5"), Stage: sales.StageWon, Created: at(-3), Closed: at(0)}}, january, dec("1.5")},
		{"won at end does not", []sales.Deal{{Amount: dec("1.5"), Stage: sales.StageWon, Created: at(3), Closed: at(31)}}, january, decimal.Zero},
		{"created before, won in", []sales.Deal{{Amount: dec("2"), Stage: sales.StageWon, Created: at(-300), Closed: at(30)}}, january, dec("2")},
		{"lost and open add nothing", []sales.Deal{
			{Amount: dec("7"), Stage: sales.StageLost, Created: at(1), Closed: at(2)},
			{Amount: dec("9"), Stage: sales.StageOpen, Created: at(1)},
		}, january, decimal.Zero},
		{"exact sum of scales", []sales.Deal{
			{Amount: dec("0.1"), Stage: sales.StageWon, Created: at(1), Closed: at(2)},
			{Amount: dec("0.2"), Stage: sales.StageWon, Created: at(1), Closed: at(2)},
			{Amount: dec("99999999999999999999.0001"), Stage: sales.StageWon, Created: at(1), Closed: at(2)},
		}, january, dec("99999999999999999999.3001")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.SalesRevenue(tt.deals, tt.p)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("SalesRevenue (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSalesRevenueProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		deals := rapid.SliceOfN(dealGen(), 0, 30).Draw(t, "deals")
		p := periodGen().Draw(t, "p")
		got, err := sales.SalesRevenue(deals, p)
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: the sum of the won deals' amounts in exact rationals.
		testkit.RequireRat(t, got, refDeals(deals, p).wonRevenue)
		if got.Sign() < 0 {
			t.Fatalf("negative revenue %s", got)
		}
		// Additive over consecutive periods.
		mid := p.Start.Add(time.Duration(rapid.IntRange(0, int(p.End.Sub(p.Start)/time.Hour)-1).Draw(t, "midHour")+1) * time.Hour)
		if mid.Before(p.End) {
			a, err1 := sales.SalesRevenue(deals, sales.Period{Start: p.Start, End: mid})
			b, err2 := sales.SalesRevenue(deals, sales.Period{Start: mid, End: p.End})
			if err := firstErr(err1, err2); err != nil || !a.Add(b).Equal(got) {
				t.Fatalf("%s + %s != %s (%v)", a, b, got, err)
			}
		}
		// Winning one more deal in the period adds its amount.
		extra := sales.Deal{Amount: testkit.Money().Draw(t, "extra"), Stage: sales.StageWon, Created: p.Start.Add(-day), Closed: p.Start}
		more, err := sales.SalesRevenue(append(slices.Clone(deals), extra), p)
		if err != nil || !more.Equal(got.Add(extra.Amount)) {
			t.Fatalf("with one more won deal: %s, want %s + %s (%v)", more, got, extra.Amount, err)
		}
	})
}

func FuzzSalesRevenue(f *testing.F) {
	for _, s := range fuzzDealSeeds {
		f.Add(s, int8(0), int8(31))
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8) {
		got, err := sales.SalesRevenue(fuzzDeals(data), fuzzPeriod(startDay, days))
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Sign() < 0 {
			t.Fatalf("negative revenue %s", got)
		}
	})
}

func TestNewRevenue(t *testing.T) {
	tests := []struct {
		name string
		in   sales.NewRevenueInput
		want decimal.Decimal
	}{
		{"zero value", sales.NewRevenueInput{}, decimal.Zero},
		{"all new", sales.NewRevenueInput{Revenue: dec("100")}, dec("100")},
		{"none new", sales.NewRevenueInput{Revenue: dec("100"), ExistingCustomerRevenue: dec("100.00")}, decimal.Zero},
		{"exact", sales.NewRevenueInput{Revenue: dec("20000"), ExistingCustomerRevenue: dec("7500.50")}, dec("12499.5")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.NewRevenue(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NewRevenue(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNewRevenueErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    sales.NewRevenueInput
		want  error
		field string
	}{
		{"negative revenue", sales.NewRevenueInput{Revenue: dec("-1")}, metrics.ErrNegative, "Revenue"},
		{"negative existing", sales.NewRevenueInput{Revenue: dec("1"), ExistingCustomerRevenue: dec("-1")}, metrics.ErrNegative, "ExistingCustomerRevenue"},
		{"existing above total", sales.NewRevenueInput{Revenue: dec("1"), ExistingCustomerRevenue: dec("1.01")}, metrics.ErrInconsistent, "ExistingCustomerRevenue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.NewRevenue(tt.in)
			requireError(t, got, err, tt.want, tt.field, -1)
		})
	}
}

func TestNewRevenueProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := testkit.Money().Draw(t, "a"), testkit.Money().Draw(t, "b")
		revenue, existing := decimal.Max(a, b), decimal.Min(a, b)
		got, err := sales.NewRevenue(sales.NewRevenueInput{Revenue: revenue, ExistingCustomerRevenue: existing})
		if err != nil {
			t.Fatal(err)
		}
		testkit.RequireRat(t, got, new(big.Rat).Sub(rat(revenue), rat(existing)))
		// Within 0..Revenue, and new + existing = total.
		if got.Sign() < 0 || got.Cmp(revenue) > 0 || !got.Add(existing).Equal(revenue) {
			t.Fatalf("new revenue %s of %s with %s existing", got, revenue, existing)
		}
	})
}

func FuzzNewRevenue(f *testing.F) {
	f.Add(int64(20000), int8(0), int64(750050), int8(-2))
	f.Add(int64(0), int8(0), int64(0), int8(0))
	f.Add(int64(-1), int8(0), int64(0), int8(0))
	f.Add(int64(1), int8(0), int64(2), int8(0))
	f.Fuzz(func(t *testing.T, revCoef int64, revExp int8, exCoef int64, exExp int8) {
		revenue, existing := testkit.FuzzDecimal(revCoef, revExp), testkit.FuzzDecimal(exCoef, exExp)
		got, err := sales.NewRevenue(sales.NewRevenueInput{Revenue: revenue, ExistingCustomerRevenue: existing})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Sign() < 0 || got.Cmp(revenue) > 0 {
			t.Fatalf("new revenue %s outside 0..%s", got, revenue)
		}
	})
}

func TestRevenueByOwner(t *testing.T) {
	tests := []struct {
		name  string
		deals []sales.Deal
		p     sales.Period
		want  map[string]decimal.Decimal
	}{
		{"none", nil, january, map[string]decimal.Decimal{}},
		{"examples", exampleDeals(), q1, map[string]decimal.Decimal{"ann": dec("12000"), "bob": dec("8000")}},
		{"unowned and summed", []sales.Deal{
			{Amount: dec("1"), Stage: sales.StageWon, Created: at(1), Closed: at(2)},
			{Amount: dec("2.5"), Stage: sales.StageWon, Created: at(1), Closed: at(3), Owner: "cy"},
			{Amount: dec("3"), Stage: sales.StageWon, Created: at(1), Closed: at(4), Owner: "cy"},
			{Amount: dec("4"), Stage: sales.StageLost, Created: at(1), Closed: at(4), Owner: "dee"},
		}, january, map[string]decimal.Decimal{"": dec("1"), "cy": dec("5.5")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.RevenueByOwner(tt.deals, tt.p)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("RevenueByOwner (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRevenueByOwnerProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		deals := rapid.SliceOfN(dealGen(), 0, 30).Draw(t, "deals")
		p := periodGen().Draw(t, "p")
		got, err := sales.RevenueByOwner(deals, p)
		if err != nil {
			t.Fatal(err)
		}
		ref := refDeals(deals, p)
		if len(got) != len(ref.revenueByOwner) {
			t.Fatalf("owners %v, reference %v", got, ref.revenueByOwner)
		}
		sum := decimal.Zero
		for owner, amount := range got {
			testkit.RequireRat(t, amount, ref.revenueByOwner[owner])
			sum = sum.Add(amount)
		}
		// The owners' revenues add up to the sales revenue.
		total, err := sales.SalesRevenue(deals, p)
		if err != nil || !total.Equal(sum) {
			t.Fatalf("owners sum to %s, sales revenue %s (%v)", exact.Text(sum), exact.Text(total), err)
		}
	})
}

func FuzzRevenueByOwner(f *testing.F) {
	for _, s := range fuzzDealSeeds {
		f.Add(s, int8(0), int8(31))
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8) {
		got, err := sales.RevenueByOwner(fuzzDeals(data), fuzzPeriod(startDay, days))
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		for owner, amount := range got {
			if amount.Sign() < 0 {
				t.Fatalf("owner %q has negative revenue %s", owner, amount)
			}
		}
	})
}
