package crm

import (
	"math/bits"
	"time"
)

// divRoundNanos returns the non-negative sum hi·2⁶⁴ + lo nanoseconds divided
// by n, rounded to the nanosecond half away from zero: the one rounding rule
// of every mean duration in this package (resolution, first response, time
// on site, ticket statistics). It requires n > 0 and a sum of at most n
// durations of 0..math.MaxInt64, so that hi < n and the mean, which lies
// within the summed durations, fits a time.Duration even rounded up.
func divRoundNanos(hi, lo, n uint64) time.Duration {
	q, r := bits.Div64(hi, lo, n)
	if r >= n-r { // r/n ≥ 1/2, written without computing 2r
		q++
	}
	return time.Duration(q)
}
