package crm

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// NPSTally is the accumulator of answers to a Net Promoter Score question
// ("How likely are you to recommend us?", 0–10): it counts them by category,
// as [CategorizeNPSScore] assigns them (detractors 0–6, passives 7–8,
// promoters 9–10), so that [NPSTally.NPS] can be read at any time without
// keeping the answers.
//
//   - The zero value is an empty tally, ready to use; it has no settings.
//   - [NPSTally.Add] adds one answer, [NPSTally.AddAll] a slice of them in one
//     pass without allocating.
//   - [NPSTally.Merge] adds another tally, so shards counted apart (one per
//     goroutine, file or database partition) combine into the tally of all
//     the answers, exactly, whatever the split and the order of merging.
//   - MarshalBinary and MarshalJSON carry a tally to another process, and
//     UnmarshalBinary and UnmarshalJSON read it back, exactly; they reject
//     corrupt or hostile input with [metrics.ErrInvalid].
//   - [NPSTally.Counts] returns the counts as the [NPSInput] of [NPS] and of
//     the uncertainty functions ([NPSInterval], [NPSTwoSampleTest], ...).
//
// A tally is a plain value without pointers: assigning it copies it, and ==
// compares two tallies' counts. It is not safe for concurrent use: give each
// goroutine its own and merge them. A method that returns an error leaves the
// tally as it was. A tally holds at most math.MaxInt answers in all; an Add,
// AddAll or Merge that would go past it returns [metrics.ErrOutOfRange].
// The methods accept a nil *NPSTally without panicking: the adding methods
// return [metrics.ErrInvalid] and the reading methods see an empty tally.
type NPSTally struct {
	n [3]int // answers per category: n[c−1] counts category c
}

// Add adds one answer on the 0–10 NPS scale to the tally:
//
//	Promoters  += 1 if 9 ≤ score ≤ 10
//	Passives   += 1 if 7 ≤ score ≤ 8
//	Detractors += 1 if 0 ≤ score ≤ 6
//
// Add returns an error if:
//   - score is outside 0..10 ([metrics.ErrOutOfRange])
//   - the tally already holds math.MaxInt answers ([metrics.ErrOutOfRange])
//   - t is nil ([metrics.ErrInvalid])
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
	t.n[npsCategoryOf[score]-1]++
	return nil
}

// AddAll adds raw answers on the 0–10 NPS scale to the tally, as Add adds
// each of them:
//
//	Promoters  += number of scores in 9..10
//	Passives   += number of scores in 7..8
//	Detractors += number of scores in 0..6
//
// It makes one pass over scores, with one range check, one table look-up and
// one addition per score, and does not allocate. An empty or nil slice adds
// nothing. If a score is off the scale, AddAll adds none of the scores.
//
// AddAll returns an error if:
//   - a score is outside 0..10 ([metrics.ErrOutOfRange]; the error's Index is
//     its position in scores)
//   - the tally would hold more than math.MaxInt answers ([metrics.ErrOutOfRange];
//     the error's Index is that of the first score past the limit)
//   - t is nil ([metrics.ErrInvalid])
func (t *NPSTally) AddAll(scores []int) error {
	const metric = "crm.NPSTally.AddAll"
	if t == nil {
		return tallyNil(metric)
	}
	return t.addAll(metric, scores)
}

func (t *NPSTally) addAll(metric string, scores []int) error {
	if err := tallyRoomAll(metric, "scores", t.Total(), len(scores)); err != nil {
		return err
	}
	promoters, detractors, bad := npsTallyCount(scores)
	if bad >= 0 {
		return check.ErrAt(metric, "scores", bad, scores[bad], metrics.ErrOutOfRange, npsScoreRange)
	}
	t.n[Promoter-1] += promoters
	t.n[Detractor-1] += detractors
	t.n[Passive-1] += len(scores) - promoters - detractors
	return nil
}

// npsTallyPack is the packed increment of each NPS score, built from
// npsCategoryOf: 1 in the low 32 bits for a promoter, 1 in the high 32 bits
// for a detractor, nothing for a passive (passives are the rest).
var npsTallyPack = func() (pack [11]uint64) {
	for s, c := range npsCategoryOf {
		switch c {
		case Promoter:
			pack[s] = 1
		case Detractor:
			pack[s] = 1 << 32
		}
	}
	return pack
}()

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
//	Promoters  += other's Promoters
//	Passives   += other's Passives
//	Detractors += other's Detractors
//
// Tallies counted apart and merged equal the tally of all their answers, in
// any order of merging. A nil other adds nothing; t.Merge(t) doubles t.
//
// Merge returns an error if:
//   - t would hold more than math.MaxInt answers ([metrics.ErrOutOfRange])
//   - t is nil ([metrics.ErrInvalid])
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
	o := other.n
	for i := range t.n {
		t.n[i] += o[i]
	}
	return nil
}

// Counts returns the answers counted so far by category, the input of [NPS]
// and of the uncertainty functions such as [NPSInterval]:
//
//	Promoters  = number of answers in 9..10
//	Passives   = number of answers in 7..8
//	Detractors = number of answers in 0..6
//
// An empty tally gives the zero NPSInput.
func (t *NPSTally) Counts() NPSInput {
	if t == nil {
		return NPSInput{}
	}
	return NPSInput{Promoters: t.n[Promoter-1], Passives: t.n[Passive-1], Detractors: t.n[Detractor-1]}
}

// Total returns the number of answers counted so far, within 0..math.MaxInt:
//
//	Total = Promoters + Passives + Detractors
func (t *NPSTally) Total() int {
	if t == nil {
		return 0
	}
	return t.n[0] + t.n[1] + t.n[2]
}

