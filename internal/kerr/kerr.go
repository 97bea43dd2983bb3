// Package kerr holds what every kpikit package shares at the bottom of the
// import graph: the sentinel errors, the structured Error type and the
// division Scale. It imports only the standard library, so that the internal
// helpers (check, exact) can build errors and round quotients without
// importing package metrics, which re-exports all of it under the same
// identities (metrics.Error is an alias of Error, metrics.ErrNegative is the
// same error value, metrics.Scale the same constant), so errors.Is and
// errors.As behave the same whichever package a caller names.
//
// The user-facing documentation of every name lives in package metrics.
package kerr

import (
	"errors"
	"strconv"
	"strings"
)

// Scale is the number of digits after the point at which a quotient that does
// not terminate is rounded, half away from zero. metrics.Scale documents it.
const Scale = 10

// The sentinels; metrics documents each.
var (
	ErrNegative     = errors.New("negative value")
	ErrUndefined    = errors.New("undefined for this input")
	ErrInconsistent = errors.New("inconsistent input")
	ErrOutOfRange   = errors.New("out of range")
	ErrMismatch     = errors.New("mismatched kinds")
	ErrInvalid      = errors.New("invalid value")
	ErrNotConverged = errors.New("did not converge")
)

// Error is metrics.Error; metrics documents its fields and message format.
type Error struct {
	Metric string // the function that failed, qualified by its package ("crm.ChurnRate")
	Field  string // the input field or parameter at fault ("CustomersLost", "Deals.Closed")
	Index  int    // position of the faulty element in its slice, or −1
	Value  string // the offending value as text; empty when none applies
	Detail string // what is wrong with the value; empty when the sentinel says it all
	Err    error  // the sentinel
}

// Error formats the error as "Metric: Field Value Detail: sentinel",
// omitting empty parts, with the index after the slice's name when Index is
// set: "Deals[3].Closed" for the Field "Deals.Closed", "scores[3]" for the
// Field "scores".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Metric)
	b.WriteString(": ")
	if e.Index >= 0 {
		slice, field, record := strings.Cut(e.Field, ".")
		b.WriteString(slice)
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(e.Index))
		b.WriteByte(']')
		if record {
			b.WriteByte('.')
			b.WriteString(field)
		}
	} else {
		b.WriteString(e.Field)
	}
	if e.Value != "" {
		b.WriteByte(' ')
		b.WriteString(e.Value)
	}
	if e.Detail != "" {
		b.WriteByte(' ')
		b.WriteString(e.Detail)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the sentinel, so errors.Is(err, metrics.ErrNegative) works.
func (e *Error) Unwrap() error { return e.Err }
