package crm

import (
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// CESInput holds the answers of one customer effort survey (or of one period
// of a continuous survey), counted per score.
type CESInput struct {
	// Scale is the survey's answer scale, such as SurveyScale{Min: 1, Max: 7}.
	// It is required: the zero value is not a scale (see SurveyScale).
	Scale SurveyScale
	// Counts holds the number of answers per score: Counts[i] is the number
	// of answers scoring Scale.Min+i, so it has one entry per score of the
	// scale (7 for 1–7).
	Counts []int
}

// CES returns the Customer Effort Score (seed 001): the mean answer to a
// question such as "How easy was it to get your issue resolved?".
//
//	CES = Σ (Scale.Min+i) × Counts[i] / Σ Counts[i]
//
// The result is a score on the survey's own scale, a decimal.Decimal within
// Scale.Min..Scale.Max, exact when the quotient terminates and rounded at
// metrics.Scale digits otherwise; scores on different scales are not
// comparable. Seed 001 names CES without a formula; CES uses the mean, the
// most common definition. Some teams report instead the share of "easy"
// answers (5 to 7 on a 1–7 scale): that share is CSAT's computation, so call
// CSAT with the same scale and SatisfiedFrom 5.
//
// Direction: on the common 1–7 scale worded as agreement with "the company
// made it easy to handle my issue" (1 strongly disagree, 7 strongly agree), a
// higher score means less effort and is better, which is the direction the
// CES descriptor records. Some surveys invert the question ("How much effort
// did you personally have to put forth?", 1 very low effort, 5 very high
// effort); on those a lower score is better, and the caller must read the
// result the other way.
//
// CES returns an error if:
//   - Scale.Min is not below Scale.Max, as in the zero value (metrics.ErrInvalid)
//   - Counts does not have one entry per score of the scale
//     (metrics.ErrInconsistent)
//   - a count is negative (metrics.ErrNegative; the error's Index is its
//     position in Counts)
//   - every count is zero, so there is no answer (metrics.ErrUndefined)
func CES(in CESInput) (decimal.Decimal, error) {
	const metric = "crm.CES"
	err := in.Scale.validate(metric, "Scale")
	if err == nil {
		err = in.Scale.checkCounts(metric, in.Counts)
	}
	if err != nil {
		return decimal.Decimal{}, err
	}
	// Exact sums in decimal: score × count overflows int for large counts,
	// and the loop runs once per score of the scale, not per answer.
	sum := decimal.Zero
	for i, c := range in.Counts {
		if c != 0 {
			score := decimal.NewFromInt(int64(in.Scale.Min)).Add(decimal.NewFromInt(int64(i)))
			sum = sum.Add(score.Mul(decimal.NewFromInt(int64(c))))
		}
	}
	return exact.Quo(sum, sumSurveyCounts(in.Counts)), nil
}

// CESFromAnswers returns the Customer Effort Score of raw answers on scale:
// their mean, as CES defines it (see CES for the direction of the score).
//
//	CES = Σ answers / len(answers)
//
// The result is a decimal.Decimal within scale.Min..scale.Max, equal to CES's
// for the same answers counted per score.
//
// CESFromAnswers returns an error if:
//   - scale.Min is not below scale.Max, as in the zero value (metrics.ErrInvalid)
//   - answers is empty (metrics.ErrEmpty)
//   - an answer is outside the scale (metrics.ErrOutOfRange; the error's
//     Index is its position in answers)
func CESFromAnswers(scale SurveyScale, answers []int) (decimal.Decimal, error) {
	const metric = "crm.CESFromAnswers"
	err := scale.validate(metric, "scale")
	if err == nil {
		err = scale.checkAnswers(metric, answers)
	}
	if err != nil {
		return decimal.Decimal{}, err
	}
	// Σ answers = Min × n + Σ (a − Min); the offsets are non-negative and sum
	// in machine integers while they fit, in decimal once they would not.
	n := decimal.NewFromInt(int64(len(answers)))
	sum := decimal.NewFromInt(int64(scale.Min)).Mul(n).Add(sumOffsets(scale, answers))
	return exact.Quo(sum, n), nil
}

// sumOffsets returns Σ (a − scale.Min) over answers already checked to lie
// on the scale, exactly.
func sumOffsets(scale SurveyScale, answers []int) decimal.Decimal {
	const maxSafe = uint64(1) << 62
	var s uint64
	for i, a := range answers {
		off := uint64(a) - uint64(scale.Min)
		if off >= maxSafe || s >= maxSafe {
			d := decimal.NewFromUint64(s)
			for _, a := range answers[i:] {
				d = d.Add(decimal.NewFromUint64(uint64(a) - uint64(scale.Min)))
			}
			return d
		}
		s += off
	}
	return decimal.NewFromUint64(s)
}

var cesDescriptor = metrics.Descriptor{
	ID:       CESID,
	Name:     "Customer effort score (CES)",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitScore,
	Better:   metrics.HigherIsBetter,
	Formula:  "Σ score × answers with that score / all answers",
}
