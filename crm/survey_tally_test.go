package crm_test

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var (
	one5 = crm.SurveyScale{Min: 1, Max: 5}
	one7 = crm.SurveyScale{Min: 1, Max: 7}
)

// One tally of a 1–5 satisfaction question, read as CSAT at two thresholds
// and as a mean.
func ExampleAnswerTally() {
	t := crm.AnswerTally{Scale: crm.SurveyScale{Min: 1, Max: 5}}
	if err := t.AddAll([]int{5, 4, 3, 5, 2, 4, 4, 1}); err != nil {
		fmt.Println(err)
		return
	}
	topTwo, err := t.CSAT(4) // 4 and 5 count as satisfied
	if err != nil {
		fmt.Println(err)
		return
	}
	topBox, _ := t.CSAT(5)
	mean, _ := t.CES()
	fmt.Println(topTwo, topBox, mean)
	// Output:
	// 62.5% 25% 3.5
}

// An answer off the scale is refused and not counted; so is any answer while
// the Scale is unset.
func ExampleAnswerTally_Add() {
	t := crm.AnswerTally{Scale: crm.SurveyScale{Min: 1, Max: 7}}
	for _, a := range []int{7, 6, 8, 5} {
		if err := t.Add(a); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println(t.Counts())
	var unset crm.AnswerTally
	fmt.Println(unset.Add(3))
	// Output:
	// crm.AnswerTally.Add: answer 8 is outside the scale 1..7: out of range
	// [0 0 0 0 1 1 1]
	// crm.AnswerTally.Add: Scale 0..0 is not a scale: Min must be below Max: invalid value
}

func ExampleAnswerTally_AddAll() {
	t := crm.AnswerTally{Scale: crm.SurveyScale{Min: 1, Max: 5}}
	fmt.Println(t.AddAll([]int{5, 4, 1}))
	fmt.Println(t.AddAll([]int{2, 0, 3}))
	fmt.Println(t.Counts())
	// Output:
	// <nil>
	// crm.AnswerTally.AddAll: answers[1] 0 is outside the scale 1..5: out of range
	// [1 0 0 1 1]
}

// Shards travel as JSON and merge into a zero tally, which takes their
// Scale; a shard on another scale is refused.
func ExampleAnswerTally_Merge() {
	var all crm.AnswerTally
	for _, shard := range []string{
		`{"scale":{"min":1,"max":5},"counts":[0,1,2,3,4]}`,
		`{"scale":{"min":1,"max":5},"counts":[1,0,0,0,1]}`,
		`{"scale":{"min":0,"max":10},"counts":[0,0,0,0,0,0,0,0,0,0,1]}`,
	} {
		var t crm.AnswerTally
		if err := json.Unmarshal([]byte(shard), &t); err != nil {
			fmt.Println(err)
			return
		}
		if err := all.Merge(&t); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println(all.Scale, all.Counts(), all.Total())
	// Output:
	// crm.AnswerTally.Merge: other Scale 0..10 differs from Scale 1..5: mismatched kinds
	// 1..5 [1 1 2 3 5] 12
}

// Counts is the Counts of a CSATInput or CESInput on the same Scale.
func ExampleAnswerTally_Counts() {
	t := crm.AnswerTally{Scale: crm.SurveyScale{Min: 1, Max: 5}}
	_ = t.AddAll([]int{5, 4, 3, 5, 2, 4, 4, 1})
	csat, err := crm.CSAT(crm.CSATInput{Scale: t.Scale, SatisfiedFrom: 4, Counts: t.Counts()})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Counts(), csat)
	// Output:
	// [1 1 1 3 2] 62.5%
}

func ExampleAnswerTally_Total() {
	t := crm.AnswerTally{Scale: crm.SurveyScale{Min: 0, Max: 10}}
	_ = t.AddAll([]int{10, 0, 7})
	fmt.Println(t.Total())
	// Output:
	// 3
}

// SatisfiedFrom 0 selects the top two boxes; an empty tally has no CSAT.
func ExampleAnswerTally_CSAT() {
	t := crm.AnswerTally{Scale: crm.SurveyScale{Min: 1, Max: 5}}
	_, err := t.CSAT(0)
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	_ = t.AddAll([]int{5, 4, 3})
	csat, _ := t.CSAT(0)
	fmt.Println(csat)
	_, err = t.CSAT(1)
	fmt.Println(err)
	// Output:
	// true
	// 66.6666666667%
	// crm.AnswerTally.CSAT: satisfiedFrom 1 is outside 2..5: out of range
}

// A 1–7 effort question: (7 + 6 + 5 + 7 + 4 + 6) / 6 = 35 / 6, rounded at
// 10 digits.
func ExampleAnswerTally_CES() {
	t := crm.AnswerTally{Scale: crm.SurveyScale{Min: 1, Max: 7}}
	_ = t.AddAll([]int{7, 6, 5, 7, 4, 6})
	ces, err := t.CES()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ces, ces.StringFixed(2))
	// Output:
	// 5.8333333333 5.83
}

