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
	// ErrNotConverged: an iterative estimate (a maximum-likelihood fit of a
	// clv model) did not reach a maximum; the error says why.
	ErrNotConverged = errors.New("did not converge")
)

// Error is the structured error every kpikit function returns. It names the
// metric, the field and the offending value, and unwraps to one sentinel:
//
//	crm.ChurnRate: CustomersLost 600 exceeds CustomersAtStart 500: inconsistent input
//
// An error about one element of a slice also gives the element's position,
// Index, and Error renders it after the slice's name. For a slice of records
// (structs), Field is the slice's name, a dot and the record's Go field name,
// and Detail says only what is wrong with that field:
//
//	sales.SalesRevenue: Deals[3].Closed 2024-01-01T00:00:00Z is before Created 2024-02-01T00:00:00Z: inconsistent input
//	(Field "Deals.Closed", Index 3, Value "2024-01-01T00:00:00Z", Detail "is before Created 2024-02-01T00:00:00Z")
//
// For a slice of plain values (scores, answers, counts), Field is the slice's
// name alone:
//
//	crm.NPSFromScores: scores[3] 11 is outside the NPS scale 0..10: out of range
//	(Field "scores", Index 3)
//
// So the part of Field after the dot, when there is one, is always the name
// of a field of the record type (Deal.Closed, Subscription.Amount), which a
// program can map to a column of its own data.
//
// Field names an input as the caller's code spells it: a field of the input
// struct by its name (CustomersLost, Subscriptions), a parameter by its name
// (scores, confidence). A slice of records is always named as a struct field
// would be, with a capital (Deals, Leads, Tickets), even when it is passed as
// a parameter (deals []Deal): the same records then give the same Field
// whichever way they arrive, Tickets.Opened from both
// crm.SummarizeTickets(tickets) and crm.FirstResponseTime's
// FirstResponseInput.Tickets.
//
// Use errors.As to read its fields and errors.Is to match its sentinel.
type Error struct {
	// Metric is the function that failed, qualified by its package
	// ("crm.ChurnRate").
	Metric string
	// Field is the input field at fault ("CustomersLost"). For a field of a
	// record in a slice it is "<slice>.<record field>" ("Deals.Closed") and
	// Index is set; for an element of a slice of plain values it is the
	// slice's name ("scores") and Index is set.
	Field string
	// Index is the position of the faulty element in its slice, or −1 when the
	// error is not about one element.
	Index int
	// Value is the offending value as text ("600"); empty when none applies.
	Value string
	// Detail says what is wrong with the value ("exceeds CustomersAtStart 500");
	// empty when the sentinel says it all. It does not repeat the field's
	// name.
	Detail string
	// Err is the sentinel (ErrNegative, ErrUndefined, ...).
	Err error
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

var sentinels = [...]error{ErrNegative, ErrUndefined, ErrInconsistent, ErrOutOfRange, ErrEmpty, ErrMismatch, ErrInvalid, ErrNotConverged}
