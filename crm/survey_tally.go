package crm

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

// maxAnswerScores is the most scores the Scale of an AnswerTally may have:
// 101, enough for a 0–100 scale. A tally keeps one count per score in a fixed
// array, so that it is a plain value that copies, compares and merges without
// allocating.
const maxAnswerScores = 101

// AnswerTally is the accumulator of answers to one survey question on a
// stated scale, such as a customer satisfaction question on 1–5 or a customer
// effort question on 1–7. It counts the answers per score, so that both
// metrics of such a question can be read at any time without keeping the
// answers: [AnswerTally.CSAT], the share of satisfied answers at a threshold
// given when reading, and [AnswerTally.CES], the mean answer.
//
//	t := crm.AnswerTally{Scale: crm.SurveyScale{Min: 1, Max: 5}}
//	err := t.AddAll(answers)
//	csat, err := t.CSAT(4) // share of answers scoring 4 or 5
//
// The setting is Scale, set before the first answer: it has at most 101
// scores (0–100), and the zero value is not a scale (see [SurveyScale]), so a
// tally whose Scale is unset refuses answers with [metrics.ErrInvalid] rather
// than guess one. Once the tally holds answers its Scale must not change:
// every method then reports [metrics.ErrMismatch]. A tally with no answers and
// no Scale, such as the zero value, takes the Scale of the first tally merged
// into it, so it is the starting point for merging shards.
//
//   - [AnswerTally.Add] adds one answer, [AnswerTally.AddAll] a slice of them
//     in one pass without allocating.
//   - [AnswerTally.Merge] adds a tally on the same Scale, so shards counted
//     apart combine into the tally of all the answers, exactly, whatever the
//     split and the order of merging.
//   - MarshalBinary and MarshalJSON carry a tally, Scale included, to another
//     process; UnmarshalBinary and UnmarshalJSON read it back exactly and
//     reject corrupt or hostile input with [metrics.ErrInvalid].
//   - [AnswerTally.Counts] returns the counts per score, the Counts of the
//     [CSATInput] and [CESInput] of [CSAT] and [CES].
//
// A tally is a plain value without pointers: assigning it copies it, and ==
// compares two tallies. It is not safe for concurrent use: give each
// goroutine its own and merge them. A method that returns an error leaves the
// tally as it was. A tally holds at most math.MaxInt answers in all; an Add,
// AddAll or Merge that would go past it returns [metrics.ErrOutOfRange].
// The methods accept a nil *AnswerTally without panicking: the adding methods
// return [metrics.ErrInvalid] and the reading methods see an empty tally.
type AnswerTally struct {
	// Scale is the question's answer scale, such as SurveyScale{Min: 1,
	// Max: 5}. Set it before the first answer.
	Scale SurveyScale

	scale  SurveyScale          // the Scale of the counts, while total > 0
	total  int                  // Σ counts
	counts [maxAnswerScores]int // counts[i]: answers scoring scale.Min+i
}

// ready validates the tally's Scale: a valid scale of at most
// maxAnswerScores scores, unchanged since the first answer.
func (t *AnswerTally) ready(metric string) error {
	if err := t.Scale.validate(metric, "Scale"); err != nil {
		return err
	}
	if t.Scale.span() >= maxAnswerScores {
		return check.Err(metric, "Scale", t.Scale, metrics.ErrOutOfRange,
			"has "+t.Scale.points()+" scores, more than the "+strconv.Itoa(maxAnswerScores)+" a tally holds")
	}
	if t.total > 0 && t.Scale != t.scale {
		return check.Err(metric, "Scale", t.Scale, metrics.ErrMismatch,
			"differs from "+t.scale.String()+", the scale of the answers already counted")
	}
	return nil
}

