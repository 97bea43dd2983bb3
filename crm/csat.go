package crm

import (
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
)

// CSATInput holds the answers of one customer satisfaction survey (or of one
// period of a continuous survey), counted per score.
type CSATInput struct {
	// Scale is the survey's answer scale, such as SurveyScale{Min: 1, Max: 5}.
	// It is required: the zero value is not a scale (see SurveyScale).
	Scale SurveyScale
	// SatisfiedFrom is the lowest score that counts as satisfied, within
	// Scale.Min+1..Scale.Max. Zero selects the usual "top two boxes":
	// Scale.Max−1 and Scale.Max (4 and 5 on a 1–5 scale). On a scale that
	// includes 0, zero therefore cannot mean the score 0 itself.
	SatisfiedFrom int
	// Counts holds the number of answers per score: Counts[i] is the number
	// of answers scoring Scale.Min+i, so it has one entry per score of the
	// scale (5 for 1–5).
	Counts []int
}

// CSAT returns the customer satisfaction score: the share of answers that
// are satisfied, those scoring SatisfiedFrom or more.
//
//	satisfied = Σ Counts[i] for every score Scale.Min+i ≥ SatisfiedFrom
//	CSAT      = satisfied / Σ Counts × 100
//
// The result is a Percent within 0..100. The seeds name CSAT without a
// formula; CSAT follows the usual definition, the share of satisfied answers
// (the "top-two-box" share of a 1–5 scale by default), rather than the mean
// answer, because a share reads the same on every scale and is how CSAT is
// commonly reported. The caller states the scale and may move the threshold
// (SatisfiedFrom 8 on a 1–10 scale). The threshold must leave at least the
// lowest score unsatisfied, so the default needs a scale of three scores or
// more.
//
// CSAT returns an error if:
//   - Scale.Min is not below Scale.Max, as in the zero value (metrics.ErrInvalid)
//   - SatisfiedFrom is outside Scale.Min+1..Scale.Max (metrics.ErrOutOfRange)
//   - SatisfiedFrom is zero (top two boxes) on a scale of only two scores,
//     where the top two boxes would count every answer as satisfied
//     (metrics.ErrInvalid)
//   - Counts does not have one entry per score of the scale
//     (metrics.ErrInconsistent)
//   - a count is negative (metrics.ErrNegative; the error's Index is its
//     position in Counts)
//   - every count is zero, so there is no answer (metrics.ErrUndefined)
func CSAT(in CSATInput) (metrics.Percent, error) {
	const metric = "crm.CSAT"
	from, err := csatThreshold(metric, "Scale", "SatisfiedFrom", in.Scale, in.SatisfiedFrom)
	if err == nil {
		err = in.Scale.checkCounts(metric, in.Counts)
	}
	if err != nil {
		return metrics.Percent{}, err
	}
	// from > Scale.Min, so the satisfied scores start at index from − Min ≥ 1.
	first := int(uint64(from) - uint64(in.Scale.Min))
	return metrics.NewPercent(exact.Rate(sumSurveyCounts(in.Counts[first:]), sumSurveyCounts(in.Counts))), nil
}

// CSATFromAnswers returns the customer satisfaction score of raw answers on
// scale: the share of answers scoring satisfiedFrom or more, with
// satisfiedFrom zero selecting the top two boxes, as in CSATInput.
//
//	CSAT = number of answers ≥ satisfiedFrom / len(answers) × 100
//
// The result is a Percent within 0..100, equal to CSAT's for the same answers
// counted per score. It makes one pass over answers and builds no counts.
//
// CSATFromAnswers returns an error if:
//   - scale.Min is not below scale.Max, as in the zero value (metrics.ErrInvalid)
//   - satisfiedFrom is outside scale.Min+1..scale.Max (metrics.ErrOutOfRange)
//   - satisfiedFrom is zero (top two boxes) on a scale of only two scores
//     (metrics.ErrInvalid)
//   - answers is empty (metrics.ErrEmpty)
//   - an answer is outside the scale (metrics.ErrOutOfRange; the error's
//     Index is its position in answers)
func CSATFromAnswers(scale SurveyScale, satisfiedFrom int, answers []int) (metrics.Percent, error) {
	const metric = "crm.CSATFromAnswers"
	from, err := csatThreshold(metric, "scale", "satisfiedFrom", scale, satisfiedFrom)
	if err == nil {
		err = scale.checkAnswers(metric, answers)
	}
	if err != nil {
		return metrics.Percent{}, err
	}
	satisfied := 0
	for _, a := range answers {
		if a >= from {
			satisfied++
		}
	}
	return metrics.NewPercent(exact.RateInt(satisfied, len(answers))), nil
}

// csatThreshold validates the scale and returns the satisfaction threshold,
// resolving zero to the top two boxes.
func csatThreshold(metric, scaleField, field string, scale SurveyScale, from int) (int, error) {
	if err := scale.validate(metric, scaleField); err != nil {
		return 0, err
	}
	if from == 0 {
		if scale.span() < 2 {
			return 0, check.Err(metric, field, 0, metrics.ErrInvalid,
				"(top two boxes) needs a scale of three scores or more, not "+scale.String())
		}
		return scale.Max - 1, nil
	}
	if from <= scale.Min || from > scale.Max {
		return 0, check.Err(metric, field, from, metrics.ErrOutOfRange,
			"is outside "+strconv.Itoa(scale.Min+1)+".."+strconv.Itoa(scale.Max))
	}
	return from, nil
}

var csatDescriptor = metrics.Descriptor{
	ID:       CSATID,
	Name:     "Customer satisfaction score (CSAT)",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "answers scoring SatisfiedFrom or more / all answers × 100",
}
