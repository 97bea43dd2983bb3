package metrics

import (
	"github.com/kpikit/kpikit/internal/kerr"
)

// The sentinel errors. Every error a kpikit function returns unwraps to exactly
// one of them, so callers branch with [errors.Is]:
//
//	if errors.Is(err, metrics.ErrUndefined) { /* no customers at start: show "n/a" */ }
var (
	// ErrNegative: a count, an amount or a duration that cannot be negative is.
	ErrNegative = kerr.ErrNegative
	// ErrUndefined: the metric is a quotient whose denominator is zero (no
	// customers at the start, no deals closed, no answers, no values to
	// average), whatever form the input takes: counts, raw records or an
	// accumulator.
	ErrUndefined = kerr.ErrUndefined
	// ErrInconsistent: the inputs contradict each other (a part larger than its
	// whole, a deal closed before it was created).
	ErrInconsistent = kerr.ErrInconsistent
	// ErrOutOfRange: a value lies outside its valid range (a score off the
	// survey scale, a percentage above 100 where 100 is the most).
	ErrOutOfRange = kerr.ErrOutOfRange
	// ErrMismatch: values of different kinds were combined (two currencies
	// without a conversion, a money value rated against a percent benchmark,
	// accumulators with different settings merged).
	ErrMismatch = kerr.ErrMismatch
	// ErrInvalid: a value is not one of the accepted choices (an unknown
	// enumeration value, an empty period, text or bytes that do not decode).
	ErrInvalid = kerr.ErrInvalid
	// ErrNotConverged: an iterative estimate (a maximum-likelihood fit of a
	// clv model) did not reach a maximum; the error says why.
	ErrNotConverged = kerr.ErrNotConverged
)

// Error is the structured error every kpikit function returns. It names the
// metric, the field and the offending value, and unwraps to one sentinel:
//
//	crm.ChurnRate: CustomersLost 600 exceeds CustomersAtStart 500: inconsistent input
//
// Its fields:
//
//	Metric string // the function that failed, qualified by its package ("crm.ChurnRate")
//	Field  string // the input field or parameter at fault ("CustomersLost", "Deals.Closed", "scores")
//	Index  int    // the position of the faulty element in its slice, or −1
//	Value  string // the offending value as text ("600"); empty when none applies
//	Detail string // what is wrong ("exceeds CustomersAtStart 500"); empty when the sentinel says it all
//	Err    error  // the sentinel: ErrNegative, ErrUndefined, ...
//
// Error() formats it as "Metric: Field Value Detail: sentinel", omitting
// empty parts, and Unwrap returns Err, so [errors.Is] matches the sentinel and
// [errors.As] reads the fields.
//
// An error about one element of a slice also gives the element's position,
// Index, and the message renders it after the slice's name. For a slice of
// records (structs), Field is the slice's name, a dot and the record's Go
// field name, and Detail says only what is wrong with that field:
//
//	sales.DealStatsByOwner: Deals[3].Closed 2024-01-01T00:00:00Z is before Created 2024-02-01T00:00:00Z: inconsistent input
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
// whichever way they arrive.
//
// Error is an alias of an internal type, so that kpikit's internal packages
// build the same type below package metrics; *metrics.Error is the type to
// name in errors.As.
type Error = kerr.Error