// Add adds one answer on the tally's Scale:
//
//	Counts[answer − Scale.Min] += 1
//
// Add returns an error if:
//   - Scale.Min is not below Scale.Max, as in the zero value ([metrics.ErrInvalid])
//   - Scale has more than 101 scores ([metrics.ErrOutOfRange])
//   - Scale changed since the first answer ([metrics.ErrMismatch])
//   - answer is outside Scale ([metrics.ErrOutOfRange])
//   - the tally already holds math.MaxInt answers ([metrics.ErrOutOfRange])
//   - t is nil ([metrics.ErrInvalid])
func (t *AnswerTally) Add(answer int) error {
	const metric = "crm.AnswerTally.Add"
	if t == nil {
		return tallyNil(metric)
	}
	if err := t.ready(metric); err != nil {
		return err
	}
	if !t.Scale.Contains(answer) {
		return check.Err(metric, "answer", answer, metrics.ErrOutOfRange, "is outside the scale "+t.Scale.String())
	}
	if err := tallyRoom(metric, "answer", t.total, 1); err != nil {
		return err
	}
	t.counts[uint(answer)-uint(t.Scale.Min)]++
	t.total++
	t.scale = t.Scale
	return nil
}

// AddAll adds raw answers on the tally's Scale, as Add adds each of them:
//
//	Counts[a − Scale.Min] += 1 for every answer a
//
// It makes one pass over answers and does not allocate. An empty or nil
// slice adds nothing. If an answer is off the scale, AddAll adds none of the
// answers.
//
// AddAll returns an error if:
//   - Scale.Min is not below Scale.Max, as in the zero value ([metrics.ErrInvalid])
//   - Scale has more than 101 scores ([metrics.ErrOutOfRange])
//   - Scale changed since the first answer ([metrics.ErrMismatch])
//   - an answer is outside Scale ([metrics.ErrOutOfRange]; the error's Index
//     is its position in answers)
//   - the tally would hold more than math.MaxInt answers ([metrics.ErrOutOfRange];
//     the error's Index is that of the first answer past the limit)
//   - t is nil ([metrics.ErrInvalid])
func (t *AnswerTally) AddAll(answers []int) error {
	const metric = "crm.AnswerTally.AddAll"
	if t == nil {
		return tallyNil(metric)
	}
	if err := t.ready(metric); err != nil {
		return err
	}
	if err := tallyRoomAll(metric, "answers", t.total, len(answers)); err != nil {
		return err
	}
	if len(answers) == 0 {
		return nil
	}
	// Count into a copy, committed only once every answer is on the scale.
	counts := t.counts
	lo, span := uint(t.Scale.Min), t.Scale.span()
	for i, a := range answers {
		off := uint(a) - lo
		if uint64(off) > span {
			return check.ErrAt(metric, "answers", i, a, metrics.ErrOutOfRange, "is outside the scale "+t.Scale.String())
		}
		counts[off]++
	}
	t.counts = counts
	t.total += len(answers)
	t.scale = t.Scale
	return nil
}

// Merge adds the answers of other to t, so that t counts the answers of
// both:
//
//	Counts[i] += other's Counts[i] for every score of Scale
//
// Tallies counted apart and merged equal the tally of all their answers, in
// any order of merging. A nil other, or one with neither answers nor Scale
// (the zero value), adds nothing; a t with neither answers nor Scale takes
// other's Scale and counts; t.Merge(t) doubles t.
//
// Merge returns an error if:
//   - the Scales of t and other differ, or either changed since its first
//     answer ([metrics.ErrMismatch])
//   - Scale is not valid or has more than 101 scores ([metrics.ErrInvalid],
//     [metrics.ErrOutOfRange])
//   - t would hold more than math.MaxInt answers ([metrics.ErrOutOfRange])
//   - t is nil ([metrics.ErrInvalid])
func (t *AnswerTally) Merge(other *AnswerTally) error {
	const metric = "crm.AnswerTally.Merge"
	if t == nil {
		return tallyNil(metric)
	}
	if other == nil || other.unset() {
		return nil
	}
	if other.Scale != t.Scale && !t.unset() {
		return check.Err(metric, "other", "Scale "+other.Scale.String(), metrics.ErrMismatch,
			"differs from Scale "+t.Scale.String())
	}
	if err := other.ready(metric); err != nil {
		var e *metrics.Error
		if errors.As(err, &e) {
			e.Field = "other"
			e.Value = "Scale " + e.Value
		}
		return err
	}
	if t.unset() {
		*t = *other
		return nil
	}
	if err := t.ready(metric); err != nil {
		return err
	}
	if err := tallyRoom(metric, "other", t.total, other.total); err != nil {
		return err
	}
	if other.total == 0 {
		return nil
	}
	o := other.counts
	for i := range t.Scale.span() + 1 {
		t.counts[i] += o[i]
	}
	t.total += other.total
	t.scale = t.Scale
	return nil
}

