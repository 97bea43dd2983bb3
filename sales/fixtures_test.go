package sales_test

import (
	"time"

	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

// The records the examples and tests share.

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
var q1 = metrics.Quarter(2024, 1, time.UTC)

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

var exampleJanuary = metrics.Month(2024, time.January, time.UTC)

// goodDeals are valid, and give every deal metric a defined result in
// january.
var goodDeals = []sales.Deal{
	{ID: "won", Amount: dec("1000"), Stage: sales.StageWon, Created: at(-10), Closed: at(5), Owner: "ann"},
	{ID: "lost", Amount: dec("300"), Stage: sales.StageLost, Created: at(2), Closed: at(20), Owner: "bob"},
	{ID: "open", Amount: dec("2500"), Stage: sales.StageOpen, Created: at(3), Owner: "ann"},
	{ID: "won-created-in", Amount: dec("500"), Stage: sales.StageWon, Created: at(4), Closed: at(10), Owner: "bob"},
}

// badDeals break each rule of the Deal documentation; each lies outside
// january where it can, as every record is validated. field is the deal's
// field at fault.
var badDeals = []struct {
	name  string
	deal  sales.Deal
	want  error
	field string
}{
	{"zero deal", sales.Deal{}, metrics.ErrInvalid, "Stage"},
	{"unknown stage", sales.Deal{Stage: 9, Created: at(100)}, metrics.ErrInvalid, "Stage"},
	{"negative amount", sales.Deal{Stage: sales.StageOpen, Amount: dec("-0.01"), Created: at(100)}, metrics.ErrNegative, "Amount"},
	{"no created time", sales.Deal{Stage: sales.StageOpen, Amount: dec("1")}, metrics.ErrInvalid, "Created"},
	{"open deal with a close time", sales.Deal{Stage: sales.StageOpen, Created: at(100), Closed: at(101)}, metrics.ErrInconsistent, "Closed"},
	{"won deal without a close time", sales.Deal{Stage: sales.StageWon, Created: at(100)}, metrics.ErrInconsistent, "Closed"},
	{"closed before created", sales.Deal{Stage: sales.StageWon, Created: at(100), Closed: at(100).Add(-1)}, metrics.ErrInconsistent, "Closed"},
	{"closed long before created", sales.Deal{Stage: sales.StageLost, Created: at(100), Closed: at(100).AddDate(-300, 0, 0)}, metrics.ErrInconsistent, "Closed"},
	{"cycle beyond a time.Duration", sales.Deal{Stage: sales.StageLost, Created: at(100), Closed: at(100).AddDate(300, 0, 0)}, metrics.ErrOutOfRange, "Closed"},
}

// badLeads break each rule of the Lead documentation.
var badLeads = []struct {
	name  string
	lead  sales.Lead
	want  error
	field string
}{
	{"zero lead", sales.Lead{}, metrics.ErrInvalid, "Created"},
	{"qualified without created", sales.Lead{Qualified: at(1)}, metrics.ErrInvalid, "Created"},
	{"qualified before created", sales.Lead{Created: at(100), Qualified: at(99)}, metrics.ErrInconsistent, "Qualified"},
	{"converted before created", sales.Lead{Created: at(100), Converted: at(100).Add(-1)}, metrics.ErrInconsistent, "Converted"},
}

// accumulate adds every deal to a DealStats over p.
func accumulate(t testkit.TB, deals []sales.Deal, p metrics.Period) *sales.DealStats {
	t.Helper()
	s := &sales.DealStats{Period: p}
	for i, d := range deals {
		if err := s.Add(d); err != nil {
			t.Fatalf("deal %d: %v", i, err)
		}
	}
	return s
}

// accumulateLeads adds every lead to a LeadStats over p.
func accumulateLeads(t testkit.TB, leads []sales.Lead, p metrics.Period) *sales.LeadStats {
	t.Helper()
	s := &sales.LeadStats{Period: p}
	for i, l := range leads {
		if err := s.Add(l); err != nil {
			t.Fatalf("lead %d: %v", i, err)
		}
	}
	return s
}
