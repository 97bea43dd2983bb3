package metrics

import (
	"math"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/normal"
)

// RateCounts holds the two counts behind a rate computed from counts: Part
// of Whole, over one period or one variant. It serves every such rate: churn
// (customers lost of customers at the start), conversion (leads converted of
// leads), win rate (deals won of deals closed), CSAT (satisfied answers of
// answers), open rate (emails opened of emails delivered).
type RateCounts struct {
	Part  int `json:"part"`  // units counted in the rate's numerator (customers lost, leads converted, ...)
	Whole int `json:"whole"` // units in its denominator (customers at the start, leads, ...); Part is a subset of them
}

// WilsonInterval returns the Wilson score confidence interval of the rate
// Part / Whole × 100, in percentage points, at the given confidence level
// (0.95 for a 95% interval). It answers "how far from this rate can the true
// rate plausibly be?": 81 of 263 is 30.8%, give or take about five points.
//
//	p̂  = Part / Whole,   n = Whole
//	z  = the standard normal quantile of 1 − (1 − confidence)/2   (1.959964 at 0.95)
//	centre = (p̂ + z²/(2n)) / (1 + z²/n)
//	half   = z / (1 + z²/n) × √(p̂(1 − p̂)/n + z²/(4n²))
//	interval = 100 × (centre − half, centre + half)
//
// This is the interval of Wilson (1927), recommended over the textbook Wald
// interval p̂ ± z√(p̂(1 − p̂)/n) by Newcombe (1998), Agresti & Coull (1998) and
// Brown, Cai & DasGupta (2001): the Wald interval collapses to zero width at
// 0% and 100% and undercovers for small samples, while the Wilson interval
// keeps close to its nominal coverage and always stays within 0..100. It is
// not centred on the observed rate: it leans toward 50%, the more so the
// smaller the sample. No continuity correction is applied.
//
// The result is a float64 Interval and approximate (a normal approximation,
// computed in floating point); Low is exactly 0 when Part is 0 and High is
// exactly 100 when Part equals Whole.
//
// WilsonInterval returns an error if:
//   - a count is negative ([ErrNegative])
//   - Whole is zero ([ErrUndefined])
//   - Part exceeds Whole ([ErrInconsistent])
//   - confidence is not strictly between 0 and 1, or is NaN ([ErrOutOfRange])
func WilsonInterval(in RateCounts, confidence float64) (Interval, error) {
	const metric = "metrics.WilsonInterval"
	if err := checkRateCounts(metric, "", in); err != nil {
		return Interval{}, err
	}
	if err := check.Confidence(metric, confidence); err != nil {
		return Interval{}, err
	}
	return wilson(in.Part, in.Whole, normal.TwoSided(confidence)), nil
}

// wilson computes the Wilson interval of x of n (0 ≤ x ≤ n, n > 0) in points.
// With r = √(z² + 4x(n − x)/n), the textbook ends are
//
//	low, high = (2x + z² ∓ z r) / (2(n + z²))
//
// The upper end is a sum of positive terms and is computed as it stands; the
// lower end subtracts nearly equal terms when x is small, so its numerator is
// rationalised into the cancellation-free
//
//	low = 2x² / (n (2x + z² + z r))
//
// Both ends are then accurate to a few ulps, relative, even for counts near
// math.MaxInt; low is exactly 0 at x = 0 and high exactly 100 at x = n.
func wilson(x, n int, z float64) Interval {
	fx, fn := float64(x), float64(n)
	root := math.Sqrt(z*z + 4*fx*(float64(n-x)/fn))
	low := 0.0 // also when z = 0, where the formula would read 0/0
	if x > 0 {
		low = 2 * fx * (fx / fn) / (2*fx + z*z + z*root)
	}
	high := 1.0
	if x < n {
		high = min((2*fx+z*z+z*root)/(2*(fn+z*z)), 1)
	}
	return Interval{Low: 100 * low, High: 100 * high}
}

// checkRateCounts validates a RateCounts; prefix names the argument ("a.")
// when a function takes two.
func checkRateCounts(metric, prefix string, in RateCounts) error {
	return check.First(
		check.Count(metric, prefix+"Part", in.Part),
		check.Count(metric, prefix+"Whole", in.Whole),
		check.Denominator(metric, prefix+"Whole", in.Whole),
		check.PartOf(metric, prefix+"Part", in.Part, prefix+"Whole", in.Whole),
	)
}
