package sales_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"pgregory.net/rapid"
)

func ExampleLeadStats() {
	// January 2024: L-1 and L-2 were created in it (L-4 on 1 February is in
	// the next period); L-1 was qualified in January, L-2 only in February;
	// L-3, created in December, converted in January.
	s := sales.LeadStats{Period: metrics.Month(2024, time.January, time.UTC)}
	for _, l := range exampleLeads() {
		if err := s.Add(l); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println("leads generated:", s.LeadsGenerated())
	fmt.Println("qualified leads:", s.QualifiedLeads())
	fmt.Println("new customers:", s.NewCustomersAcquired())
	rate, err := s.LeadConversionRate()
	fmt.Println("conversion rate:", rate, err)
	// Output:
	// leads generated: 2
	// qualified leads: 1
	// new customers: 1
	// conversion rate: 0% <nil>
}

// The zero LeadStats is ready to use: its zero Period is all time, so every
// lead counts, whenever it was created, qualified or converted.
func ExampleLeadStats_allTime() {
	var s sales.LeadStats
	for _, l := range exampleLeads() {
		if err := s.Add(l); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println("leads generated:", s.LeadsGenerated())
	fmt.Println("qualified leads:", s.QualifiedLeads())
	fmt.Println("new customers:", s.NewCustomersAcquired())
	rate, err := s.LeadConversionRate()
	fmt.Println("conversion rate:", rate, err)
	// Output:
	// leads generated: 4
	// qualified leads: 3
	// new customers: 2
	// conversion rate: 50% <nil>
}

func ExampleLeadStats_LeadConversionRate() {
	// Over January and February, L-1, L-2 and L-4 were created and L-2
	// converted: 1 of 3.
	s := sales.LeadStats{Period: metrics.Period{Start: exampleJanuary.Start, End: exampleJanuary.End.AddDate(0, 1, 0)}}
	for _, l := range exampleLeads() {
		if err := s.Add(l); err != nil {
			fmt.Println(err)
			return
		}
	}
	rate, err := s.LeadConversionRate()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate.StringFixed(1))
	// With no lead created in the period, the rate is undefined.
	empty := sales.LeadStats{Period: metrics.Month(2030, time.January, time.UTC)}
	_, err = empty.LeadConversionRate()
	fmt.Println(err)
	// Output:
	// 33.3%
	// sales.LeadStats.LeadConversionRate: Leads 0 is zero: undefined for this input
}

func ExampleLeadStats_Add() {
	s := sales.LeadStats{Period: exampleJanuary}
	err := s.Add(sales.Lead{ID: "L-9", Created: time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC),
		Converted: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)})
	fmt.Println(err)
	// Output:
	// sales.LeadStats.Add: Lead.Converted 2024-01-02T00:00:00Z is before Created 2024-01-05T00:00:00Z: inconsistent input
}

// Two shards' figures, one carried as bytes, merge into the figures of all
// the leads.
func ExampleLeadStats_Merge() {
	leads := exampleLeads()
	a, b := sales.LeadStats{Period: exampleJanuary}, sales.LeadStats{Period: exampleJanuary}
	for i, l := range leads {
		shard := &a
		if i%2 == 1 {
			shard = &b
		}
		if err := shard.Add(l); err != nil {
			fmt.Println(err)
			return
		}
	}
	data, err := b.MarshalBinary()
	if err != nil {
		fmt.Println(err)
		return
	}
	var received sales.LeadStats
	if err := received.UnmarshalBinary(data); err != nil {
		fmt.Println(err)
		return
	}
	if err := a.Merge(&received); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.LeadsGenerated(), a.QualifiedLeads(), a.NewCustomersAcquired())
	// Output:
	// 2 1 1
}

func ExampleLeadStats_MarshalJSON() {
	s := sales.LeadStats{Period: exampleJanuary}
	for _, l := range exampleLeads() {
		if err := s.Add(l); err != nil {
			fmt.Println(err)
			return
		}
	}
	data, err := json.Marshal(s)
	fmt.Println(string(data), err)
	// Output:
	// {"period":{"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z"},"leads_generated":2,"qualified_leads":1,"converted":0,"new_customers_acquired":1} <nil>
}

// leadView is every figure a LeadStats gives.
type leadView struct {
	Period                             string
	Generated, Qualified, NewCustomers int
	ConversionRate                     string
}

func viewLeads(s *sales.LeadStats) leadView {
	return leadView{Period: s.Period.String(), Generated: s.LeadsGenerated(), Qualified: s.QualifiedLeads(),
		NewCustomers: s.NewCustomersAcquired(), ConversionRate: viewResult(s.LeadConversionRate())}
}

