package crm

import (
	"math"
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// SurveyScale is the range of whole-number answers a survey question accepts,
// both ends included: SurveyScale{Min: 1, Max: 5} is the five-point scale of
// a CSAT question, SurveyScale{Min: 1, Max: 7} the seven-point scale of a CES
// question. Min may be negative (a −3..3 scale) or zero.
//
// A scale is valid when Min is below Max. The zero value (0..0) is not a
// valid scale: [CSAT], [CES] and [AnswerTally] return [metrics.ErrInvalid]
// for it rather than assume a default, because the answer counts of
// [CSATInput] and [CESInput] are positional (Counts[0] holds the answers
// scoring Min) and a mean is meaningless without its scale, so a forgotten
// scale must not silently read a 1–7 or 0–10 survey as a 1–5 one.
type SurveyScale struct {
	Min int `json:"min"` // the lowest answer on the scale, included (1 on a 1–5 scale)
	Max int `json:"max"` // the highest answer on the scale, included (5 on a 1–5 scale)
}

// String formats the scale as "Min..Max": "1..5".
func (s SurveyScale) String() string {
	return strconv.Itoa(s.Min) + ".." + strconv.Itoa(s.Max)
}

// Contains reports whether score is an answer on the scale, that is whether
// Min ≤ score ≤ Max.
func (s SurveyScale) Contains(score int) bool {
	return s.Min <= score && score <= s.Max
}

// span returns Max − Min, computed without overflow for any valid scale.
func (s SurveyScale) span() uint64 {
	return uint64(s.Max) - uint64(s.Min)
}

// points returns the number of scores on the scale, Max − Min + 1, as text
// (it may exceed the int range for extreme scales).
func (s SurveyScale) points() string {
	return exact.Text(decimal.NewFromInt(int64(s.Max)).Sub(decimal.NewFromInt(int64(s.Min))).Add(decimal.NewFromInt(1)))
}

// validate reports metrics.ErrInvalid unless Min < Max.
func (s SurveyScale) validate(metric, field string) error {
	if s.Min >= s.Max {
		return check.Err(metric, field, s, metrics.ErrInvalid, "is not a scale: Min must be below Max")
	}
	return nil
}

// checkCounts validates the per-score counts of an answer distribution on
// the valid scale: one count per score, none negative, not all zero.
func (s SurveyScale) checkCounts(metric string, counts []int) error {
	if err := s.checkCountsLen(metric, counts); err != nil {
		return err
	}
	zero := true
	for i, c := range counts {
		if c < 0 {
			return check.ErrAt(metric, "Counts", i, c, metrics.ErrNegative, "is negative")
		}
		zero = zero && c == 0
	}
	if zero {
		return check.ErrAt(metric, "Counts", 0, 0, metrics.ErrUndefined, "and every other count are zero: there are no answers")
	}
	return nil
}

// checkCountsLen checks that counts has one entry per score of the valid
// scale; the error names the first missing entry, or the first one too many.
func (s SurveyScale) checkCountsLen(metric string, counts []int) error {
	switch {
	case len(counts) == 0 || uint64(len(counts)-1) < s.span():
		return check.ErrAt(metric, "Counts", len(counts), nil, metrics.ErrInconsistent,
			"is missing: Scale "+s.String()+" has "+s.points()+" scores, one count each")
	case uint64(len(counts)-1) > s.span():
		return check.ErrAt(metric, "Counts", int(s.span())+1, nil, metrics.ErrInconsistent,
			"is one too many: Scale "+s.String()+" has "+s.points()+" scores, one count each")
	}
	return nil
}

// sumSurveyCounts returns the sum of non-negative counts exactly, as a
// decimal: in int arithmetic while it fits, in decimal once it would overflow.
func sumSurveyCounts(counts []int) decimal.Decimal {
	s := 0
	for i, c := range counts {
		if s > math.MaxInt-c {
			d := decimal.NewFromInt(int64(s))
			for _, c := range counts[i:] {
				d = d.Add(decimal.NewFromInt(int64(c)))
			}
			return d
		}
		s += c
	}
	return decimal.NewFromInt(int64(s))
}
