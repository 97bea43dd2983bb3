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
	// It is required: the zero value is not a scale (see [SurveyScale]).
	Scale SurveyScale `json:"scale"`
	// Counts holds the number of answers per score: Counts[i] is the number
	// of answers scoring Scale.Min+i, so it has one entry per score of the
	// scale (7 for 1–7). [AnswerTally.Counts] builds it from raw answers.
	Counts []int `json:"counts"`
}

// CES returns the Customer Effort Score: the mean answer to a question such
// as "How easy was it to get your issue resolved?". [AnswerTally.CES] reads
// it from raw answers with this function's code.
//
//	CES = Σ (Scale.Min+i) × Counts[i] / Σ Counts[i]
//
// The result is a score on the survey's own scale, a decimal.Decimal within
// Scale.Min..Scale.Max, exact when the quotient terminates and rounded at
// [metrics.Scale] digits otherwise; scores on different scales are not
// comparable. "Mesures CRM que vous devez connaître" (in French) names CES
// ("Score d'effort client") without a formula; CES uses the mean, the
// most common definition. Some teams report instead the share of "easy"
// answers (5 to 7 on a 1–7 scale): that share is CSAT's computation, so call
// [CSAT] with the same scale and SatisfiedFrom 5, or read [AnswerTally.CSAT](5).
//
// Direction: on the common 1–7 scale worded as agreement with "the company
// made it easy to handle my issue" (1 strongly disagree, 7 strongly agree), a
// higher score means less effort and is better, which is the direction the
// CES descriptor records. Some surveys invert the question ("How much effort
// did you personally have to put forth?", 1 very low effort, 5 very high
// effort); on those a lower score is better, and the caller must read the
// result the other way.
//
// Descriptor ID: ces.
//
// CES returns an error if:
//   - Scale.Min is not below Scale.Max, as in the zero value ([metrics.ErrInvalid])
//   - Counts does not have one entry per score of the scale
//     ([metrics.ErrInconsistent])
//   - a count is negative ([metrics.ErrNegative]; the error's Index is its
//     position in Counts)
//   - every count is zero, so there is no answer ([metrics.ErrUndefined];
//     the error names Counts[0])
func CES(in CESInput) (decimal.Decimal, error) {
	return ces("crm.CES", in.Scale, in.Counts)
}

// ces validates the scale and counts of a CES reading, for the function or
// method metric, and computes it.
func ces(metric string, scale SurveyScale, counts []int) (decimal.Decimal, error) {
	err := scale.validate(metric, "Scale")
	if err == nil {
		err = scale.checkCounts(metric, counts)
	}
	if err != nil {
		return decimal.Decimal{}, err
	}
	// Σ (Min+i) × c = Min × Σ c + Σ i × c, in decimal: i × c overflows an
	// int for large counts, and the loop runs once per score, not per answer.
	total := sumSurveyCounts(counts)
	sum := decimal.NewFromInt(int64(scale.Min)).Mul(total)
	for i, c := range counts {
		if c != 0 && i != 0 {
			sum = sum.Add(decimal.NewFromInt(int64(i)).Mul(decimal.NewFromInt(int64(c))))
		}
	}
	return exact.Quo(sum, total), nil
}

var cesDescriptor = metrics.Descriptor{
	ID:       "ces",
	Name:     "Customer effort score (CES)",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitScore,
	Better:   metrics.HigherIsBetter,
	Formula:  "Σ score × answers with that score / all answers",
}
