package sales_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

func ExampleStage_String() {
	fmt.Println(sales.StageOpen, sales.StageWon, sales.StageLost, sales.Stage(0))
	// Output:
	// open won lost Stage(0)
}

// A deal closed before it was created is reported with its index and field,
// whatever the period.
func ExampleDeal_validation() {
	deals := []sales.Deal{
		{ID: "D-1", Amount: decimal.NewFromInt(500), Stage: sales.StageOpen,
			Created: time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)},
		{ID: "D-2", Amount: decimal.NewFromInt(900), Stage: sales.StageWon,
			Created: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
			Closed:  time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	march := sales.Period{
		Start: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
		End:   time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC),
	}
	_, err := sales.SalesRevenue(deals, march)
	fmt.Println(err)
	// Output:
	// sales.SalesRevenue: Deals[1].Closed 2024-01-01T00:00:00Z is before Created 2024-02-01T00:00:00Z: inconsistent input
}

func TestStageString(t *testing.T) {
	for s, want := range map[sales.Stage]string{sales.StageOpen: "open", sales.StageWon: "won", sales.StageLost: "lost", 0: "Stage(0)", 7: "Stage(7)", -1: "Stage(-1)"} {
		if diff := cmp.Diff(want, s.String()); diff != "" {
			t.Errorf("Stage(%d).String() (-want +got):\n%s", int(s), diff)
		}
	}
}

// dealFuncs is every function over deals, with a valid quota where one is
// needed, so that the record rules can be checked on all of them at once.
var dealFuncs = map[string]func([]sales.Deal, sales.Period) (any, error){
	"SalesRevenue":              func(d []sales.Deal, p sales.Period) (any, error) { return sales.SalesRevenue(d, p) },
	"RevenueByOwner":            func(d []sales.Deal, p sales.Period) (any, error) { return sales.RevenueByOwner(d, p) },
	"AverageDealSizeFromDeals":  func(d []sales.Deal, p sales.Period) (any, error) { return sales.AverageDealSizeFromDeals(d, p) },
	"WinRateFromDeals":          func(d []sales.Deal, p sales.Period) (any, error) { return sales.WinRateFromDeals(d, p) },
	"CloseRateFromDeals":        func(d []sales.Deal, p sales.Period) (any, error) { return sales.CloseRateFromDeals(d, p) },
	"OpenOpportunities":         func(d []sales.Deal, p sales.Period) (any, error) { return sales.OpenOpportunities(d, p) },
	"SalesCycleLength":          func(d []sales.Deal, p sales.Period) (any, error) { return sales.SalesCycleLength(d, p) },
	"PipelineVelocityFromDeals": func(d []sales.Deal, p sales.Period) (any, error) { return sales.PipelineVelocityFromDeals(d, p) },
	"PipelineCoverageFromDeals": func(d []sales.Deal, p sales.Period) (any, error) {
		return sales.PipelineCoverageFromDeals(d, p, decimal.NewFromInt(1_000_000))
	},
}

// goodDeals are valid, and give every function over deals a defined result in
// january.
var goodDeals = []sales.Deal{
	{ID: "won", Amount: dec("1000"), Stage: sales.StageWon, Created: at(-10), Closed: at(5), Owner: "ann"},
	{ID: "lost", Amount: dec("300"), Stage: sales.StageLost, Created: at(2), Closed: at(20), Owner: "bob"},
	{ID: "open", Amount: dec("2500"), Stage: sales.StageOpen, Created: at(3), Owner: "ann"},
	{ID: "won-created-in", Amount: dec("500"), Stage: sales.StageWon, Created: at(4), Closed: at(10), Owner: "bob"},
}

func TestDealFuncsAcceptValidDeals(t *testing.T) {
	for name, f := range dealFuncs {
		if _, err := f(goodDeals, january); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestDealValidation(t *testing.T) {
	// Each bad deal is appended after goodDeals, so its index is 4; it lies
	// outside january where it can, as every record is validated.
	tests := []struct {
		name  string
		deal  sales.Deal
		want  error
		field string
	}{
		{"zero deal", sales.Deal{}, metrics.ErrInvalid, "Deals.Stage"},
		{"unknown stage", sales.Deal{Stage: 9, Created: at(100)}, metrics.ErrInvalid, "Deals.Stage"},
		{"negative amount", sales.Deal{Stage: sales.StageOpen, Amount: dec("-0.01"), Created: at(100)}, metrics.ErrNegative, "Deals.Amount"},
		{"no created time", sales.Deal{Stage: sales.StageOpen, Amount: dec("1")}, metrics.ErrInvalid, "Deals.Created"},
		{"open deal with a close time", sales.Deal{Stage: sales.StageOpen, Created: at(100), Closed: at(101)}, metrics.ErrInconsistent, "Deals.Closed"},
		{"won deal without a close time", sales.Deal{Stage: sales.StageWon, Created: at(100)}, metrics.ErrInconsistent, "Deals.Closed"},
		{"lost deal without a close time", sales.Deal{Stage: sales.StageLost, Created: at(100)}, metrics.ErrInconsistent, "Deals.Closed"},
		{"closed before created", sales.Deal{Stage: sales.StageWon, Created: at(100), Closed: at(100).Add(-1)}, metrics.ErrInconsistent, "Deals.Closed"},
		{"cycle beyond a time.Duration", sales.Deal{Stage: sales.StageLost, Created: at(100), Closed: at(100).AddDate(300, 0, 0)}, metrics.ErrOutOfRange, "Deals.Closed"},
	}
	for _, tt := range tests {
		for name, f := range dealFuncs {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				deals := append(append([]sales.Deal(nil), goodDeals...), tt.deal)
				got, err := f(deals, january)
				requireError(t, got, err, tt.want, tt.field, 4)
				if !strings.HasPrefix(err.Error(), "sales."+name+": ") {
					t.Errorf("error %q does not name sales.%s", err, name)
				}
			})
		}
	}
}

