package metrics

// Interval is a confidence interval, in the unit of the estimate it brackets:
// percentage points for a rate ([WilsonInterval]), points of difference for a
// comparison of two rates ([TwoProportionZTest]), NPS points for a Net Promoter
// Score (crm.NPSInterval).
//
// Intervals are float64 because they are approximate by nature: they rest on
// a normal approximation, and their last digits carry no meaning. Round them
// for display.
type Interval struct {
	Low  float64 `json:"low"`  // lower end, in the unit of the estimate
	High float64 `json:"high"` // upper end, in the unit of the estimate
}

// Contains reports whether x lies within the interval, ends included. A
// comparison whose interval does not contain 0 shows a difference at its
// confidence level.
func (i Interval) Contains(x float64) bool { return i.Low <= x && x <= i.High }

// Clamp returns the interval cut to lo..hi: each end is moved inside lo..hi
// when it lies outside (an interval wholly outside collapses onto the nearer
// limit). lo must not exceed hi. Use it to display an interval that its method lets
// run past the scale (a Wald NPS interval above 100); the cut interval no
// longer has the stated coverage at that end, only the scale's limit.
func (i Interval) Clamp(lo, hi float64) Interval {
	return Interval{Low: min(max(i.Low, lo), hi), High: min(max(i.High, lo), hi)}
}

// Comparison is the result of a test that two estimates differ: the observed
// difference (second minus first), its confidence interval, the test
// statistic and its two-sided p-value.
//
// All fields are float64 and approximate (normal approximation). Difference
// and Interval are in the unit of the estimates: percentage points for rates,
// NPS points for Net Promoter Scores.
type Comparison struct {
	// Difference is the second estimate minus the first (after − before,
	// variant − control), in points.
	Difference float64 `json:"difference"`
	// Interval is the confidence interval of Difference at the confidence
	// level asked for, in points.
	Interval Interval `json:"interval"`
	// Z is the test statistic: the difference divided by its standard error
	// under the null hypothesis of no difference.
	Z float64 `json:"z"`
	// PValue is the two-sided p-value, P(|N(0,1)| ≥ |Z|), within 0..1. A
	// value below 1 − confidence (0.05 at 0.95) rejects "no difference" at
	// that level.
	PValue float64 `json:"p_value"`
}
