package main

import (
	"time"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/examples/report/internal/dataset"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
)

// Report is the whole report, computed before any of it is printed. Each
// renderer (text, Markdown, JSON) prints all of it.
type Report struct {
	Company  string
	Currency string // the reporting currency of every amount
	// AsOf is the first instant after the data: the start of the month
	// after company.csv's last_month. A cohort is mature when enough time
	// has passed between its period's end and AsOf.
	AsOf time.Time
	// Periods are the report's two periods: the last month, then the last
	// quarter.
	Periods []Period
	// Missing lists the data files that were not there.
	Missing  []string
	Sections []Section
}

// Section is one part of the report: the MRR bridge, the trend, the cohort
// triangle, or a group of metrics. It holds tables, metric rows, or both.
type Section struct {
	Key   string // identifies it in JSON: "mrr_bridge"
	Title string // "MRR bridge"
	// Intro says in a sentence or two what the section shows and how.
	Intro  string
	Tables []Table
	Rows   []Row
}

// Row is one metric and its results, one per period it is shown for.
type Row struct {
	Metric metrics.Descriptor
	// Call names the kpikit function or method that computed the value,
	// "crm.ChurnRate", so that a reader goes from the line to its code.
	Call    string
	Results []Result
	// About is a sentence on what the metric means here, when it needs one
	// (why the lifetime values differ).
	About string
}

// Result is a metric's value for one period, or why it has none.
type Result struct {
	Period Period
	// Value is the exact value in Unit ("5.25", "1234.5"); empty when NA
	// is set.
	Value string
	// Unit is the metric's unit, as the report names units everywhere:
	// "percent" (in points), "money" (in the report's currency),
	// "duration" (in seconds), "score", "ratio", "count", ...
	Unit string
	// Display is the value rounded for reading, with its unit: "5.3%",
	// "1,234.50 USD", "4h 12m".
	Display string
	// NA says why the metric has no value for the period ("no NPS answers
	// in the period", "no tickets.csv", "not mature yet (needs 90 days...)");
	// empty when Value is set.
	NA string
	// Interval is the value's 95% confidence interval, when there is one.
	Interval *Interval
	// Rating is the benchmark's verdict, when a built-in benchmark of the
	// same period basis rates the metric.
	Rating *Rating
	// NotRated says why a metric with a built-in benchmark is not rated for
	// this period.
	NotRated string
	// Note says what the value was computed from.
	Note string
}

// Interval is a 95% confidence interval, in the unit of the value.
type Interval struct {
	Method    string  // "Wilson", "adjusted Wald"
	Low, High float64 // in points for a percent or a score
	Display   string  // "1.2% to 3.4%"
}

// Table is a table of figures: the MRR bridge, the trend, the cohort
// triangle.
type Table struct {
	Key     string // identifies it in JSON
	Title   string
	Columns []Column
	Rows    []TableRow
	// Notes are sentences below the table: the bridge's identity, NRR and
	// GRR beside it.
	Notes []string
	// NA says why the table has no rows ("no subscriptions.csv").
	NA string
}

// Column is one column of a table.
type Column struct {
	Key   string // "mrr"
	Title string // "MRR"
	Unit  string // as Result.Unit; "" for a column of labels
	Call  string // the kpikit call that computes the column, if one does
}

// TableRow is one row of a table.
type TableRow struct {
	Label string // "2025-12", "new", "2025-03 cohort"
	Cells []Cell // one per column
}

// Cell is one figure of a table, or why it has none.
type Cell struct {
	Value    string // exact, in the column's unit; empty when NA is set or the cell is blank
	Display  string // rounded for reading
	Interval *Interval
	NA       string // why there is no value; "" and no Value for a blank cell
}

// build computes the report of data set d.
func build(d *dataset.Dataset) (*Report, error) {
	in, err := newInputs(d)
	if err != nil {
		return nil, err
	}
	rep := &Report{Company: d.Company.Name, Currency: d.Company.Currency, AsOf: in.asOf,
		Periods: reportPeriods(d.Company), Missing: d.Missing}
	r := &reporter{in: in, periods: map[string]*periodData{}}
	for _, p := range rep.Periods {
		x, err := r.period(p)
		if err != nil {
			return nil, err
		}
		r.main = append(r.main, x)
	}
	sections := []func() (Section, error){
		r.bridgeSection, r.trendSection, r.cohortSection,
		r.customersSection, r.lifetimeValueSection, r.surveysSection, r.supportSection,
		r.salesSection, r.cohortMetricsSection, r.marketingSection, r.adoptionSection,
	}
	for _, f := range sections {
		s, err := f()
		if err != nil {
			return nil, err
		}
		rep.Sections = append(rep.Sections, s)
	}
	return rep, nil
}

// reporter computes the sections from the inputs, once per period.
type reporter struct {
	in *inputs
	// main holds the inputs of the report's periods, in Report.Periods'
	// order.
	main []*periodData
	// periods caches the inputs of every period computed, by key.
	periods map[string]*periodData
}

// period returns the inputs of period p, computed once.
func (r *reporter) period(p Period) (*periodData, error) {
	key := p.Span()
	if x, ok := r.periods[key]; ok {
		return x, nil
	}
	x, err := newPeriodData(r.in, p)
	if err != nil {
		return nil, err
	}
	r.periods[key] = x
	return x, nil
}

// descriptors returns every metric kpikit describes: package crm's, then
// package sales'.
func descriptors() []metrics.Descriptor {
	return append(crm.Descriptors(), sales.Descriptors()...)
}

// describe returns the descriptor of metric id.
func describe(id string) metrics.Descriptor {
	if m, ok := crm.Describe(id); ok {
		return m
	}
	if m, ok := sales.Describe(id); ok {
		return m
	}
	return metrics.Descriptor{ID: id, Name: id}
}