func TestDealValidationMessages(t *testing.T) {
	tests := []struct {
		deal sales.Deal
		want string
	}{
		{sales.Deal{Stage: 0, Created: at(0)}, "sales.SalesRevenue: Deals[0].Stage Stage(0) is not a stage: invalid value"},
		{sales.Deal{Stage: sales.StageOpen, Amount: dec("-5"), Created: at(0)}, "sales.SalesRevenue: Deals[0].Amount -5 is negative: negative value"},
		{sales.Deal{Stage: sales.StageOpen}, "sales.SalesRevenue: Deals[0].Created is not set: invalid value"},
		{sales.Deal{Stage: sales.StageOpen, Created: at(0), Closed: at(1)}, "sales.SalesRevenue: Deals[0].Closed 2024-01-02T00:00:00Z is set for an open deal: inconsistent input"},
		{sales.Deal{Stage: sales.StageLost, Created: at(0)}, "sales.SalesRevenue: Deals[0].Closed is not set for a lost deal: inconsistent input"},
		{sales.Deal{Stage: sales.StageWon, Created: at(1), Closed: at(0)}, "sales.SalesRevenue: Deals[0].Closed 2024-01-01T00:00:00Z is before Created 2024-01-02T00:00:00Z: inconsistent input"},
	}
	for _, tt := range tests {
		_, err := sales.SalesRevenue([]sales.Deal{tt.deal}, january)
		if diff := cmp.Diff(tt.want, fmt.Sprint(err)); diff != "" {
			t.Errorf("message (-want +got):\n%s", diff)
		}
	}
}

func TestDealFuncsPeriodErrors(t *testing.T) {
	periods := map[string]sales.Period{
		"zero":     {},
		"empty":    {Start: at(3), End: at(3)},
		"reversed": {Start: at(31), End: at(0)},
	}
	for pname, p := range periods {
		for name, f := range dealFuncs {
			t.Run(pname+"/"+name, func(t *testing.T) {
				// The period is checked before the records.
				got, err := f([]sales.Deal{{}}, p)
				requireError(t, got, err, metrics.ErrInvalid, "Period.End", -1)
			})
		}
	}
	_, err := sales.SalesRevenue(nil, sales.Period{Start: at(1), End: at(0)})
	want := "sales.SalesRevenue: Period.End 2024-01-01T00:00:00Z is not after Period.Start 2024-01-02T00:00:00Z: invalid value"
	if diff := cmp.Diff(want, fmt.Sprint(err)); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

func TestDealFuncsDoNotModifyDeals(t *testing.T) {
	deals := append([]sales.Deal(nil), goodDeals...)
	for name, f := range dealFuncs {
		if _, err := f(deals, january); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(goodDeals, deals); diff != "" {
			t.Fatalf("%s modified its input (-want +got):\n%s", name, diff)
		}
	}
}

// FuzzDealValidation feeds arbitrary deals and periods to every function
// over deals: none panics, every error is a documented kpikit error, and all
// of them accept or reject the same input with the same sentinel.
func FuzzDealValidation(f *testing.F) {
	for _, s := range fuzzDealSeeds {
		f.Add(s, int8(0), int8(31))
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8) {
		deals, p := fuzzDeals(data), fuzzPeriod(startDay, days)
		_, ref := sales.OpenOpportunities(deals, p)
		for name, fn := range dealFuncs {
			_, err := fn(deals, p)
			if err != nil {
				testkit.RequireKpikitError(t, err)
			}
			// Only an undefined result may differ between functions.
			if ref != nil && metrics.SentinelOf(err) != metrics.SentinelOf(ref) {
				t.Fatalf("%s: %v, OpenOpportunities: %v", name, err, ref)
			}
			if ref == nil && err != nil && metrics.SentinelOf(err) != metrics.ErrUndefined {
				t.Fatalf("%s rejects what OpenOpportunities accepts: %v", name, err)
			}
		}
	})
}

// dealErrorCases checks the errors every deal function shares: an invalid
// period, and a bad deal reported with its index. TestDealValidation covers
// every deal rule on every function.
func dealErrorCases(t *testing.T, name string) {
	f := dealFuncs[name]
	tests := []struct {
		name  string
		deals []sales.Deal
		p     sales.Period
		want  error
		field string
		index int
	}{
		{"zero period", nil, sales.Period{}, metrics.ErrInvalid, "Period.End", -1},
		{"bad deal", append(append([]sales.Deal(nil), goodDeals...), sales.Deal{Stage: sales.StageWon, Created: at(3)}), january, metrics.ErrInconsistent, "Deals.Closed", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f(tt.deals, tt.p)
			requireError(t, got, err, tt.want, tt.field, tt.index)
		})
	}
}

func TestSalesRevenueErrors(t *testing.T)      { dealErrorCases(t, "SalesRevenue") }
func TestRevenueByOwnerErrors(t *testing.T)    { dealErrorCases(t, "RevenueByOwner") }
func TestOpenOpportunitiesErrors(t *testing.T) { dealErrorCases(t, "OpenOpportunities") }
