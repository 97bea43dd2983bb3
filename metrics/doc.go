// Package metrics is kpikit's shared vocabulary: the [Percent] type every
// rate uses, the [Period] every time range uses, the sentinel errors and the
// structured [Error] every function returns, the [Descriptor] that describes
// a metric, and the division [Scale]. It also holds what every rate shares:
// the Wilson score interval of a rate computed from counts
// ([WilsonInterval]) and the two-proportion z-test that compares two such
// rates ([TwoProportionZTest]), with their [Interval] and [Comparison]
// results; and the exact sum of decimal amounts, [Sum], with its accumulator
// [Total] (sum, count and mean, mergeable across shards), fast on millions
// of values.
//
// The formulas themselves live in package crm (customer-relationship metrics)
// and package sales (sales-team metrics); package benchmark rates their values
// against industry figures.
//
// # Rates
//
// A rate is a [Percent] in points: 5 means 5%. The same type is returned by
// crm.ChurnRate and accepted by crm.CLTV's retention rate, so values flow from
// one function to the next without conversions:
//
//	churn, _ := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 500, CustomersLost: 25})
//	fmt.Println(churn)            // 5%
//	fmt.Println(churn.Fraction()) // 0.05
//
// # Time ranges
//
// A [Period] is a half-open span of instants [Start, End). [Month],
// [Quarter] and [Year] build calendar periods in a location, and
// [Period.Validate] is the one check every function that takes a Period
// as an argument makes: an empty or reversed period, the zero Period
// included, is [ErrInvalid], with Field "Period.End". An accumulator whose
// Period is a setting reads the zero Period, its default, as all time, so
// that its zero value is ready to use; [Period] states the rule.
//
// # Numbers
//
// Money and every exact quantity are decimal.Decimal values
// (github.com/shopspring/decimal); counts are int; durations are
// time.Duration. A quotient is exact when its decimal expansion terminates and
// is rounded half away from zero at [Scale] (10) digits otherwise. No result
// depends on decimal.DivisionPrecision or shopspring's other globals.
//
// Exact numbers are encoded one way. In JSON, a decimal.Decimal is a string
// of its digits ("12.50", shopspring's default) and so is a [Percent]
// ("12.5", its points); [Percent.UnmarshalJSON] also accepts a JSON number.
// A [Total] is {"count": 3, "sum": "21.50"}. Enumerations ([Category],
// [Class], [Unit], [Direction]) are their snake_case text ("lower_is_better")
// in JSON and wherever encoding.TextMarshaler is used. Durations stay
// time.Duration, integer nanoseconds in JSON.
//
// # Empty input and zero denominators
//
// One rule holds in every kpikit package:
//
//   - No records is not an error: counts and sums over no records are zero,
//     with a nil error ([Sum] of no values is 0; an empty [Total]'s
//     [Total.Value] is 0).
//   - A quotient over a zero denominator is [ErrUndefined], whatever form the
//     input takes (counts, raw scores or records, a tally, a summary): the NPS
//     of zero answers, the mean of no values ([Total.Mean]), a win rate with
//     no closed deals, a [WilsonInterval] with Whole 0. kpikit never returns
//     0, NaN or infinity in its place.
//   - Summaries and accumulators report an undefined ratio one way: the
//     method that reads it returns (value, error), and the error wraps
//     [ErrUndefined] ([Total.Mean] is one). There is no "HasX" flag and no
//     "Count == 0 means undefined" field to check.
//
// # Error handling
//
// No kpikit function panics on its input (only the Must helpers meant for
// package-level tables do). Every failure is an [*Error] that names the
// metric, the field and the value, and unwraps to one sentinel:
//
//	crm.ChurnRate: CustomersLost 600 exceeds CustomersAtStart 500: inconsistent input
//
// An error about one element of a slice sets Index to its position. For a
// field of a record (a Deal, a Subscription), Field is the slice's name, a
// dot and the record's field ("Deals.Closed") and the message puts the index
// after the slice's name; for a slice of plain values, Field is the slice's
// name alone:
//
//	sales.DealStatsByOwner: Deals[3].Closed 2024-01-01T00:00:00Z is before Created 2024-02-01T00:00:00Z: inconsistent input
//	crm.NPSFromScores: scores[3] 11 is outside the NPS scale 0..10: out of range
//
// A slice of records is named with a capital (Deals, Tickets) even when it
// is a parameter, so the same records give the same Field whichever function
// reads them; see [Error].
//
// Branch on the sentinel with errors.Is, and read the details with errors.As:
//
//	_, err := crm.ChurnRate(in)
//	switch {
//	case errors.Is(err, metrics.ErrUndefined):
//		// no customers at the start of the period: show "n/a"
//	case err != nil:
//		var e *metrics.Error
//		if errors.As(err, &e) {
//			log.Printf("bad field %s: %v", e.Field, err)
//		}
//	}
//
// The sentinels:
//   - [ErrNegative]: a count, amount or duration that cannot be negative is.
//   - [ErrUndefined]: a quotient whose denominator is zero (see above).
//   - [ErrInconsistent]: inputs contradict each other (a part above its whole).
//   - [ErrOutOfRange]: a value lies outside its range (a score off the scale).
//   - [ErrMismatch]: values of different kinds were combined (two currencies,
//     accumulators with different settings).
//   - [ErrInvalid]: a value is not one of the accepted choices (an unknown
//     enumeration text, an empty period, bytes that do not decode).
//
// A function never returns a partial result together with an error: when err
// is not nil, the other results are zero values, and a method that fails
// leaves its receiver unchanged.
//
// # Build tags
//
// [Sum] and [Total] read each decimal's coefficient in place, through package
// unsafe, once a start-up check has confirmed decimal.Decimal's layout and
// decoded known values through it as decimal's API does; otherwise they use
// decimal's API, with the same results, several times slower (see the
// README). Build with -tags kpikit_purego to leave the in-place read out:
// kpikit then imports no unsafe at all.
package metrics
