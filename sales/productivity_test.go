package sales_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func ExampleRevenuePerRep() {
	perRep, err := sales.RevenuePerRep(sales.TeamInput{Revenue: decimal.NewFromInt(600_000), Reps: 8})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(perRep)
	// Output:
	// 75000
}

func ExampleRevenuePerConsultant() {
	perConsultant, err := sales.RevenuePerConsultant(sales.RevenuePerConsultantInput{Revenue: decimal.NewFromInt(1_250_000), Consultants: 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(perConsultant)
	// Output:
	// 125000
}

func ExampleSalesCallsPerRep() {
	calls, err := sales.SalesCallsPerRep(sales.TeamInput{Calls: 250, Reps: 8})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(calls)
	// Output:
	// 31.25
}

// perHeadFuncs are the functions that divide an amount by a headcount (or a
// number of campaigns or leads), which share one rule.
var perHeadFuncs = map[string]func(decimal.Decimal, int) (decimal.Decimal, error){
	"RevenuePerRep": func(a decimal.Decimal, n int) (decimal.Decimal, error) {
		return sales.RevenuePerRep(sales.TeamInput{Revenue: a, Reps: n})
	},
	"RevenuePerConsultant": func(a decimal.Decimal, n int) (decimal.Decimal, error) {
		return sales.RevenuePerConsultant(sales.RevenuePerConsultantInput{Revenue: a, Consultants: n})
	},
	"AverageRevenuePerCampaign": func(a decimal.Decimal, n int) (decimal.Decimal, error) {
		return sales.AverageRevenuePerCampaign(sales.CampaignInput{AttributedRevenue: a, Campaigns: n})
	},
	"CostPerLead": func(a decimal.Decimal, n int) (decimal.Decimal, error) {
		return sales.CostPerLead(sales.CampaignInput{Cost: a, Leads: n})
	},
}

// perHeadInputs are the input types of the functions, for RequireFieldOf.
var perHeadInputs = map[string]any{
	"RevenuePerRep":             sales.TeamInput{},
	"RevenuePerConsultant":      sales.RevenuePerConsultantInput{},
	"AverageRevenuePerCampaign": sales.CampaignInput{},
	"CostPerLead":               sales.CampaignInput{},
}

// perHeadFields names each function's amount and count fields.
var perHeadFields = map[string][2]string{
	"RevenuePerRep":             {"Revenue", "Reps"},
	"RevenuePerConsultant":      {"Revenue", "Consultants"},
	"AverageRevenuePerCampaign": {"AttributedRevenue", "Campaigns"},
	"CostPerLead":               {"Cost", "Leads"},
}

func testPerHead(t *testing.T, name string) {
	tests := []struct {
		name   string
		amount decimal.Decimal
		n      int
		want   decimal.Decimal
	}{
		{"exact", dec("600000"), 8, dec("75000")},
		{"cents", dec("100.10"), 4, dec("25.025")},
		{"nothing", decimal.Zero, 3, decimal.Zero},
		{"repeating", dec("10"), 3, dec("3.3333333333")},
		{"rounds half away from zero", dec("20"), 3, dec("6.6666666667")},
	}
	f := perHeadFuncs[name]
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f(tt.amount, tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s(%s, %d) (-want +got):\n%s", name, tt.amount, tt.n, diff)
			}
		})
	}
}

func testPerHeadErrors(t *testing.T, name string) {
	{
		f := perHeadFuncs[name]
		amountField, countField := perHeadFields[name][0], perHeadFields[name][1]
		tests := []struct {
			name   string
			amount decimal.Decimal
			n      int
			want   error
			field  string
		}{
			{"zero value", decimal.Decimal{}, 0, metrics.ErrUndefined, countField},
			{"amount but zero count", dec("5"), 0, metrics.ErrUndefined, countField},
			{"negative amount", dec("-5"), 1, metrics.ErrNegative, amountField},
			{"negative count", dec("5"), -1, metrics.ErrNegative, countField},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := f(tt.amount, tt.n)
				requireError(t, perHeadInputs[name], got, err, tt.want, tt.field, -1)
				if want := "sales." + name + ": "; len(err.Error()) < len(want) || err.Error()[:len(want)] != want {
					t.Errorf("error %q does not name sales.%s", err, name)
				}
			})
		}
	}
}

