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
	"pgregory.net/rapid"
)

// exampleLeads are four leads around January 2024: two created in January
// (one qualified in January, one qualified and converted in February), one
// created in December and converted in January, one created in February.
func exampleLeads() []sales.Lead {
	date := func(m time.Month, d int) time.Time { return time.Date(2024, m, d, 0, 0, 0, 0, time.UTC) }
	return []sales.Lead{
		{ID: "L-1", Created: date(1, 3), Qualified: date(1, 10)},
		{ID: "L-2", Created: date(1, 20), Qualified: date(2, 2), Converted: date(2, 15)},
		{ID: "L-3", Created: time.Date(2023, 12, 28, 0, 0, 0, 0, time.UTC), Qualified: date(1, 4), Converted: date(1, 9)},
		{ID: "L-4", Created: date(2, 1)},
	}
}

var exampleJanuary = sales.Period{
	Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	End:   time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
}

func ExampleLeadsGenerated() {
	// L-1 and L-2 were created in January; L-4 on 1 February is in the next
	// period.
	n, err := sales.LeadsGenerated(exampleLeads(), exampleJanuary)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n)
	// Output:
	// 2
}

func ExampleQualifiedLeads() {
	// Of January's leads, L-1 was qualified in January; L-2 only in February.
	n, err := sales.QualifiedLeads(exampleLeads(), exampleJanuary)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n)
	// Output:
	// 1
}

var leadFuncs = map[string]func([]sales.Lead, sales.Period) (any, error){
	"LeadsGenerated":              func(l []sales.Lead, p sales.Period) (any, error) { return sales.LeadsGenerated(l, p) },
	"QualifiedLeads":              func(l []sales.Lead, p sales.Period) (any, error) { return sales.QualifiedLeads(l, p) },
	"LeadConversionRateFromLeads": func(l []sales.Lead, p sales.Period) (any, error) { return sales.LeadConversionRateFromLeads(l, p) },
	"NewCustomersFromLeads":       func(l []sales.Lead, p sales.Period) (any, error) { return sales.NewCustomersFromLeads(l, p) },
}

func TestLeadsGenerated(t *testing.T) {
	tests := []struct {
		name  string
		leads []sales.Lead
		want  int
	}{
		{"none", nil, 0},
		{"examples", exampleLeads(), 2},
		{"created at start counts", []sales.Lead{{Created: at(0)}}, 1},
		{"created at end does not", []sales.Lead{{Created: at(31)}}, 0},
		{"created a nanosecond before end", []sales.Lead{{Created: at(31).Add(-1)}}, 1},
		{"qualification does not matter", []sales.Lead{{Created: at(1)}, {Created: at(2), Qualified: at(40)}, {Created: at(3), Converted: at(3)}}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.LeadsGenerated(tt.leads, january)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("LeadsGenerated (-want +got):\n%s", diff)
			}
		})
	}
}