func TestLeadStats(t *testing.T) {
	allTime := metrics.Period{}
	tests := []struct {
		name  string
		leads []sales.Lead
		p     metrics.Period
		want  leadView
	}{
		{"none", nil, january, leadView{ConversionRate: undefined}},
		{"examples", exampleLeads(), january, leadView{Generated: 2, Qualified: 1, NewCustomers: 1, ConversionRate: "0%"}},
		{"one of four", []sales.Lead{{Created: at(0), Converted: at(3)}, {Created: at(1)}, {Created: at(2)}, {Created: at(30)}}, january, leadView{Generated: 4, NewCustomers: 1, ConversionRate: "25%"}},
		{"created at start, at end", []sales.Lead{{Created: at(0)}, {Created: at(31)}}, january, leadView{Generated: 1, ConversionRate: "0%"}},
		{"milestones at end are too late", []sales.Lead{{Created: at(1), Qualified: at(31), Converted: at(31)}}, january, leadView{Generated: 1, ConversionRate: "0%"}},
		{"milestones just before end", []sales.Lead{{Created: at(1), Qualified: at(31).Add(-1), Converted: at(31).Add(-1)}}, january, leadView{Generated: 1, Qualified: 1, NewCustomers: 1, ConversionRate: "100%"}},
		{"converted at start, created before", []sales.Lead{{Created: at(-5), Converted: at(0)}}, january, leadView{NewCustomers: 1, ConversionRate: undefined}},
		{"repeating", []sales.Lead{{Created: at(1), Converted: at(2)}, {Created: at(1)}, {Created: at(1)}}, january, leadView{Generated: 3, NewCustomers: 1, ConversionRate: "33.3333333333%"}},
		// The zero Period is all time: every lead was created in it, and
		// every milestone reached before its end.
		{"all time: none", nil, allTime, leadView{ConversionRate: undefined}},
		{"all time", []sales.Lead{
			{Created: at(-5), Converted: at(0)}, {Created: at(1), Qualified: at(31), Converted: at(31)},
			{Created: at(31)}, {Created: at(400), Qualified: at(401)},
		}, allTime, leadView{Generated: 4, Qualified: 2, NewCustomers: 2, ConversionRate: "50%"}},
		{"all time: before year 1", []sales.Lead{{Created: time.Date(-3, 1, 1, 0, 0, 0, 0, time.UTC), Converted: time.Date(-2, 1, 1, 0, 0, 0, 0, time.UTC)}},
			allTime, leadView{Generated: 1, NewCustomers: 1, ConversionRate: "100%"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := accumulateLeads(t, tt.leads, tt.p)
			tt.want.Period = tt.p.String()
			if diff := cmp.Diff(tt.want, viewLeads(got)); diff != "" {
				t.Errorf("LeadStats (-want +got):\n%s", diff)
			}
		})
	}
}

// leadAddInput describes LeadStats.Add's inputs for RequireFieldOf.
type leadAddInput struct {
	Period metrics.Period
	Lead   sales.Lead
}

func TestLeadStatsAddErrors(t *testing.T) {
	// The zero Period is all time; any other must be valid.
	for _, p := range []metrics.Period{{Start: at(3), End: at(3)}, {Start: at(31), End: at(0)}, {Start: at(3)}} {
		s := sales.LeadStats{Period: p}
		requireError(t, leadAddInput{}, nil, s.Add(sales.Lead{Created: at(1)}), metrics.ErrInvalid, "Period.End", -1)
	}
	for _, tt := range badLeads {
		t.Run(tt.name, func(t *testing.T) {
			s := accumulateLeads(t, exampleLeads(), january)
			before := viewLeads(s)
			err := s.Add(tt.lead)
			requireError(t, leadAddInput{}, nil, err, tt.want, "Lead."+tt.field, -1)
			if diff := cmp.Diff(before, viewLeads(s)); diff != "" {
				t.Errorf("a failed Add changed the figures (-before +after):\n%s", diff)
			}
		})
	}
	// After a change of Period, Add counts over the first one; the Marshal
	// methods report the change.
	s := accumulateLeads(t, exampleLeads(), january)
	s.Period.Start = s.Period.Start.Add(time.Hour)
	if err := s.Add(sales.Lead{Created: at(0)}); err != nil || s.LeadsGenerated() != 3 {
		t.Errorf("Add after a change of Period: %v, %d leads generated, want 3", err, s.LeadsGenerated())
	}
	_, err := s.MarshalBinary()
	requireError(t, leadAddInput{}, nil, err, metrics.ErrMismatch, "Period", -1)
	// A count at math.MaxInt takes no more.
	for _, tt := range []struct {
		name string
		form []byte
		lead sales.Lead
	}{
		{"generated", leadForm(january, math.MaxInt, 0, 0, 0), sales.Lead{Created: at(1)}},
		{"new customers", leadForm(january, 0, 0, 0, math.MaxInt), sales.Lead{Created: at(-1), Converted: at(1)}},
	} {
		var s sales.LeadStats
		if err := s.UnmarshalBinary(tt.form); err != nil {
			t.Fatal(err)
		}
		before := viewLeads(&s)
		requireError(t, leadAddInput{}, nil, s.Add(tt.lead), metrics.ErrOutOfRange, "Lead", -1)
		if diff := cmp.Diff(before, viewLeads(&s)); diff != "" {
			t.Errorf("%s: a failed Add changed the figures (-before +after):\n%s", tt.name, diff)
		}
	}
}

func TestLeadStatsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		leads := rapid.SliceOfN(leadGen(), 0, 30).Draw(t, "leads")
		p := settingGen().Draw(t, "p")
		s := accumulateLeads(t, leads, p)
		ref := refLeads(leads, p)
		if diff := cmp.Diff([3]int{ref.generated, ref.qualified, ref.convertedIn},
			[3]int{s.LeadsGenerated(), s.QualifiedLeads(), s.NewCustomersAcquired()}); diff != "" {
			t.Fatalf("generated, qualified, new customers (-want +got):\n%s", diff)
		}
		rate, err := s.LeadConversionRate()
		if ref.generated == 0 {
			testkit.RequireSentinel(t, err, metrics.ErrUndefined)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		requirePercentRange(t, rate, 0, 100)
		testkit.RequireRat(t, rate.Points(), quo(testkit.RatInt(100*ref.converted), testkit.RatInt(ref.generated)))
	})
}

// leadRoundTrip returns s after a binary or JSON round trip.
func leadRoundTrip(t testkit.TB, form string, s *sales.LeadStats) *sales.LeadStats {
	t.Helper()
	var back sales.LeadStats
	var data []byte
	var err error
	if form == "binary" {
		if data, err = s.MarshalBinary(); err == nil {
			err = back.UnmarshalBinary(data)
		}
	} else if data, err = json.Marshal(s); err == nil {
		err = json.Unmarshal(data, &back)
	}
	if err != nil {
		t.Fatalf("%s round trip: %v", form, err)
	}
	return &back
}

// TestLeadStatsShardProperty: shards accumulated, serialised, deserialised
// and merged in random order give the one pass's figures and binary form.
func TestLeadStatsShardProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		leads := rapid.SliceOfN(leadGen(), 0, 30).Draw(t, "leads")
		p := settingGen().Draw(t, "p")
		whole := accumulateLeads(t, leads, p)
		form := rapid.SampledFrom([]string{"binary", "JSON"}).Draw(t, "form")
		var shards []*sales.LeadStats
		for _, part := range split(t, leads) {
			shards = append(shards, leadRoundTrip(t, form, accumulateLeads(t, part, p)))
		}
		merged := &sales.LeadStats{Period: p}
		for _, s := range rapid.Permutation(shards).Draw(t, "order") {
			if err := merged.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(viewLeads(whole), viewLeads(merged)); diff != "" {
			t.Fatalf("merged shards (-one pass +merged):\n%s", diff)
		}
		a, errA := whole.MarshalBinary()
		b, errB := merged.MarshalBinary()
		if err := errors.Join(errA, errB); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("binary forms (-one pass +merged):\n%s", diff)
		}
		doubled := *merged
		if err := doubled.Merge(&doubled); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(viewLeads(accumulateLeads(t, append(append([]sales.Lead(nil), leads...), leads...), p)), viewLeads(&doubled)); diff != "" {
			t.Fatalf("s.Merge(s) (-leads twice +doubled):\n%s", diff)
		}
	})
}

// leadMergeInput describes LeadStats.Merge's inputs for RequireFieldOf.
type leadMergeInput struct {
	Period metrics.Period
	//lint:ignore U1000 RequireFieldOf reads it by reflection
	other struct {
		Period                               metrics.Period
		LeadsGenerated, NewCustomersAcquired int
	}
}