func ExampleAnswerTally_MarshalJSON() {
	t := crm.AnswerTally{Scale: crm.SurveyScale{Min: 1, Max: 5}}
	b, _ := json.Marshal(&t)
	fmt.Println(string(b))
	_ = t.AddAll([]int{5, 4, 4})
	b, _ = json.Marshal(&t)
	fmt.Println(string(b))
	// Output:
	// {"scale":{"min":1,"max":5}}
	// {"scale":{"min":1,"max":5},"counts":[0,0,0,2,1]}
}

func ExampleAnswerTally_UnmarshalBinary() {
	t := crm.AnswerTally{Scale: crm.SurveyScale{Min: 1, Max: 5}}
	_ = t.AddAll([]int{5, 4, 4})
	b, _ := t.MarshalBinary()
	fmt.Printf("% x\n", b)
	var back crm.AnswerTally
	fmt.Println(back.UnmarshalBinary(b), back == t)
	fmt.Println(back.UnmarshalBinary(append(b, 0)))
	// Output:
	// 41 02 0a 05 00 00 00 02 01
	// <nil> true
	// crm.AnswerTally.UnmarshalBinary: data has 1 bytes after the AnswerTally: invalid value
}

// answerTallyOf returns a tally on scale of answers, added one at a time.
func answerTallyOf(t testkit.TB, scale crm.SurveyScale, answers ...int) crm.AnswerTally {
	t.Helper()
	tally := crm.AnswerTally{Scale: scale}
	for _, a := range answers {
		if err := tally.Add(a); err != nil {
			t.Fatalf("Add(%d): %v", a, err)
		}
	}
	return tally
}

// answerTallyFrom returns a tally with the given counts, decoded from JSON.
func answerTallyFrom(t testkit.TB, scale crm.SurveyScale, counts ...int) crm.AnswerTally {
	t.Helper()
	b, err := json.Marshal(map[string]any{"scale": scale, "counts": counts})
	if err != nil {
		t.Fatalf("%v", err)
	}
	var tally crm.AnswerTally
	if err := tally.UnmarshalJSON(b); err != nil {
		t.Fatalf("UnmarshalJSON(%s): %v", b, err)
	}
	return tally
}

// answerCountsOf is the test's own count of answers per score of scale.
func answerCountsOf(scale crm.SurveyScale, answers []int) []int {
	counts := make([]int, scale.Max-scale.Min+1)
	for _, a := range answers {
		counts[a-scale.Min]++
	}
	return counts
}

func TestAnswerTallyAdd(t *testing.T) {
	tests := []struct {
		name    string
		scale   crm.SurveyScale
		answers []int
	}{
		{"none", one5, nil},
		{"ends of 1..5", one5, []int{1, 5, 5}},
		{"around zero", crm.SurveyScale{Min: -3, Max: 3}, []int{-3, 0, 3, 3}},
		{"0..100", crm.SurveyScale{Min: 0, Max: 100}, []int{0, 100, 50}},
		{"at the ends of int", crm.SurveyScale{Min: math.MaxInt - 100, Max: math.MaxInt}, []int{math.MaxInt, math.MaxInt - 100}},
		{"at the bottom of int", crm.SurveyScale{Min: math.MinInt, Max: math.MinInt + 2}, []int{math.MinInt, math.MinInt + 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := answerTallyOf(t, tt.scale, tt.answers...)
			got := [2]any{tally.Counts(), tally.Total()}
			if diff := cmp.Diff([2]any{answerCountsOf(tt.scale, tt.answers), len(tt.answers)}, got); diff != "" {
				t.Errorf("counts and total (-want +got):\n%s", diff)
			}
			all := crm.AnswerTally{Scale: tt.scale}
			if err := all.AddAll(tt.answers); err != nil {
				t.Fatal(err)
			}
			if all != tally {
				t.Errorf("AddAll gives %v, Add %v", all.Counts(), tally.Counts())
			}
		})
	}
}