func TestQualifiedLeads(t *testing.T) {
	tests := []struct {
		name  string
		leads []sales.Lead
		want  int
	}{
		{"none", nil, 0},
		{"examples", exampleLeads(), 1},
		{"not qualified", []sales.Lead{{Created: at(1)}}, 0},
		{"qualified when created", []sales.Lead{{Created: at(1), Qualified: at(1)}}, 1},
		{"qualified a nanosecond before end", []sales.Lead{{Created: at(1), Qualified: at(31).Add(-1)}}, 1},
		{"qualified at end is too late", []sales.Lead{{Created: at(1), Qualified: at(31)}}, 0},
		{"created before the period", []sales.Lead{{Created: at(-1), Qualified: at(2)}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sales.QualifiedLeads(tt.leads, january)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("QualifiedLeads (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLeadValidation(t *testing.T) {
	// Each bad lead follows two good ones and lies outside january.
	good := []sales.Lead{{Created: at(1)}, {Created: at(2), Qualified: at(3), Converted: at(4)}}
	tests := []struct {
		name  string
		lead  sales.Lead
		want  error
		field string
		msg   string
	}{
		{"zero lead", sales.Lead{}, metrics.ErrInvalid, "Leads.Created", "Leads[2].Created is not set: invalid value"},
		{"qualified but no created time", sales.Lead{Qualified: at(100)}, metrics.ErrInvalid, "Leads.Created", "Leads[2].Created is not set: invalid value"},
		{"qualified before created", sales.Lead{Created: at(100), Qualified: at(99)}, metrics.ErrInconsistent, "Leads.Qualified",
			"Leads[2].Qualified 2024-04-09T00:00:00Z is before Created 2024-04-10T00:00:00Z: inconsistent input"},
		{"converted before created", sales.Lead{Created: at(100), Converted: at(100).Add(-time.Nanosecond)}, metrics.ErrInconsistent, "Leads.Converted",
			"Leads[2].Converted 2024-04-09T23:59:59.999999999Z is before Created 2024-04-10T00:00:00Z: inconsistent input"},
	}
	for _, tt := range tests {
		for name, f := range leadFuncs {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				got, err := f(append(append([]sales.Lead(nil), good...), tt.lead), january)
				requireError(t, got, err, tt.want, tt.field, 2)
				if diff := cmp.Diff("sales."+name+": "+tt.msg, err.Error()); diff != "" {
					t.Errorf("message (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestLeadFuncsPeriodErrors(t *testing.T) {
	for _, p := range []sales.Period{{}, {Start: at(2), End: at(2)}, {Start: at(2), End: at(1)}} {
		for name, f := range leadFuncs {
			t.Run(name, func(t *testing.T) {
				got, err := f([]sales.Lead{{}}, p)
				requireError(t, got, err, metrics.ErrInvalid, "Period.End", -1)
				if !strings.HasPrefix(err.Error(), "sales."+name+": ") {
					t.Errorf("error %q does not name sales.%s", err, name)
				}
			})
		}
	}
}

func TestLeadsGeneratedProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		leads := rapid.SliceOfN(leadGen(), 0, 30).Draw(t, "leads")
		p := periodGen().Draw(t, "p")
		generated, err := sales.LeadsGenerated(leads, p)
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: the documented rule, restated.
		if want := refLeads(leads, p).generated; generated != want {
			t.Fatalf("got %d, reference %d", generated, want)
		}
		// Additive over consecutive periods.
		mid := p.Start.Add(time.Duration(rapid.IntRange(1, int(p.End.Sub(p.Start)/time.Hour)).Draw(t, "midHour")) * time.Hour)
		if mid.Before(p.End) {
			a, err1 := sales.LeadsGenerated(leads, sales.Period{Start: p.Start, End: mid})
			b, err2 := sales.LeadsGenerated(leads, sales.Period{Start: mid, End: p.End})
			if err := firstErr(err1, err2); err != nil || a+b != generated {
				t.Fatalf("%d + %d != %d (%v)", a, b, generated, err)
			}
		}
	})
}

func TestQualifiedLeadsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		leads := rapid.SliceOfN(leadGen(), 0, 30).Draw(t, "leads")
		p := periodGen().Draw(t, "p")
		qualified, err1 := sales.QualifiedLeads(leads, p)
		generated, err2 := sales.LeadsGenerated(leads, p)
		if err := firstErr(err1, err2); err != nil {
			t.Fatal(err)
		}
		if want := refLeads(leads, p).qualified; qualified != want {
			t.Fatalf("got %d, reference %d", qualified, want)
		}
		// Qualified leads are part of the generated ones.
		if qualified < 0 || qualified > generated {
			t.Fatalf("qualified %d of %d generated", qualified, generated)
		}
		// Order does not matter.
		shuffled := rapid.Permutation(leads).Draw(t, "shuffled")
		if again, err := sales.QualifiedLeads(shuffled, p); err != nil || again != qualified {
			t.Fatalf("shuffled: %d, want %d (%v)", again, qualified, err)
		}
	})
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func FuzzLeadsGenerated(f *testing.F) {
	for _, s := range fuzzLeadSeeds {
		f.Add(s, int8(0), int8(31))
	}
	f.Add([]byte{1, 0, 0}, int8(0), int8(0))
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8) {
		leads := fuzzLeads(data)
		got, err := sales.LeadsGenerated(leads, fuzzPeriod(startDay, days))
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got < 0 || got > len(leads) {
			t.Fatalf("%d leads generated of %d", got, len(leads))
		}
	})
}

func FuzzQualifiedLeads(f *testing.F) {
	for _, s := range fuzzLeadSeeds {
		f.Add(s, int8(0), int8(31))
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8) {
		leads, p := fuzzLeads(data), fuzzPeriod(startDay, days)
		got, err := sales.QualifiedLeads(leads, p)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		generated, err := sales.LeadsGenerated(leads, p)
		if err != nil || got < 0 || got > generated {
			t.Fatalf("%d qualified of %d generated (%v)", got, generated, err)
		}
	})
}

// leadErrorCases checks the errors every lead function shares: an invalid
// period, and a bad lead reported with its index. TestLeadValidation covers
// every lead rule on every function.
func leadErrorCases(t *testing.T, name string) {
	f := leadFuncs[name]
	tests := []struct {
		name  string
		leads []sales.Lead
		p     sales.Period
		want  error
		field string
		index int
	}{
		{"zero period", nil, sales.Period{}, metrics.ErrInvalid, "Period.End", -1},
		{"bad lead", []sales.Lead{{Created: at(1)}, {Created: at(3), Converted: at(2)}}, january, metrics.ErrInconsistent, "Leads.Converted", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f(tt.leads, tt.p)
			requireError(t, got, err, tt.want, tt.field, tt.index)
		})
	}
}

func TestLeadsGeneratedErrors(t *testing.T)        { leadErrorCases(t, "LeadsGenerated") }
func TestQualifiedLeadsErrors(t *testing.T)        { leadErrorCases(t, "QualifiedLeads") }
func TestNewCustomersFromLeadsErrors(t *testing.T) { leadErrorCases(t, "NewCustomersFromLeads") }
