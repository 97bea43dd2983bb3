package crm_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// A 1–5 satisfaction survey with 100 answers: the top two boxes (4 and 5)
// hold 40 + 20 = 60 of them. Counting only 5 as satisfied gives 20%.
func ExampleCSAT() {
	in := crm.CSATInput{
		Scale:  crm.SurveyScale{Min: 1, Max: 5},
		Counts: []int{5, 10, 25, 40, 20}, // answers scoring 1, 2, 3, 4, 5
	}
	csat, err := crm.CSAT(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(csat)

	in.SatisfiedFrom = 5
	strict, err := crm.CSAT(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strict)
	// Output:
	// 60%
	// 20%
}

// The zero value of SurveyScale is not a scale: the caller must state it.
func ExampleCSAT_error() {
	_, err := crm.CSAT(crm.CSATInput{Counts: []int{5, 10, 25, 40, 20}})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrInvalid))
	// Output:
	// crm.CSAT: Scale 0..0 is not a scale: Min must be below Max: invalid value
	// true
}

func TestCSAT(t *testing.T) {
	one5 := crm.SurveyScale{Min: 1, Max: 5}
	tests := []struct {
		name string
		in   crm.CSATInput
		want metrics.Percent
	}{
		{"top two boxes of 1..5", crm.CSATInput{Scale: one5, Counts: []int{5, 10, 25, 40, 20}}, metrics.PercentInt(60)},
		{"top box only", crm.CSATInput{Scale: one5, SatisfiedFrom: 5, Counts: []int{5, 10, 25, 40, 20}}, metrics.PercentInt(20)},
		{"all but the bottom box", crm.CSATInput{Scale: one5, SatisfiedFrom: 2, Counts: []int{5, 10, 25, 40, 20}}, metrics.PercentInt(95)},
		{"explicit top two equals default", crm.CSATInput{Scale: one5, SatisfiedFrom: 4, Counts: []int{5, 10, 25, 40, 20}}, metrics.PercentInt(60)},
		{"nobody satisfied", crm.CSATInput{Scale: one5, Counts: []int{1, 0, 0, 0, 0}}, metrics.PercentInt(0)},
		{"everybody satisfied", crm.CSATInput{Scale: one5, Counts: []int{0, 0, 0, 3, 4}}, metrics.PercentInt(100)},
		{"0..10 default is 9 and 10", crm.CSATInput{Scale: crm.SurveyScale{Min: 0, Max: 10}, Counts: []int{1, 1, 1, 1, 1, 1, 1, 1, 4, 3, 5}}, metrics.PercentInt(40)},
		{"two-point scale", crm.CSATInput{Scale: crm.SurveyScale{Min: 0, Max: 1}, SatisfiedFrom: 1, Counts: []int{3, 1}}, metrics.PercentInt(25)},
		{"scale around zero", crm.CSATInput{Scale: crm.SurveyScale{Min: -2, Max: 2}, Counts: []int{1, 1, 1, 1, 1}}, metrics.PercentInt(40)},
		{"repeating", crm.CSATInput{Scale: crm.SurveyScale{Min: 1, Max: 3}, Counts: []int{1, 1, 1}}, metrics.MustParsePercent("66.6666666667")},
		{"counts overflow int", crm.CSATInput{Scale: one5, Counts: []int{math.MaxInt, math.MaxInt, 0, 0, math.MaxInt}}, metrics.MustParsePercent("33.3333333333")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CSAT(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CSAT(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestCSATErrors(t *testing.T) {
	one5 := crm.SurveyScale{Min: 1, Max: 5}
	counts := []int{5, 10, 25, 40, 20}
	tests := []struct {
		name  string
		in    crm.CSATInput
		want  error
		field string
		index int
	}{
		{"zero value", crm.CSATInput{}, metrics.ErrInvalid, "Scale", -1},
		{"zero scale with counts", crm.CSATInput{Counts: counts}, metrics.ErrInvalid, "Scale", -1},
		{"one-point scale", crm.CSATInput{Scale: crm.SurveyScale{Min: 3, Max: 3}, Counts: []int{1}}, metrics.ErrInvalid, "Scale", -1},
		{"reversed scale", crm.CSATInput{Scale: crm.SurveyScale{Min: 5, Max: 1}, Counts: counts}, metrics.ErrInvalid, "Scale", -1},
		{"default on a two-point scale", crm.CSATInput{Scale: crm.SurveyScale{Min: 1, Max: 2}, Counts: []int{1, 1}}, metrics.ErrInvalid, "SatisfiedFrom", -1},
		{"threshold at the bottom", crm.CSATInput{Scale: one5, SatisfiedFrom: 1, Counts: counts}, metrics.ErrOutOfRange, "SatisfiedFrom", -1},
		{"threshold above the top", crm.CSATInput{Scale: one5, SatisfiedFrom: 6, Counts: counts}, metrics.ErrOutOfRange, "SatisfiedFrom", -1},
		{"negative threshold", crm.CSATInput{Scale: one5, SatisfiedFrom: -4, Counts: counts}, metrics.ErrOutOfRange, "SatisfiedFrom", -1},
		{"nil counts", crm.CSATInput{Scale: one5}, metrics.ErrInconsistent, "Counts", 0},
		{"too few counts", crm.CSATInput{Scale: one5, Counts: counts[:4]}, metrics.ErrInconsistent, "Counts", 4},
		{"too many counts", crm.CSATInput{Scale: one5, Counts: append([]int{0, 0}, counts...)}, metrics.ErrInconsistent, "Counts", 5},
		{"widest scale", crm.CSATInput{Scale: crm.SurveyScale{Min: math.MinInt, Max: math.MaxInt}, Counts: []int{1}}, metrics.ErrInconsistent, "Counts", 1},
		{"negative count", crm.CSATInput{Scale: one5, Counts: []int{5, 10, -1, 40, 20}}, metrics.ErrNegative, "Counts", 2},
		{"no answers", crm.CSATInput{Scale: one5, Counts: make([]int, 5)}, metrics.ErrUndefined, "Counts", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CSAT(tt.in)
			surveyRequireError(t, err, tt.want, tt.field, tt.index, crm.CSATInput{})
			if !got.IsZero() {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestCSATErrorMessages(t *testing.T) {
	tests := []struct {
		in   crm.CSATInput
		want string
	}{
		{crm.CSATInput{Scale: crm.SurveyScale{Min: 1, Max: 5}, Counts: []int{1, 2, 3}},
			"crm.CSAT: Counts[3] is missing: Scale 1..5 has 5 scores, one count each: inconsistent input"},
		{crm.CSATInput{Scale: crm.SurveyScale{Min: 1, Max: 5}, SatisfiedFrom: 9, Counts: []int{1, 2, 3, 4, 5}},
			"crm.CSAT: SatisfiedFrom 9 is outside 2..5: out of range"},
		{crm.CSATInput{Scale: crm.SurveyScale{Min: 0, Max: 1}, Counts: []int{1, 2}},
			"crm.CSAT: SatisfiedFrom 0 (top two boxes) needs a scale of three scores or more, not 0..1: invalid value"},
		{crm.CSATInput{Scale: crm.SurveyScale{Min: 1, Max: 5}, Counts: []int{0, 0, 0, 0, 0}},
			"crm.CSAT: Counts[0] 0 and every other count are zero: there are no answers: undefined for this input"},
		{crm.CSATInput{Scale: crm.SurveyScale{Min: -1_000_000, Max: 1_000_000}, Counts: []int{1}},
			"crm.CSAT: Counts[1] is missing: Scale -1000000..1000000 has 2000001 scores, one count each: inconsistent input"},
		{crm.CSATInput{Scale: crm.SurveyScale{Min: 1, Max: 2}, SatisfiedFrom: 2, Counts: []int{1, 2, 3}},
			"crm.CSAT: Counts[2] is one too many: Scale 1..2 has 2 scores, one count each: inconsistent input"},
	}
	for _, tt := range tests {
		_, err := crm.CSAT(tt.in)
		if err == nil {
			t.Fatalf("CSAT(%+v): no error", tt.in)
		}
		if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
			t.Errorf("CSAT(%+v) message (-want +got):\n%s", tt.in, diff)
		}
	}
}

// surveyScaleGen draws a scale of 2 to 12 scores around zero.
func surveyScaleGen(t *rapid.T) crm.SurveyScale {
	lo := rapid.IntRange(-20, 20).Draw(t, "min")
	return crm.SurveyScale{Min: lo, Max: lo + rapid.IntRange(1, 11).Draw(t, "span")}
}

// surveyCountsGen draws one count per score of the scale, not all zero.
func surveyCountsGen(t *rapid.T, scale crm.SurveyScale, count *rapid.Generator[int]) []int {
	counts := rapid.SliceOfN(count, scale.Max-scale.Min+1, scale.Max-scale.Min+1).Draw(t, "counts")
	for _, c := range counts {
		if c != 0 {
			return counts
		}
	}
	counts[rapid.IntRange(0, len(counts)-1).Draw(t, "nonzero")] = 1
	return counts
}

// surveyAnswers expands counts into answers, in shuffled order.
func surveyAnswers(t *rapid.T, scale crm.SurveyScale, counts []int) []int {
	var answers []int
	for i, c := range counts {
		for range c {
			answers = append(answers, scale.Min+i)
		}
	}
	return rapid.Permutation(answers).Draw(t, "answers")
}

func TestCSATProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scale := surveyScaleGen(t)
		from := rapid.IntRange(scale.Min+1, scale.Max).Draw(t, "satisfiedFrom")
		huge := rapid.Bool().Draw(t, "huge counts")
		count := rapid.IntRange(0, 30)
		if huge {
			count = rapid.OneOf(rapid.IntRange(0, 1000), rapid.IntRange(math.MaxInt-1000, math.MaxInt))
		}
		counts := surveyCountsGen(t, scale, count)
		got, err := crm.CSAT(crm.CSATInput{Scale: scale, SatisfiedFrom: from, Counts: counts})
		threshold, ok := surveyThreshold(scale, from)
		if !ok {
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if got.Sign() < 0 || got.Cmp(metrics.PercentInt(100)) > 0 {
			t.Fatalf("CSAT %v outside 0..100", got)
		}
		// Oracle: satisfied / total × 100 in exact rationals.
		satisfied, total := new(big.Int), new(big.Int)
		for i, c := range counts {
			total.Add(total, new(big.Int).SetInt64(int64(c)))
			if scale.Min+i >= threshold {
				satisfied.Add(satisfied, new(big.Int).SetInt64(int64(c)))
			}
		}
		testkit.RequireRat(t, got.Points(), new(big.Rat).SetFrac(satisfied.Mul(satisfied, new(big.Int).SetInt64(100)), total))
		// Raising the threshold never raises CSAT.
		if threshold < scale.Max && threshold+1 != 0 {
			stricter, err := crm.CSAT(crm.CSATInput{Scale: scale, SatisfiedFrom: threshold + 1, Counts: counts})
			if err != nil || !surveyNotBelow(got.Points(), stricter.Points()) {
				t.Fatalf("raising SatisfiedFrom to %d raised CSAT: %v -> %v (%v)", threshold+1, got, stricter, err)
			}
		}
		// SatisfiedFrom zero is the top two boxes.
		if scale.Max-scale.Min >= 2 {
			def, err1 := crm.CSAT(crm.CSATInput{Scale: scale, Counts: counts})
			top2, err2 := crm.CSAT(crm.CSATInput{Scale: scale, SatisfiedFrom: scale.Max - 1, Counts: counts})
			if err1 != nil || err2 != nil || !def.Equal(top2) {
				t.Fatalf("default %v (%v), top two boxes %v (%v)", def, err1, top2, err2)
			}
		}
		// CSAT of a tally of the answers = CSAT of the counts.
		if !huge {
			tally := crm.AnswerTally{Scale: scale}
			if err := tally.AddAll(surveyAnswers(t, scale, counts)); err != nil {
				t.Fatal(err)
			}
			fromTally, err := tally.CSAT(from)
			if err != nil || !fromTally.Equal(got) {
				t.Fatalf("AnswerTally.CSAT %v, CSAT %v (%v)", fromTally, got, err)
			}
		}
	})
}

// surveyThreshold is the lowest satisfied score for a SatisfiedFrom drawn
// within scale.Min+1..scale.Max: zero means the top two boxes, which a scale
// of two scores does not have (ok is false).
func surveyThreshold(scale crm.SurveyScale, from int) (threshold int, ok bool) {
	if from != 0 {
		return from, true
	}
	return scale.Max - 1, scale.Max-scale.Min >= 2
}

// surveyFuzzCounts maps fuzz bytes to counts, some of them negative.
func surveyFuzzCounts(data []byte) []int {
	counts := make([]int, len(data))
	for i, b := range data {
		counts[i] = int(int8(b))
	}
	return counts
}

func FuzzCSAT(f *testing.F) {
	f.Add(1, 5, 0, []byte{5, 10, 25, 40, 20})
	f.Add(0, 0, 0, []byte{})
	f.Add(1, 2, 0, []byte{1, 1})
	f.Add(0, 10, 7, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	f.Add(1, 5, 4, []byte{0, 0, 255, 0, 0})
	f.Fuzz(func(t *testing.T, lo, hi, from int, data []byte) {
		got, err := crm.CSAT(crm.CSATInput{Scale: crm.SurveyScale{Min: lo, Max: hi}, SatisfiedFrom: from, Counts: surveyFuzzCounts(data)})
		if err != nil {
			testkit.RequireFieldOf(t, err, crm.CSATInput{})
			return
		}
		if got.Sign() < 0 || got.Cmp(metrics.PercentInt(100)) > 0 {
			t.Fatalf("CSAT %v outside 0..100", got)
		}
	})
}