func testPerHeadProperties(t *testing.T, name string) {
	f := perHeadFuncs[name]
	rapid.Check(t, func(t *rapid.T) {
		amount := testkit.Money().Draw(t, "amount")
		n := rapid.IntRange(1, 100_000).Draw(t, "n")
		{
			got, err := f(amount, n)
			if err != nil {
				t.Fatal(err)
			}
			testkit.RequireRat(t, got, quo(rat(amount), testkit.RatInt(n)))
			// One more head never raises the amount per head. Compared at
			// metrics.Scale: an exact long quotient and a rounded one can be
			// ordered against their true values beyond that digit.
			fewer, err := f(amount, n+1)
			if err != nil || fewer.Round(metrics.Scale).Cmp(got.Round(metrics.Scale)) > 0 || got.Cmp(amount) > 0 {
				t.Fatalf("%s: %s per head over %d, %s over %d, of %s (%v)", name, got, n, fewer, n+1, amount, err)
			}
		}
	})
}

func fuzzPerHead(f *testing.F, name string) {
	f.Add(int64(600000), int8(0), 8)
	f.Add(int64(0), int8(0), 0)
	f.Add(int64(-1), int8(0), 1)
	f.Add(int64(1), int8(-20), -3)
	fn := perHeadFuncs[name]
	f.Fuzz(func(t *testing.T, coef int64, exp int8, n int) {
		amount := testkit.FuzzDecimal(coef, exp)
		got, err := fn(amount, n)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Sign() < 0 || got.Cmp(amount) > 0 {
			t.Fatalf("%s: %s per head of %s over %d", name, got, amount, n)
		}
	})
}

func TestRevenuePerRep(t *testing.T)              { testPerHead(t, "RevenuePerRep") }
func TestRevenuePerRepErrors(t *testing.T)        { testPerHeadErrors(t, "RevenuePerRep") }
func TestRevenuePerRepProperties(t *testing.T)    { testPerHeadProperties(t, "RevenuePerRep") }
func FuzzRevenuePerRep(f *testing.F)              { fuzzPerHead(f, "RevenuePerRep") }
func TestRevenuePerConsultant(t *testing.T)       { testPerHead(t, "RevenuePerConsultant") }
func TestRevenuePerConsultantErrors(t *testing.T) { testPerHeadErrors(t, "RevenuePerConsultant") }
func TestRevenuePerConsultantProperties(t *testing.T) {
	testPerHeadProperties(t, "RevenuePerConsultant")
}
func FuzzRevenuePerConsultant(f *testing.F) { fuzzPerHead(f, "RevenuePerConsultant") }

func TestSalesCallsPerRep(t *testing.T) {
	tests := []struct {
		name string
		in   sales.TeamInput
		want decimal.Decimal
	}{
		{"exact", sales.TeamInput{Calls: 250, Reps: 8}, dec("31.25")},
		{"no calls", sales.TeamInput{Reps: 8}, decimal.Zero},
		{"repeating", sales.TeamInput{Calls: 100, Reps: 3}, dec("33.3333333333")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.SalesCallsPerRep(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("SalesCallsPerRep(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestSalesCallsPerRepErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    sales.TeamInput
		want  error
		field string
	}{
		{"zero value", sales.TeamInput{}, metrics.ErrUndefined, "Reps"},
		{"negative calls", sales.TeamInput{Calls: -1, Reps: 1}, metrics.ErrNegative, "Calls"},
		{"negative reps", sales.TeamInput{Calls: 1, Reps: -1}, metrics.ErrNegative, "Reps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.SalesCallsPerRep(tt.in)
			requireError(t, tt.in, got, err, tt.want, tt.field, -1)
		})
	}
}

func TestSalesCallsPerRepProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		calls := rapid.IntRange(0, 1_000_000).Draw(t, "calls")
		reps := rapid.IntRange(1, 10_000).Draw(t, "reps")
		got, err := sales.SalesCallsPerRep(sales.TeamInput{Calls: calls, Reps: reps})
		if err != nil {
			t.Fatal(err)
		}
		testkit.RequireRat(t, got, quo(testkit.RatInt(calls), testkit.RatInt(reps)))
		if got.Sign() < 0 || got.Cmp(decimal.NewFromInt(int64(calls))) > 0 {
			t.Fatalf("%s calls per rep from %d calls", got, calls)
		}
	})
}

func FuzzSalesCallsPerRep(f *testing.F) {
	f.Add(250, 8)
	f.Add(0, 0)
	f.Add(-1, 1)
	f.Fuzz(func(t *testing.T, calls, reps int) {
		got, err := sales.SalesCallsPerRep(sales.TeamInput{Calls: calls, Reps: reps})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Sign() < 0 || got.Cmp(decimal.NewFromInt(int64(calls))) > 0 {
			t.Fatalf("%s calls per rep from %d calls", got, calls)
		}
	})
}
