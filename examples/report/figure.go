package main

import (
	"time"

	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// figure is the value of one metric for one period, as a metric's function
// returned it, with what the report shows beside it.
type figure struct {
	// num is the value of a metric whose unit is not a duration: the points
	// of a percent (5 for 5%), an amount of money, a score, a ratio, a
	// number of days, a count.
	num decimal.Decimal
	// dur is the value of a duration metric.
	dur time.Duration
	// ival is the 95% confidence interval of the value, when the report
	// computes one.
	ival *interval
	// note says what the value was computed from where the data left a
	// choice, or adds statistics about it.
	note string
}

// interval is a confidence interval at the report's level, in the unit of
// the value.
type interval struct {
	Method    string  // "Wilson", "adjusted Wald"
	Low, High float64 // ends, in points for a percent or a score
}

// confidence is the level of every interval in the report.
const confidence = 0.95

// percent returns the figure of a rate.
func percent(p metrics.Percent) figure { return figure{num: p.Points()} }

// count returns the figure of a count.
func count(n int) figure { return figure{num: decimal.NewFromInt(int64(n))} }

// wilson returns the Wilson interval of the rate part / whole, or nil when
// it is undefined (whole is zero).
func wilson(part, whole int) *interval {
	i, err := metrics.WilsonInterval(metrics.RateCounts{Part: part, Whole: whole}, confidence)
	if err != nil {
		return nil
	}
	return &interval{Method: "Wilson", Low: i.Low, High: i.High}
}

// npsInterval returns the adjusted Wald interval of an NPS, cut to the
// scale's −100..100, or nil when it is undefined (no answers).
func npsInterval(in crm.NPSInput) *interval {
	i, err := crm.NPSInterval(in, confidence, crm.NPSAdjustedWald)
	if err != nil {
		return nil
	}
	i = i.Clamp(-100, 100)
	return &interval{Method: crm.NPSAdjustedWald.String(), Low: i.Low, High: i.High}
}
