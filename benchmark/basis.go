package benchmark

import (
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// Basis is the length of the period a figure describes: a churn rate per
// month, per quarter or per year. A benchmark's figures have a basis
// (Spec.Per) when they change with the length of the period they were
// measured over, as a churn or growth rate does; a value rated against such a
// benchmark must say its own basis ([Value.Per]), and a value of another
// basis is an error, never a silent comparison. A figure that does not depend
// on the period (a level such as NPS, an amount per customer such as CAC) has
// no basis.
//
// The zero Basis is no period: on a Spec it means that the figures do not
// depend on the period; on a Value, that no period was given. Basis
// implements [encoding.TextMarshaler] with the text "month", "quarter" and
// "year", and "" for the zero Basis.
type Basis int

// The bases: a calendar month, a quarter of three months, a year of twelve.
const (
	Month   Basis = iota + 1 // a month
	Quarter                  // three months
	Year                     // twelve months
)

// String returns "month", "quarter", "year", "no period" for the zero
// Basis, or "Basis(n)".
func (b Basis) String() string {
	switch b {
	case 0:
		return "no period"
	case Month:
		return "month"
	case Quarter:
		return "quarter"
	case Year:
		return "year"
	}
	return "Basis(" + strconv.Itoa(int(b)) + ")"
}

// MarshalText returns "month", "quarter", "year", or "" for the zero Basis.
// It returns an error wrapping [metrics.ErrInvalid] for any other value.
func (b Basis) MarshalText() ([]byte, error) {
	if b == 0 {
		return []byte{}, nil
	}
	if !b.valid() {
		return nil, check.Err("benchmark.Basis.MarshalText", "b", b, metrics.ErrInvalid, "is not a basis")
	}
	return []byte(b.String()), nil
}

// UnmarshalText sets b from "month", "quarter", "year", or "" for the zero
// Basis. Any other text is an error wrapping [metrics.ErrInvalid], and b is
// left unchanged.
func (b *Basis) UnmarshalText(text []byte) error {
	switch s := string(text); s {
	case "":
		*b = 0
	case "month":
		*b = Month
	case "quarter":
		*b = Quarter
	case "year":
		*b = Year
	default:
		return check.Err("benchmark.Basis.UnmarshalText", "text", strconv.Quote(s), metrics.ErrInvalid,
			`is not a basis: want "month", "quarter", "year" or ""`)
	}
	return nil
}

// valid reports whether b is one of the three bases.
func (b Basis) valid() bool { return b >= Month && b <= Year }

// months returns the number of months in the basis.
func (b Basis) months() int {
	switch b {
	case Month:
		return 1
	case Quarter:
		return 3
	case Year:
		return 12
	}
	return 0
}

// adjective returns "monthly", "quarterly" or "yearly".
func (b Basis) adjective() string {
	switch b {
	case Month:
		return "monthly"
	case Quarter:
		return "quarterly"
	case Year:
		return "yearly"
	}
	return b.String()
}

// per returns " a month", " a quarter", " a year", or "" for the zero
// Basis: the suffix a value or a band prints.
func (b Basis) per() string {
	if b == 0 {
		return ""
	}
	return " a " + b.String()
}
