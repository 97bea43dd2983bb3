package crm_test

import (
	"encoding/json"
	"math"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// Tests of AddCounts, the way back from Counts: counts made elsewhere (in
// another process) added to a tally.

// jsonRoundTrip encodes v with encoding/json and decodes it into a new T, as
// a shard's counts travel between processes.
func jsonRoundTrip[T any](t testkit.TB, v T) T {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode %+v: %v", v, err)
	}
	var out T
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return out
}

// bigSum returns the exact sum of xs, beyond int's range.
func bigSum(xs ...int) *big.Int {
	sum := new(big.Int)
	for _, x := range xs {
		sum.Add(sum, big.NewInt(int64(x)))
	}
	return sum
}

// ---- NPSTally ----

func TestNPSTallyAddCounts(t *testing.T) {
	a := npsTallyOf(t, 10, 9, 3)
	tests := []struct {
		name string
		into crm.NPSTally
		in   crm.NPSInput
		want crm.NPSInput
	}{
		{"into empty", crm.NPSTally{}, crm.NPSInput{Promoters: 3, Passives: 2, Detractors: 1},
			crm.NPSInput{Promoters: 3, Passives: 2, Detractors: 1}},
		{"onto answers", a, crm.NPSInput{Promoters: 1, Passives: 4, Detractors: 2},
			crm.NPSInput{Promoters: 3, Passives: 4, Detractors: 3}},
		{"zero input", a, crm.NPSInput{}, crm.NPSInput{Promoters: 2, Detractors: 1}},
		{"one category", crm.NPSTally{}, crm.NPSInput{Passives: 7}, crm.NPSInput{Passives: 7}},
		{"up to the limit", crm.NPSTally{}, crm.NPSInput{Promoters: math.MaxInt - 2, Passives: 1, Detractors: 1},
			crm.NPSInput{Promoters: math.MaxInt - 2, Passives: 1, Detractors: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.into
			if err := tally.AddCounts(tt.in); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, tally.Counts()); diff != "" {
				t.Errorf("AddCounts (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("equals Merge", func(t *testing.T) {
		b := npsTallyOf(t, 8, 6, 10, 10, 0)
		added, merged := a, a
		if err := added.AddCounts(b.Counts()); err != nil {
			t.Fatal(err)
		}
		if err := merged.Merge(&b); err != nil {
			t.Fatal(err)
		}
		if added != merged {
			t.Errorf("AddCounts %+v, Merge %+v", added.Counts(), merged.Counts())
		}
	})
}

func TestNPSTallyAddCountsErrors(t *testing.T) {
	const metric = "crm.NPSTally.AddCounts"
	full := tallyFull(t, npsTallyOf(t, 9))
	one := npsTallyOf(t, 0)
	tests := []struct {
		name  string
		into  crm.NPSTally
		in    crm.NPSInput
		want  error
		field string
	}{
		{"negative promoters", one, crm.NPSInput{Promoters: -1}, metrics.ErrNegative, "Promoters"},
		{"negative passives", one, crm.NPSInput{Promoters: 5, Passives: math.MinInt}, metrics.ErrNegative, "Passives"},
		{"negative detractors", one, crm.NPSInput{Detractors: -3}, metrics.ErrNegative, "Detractors"},
		{"negative before overflow", full, crm.NPSInput{Promoters: 1, Detractors: -1}, metrics.ErrNegative, "Detractors"},
		{"one past the limit", full, crm.NPSInput{Promoters: 1}, metrics.ErrOutOfRange, "Promoters"},
		{"past the limit in a later count", one, crm.NPSInput{Promoters: math.MaxInt - 1, Passives: 1},
			metrics.ErrOutOfRange, "Passives"},
		{"counts past math.MaxInt together", crm.NPSTally{}, crm.NPSInput{Passives: math.MaxInt, Detractors: math.MaxInt},
			metrics.ErrOutOfRange, "Detractors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.into
			err := tally.AddCounts(tt.in)
			tallyRequireError(t, err, tt.want, metric, tt.field, -1)
			if tally != tt.into {
				t.Errorf("tally changed on error")
			}
		})
	}
	var none *crm.NPSTally
	tallyRequireError(t, none.AddCounts(crm.NPSInput{Promoters: 1}), metrics.ErrInvalid, metric, "tally", -1)
}

func TestNPSTallyAddCountsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scores := rapid.SliceOfN(rapid.IntRange(0, 10), 0, 300).Draw(t, "scores")
		one := npsTallyOf(t, scores...)
		// Shards counted apart, their Counts sent as JSON and added in any
		// order, equal the one-pass tally.
		shards := tallySplit(t, len(scores))
		order := make([]int, len(shards))
		for i := range order {
			order[i] = i
		}
		var added crm.NPSTally
		for _, i := range rapid.Permutation(order).Draw(t, "order") {
			shard := npsTallyOf(t, scores[shards[i][0]:shards[i][1]]...)
			if err := added.AddCounts(jsonRoundTrip(t, shard.Counts())); err != nil {
				t.Fatal(err)
			}
		}
		if added != one {
			t.Fatalf("added shard counts %+v, one pass %+v", added.Counts(), one.Counts())
		}
		// AddCounts(u.Counts()) is Merge(&u), from any tally.
		u := npsTallyOf(t, rapid.SliceOfN(rapid.IntRange(0, 10), 0, 20).Draw(t, "u")...)
		viaCounts, viaMerge := one, one
		if err := viaCounts.AddCounts(u.Counts()); err != nil {
			t.Fatal(err)
		}
		if err := viaMerge.Merge(&u); err != nil {
			t.Fatal(err)
		}
		if viaCounts != viaMerge {
			t.Fatalf("AddCounts %+v, Merge %+v", viaCounts.Counts(), viaMerge.Counts())
		}
	})
}

