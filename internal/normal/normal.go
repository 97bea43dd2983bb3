// Package normal gives the standard normal distribution's CDF and quantile
// function, for the confidence intervals and tests of kpikit's uncertainty
// functions, without a statistics dependency.
package normal

import "math"

// CDF returns P(Z ≤ x) for a standard normal Z.
func CDF(x float64) float64 {
	return 0.5 * math.Erfc(-x/math.Sqrt2)
}

// Quantile returns the x with CDF(x) = p, for 0 < p < 1. It returns −Inf for
// p = 0, +Inf for p = 1 and NaN outside [0, 1]; callers validate p first.
func Quantile(p float64) float64 {
	switch {
	case p < 0 || p > 1 || math.IsNaN(p):
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	}
	// Erfcinv keeps its relative accuracy in both tails.
	x := -math.Sqrt2 * math.Erfcinv(2*p)
	// One Newton step on the CDF polishes the last bits.
	if pdf := math.Exp(-x*x/2) / math.Sqrt(2*math.Pi); pdf > 0 {
		x -= (CDF(x) - p) / pdf
	}
	return x
}

// TwoSided returns the critical value z with P(−z ≤ Z ≤ z) = confidence, for
// 0 < confidence < 1: 1.959963984540054 for 0.95. It takes the quantile of
// the lower tail (1 − confidence)/2, which stays finite for confidences next
// to 1, where 0.5 + confidence/2 would round to 1.
func TwoSided(confidence float64) float64 {
	return math.Abs(Quantile((1 - confidence) / 2))
}

// TwoSidedP returns the two-sided p-value of a z statistic: P(|Z| ≥ |z|).
func TwoSidedP(z float64) float64 {
	return math.Erfc(math.Abs(z) / math.Sqrt2)
}