// NPS returns the Net Promoter Score of the answers counted so far, as [NPS]
// computes it from [NPSTally.Counts]:
//
//	NPS = (Promoters − Detractors) / Total × 100
//
// The result is a score in points within −100..100. Reading does not change
// the tally: add more answers and read again. Its cost does not depend on the
// number of answers.
//
// NPS returns an error if:
//   - the tally is empty ([metrics.ErrUndefined], Field "Promoters" of the
//     counts, as [NPS] reports it)
func (t *NPSTally) NPS() (decimal.Decimal, error) {
	return nps("crm.NPSTally.NPS", t.Counts())
}

// npsTallyFormat is the first byte of an NPSTally's binary form, its format
// version; answerTallyFormat is AnswerTally's. Distinct values make a
// tally of one kind refuse the bytes of the other.
const (
	npsTallyFormat    = 0x4e // 'N', version 1
	answerTallyFormat = 0x41 // 'A', version 1
)

// MarshalBinary implements [encoding.BinaryMarshaler]. The form is a format
// byte and the promoter, passive and detractor counts as unsigned varints: 4
// to 31 bytes. It never fails.
func (t *NPSTally) MarshalBinary() ([]byte, error) {
	in := t.Counts()
	b := make([]byte, 1, 1+3*binary.MaxVarintLen64)
	b[0] = npsTallyFormat
	b = binary.AppendUvarint(b, uint64(in.Promoters))
	b = binary.AppendUvarint(b, uint64(in.Passives))
	b = binary.AppendUvarint(b, uint64(in.Detractors))
	return b, nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]: it replaces t with
// the tally MarshalBinary encoded. On error t is unchanged.
//
// UnmarshalBinary returns an error if:
//   - data is not the binary form of an NPSTally: empty, of another format,
//     truncated, with bytes left over, with a varint longer than its
//     shortest form, or with counts whose sum exceeds
//     math.MaxInt ([metrics.ErrInvalid])
//   - t is nil ([metrics.ErrInvalid])
func (t *NPSTally) UnmarshalBinary(data []byte) error {
	const metric = "crm.NPSTally.UnmarshalBinary"
	if t == nil {
		return tallyNil(metric)
	}
	if len(data) == 0 || data[0] != npsTallyFormat {
		return codecErr(metric, "is not the binary form of an NPSTally")
	}
	r := tallyReader{data: data[1:]}
	var in NPSInput
	in.Promoters = r.count()
	in.Passives = r.count()
	in.Detractors = r.count()
	if r.err != "" || len(r.data) != 0 {
		return codecErr(metric, r.reason("NPSTally"))
	}
	return t.set(metric, in)
}

// set replaces the counts of t by those of in, decoded: each non-negative
// and their sum at most math.MaxInt.
func (t *NPSTally) set(metric string, in NPSInput) error {
	if in.Promoters < 0 || in.Passives < 0 || in.Detractors < 0 {
		return codecErr(metric, "holds a negative count")
	}
	if in.Promoters > math.MaxInt-in.Passives || in.Promoters+in.Passives > math.MaxInt-in.Detractors {
		return codecErr(metric, "holds more than math.MaxInt answers")
	}
	t.n[Promoter-1], t.n[Passive-1], t.n[Detractor-1] = in.Promoters, in.Passives, in.Detractors
	return nil
}

// MarshalJSON implements [json.Marshaler]: the counts as an [NPSInput]
// object, {"promoters":2,"passives":1,"detractors":1}. It never fails.
func (t *NPSTally) MarshalJSON() ([]byte, error) {
	return json.Marshal(t.Counts())
}

// UnmarshalJSON implements [json.Unmarshaler]: it replaces t with the tally
// MarshalJSON encoded. On error t is unchanged.
//
// UnmarshalJSON returns an error if:
//   - data is not a JSON object with only the keys promoters, passives and
//     detractors, each a non-negative integer, of sum at most math.MaxInt
//     ([metrics.ErrInvalid])
//   - t is nil ([metrics.ErrInvalid])
func (t *NPSTally) UnmarshalJSON(data []byte) error {
	const metric = "crm.NPSTally.UnmarshalJSON"
	if t == nil {
		return tallyNil(metric)
	}
	var in NPSInput
	if err := decodeStrict(data, &in); err != nil {
		return codecErr(metric, "is not the JSON form of an NPSTally: "+err.Error())
	}
	return t.set(metric, in)
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

// tallyRoomAll reports metrics.ErrOutOfRange if adding the n answers of the
// slice field to a tally of total answers would take it past math.MaxInt
// answers, naming the first answer that does not fit.
func tallyRoomAll(metric, field string, total, n int) error {
	if n > math.MaxInt-total {
		first := math.MaxInt - total
		return check.ErrAt(metric, field, first, nil, metrics.ErrOutOfRange,
			"would take the tally's "+strconv.Itoa(total)+" answers past math.MaxInt")
	}
	return nil
}

// tallyNil is the error of a method called on a nil tally that cannot treat
// it as empty; Field "t" is the receiver.
func tallyNil(metric string) error {
	return check.Err(metric, "t", nil, metrics.ErrInvalid, "is nil")
}

// codecErr is the error of decoding bytes that are not a tally's form;
// Field "data" is the parameter of UnmarshalBinary and UnmarshalJSON.
func codecErr(metric, detail string) error {
	return check.Err(metric, "data", nil, metrics.ErrInvalid, detail)
}
