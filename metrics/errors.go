package metrics

import (
	"errors"
	"strconv"
	"strings"
)

// The sentinel errors. Every error a kpikit function returns unwraps to exactly
// one of them, so callers branch with errors.Is:
//
//	if errors.Is(err, metrics.ErrUndefined) { /* no customers at start: show "n/a" */ }
var (
	// ErrNegative: a count, an amount or a duration that cannot be negative is.
	ErrNegative = errors.New("negative value")
	// ErrUndefined: the metric is undefined for this input, usually because a
	// denominator is zero (no customers at the start, no deals closed).
	ErrUndefined = errors.New("undefined for this input")
	// ErrInconsistent: the inputs contradict each other (a part larger than its
	// whole, a deal closed before it was created).
	ErrInconsistent = errors.New("inconsistent input")
	// ErrOutOfRange: a value lies outside its valid range (a score off the
	// survey scale, a percentage above 100 where 100 is the most).
	ErrOutOfRange = errors.New("out of range")
	// ErrEmpty: there is nothing to compute from (no answers, no records).
	ErrEmpty = errors.New("no data")
	// ErrMismatch: values of different kinds were combined (two currencies
	// without a conversion, a money value rated against a percent benchmark).
	ErrMismatch = errors.New("mismatched kinds")
	// ErrInvalid: a value is not one of the accepted choices (an unknown
	// enumeration value, an empty period, text that does not parse).
	ErrInvalid = errors.New("invalid value")
)

// Error is the structured error every kpikit function returns. It names the
// metric, the field and the offending value, and unwraps to one sentinel:
//
//	crm.ChurnRate: CustomersLost 600 exceeds CustomersAtStart 500: inconsistent input
//
// Use errors.As to read its fields and errors.Is to match its sentinel.
type Error struct {
	// Metric is the function that failed, qualified by its package
	// ("crm.ChurnRate").
	Metric string
	// Field is the input field at fault ("CustomersLost"). For an element of a
	// slice it is the slice's field name and Index is set.
	Field string
	// Index is the position of the faulty element in its slice, or −1 when the
	// error is not about one element.
	Index int
	// Value is the offending value as text ("600"); empty when none applies.
	Value string
	// Detail says what is wrong with the value ("exceeds CustomersAtStart 500");
	// empty when the sentinel says it all.
	Detail string
	// Err is the sentinel (ErrNegative, ErrUndefined, ...).
	Err error
}

// Error formats the error as
// "Metric: Field[Index] Value Detail: sentinel", omitting empty parts.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Metric)
	b.WriteString(": ")
	b.WriteString(e.Field)
	if e.Index >= 0 {
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(e.Index))
		b.WriteByte(']')
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

// SentinelOf returns the sentinel error that err wraps (ErrNegative,
// ErrUndefined, ...), or nil when err wraps none of them. It lets a caller map
// any kpikit error to one of a few outcomes in a single switch.
func SentinelOf(err error) error {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return s
		}
	}
	return nil
}

var sentinels = [...]error{ErrNegative, ErrUndefined, ErrInconsistent, ErrOutOfRange, ErrEmpty, ErrMismatch, ErrInvalid}