// unset reports whether t has neither answers nor Scale.
func (t *AnswerTally) unset() bool { return t.total == 0 && t.Scale == SurveyScale{} }

// Counts returns the answers counted so far per score of Scale, in a fresh
// slice: Counts()[i] is the number of answers scoring Scale.Min+i. They are
// the Counts of the [CSATInput] and [CESInput] of the same Scale:
//
//	crm.CES(crm.CESInput{Scale: t.Scale, Counts: t.Counts()})
//
// computes what [AnswerTally.CES] reads. Counts returns nil if Scale is not a
// valid scale of at most 101 scores, or changed since the first answer.
func (t *AnswerTally) Counts() []int {
	if t == nil || t.ready("") != nil {
		return nil
	}
	return append([]int(nil), t.counts[:t.Scale.span()+1]...)
}

// Total returns the number of answers counted so far, within 0..math.MaxInt:
//
//	Total = Σ Counts[i]
func (t *AnswerTally) Total() int {
	if t == nil {
		return 0
	}
	return t.total
}

// CSAT returns the customer satisfaction score of the answers counted so
// far: the share of answers scoring satisfiedFrom or more, as [CSAT] computes
// it from a [CSATInput] with the tally's Scale and Counts. satisfiedFrom zero
// selects the top two boxes, Scale.Max−1 and Scale.Max.
//
//	CSAT = Σ Counts[i] over the scores Scale.Min+i ≥ satisfiedFrom / Total × 100
//
// The result is a [metrics.Percent] within 0..100. Reading does not change
// the tally, so one tally answers for any threshold.
//
// CSAT returns an error if:
//   - Scale is not valid, has more than 101 scores or changed since the first
//     answer ([metrics.ErrInvalid], [metrics.ErrOutOfRange], [metrics.ErrMismatch])
//   - satisfiedFrom is outside Scale.Min+1..Scale.Max ([metrics.ErrOutOfRange])
//   - satisfiedFrom is zero (top two boxes) on a scale of only two scores
//     ([metrics.ErrInvalid])
//   - the tally is empty ([metrics.ErrUndefined], Field "Counts" as [CSAT]
//     reports it)
func (t *AnswerTally) CSAT(satisfiedFrom int) (metrics.Percent, error) {
	const metric = "crm.AnswerTally.CSAT"
	var z AnswerTally
	if t == nil {
		t = &z
	}
	if err := t.ready(metric); err != nil {
		return metrics.Percent{}, err
	}
	return csat(metric, "satisfiedFrom", t.Scale, satisfiedFrom, t.counts[:t.Scale.span()+1])
}

// CES returns the Customer Effort Score of the answers counted so far, their
// mean, as [CES] computes it from a [CESInput] with the tally's Scale and
// Counts (see CES for the direction of the score):
//
//	CES = Σ (Scale.Min+i) × Counts[i] / Total
//
// The result is a decimal.Decimal within Scale.Min..Scale.Max, exact when the
// quotient terminates and rounded at [metrics.Scale] digits otherwise.
//
// CES returns an error if:
//   - Scale is not valid, has more than 101 scores or changed since the first
//     answer ([metrics.ErrInvalid], [metrics.ErrOutOfRange], [metrics.ErrMismatch])
//   - the tally is empty ([metrics.ErrUndefined], Field "Counts" as [CES]
//     reports it)
func (t *AnswerTally) CES() (decimal.Decimal, error) {
	const metric = "crm.AnswerTally.CES"
	var z AnswerTally
	if t == nil {
		t = &z
	}
	if err := t.ready(metric); err != nil {
		return decimal.Decimal{}, err
	}
	return ces(metric, t.Scale, t.counts[:t.Scale.span()+1])
}

