package sales_test

import (
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"pgregory.net/rapid"
)

// Seed 004: 100 leads generated in a period, 20 of them converted into paying
// customers.
func ExampleLeadConversionRate() {
	rate, err := sales.LeadConversionRate(sales.LeadConversionInput{Leads: 100, Converted: 20})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate)
	// Output:
	// 20%
}

func ExampleLeadConversionRate_error() {
	_, err := sales.LeadConversionRate(sales.LeadConversionInput{Leads: 100, Converted: 120})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrInconsistent))
	// Output:
	// sales.LeadConversionRate: Converted 120 exceeds Leads 100: inconsistent input
	// true
}

func ExampleLeadConversionRateFromLeads() {
	// Of January's two leads, L-2 converted only in February, and L-3, which
	// converted in January, was created in December: 0 of 2 for January.
	// Over January and February, L-1, L-2 and L-4 were created and L-2
	// converted: 1 of 3.
	jan, err := sales.LeadConversionRateFromLeads(exampleLeads(), exampleJanuary)
	if err != nil {
		fmt.Println(err)
		return
	}
	janFeb := sales.Period{Start: exampleJanuary.Start, End: exampleJanuary.End.AddDate(0, 1, 0)}
	both, err := sales.LeadConversionRateFromLeads(exampleLeads(), janFeb)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(jan)
	fmt.Println(both.StringFixed(1))
	// Output:
	// 0%
	// 33.3%
}

func TestLeadConversionRate(t *testing.T) {
	tests := []struct {
		name string
		in   sales.LeadConversionInput
		want metrics.Percent
	}{
		{"seed 004", sales.LeadConversionInput{Leads: 100, Converted: 20}, metrics.PercentInt(20)},
		{"none converted", sales.LeadConversionInput{Leads: 7}, metrics.PercentInt(0)},
		{"all converted", sales.LeadConversionInput{Leads: 7, Converted: 7}, metrics.PercentInt(100)},
		{"terminating", sales.LeadConversionInput{Leads: 8, Converted: 1}, pct("12.5")},
		{"repeating", sales.LeadConversionInput{Leads: 3, Converted: 1}, pct("33.3333333333")},
		{"rounds half away from zero", sales.LeadConversionInput{Leads: 3, Converted: 2}, pct("66.6666666667")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.LeadConversionRate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("LeadConversionRate(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestLeadConversionRateErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    sales.LeadConversionInput
		want  error
		field string
	}{
		{"zero value", sales.LeadConversionInput{}, metrics.ErrUndefined, "Leads"},
		{"negative leads", sales.LeadConversionInput{Leads: -1}, metrics.ErrNegative, "Leads"},
		{"negative converted", sales.LeadConversionInput{Leads: 5, Converted: -1}, metrics.ErrNegative, "Converted"},
		{"converted above leads", sales.LeadConversionInput{Leads: 5, Converted: 6}, metrics.ErrInconsistent, "Converted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.LeadConversionRate(tt.in)
			requireError(t, got, err, tt.want, tt.field, -1)
		})
	}
}

func TestLeadConversionRateFromLeads(t *testing.T) {
	tests := []struct {
		name  string
		leads []sales.Lead
		want  metrics.Percent
	}{
		{"examples", exampleLeads(), metrics.PercentInt(0)},
		{"one of four", []sales.Lead{{Created: at(0), Converted: at(3)}, {Created: at(1)}, {Created: at(2)}, {Created: at(30)}}, metrics.PercentInt(25)},
		{"converted at end is too late", []sales.Lead{{Created: at(1), Converted: at(31)}}, metrics.PercentInt(0)},
		{"converted just before end", []sales.Lead{{Created: at(1), Converted: at(31).Add(-1)}}, metrics.PercentInt(100)},
		{"leads outside the period are ignored", []sales.Lead{{Created: at(-1), Converted: at(1)}, {Created: at(1)}, {Created: at(31), Converted: at(31)}}, metrics.PercentInt(0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.LeadConversionRateFromLeads(tt.leads, january)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("LeadConversionRateFromLeads (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLeadConversionRateFromLeadsErrors(t *testing.T) {
	tests := []struct {
		name  string
		leads []sales.Lead
		p     sales.Period
		want  error
		field string
		index int
	}{
		{"no leads", nil, january, metrics.ErrUndefined, "Leads", -1},
		{"no lead in the period", []sales.Lead{{Created: at(40), Converted: at(41)}}, january, metrics.ErrUndefined, "Leads", -1},
		{"zero period", nil, sales.Period{}, metrics.ErrInvalid, "Period.End", -1},
		{"bad lead", []sales.Lead{{Created: at(1)}, {}}, january, metrics.ErrInvalid, "Leads.Created", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.LeadConversionRateFromLeads(tt.leads, tt.p)
			requireError(t, got, err, tt.want, tt.field, tt.index)
		})
	}
}

func TestLeadConversionRateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		leads := rapid.IntRange(1, 1_000_000).Draw(t, "leads")
		converted := rapid.IntRange(0, leads).Draw(t, "converted")
		got, err := sales.LeadConversionRate(sales.LeadConversionInput{Leads: leads, Converted: converted})
		if err != nil {
			t.Fatal(err)
		}
		requirePercentRange(t, got, 0, 100)
		testkit.RequireRat(t, got.Points(), big.NewRat(int64(converted)*100, int64(leads)))
		// Monotone: one more conversion raises the rate.
		if converted < leads {
			more, err := sales.LeadConversionRate(sales.LeadConversionInput{Leads: leads, Converted: converted + 1})
			if err != nil || more.Cmp(got) <= 0 {
				t.Fatalf("rate did not rise: %v -> %v (%v)", got, more, err)
			}
		}
	})
}

func TestLeadConversionRateFromLeadsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		leads := rapid.SliceOfN(leadGen(), 0, 30).Draw(t, "leads")
		p := periodGen().Draw(t, "p")
		got, err := sales.LeadConversionRateFromLeads(leads, p)
		ref := refLeads(leads, p)
		if ref.generated == 0 {
			testkit.RequireSentinel(t, err, metrics.ErrUndefined)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		requirePercentRange(t, got, 0, 100)
		testkit.RequireRat(t, got.Points(), big.NewRat(int64(ref.converted)*100, int64(ref.generated)))
		// Agreement with the counts path, fed with the counting functions.
		generated, err := sales.LeadsGenerated(leads, p)
		if err != nil {
			t.Fatal(err)
		}
		viaCounts, err := sales.LeadConversionRate(sales.LeadConversionInput{Leads: generated, Converted: ref.converted})
		if err != nil || !viaCounts.Equal(got) {
			t.Fatalf("records %v, counts %v (%v)", got, viaCounts, err)
		}
	})
}

func FuzzLeadConversionRate(f *testing.F) {
	f.Add(100, 20)
	f.Add(0, 0)
	f.Add(-1, 5)
	f.Add(5, 6)
	f.Fuzz(func(t *testing.T, leads, converted int) {
		got, err := sales.LeadConversionRate(sales.LeadConversionInput{Leads: leads, Converted: converted})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		requirePercentRange(t, got, 0, 100)
	})
}

func FuzzLeadConversionRateFromLeads(f *testing.F) {
	for _, s := range fuzzLeadSeeds {
		f.Add(s, int8(0), int8(31))
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8) {
		got, err := sales.LeadConversionRateFromLeads(fuzzLeads(data), fuzzPeriod(startDay, days))
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		requirePercentRange(t, got, 0, 100)
	})
}
