package main

import (
	"errors"

	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/examples/report/internal/dataset"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
)

// Report is the whole report, computed before any of it is printed.
type Report struct {
	Company  string
	Currency string   // the reporting currency of every amount
	Periods  []Period // the last month, then the last quarter
	Sections []Section
}

// Section holds the metrics of one category (CRM, sales) and one of Bill
// Band's classes, in catalog order.
type Section struct {
	Category metrics.Category
	Class    metrics.Class
	Rows     []Row
}

// Row is one metric and its results, one per period of the report.
type Row struct {
	Metric  metrics.Descriptor
	Results []Result // Results[i] is for Report.Periods[i]
}

// Result is a metric's value for one period, or why it has none.
type Result struct {
	// Value is the exact value in Unit ("5.25", "1234.5"); empty when NA
	// is set.
	Value string
	// Unit is what Value counts: "percent", "USD", "seconds", "score", ...
	Unit string
	// Display is the value rounded for reading, with its unit: "5.3%",
	// "1,234.50 USD", "4h 12m".
	Display string
	// NA says why the metric is undefined for the period ("no NPS answers
	// in the period"); empty when Value is set.
	NA string
	// Interval is the value's 95% confidence interval, when the report
	// computes one.
	Interval *Interval
	// Rating is the value's benchmark rating, when a built-in benchmark
	// rates the metric.
	Rating *Rating
	// Note says what the value was computed from.
	Note string
}

// Interval is a 95% confidence interval, in the unit of the value.
type Interval struct {
	Method    string  // "Wilson", "adjusted Wald"
	Low, High float64 // in points for a percent or a score
	Display   string  // "1.2% to 3.4%"
}

// Rating is a benchmark's verdict on a value.
type Rating struct {
	Tier    string // "above average"
	Band    string // "at least 5% and below 10%"
	Segment string // "CRM software, United States"
	Source  string // "seed 004"
}

// String returns "tier (band; segment; source)", as benchmark.Rating does.
func (r Rating) String() string {
	return r.Tier + " (" + r.Band + "; " + r.Segment + "; " + r.Source + ")"
}

// segments names, for each metric with built-in benchmarks, the segment
// that fits Larkspur, a company selling CRM software as a service in the
// United States.
var segments = map[string]benchmark.Segment{
	"mrr_growth_rate":           {Industry: "SaaS", Region: "United States"},
	crm.CACID:                   {Industry: "SaaS", Region: "United States"},
	"cltv":                      {Industry: "software", Region: "United States"},
	crm.ChurnRateID:             {Industry: "CRM software", Region: "United States"},
	sales.LeadConversionRateID:  {Industry: "all industries"},
	crm.NPSID:                   {Industry: "CRM software"},
	crm.AverageResolutionTimeID: {Industry: "CRM software", Region: "United States"},
}

// descriptors returns every metric kpikit describes: package crm's, then
// package sales'.
func descriptors() []metrics.Descriptor {
	return append(crm.Descriptors(), sales.Descriptors()...)
}

// classes is the order of the sections within a category.
var classes = []metrics.Class{metrics.ClassBusinessPerformance, metrics.ClassUserAdoption, metrics.ClassCustomerPerception}

// build computes the report of data set d.
func build(d *dataset.Dataset) (*Report, error) {
	recs, err := newRecords(d)
	if err != nil {
		return nil, err
	}
	rep := &Report{Company: d.Company.Name, Currency: d.Company.Currency, Periods: reportPeriods(d.Company)}
	data := make([]*periodData, len(rep.Periods))
	for i, p := range rep.Periods {
		if data[i], err = newPeriodData(recs, p); err != nil {
			return nil, err
		}
	}
	all := descriptors()
	for _, cat := range []metrics.Category{metrics.CategoryCRM, metrics.CategorySales} {
		for _, class := range classes {
			s := Section{Category: cat, Class: class}
			for _, m := range all {
				if m.Category != cat || m.Class != class {
					continue
				}
				row := Row{Metric: m}
				for _, x := range data {
					row.Results = append(row.Results, result(m, x))
				}
				s.Rows = append(s.Rows, row)
			}
			if len(s.Rows) > 0 {
				rep.Sections = append(rep.Sections, s)
			}
		}
	}
	return rep, nil
}

// result computes metric m for the period of x.
func result(m metrics.Descriptor, x *periodData) Result {
	f, ok := compute[m.ID]
	if !ok {
		return Result{NA: "not computed by this report"}
	}
	fig, err := f(x)
	if err != nil {
		var na *notAvailable
		if errors.As(err, &na) {
			return Result{NA: na.reason}
		}
		return Result{NA: "error: " + err.Error()}
	}
	r := Result{Note: fig.note}
	r.Value, r.Unit = exactValue(m.Unit, fig, x.currency)
	r.Display = display(m.Unit, fig, x.currency)
	if fig.ival != nil {
		r.Interval = &Interval{Method: fig.ival.Method, Low: fig.ival.Low, High: fig.ival.High,
			Display: intervalText(m.Unit, fig.ival)}
	}
	r.Rating, r.Note = rate(m, fig, x.currency, r.Note)
	return r
}

// rate rates fig against the built-in benchmark of metric m for its segment
// (see segments), if there is one. A money benchmark in another currency
// than the report's gives no rating and says so in the note.
func rate(m metrics.Descriptor, fig figure, currency, note string) (*Rating, string) {
	seg, ok := segments[m.ID]
	if !ok {
		return nil, note
	}
	b, ok := benchmark.Lookup(m.ID, seg)
	if !ok {
		return nil, note
	}
	var v benchmark.Value
	switch m.Unit {
	case metrics.UnitPercent:
		v = benchmark.Percent(metrics.NewPercent(fig.num))
	case metrics.UnitMoney:
		v = benchmark.Money(fig.num, currency)
	case metrics.UnitDuration:
		v = benchmark.Duration(fig.dur)
	default:
		v = benchmark.Number(m.Unit, fig.num)
	}
	r, err := b.Classify(v)
	if err != nil {
		if errors.Is(err, metrics.ErrMismatch) {
			return nil, joinNote(note, "not rated: the benchmark is in "+b.Spec().Currency)
		}
		return nil, joinNote(note, "not rated: "+err.Error())
	}
	return &Rating{Tier: r.Tier.String(), Band: r.Band.String(), Segment: r.Segment.String(), Source: r.Source.String()}, note
}

// joinNote appends b to note a.
func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
