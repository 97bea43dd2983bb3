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

// The worked example of «Quels sont les 7 principaux KPI d'une entreprise de
// logiciels CRM» (French, 3 October 2024): 100 leads generated in a period,
// 20 of them converted into paying customers.
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

func TestLeadConversionRate(t *testing.T) {
	tests := []struct {
		name string
		in   sales.LeadConversionInput
		want metrics.Percent
	}{
		{"the article's example", sales.LeadConversionInput{Leads: 100, Converted: 20}, metrics.PercentInt(20)},
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
			requireError(t, tt.in, got, err, tt.want, tt.field, -1)
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
