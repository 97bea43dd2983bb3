package crm

import (
	"math"
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// NPSTally counts answers to a Net Promoter Score question ("How likely are
// you to recommend us?", 0–10) by category, as CategorizeNPSScore assigns
// them: detractors 0–6, passives 7–8, promoters 9–10.
//
// NPSTally, CSATTally and CESTally are survey tallies. They count raw answers
// as they arrive, so that the metric can be read at any time without keeping
// the answers:
//
//   - Add adds one answer; AddScores (AddAnswers for CSAT and CES) adds a
//     slice of them, in one pass without allocating.
//   - Merge adds another tally, so shards counted apart (one per goroutine,
//     file or database partition) combine into the tally of all the answers.
//     Merging is exact, commutative and associative: the merged tally equals
//     the one a single pass over all the answers builds, whatever the split
//     and the order.
//   - Counts returns the counts as the input of the matching function (NPS,
//     CSAT, CES), and the method of the same name reads the metric as that
//     function computes it.
//   - AddCounts adds such counts back: a shard counted in another process
//     sends its Counts (a plain struct, as JSON say) and AddCounts adds them
//     as Merge adds a tally.
//
// The zero value of a tally is an empty tally, ready to use. A tally is a
// plain value without pointers: assigning it copies it, and the copy counts
// on its own; == compares two tallies' counts. A tally is not safe for
// concurrent use: give each goroutine its own and merge them (see the
// example).
//
// No partial effect: a method that returns an error leaves the tally as it
// was, so an off-scale answer in the middle of a slice adds none of the
// slice.
//
// Limit: a tally holds at most math.MaxInt answers in all
// (9,223,372,036,854,775,807 on 64-bit platforms, 2,147,483,647 on 32-bit
// ones), so every count fits the int fields of NPSInput, CSATInput and
// CESInput. An Add, AddScores, AddAnswers or Merge that would go past it
// returns metrics.ErrOutOfRange instead of overflowing.
//
// A method called on a nil tally pointer does not panic: the adding methods
// return metrics.ErrInvalid and the reading methods see an empty tally.
type NPSTally struct {
	promoters, passives, detractors int
}

// Add adds one answer on the 0–10 NPS scale to the tally:
//
//	Promoters  += 1 if 9 ≤ score ≤ 10
//	Passives   += 1 if 7 ≤ score ≤ 8
//	Detractors += 1 if 0 ≤ score ≤ 6
//
// On error the tally is unchanged.
//
// Add returns an error if:
//   - score is outside 0..10 (metrics.ErrOutOfRange)
//   - the tally already holds math.MaxInt answers (metrics.ErrOutOfRange)
//   - t is nil (metrics.ErrInvalid)
func (t *NPSTally) Add(score int) error {
	const metric = "crm.NPSTally.Add"
	if t == nil {
		return tallyNil(metric)
	}
	if uint(score) > 10 {
		return check.Err(metric, "score", score, metrics.ErrOutOfRange, npsScoreRange)
	}
	if err := tallyRoom(metric, "score", t.Total(), 1); err != nil {
		return err
	}
	switch {
	case score >= 9:
		t.promoters++
	case score >= 7:
		t.passives++
	default:
		t.detractors++
	}
	return nil
}

// AddScores adds raw answers on the 0–10 NPS scale to the tally, as Add adds
// each of them:
//
//	Promoters  += number of scores in 9..10
//	Passives   += number of scores in 7..8
//	Detractors += number of scores in 0..6
//
// It makes one pass over scores, with one range check and one table look-up
// per score, and does not allocate. An empty or nil slice adds nothing.
//
// No partial effect: if a score is off the scale, AddScores returns an error
// naming its index and the tally is unchanged, none of the scores before it
// added.
//
// AddScores returns an error if:
//   - the tally would hold more than math.MaxInt answers (metrics.ErrOutOfRange)
//   - a score is outside 0..10 (metrics.ErrOutOfRange; the error's Index is
//     its position in scores)
//   - t is nil (metrics.ErrInvalid)
func (t *NPSTally) AddScores(scores []int) error {
	const metric = "crm.NPSTally.AddScores"
	if t == nil {
		return tallyNil(metric)
	}
	if err := tallyRoom(metric, "scores", t.Total(), len(scores)); err != nil {
		return err
	}
	promoters, detractors, bad := npsTallyCount(scores)
	if bad >= 0 {
		return check.ErrAt(metric, "scores", bad, scores[bad], metrics.ErrOutOfRange, npsScoreRange)
	}
	t.promoters += promoters
	t.detractors += detractors
	t.passives += len(scores) - promoters - detractors
	return nil
}

// npsTallyPack is the packed increment of each NPS score: 1 in the low 32
// bits for a promoter, 1 in the high 32 bits for a detractor, nothing for a
// passive (passives are the rest of the answers).
var npsTallyPack = [11]uint64{
	0: 1 << 32, 1: 1 << 32, 2: 1 << 32, 3: 1 << 32, 4: 1 << 32, 5: 1 << 32, 6: 1 << 32,
	9: 1, 10: 1,
}

// npsTallyChunk is the number of scores counted in one pair of packed
// accumulators before they are folded into the counts. It must stay below
// 2³² so that their 32-bit halves never carry into each other; at 2¹⁶ the
// fold costs nothing per score, and tests cross chunk boundaries cheaply.
const npsTallyChunk = 1 << 16

// npsTallyCount counts the promoters and detractors among scores, or returns
// bad ≥ 0, the index of the first score off the 0–10 scale. It sums the packed
// increments of npsTallyPack in two accumulators, two scores per step, so that
// each score costs a range check, a look-up and an add.
func npsTallyCount(scores []int) (promoters, detractors, bad int) {
	for done := 0; done < len(scores); {
		rest := scores[done:]
		rest = rest[:min(len(rest), npsTallyChunk)]
		n := len(rest)
		var a0, a1 uint64
		for len(rest) >= 2 {
			s0, s1 := uint(rest[0]), uint(rest[1])
			if s0 > 10 || s1 > 10 {
				break
			}
			a0 += npsTallyPack[s0]
			a1 += npsTallyPack[s1]
			rest = rest[2:]
		}
		// The last score of an odd chunk, or the pair holding an off-scale score.
		for i, s := range rest {
			if uint(s) > 10 {
				return 0, 0, done + n - len(rest) + i
			}
			a0 += npsTallyPack[s]
		}
		acc := a0 + a1
		promoters += int(acc & math.MaxUint32)
		detractors += int(acc >> 32)
		done += n
	}
	return promoters, detractors, -1
}

// Merge adds the answers of other to t, so that t counts the answers of
// both:
//
//	Promoters  += other.Promoters
//	Passives   += other.Passives
//	Detractors += other.Detractors
//
// Tallies counted apart and merged equal the tally of all their answers, in
// any order of merging. A nil other adds nothing; t.Merge(t) doubles t. On
// error the tally is unchanged.
//
// Merge returns an error if:
//   - t would hold more than math.MaxInt answers (metrics.ErrOutOfRange)
//   - t is nil (metrics.ErrInvalid)
func (t *NPSTally) Merge(other *NPSTally) error {
	const metric = "crm.NPSTally.Merge"
	if t == nil {
		return tallyNil(metric)
	}
	if other == nil {
		return nil
	}
	if err := tallyRoom(metric, "other", t.Total(), other.Total()); err != nil {
		return err
	}
	t.promoters += other.promoters
	t.passives += other.passives
	t.detractors += other.detractors
	return nil
}

// AddCounts adds answers already counted by category, such as the Counts of
// a tally kept in another process:
//
//	Promoters  += in.Promoters
//	Passives   += in.Passives
//	Detractors += in.Detractors
//
// NPSInput is a plain struct of ints that encoding/json and other encoders
// carry as they are, so shards counted on different machines combine as
// tallies merged in one process do: t.AddCounts(u.Counts()) equals
// t.Merge(&u). The zero NPSInput adds nothing. On error the tally is
// unchanged.
//
// AddCounts returns an error if:
//   - a count is negative (metrics.ErrNegative)
//   - t would hold more than math.MaxInt answers (metrics.ErrOutOfRange)
//   - t is nil (metrics.ErrInvalid)
func (t *NPSTally) AddCounts(in NPSInput) error {
	const metric = "crm.NPSTally.AddCounts"
	if t == nil {
		return tallyNil(metric)
	}
	if err := check.First(
		check.Count(metric, "Promoters", in.Promoters),
		check.Count(metric, "Passives", in.Passives),
		check.Count(metric, "Detractors", in.Detractors),
	); err != nil {
		return err
	}
	n := 0
	for _, c := range [...]struct {
		field string
		count int
	}{{"Promoters", in.Promoters}, {"Passives", in.Passives}, {"Detractors", in.Detractors}} {
		if c.count > math.MaxInt-t.Total()-n {
			return check.Err(metric, c.field, c.count, metrics.ErrOutOfRange,
				"would take the tally's "+strconv.Itoa(t.Total())+" answers past math.MaxInt")
		}
		n += c.count
	}
	t.promoters += in.Promoters
	t.passives += in.Passives
	t.detractors += in.Detractors
	return nil
}

// Counts returns the answers counted so far by category, the input of NPS:
//
//	Promoters  = number of answers in 9..10
//	Passives   = number of answers in 7..8
//	Detractors = number of answers in 0..6
//
// An empty tally gives the zero NPSInput. Counts never fails: the counts
// always fit in an int.
func (t *NPSTally) Counts() NPSInput {
	if t == nil {
		return NPSInput{}
	}
	return NPSInput{Promoters: t.promoters, Passives: t.passives, Detractors: t.detractors}
}

// Total returns the number of answers counted so far, within 0..math.MaxInt:
//
//	Total = Promoters + Passives + Detractors
func (t *NPSTally) Total() int {
	if t == nil {
		return 0
	}
	return t.promoters + t.passives + t.detractors
}

// NPS returns the Net Promoter Score of the answers counted so far, as NPS
// computes it from Counts:
//
//	NPS = (Promoters − Detractors) / Total × 100
//
// The result is a score in points within −100..100, exact when the quotient
// terminates and rounded at metrics.Scale digits otherwise. Reading does not
// change the tally: add more answers and read again. Its cost, building the
// decimal result, does not depend on the number of answers.
//
// NPS returns an error if:
//   - the tally is empty (metrics.ErrEmpty, as NPSFromScores reports an empty
//     slice; NPS of the zero NPSInput reports metrics.ErrUndefined)
func (t *NPSTally) NPS() (decimal.Decimal, error) {
	if t.Total() == 0 {
		return decimal.Decimal{}, tallyEmpty("crm.NPSTally.NPS")
	}
	return npsScore(t.Counts()), nil
}

// MaxTallyScaleScores is the most scores the scale of a CSATTally or a
// CESTally may have: 101, enough for a 0–100 scale. A tally keeps one count
// per score of its scale in a fixed array, so that it is a plain value that
// copies, compares and merges without allocating.
const MaxTallyScaleScores = 101

// scaleTally is the state of a CSATTally or CESTally: answers counted per
// score of one scale. The scale is the zero value while the tally is empty,
// and fixed by the first answer added.
type scaleTally struct {
	scale  SurveyScale
	total  int
	counts [MaxTallyScaleScores]int // counts[i]: answers scoring scale.Min+i
}

// checkScale validates the scale an answer is given on: a valid scale of at
// most MaxTallyScaleScores scores, equal to the tally's once it has answers.
func (s *scaleTally) checkScale(metric, field string, scale SurveyScale) error {
	if err := scale.validate(metric, field); err != nil {
		return err
	}
	if scale.span() >= MaxTallyScaleScores {
		return check.Err(metric, field, scale, metrics.ErrOutOfRange,
			"has "+scale.points()+" scores, more than the "+strconv.Itoa(MaxTallyScaleScores)+" a tally holds")
	}
	if s.total > 0 && scale != s.scale {
		return check.Err(metric, field, scale, metrics.ErrMismatch,
			"differs from the tally's scale "+s.scale.String())
	}
	return nil
}

// add adds one answer on scale.
func (s *scaleTally) add(metric string, scale SurveyScale, answer int) error {
	if err := s.checkScale(metric, "scale", scale); err != nil {
		return err
	}
	if !scale.Contains(answer) {
		return check.Err(metric, "answer", answer, metrics.ErrOutOfRange, "is outside the scale "+scale.String())
	}
	if err := tallyRoom(metric, "answer", s.total, 1); err != nil {
		return err
	}
	s.scale = scale
	s.counts[uint(answer)-uint(scale.Min)]++
	s.total++
	return nil
}

// addAll adds answers on scale, all or none.
func (s *scaleTally) addAll(metric string, scale SurveyScale, answers []int) error {
	if err := s.checkScale(metric, "scale", scale); err != nil {
		return err
	}
	if err := tallyRoom(metric, "answers", s.total, len(answers)); err != nil {
		return err
	}
	if len(answers) == 0 {
		return nil
	}
	// Count into a copy, committed only once every answer is on the scale.
	counts := s.counts
	lo, span := uint(scale.Min), scale.span()
	for i, a := range answers {
		off := uint(a) - lo
		if uint64(off) > span {
			return check.ErrAt(metric, "answers", i, a, metrics.ErrOutOfRange, "is outside the scale "+scale.String())
		}
		counts[off]++
	}
	s.counts = counts
	s.scale = scale
	s.total += len(answers)
	return nil
}

// addCounts adds per-score counts on scale (the Scale and Counts of a
// CSATInput or CESInput), all or none.
func (s *scaleTally) addCounts(metric string, scale SurveyScale, counts []int) error {
	if len(counts) == 0 {
		return nil
	}
	if err := s.checkScale(metric, "Scale", scale); err != nil {
		return err
	}
	if err := scale.checkCountsLen(metric, counts); err != nil {
		return err
	}
	n := 0
	for i, c := range counts {
		if c < 0 {
			return check.ErrAt(metric, "Counts", i, c, metrics.ErrNegative, "is negative")
		}
		if c > math.MaxInt-s.total-n {
			return check.ErrAt(metric, "Counts", i, c, metrics.ErrOutOfRange,
				"would take the tally's "+strconv.Itoa(s.total)+" answers past math.MaxInt")
		}
		n += c
	}
	if n == 0 {
		return nil
	}
	for i, c := range counts {
		s.counts[i] += c
	}
	s.scale = scale
	s.total += n
	return nil
}

// merge adds the answers of other.
func (s *scaleTally) merge(metric string, other *scaleTally) error {
	switch {
	case other.total == 0:
		return nil
	case s.total == 0:
		*s = *other
		return nil
	case other.scale != s.scale:
		return check.Err(metric, "other", "scale "+other.scale.String(), metrics.ErrMismatch,
			"differs from the tally's scale "+s.scale.String())
	}
	if err := tallyRoom(metric, "other", s.total, other.total); err != nil {
		return err
	}
	for i := range s.scale.span() + 1 {
		s.counts[i] += other.counts[i]
	}
	s.total += other.total
	return nil
}

// countSlice returns a copy of the counts of the scale's scores; the tally
// must not be empty, or it has no scale.
func (s *scaleTally) countSlice() []int {
	return append([]int(nil), s.counts[:s.scale.span()+1]...)
}

// CSATTally counts answers to a customer satisfaction question per score of
// its scale, so that CSAT can be read with any satisfaction threshold.
//
// The zero value is an empty tally, ready to use, without a scale: the scale
// is given with every answer (Add, AddAnswers) and fixed by the first answer
// added, after which answers on another scale, and tallies of another scale,
// are refused with metrics.ErrMismatch rather than counted against the wrong
// scale. An empty tally takes the scale of the first tally merged into it, so
// a zero CSATTally is also the starting point for merging shards.
//
// Why the scale comes with every answer: a tally cannot guess it (4 is
// satisfied on a 1–5 scale, not on a 1–10 one), SurveyScale's zero value is
// deliberately not a scale, and a scale given once to a constructor would
// leave the zero value unusable. Stating it at each call, as CSATFromAnswers
// does, keeps the zero value ready and catches a source on the wrong scale at
// the answer that brings it.
//
// The scale has at most MaxTallyScaleScores scores. No partial effect on
// error, at most math.MaxInt answers, a plain value that copies, not safe
// for concurrent use: see NPSTally for these rules of every survey tally.
type CSATTally struct {
	s scaleTally
}

// Add adds one answer on scale to the tally:
//
//	Counts[answer − scale.Min] += 1
//
// The first answer fixes the tally's scale; later answers must be on the same
// scale. On error the tally is unchanged.
//
// Add returns an error if:
//   - scale.Min is not below scale.Max, as in the zero value (metrics.ErrInvalid)
//   - scale has more than MaxTallyScaleScores scores (metrics.ErrOutOfRange)
//   - the tally holds answers on another scale (metrics.ErrMismatch)
//   - answer is outside the scale (metrics.ErrOutOfRange)
//   - the tally already holds math.MaxInt answers (metrics.ErrOutOfRange)
//   - t is nil (metrics.ErrInvalid)
func (t *CSATTally) Add(scale SurveyScale, answer int) error {
	const metric = "crm.CSATTally.Add"
	if t == nil {
		return tallyNil(metric)
	}
	return t.s.add(metric, scale, answer)
}

// AddAnswers adds raw answers on scale to the tally, as Add adds each of
// them:
//
//	Counts[a − scale.Min] += 1 for every answer a
//
// It makes one pass over answers and does not allocate. An empty or nil
// slice adds nothing (the scale is still checked, but not fixed).
//
// No partial effect: if an answer is off the scale, AddAnswers returns an
// error naming its index and the tally is unchanged, none of the answers
// before it added.
//
// AddAnswers returns an error if:
//   - scale.Min is not below scale.Max, as in the zero value (metrics.ErrInvalid)
//   - scale has more than MaxTallyScaleScores scores (metrics.ErrOutOfRange)
//   - the tally holds answers on another scale (metrics.ErrMismatch)
//   - the tally would hold more than math.MaxInt answers (metrics.ErrOutOfRange)
//   - an answer is outside the scale (metrics.ErrOutOfRange; the error's
//     Index is its position in answers)
//   - t is nil (metrics.ErrInvalid)
func (t *CSATTally) AddAnswers(scale SurveyScale, answers []int) error {
	const metric = "crm.CSATTally.AddAnswers"
	if t == nil {
		return tallyNil(metric)
	}
	return t.s.addAll(metric, scale, answers)
}

// Merge adds the answers of other to t, so that t counts the answers of
// both:
//
//	Counts[i] += other.Counts[i] for every score of the scale
//
// Tallies counted apart and merged equal the tally of all their answers, in
// any order of merging. An empty or nil other adds nothing; an empty t takes
// other's scale and counts; t.Merge(t) doubles t. On error the tally is
// unchanged.
//
// Merge returns an error if:
//   - both tallies hold answers and their scales differ (metrics.ErrMismatch)
//   - t would hold more than math.MaxInt answers (metrics.ErrOutOfRange)
//   - t is nil (metrics.ErrInvalid)
func (t *CSATTally) Merge(other *CSATTally) error {
	const metric = "crm.CSATTally.Merge"
	if t == nil {
		return tallyNil(metric)
	}
	if other == nil {
		return nil
	}
	return t.s.merge(metric, &other.s)
}

// AddCounts adds answers already counted per score, such as the Counts of a
// tally kept in another process:
//
//	Counts[i] += in.Counts[i] for every score of in.Scale
//
// CSATInput is a plain struct that encoding/json and other encoders carry as
// it is, so shards counted on different machines combine as tallies merged
// in one process do: t.AddCounts(u.Counts()) equals t.Merge(&u).
// in.SatisfiedFrom is not used: a tally keeps counts, and the threshold is
// given when CSAT is read. An in without counts, such as the zero CSATInput
// that Counts gives for an empty tally, adds nothing; counts that are all
// zero add nothing either (the scale is still checked, but not fixed). On
// error the tally is unchanged.
//
// AddCounts returns an error if:
//   - in.Scale.Min is not below in.Scale.Max (metrics.ErrInvalid)
//   - in.Scale has more than MaxTallyScaleScores scores (metrics.ErrOutOfRange)
//   - the tally holds answers on another scale (metrics.ErrMismatch)
//   - in.Counts does not have one entry per score of in.Scale
//     (metrics.ErrInconsistent)
//   - a count is negative (metrics.ErrNegative; the error's Index is its
//     position in in.Counts)
//   - t would hold more than math.MaxInt answers (metrics.ErrOutOfRange)
//   - t is nil (metrics.ErrInvalid)
func (t *CSATTally) AddCounts(in CSATInput) error {
	const metric = "crm.CSATTally.AddCounts"
	if t == nil {
		return tallyNil(metric)
	}
	return t.s.addCounts(metric, in.Scale, in.Counts)
}

// Scale returns the tally's scale, fixed by its first answer, or the zero
// SurveyScale while the tally is empty.
func (t *CSATTally) Scale() SurveyScale {
	if t == nil {
		return SurveyScale{}
	}
	return t.s.scale
}

// Total returns the number of answers counted so far, within 0..math.MaxInt:
//
//	Total = Σ Counts[i]
func (t *CSATTally) Total() int {
	if t == nil {
		return 0
	}
	return t.s.total
}

// Counts returns the answers counted so far per score, the input of CSAT:
// Scale is the tally's scale, Counts[i] the number of answers scoring
// Scale.Min+i (a fresh slice, one entry per score of the scale), and
// SatisfiedFrom zero, the top two boxes; set it before calling CSAT for
// another threshold. An empty tally gives the zero CSATInput, which CSAT
// refuses for its missing scale.
func (t *CSATTally) Counts() CSATInput {
	if t == nil || t.s.total == 0 {
		return CSATInput{}
	}
	return CSATInput{Scale: t.s.scale, Counts: t.s.countSlice()}
}

// CSAT returns the customer satisfaction score of the answers counted so
// far: the share of answers scoring satisfiedFrom or more, with
// satisfiedFrom zero selecting the top two boxes (Scale.Max−1 and
// Scale.Max), as CSAT computes it from Counts:
//
//	CSAT = Σ Counts[i] for every score Scale.Min+i ≥ satisfiedFrom / Total × 100
//
// The result is a Percent within 0..100. Reading does not change the tally,
// so one tally answers for any threshold.
//
// CSAT returns an error if:
//   - the tally is empty (metrics.ErrEmpty)
//   - satisfiedFrom is outside Scale.Min+1..Scale.Max (metrics.ErrOutOfRange)
//   - satisfiedFrom is zero (top two boxes) on a scale of only two scores
//     (metrics.ErrInvalid)
func (t *CSATTally) CSAT(satisfiedFrom int) (metrics.Percent, error) {
	const metric = "crm.CSATTally.CSAT"
	if t.Total() == 0 {
		return metrics.Percent{}, tallyEmpty(metric)
	}
	from, err := csatThreshold(metric, "scale", "satisfiedFrom", t.s.scale, satisfiedFrom)
	if err != nil {
		return metrics.Percent{}, err
	}
	// Every count is within the total, so their partial sums fit in an int.
	satisfied := 0
	for _, c := range t.s.counts[uint(from)-uint(t.s.scale.Min) : t.s.scale.span()+1] {
		satisfied += c
	}
	return metrics.NewPercent(exact.RateInt(satisfied, t.s.total)), nil
}

// CESTally counts answers to a customer effort question per score of its
// scale, so that CES can be read at any time.
//
// The zero value is an empty tally, ready to use, without a scale: the scale
// is given with every answer (Add, AddAnswers) and fixed by the first answer
// added, after which answers on another scale, and tallies of another scale,
// are refused with metrics.ErrMismatch rather than averaged together. An
// empty tally takes the scale of the first tally merged into it, so a zero
// CESTally is also the starting point for merging shards.
//
// The scale has at most MaxTallyScaleScores scores. No partial effect on
// error, at most math.MaxInt answers, a plain value that copies, not safe
// for concurrent use: see NPSTally for these rules of every survey tally.
type CESTally struct {
	s scaleTally
}

// Add adds one answer on scale to the tally:
//
//	Counts[answer − scale.Min] += 1
//
// The first answer fixes the tally's scale; later answers must be on the same
// scale. On error the tally is unchanged.
//
// Add returns an error if:
//   - scale.Min is not below scale.Max, as in the zero value (metrics.ErrInvalid)
//   - scale has more than MaxTallyScaleScores scores (metrics.ErrOutOfRange)
//   - the tally holds answers on another scale (metrics.ErrMismatch)
//   - answer is outside the scale (metrics.ErrOutOfRange)
//   - the tally already holds math.MaxInt answers (metrics.ErrOutOfRange)
//   - t is nil (metrics.ErrInvalid)
func (t *CESTally) Add(scale SurveyScale, answer int) error {
	const metric = "crm.CESTally.Add"
	if t == nil {
		return tallyNil(metric)
	}
	return t.s.add(metric, scale, answer)
}

// AddAnswers adds raw answers on scale to the tally, as Add adds each of
// them:
//
//	Counts[a − scale.Min] += 1 for every answer a
//
// It makes one pass over answers and does not allocate. An empty or nil
// slice adds nothing (the scale is still checked, but not fixed).
//
// No partial effect: if an answer is off the scale, AddAnswers returns an
// error naming its index and the tally is unchanged, none of the answers
// before it added.
//
// AddAnswers returns an error if:
//   - scale.Min is not below scale.Max, as in the zero value (metrics.ErrInvalid)
//   - scale has more than MaxTallyScaleScores scores (metrics.ErrOutOfRange)
//   - the tally holds answers on another scale (metrics.ErrMismatch)
//   - the tally would hold more than math.MaxInt answers (metrics.ErrOutOfRange)
//   - an answer is outside the scale (metrics.ErrOutOfRange; the error's
//     Index is its position in answers)
//   - t is nil (metrics.ErrInvalid)
func (t *CESTally) AddAnswers(scale SurveyScale, answers []int) error {
	const metric = "crm.CESTally.AddAnswers"
	if t == nil {
		return tallyNil(metric)
	}
	return t.s.addAll(metric, scale, answers)
}

// Merge adds the answers of other to t, so that t counts the answers of
// both:
//
//	Counts[i] += other.Counts[i] for every score of the scale
//
// Tallies counted apart and merged equal the tally of all their answers, in
// any order of merging. An empty or nil other adds nothing; an empty t takes
// other's scale and counts; t.Merge(t) doubles t. On error the tally is
// unchanged.
//
// Merge returns an error if:
//   - both tallies hold answers and their scales differ (metrics.ErrMismatch)
//   - t would hold more than math.MaxInt answers (metrics.ErrOutOfRange)
//   - t is nil (metrics.ErrInvalid)
func (t *CESTally) Merge(other *CESTally) error {
	const metric = "crm.CESTally.Merge"
	if t == nil {
		return tallyNil(metric)
	}
	if other == nil {
		return nil
	}
	return t.s.merge(metric, &other.s)
}

// AddCounts adds answers already counted per score, such as the Counts of a
// tally kept in another process:
//
//	Counts[i] += in.Counts[i] for every score of in.Scale
//
// CESInput is a plain struct that encoding/json and other encoders carry as
// it is, so shards counted on different machines combine as tallies merged
// in one process do: t.AddCounts(u.Counts()) equals t.Merge(&u).
// An in without counts, such as the zero CESInput
// that Counts gives for an empty tally, adds nothing; counts that are all
// zero add nothing either (the scale is still checked, but not fixed). On
// error the tally is unchanged.
//
// AddCounts returns an error if:
//   - in.Scale.Min is not below in.Scale.Max (metrics.ErrInvalid)
//   - in.Scale has more than MaxTallyScaleScores scores (metrics.ErrOutOfRange)
//   - the tally holds answers on another scale (metrics.ErrMismatch)
//   - in.Counts does not have one entry per score of in.Scale
//     (metrics.ErrInconsistent)
//   - a count is negative (metrics.ErrNegative; the error's Index is its
//     position in in.Counts)
//   - t would hold more than math.MaxInt answers (metrics.ErrOutOfRange)
//   - t is nil (metrics.ErrInvalid)
func (t *CESTally) AddCounts(in CESInput) error {
	const metric = "crm.CESTally.AddCounts"
	if t == nil {
		return tallyNil(metric)
	}
	return t.s.addCounts(metric, in.Scale, in.Counts)
}

// Scale returns the tally's scale, fixed by its first answer, or the zero
// SurveyScale while the tally is empty.
func (t *CESTally) Scale() SurveyScale {
	if t == nil {
		return SurveyScale{}
	}
	return t.s.scale
}

// Total returns the number of answers counted so far, within 0..math.MaxInt:
//
//	Total = Σ Counts[i]
func (t *CESTally) Total() int {
	if t == nil {
		return 0
	}
	return t.s.total
}

// Counts returns the answers counted so far per score, the input of CES:
// Scale is the tally's scale and Counts[i] the number of answers scoring
// Scale.Min+i (a fresh slice, one entry per score of the scale). An empty
// tally gives the zero CESInput, which CES refuses for its missing scale.
func (t *CESTally) Counts() CESInput {
	if t == nil || t.s.total == 0 {
		return CESInput{}
	}
	return CESInput{Scale: t.s.scale, Counts: t.s.countSlice()}
}

// CES returns the Customer Effort Score of the answers counted so far, their
// mean, as CES computes it from Counts (see CES for the direction of the
// score):
//
//	CES = Σ (Scale.Min+i) × Counts[i] / Total
//
// The result is a decimal.Decimal within Scale.Min..Scale.Max, exact when the
// quotient terminates and rounded at metrics.Scale digits otherwise. Reading
// does not change the tally.
//
// CES returns an error if:
//   - the tally is empty (metrics.ErrEmpty)
func (t *CESTally) CES() (decimal.Decimal, error) {
	if t.Total() == 0 {
		return decimal.Decimal{}, tallyEmpty("crm.CESTally.CES")
	}
	// Σ (Min+i) × c = Min × Total + Σ i × c, in decimal: i × c overflows an
	// int for large counts, and the loop runs once per score, not per answer.
	s := &t.s
	sum := decimal.NewFromInt(int64(s.scale.Min)).Mul(decimal.NewFromInt(int64(s.total)))
	for i, c := range s.counts[1 : s.scale.span()+1] {
		if c != 0 {
			sum = sum.Add(decimal.NewFromInt(int64(i + 1)).Mul(decimal.NewFromInt(int64(c))))
		}
	}
	return exact.Quo(sum, decimal.NewFromInt(int64(s.total))), nil
}

// tallyRoom reports metrics.ErrOutOfRange if adding n answers to a tally of
// total answers would take it past math.MaxInt answers.
func tallyRoom(metric, field string, total, n int) error {
	if n > math.MaxInt-total {
		return check.Err(metric, field, nil, metrics.ErrOutOfRange,
			"would take the tally's "+strconv.Itoa(total)+" answers past math.MaxInt by adding "+strconv.Itoa(n))
	}
	return nil
}

// tallyNil is the error of an adding method called on a nil tally.
func tallyNil(metric string) error {
	return check.Err(metric, "tally", nil, metrics.ErrInvalid, "is nil")
}

// tallyEmpty is the error of reading a metric from an empty tally.
func tallyEmpty(metric string) error {
	return check.Err(metric, "answers", nil, metrics.ErrEmpty, "is empty")
}