// answerTallyErrCases are the cases every adding method refuses, whatever
// it adds, with the tally they start from.
func answerTallyErrCases(t *testing.T) []struct {
	name  string
	tally *crm.AnswerTally
	want  error
	field string
} {
	changed := answerTallyOf(t, one5, 3)
	changed.Scale = one7
	full := answerTallyFrom(t, one5, math.MaxInt, 0, 0, 0, 0)
	return []struct {
		name  string
		tally *crm.AnswerTally
		want  error
		field string
	}{
		{"zero Scale", &crm.AnswerTally{}, metrics.ErrInvalid, "Scale"},
		{"reversed Scale", &crm.AnswerTally{Scale: crm.SurveyScale{Min: 5, Max: 1}}, metrics.ErrInvalid, "Scale"},
		{"Scale of 102 scores", &crm.AnswerTally{Scale: crm.SurveyScale{Min: 0, Max: 101}}, metrics.ErrOutOfRange, "Scale"},
		{"widest Scale", &crm.AnswerTally{Scale: crm.SurveyScale{Min: math.MinInt, Max: math.MaxInt}}, metrics.ErrOutOfRange, "Scale"},
		{"Scale changed after an answer", &changed, metrics.ErrMismatch, "Scale"},
		{"full", &full, metrics.ErrOutOfRange, ""},
		{"nil", nil, metrics.ErrInvalid, "t"},
	}
}

func TestAnswerTallyAddErrors(t *testing.T) {
	in := struct {
		t      *crm.AnswerTally
		Scale  crm.SurveyScale
		answer int
	}{}
	cases := answerTallyErrCases(t)
	cases = append(cases,
		struct {
			name  string
			tally *crm.AnswerTally
			want  error
			field string
		}{"below the scale", &crm.AnswerTally{Scale: one5}, metrics.ErrOutOfRange, "answer"},
	)
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			answer := 3
			if tt.name == "below the scale" {
				answer = 0
			}
			field := tt.field
			if field == "" {
				field = "answer"
			}
			var before crm.AnswerTally
			if tt.tally != nil {
				before = *tt.tally
			}
			err := tt.tally.Add(answer)
			surveyRequireError(t, err, tt.want, field, -1, in)
			if tt.tally != nil && *tt.tally != before {
				t.Errorf("tally changed on error")
			}
		})
	}
}

func TestAnswerTallyAddAllErrors(t *testing.T) {
	in := struct {
		t       *crm.AnswerTally
		Scale   crm.SurveyScale
		answers []int
	}{}
	for _, tt := range answerTallyErrCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			field, index := tt.field, -1
			if field == "" {
				field, index = "answers", 0
			}
			var before crm.AnswerTally
			if tt.tally != nil {
				before = *tt.tally
			}
			err := tt.tally.AddAll([]int{3, 3})
			surveyRequireError(t, err, tt.want, field, index, in)
			if tt.tally != nil && *tt.tally != before {
				t.Errorf("tally changed on error")
			}
		})
	}
	for _, answers := range [][]int{{0}, {5, 4, 6}, {1, 1, 1, math.MinInt}, {3, 1 << (bits.UintSize - 24)}} {
		t.Run(fmt.Sprint(answers), func(t *testing.T) {
			tally := answerTallyOf(t, one5, 2)
			err := tally.AddAll(answers)
			surveyRequireError(t, err, metrics.ErrOutOfRange, "answers", len(answers)-1, in)
			if tally != answerTallyOf(t, one5, 2) {
				t.Errorf("tally changed on error: %v", tally.Counts())
			}
		})
	}
}

func TestAnswerTallyMerge(t *testing.T) {
	a := answerTallyOf(t, one5, 5, 4, 1)
	b := answerTallyOf(t, one5, 2, 2)
	emptyOne5 := crm.AnswerTally{Scale: one5}
	tests := []struct {
		name  string
		t     crm.AnswerTally
		other *crm.AnswerTally
		want  crm.AnswerTally
	}{
		{"nil other", a, nil, a},
		{"zero other", a, &crm.AnswerTally{}, a},
		{"empty other on the scale", a, &emptyOne5, a},
		{"into a zero tally", crm.AnswerTally{}, &a, a},
		{"empty into a zero tally", crm.AnswerTally{}, &emptyOne5, emptyOne5},
		{"into an empty tally on the scale", emptyOne5, &a, a},
		{"both", a, &b, answerTallyOf(t, one5, 5, 4, 1, 2, 2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.t.Merge(tt.other); err != nil {
				t.Fatal(err)
			}
			if tt.t != tt.want {
				t.Errorf("merged %v %v, want %v %v", tt.t.Scale, tt.t.Counts(), tt.want.Scale, tt.want.Counts())
			}
		})
	}
	self := answerTallyOf(t, one7, 7, 1)
	if err := self.Merge(&self); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{2, 0, 0, 0, 0, 0, 2}, self.Counts()); diff != "" {
		t.Errorf("t.Merge(t) (-want +got):\n%s", diff)
	}
}

