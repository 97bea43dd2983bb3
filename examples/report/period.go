package main

import (
	"strconv"
	"time"

	"github.com/kpikit/kpikit/examples/report/internal/dataset"
	"github.com/kpikit/kpikit/metrics"
)

// Period is one of the spans of time the report covers: the last month of
// the data, and the last quarter (the three months ending with it).
type Period struct {
	// Key identifies the period in JSON: "last_month", "last_quarter".
	Key string
	// Label names it for a reader: "last month", "last quarter".
	Label string
	// FirstMonth and LastMonth are the first instants of its first and last
	// months, in UTC.
	FirstMonth, LastMonth time.Time
	// Months is its length in calendar months.
	Months int
}

// Start is the period's first instant.
func (p Period) Start() time.Time { return p.FirstMonth }

// End is the first instant after the period.
func (p Period) End() time.Time { return p.LastMonth.AddDate(0, 1, 0) }

// Days is the period's length in calendar days.
func (p Period) Days() int { return int(p.End().Sub(p.Start()) / (24 * time.Hour)) }

// Contains reports whether t lies in the period: Start ≤ t < End.
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.Start()) && t.Before(p.End())
}

// metrics returns the period as kpikit takes it.
func (p Period) metrics() metrics.Period { return metrics.Period{Start: p.Start(), End: p.End()} }

// Span returns the months the period covers: "2025-12", or
// "2025-10 to 2025-12".
func (p Period) Span() string {
	if p.Months == 1 {
		return p.FirstMonth.Format("2006-01")
	}
	return p.FirstMonth.Format("2006-01") + " to " + p.LastMonth.Format("2006-01")
}

// reportPeriods returns the periods of the report of company c: its last
// month, then the three months ending with it. When the data covers fewer
// than three months the second period is what there is ("last 2 months"),
// and when it covers one month only there is no second period.
func reportPeriods(c dataset.Company) []Period {
	month := Period{Key: "last_month", Label: "last month", FirstMonth: c.LastMonth, LastMonth: c.LastMonth, Months: 1}
	first := c.LastMonth.AddDate(0, -2, 0)
	if first.Before(c.FirstMonth) {
		first = c.FirstMonth
	}
	n := monthsBetween(first, c.LastMonth) + 1
	switch n {
	case 1:
		return []Period{month}
	case 3:
		return []Period{month, {Key: "last_quarter", Label: "last quarter", FirstMonth: first, LastMonth: c.LastMonth, Months: 3}}
	}
	return []Period{month, {Key: "last_" + strconv.Itoa(n) + "_months", Label: "last " + strconv.Itoa(n) + " months",
		FirstMonth: first, LastMonth: c.LastMonth, Months: n}}
}

// monthPeriod returns the calendar month that starts at m.
func monthPeriod(m time.Time) Period {
	return Period{Key: m.Format("2006_01"), Label: m.Format("2006-01"), FirstMonth: m, LastMonth: m, Months: 1}
}

// quarterEnding returns the three months ending with month m, or fewer
// when the data starts later than the first of them (first is the data's
// first month).
func quarterEnding(m, first time.Time) Period {
	start := m.AddDate(0, -2, 0)
	if start.Before(first) {
		start = first
	}
	n := monthsBetween(start, m) + 1
	p := Period{FirstMonth: start, LastMonth: m, Months: n}
	p.Key = start.Format("2006_01") + "_to_" + m.Format("2006_01")
	p.Label = start.Format("2006-01") + " to " + m.Format("2006-01")
	if n == 1 {
		p.Key, p.Label = m.Format("2006_01"), m.Format("2006-01")
	}
	return p
}

// months returns every calendar month of company c's data, oldest first.
func months(c dataset.Company) []Period {
	var out []Period
	for m := c.FirstMonth; !m.After(c.LastMonth); m = m.AddDate(0, 1, 0) {
		out = append(out, monthPeriod(m))
	}
	return out
}

// monthsBetween returns the number of calendar months from a to b, both
// first instants of a month.
func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}
