package metrics

import (
	"math"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/normal"
)

// TwoProportionZTest compares two rates computed from counts, a (the first
// period, the control) and b (the second period, the variant), and says
// whether their difference is larger than sampling noise: did churn really
// rise from 5% to 6%, does variant B really convert better than A?
//
//	p̂a = a.Part / a.Whole,   p̂b = b.Part / b.Whole
//	Difference = 100 × (p̂b − p̂a)                                   (percentage points)
//	p̄  = (a.Part + b.Part) / (a.Whole + b.Whole)                    (pooled rate)
//	SE₀ = √(p̄(1 − p̄)(1/a.Whole + 1/b.Whole))                        (pooled, for the test)
//	Z  = (p̂b − p̂a) / SE₀
//	PValue = P(|N(0,1)| ≥ |Z|) = erfc(|Z|/√2)                       (two-sided)
//	SE = √(p̂a(1 − p̂a)/a.Whole + p̂b(1 − p̂b)/b.Whole)                 (unpooled, for the interval)
//	Interval = Difference ± 100 × z × SE,   z = normal quantile of 1 − (1 − confidence)/2
//
// The test uses the pooled standard error because under its null hypothesis
// the two rates are equal, and the pooled rate is their best estimate; Z² is
// then Pearson's chi-square statistic of the 2×2 table (without Yates'
// correction). The interval uses the unpooled standard error because it
// estimates a difference that need not be zero. This is the textbook pairing
// (Agresti, An Introduction to Categorical Data Analysis, 2nd ed., §2.2.3 and
// §2.4.3; Newcombe 1998, method 1). The two can disagree at the margin: a
// p-value just above 1 − confidence with an interval that just excludes 0.
//
// Difference and Interval are in percentage points (a rise from 5% to 6% is
// a Difference of 1). The interval is a Wald interval: it is centred on
// Difference, it is not cut to −100..100 and can run past either end when a
// sample is small and its rate near 0% or 100% (use [Interval.Clamp] for
// display), and it has zero width when both rates are 0% or 100%. All results
// are float64 and approximate (normal approximation).
//
// When every unit of both samples is counted (both rates 100%) or none is
// (both 0%), the samples show no variation at all and Z is 0/0: the function
// then reports Difference 0, Interval [0, 0], Z 0 and PValue 1, the answer of
// Fisher's exact test for such a table (no evidence of a difference), rather
// than an error, so that two periods without a single churned customer
// compare cleanly.
//
// TwoProportionZTest returns an error if:
//   - a count is negative ([ErrNegative])
//   - a.Whole or b.Whole is zero ([ErrUndefined])
//   - a.Part exceeds a.Whole, or b.Part exceeds b.Whole ([ErrInconsistent])
//   - confidence is not strictly between 0 and 1, or is NaN ([ErrOutOfRange])
func TwoProportionZTest(a, b RateCounts, confidence float64) (Comparison, error) {
	const metric = "metrics.TwoProportionZTest"
	if err := checkRateCounts(metric, "a.", a); err != nil {
		return Comparison{}, err
	}
	if err := checkRateCounts(metric, "b.", b); err != nil {
		return Comparison{}, err
	}
	if err := check.Confidence(metric, confidence); err != nil {
		return Comparison{}, err
	}
	if (a.Part == 0 && b.Part == 0) || (a.Part == a.Whole && b.Part == b.Whole) {
		// Both rates are 0% or both are 100%: nothing varies.
		return Comparison{PValue: 1}, nil
	}
	na, nb := float64(a.Whole), float64(b.Whole)
	pa, pb := float64(a.Part)/na, float64(b.Part)/nb
	qa, qb := float64(a.Whole-a.Part)/na, float64(b.Whole-b.Part)/nb // 1 − p̂, without cancellation
	diff := pb - pa
	// p̄(1 − p̄) from the pooled counts of successes and failures, both ≥ 1
	// here, so se0 > 0.
	total := na + nb
	successes := (float64(a.Part) + float64(b.Part)) / total
	failures := (float64(a.Whole-a.Part) + float64(b.Whole-b.Part)) / total
	se0 := math.Sqrt(successes * failures * (1/na + 1/nb))
	z := diff / se0
	se := math.Sqrt(pa*qa/na + pb*qb/nb)
	margin := 100 * normal.TwoSided(confidence) * se
	d := 100 * diff
	return Comparison{
		Difference: d,
		Interval:   Interval{Low: d - margin, High: d + margin},
		Z:          z,
		PValue:     normal.TwoSidedP(z),
	}, nil
}