func TestAnswerTallyMergeErrors(t *testing.T) {
	in := struct {
		t     *crm.AnswerTally
		Scale crm.SurveyScale
		other *crm.AnswerTally
	}{}
	a := answerTallyOf(t, one5, 5)
	changed := answerTallyOf(t, one5, 3)
	changed.Scale = one7
	wide := crm.AnswerTally{Scale: crm.SurveyScale{Min: 0, Max: 200}}
	half := answerTallyFrom(t, one5, math.MaxInt/2+1, 0, 0, 0, 0)
	tests := []struct {
		name  string
		tally *crm.AnswerTally
		other *crm.AnswerTally
		want  error
		field string
	}{
		{"other scale", &a, &crm.AnswerTally{Scale: one7}, metrics.ErrMismatch, "other"},
		{"empty tally of another scale", &crm.AnswerTally{Scale: one7}, &a, metrics.ErrMismatch, "other"},
		{"other's Scale changed", &crm.AnswerTally{Scale: one7}, &changed, metrics.ErrMismatch, "other"},
		{"other's Scale changed, into zero", &crm.AnswerTally{}, &changed, metrics.ErrMismatch, "other"},
		{"t's Scale changed", &changed, &crm.AnswerTally{Scale: one7}, metrics.ErrMismatch, "Scale"},
		{"other's Scale too wide, into zero", &crm.AnswerTally{}, &wide, metrics.ErrOutOfRange, "other"},
		{"both too wide", &crm.AnswerTally{Scale: wide.Scale}, &wide, metrics.ErrOutOfRange, "other"},
		{"past math.MaxInt", &half, &half, metrics.ErrOutOfRange, "other"},
		{"nil", nil, &a, metrics.ErrInvalid, "t"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before crm.AnswerTally
			if tt.tally != nil {
				before = *tt.tally
			}
			err := tt.tally.Merge(tt.other)
			surveyRequireError(t, err, tt.want, tt.field, -1, in)
			if tt.tally != nil && *tt.tally != before {
				t.Errorf("tally changed on error")
			}
		})
	}
}

// Counts is nil when the Scale is not a tally's; a nil tally reads as empty.
func TestAnswerTallyCounts(t *testing.T) {
	changed := answerTallyOf(t, one5, 3)
	changed.Scale = one7
	tests := []struct {
		name  string
		tally *crm.AnswerTally
		want  []int
		total int
	}{
		{"nil", nil, nil, 0},
		{"zero", &crm.AnswerTally{}, nil, 0},
		{"too wide", &crm.AnswerTally{Scale: crm.SurveyScale{Min: 0, Max: 101}}, nil, 0},
		{"changed", &changed, nil, 1},
		{"empty", &crm.AnswerTally{Scale: one5}, []int{0, 0, 0, 0, 0}, 0},
		{"0..100", &crm.AnswerTally{Scale: crm.SurveyScale{Min: 0, Max: 100}}, make([]int, 101), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff([2]any{tt.want, tt.total}, [2]any{tt.tally.Counts(), tt.tally.Total()}); diff != "" {
				t.Errorf("Counts and Total (-want +got):\n%s", diff)
			}
		})
	}
	// A fresh slice: changing it does not change the tally.
	tally := answerTallyOf(t, one5, 5)
	tally.Counts()[4] = 100
	if diff := cmp.Diff([]int{0, 0, 0, 0, 1}, tally.Counts()); diff != "" {
		t.Errorf("Counts after changing a returned slice (-want +got):\n%s", diff)
	}
}

