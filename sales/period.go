package sales

import (
	"time"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// Period is a half-open span of time [Start, End): it contains Start and
// every instant up to End, but not End itself, so consecutive periods
// (January, then February) never count a record twice or miss one.
//
// A period is valid when End is after Start. Every function that takes a
// Period checks it and returns metrics.ErrInvalid for an empty or reversed
// period, including the zero Period.
type Period struct {
	Start time.Time // first instant in the period
	End   time.Time // first instant after the period
}

// Contains reports whether t lies in the period: Start ≤ t < End. An invalid
// period contains nothing.
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.Start) && t.Before(p.End)
}

// String formats the period as "[Start, End)" with RFC 3339 times.
func (p Period) String() string {
	return "[" + p.Start.Format(time.RFC3339Nano) + ", " + p.End.Format(time.RFC3339Nano) + ")"
}

// checkPeriod reports metrics.ErrInvalid unless p.End is after p.Start.
func checkPeriod(metric string, p Period) error {
	if !p.End.After(p.Start) {
		return check.Err(metric, "Period.End", p.End, metrics.ErrInvalid,
			"is not after Period.Start "+check.Text(p.Start))
	}
	return nil
}
