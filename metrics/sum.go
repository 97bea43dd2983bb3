package metrics

import (
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/shopspring/decimal"
)

// Sum returns the exact sum of values:
//
//	Sum = values[0] + values[1] + … + values[n−1]
//
// The result has the unit of the values (an amount in their currency, a
// count, ...) and is exact, whatever the values' signs, sizes and scales: it
// equals the result of adding the values one by one with decimal's Add, and
// has the same digits and exponent as decimal.Sum. Its exponent is the
// smallest exponent among the values, so amounts with two digits after the
// point sum to an amount with two digits after the point ("10.50" + "0.25"
// is "10.75"). The sum of no values is zero.
//
// Sum is faster than an Add loop or decimal.Sum: it adds the coefficients as
// machine integers into a 128-bit total, fastest while they fit an int64
// (every amount below 10¹⁶ with two digits after the point does) and share
// one exponent, and falls back to decimal's exact arithmetic only for
// coefficients of 20 digits or more and totals beyond 2¹²⁷, so with ordinary
// amounts its allocations (those of the result) do not grow with
// len(values). Mixed scales are brought to the smallest exponent; as with
// Add, the time and memory that takes grow with the spread between the
// largest and the smallest exponent (1e-9 + 1e9 is a number of 19 digits).
//
// Sum cannot fail and returns no error.
func Sum(values []decimal.Decimal) decimal.Decimal {
	var s exact.Sum
	s.AddSlice(values)
	return s.Value()
}

// Mean returns the exact arithmetic mean of values:
//
//	Mean = (values[0] + values[1] + … + values[n−1]) / n
//
// The result has the unit of the values. The sum is exact (see Sum); the
// quotient is exact when its decimal expansion terminates and is otherwise
// rounded half away from zero at Scale (10) digits after the point, so the
// mean of 1, 1 and 2 is 1.3333333333.
//
// Mean returns an error if:
//   - values is empty (ErrEmpty)
func Mean(values []decimal.Decimal) (decimal.Decimal, error) {
	if len(values) == 0 {
		return decimal.Decimal{}, &Error{Metric: "metrics.Mean", Field: "values", Index: -1,
			Detail: "is empty", Err: ErrEmpty}
	}
	return exact.Quo(Sum(values), decimal.NewFromInt(int64(len(values)))), nil
}