func TestAnswerTallyCSAT(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.AnswerTally
		from  int
		want  metrics.Percent
	}{
		{"top two boxes", answerTallyFrom(t, one5, 5, 10, 25, 40, 20), 0, metrics.PercentInt(60)},
		{"top box", answerTallyFrom(t, one5, 5, 10, 25, 40, 20), 5, metrics.PercentInt(20)},
		{"two-point scale", answerTallyFrom(t, crm.SurveyScale{Min: 0, Max: 1}, 3, 1), 1, metrics.PercentInt(25)},
		{"repeating", answerTallyOf(t, crm.SurveyScale{Min: 1, Max: 3}, 1, 2, 3), 0, metrics.MustParsePercent("66.6666666667")},
		{"math.MaxInt answers", answerTallyFrom(t, one5, math.MaxInt-1, 0, 0, 0, 1), 5, metrics.NewPercent(testkit.Round(big.NewRat(100, math.MaxInt)))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.tally.CSAT(tt.from)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want.String(), got.String()); diff != "" {
				t.Errorf("CSAT(%d) (-want +got):\n%s", tt.from, diff)
			}
		})
	}
}

// answerReadErrCases are the cases where both readers fail.
func answerReadErrCases(t *testing.T) []struct {
	name  string
	tally *crm.AnswerTally
	want  error
	field string
	index int
} {
	changed := answerTallyOf(t, one5, 3)
	changed.Scale = one7
	return []struct {
		name  string
		tally *crm.AnswerTally
		want  error
		field string
		index int
	}{
		{"nil", nil, metrics.ErrInvalid, "Scale", -1},
		{"zero", &crm.AnswerTally{}, metrics.ErrInvalid, "Scale", -1},
		{"too wide", &crm.AnswerTally{Scale: crm.SurveyScale{Min: 0, Max: 101}}, metrics.ErrOutOfRange, "Scale", -1},
		{"changed", &changed, metrics.ErrMismatch, "Scale", -1},
		{"no answers", &crm.AnswerTally{Scale: one5}, metrics.ErrUndefined, "Counts", 0},
	}
}

func TestAnswerTallyCSATErrors(t *testing.T) {
	in := struct {
		Scale         crm.SurveyScale
		Counts        []int
		satisfiedFrom int
	}{}
	for _, tt := range answerReadErrCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.tally.CSAT(4)
			surveyRequireError(t, err, tt.want, tt.field, tt.index, in)
			if !got.IsZero() {
				t.Errorf("got %v with an error", got)
			}
		})
	}
	tally := answerTallyOf(t, crm.SurveyScale{Min: 1, Max: 2}, 2)
	for _, tt := range []struct {
		from int
		want error
	}{{0, metrics.ErrInvalid}, {1, metrics.ErrOutOfRange}, {3, metrics.ErrOutOfRange}, {math.MinInt, metrics.ErrOutOfRange}} {
		_, err := tally.CSAT(tt.from)
		surveyRequireError(t, err, tt.want, "satisfiedFrom", -1, in)
	}
}

