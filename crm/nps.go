package crm

import (
	"math"
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// NPSInput holds the answers of one Net Promoter Score survey (or of one
// period of a continuous survey), counted by category. Every respondent is in
// exactly one of the three counts; CountNPSScores builds it from raw 0–10
// scores.
type NPSInput struct {
	Promoters  int // respondents who answered 9 or 10 (number of answers)
	Passives   int // respondents who answered 7 or 8 (number of answers)
	Detractors int // respondents who answered 0 to 6 (number of answers)
}

// NPS returns the Net Promoter Score: the percentage of promoters minus the
// percentage of detractors among all respondents (seed 004).
//
//	total = Promoters + Passives + Detractors
//	NPS   = Promoters / total × 100 − Detractors / total × 100
//	      = (Promoters − Detractors) / total × 100
//
// The result is a score in points within −100 (every respondent a detractor)
// and 100 (every respondent a promoter), a decimal.Decimal rather than a
// Percent because it is a difference of two shares, not a share: seed 004's
// 200 promoters, 150 passives and 150 detractors of 500 give 40 − 30 = 10.
// Passives count in the total but in neither share. Seed 004's text adds that
// the difference is "then multiplied by 100"; its worked example does not do
// that (it reports 10, not 1000), and the multiplication belongs to turning
// each share into a percentage, so NPS follows the example. The quotient is
// exact when it terminates and rounded at metrics.Scale digits otherwise.
//
// NPS returns an error if:
//   - a count is negative (metrics.ErrNegative)
//   - all three counts are zero, so there is no respondent (metrics.ErrUndefined)
func NPS(in NPSInput) (decimal.Decimal, error) {
	const metric = "crm.NPS"
	if err := check.First(
		check.Count(metric, "Promoters", in.Promoters),
		check.Count(metric, "Passives", in.Passives),
		check.Count(metric, "Detractors", in.Detractors),
	); err != nil {
		return decimal.Decimal{}, err
	}
	if in.Promoters == 0 && in.Passives == 0 && in.Detractors == 0 {
		return decimal.Decimal{}, check.Err(metric, "Promoters+Passives+Detractors", 0, metrics.ErrUndefined, "is zero")
	}
	return npsScore(in), nil
}

// npsScore computes the score of valid counts (non-negative, not all zero).
func npsScore(in NPSInput) decimal.Decimal {
	// The difference of two non-negative ints cannot overflow; the total can.
	net := in.Promoters - in.Detractors
	if in.Promoters <= math.MaxInt-in.Passives && in.Promoters+in.Passives <= math.MaxInt-in.Detractors {
		return exact.RateInt(net, in.Promoters+in.Passives+in.Detractors)
	}
	return exact.Rate(decimal.NewFromInt(int64(net)), sumSurveyCounts([]int{in.Promoters, in.Passives, in.Detractors}))
}

// NPSCategory is the category a Net Promoter Score answer falls in. The zero
// value is not a category.
type NPSCategory int

// The NPS categories of an answer to "How likely are you to recommend us?" on
// the 0–10 scale (seed 001).
const (
	Detractor NPSCategory = iota + 1 // scores 0 to 6: unlikely to recommend, may discourage others
	Passive                          // scores 7 and 8: satisfied but not attached
	Promoter                         // scores 9 and 10: likely to recommend
)

// String returns "detractor", "passive", "promoter" or "NPSCategory(n)".
func (c NPSCategory) String() string {
	switch c {
	case Detractor:
		return "detractor"
	case Passive:
		return "passive"
	case Promoter:
		return "promoter"
	}
	return "NPSCategory(" + strconv.Itoa(int(c)) + ")"
}

// npsScoreRange is the detail of an off-scale NPS answer.
const npsScoreRange = "is outside the NPS scale 0..10"

// CategorizeNPSScore returns the category of one answer on the 0–10 NPS
// scale (seed 001):
//
//	0 ≤ score ≤ 6   Detractor
//	7 ≤ score ≤ 8   Passive
//	9 ≤ score ≤ 10  Promoter
//
// The scale starts at 0: seed 001 speaks of a scale "from 1 to 10" but puts
// 0 among the detractors, and the standard NPS question offers 0 to 10, so 0
// is a valid answer.
//
// CategorizeNPSScore returns an error if:
//   - score is outside 0..10 (metrics.ErrOutOfRange)
func CategorizeNPSScore(score int) (NPSCategory, error) {
	switch {
	case score < 0 || score > 10:
		return 0, check.Err("crm.CategorizeNPSScore", "score", score, metrics.ErrOutOfRange, npsScoreRange)
	case score >= 9:
		return Promoter, nil
	case score >= 7:
		return Passive, nil
	}
	return Detractor, nil
}

// CountNPSScores counts raw answers on the 0–10 NPS scale by category, as
// CategorizeNPSScore assigns them, so that NPS can score them:
//
//	Promoters  = number of scores in 9..10
//	Passives   = number of scores in 7..8
//	Detractors = number of scores in 0..6
//
// The three counts add up to len(scores). An empty or nil slice gives the
// zero NPSInput and no error (a tally of nothing is zero; NPS then reports
// that the score is undefined). It does not allocate.
//
// CountNPSScores returns an error if:
//   - a score is outside 0..10 (metrics.ErrOutOfRange; the error's Index is
//     its position in scores)
func CountNPSScores(scores []int) (NPSInput, error) {
	return countNPSScores("crm.CountNPSScores", scores)
}

func countNPSScores(metric string, scores []int) (NPSInput, error) {
	var in NPSInput
	for i, s := range scores {
		switch {
		case s < 0 || s > 10:
			return NPSInput{}, check.ErrAt(metric, "scores", i, s, metrics.ErrOutOfRange, npsScoreRange)
		case s >= 9:
			in.Promoters++
		case s >= 7:
			in.Passives++
		default:
			in.Detractors++
		}
	}
	return in, nil
}

// NPSFromScores returns the Net Promoter Score of raw answers on the 0–10
// scale: it counts them with CountNPSScores and scores the counts with NPS.
//
//	NPS = (number of scores in 9..10 − number of scores in 0..6) / len(scores) × 100
//
// The result is a score in points within −100..100, as NPS returns it.
//
// NPSFromScores returns an error if:
//   - scores is empty (metrics.ErrEmpty)
//   - a score is outside 0..10 (metrics.ErrOutOfRange; the error's Index is
//     its position in scores)
func NPSFromScores(scores []int) (decimal.Decimal, error) {
	const metric = "crm.NPSFromScores"
	if len(scores) == 0 {
		return decimal.Decimal{}, check.Err(metric, "scores", nil, metrics.ErrEmpty, "is empty")
	}
	in, err := countNPSScores(metric, scores)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return npsScore(in), nil
}

var npsDescriptor = metrics.Descriptor{
	ID:       NPSID,
	Name:     "Net Promoter Score",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitScore,
	Better:   metrics.HigherIsBetter,
	Formula:  "(Promoters − Detractors) / (Promoters + Passives + Detractors) × 100",
}
