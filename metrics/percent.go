package metrics

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/kpikit/kpikit/internal/exact"
	"github.com/shopspring/decimal"
)

// Percent is a rate in percentage points: 5 means 5%. kpikit uses it for every
// rate it returns and every rate it takes as input, so a churn rate returned by
// one function is passed to the next as it is, and nobody passes 80 where 0.8
// was meant.
//
// The zero value is 0%. A Percent is an immutable value; compare with Equal or
// Cmp (go-cmp uses Equal), never with ==.
type Percent struct {
	points decimal.Decimal
}

// NewPercent returns the Percent of the given points: NewPercent(5) is 5%.
func NewPercent(points decimal.Decimal) Percent { return Percent{points: points} }

// PercentInt returns the Percent of a whole number of points: PercentInt(80)
// is 80%.
func PercentInt(points int64) Percent { return Percent{points: decimal.NewFromInt(points)} }

// PercentFraction returns the Percent of a fraction: PercentFraction(0.05) is
// 5%. The conversion is exact.
func PercentFraction(fraction decimal.Decimal) Percent {
	return Percent{points: fraction.Shift(2)}
}

// ParsePercent parses a percentage written in points, with or without a
// trailing percent sign: "5", "5%", "12.5 %", "-3%".
//
// ParsePercent returns an error if:
//   - s is not a decimal number with an optional "%" (ErrInvalid)
func ParsePercent(s string) (Percent, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	d, err := decimal.NewFromString(t)
	if err != nil || t == "" || strings.ContainsAny(t, "eE") {
		return Percent{}, &Error{Metric: "metrics.ParsePercent", Field: "s", Index: -1,
			Value: quote(s), Detail: "is not a percentage", Err: ErrInvalid}
	}
	return Percent{points: d}, nil
}

// MustParsePercent is ParsePercent for package-level tables and tests: it
// panics if s does not parse.
func MustParsePercent(s string) Percent {
	p, err := ParsePercent(s)
	if err != nil {
		panic(err)
	}
	return p
}

// Points returns the percentage in points: 5 for 5%.
func (p Percent) Points() decimal.Decimal { return p.points }

// Fraction returns the percentage as a fraction: 0.05 for 5%. It is exact.
func (p Percent) Fraction() decimal.Decimal { return p.points.Shift(-2) }

// Float64 returns the points as a float64 (5 for 5%), for charts and other
// approximate uses at the edge of a program.
func (p Percent) Float64() float64 { return p.points.InexactFloat64() }

// String formats the percentage in full with a percent sign: "5%", "12.5%",
// "33.3333333333%". Use StringFixed for display.
func (p Percent) String() string { return exact.Text(p.points) + "%" }

// StringFixed formats the percentage rounded half away from zero to places
// digits after the point, with a percent sign: StringFixed(1) of 1/3 is
// "33.3%".
func (p Percent) StringFixed(places int32) string {
	return p.points.StringFixed(places) + "%"
}

// Round returns the percentage rounded half away from zero to places digits
// after the point.
func (p Percent) Round(places int32) Percent { return Percent{points: p.points.Round(places)} }

// Cmp compares p and q: −1 if p < q, 0 if they are equal, +1 if p > q.
func (p Percent) Cmp(q Percent) int { return p.points.Cmp(q.points) }

// Equal reports whether p and q are the same percentage (5% equals 5.00%).
func (p Percent) Equal(q Percent) bool { return p.points.Equal(q.points) }

// IsZero reports whether p is 0%.
func (p Percent) IsZero() bool { return p.points.IsZero() }

// Sign returns −1, 0 or +1 as p is negative, zero or positive.
func (p Percent) Sign() int { return p.points.Sign() }

// MarshalJSON encodes the points as a JSON number: 5% is 5, 12.5% is 12.5.
// The text is exact (no float conversion).
func (p Percent) MarshalJSON() ([]byte, error) {
	return []byte(exact.Text(p.points)), nil
}

// UnmarshalJSON decodes a JSON number of points (5), or a string in the form
// ParsePercent accepts ("5%"). null leaves p unchanged.
func (p *Percent) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	text := string(data)
	if len(data) > 0 && data[0] == '"' {
		if err := json.Unmarshal(data, &text); err != nil {
			return &Error{Metric: "metrics.Percent.UnmarshalJSON", Field: "data", Index: -1,
				Value: quote(string(data)), Detail: "is not a JSON string", Err: ErrInvalid}
		}
	}
	q, err := ParsePercent(text)
	if err != nil {
		return &Error{Metric: "metrics.Percent.UnmarshalJSON", Field: "data", Index: -1,
			Value: quote(string(data)), Detail: "is not a percentage", Err: ErrInvalid}
	}
	*p = q
	return nil
}

// quote shortens and quotes user text for an error message.
func quote(s string) string {
	const max = 40
	if len(s) > max {
		s = s[:max] + "..."
	}
	b, _ := json.Marshal(s)
	return string(b)
}
