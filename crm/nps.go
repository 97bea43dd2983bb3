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
// exactly one of the three counts; [NPSTally.Counts] builds it from raw 0–10
// scores.
type NPSInput struct {
	Promoters  int `json:"promoters"`  // respondents who answered 9 or 10 (number of answers)
	Passives   int `json:"passives"`   // respondents who answered 7 or 8 (number of answers)
	Detractors int `json:"detractors"` // respondents who answered 0 to 6 (number of answers)
}

// NPS returns the Net Promoter Score: the percentage of promoters minus the
// percentage of detractors among all respondents.
//
//	total = Promoters + Passives + Detractors
//	NPS   = Promoters / total × 100 − Detractors / total × 100
//	      = (Promoters − Detractors) / total × 100
//
// The result is a score in points within −100 (every respondent a detractor)
// and 100 (every respondent a promoter), a decimal.Decimal rather than a
// [metrics.Percent] because it is a difference of two shares, not a share: the
// worked example of "Quels sont les 7 principaux KPI d'une entreprise de
// logiciels CRM de gestion de la relation client?" (3 October 2024, in
// French), 200 promoters, 150 passives and 150 detractors of 500, gives
// 40 − 30 = 10. Passives count in the total but in neither share. That
// article adds that the result "est ensuite multiplié par 100" (is then
// multiplied by 100); its worked example does not do that (it reports 10, not
// 1000), and the multiplication belongs to turning each share into a
// percentage, so NPS follows the example. The quotient is exact when it
// terminates and rounded at [metrics.Scale] digits otherwise.
//
// The same score is read from raw answers with [NPSFromScores] or an
// [NPSTally]; all three compute it with this function's code.
//
// Descriptor ID: nps.
//
// NPS returns an error if:
//   - a count is negative ([metrics.ErrNegative])
//   - all three counts are zero, so there is no respondent
//     ([metrics.ErrUndefined], Field "Promoters")
func NPS(in NPSInput) (decimal.Decimal, error) {
	return nps("crm.NPS", in)
}