func FuzzNPSTallyAddCounts(f *testing.F) {
	f.Add(2, 1, 0, []byte{9, 9})
	f.Add(-1, 0, 0, []byte{})
	f.Add(math.MaxInt, 1, 0, []byte{})
	f.Add(0, math.MinInt, math.MaxInt, []byte{3})
	f.Fuzz(func(t *testing.T, promoters, passives, detractors int, before []byte) {
		var tally crm.NPSTally
		_ = tally.AddScores(tallyFuzzInts(0, before)) // an error leaves it empty
		was := tally
		in := crm.NPSInput{Promoters: promoters, Passives: passives, Detractors: detractors}
		err := tally.AddCounts(in)
		// The oracle: every count non-negative, and the total within
		// math.MaxInt, in exact integers.
		fits := promoters >= 0 && passives >= 0 && detractors >= 0 &&
			bigSum(was.Total(), promoters, passives, detractors).Cmp(bigSum(math.MaxInt)) <= 0
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if fits || tally != was {
				t.Fatalf("AddCounts(%+v) onto %d answers failed (%v), or the tally changed", in, was.Total(), err)
			}
			return
		}
		want := crm.NPSInput{Promoters: was.Counts().Promoters + promoters, Passives: was.Counts().Passives + passives,
			Detractors: was.Counts().Detractors + detractors}
		if !fits || tally.Counts() != want {
			t.Fatalf("AddCounts(%+v) onto %+v: %+v, want %+v (fits %v)", in, was.Counts(), tally.Counts(), want, fits)
		}
	})
}

// ---- CSATTally and CESTally ----

// scaleTallyAdder is a scale tally type with its AddCounts, which takes a
// CSATInput or a CESInput.
type scaleTallyAdder[T any] struct {
	scaleTallyCase[T]
	addCounts func(*T, crm.SurveyScale, []int) error
}

func csatTallyAdder() scaleTallyAdder[crm.CSATTally] {
	return scaleTallyAdder[crm.CSATTally]{csatTallyCase(), func(t *crm.CSATTally, s crm.SurveyScale, c []int) error {
		return t.AddCounts(crm.CSATInput{Scale: s, Counts: c})
	}}
}

func cesTallyAdder() scaleTallyAdder[crm.CESTally] {
	return scaleTallyAdder[crm.CESTally]{cesTallyCase(), func(t *crm.CESTally, s crm.SurveyScale, c []int) error {
		return t.AddCounts(crm.CESInput{Scale: s, Counts: c})
	}}
}

func testScaleTallyAddCounts[T comparable, P scaleTallyAPI[T]](t *testing.T, tc scaleTallyAdder[T]) {
	a := tallyOf[T, P](t, tallyOne5, 5, 5, 4, 1)
	empty := *new(T)
	tests := []struct {
		name      string
		into      T
		scale     crm.SurveyScale
		counts    []int
		want      []int
		wantScale crm.SurveyScale
	}{
		{"into empty", empty, tallyOne5, []int{1, 0, 2, 0, 3}, []int{1, 0, 2, 0, 3}, tallyOne5},
		{"onto answers", a, tallyOne5, []int{0, 1, 1, 1, 0}, []int{1, 1, 1, 2, 2}, tallyOne5},
		{"no counts, no scale", a, crm.SurveyScale{}, nil, []int{1, 0, 0, 1, 2}, tallyOne5},
		{"no counts into empty", empty, tallyOne7, []int{}, nil, crm.SurveyScale{}},
		{"zero counts do not fix the scale", empty, tallyOne7, make([]int, 7), nil, crm.SurveyScale{}},
		{"zero counts onto answers", a, tallyOne5, make([]int, 5), []int{1, 0, 0, 1, 2}, tallyOne5},
		{"widest scale", empty, tallyWide, append(make([]int, 100), 4), append(make([]int, 100), 4), tallyWide},
		{"up to the limit", empty, tallyOne5, []int{math.MaxInt - 1, 0, 0, 0, 1}, []int{math.MaxInt - 1, 0, 0, 0, 1}, tallyOne5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.into
			if err := tc.addCounts(&tally, tt.scale, tt.counts); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, tc.counts(&tally)); diff != "" {
				t.Errorf("AddCounts counts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantScale, P(&tally).Scale()); diff != "" {
				t.Errorf("AddCounts scale (-want +got):\n%s", diff)
			}
		})
	}
}

