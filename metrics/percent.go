package metrics

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/shopspring/decimal"
)

// Percent is a rate in percentage points: 5 means 5%. kpikit uses it for every
// rate it returns and every rate it takes as input, so a churn rate returned by
// one function is passed to the next as it is, and nobody passes 80 where 0.8
// was meant.
//
// The zero value is 0%. A Percent is an immutable value; compare with
// [Percent.Equal] or [Percent.Cmp] (go-cmp uses Equal), never with ==. For
// anything else (the sign, rounding, a float64 for a chart), work on its
// points, a decimal.Decimal: p.Points().Sign(), p.Points().InexactFloat64().
//
// In text (encoding.TextMarshaler) a Percent is its points without a percent
// sign ("12.5"), and in JSON the same text as a JSON string ("12.5"), the way
// shopspring/decimal encodes a decimal.Decimal by default, so every exact
// number kpikit returns is encoded one way. Both are exact, whatever
// shopspring's globals say.
type Percent struct {
	points decimal.Decimal
}

// NewPercent returns the Percent of the given points: NewPercent(5) is 5%.
// For a fraction (0.05 for 5%), pass fraction.Shift(2), which is exact.
func NewPercent(points decimal.Decimal) Percent { return Percent{points: points} }

// PercentInt returns the Percent of a whole number of points: PercentInt(80)
// is 80%.
func PercentInt(points int64) Percent { return Percent{points: decimal.NewFromInt(points)} }

// ParsePercent parses a percentage written in points, with or without a
// trailing percent sign: "5", "5%", "12.5 %", "-3%".
//
// ParsePercent returns an error if:
//   - s is not a decimal number with an optional "%" ([ErrInvalid])
func ParsePercent(s string) (Percent, error) {
	p, ok := parsePercent(s)
	if !ok {
		return Percent{}, check.Err("metrics.ParsePercent", "s", quote(s), ErrInvalid, "is not a percentage")
	}
	return p, nil
}

// parsePercent is ParsePercent without the error. It accepts no exponent
// ("1e3"): a percentage is written in plain points.
func parsePercent(s string) (Percent, bool) {
	t := strings.TrimSpace(s)
	t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	if t == "" || strings.ContainsAny(t, "eE") {
		return Percent{}, false
	}
	d, err := decimal.NewFromString(t)
	if err != nil {
		return Percent{}, false
	}
	return Percent{points: d}, true
}

// MustParsePercent is [ParsePercent] for package-level tables and tests: it
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

// String formats the percentage in full with a percent sign: "5%", "12.5%",
// "33.3333333333%". Use [Percent.StringFixed] for display.
func (p Percent) String() string { return exact.Text(p.points) + "%" }

// StringFixed formats the percentage rounded half away from zero to places
// digits after the point, with a percent sign: StringFixed(1) of 1/3 is
// "33.3%".
func (p Percent) StringFixed(places int32) string {
	return p.points.StringFixed(places) + "%"
}

// Cmp compares p and q: −1 if p < q, 0 if they are equal, +1 if p > q. It
// suits slices.SortFunc(rates, metrics.Percent.Cmp).
func (p Percent) Cmp(q Percent) int { return p.points.Cmp(q.points) }

// Equal reports whether p and q are the same percentage (5% equals 5.00%).
func (p Percent) Equal(q Percent) bool { return p.points.Equal(q.points) }

// MarshalText encodes the points in plain notation without a percent sign
// and without trailing zeros: 5% is "5", 12.5% is "12.5". It never fails.
func (p Percent) MarshalText() ([]byte, error) {
	return []byte(exact.Text(p.points)), nil
}

// UnmarshalText decodes text in any form [ParsePercent] accepts ("12.5",
// "12.5%").
//
// UnmarshalText returns an error if:
//   - text is not a percentage ([ErrInvalid])
func (p *Percent) UnmarshalText(text []byte) error {
	q, ok := parsePercent(string(text))
	if !ok {
		return check.Err("metrics.Percent.UnmarshalText", "text", quote(string(text)), ErrInvalid, "is not a percentage")
	}
	*p = q
	return nil
}

// MarshalJSON encodes the points as a JSON string: 5% is "5", 12.5% is
// "12.5", as shopspring/decimal encodes a decimal.Decimal by default. The
// text is exact (no float conversion) and ignores shopspring's globals
// (decimal.MarshalJSONWithoutQuotes included).
func (p Percent) MarshalJSON() ([]byte, error) {
	text := exact.Text(p.points)
	b := make([]byte, 0, len(text)+2)
	b = append(b, '"')
	b = append(b, text...)
	return append(b, '"'), nil
}

// UnmarshalJSON decodes a JSON string in any form [ParsePercent] accepts
// ("12.5", "12.5%") or a JSON number of points (12.5, or 1.25e1 with an
// exponent within ±1000). null leaves p unchanged, as encoding/json expects.
//
// UnmarshalJSON returns an error if:
//   - data is neither a JSON string nor a JSON number of points ([ErrInvalid])
func (p *Percent) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		return nil
	}
	q, ok := Percent{}, false
	switch {
	case len(data) > 0 && data[0] == '"':
		var text string
		if json.Unmarshal(data, &text) == nil {
			q, ok = parsePercent(text)
		}
	case len(data) > 0 && (data[0] == '-' || '0' <= data[0] && data[0] <= '9') && json.Valid(data):
		d, err := decimal.NewFromString(string(data))
		if ok = err == nil && d.Exponent() >= -maxJSONExponent && d.Exponent() <= maxJSONExponent; ok {
			q = Percent{points: d}
		}
	}
	if !ok {
		return check.Err("metrics.Percent.UnmarshalJSON", "data", quote(string(data)), ErrInvalid, "is not a percentage")
	}
	*p = q
	return nil
}

// maxJSONExponent bounds the exponent of a JSON number of points, so that
// hostile input ("1e999999999") cannot make a later String allocate without
// bound.
const maxJSONExponent = 1000

// quote shortens and quotes user text for an error message.
func quote(s string) string {
	const max = 40
	if len(s) > max {
		s = s[:max] + "..."
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// Round returns the percentage rounded half away from zero to places digits
// after the point.
// Use StringFixed to round for display only.
func (p Percent) Round(places int32) Percent { return Percent{points: p.points.Round(places)} }

// IsZero reports whether p is 0%.
func (p Percent) IsZero() bool { return p.points.IsZero() }

// Sign returns −1, 0 or +1 as p is negative, zero or positive.
func (p Percent) Sign() int { return p.points.Sign() }
