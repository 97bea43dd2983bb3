package crm

import (
	"math"
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/normal"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// The uncertainty of a Net Promoter Score.
//
// A survey of 40 people and one of 4,000 can show the same NPS; the functions
// below say how far the true score of the customer base may lie from it
// ([NPSStandardError], [NPSInterval]), how many answers a target precision
// needs ([NPSSampleSize]), and whether two scores differ by more than sampling
// noise ([NPSTwoSampleTest]). They model each respondent as a draw of +100
// (promoter), 0 (passive) or −100 (detractor), whose mean is the NPS.
//
// Their results are float64 values in NPS points (squared points for the
// variance) and are approximate: they rest on the normal approximation and are
// computed in floating point. The score itself stays exact: compute it with
// [NPS]. Each takes an [NPSInput]; [NPSTally.Counts] gives it for raw answers.

// NPSMethod selects how [NPSInterval] and [NPSTwoSampleTest] compute an
// interval. The zero value is not a method. Its text form (MarshalText,
// UnmarshalText) is "wald" or "adjusted_wald".
type NPSMethod int

// The interval methods. Rocks (2016, "Interval Estimation for the 'Net
// Promoter Score'", The American Statistician 70(4)) compared six methods and
// found the adjusted Wald interval the best in coverage and precision; Lewis &
// Sauro (MeasuringU, 2021, "Confidence Intervals for Net Promoter Scores" and
// "How to Statistically Compare Two Net Promoter Scores") confirmed it on real
// survey data and use it for their significance test.
const (
	// NPSWald is the plain Wald interval: NPS ± z × standard error, from the
	// observed counts. It has zero width when every respondent is in one
	// category and undercovers for small samples.
	NPSWald NPSMethod = iota + 1
	// NPSAdjustedWald is the adjusted Wald interval: it adds 3/4 of a
	// promoter, 3/2 of a passive and 3/4 of a detractor (3 pseudo-respondents)
	// to the counts and computes the Wald interval of the adjusted counts. It
	// is the recommended method, especially below a few hundred answers.
	NPSAdjustedWald
)

// String returns "Wald", "adjusted Wald" or "NPSMethod(n)", for reading;
// MarshalText gives the snake_case text.
func (m NPSMethod) String() string {
	switch m {
	case NPSWald:
		return "Wald"
	case NPSAdjustedWald:
		return "adjusted Wald"
	}
	return "NPSMethod(" + strconv.Itoa(int(m)) + ")"
}

// npsMethodTexts holds the text form of each method, indexed by its value.
var npsMethodTexts = [...]string{NPSWald: "wald", NPSAdjustedWald: "adjusted_wald"}

// MarshalText implements [encoding.TextMarshaler]: "wald" or
// "adjusted_wald".
//
// MarshalText returns an error if:
//   - m is not NPSWald or NPSAdjustedWald ([metrics.ErrInvalid])
func (m NPSMethod) MarshalText() ([]byte, error) {
	if err := npsCheckMethod("crm.NPSMethod.MarshalText", "m", m); err != nil {
		return nil, err
	}
	return []byte(npsMethodTexts[m]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: it reads the text
// MarshalText writes. On error m is unchanged.
//
// UnmarshalText returns an error if:
//   - text is not "wald" or "adjusted_wald" ([metrics.ErrInvalid])
func (m *NPSMethod) UnmarshalText(text []byte) error {
	for v := NPSWald; v <= NPSAdjustedWald; v++ {
		if string(text) == npsMethodTexts[v] {
			*m = v
			return nil
		}
	}
	return check.Err("crm.NPSMethod.UnmarshalText", "text", strconv.Quote(string(text)), metrics.ErrInvalid,
		"is not wald or adjusted_wald")
}

// NPSVariance returns the variance of one respondent's score, each
// respondent counting +100 (promoter), 0 (passive) or −100 (detractor):
//
//	n = Promoters + Passives + Detractors
//	p = Promoters / n,   d = Detractors / n
//	variance = 100² × (p + d − (p − d)²)
//	         = 100² × (p(1 − p) + d(1 − d) + 2pd)
//
// The result is in squared NPS points, within 0 (every respondent in one
// category) and 10,000 (half promoters, half detractors). It is the plug-in
// (maximum-likelihood) variance, which divides by n rather than n − 1, as the
// Wald interval and Rocks (2016) use it; multiply by n/(n − 1) for the
// unbiased sample variance of the scores. It is a float64 and approximate,
// computed from the second form, which has no cancellation.
//
// NPSVariance returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - all three counts are zero, so there is no respondent ([metrics.ErrUndefined])
func NPSVariance(in NPSInput) (float64, error) {
	const metric = "crm.NPSVariance"
	if err := npsCheckCounts(metric, "", in); err != nil {
		return 0, err
	}
	v, _ := npsMoments(float64(in.Promoters), float64(in.Passives), float64(in.Detractors))
	return v, nil
}

// NPSStandardError returns the standard error of the Net Promoter Score: how
// much the score of a survey of this size typically varies from one random
// sample of respondents to another.
//
//	SE = √(variance / n),   variance = 100² × (p + d − (p − d)²)  (NPSVariance)
//
// See [NPSVariance] for the variance.
//
// The result is in NPS points and approximate (float64). A survey of 40 with
// 50% promoters and 20% detractors has a standard error of 12.3 points; one
// of 4,000 with the same shares, 1.23.
//
// NPSStandardError returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - all three counts are zero, so there is no respondent ([metrics.ErrUndefined])
func NPSStandardError(in NPSInput) (float64, error) {
	const metric = "crm.NPSStandardError"
	if err := npsCheckCounts(metric, "", in); err != nil {
		return 0, err
	}
	_, se := npsMoments(float64(in.Promoters), float64(in.Passives), float64(in.Detractors))
	return se, nil
}

// NPSInterval returns a confidence interval of the Net Promoter Score at the
// given confidence level (0.95 for a 95% interval), by the chosen method:
//
//	z = the standard normal quantile of 1 − (1 − confidence)/2   (1.959964 at 0.95)
//
//	NPSWald:          P, A, D = Promoters, Passives, Detractors
//	NPSAdjustedWald:  P, A, D = Promoters + 3/4, Passives + 3/2, Detractors + 3/4
//
//	n = P + A + D,   p = P/n,   d = D/n
//	estimate = 100 × (p − d)
//	SE       = 100 × √((p + d − (p − d)²) / n)
//	interval = estimate ± z × SE
//
// The result is a [metrics.Interval] in NPS points and approximate (float64).
// The Wald interval is centred on the observed NPS. The adjusted Wald interval is centred on the
// adjusted score 100 × (Promoters − Detractors)/(n + 3), which lies between 0
// and the observed NPS; for very small samples it may exclude the observed
// score (one promoter of one: 95% interval −48.5 to 98.5 around 25).
//
// The interval is not cut to −100..100. Either method can run past an end
// when the score is near it: 99 promoters and 1 passive give a 95% Wald
// interval of 97.0 to 101.0 around 99, and 50 promoters of 50 an adjusted
// Wald interval of 86.6 to 102.0. Use [metrics.Interval.Clamp](−100, 100) for display. The Wald
// interval has zero width when every respondent is in one category.
//
// NPSInterval returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - all three counts are zero, so there is no respondent ([metrics.ErrUndefined])
//   - confidence is not strictly between 0 and 1, or is NaN ([metrics.ErrOutOfRange])
//   - method is not NPSWald or NPSAdjustedWald ([metrics.ErrInvalid])
func NPSInterval(in NPSInput, confidence float64, method NPSMethod) (metrics.Interval, error) {
	const metric = "crm.NPSInterval"
	if err := check.First(
		npsCheckCounts(metric, "", in),
		check.Confidence(metric, confidence),
		npsCheckMethod(metric, "method", method),
	); err != nil {
		return metrics.Interval{}, err
	}
	est, se := npsEstimate(in, method)
	margin := normal.TwoSided(confidence) * se
	return metrics.Interval{Low: est - margin, High: est + margin}, nil
}

// NPSPlan holds the assumptions from which [NPSSampleSize] plans a survey.
type NPSPlan struct {
	// Promoters is the expected share of promoters among respondents, from a
	// previous survey or a pilot; Promoters = Detractors = 50 is the worst
	// case, to use when nothing is known.
	Promoters metrics.Percent `json:"promoters"`
	// Detractors is the expected share of detractors; with Promoters at most
	// 100 in all.
	Detractors metrics.Percent `json:"detractors"`
	// Margin is the target margin of error, in NPS points: 5 asks for an
	// interval of the score ± 5.
	Margin float64 `json:"margin"`
}

// NPSSampleSize returns the number of respondents a survey needs for its Wald
// interval ([NPSInterval] with [NPSWald]) to have a half-width of at most
// plan.Margin NPS points at the given confidence level, if the shares of
// promoters and detractors turn out as planned:
//
//	p, d     = plan.Promoters and plan.Detractors as fractions
//	variance = 100² × (p + d − (p − d)²)                 (NPSVariance)
//	n        = ⌈ z² × variance / Margin² ⌉,  at least 1
//	z        = the standard normal quantile of 1 − (1 − confidence)/2
//
// The planning assumption is the caller's: pass the shares of the last survey
// for a tracking study. Promoters = Detractors = 50 gives the largest
// variance of all, 100², so the n it returns reaches the margin whatever the
// shares turn out to be: 1,537 respondents for ±5 points at 95%. Shares of
// 40% and 30% need 1,061. The adjusted Wald interval of a sample of this size
// has about the same width. The result ignores the finite-population
// correction: it assumes the customer base is much larger than the sample.
//
// NPSSampleSize returns an error if:
//   - plan.Promoters or plan.Detractors is outside 0..100 ([metrics.ErrOutOfRange])
//   - plan.Promoters + plan.Detractors exceeds 100 ([metrics.ErrInconsistent])
//   - plan.Margin is not a positive finite number ([metrics.ErrOutOfRange])
//   - the sample would exceed math.MaxInt respondents ([metrics.ErrOutOfRange],
//     on Margin)
//   - confidence is not strictly between 0 and 1, or is NaN ([metrics.ErrOutOfRange])
func NPSSampleSize(plan NPSPlan, confidence float64) (int, error) {
	const metric = "crm.NPSSampleSize"
	if err := check.First(
		check.Percent(metric, "Promoters", plan.Promoters),
		check.Percent(metric, "Detractors", plan.Detractors),
	); err != nil {
		return 0, err
	}
	p, d := plan.Promoters.Fraction(), plan.Detractors.Fraction()
	if p.Add(d).Cmp(decimal.NewFromInt(1)) > 0 {
		return 0, check.Err(metric, "Detractors", plan.Detractors, metrics.ErrInconsistent,
			"plus Promoters "+plan.Promoters.String()+" exceeds 100%")
	}
	if !(plan.Margin > 0) || math.IsInf(plan.Margin, 1) {
		return 0, check.Err(metric, "Margin", check.Text(plan.Margin), metrics.ErrOutOfRange,
			"is not a positive number of NPS points")
	}
	if err := check.Confidence(metric, confidence); err != nil {
		return 0, err
	}
	// p + d − (p − d)² is exact in decimal (no division), then one rounding.
	net := p.Sub(d)
	variance := 1e4 * p.Add(d).Sub(net.Mul(net)).InexactFloat64()
	z := normal.TwoSided(confidence)
	n := math.Ceil(z * z * variance / (plan.Margin * plan.Margin))
	if !(n < math.MaxInt64) { // also catches +Inf; float64(MaxInt64) is 2⁶³
		return 0, check.Err(metric, "Margin", check.Text(plan.Margin), metrics.ErrOutOfRange,
			"needs more than "+strconv.Itoa(math.MaxInt)+" respondents")
	}
	return max(int(n), 1), nil
}

// NPSTwoSampleTest compares the Net Promoter Scores of two independent
// surveys, a (the first period, the control) and b (the second period, the
// variant), and says whether the difference is larger than sampling noise:
//
//	estimate_i, SE_i as NPSInterval computes them for sample i and method
//	Difference = estimate_b − estimate_a                      (NPS points)
//	SE         = √(SE_a² + SE_b²)
//	Z          = Difference / SE
//	PValue     = P(|N(0,1)| ≥ |Z|) = erfc(|Z|/√2)             (two-sided)
//	Interval   = Difference ± z × SE,  z = normal quantile of 1 − (1 − confidence)/2
//
// With NPSAdjustedWald each sample gets its 3 pseudo-respondents first, as in
// MeasuringU's adjusted-Wald test (Lewis & Sauro, 2021, "How to Statistically
// Compare Two Net Promoter Scores"), so Difference is the difference of the
// adjusted scores, a little closer to 0 than the observed difference for
// small samples (compute that one with [NPS]). The result is a
// [metrics.Comparison]. With NPSWald, Difference is the
// observed difference. The same standard error serves the test and the
// interval, so they agree: PValue < 1 − confidence when, and only when, the
// Interval excludes 0 (up to rounding at the boundary).
//
// The result is approximate (float64). The Interval is not cut to
// −200..200. When neither sample varies (each has all its respondents in one
// category), the Wald standard error is 0: if the two scores are equal the
// function reports Difference 0, Interval [0, 0], Z 0 and PValue 1 (no
// evidence of a difference); if they differ, Z would be infinite and it
// returns metrics.ErrUndefined, for which NPSAdjustedWald is the remedy.
//
// NPSTwoSampleTest returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - all three counts of a or of b are zero ([metrics.ErrUndefined])
//   - confidence is not strictly between 0 and 1, or is NaN ([metrics.ErrOutOfRange])
//   - method is not NPSWald or NPSAdjustedWald ([metrics.ErrInvalid])
//   - method is NPSWald, neither sample varies and their scores differ
//     ([metrics.ErrUndefined])
func NPSTwoSampleTest(a, b NPSInput, confidence float64, method NPSMethod) (metrics.Comparison, error) {
	const metric = "crm.NPSTwoSampleTest"
	if err := check.First(
		npsCheckCounts(metric, "a.", a),
		npsCheckCounts(metric, "b.", b),
		check.Confidence(metric, confidence),
		npsCheckMethod(metric, "method", method),
	); err != nil {
		return metrics.Comparison{}, err
	}
	estA, seA := npsEstimate(a, method)
	estB, seB := npsEstimate(b, method)
	diff := estB - estA
	se := math.Hypot(seA, seB)
	if se == 0 {
		// Wald, one category per sample: the scores are exactly −100, 0 or 100.
		if diff != 0 {
			return metrics.Comparison{}, check.Err(metric, "method", method, metrics.ErrUndefined,
				"has a zero standard error: neither sample varies but their scores differ")
		}
		return metrics.Comparison{PValue: 1}, nil
	}
	z := diff / se
	margin := normal.TwoSided(confidence) * se
	return metrics.Comparison{
		Difference: diff,
		Interval:   metrics.Interval{Low: diff - margin, High: diff + margin},
		Z:          z,
		PValue:     normal.TwoSidedP(z),
	}, nil
}

// npsEstimate returns the score and its standard error, in NPS points, of
// valid counts by a valid method.
func npsEstimate(in NPSInput, method NPSMethod) (estimate, se float64) {
	p, a, d := float64(in.Promoters), float64(in.Passives), float64(in.Detractors)
	if method == NPSAdjustedWald {
		p, a, d = p+0.75, a+1.5, d+0.75
	}
	_, se = npsMoments(p, a, d)
	return 100 * ((p - d) / (p + a + d)), se
}

// npsMoments returns the per-respondent variance (squared points) and the
// standard error (points) of promoter, passive and detractor counts p, a, d
// (not all zero). With n = p + a + d,
//
//	variance = 100² × (a(p + d) + 4pd) / n²
//
// which equals 100² × (p/n + d/n − ((p − d)/n)²) and, being a sum of
// non-negative terms, does not lose precision to cancellation.
func npsMoments(p, a, d float64) (variance, se float64) {
	n := p + a + d
	variance = 1e4 * ((a/n)*((p+d)/n) + 4*(p/n)*(d/n))
	return variance, math.Sqrt(variance / n)
}

// npsCheckMethod reports metrics.ErrInvalid for an unknown method.
func npsCheckMethod(metric, field string, method NPSMethod) error {
	if method != NPSWald && method != NPSAdjustedWald {
		return check.Err(metric, field, method, metrics.ErrInvalid, "is not NPSWald or NPSAdjustedWald")
	}
	return nil
}
