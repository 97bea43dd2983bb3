package clv

import (
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// TimeUnit is the unit in which a [Summaries] accumulator states Recency and
// Age, and so the unit of every rate a model fitted to them estimates (the
// BG/NBD α, the Pareto/NBD β).
//
// Times are counted in whole calendar days first (see [Summaries]) and then
// divided by the unit's length in days:
//
//	Day   = 1 day
//	Week  = 7 days
//	Month = 365.25 / 12 = 30.4375 days (the mean Gregorian-Julian month, not the
//	        calendar month: a time in months is a count of days divided by 30.4375)
//
// The zero TimeUnit is Week, the unit of the published CDNOW fits (Fader,
// Hardie & Lee, "Counting Your Customers the Easy Way: An Alternative to the
// Pareto/NBD Model", Marketing Science 24(2), 2005).
//
// TimeUnit implements encoding.TextMarshaler and encoding.TextUnmarshaler
// with the names "day", "week" and "month", so it reads from and writes to
// JSON, YAML or a flag as text.
type TimeUnit uint8

// The time units.
const (
	Week  TimeUnit = iota // 7 days; the zero TimeUnit
	Day                   // 1 calendar day
	Month                 // 365.25/12 = 30.4375 days
)

var timeUnitNames = [...]string{Week: "week", Day: "day", Month: "month"}

// Days returns the length of the unit in days: 1, 7 or 30.4375. It returns
// 0 for a value that is not one of the time units.
func (u TimeUnit) Days() float64 {
	switch u {
	case Day:
		return 1
	case Week:
		return 7
	case Month:
		return 365.25 / 12
	}
	return 0
}

// String returns the unit's name ("day", "week", "month"), or "TimeUnit(n)"
// for a value that is not one of the time units.
func (u TimeUnit) String() string {
	if int(u) < len(timeUnitNames) {
		return timeUnitNames[u]
	}
	return "TimeUnit(" + strconv.Itoa(int(u)) + ")"
}

// valid reports whether u is one of the time units.
func (u TimeUnit) valid() bool { return int(u) < len(timeUnitNames) }

// MarshalText returns the unit's name, as String does.
//
// MarshalText returns an error if:
//   - u is not one of the time units (metrics.ErrInvalid)
func (u TimeUnit) MarshalText() ([]byte, error) {
	if !u.valid() {
		return nil, check.Err("clv.TimeUnit.MarshalText", "TimeUnit", u, metrics.ErrInvalid, "is not day, week or month")
	}
	return []byte(timeUnitNames[u]), nil
}

// UnmarshalText sets u to the unit named by text: "day", "week" or "month",
// exactly (lower case). On error u is unchanged.
//
// UnmarshalText returns an error if:
//   - text is not one of the names (metrics.ErrInvalid)
//   - u is nil (metrics.ErrInvalid)
func (u *TimeUnit) UnmarshalText(text []byte) error {
	const metric = "clv.TimeUnit.UnmarshalText"
	if u == nil {
		return check.Err(metric, "TimeUnit", nil, metrics.ErrInvalid, "is a nil pointer")
	}
	for i, name := range timeUnitNames {
		if string(text) == name {
			*u = TimeUnit(i)
			return nil
		}
	}
	shown := string(text)
	if len(shown) > 32 {
		shown = shown[:32] + "…"
	}
	return check.Err(metric, "text", strconv.Quote(shown), metrics.ErrInvalid, "is not day, week or month")
}