func TestLeadStatsMergeErrors(t *testing.T) {
	jan := accumulateLeads(t, exampleLeads(), january)
	feb := accumulateLeads(t, exampleLeads(), metrics.Month(2024, time.February, nil))
	s := *jan
	requireError(t, leadMergeInput{}, nil, s.Merge(feb), metrics.ErrMismatch, "other.Period", -1)
	if diff := cmp.Diff(viewLeads(jan), viewLeads(&s)); diff != "" {
		t.Errorf("a failed Merge changed the figures (-want +got):\n%s", diff)
	}
	// The zero Period (all time) differs from every other period.
	var zero sales.LeadStats
	requireError(t, leadMergeInput{}, nil, zero.Merge(jan), metrics.ErrMismatch, "other.Period", -1)
	requireError(t, leadMergeInput{}, nil, s.Merge(&zero), metrics.ErrMismatch, "other.Period", -1)
	if diff := cmp.Diff(viewLeads(&sales.LeadStats{}), viewLeads(&zero)); diff != "" {
		t.Errorf("a failed Merge changed the zero LeadStats (-want +got):\n%s", diff)
	}
	bad := sales.LeadStats{Period: metrics.Period{Start: at(3), End: at(3)}}
	requireError(t, leadMergeInput{}, nil, bad.Merge(jan), metrics.ErrInvalid, "Period.End", -1)
	requireError(t, leadMergeInput{}, nil, s.Merge(&bad), metrics.ErrInvalid, "other.Period.End", -1)
	changed := *jan
	changed.Period.End = changed.Period.End.Add(time.Second)
	requireError(t, leadMergeInput{}, nil, s.Merge(&changed), metrics.ErrMismatch, "other.Period", -1)
	requireError(t, leadMergeInput{}, nil, changed.Merge(&s), metrics.ErrMismatch, "Period", -1)
	for _, tt := range []struct {
		full, one []byte
		field     string
	}{
		{leadForm(january, math.MaxInt, 0, 0, 0), leadForm(january, 1, 0, 0, 0), "other.LeadsGenerated"},
		{leadForm(january, 0, 0, 0, math.MaxInt), leadForm(january, 0, 0, 0, 1), "other.NewCustomersAcquired"},
	} {
		var a, b sales.LeadStats
		if err := errors.Join(a.UnmarshalBinary(tt.full), b.UnmarshalBinary(tt.one)); err != nil {
			t.Fatal(err)
		}
		requireError(t, leadMergeInput{}, nil, a.Merge(&b), metrics.ErrOutOfRange, tt.field, -1)
	}
}

// leadForm is the binary form of a LeadStats, written from its
// documentation.
func leadForm(p metrics.Period, generated, qualified, converted, newCustomers uint64) []byte {
	return cat([]byte{'L', 1}, tm(p.Start), tm(p.End), uv(generated), uv(qualified), uv(converted), uv(newCustomers))
}

func TestLeadStatsBinaryForm(t *testing.T) {
	got, err := accumulateLeads(t, exampleLeads(), january).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(leadForm(january, 2, 1, 0, 1), got); diff != "" {
		t.Errorf("MarshalBinary (-want +got):\n%s", diff)
	}
}

func TestLeadStatsCodecErrors(t *testing.T) {
	head := cat([]byte{'L', 1}, tm(january.Start), tm(january.End))
	n := len(head)
	valid := leadForm(january, 3, 2, 1, 5)
	binaryTests := []struct {
		name string
		data []byte
		at   int
	}{
		{"empty", nil, 0},
		{"a DealStats form", statsForm(january, [5]uint64{}, 0, 0), 0},
		{"more qualified than leads", leadForm(january, 1, 2, 0, 0), n + 1},
		{"more converted than leads", leadForm(january, 1, 0, 2, 0), n + 2},
		{"trailing byte", cat(valid, []byte{1}), len(valid)},
		{"truncated", valid[:len(valid)-1], len(valid) - 1},
	}
	for _, tt := range binaryTests {
		t.Run(tt.name, func(t *testing.T) {
			s := accumulateLeads(t, exampleLeads(), january)
			before := viewLeads(s)
			requireError(t, dataInput{}, nil, s.UnmarshalBinary(tt.data), metrics.ErrInvalid, "data", tt.at)
			if diff := cmp.Diff(before, viewLeads(s)); diff != "" {
				t.Errorf("a failed UnmarshalBinary changed the figures (-before +after):\n%s", diff)
			}
		})
	}
	const p = `"period":{"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z"}`
	jsonTests := []struct {
		name, data, field string
		index             int
	}{
		{"not JSON", `[`, "data", 1},
		{"unknown key", `{` + p + `,"leads":1}`, "data", 82},
		{"reversed period", `{"period":{"start":"2024-02-01T00:00:00Z","end":"2024-01-01T00:00:00Z"}}`, "Period.End", -1},
		{"empty period", `{"period":{"start":"2024-02-01T00:00:00Z","end":"2024-02-01T00:00:00Z"}}`, "Period.End", -1},
		{"negative count", `{` + p + `,"new_customers_acquired":-1}`, "NewCustomersAcquired", -1},
		{"more qualified than leads", `{` + p + `,"leads_generated":1,"qualified_leads":2}`, "QualifiedLeads", -1},
		{"more converted than leads", `{` + p + `,"converted":1}`, "Converted", -1},
	}
	for _, tt := range jsonTests {
		t.Run(tt.name, func(t *testing.T) {
			s := accumulateLeads(t, exampleLeads(), january)
			before := viewLeads(s)
			requireError(t, jsonInput{}, nil, s.UnmarshalJSON([]byte(tt.data)), metrics.ErrInvalid, tt.field, tt.index)
			if diff := cmp.Diff(before, viewLeads(s)); diff != "" {
				t.Errorf("a failed UnmarshalJSON changed the figures (-before +after):\n%s", diff)
			}
		})
	}
	bad := sales.LeadStats{Period: metrics.Period{Start: at(3), End: at(3)}}
	_, err := bad.MarshalBinary()
	requireError(t, leadAddInput{}, nil, err, metrics.ErrInvalid, "Period.End", -1)
	_, err = bad.MarshalJSON()
	requireError(t, leadAddInput{}, nil, err, metrics.ErrInvalid, "Period.End", -1)
}