func TestAnswerTallyCES(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.AnswerTally
		want  decimal.Decimal
	}{
		{"1..7 survey of 100", answerTallyFrom(t, one7, 2, 3, 5, 10, 20, 40, 20), decimal.RequireFromString("5.43")},
		{"negative", answerTallyOf(t, crm.SurveyScale{Min: -3, Max: 3}, -3, -2, -3), decimal.RequireFromString("-2.6666666667")},
		{"math.MaxInt answers", answerTallyFrom(t, one7, 0, 0, 0, 0, 0, 0, math.MaxInt), decimal.NewFromInt(7)},
		{"top of int", answerTallyOf(t, crm.SurveyScale{Min: math.MaxInt - 1, Max: math.MaxInt}, math.MaxInt, math.MaxInt-1),
			decimal.RequireFromString(strconv.Itoa(math.MaxInt - 1)).Add(decimal.RequireFromString("0.5"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.tally.CES()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CES (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAnswerTallyCESErrors(t *testing.T) {
	in := struct {
		Scale  crm.SurveyScale
		Counts []int
	}{}
	for _, tt := range answerReadErrCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.tally.CES()
			surveyRequireError(t, err, tt.want, tt.field, tt.index, in)
			if diff := cmp.Diff(decimal.Decimal{}, got); diff != "" {
				t.Errorf("result with an error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAnswerTallyCodec(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.AnswerTally
		bin   string
		json  string
	}{
		{"zero", crm.AnswerTally{}, "41000000", `{"scale":{"min":0,"max":0}}`},
		{"empty with a scale", crm.AnswerTally{Scale: one5}, "41020a00", `{"scale":{"min":1,"max":5}}`},
		{"answers", answerTallyOf(t, crm.SurveyScale{Min: -1, Max: 1}, -1, 1, 1), "41010203010002", `{"scale":{"min":-1,"max":1},"counts":[1,0,2]}`},
		{"math.MaxInt", answerTallyFrom(t, crm.SurveyScale{Min: 0, Max: 1}, 0, math.MaxInt), "4100020200" + maxIntVarint,
			`{"scale":{"min":0,"max":1},"counts":[0,` + strconv.Itoa(math.MaxInt) + `]}`},
		{"invalid scale, no answers", crm.AnswerTally{Scale: crm.SurveyScale{Min: 3, Max: -3}}, "41060500", `{"scale":{"min":3,"max":-3}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.tally.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			j, err := json.Marshal(&tt.tally)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([2]string{tt.bin, tt.json}, [2]string{fmt.Sprintf("%x", b), string(j)}); diff != "" {
				t.Errorf("binary and JSON forms (-want +got):\n%s", diff)
			}
			fromBin, fromJSON := answerTallyOf(t, one7, 7), answerTallyOf(t, one7, 7)
			if err := errors.Join(fromBin.UnmarshalBinary(b), fromJSON.UnmarshalJSON(j)); err != nil {
				t.Fatal(err)
			}
			if fromBin != tt.tally || fromJSON != tt.tally {
				t.Errorf("round trips give %v %v and %v %v", fromBin.Scale, fromBin.Counts(), fromJSON.Scale, fromJSON.Counts())
			}
		})
	}
	var nilTally *crm.AnswerTally
	b, err1 := nilTally.MarshalBinary()
	j, err2 := nilTally.MarshalJSON()
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([2]string{"41000000", `{"scale":{"min":0,"max":0}}`}, [2]string{fmt.Sprintf("%x", b), string(j)}); diff != "" {
		t.Errorf("nil tally's forms (-want +got):\n%s", diff)
	}
}

func TestAnswerTallyMarshalErrors(t *testing.T) {
	changed := answerTallyOf(t, one5, 3)
	changed.Scale = one7
	b, err := changed.MarshalBinary()
	surveyRequireError(t, err, metrics.ErrMismatch, "Scale", -1, crm.AnswerTally{})
	j, err2 := changed.MarshalJSON()
	surveyRequireError(t, err2, metrics.ErrMismatch, "Scale", -1, crm.AnswerTally{})
	if b != nil || j != nil {
		t.Errorf("forms %x and %s with an error", b, j)
	}
}

func TestAnswerTallyUnmarshalBinaryErrors(t *testing.T) {
	tests := []struct {
		name string
		data string // hex
	}{
		{"empty", ""},
		{"wrong format", "4e000000"},
		{"format only", "41"},
		{"no max", "4102"},
		{"no count length", "41020a"},
		{"missing counts", "41020a050101"},
		{"trailing byte", "41020a05000000000000"},
		{"count length above a tally", "41020a66"},
		{"count length above math.MaxInt", "41020affffffffffffffffff01"},
		{"counts without a scale", "4100000100"},
		{"counts on a reversed scale", "410a02050000000000"},
		{"counts on a scale too wide", "410000" + "01" + "00"},
		{"fewer counts than scores", "41020a0401010101"},
		{"more counts than scores", "41020a060101010101" + "01"},
		{"sum above math.MaxInt", "4100020201ffffffffffffffff7f"},
		{"count above math.MaxInt", "4100020200ffffffffffffffffff01"},
		{"scale varint overflow", "41ffffffffffffffffffff01020a00"},
		{"padded scale varint", "4182000a00"},
		{"padded count varint", "4100020201" + "8000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := make([]byte, len(tt.data)/2)
			for i := range data {
				v, _ := strconv.ParseUint(tt.data[2*i:2*i+2], 16, 8)
				data[i] = byte(v)
			}
			tally := answerTallyOf(t, one5, 4)
			err := tally.UnmarshalBinary(data)
			surveyRequireError(t, err, metrics.ErrInvalid, "data", -1, struct{ data string }{})
			if tally != answerTallyOf(t, one5, 4) {
				t.Errorf("tally changed on error")
			}
		})
	}
	err := (*crm.AnswerTally)(nil).UnmarshalBinary([]byte{0x41, 0, 0, 0})
	surveyRequireError(t, err, metrics.ErrInvalid, "t", -1, struct{ t *crm.AnswerTally }{})
}

func TestAnswerTallyUnmarshalJSONErrors(t *testing.T) {
	tests := []struct{ name, data string }{
		{"empty", ``},
		{"NPS form", `{"promoters":1}`},
		{"unknown key", `{"scale":{"min":1,"max":5},"total":3}`},
		{"unknown scale key", `{"scale":{"min":1,"max":5,"step":1}}`},
		{"counts without a scale", `{"counts":[1]}`},
		{"counts on a reversed scale", `{"scale":{"min":5,"max":1},"counts":[1,1,1,1,1]}`},
		{"too few counts", `{"scale":{"min":1,"max":5},"counts":[1,1,1,1]}`},
		{"too many counts", `{"scale":{"min":1,"max":2},"counts":[1,1,1]}`},
		{"more counts than a tally holds", `{"scale":{"min":1,"max":2},"counts":[` + strings.Repeat("0,", 101) + `0]}`},
		{"negative count", `{"scale":{"min":1,"max":2},"counts":[1,-1]}`},
		{"sum above math.MaxInt", `{"scale":{"min":1,"max":2},"counts":[1,9223372036854775807]}`},
		{"trailing value", `{"scale":{"min":1,"max":2}} 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := answerTallyOf(t, one5, 4)
			err := tally.UnmarshalJSON([]byte(tt.data))
			surveyRequireError(t, err, metrics.ErrInvalid, "data", -1, struct{ data string }{})
			if tally != answerTallyOf(t, one5, 4) {
				t.Errorf("tally changed on error")
			}
		})
	}
	err := (*crm.AnswerTally)(nil).UnmarshalJSON([]byte(`{}`))
	surveyRequireError(t, err, metrics.ErrInvalid, "t", -1, struct{ t *crm.AnswerTally }{})
}

// Split the answers into random shards, tally each, serialise (binary or
// JSON), deserialise and merge in random order into a zero tally: the same
// tally as one pass (same bytes, same CSAT and CES), and the CSAT and CES of
// the test's own counts, checked against big.Rat.
func TestAnswerTallyShards(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scale := surveyScaleGen(t)
		answers := rapid.SliceOfN(rapid.IntRange(scale.Min, scale.Max), 0, 300).Draw(t, "answers")
		one := crm.AnswerTally{Scale: scale}
		if err := one.AddAll(answers); err != nil {
			t.Fatal(err)
		}
		var merged crm.AnswerTally
		for _, s := range surveyShards(t, len(answers)) {
			shard := crm.AnswerTally{Scale: scale}
			if err := shard.AddAll(answers[s[0]:s[1]]); err != nil {
				t.Fatal(err)
			}
			var back crm.AnswerTally
			var b []byte
			var err error
			if rapid.Bool().Draw(t, "json") {
				if b, err = json.Marshal(&shard); err == nil {
					err = json.Unmarshal(b, &back)
				}
			} else if b, err = shard.MarshalBinary(); err == nil {
				err = back.UnmarshalBinary(b)
			}
			if err == nil {
				err = merged.Merge(&back)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		b1, err1 := one.MarshalBinary()
		b2, err2 := merged.MarshalBinary()
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(b1, b2); diff != "" {
			t.Fatalf("binary form of merged shards against one pass (-want +got):\n%s", diff)
		}
		counts := answerCountsOf(scale, answers)
		if diff := cmp.Diff(counts, merged.Counts()); diff != "" {
			t.Fatalf("counts (-want +got):\n%s", diff)
		}
		from := rapid.IntRange(scale.Min+1, scale.Max).Draw(t, "satisfiedFrom")
		csat, errCSAT := merged.CSAT(from)
		ces, errCES := merged.CES()
		threshold, ok := surveyThreshold(scale, from)
		if !ok {
			testkit.RequireSentinel(t, errCSAT, metrics.ErrInvalid)
			errCSAT = nil
		}
		if len(answers) == 0 {
			if ok {
				testkit.RequireSentinel(t, errCSAT, metrics.ErrUndefined)
			}
			testkit.RequireSentinel(t, errCES, metrics.ErrUndefined)
			return
		}
		satisfied := 0
		for _, a := range answers {
			if a >= threshold {
				satisfied++
			}
		}
		if err := errors.Join(errCSAT, errCES); err != nil {
			t.Fatal(err)
		}
		if ok {
			testkit.RequireRat(t, csat.Points(), big.NewRat(int64(satisfied)*100, int64(len(answers))))
		}
		testkit.RequireRat(t, ces, cesRat(scale, counts))
		viaInput, err := crm.CES(crm.CESInput{Scale: merged.Scale, Counts: merged.Counts()})
		if err != nil || !viaInput.Equal(ces) {
			t.Fatalf("CES of Counts %v, AnswerTally.CES %v (%v)", viaInput, ces, err)
		}
	})
}

func FuzzAnswerTallyUnmarshalBinary(f *testing.F) {
	for _, tally := range []crm.AnswerTally{{}, {Scale: one5}, answerTallyOf(f, one7, 1, 7, 7)} {
		b, _ := tally.MarshalBinary()
		f.Add(b)
	}
	f.Add([]byte{0x41, 0x02, 0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, data []byte) {
		var tally crm.AnswerTally
		if err := tally.UnmarshalBinary(data); err != nil {
			surveyRequireError(t, err, metrics.ErrInvalid, "data", -1, struct{ data string }{})
			if tally != (crm.AnswerTally{}) {
				t.Fatal("tally changed on error")
			}
			return
		}
		b, err := tally.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(data, b); diff != "" {
			t.Fatalf("re-encoding (-want +got):\n%s", diff)
		}
	})
}

func FuzzAnswerTallyUnmarshalJSON(f *testing.F) {
	f.Add(`{"scale":{"min":1,"max":5},"counts":[0,1,2,3,4]}`)
	f.Add(`{"scale":{"min":1,"max":5}}`)
	f.Add(`{"scale":{"min":1,"max":2},"counts":[1,-1]}`)
	f.Fuzz(func(t *testing.T, data string) {
		var tally crm.AnswerTally
		if err := tally.UnmarshalJSON([]byte(data)); err != nil {
			surveyRequireError(t, err, metrics.ErrInvalid, "data", -1, struct{ data string }{})
			return
		}
		b, err := tally.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back crm.AnswerTally
		if err := back.UnmarshalJSON(b); err != nil || back != tally {
			t.Fatalf("round trip of %s: %v", b, err)
		}
	})
}

// Any answers on any scale: AddAll agrees with Add one by one, on success
// and on error, both readers agree with the formulas over Counts, and the
// tally survives a binary round trip.
func FuzzAnswerTallyRoundTrip(f *testing.F) {
	f.Add(1, 5, []byte{5, 4, 3})
	f.Add(0, 0, []byte{0})
	f.Add(-3, 3, []byte{0xfd, 3, 4})
	f.Fuzz(func(t *testing.T, lo, hi int, data []byte) {
		scale := crm.SurveyScale{Min: lo, Max: hi}
		answers := surveyFuzzInts(lo, data)
		all, each := crm.AnswerTally{Scale: scale}, crm.AnswerTally{Scale: scale}
		errAll := all.AddAll(answers)
		var errEach error
		for _, a := range answers {
			if errEach = each.Add(a); errEach != nil {
				break
			}
		}
		if len(answers) > 0 && (errAll == nil) != (errEach == nil) {
			t.Fatalf("AddAll error %v, Add error %v", errAll, errEach)
		}
		if errAll != nil {
			testkit.RequireKpikitError(t, errAll)
			if all != (crm.AnswerTally{Scale: scale}) {
				t.Fatal("AddAll added on error")
			}
			return
		}
		if len(answers) > 0 && all != each {
			t.Fatalf("AddAll %v, Add %v", all.Counts(), each.Counts())
		}
		b, err := all.MarshalBinary()
		var back crm.AnswerTally
		if err == nil {
			err = back.UnmarshalBinary(b)
		}
		if err != nil || back != all {
			t.Fatalf("round trip: %v", err)
		}
		csat, err1 := all.CSAT(0)
		want, err2 := crm.CSAT(crm.CSATInput{Scale: all.Scale, Counts: all.Counts()})
		if (err1 == nil) != (err2 == nil) || !csat.Equal(want) {
			t.Fatalf("AnswerTally.CSAT %v (%v), CSAT %v (%v)", csat, err1, want, err2)
		}
	})
}

func TestAnswerTallyAllocs(t *testing.T) {
	answers := []int{5, 4, 4, 3, 1, 2, 5}
	tally := crm.AnswerTally{Scale: one5}
	if n := testing.AllocsPerRun(100, func() { _ = tally.AddAll(answers); _ = tally.Add(3) }); n != 0 {
		t.Errorf("AddAll and Add allocate %v times per call, documented as none", n)
	}
}

// maxIntVarint is the hex of math.MaxInt as an unsigned varint: 9 bytes where
// int has 64 bits, 5 where it has 32.
var maxIntVarint = hex.EncodeToString(binary.AppendUvarint(nil, math.MaxInt))