// nps validates counts and scores them, for the function or method metric.
func nps(metric string, in NPSInput) (decimal.Decimal, error) {
	if err := npsCheckCounts(metric, "", in); err != nil {
		return decimal.Decimal{}, err
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

// npsCheckCounts validates the counts of an NPS sample: none negative, not
// all zero. prefix names the argument ("a.") when a function takes two.
func npsCheckCounts(metric, prefix string, in NPSInput) error {
	if err := check.First(
		check.Count(metric, prefix+"Promoters", in.Promoters),
		check.Count(metric, prefix+"Passives", in.Passives),
		check.Count(metric, prefix+"Detractors", in.Detractors),
	); err != nil {
		return err
	}
	if in.Promoters == 0 && in.Passives == 0 && in.Detractors == 0 {
		return check.Err(metric, prefix+"Promoters", 0, metrics.ErrUndefined,
			"+ Passives 0 + Detractors 0 is zero: there are no answers")
	}
	return nil
}

// NPSFromScores returns the Net Promoter Score of raw answers on the 0–10
// scale. It adds them to an empty [NPSTally] and reads [NPSTally.NPS]:
//
//	NPS = (number of scores in 9..10 − number of scores in 0..6) / len(scores) × 100
//
// The result is a score in points within −100..100, as [NPS] returns it. It
// makes one pass over scores, at well under a nanosecond per score, and
// allocates only the result.
//
// NPSFromScores returns an error if:
//   - a score is outside 0..10 ([metrics.ErrOutOfRange]; the error's Index is
//     its position in scores)
//   - scores is empty, so there is no respondent ([metrics.ErrUndefined],
//     Field "Promoters" of the counts, as [NPS] reports it)
func NPSFromScores(scores []int) (decimal.Decimal, error) {
	const metric = "crm.NPSFromScores"
	var t NPSTally
	if err := t.addAll(metric, scores); err != nil {
		return decimal.Decimal{}, err
	}
	return nps(metric, t.Counts())
}

// NPSCategory is the category a Net Promoter Score answer falls in. The zero
// value is not a category. Its text form (MarshalText, UnmarshalText) is
// "detractor", "passive" or "promoter".
type NPSCategory int

// The NPS categories of an answer to "How likely are you to recommend us?" on
// the 0–10 scale, as [CategorizeNPSScore] assigns them.
const (
	Detractor NPSCategory = iota + 1 // scores 0 to 6: unlikely to recommend, may discourage others
	Passive                          // scores 7 and 8: satisfied but not attached
	Promoter                         // scores 9 and 10: likely to recommend
)

// npsCategoryNames holds the text of each category, indexed by its value.
var npsCategoryNames = [...]string{Detractor: "detractor", Passive: "passive", Promoter: "promoter"}

// String returns "detractor", "passive", "promoter" or "NPSCategory(n)".
func (c NPSCategory) String() string {
	if c >= Detractor && c <= Promoter {
		return npsCategoryNames[c]
	}
	return "NPSCategory(" + strconv.Itoa(int(c)) + ")"
}

// MarshalText implements [encoding.TextMarshaler]: "detractor", "passive"
// or "promoter".
//
// MarshalText returns an error if:
//   - c is not one of the three categories ([metrics.ErrInvalid])
func (c NPSCategory) MarshalText() ([]byte, error) {
	if c < Detractor || c > Promoter {
		return nil, check.Err("crm.NPSCategory.MarshalText", "c", int(c), metrics.ErrInvalid, "is not an NPS category")
	}
	return []byte(npsCategoryNames[c]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: it reads the text
// MarshalText writes. On error c is unchanged.
//
// UnmarshalText returns an error if:
//   - text is not "detractor", "passive" or "promoter" ([metrics.ErrInvalid])
func (c *NPSCategory) UnmarshalText(text []byte) error {
	for v := Detractor; v <= Promoter; v++ {
		if string(text) == npsCategoryNames[v] {
			*c = v
			return nil
		}
	}
	return check.Err("crm.NPSCategory.UnmarshalText", "text", strconv.Quote(string(text)), metrics.ErrInvalid,
		"is not detractor, passive or promoter")
}

// npsCategoryOf is the one definition of the NPS categories: the category of
// each score of the 0–10 scale. CategorizeNPSScore, NPSTally.Add and the
// packed table of NPSTally.AddAll all read it.
var npsCategoryOf = [11]NPSCategory{
	Detractor, Detractor, Detractor, Detractor, Detractor, Detractor, Detractor, // 0–6
	Passive, Passive, // 7–8
	Promoter, Promoter, // 9–10
}

// npsScoreRange is the detail of an off-scale NPS answer.
const npsScoreRange = "is outside the NPS scale 0..10"

// CategorizeNPSScore returns the category of one answer on the 0–10 NPS
// scale:
//
//	0 ≤ score ≤ 6   Detractor
//	7 ≤ score ≤ 8   Passive
//	9 ≤ score ≤ 10  Promoter
//
// The scale starts at 0: "Mesures CRM que vous devez connaître" (in French)
// speaks of "une échelle de 1 à 10" (a scale from 1 to 10) but puts "Notes
// 0-6" (scores 0–6) among the detractors, and the standard NPS question offers 0 to 10,
// so 0 is a valid answer. [NPSTally] counts answers by this same table.
//
// CategorizeNPSScore returns an error if:
//   - score is outside 0..10 ([metrics.ErrOutOfRange])
func CategorizeNPSScore(score int) (NPSCategory, error) {
	if uint(score) > 10 {
		return 0, check.Err("crm.CategorizeNPSScore", "score", score, metrics.ErrOutOfRange, npsScoreRange)
	}
	return npsCategoryOf[score], nil
}

var npsDescriptor = metrics.Descriptor{
	ID:       "nps",
	Name:     "Net Promoter Score",
	Category: metrics.CategoryCRM,
	Class:    metrics.ClassCustomerPerception,
	Unit:     metrics.UnitScore,
	Better:   metrics.HigherIsBetter,
	Formula:  "(Promoters − Detractors) / (Promoters + Passives + Detractors) × 100",
}