// FuzzLeadStatsAdd: Add never panics, names the lead's field on error and
// leaves the figures unchanged; the parts never exceed the whole.
func FuzzLeadStatsAdd(f *testing.F) {
	for _, s := range fuzzLeadSeeds {
		f.Add(s, int8(0), int8(31))
		f.Add(s, int8(-128), int8(0)) // the zero Period
	}
	f.Fuzz(func(t *testing.T, data []byte, startDay, days int8) {
		s := sales.LeadStats{Period: fuzzPeriod(startDay, days)}
		leads := fuzzLeads(data)
		for _, l := range leads {
			before := viewLeads(&s)
			if err := s.Add(l); err != nil {
				testkit.RequireFieldOf(t, err, leadAddInput{})
				if diff := cmp.Diff(before, viewLeads(&s)); diff != "" {
					t.Fatalf("a failed Add changed the figures (-before +after):\n%s", diff)
				}
			}
		}
		if s.QualifiedLeads() > s.LeadsGenerated() || s.LeadsGenerated() > len(leads) || s.NewCustomersAcquired() > len(leads) {
			t.Fatalf("figures %+v from %d leads", viewLeads(&s), len(leads))
		}
		if rate, err := s.LeadConversionRate(); err == nil {
			requirePercentRange(t, rate, 0, 100)
		}
	})
}

// FuzzLeadStatsUnmarshalBinary: never panics; what it accepts is canonical.
func FuzzLeadStatsUnmarshalBinary(f *testing.F) {
	f.Add(leadForm(january, 3, 2, 1, 5))
	f.Add([]byte{'L', 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		var s sales.LeadStats
		if err := s.UnmarshalBinary(data); err != nil {
			testkit.RequireFieldOf(t, err, dataInput{})
			return
		}
		again, err := s.MarshalBinary()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("decoded and encoded again: %x (%v), want %x", again, err, data)
		}
		if diff := cmp.Diff(viewLeads(&s), viewLeads(leadRoundTrip(t, "JSON", &s))); diff != "" {
			t.Fatalf("JSON round trip (-want +got):\n%s", diff)
		}
	})
}

// FuzzLeadStatsUnmarshalJSON: never panics; what it accepts round-trips.
func FuzzLeadStatsUnmarshalJSON(f *testing.F) {
	f.Add([]byte(`{"period":{"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z"},"leads_generated":2,"qualified_leads":1,"converted":0,"new_customers_acquired":1}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s sales.LeadStats
		if err := s.UnmarshalJSON(data); err != nil {
			testkit.RequireFieldOf(t, err, jsonInput{})
			if !strings.HasPrefix(err.Error(), "sales.LeadStats.UnmarshalJSON: ") {
				t.Fatalf("error %q does not name its method", err)
			}
			return
		}
		if diff := cmp.Diff(viewLeads(&s), viewLeads(leadRoundTrip(t, "binary", &s))); diff != "" {
			t.Fatalf("binary round trip (-want +got):\n%s", diff)
		}
	})
}