// MarshalBinary implements [encoding.BinaryMarshaler]. The form is a format
// byte, Scale.Min and Scale.Max as signed varints, the number of counts that
// follow (0 for a tally without answers, else one per score of Scale) and the
// counts as unsigned varints.
//
// MarshalBinary returns an error if:
//   - the tally holds answers and its Scale changed since the first one
//     ([metrics.ErrMismatch])
func (t *AnswerTally) MarshalBinary() ([]byte, error) {
	var z AnswerTally
	if t == nil {
		t = &z
	}
	counts, err := t.encodable("crm.AnswerTally.MarshalBinary")
	if err != nil {
		return nil, err
	}
	b := make([]byte, 1, 1+3*binary.MaxVarintLen64+len(counts)*binary.MaxVarintLen64)
	b[0] = answerTallyFormat
	b = binary.AppendVarint(b, int64(t.Scale.Min))
	b = binary.AppendVarint(b, int64(t.Scale.Max))
	b = binary.AppendUvarint(b, uint64(len(counts)))
	for _, c := range counts {
		b = binary.AppendUvarint(b, uint64(c))
	}
	return b, nil
}

// encodable returns the counts to encode: none for a tally without answers,
// whatever its Scale, else one per score of its valid Scale.
func (t *AnswerTally) encodable(metric string) ([]int, error) {
	if t.total == 0 {
		return nil, nil
	}
	if err := t.ready(metric); err != nil {
		return nil, err
	}
	return t.counts[:t.Scale.span()+1], nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]: it replaces t,
// Scale included, with the tally MarshalBinary encoded. On error t is
// unchanged.
//
// UnmarshalBinary returns an error if:
//   - data is not the binary form of an AnswerTally: empty, of another
//     format, truncated, with bytes left over, with a varint longer than its
//     shortest form, with counts that do not fit
//     the scale, or more than math.MaxInt answers ([metrics.ErrInvalid])
//   - t is nil ([metrics.ErrInvalid])
func (t *AnswerTally) UnmarshalBinary(data []byte) error {
	const metric = "crm.AnswerTally.UnmarshalBinary"
	if t == nil {
		return tallyNil(metric)
	}
	if len(data) == 0 || data[0] != answerTallyFormat {
		return codecErr(metric, "is not the binary form of an AnswerTally")
	}
	r := tallyReader{data: data[1:]}
	scale := SurveyScale{Min: r.int(), Max: r.int()}
	n := r.count()
	if r.err == "" && n > maxAnswerScores {
		r.err = "declares " + strconv.Itoa(n) + " counts, more than a tally holds"
	}
	var counts [maxAnswerScores]int
	for i := range n {
		if r.err != "" {
			break
		}
		counts[i] = r.count()
	}
	if r.err != "" || len(r.data) != 0 {
		return codecErr(metric, r.reason("AnswerTally"))
	}
	return t.set(metric, scale, counts[:n])
}

// set replaces t by a tally on scale with the decoded counts: none, or one
// per score of a valid scale, each non-negative, of sum at most math.MaxInt.
func (t *AnswerTally) set(metric string, scale SurveyScale, counts []int) error {
	u := AnswerTally{Scale: scale}
	if len(counts) > 0 {
		if err := u.ready(metric); err != nil {
			return codecErr(metric, "has counts on scale "+scale.String()+", which is not a tally's scale")
		}
		if uint64(len(counts)-1) != scale.span() {
			return codecErr(metric, "has "+strconv.Itoa(len(counts))+" counts for the "+scale.points()+" scores of scale "+scale.String())
		}
		for i, c := range counts {
			if c < 0 || c > math.MaxInt-u.total {
				return codecErr(metric, "holds a negative count or more than math.MaxInt answers")
			}
			u.counts[i] = c
			u.total += c
		}
		if u.total > 0 {
			u.scale = scale
		}
	}
	*t = u
	return nil
}

