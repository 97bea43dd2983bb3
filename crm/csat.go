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
	// It is required: the zero value is not a scale (see [SurveyScale]).
	Scale SurveyScale `json:"scale"`
	// SatisfiedFrom is the lowest score that counts as satisfied, within
	// Scale.Min+1..Scale.Max. Zero selects the usual "top two boxes":
	// Scale.Max−1 and Scale.Max (4 and 5 on a 1–5 scale). On a scale that
	// includes 0, zero therefore cannot mean the score 0 itself.
	SatisfiedFrom int `json:"satisfied_from"`
	// Counts holds the number of answers per score: Counts[i] is the number
	// of answers scoring Scale.Min+i, so it has one entry per score of the
	// scale (5 for 1–5). [AnswerTally.Counts] builds it from raw answers.
	Counts []int `json:"counts"`
}

// CSAT returns the customer satisfaction score: the share of answers that
// are satisfied, those scoring SatisfiedFrom or more. [AnswerTally.CSAT]
// reads it from raw answers with this function's code.
//
//	satisfied = Σ Counts[i] for every score Scale.Min+i ≥ SatisfiedFrom
//	CSAT      = satisfied / Σ Counts × 100
//
// The result is a [metrics.Percent] within 0..100. The source articles name
// CSAT without a formula; CSAT follows the usual definition, the share of satisfied answers
// (the "top-two-box" share of a 1–5 scale by default), rather than the mean
// answer, because a share reads the same on every scale and is how CSAT is
// commonly reported. The caller states the scale and may move the threshold
// (SatisfiedFrom 8 on a 1–10 scale). The threshold must leave at least the
// lowest score unsatisfied, so the default needs a scale of three scores or
// more.
//
// Descriptor ID: csat.
//
// CSAT returns an error if:
//   - Scale.Min is not below Scale.Max, as in the zero value ([metrics.ErrInvalid])
//   - SatisfiedFrom is outside Scale.Min+1..Scale.Max ([metrics.ErrOutOfRange])
//   - SatisfiedFrom is zero (top two boxes) on a scale of only two scores,
//     where the top two boxes would count every answer as satisfied
//     ([metrics.ErrInvalid])
//   - Counts does not have one entry per score of the scale
//     ([metrics.ErrInconsistent])
//   - a count is negative ([metrics.ErrNegative]; the error's Index is its
//     position in Counts)
//   - every count is zero, so there is no answer ([metrics.ErrUndefined];
//     the error names Counts[0])
func CSAT(in CSATInput) (metrics.Percent, error) {
	return csat("crm.CSAT", "SatisfiedFrom", in.Scale, in.SatisfiedFrom, in.Counts)
}

// csat validates the scale, threshold and counts of a CSAT reading, for the
// function or method metric whose threshold is named fromField, and computes
// it.
func csat(metric, fromField string, scale SurveyScale, from int, counts []int) (metrics.Percent, error) {
	from, err := csatThreshold(metric, fromField, scale, from)
	if err == nil {
		err = scale.checkCounts(metric, counts)
	}
	if err != nil {
		return metrics.Percent{}, err
	}
	// from > Scale.Min, so the satisfied scores start at index from − Min ≥ 1.
	first := int(uint64(from) - uint64(scale.Min))
	return metrics.NewPercent(exact.Rate(sumSurveyCounts(counts[first:]), sumSurveyCounts(counts))), nil
}

// csatThreshold validates the scale and returns the satisfaction threshold,
// resolving zero to the top two boxes.
func csatThreshold(metric, field string, scale SurveyScale, from int) (int, error) {
	if err := scale.validate(metric, "Scale"); err != nil {
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
	ID:       "csat",
	Name:     "Customer satisfaction score (CSAT)",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitPercent,
	Better:   metrics.HigherIsBetter,
	Formula:  "answers scoring SatisfiedFrom or more / all answers × 100",
}