func testScaleTallyAddCountsErrors[T comparable, P scaleTallyAPI[T]](t *testing.T, tc scaleTallyAdder[T]) {
	metric := "crm." + tc.name + ".AddCounts"
	var one T
	if err := P(&one).Add(tallyOne5, 3); err != nil {
		t.Fatal(err)
	}
	full := tallyFull[T, P](t, one)
	tests := []struct {
		name   string
		into   T
		scale  crm.SurveyScale
		counts []int
		want   error
		field  string
		index  int
	}{
		{"zero scale", *new(T), crm.SurveyScale{}, []int{1}, metrics.ErrInvalid, "Scale", -1},
		{"scale too wide", *new(T), crm.SurveyScale{Min: 0, Max: 101}, make([]int, 102), metrics.ErrOutOfRange, "Scale", -1},
		{"another scale", one, tallyOne7, make([]int, 7), metrics.ErrMismatch, "Scale", -1},
		{"too few counts", one, tallyOne5, []int{1, 2, 3, 4}, metrics.ErrInconsistent, "Counts", -1},
		{"too many counts", *new(T), tallyOne5, make([]int, 6), metrics.ErrInconsistent, "Counts", -1},
		{"negative count", one, tallyOne5, []int{1, 2, -1, 4, 5}, metrics.ErrNegative, "Counts", 2},
		{"math.MinInt", one, tallyOne5, []int{0, 0, 0, 0, math.MinInt}, metrics.ErrNegative, "Counts", 4},
		{"one past the limit", full, tallyOne5, []int{0, 1, 0, 0, 0}, metrics.ErrOutOfRange, "Counts", 1},
		{"counts past math.MaxInt together", *new(T), tallyOne5, []int{math.MaxInt, 0, 0, 1, 0}, metrics.ErrOutOfRange, "Counts", 3},
		{"negative after the limit", full, tallyOne5, []int{1, -1, 0, 0, 0}, metrics.ErrOutOfRange, "Counts", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.into
			err := tc.addCounts(&tally, tt.scale, tt.counts)
			tallyRequireError(t, err, tt.want, metric, tt.field, tt.index)
			if tally != tt.into {
				t.Errorf("tally changed on error")
			}
		})
	}
	var none P
	tallyRequireError(t, tc.addCounts(none, tallyOne5, []int{1, 0, 0, 0, 0}), metrics.ErrInvalid, metric, "tally", -1)
}

// testScaleTallyAddCountsProperties checks that shards' Counts, sent as JSON
// and added in any order, equal the one-pass tally, and that
// AddCounts(u.Counts()) is Merge(&u).
func testScaleTallyAddCountsProperties[T comparable, P scaleTallyAPI[T], In any](t *testing.T, tc scaleTallyAdder[T],
	counts func(*T) In, add func(*T, In) error) {
	rapid.Check(t, func(t *rapid.T) {
		scale := tallyScaleGen(t)
		answer := rapid.IntRange(scale.Min, scale.Max)
		answers := rapid.SliceOfN(answer, 0, 300).Draw(t, "answers")
		one := tallyOf[T, P](t, scale, answers...)
		shards := tallySplit(t, len(answers))
		order := make([]int, len(shards))
		for i := range order {
			order[i] = i
		}
		var added T
		for _, i := range rapid.Permutation(order).Draw(t, "order") {
			shard := tallyOf[T, P](t, scale, answers[shards[i][0]:shards[i][1]]...)
			if err := add(&added, jsonRoundTrip(t, counts(&shard))); err != nil {
				t.Fatal(err)
			}
		}
		if added != one {
			t.Fatalf("added shard counts %s, one pass %s", tc.input(&added), tc.input(&one))
		}
		u := tallyOf[T, P](t, scale, rapid.SliceOfN(answer, 0, 20).Draw(t, "u")...)
		viaCounts, viaMerge := one, one
		if err := add(&viaCounts, counts(&u)); err != nil {
			t.Fatal(err)
		}
		if err := P(&viaMerge).Merge(&u); err != nil {
			t.Fatal(err)
		}
		if viaCounts != viaMerge {
			t.Fatalf("AddCounts %s, Merge %s", tc.input(&viaCounts), tc.input(&viaMerge))
		}
	})
}