// answerTallyJSON is the JSON form of an AnswerTally.
type answerTallyJSON struct {
	Scale  SurveyScale `json:"scale"`
	Counts []int       `json:"counts,omitempty"`
}

// MarshalJSON implements [json.Marshaler]: the Scale and the counts per
// score, {"scale":{"min":1,"max":5},"counts":[0,1,0,2,1]}; a tally without
// answers has no "counts".
//
// MarshalJSON returns an error if:
//   - the tally holds answers and its Scale changed since the first one
//     ([metrics.ErrMismatch])
func (t *AnswerTally) MarshalJSON() ([]byte, error) {
	var z AnswerTally
	if t == nil {
		t = &z
	}
	counts, err := t.encodable("crm.AnswerTally.MarshalJSON")
	if err != nil {
		return nil, err
	}
	return json.Marshal(answerTallyJSON{Scale: t.Scale, Counts: counts})
}

// UnmarshalJSON implements [json.Unmarshaler]: it replaces t, Scale
// included, with the tally MarshalJSON encoded. On error t is unchanged.
//
// UnmarshalJSON returns an error if:
//   - data is not a JSON object with only the keys scale and counts, or its
//     counts do not fit the scale, are negative or sum past math.MaxInt
//     ([metrics.ErrInvalid])
//   - t is nil ([metrics.ErrInvalid])
func (t *AnswerTally) UnmarshalJSON(data []byte) error {
	const metric = "crm.AnswerTally.UnmarshalJSON"
	if t == nil {
		return tallyNil(metric)
	}
	var v answerTallyJSON
	if err := decodeStrict(data, &v); err != nil {
		return codecErr(metric, "is not the JSON form of an AnswerTally: "+err.Error())
	}
	if len(v.Counts) > maxAnswerScores {
		return codecErr(metric, "has "+strconv.Itoa(len(v.Counts))+" counts, more than a tally holds")
	}
	return t.set(metric, v.Scale, v.Counts)
}

// decodeStrict decodes one JSON value into v, refusing unknown keys and
// anything after the value.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the value")
	}
	return nil
}

// tallyReader reads the varints of a tally's binary form; the first problem
// sets err and later reads return 0. It accepts only the shortest encoding of
// each value, so that a tally has one binary form and equal tallies have
// equal bytes.
type tallyReader struct {
	data []byte
	err  string
}

// count reads an unsigned varint within 0..math.MaxInt.
func (r *tallyReader) count() int {
	if r.err != "" {
		return 0
	}
	v, n := binary.Uvarint(r.data)
	switch {
	case n <= 0 || n > 1 && r.data[n-1] == 0: // a zero last byte pads the varint
		r.err = "is truncated or holds a malformed count"
		return 0
	case v > math.MaxInt:
		r.err = "holds a count above math.MaxInt"
		return 0
	}
	r.data = r.data[n:]
	return int(v)
}

// int reads a signed varint within the int range.
func (r *tallyReader) int() int {
	if r.err != "" {
		return 0
	}
	v, n := binary.Varint(r.data)
	switch {
	case n <= 0 || n > 1 && r.data[n-1] == 0:
		r.err = "is truncated or holds a malformed scale"
		return 0
	case v < math.MinInt || v > math.MaxInt:
		r.err = "holds a scale outside the int range"
		return 0
	}
	r.data = r.data[n:]
	return int(v)
}

// reason is the detail of a read that failed or left bytes over.
func (r *tallyReader) reason(kind string) string {
	if r.err != "" {
		return r.err
	}
	return "has " + strconv.Itoa(len(r.data)) + " bytes after the " + kind
}
