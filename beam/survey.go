package kpibeam

import (
	"reflect"

	"github.com/kpikit/kpikit/crm"
)

func init() {
	registerCombiner[crm.NPSTally, int](NPS{})
	registerCombiner[crm.AnswerTally, int](Answers{})
}

// NPS is the combiner of answers to a Net Promoter Score question (int
// scores, 0–10) into a [crm.NPSTally], from which [crm.NPSTally.NPS] reads
// the score. It has no settings. Use it with [Globally] or [PerKey], or
// with Beam's own beam.Combine and beam.CombinePerKey.
//
// Its methods are Beam's CombineFn methods; a score outside 0–10 fails the
// pipeline with the *metrics.Error of [crm.NPSTally.Add].
type NPS struct{}

// CreateAccumulator returns an empty tally.
func (NPS) CreateAccumulator() *crm.NPSTally { return new(crm.NPSTally) }

// AddInput adds one score to t, as [crm.NPSTally.Add] does.
func (NPS) AddInput(t *crm.NPSTally, score int) (*crm.NPSTally, error) { return add(t, score) }

// MergeAccumulators adds u to t, as [crm.NPSTally.Merge] does.
func (NPS) MergeAccumulators(t, u *crm.NPSTally) (*crm.NPSTally, error) { return merge(t, u) }

// ExtractOutput returns the tally itself.
func (NPS) ExtractOutput(t *crm.NPSTally) *crm.NPSTally { return t }

func (NPS) shape() (reflect.Type, reflect.Type) { return shapeOf[crm.NPSTally, int]() }
func (NPS) check() error                        { return nil }

// Answers is the combiner of answers to a survey question on a stated
// scale (int answers), such as a customer satisfaction question on 1–5 or a
// customer effort question on 1–7, into a [crm.AnswerTally], from which
// [crm.AnswerTally.CSAT] and [crm.AnswerTally.CES] read the metrics.
//
// Its setting is Scale, the question's scale: the Scale of every tally it
// creates. Its methods are Beam's CombineFn methods; an answer outside Scale
// fails the pipeline with the *metrics.Error of [crm.AnswerTally.Add].
type Answers struct {
	// Scale is the question's answer scale, such as crm.SurveyScale{Min: 1,
	// Max: 5}; it must be set.
	Scale crm.SurveyScale
}

// CreateAccumulator returns an empty tally on a's Scale.
func (a Answers) CreateAccumulator() *crm.AnswerTally { return &crm.AnswerTally{Scale: a.Scale} }

// AddInput adds one answer to t, as [crm.AnswerTally.Add] does.
func (Answers) AddInput(t *crm.AnswerTally, answer int) (*crm.AnswerTally, error) {
	return add(t, answer)
}

// MergeAccumulators adds u to t, as [crm.AnswerTally.Merge] does.
func (Answers) MergeAccumulators(t, u *crm.AnswerTally) (*crm.AnswerTally, error) {
	return merge(t, u)
}

// ExtractOutput returns the tally itself.
func (Answers) ExtractOutput(t *crm.AnswerTally) *crm.AnswerTally { return t }

func (Answers) shape() (reflect.Type, reflect.Type) { return shapeOf[crm.AnswerTally, int]() }

// check asks the library whether Scale is a scale a tally takes, by adding
// its lowest answer to a scratch tally.
func (a Answers) check() error {
	t := crm.AnswerTally{Scale: a.Scale}
	return t.Add(a.Scale.Min)
}
