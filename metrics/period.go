package metrics

import (
	"time"

	"github.com/kpikit/kpikit/internal/check"
)

// Period is a half-open span of time [Start, End): it contains Start and every
// instant up to End, but not End itself, so consecutive periods (January, then
// February) never count a record twice or miss one. Every kpikit function that
// takes a time range takes a Period.
//
// A Period is valid when End is after Start; [Period.Validate] says so.
// [Month], [Quarter] and [Year] build the calendar periods in a location.
//
// One rule for the zero Period holds across kpikit:
//   - A function or method that takes a Period as an argument requires a
//     valid one: an empty or reversed Period, the zero Period included, is
//     [ErrInvalid] (Field "Period.End", or the parameter's name).
//   - An accumulator whose Period is a setting (an exported field, such as
//     the Period of crm.TicketStats, sales.DealStats and sales.LeadStats)
//     reads the zero Period, its default, as all time: every record counts,
//     as if the period began before the first record and had not ended yet,
//     so the zero accumulator is ready to use. A non-zero Period setting must
//     be valid ([ErrInvalid]); two accumulators over all time merge, and one
//     over all time and one over a period do not ([ErrMismatch]). A metric
//     that needs the period's length has none over all time
//     ([ErrUndefined]).
//
// The zero Period is the one whose Start and End are both the zero instant
// ([time.Time.IsZero]).
//
// In JSON a Period is {"start": "...", "end": "..."} with RFC 3339 times.
type Period struct {
	Start time.Time `json:"start"` // first instant in the period
	End   time.Time `json:"end"`   // first instant after the period
}

// Month returns the calendar month that starts at midnight on the first of
// month in loc:
//
//	[year-month-01 00:00 in loc, the first of the next month 00:00 in loc)
//
// Months outside January..December are normalised as [time.Date] does
// (month 13 of 2024 is January 2025). A nil loc means UTC.
func Month(year int, month time.Month, loc *time.Location) Period {
	if loc == nil {
		loc = time.UTC
	}
	start := time.Date(year, month, 1, 0, 0, 0, 0, loc)
	return Period{Start: start, End: start.AddDate(0, 1, 0)}
}

// Quarter returns the calendar quarter (1 for January–March, ..., 4 for
// October–December) of year in loc:
//
//	[first day of month 3·(quarter−1)+1, the same day three months later)
//
// Quarters outside 1..4 are normalised like months in [time.Date] (quarter 5
// of 2024 is the first quarter of 2025, quarter 0 the last of 2023). A nil loc
// means UTC.
func Quarter(year, quarter int, loc *time.Location) Period {
	if loc == nil {
		loc = time.UTC
	}
	start := time.Date(year, time.Month(3*(quarter-1)+1), 1, 0, 0, 0, 0, loc)
	return Period{Start: start, End: start.AddDate(0, 3, 0)}
}

// Year returns the calendar year in loc:
//
//	[year-01-01 00:00 in loc, (year+1)-01-01 00:00 in loc)
//
// A nil loc means UTC.
func Year(year int, loc *time.Location) Period {
	if loc == nil {
		loc = time.UTC
	}
	start := time.Date(year, time.January, 1, 0, 0, 0, 0, loc)
	return Period{Start: start, End: start.AddDate(1, 0, 0)}
}

// Validate returns nil if End is after Start, and otherwise an [*Error] with
// Field "Period.End" that unwraps to [ErrInvalid]. Functions that take a
// Period call it and report the error under their own name.
func (p Period) Validate() error {
	if !p.End.After(p.Start) {
		return check.Err("metrics.Period.Validate", "Period.End", p.End, ErrInvalid,
			"is not after Period.Start "+check.Text(p.Start))
	}
	return nil
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