// fuzzScaleTallyAddCounts adds fuzzed counts on a fuzzed scale to a tally of
// some answers on 1..5: no panic, an error leaves the tally unchanged, and a
// success adds the counts.
func fuzzScaleTallyAddCounts[T comparable, P scaleTallyAPI[T]](t *testing.T, tc scaleTallyAdder[T],
	lo, span int8, data []byte) {
	var tally T
	_ = P(&tally).AddAnswers(tallyOne5, tallyFuzzInts(1, data[:len(data)/2])) // an error leaves it empty
	was := tally
	scale := crm.SurveyScale{Min: int(lo), Max: int(lo) + int(span)}
	counts := tallyFuzzInts(0, data[len(data)/2:])
	err := tc.addCounts(&tally, scale, counts)
	if err != nil {
		testkit.RequireKpikitError(t, err)
		if tally != was {
			t.Fatalf("tally changed on error %v", err)
		}
		return
	}
	n := 0
	for _, c := range counts {
		if c < 0 {
			t.Fatalf("AddCounts accepted the negative count %d", c)
		}
		n += c
	}
	if P(&tally).Total() != P(&was).Total()+n {
		t.Fatalf("Total %d after adding %d counts onto %d", P(&tally).Total(), n, P(&was).Total())
	}
	if n > 0 {
		want := tc.counts(&was)
		if want == nil {
			want = make([]int, len(counts))
		}
		for i, c := range counts {
			want[i] += c
		}
		if diff := cmp.Diff(want, tc.counts(&tally)); diff != "" || P(&tally).Scale() != scale {
			t.Fatalf("counts on %v (-want +got):\n%s", P(&tally).Scale(), diff)
		}
	}
}

func fuzzScaleTallyAddCountsSeeds(f *testing.F) {
	f.Add(int8(1), int8(4), []byte{3, 4, 1, 2, 3, 4, 5})
	f.Add(int8(1), int8(4), []byte{1, 2, 250, 4, 5, 6})
	f.Add(int8(0), int8(0), []byte{})
	f.Add(int8(-5), int8(100), []byte{7})
}

func TestCSATTallyAddCounts(t *testing.T) { testScaleTallyAddCounts(t, csatTallyAdder()) }

func TestCSATTallyAddCountsErrors(t *testing.T) { testScaleTallyAddCountsErrors(t, csatTallyAdder()) }

func TestCSATTallyAddCountsProperties(t *testing.T) {
	testScaleTallyAddCountsProperties(t, csatTallyAdder(), (*crm.CSATTally).Counts, (*crm.CSATTally).AddCounts)
}

func TestCSATTallyAddCountsIgnoresThreshold(t *testing.T) {
	// SatisfiedFrom belongs to reading CSAT, not to the counts: any value,
	// even one CSAT refuses, adds the same.
	var tally crm.CSATTally
	if err := tally.AddCounts(crm.CSATInput{Scale: tallyOne5, SatisfiedFrom: 99, Counts: []int{1, 0, 0, 1, 2}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(crm.CSATInput{Scale: tallyOne5, Counts: []int{1, 0, 0, 1, 2}}, tally.Counts()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func FuzzCSATTallyAddCounts(f *testing.F) {
	fuzzScaleTallyAddCountsSeeds(f)
	f.Fuzz(func(t *testing.T, lo, span int8, data []byte) {
		fuzzScaleTallyAddCounts(t, csatTallyAdder(), lo, span, data)
	})
}

func TestCESTallyAddCounts(t *testing.T) { testScaleTallyAddCounts(t, cesTallyAdder()) }

func TestCESTallyAddCountsErrors(t *testing.T) { testScaleTallyAddCountsErrors(t, cesTallyAdder()) }

func TestCESTallyAddCountsProperties(t *testing.T) {
	testScaleTallyAddCountsProperties(t, cesTallyAdder(), (*crm.CESTally).Counts, (*crm.CESTally).AddCounts)
}

func FuzzCESTallyAddCounts(f *testing.F) {
	fuzzScaleTallyAddCountsSeeds(f)
	f.Fuzz(func(t *testing.T, lo, span int8, data []byte) {
		fuzzScaleTallyAddCounts(t, cesTallyAdder(), lo, span, data)
	})
}
