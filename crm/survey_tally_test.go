package crm_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// ---- shared test equipment ----

var (
	tallyOne5 = crm.SurveyScale{Min: 1, Max: 5}
	tallyOne7 = crm.SurveyScale{Min: 1, Max: 7}
	tallyWide = crm.SurveyScale{Min: 0, Max: 100} // the widest scale a tally holds
)

// tallyRequireError checks a tally's error: its sentinel, its metric, its
// field and its slice index (−1 when the error is not about one element).
func tallyRequireError(t testkit.TB, err, want error, metric, field string, index int) {
	t.Helper()
	testkit.RequireSentinel(t, err, want)
	var e *metrics.Error
	errors.As(err, &e)
	if e.Metric != metric || e.Field != field || e.Index != index {
		t.Fatalf("error %q: got metric %q field %q index %d, want %q %q %d", err, e.Metric, e.Field, e.Index, metric, field, index)
	}
}

// tallyMerger is what the overflow helper needs of a tally type.
type tallyMerger[T any] interface {
	*T
	Merge(*T) error
	Total() int
}

// tallyTimes returns n times the tally one (of one answer, say), built by
// doubling and adding, so that tests reach math.MaxInt answers without adding
// that many.
func tallyTimes[T any, P tallyMerger[T]](t testkit.TB, one T, n int) T {
	t.Helper()
	var sum T
	for n > 0 {
		if n&1 == 1 {
			if err := P(&sum).Merge(&one); err != nil {
				t.Fatalf("add: %v", err)
			}
		}
		n >>= 1
		if n > 0 {
			if err := P(&one).Merge(&one); err != nil {
				t.Fatalf("double: %v", err)
			}
		}
	}
	return sum
}

// tallyFull returns math.MaxInt times the one-answer tally one: a tally at
// the limit.
func tallyFull[T any, P tallyMerger[T]](t testkit.TB, one T) T {
	t.Helper()
	full := tallyTimes[T, P](t, one, math.MaxInt)
	if got := P(&full).Total(); got != math.MaxInt {
		t.Fatalf("full tally holds %d answers, want %d", got, math.MaxInt)
	}
	return full
}

// tallyHalf is 2^(UintSize−2), about half of math.MaxInt.
const tallyHalf = 1 << (bits.UintSize - 2)

func npsTallyOf(t testkit.TB, scores ...int) crm.NPSTally {
	t.Helper()
	var tally crm.NPSTally
	if err := tally.AddScores(scores); err != nil {
		t.Fatalf("AddScores(%v): %v", scores, err)
	}
	return tally
}

func csatTallyOf(t testkit.TB, scale crm.SurveyScale, answers ...int) crm.CSATTally {
	t.Helper()
	var tally crm.CSATTally
	if err := tally.AddAnswers(scale, answers); err != nil {
		t.Fatalf("AddAnswers(%v, %v): %v", scale, answers, err)
	}
	return tally
}

func cesTallyOf(t testkit.TB, scale crm.SurveyScale, answers ...int) crm.CESTally {
	t.Helper()
	var tally crm.CESTally
	if err := tally.AddAnswers(scale, answers); err != nil {
		t.Fatalf("AddAnswers(%v, %v): %v", scale, answers, err)
	}
	return tally
}

// tallyRepeat returns n copies of score.
func tallyRepeat(score, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = score
	}
	return s
}

// tallyCounts counts answers per score of scale, independently of the
// library: the expected Counts of a tally.
func tallyCounts(scale crm.SurveyScale, answers []int) []int {
	if len(answers) == 0 {
		return nil
	}
	counts := make([]int, scale.Max-scale.Min+1)
	for _, a := range answers {
		counts[a-scale.Min]++
	}
	return counts
}

var tallyUlp = decimal.New(1, -metrics.Scale)

// tallyNotBelow reports whether a ≥ b up to one unit at metrics.Scale (see
// metrics.Scale on ordering exact and rounded quotients).
func tallyNotBelow(a, b decimal.Decimal) bool { return a.Cmp(b.Sub(tallyUlp)) >= 0 }

// tallySplit draws cut points that split n items into 1 to 5 shards.
func tallySplit(t *rapid.T, n int) [][2]int {
	k := rapid.IntRange(1, 5).Draw(t, "shards")
	cuts := []int{0}
	for range k - 1 {
		cuts = append(cuts, rapid.IntRange(0, n).Draw(t, "cut"))
	}
	cuts = append(cuts, n)
	for i := 1; i < len(cuts); i++ { // insertion sort: a handful of cuts
		for j := i; j > 0 && cuts[j] < cuts[j-1]; j-- {
			cuts[j], cuts[j-1] = cuts[j-1], cuts[j]
		}
	}
	shards := make([][2]int, k)
	for i := range shards {
		shards[i] = [2]int{cuts[i], cuts[i+1]}
	}
	return shards
}

// tallyWrap is 2³² + 10 on 64-bit platforms: off the scale, but 10 if a
// conversion dropped its high bits. On 32-bit ones it is math.MaxInt.
var tallyWrap = func() int {
	if bits.UintSize == 64 {
		wide := uint64(1)<<32 + 10
		return int(wide)
	}
	return math.MaxInt
}()

// tallyFuzzInts maps fuzz bytes to answers around base: mostly base−2 ..
// base+13, sometimes an extreme int that wraps when converted to uint.
func tallyFuzzInts(base int, data []byte) []int {
	extremes := [...]int{math.MinInt, math.MaxInt, math.MinInt + 1, tallyWrap, -tallyWrap, 11}
	out := make([]int, len(data))
	for i, b := range data {
		if b >= 250 {
			out[i] = extremes[b-250]
			continue
		}
		out[i] = base + int(b%16) - 2
	}
	return out
}

// ---- NPSTally ----

func TestNPSTallyAdd(t *testing.T) {
	tests := []struct {
		name   string
		scores []int
		want   crm.NPSInput
	}{
		{"none", nil, crm.NPSInput{}},
		{"every score", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, crm.NPSInput{Promoters: 2, Passives: 2, Detractors: 7}},
		{"category edges", []int{6, 7, 8, 9}, crm.NPSInput{Promoters: 1, Passives: 2, Detractors: 1}},
		{"repeated promoter", []int{10, 10, 10}, crm.NPSInput{Promoters: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tally crm.NPSTally
			for _, s := range tt.scores {
				if err := tally.Add(s); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(tt.want, tally.Counts()); diff != "" {
				t.Errorf("Add(%v) (-want +got):\n%s", tt.scores, diff)
			}
			if diff := cmp.Diff(len(tt.scores), tally.Total()); diff != "" {
				t.Errorf("Total (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNPSTallyAddErrors(t *testing.T) {
	full := tallyFull(t, npsTallyOf(t, 3))
	tests := []struct {
		name   string
		before crm.NPSTally
		score  int
		want   error
	}{
		{"below the scale", crm.NPSTally{}, -1, metrics.ErrOutOfRange},
		{"above the scale", npsTallyOf(t, 9, 7), 11, metrics.ErrOutOfRange},
		{"MinInt", crm.NPSTally{}, math.MinInt, metrics.ErrOutOfRange},
		{"MaxInt", crm.NPSTally{}, math.MaxInt, metrics.ErrOutOfRange},
		{"full tally", full, 10, metrics.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.before
			err := tally.Add(tt.score)
			tallyRequireError(t, err, tt.want, "crm.NPSTally.Add", "score", -1)
			if tally != tt.before {
				t.Errorf("tally changed on error: %+v, was %+v", tally.Counts(), tt.before.Counts())
			}
		})
	}
}

func TestNPSTallyAddScores(t *testing.T) {
	// Long slices cross the counting chunks of 2¹⁶ scores.
	long := make([]int, 200_001)
	for i := range long {
		long[i] = (i * 7) % 11
	}
	longWant, err := crm.CountNPSScores(long)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		before crm.NPSTally
		scores []int
		want   crm.NPSInput
	}{
		{"nil", crm.NPSTally{}, nil, crm.NPSInput{}},
		{"empty onto answers", npsTallyOf(t, 9), []int{}, crm.NPSInput{Promoters: 1}},
		{"one", crm.NPSTally{}, []int{8}, crm.NPSInput{Passives: 1}},
		{"odd length", crm.NPSTally{}, []int{10, 9, 9, 8, 7, 6, 10, 9, 2}, crm.NPSInput{Promoters: 5, Passives: 2, Detractors: 2}},
		{"onto answers", npsTallyOf(t, 0, 10), []int{10, 9, 9, 8, 7, 6, 10, 9, 2, 10}, crm.NPSInput{Promoters: 7, Passives: 2, Detractors: 3}},
		{"all detractors", crm.NPSTally{}, tallyRepeat(0, 1001), crm.NPSInput{Detractors: 1001}},
		{"across chunks", crm.NPSTally{}, long, longWant},
		{"three full chunks", crm.NPSTally{}, tallyRepeat(10, 3<<16), crm.NPSInput{Promoters: 3 << 16}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.before
			if err := tally.AddScores(tt.scores); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, tally.Counts()); diff != "" {
				t.Errorf("AddScores (-want +got):\n%s", diff)
			}
		})
	}
	if longWant.Promoters+longWant.Passives+longWant.Detractors != len(long) || longWant.Promoters == 0 || longWant.Detractors == 0 {
		t.Fatalf("CountNPSScores(long) = %+v: the long case does not mix categories", longWant)
	}
}

func TestNPSTallyAddScoresErrors(t *testing.T) {
	full := tallyFull(t, npsTallyOf(t, 5))
	// An off-scale score deep in the third chunk, at an odd position.
	long := tallyRepeat(9, 3<<16)
	long[2<<16+12345] = 11
	tests := []struct {
		name   string
		before crm.NPSTally
		scores []int
		want   error
		index  int
	}{
		{"first", crm.NPSTally{}, []int{-1, 5}, metrics.ErrOutOfRange, 0},
		{"second of a pair", npsTallyOf(t, 9), []int{9, 11, 3}, metrics.ErrOutOfRange, 1},
		{"last of an odd slice", crm.NPSTally{}, []int{9, 10, 8, 7, 12}, metrics.ErrOutOfRange, 4},
		{"first of several", crm.NPSTally{}, []int{9, 10, 8, 7, 6, 100, -5}, metrics.ErrOutOfRange, 5},
		{"MinInt", crm.NPSTally{}, []int{math.MinInt}, metrics.ErrOutOfRange, 0},
		{"wraps past 2³²", crm.NPSTally{}, []int{1, tallyWrap}, metrics.ErrOutOfRange, 1},
		{"third chunk", npsTallyOf(t, 0), long, metrics.ErrOutOfRange, 2<<16 + 12345},
		{"full tally", full, []int{10}, metrics.ErrOutOfRange, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.before
			err := tally.AddScores(tt.scores)
			tallyRequireError(t, err, tt.want, "crm.NPSTally.AddScores", "scores", tt.index)
			if tally != tt.before {
				t.Errorf("tally changed on error: %+v, was %+v", tally.Counts(), tt.before.Counts())
			}
		})
	}
}

func TestNPSTallyMerge(t *testing.T) {
	a := npsTallyOf(t, 10, 9, 3)
	b := npsTallyOf(t, 8, 6, 10, 10, 0)
	tests := []struct {
		name  string
		into  crm.NPSTally
		other *crm.NPSTally
		want  crm.NPSInput
	}{
		{"two tallies", a, &b, crm.NPSInput{Promoters: 4, Passives: 1, Detractors: 3}},
		{"into empty", crm.NPSTally{}, &b, crm.NPSInput{Promoters: 2, Passives: 1, Detractors: 2}},
		{"empty other", a, &crm.NPSTally{}, crm.NPSInput{Promoters: 2, Detractors: 1}},
		{"nil other", a, nil, crm.NPSInput{Promoters: 2, Detractors: 1}},
		{"both empty", crm.NPSTally{}, &crm.NPSTally{}, crm.NPSInput{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.into
			var before crm.NPSTally
			if tt.other != nil {
				before = *tt.other
			}
			if err := tally.Merge(tt.other); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, tally.Counts()); diff != "" {
				t.Errorf("Merge (-want +got):\n%s", diff)
			}
			if tt.other != nil && *tt.other != before {
				t.Errorf("Merge changed its argument")
			}
		})
	}
	t.Run("itself", func(t *testing.T) {
		tally := a
		if err := tally.Merge(&tally); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(crm.NPSInput{Promoters: 4, Detractors: 2}, tally.Counts()); diff != "" {
			t.Errorf("Merge(itself) (-want +got):\n%s", diff)
		}
	})
	t.Run("up to the limit", func(t *testing.T) {
		full := tallyFull(t, npsTallyOf(t, 7))
		var tally crm.NPSTally
		if err := tally.Merge(&full); err != nil {
			t.Fatal(err)
		}
		if err := tally.Merge(&crm.NPSTally{}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(crm.NPSInput{Passives: math.MaxInt}, tally.Counts()); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestNPSTallyMergeErrors(t *testing.T) {
	full := tallyFull(t, npsTallyOf(t, 9))
	one := npsTallyOf(t, 0)
	tests := []struct {
		name  string
		into  crm.NPSTally
		other crm.NPSTally
	}{
		{"one past the limit", full, one},
		{"onto one", one, full},
		{"full twice", full, full},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.into
			err := tally.Merge(&tt.other)
			tallyRequireError(t, err, metrics.ErrOutOfRange, "crm.NPSTally.Merge", "other", -1)
			if tally != tt.into {
				t.Errorf("tally changed on error")
			}
		})
	}
	t.Run("itself past the limit", func(t *testing.T) {
		tally := full
		err := tally.Merge(&tally)
		tallyRequireError(t, err, metrics.ErrOutOfRange, "crm.NPSTally.Merge", "other", -1)
		if tally != full {
			t.Errorf("tally changed on error")
		}
	})
}

func TestNPSTallyCounts(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.NPSTally
		want  crm.NPSInput
	}{
		{"zero value", crm.NPSTally{}, crm.NPSInput{}},
		{"seed 004", npsTallyOf(t, append(append(tallyRepeat(10, 200), tallyRepeat(7, 150)...), tallyRepeat(6, 150)...)...),
			crm.NPSInput{Promoters: 200, Passives: 150, Detractors: 150}},
		{"full", tallyFull(t, npsTallyOf(t, 2)), crm.NPSInput{Detractors: math.MaxInt}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.tally.Counts()); diff != "" {
				t.Errorf("Counts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNPSTallyTotal(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.NPSTally
		want  int
	}{
		{"zero value", crm.NPSTally{}, 0},
		{"three categories", npsTallyOf(t, 0, 7, 9, 10), 4},
		{"full", tallyFull(t, npsTallyOf(t, 8)), math.MaxInt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.tally.Total()); diff != "" {
				t.Errorf("Total (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNPSTallyNPS(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.NPSTally
		want  decimal.Decimal
	}{
		{"seed 004", npsTallyOf(t, append(append(tallyRepeat(9, 200), tallyRepeat(8, 150)...), tallyRepeat(0, 150)...)...), decimal.NewFromInt(10)},
		{"all promoters", npsTallyOf(t, 9, 10), decimal.NewFromInt(100)},
		{"all detractors", npsTallyOf(t, 0), decimal.NewFromInt(-100)},
		{"all passives", npsTallyOf(t, 7, 8), decimal.Zero},
		{"fraction", npsTallyOf(t, 10, 7, 7, 7, 7, 7, 7, 7), decimal.RequireFromString("12.5")},
		{"repeating", npsTallyOf(t, 9, 7, 7), decimal.RequireFromString("33.3333333333")},
		{"rounds half away from zero", npsTallyOf(t, 0, 0, 7), decimal.RequireFromString("-66.6666666667")},
		{"full", tallyFull(t, npsTallyOf(t, 0)), decimal.NewFromInt(-100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.tally.NPS()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NPS (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("full and mixed", func(t *testing.T) {
		// One promoter more than detractors among math.MaxInt answers.
		tally := tallyTimes(t, npsTallyOf(t, 10), tallyHalf)
		detractors := tallyTimes(t, npsTallyOf(t, 3), tallyHalf-1)
		if err := tally.Merge(&detractors); err != nil {
			t.Fatal(err)
		}
		got, err := tally.NPS()
		if err != nil {
			t.Fatal(err)
		}
		testkit.RequireRat(t, got, npsRat(tallyHalf, 0, tallyHalf-1))
	})
}

func TestNPSTallyNPSErrors(t *testing.T) {
	tests := []struct {
		name  string
		tally *crm.NPSTally
	}{
		{"zero value", &crm.NPSTally{}},
		{"after an empty batch", func() *crm.NPSTally { t := npsTallyOf(t); return &t }()},
		{"nil", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.tally.NPS()
			tallyRequireError(t, err, metrics.ErrEmpty, "crm.NPSTally.NPS", "answers", -1)
			if !got.Equal(decimal.Decimal{}) {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestNPSTallyNil(t *testing.T) {
	var tally *crm.NPSTally
	tallyRequireError(t, tally.Add(9), metrics.ErrInvalid, "crm.NPSTally.Add", "tally", -1)
	tallyRequireError(t, tally.AddScores([]int{9}), metrics.ErrInvalid, "crm.NPSTally.AddScores", "tally", -1)
	tallyRequireError(t, tally.Merge(&crm.NPSTally{}), metrics.ErrInvalid, "crm.NPSTally.Merge", "tally", -1)
	if diff := cmp.Diff(crm.NPSInput{}, tally.Counts()); diff != "" {
		t.Errorf("Counts (-want +got):\n%s", diff)
	}
	if tally.Total() != 0 {
		t.Errorf("Total = %d, want 0", tally.Total())
	}
}

func TestNPSTallyProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scores := rapid.SliceOfN(rapid.IntRange(0, 10), 0, 300).Draw(t, "scores")
		var one crm.NPSTally
		if err := one.AddScores(scores); err != nil {
			t.Fatal(err)
		}
		// The counts agree with CountNPSScores, the score with NPSFromScores,
		// NPS of the counts and the big.Rat oracle.
		counts, err := crm.CountNPSScores(scores)
		if err != nil {
			t.Fatal(err)
		}
		if one.Counts() != counts || one.Total() != len(scores) {
			t.Fatalf("tally %+v (total %d), CountNPSScores %+v of %d", one.Counts(), one.Total(), counts, len(scores))
		}
		got, err := one.NPS()
		if len(scores) == 0 {
			testkit.RequireSentinel(t, err, metrics.ErrEmpty)
		} else {
			if err != nil {
				t.Fatal(err)
			}
			fromScores, err := crm.NPSFromScores(scores)
			if err != nil || !fromScores.Equal(got) {
				t.Fatalf("tally NPS %v, NPSFromScores %v (%v)", got, fromScores, err)
			}
			fromCounts, err := crm.NPS(one.Counts())
			if err != nil || !fromCounts.Equal(got) {
				t.Fatalf("tally NPS %v, NPS of its counts %v (%v)", got, fromCounts, err)
			}
			testkit.RequireRat(t, got, npsRat(counts.Promoters, counts.Passives, counts.Detractors))
			if got.Cmp(decimal.NewFromInt(-100)) < 0 || got.Cmp(decimal.NewFromInt(100)) > 0 {
				t.Fatalf("NPS %v outside -100..100", got)
			}
			// One more promoter never lowers the score.
			more := one
			if err := more.Add(10); err != nil {
				t.Fatal(err)
			}
			if up, err := more.NPS(); err != nil || !tallyNotBelow(up, got) {
				t.Fatalf("NPS fell from %v to %v adding a promoter (%v)", got, up, err)
			}
		}

		// Merge = one pass: shards tallied apart, some answer by answer and
		// some in batches, merged in any order, equal the one-pass tally.
		shards := tallySplit(t, len(scores))
		tallies := make([]crm.NPSTally, len(shards))
		for i, sh := range shards {
			part := scores[sh[0]:sh[1]]
			if rapid.Bool().Draw(t, "one by one") {
				for _, s := range part {
					if err := tallies[i].Add(s); err != nil {
						t.Fatal(err)
					}
				}
			} else if err := tallies[i].AddScores(part); err != nil {
				t.Fatal(err)
			}
		}
		var merged crm.NPSTally
		order := make([]int, len(tallies))
		for i := range order {
			order[i] = i
		}
		for _, i := range rapid.Permutation(order).Draw(t, "merge order") {
			if err := merged.Merge(&tallies[i]); err != nil {
				t.Fatal(err)
			}
		}
		if merged != one {
			t.Fatalf("merged shards %+v, one pass %+v", merged.Counts(), one.Counts())
		}

		// Adding in any order gives the same tally.
		var shuffled crm.NPSTally
		for _, s := range rapid.Permutation(scores).Draw(t, "order") {
			if err := shuffled.Add(s); err != nil {
				t.Fatal(err)
			}
		}
		if shuffled != one {
			t.Fatalf("shuffled %+v, one pass %+v", shuffled.Counts(), one.Counts())
		}

		// Merge is commutative and associative.
		a := npsTallyOf(t, rapid.SliceOfN(rapid.IntRange(0, 10), 0, 20).Draw(t, "a")...)
		b := npsTallyOf(t, rapid.SliceOfN(rapid.IntRange(0, 10), 0, 20).Draw(t, "b")...)
		c := npsTallyOf(t, rapid.SliceOfN(rapid.IntRange(0, 10), 0, 20).Draw(t, "c")...)
		ab, ba := a, b
		if err := errors.Join(ab.Merge(&b), ba.Merge(&a)); err != nil {
			t.Fatal(err)
		}
		if ab != ba {
			t.Fatalf("a+b %+v, b+a %+v", ab.Counts(), ba.Counts())
		}
		abc, bc := ab, b
		a_bc := a
		if err := errors.Join(abc.Merge(&c), bc.Merge(&c), a_bc.Merge(&bc)); err != nil {
			t.Fatal(err)
		}
		if abc != a_bc {
			t.Fatalf("(a+b)+c %+v, a+(b+c) %+v", abc.Counts(), a_bc.Counts())
		}

		// No partial effect: an off-scale score anywhere in a batch adds
		// nothing, and the error names its index.
		at := rapid.IntRange(0, len(scores)).Draw(t, "bad at")
		bad := rapid.SampledFrom([]int{-1, 11, math.MinInt, math.MaxInt, tallyWrap - 1}).Draw(t, "bad")
		batch := append(append(append([]int(nil), scores[:at]...), bad), scores[at:]...)
		tally := one
		err = tally.AddScores(batch)
		tallyRequireError(t, err, metrics.ErrOutOfRange, "crm.NPSTally.AddScores", "scores", at)
		if tally != one {
			t.Fatalf("tally changed on error: %+v, was %+v", tally.Counts(), one.Counts())
		}
	})
}

func TestNPSTallyAllocs(t *testing.T) {
	scores := []int{10, 9, 9, 8, 7, 6, 10, 9, 2, 10}
	var tally, other crm.NPSTally
	allocs := testing.AllocsPerRun(100, func() {
		_ = tally.AddScores(scores)
		_ = tally.Add(9)
		_ = other.Merge(&tally)
		_ = tally.Counts()
	})
	if allocs != 0 {
		t.Errorf("adding and merging allocate %v times, documented as none", allocs)
	}
}

func FuzzNPSTallyAdd(f *testing.F) {
	f.Add(9, []byte{1, 8})
	f.Add(-1, []byte{})
	f.Add(11, []byte{250})
	f.Add(math.MinInt, []byte{0})
	f.Fuzz(func(t *testing.T, score int, before []byte) {
		var tally crm.NPSTally
		_ = tally.AddScores(tallyFuzzInts(0, before)) // an error leaves it empty
		was := tally
		err := tally.Add(score)
		category, catErr := crm.CategorizeNPSScore(score)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if catErr == nil || tally != was {
				t.Fatalf("Add(%d) failed (%v), CategorizeNPSScore did not, or the tally changed", score, err)
			}
			return
		}
		if catErr != nil || tally.Total() != was.Total()+1 {
			t.Fatalf("Add(%d) accepted an answer CategorizeNPSScore refused (%v), or miscounted", score, catErr)
		}
		want := was.Counts()
		switch category {
		case crm.Promoter:
			want.Promoters++
		case crm.Passive:
			want.Passives++
		case crm.Detractor:
			want.Detractors++
		}
		if tally.Counts() != want {
			t.Fatalf("Add(%d): counts %+v, want %+v", score, tally.Counts(), want)
		}
	})
}

func FuzzNPSTallyAddScores(f *testing.F) {
	f.Add([]byte{11, 10, 10, 9, 8, 7, 11, 10, 3, 11})
	f.Add([]byte{})
	f.Add([]byte{1, 2, 255, 3})
	f.Add([]byte{1, 2, 3, 13})
	f.Fuzz(func(t *testing.T, data []byte) {
		scores := tallyFuzzInts(0, data)
		tally := npsTallyOf(t, 10, 0)
		was := tally
		err := tally.AddScores(scores)
		counts, countErr := crm.CountNPSScores(scores)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			var e, ce *metrics.Error
			if !errors.As(err, &e) || !errors.As(countErr, &ce) || e.Index != ce.Index {
				t.Fatalf("AddScores error %v, CountNPSScores error %v", err, countErr)
			}
			if tally != was {
				t.Fatalf("tally changed on error")
			}
			return
		}
		if countErr != nil {
			t.Fatalf("AddScores accepted %v, CountNPSScores did not: %v", scores, countErr)
		}
		want := crm.NPSInput{Promoters: counts.Promoters + 1, Passives: counts.Passives, Detractors: counts.Detractors + 1}
		if tally.Counts() != want {
			t.Fatalf("counts %+v, want %+v", tally.Counts(), want)
		}
		nps, err := tally.NPS()
		if err != nil {
			t.Fatal(err)
		}
		if fromCounts, err := crm.NPS(want); err != nil || !fromCounts.Equal(nps) {
			t.Fatalf("tally NPS %v, NPS of the counts %v (%v)", nps, fromCounts, err)
		}
	})
}

func FuzzNPSTallyMerge(f *testing.F) {
	f.Add([]byte{10, 9, 4}, []byte{8, 7})
	f.Add([]byte{}, []byte{1})
	f.Add([]byte{}, []byte{})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		var ta, tb crm.NPSTally
		_ = ta.AddScores(tallyFuzzInts(0, a))
		_ = tb.AddScores(tallyFuzzInts(0, b))
		ab, ba := ta, tb
		if err := errors.Join(ab.Merge(&tb), ba.Merge(&ta)); err != nil {
			t.Fatal(err) // small tallies never overflow
		}
		if ab != ba || ab.Total() != ta.Total()+tb.Total() {
			t.Fatalf("a+b %+v, b+a %+v", ab.Counts(), ba.Counts())
		}
		nps, err := ab.NPS()
		if err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrEmpty)
			if ab.Total() != 0 {
				t.Fatalf("NPS of %d answers failed: %v", ab.Total(), err)
			}
			return
		}
		if nps.Cmp(decimal.NewFromInt(-100)) < 0 || nps.Cmp(decimal.NewFromInt(100)) > 0 {
			t.Fatalf("NPS %v outside -100..100", nps)
		}
	})
}

// ---- CSATTally and CESTally ----

// scaleTallyAPI is the adding half of CSATTally and CESTally, the same for
// both, so that their tests share one driver.
type scaleTallyAPI[T any] interface {
	*T
	Add(crm.SurveyScale, int) error
	AddAnswers(crm.SurveyScale, []int) error
	Merge(*T) error
	Scale() crm.SurveyScale
	Total() int
}

// scaleTallyCase is one type under test: its name and its counts.
type scaleTallyCase[T any] struct {
	name   string          // "CSATTally"
	counts func(*T) []int  // the Counts field of its Counts()
	input  func(*T) string // Counts() formatted, to compare with its formula's input
}

func csatTallyCase() scaleTallyCase[crm.CSATTally] {
	return scaleTallyCase[crm.CSATTally]{
		name:   "CSATTally",
		counts: func(t *crm.CSATTally) []int { return t.Counts().Counts },
		input:  func(t *crm.CSATTally) string { return fmt.Sprintf("%+v", t.Counts()) },
	}
}

func cesTallyCase() scaleTallyCase[crm.CESTally] {
	return scaleTallyCase[crm.CESTally]{
		name:   "CESTally",
		counts: func(t *crm.CESTally) []int { return t.Counts().Counts },
		input:  func(t *crm.CESTally) string { return fmt.Sprintf("%+v", t.Counts()) },
	}
}

func tallyOf[T comparable, P scaleTallyAPI[T]](t testkit.TB, scale crm.SurveyScale, answers ...int) T {
	t.Helper()
	var tally T
	if err := P(&tally).AddAnswers(scale, answers); err != nil {
		t.Fatalf("AddAnswers(%v, %v): %v", scale, answers, err)
	}
	return tally
}

func testScaleTallyAdd[T comparable, P scaleTallyAPI[T]](t *testing.T, tc scaleTallyCase[T]) {
	tests := []struct {
		name    string
		scale   crm.SurveyScale
		answers []int
		want    []int
	}{
		{"none", tallyOne5, nil, nil},
		{"every score", tallyOne5, []int{1, 2, 3, 4, 5}, []int{1, 1, 1, 1, 1}},
		{"repeated", tallyOne7, []int{7, 7, 1}, []int{1, 0, 0, 0, 0, 0, 2}},
		{"negative scale", crm.SurveyScale{Min: -3, Max: 3}, []int{-3, 0, 3}, []int{1, 0, 0, 1, 0, 0, 1}},
		{"two scores", crm.SurveyScale{Min: 0, Max: 1}, []int{1, 1}, []int{0, 2}},
		{"widest scale", tallyWide, []int{100, 0}, append(append([]int{1}, make([]int, 99)...), 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tally T
			for _, a := range tt.answers {
				if err := P(&tally).Add(tt.scale, a); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(tt.want, tc.counts(&tally)); diff != "" {
				t.Errorf("Add(%v) counts (-want +got):\n%s", tt.answers, diff)
			}
			wantScale := tt.scale
			if len(tt.answers) == 0 {
				wantScale = crm.SurveyScale{}
			}
			if diff := cmp.Diff(wantScale, P(&tally).Scale()); diff != "" {
				t.Errorf("Scale (-want +got):\n%s", diff)
			}
		})
	}
}

func testScaleTallyAddErrors[T comparable, P scaleTallyAPI[T]](t *testing.T, tc scaleTallyCase[T]) {
	metric := "crm." + tc.name + ".Add"
	var one T
	if err := P(&one).Add(tallyOne5, 4); err != nil {
		t.Fatal(err)
	}
	full := tallyFull[T, P](t, one)
	tests := []struct {
		name   string
		before T
		scale  crm.SurveyScale
		answer int
		want   error
		field  string
	}{
		{"zero scale", *new(T), crm.SurveyScale{}, 0, metrics.ErrInvalid, "scale"},
		{"reversed scale", *new(T), crm.SurveyScale{Min: 5, Max: 1}, 3, metrics.ErrInvalid, "scale"},
		{"scale too wide", *new(T), crm.SurveyScale{Min: 0, Max: 101}, 50, metrics.ErrOutOfRange, "scale"},
		{"scale extreme", *new(T), crm.SurveyScale{Min: math.MinInt, Max: math.MaxInt}, 0, metrics.ErrOutOfRange, "scale"},
		{"other scale", tallyOf[T, P](t, tallyOne5, 5), tallyOne7, 5, metrics.ErrMismatch, "scale"},
		{"below the scale", *new(T), tallyOne5, 0, metrics.ErrOutOfRange, "answer"},
		{"above the scale", tallyOf[T, P](t, tallyOne5, 3), tallyOne5, 6, metrics.ErrOutOfRange, "answer"},
		{"MinInt", *new(T), tallyOne5, math.MinInt, metrics.ErrOutOfRange, "answer"},
		{"full tally", full, tallyOne5, 5, metrics.ErrOutOfRange, "answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.before
			err := P(&tally).Add(tt.scale, tt.answer)
			tallyRequireError(t, err, tt.want, metric, tt.field, -1)
			if tally != tt.before {
				t.Errorf("tally changed on error")
			}
		})
	}
}

func testScaleTallyAddAnswers[T comparable, P scaleTallyAPI[T]](t *testing.T, tc scaleTallyCase[T]) {
	long := make([]int, 100_001)
	for i := range long {
		long[i] = 1 + (i*5)%7
	}
	tests := []struct {
		name    string
		before  T
		scale   crm.SurveyScale
		answers []int
		want    []int
	}{
		{"nil", *new(T), tallyOne5, nil, nil},
		{"empty onto answers", tallyOf[T, P](t, tallyOne5, 2), tallyOne5, []int{}, []int{0, 1, 0, 0, 0}},
		{"onto answers", tallyOf[T, P](t, tallyOne5, 2), tallyOne5, []int{5, 4, 3, 5, 2, 4, 4, 1}, []int{1, 2, 1, 3, 2}},
		{"0–10", *new(T), crm.SurveyScale{Min: 0, Max: 10}, []int{10, 0, 10}, []int{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}},
		{"extreme bounds", *new(T), crm.SurveyScale{Min: math.MaxInt - 2, Max: math.MaxInt}, []int{math.MaxInt, math.MaxInt - 2}, []int{1, 0, 1}},
		{"long", *new(T), tallyOne7, long, tallyCounts(tallyOne7, long)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.before
			if err := P(&tally).AddAnswers(tt.scale, tt.answers); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, tc.counts(&tally)); diff != "" {
				t.Errorf("AddAnswers counts (-want +got):\n%s", diff)
			}
		})
	}
}

func testScaleTallyAddAnswersErrors[T comparable, P scaleTallyAPI[T]](t *testing.T, tc scaleTallyCase[T]) {
	metric := "crm." + tc.name + ".AddAnswers"
	var one T
	if err := P(&one).Add(tallyOne5, 1); err != nil {
		t.Fatal(err)
	}
	full := tallyFull[T, P](t, one)
	tests := []struct {
		name    string
		before  T
		scale   crm.SurveyScale
		answers []int
		want    error
		field   string
		index   int
	}{
		{"zero scale", *new(T), crm.SurveyScale{}, []int{0}, metrics.ErrInvalid, "scale", -1},
		{"scale too wide", *new(T), crm.SurveyScale{Min: -50, Max: 51}, nil, metrics.ErrOutOfRange, "scale", -1},
		{"other scale, even empty", tallyOf[T, P](t, tallyOne5, 5), tallyOne7, nil, metrics.ErrMismatch, "scale", -1},
		{"first", *new(T), tallyOne5, []int{0, 5}, metrics.ErrOutOfRange, "answers", 0},
		{"last", tallyOf[T, P](t, tallyOne5, 3), tallyOne5, []int{5, 4, 6}, metrics.ErrOutOfRange, "answers", 2},
		{"first of several", *new(T), tallyOne7, []int{7, 7, -7, 8}, metrics.ErrOutOfRange, "answers", 2},
		{"wraps", *new(T), crm.SurveyScale{Min: math.MaxInt - 2, Max: math.MaxInt}, []int{math.MaxInt, math.MinInt}, metrics.ErrOutOfRange, "answers", 1},
		{"full tally", full, tallyOne5, []int{1}, metrics.ErrOutOfRange, "answers", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.before
			err := P(&tally).AddAnswers(tt.scale, tt.answers)
			tallyRequireError(t, err, tt.want, metric, tt.field, tt.index)
			if tally != tt.before {
				t.Errorf("tally changed on error")
			}
		})
	}
}

func testScaleTallyMerge[T comparable, P scaleTallyAPI[T]](t *testing.T, tc scaleTallyCase[T]) {
	a := tallyOf[T, P](t, tallyOne5, 5, 5, 4, 1)
	b := tallyOf[T, P](t, tallyOne5, 3, 2, 4, 5, 5, 1)
	empty := *new(T)
	tests := []struct {
		name      string
		into      T
		other     *T
		want      []int
		wantScale crm.SurveyScale
	}{
		{"two tallies", a, &b, []int{2, 1, 1, 2, 4}, tallyOne5},
		{"into empty", empty, &b, []int{1, 1, 1, 1, 2}, tallyOne5},
		{"empty other", a, &empty, []int{1, 0, 0, 1, 2}, tallyOne5},
		{"nil other", a, nil, []int{1, 0, 0, 1, 2}, tallyOne5},
		{"both empty", empty, &empty, nil, crm.SurveyScale{}},
		{"empty onto another scale", tallyOf[T, P](t, tallyOne7, 7), &empty, []int{0, 0, 0, 0, 0, 0, 1}, tallyOne7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.into
			var before T
			if tt.other != nil {
				before = *tt.other
			}
			if err := P(&tally).Merge(tt.other); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, tc.counts(&tally)); diff != "" {
				t.Errorf("Merge counts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantScale, P(&tally).Scale()); diff != "" {
				t.Errorf("Merge scale (-want +got):\n%s", diff)
			}
			if tt.other != nil && *tt.other != before {
				t.Errorf("Merge changed its argument")
			}
		})
	}
	t.Run("itself", func(t *testing.T) {
		tally := a
		if err := P(&tally).Merge(&tally); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]int{2, 0, 0, 2, 4}, tc.counts(&tally)); diff != "" {
			t.Errorf("Merge(itself) (-want +got):\n%s", diff)
		}
	})
}

func testScaleTallyMergeErrors[T comparable, P scaleTallyAPI[T]](t *testing.T, tc scaleTallyCase[T]) {
	metric := "crm." + tc.name + ".Merge"
	var one T
	if err := P(&one).Add(tallyOne7, 6); err != nil {
		t.Fatal(err)
	}
	full := tallyFull[T, P](t, one)
	tests := []struct {
		name  string
		into  T
		other T
		want  error
	}{
		{"other scale", tallyOf[T, P](t, tallyOne5, 5), tallyOf[T, P](t, tallyOne7, 5), metrics.ErrMismatch},
		{"shifted scale", tallyOf[T, P](t, crm.SurveyScale{Min: 0, Max: 4}, 4), tallyOf[T, P](t, tallyOne5, 4), metrics.ErrMismatch},
		{"one past the limit", full, one, metrics.ErrOutOfRange},
		{"full twice", full, full, metrics.ErrOutOfRange},
		{"mismatch before the limit", full, tallyOf[T, P](t, tallyOne5, 5), metrics.ErrMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tally := tt.into
			err := P(&tally).Merge(&tt.other)
			tallyRequireError(t, err, tt.want, metric, "other", -1)
			if tally != tt.into {
				t.Errorf("tally changed on error")
			}
		})
	}
}

func testScaleTallyNil[T comparable, P scaleTallyAPI[T]](t *testing.T, tc scaleTallyCase[T]) {
	var tally P
	tallyRequireError(t, tally.Add(tallyOne5, 5), metrics.ErrInvalid, "crm."+tc.name+".Add", "tally", -1)
	tallyRequireError(t, tally.AddAnswers(tallyOne5, nil), metrics.ErrInvalid, "crm."+tc.name+".AddAnswers", "tally", -1)
	tallyRequireError(t, tally.Merge(new(T)), metrics.ErrInvalid, "crm."+tc.name+".Merge", "tally", -1)
	if tally.Total() != 0 || tally.Scale() != (crm.SurveyScale{}) || tc.counts(tally) != nil {
		t.Errorf("a nil tally does not read as empty")
	}
}

// testScaleTallyShards checks merge = one pass, commutativity, associativity,
// order independence and no partial effect for random answers on scale;
// check compares each reading with the answers' own functions.
func testScaleTallyShards[T comparable, P scaleTallyAPI[T]](t *rapid.T, tc scaleTallyCase[T], scale crm.SurveyScale, answers []int) T {
	var one T
	if err := P(&one).AddAnswers(scale, answers); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tallyCounts(scale, answers), tc.counts(&one)); diff != "" {
		t.Fatalf("counts (-want +got):\n%s", diff)
	}
	if P(&one).Total() != len(answers) {
		t.Fatalf("Total %d, want %d", P(&one).Total(), len(answers))
	}

	shards := tallySplit(t, len(answers))
	tallies := make([]T, len(shards))
	order := make([]int, len(shards))
	for i, sh := range shards {
		order[i] = i
		part := answers[sh[0]:sh[1]]
		if rapid.Bool().Draw(t, "one by one") {
			for _, a := range part {
				if err := P(&tallies[i]).Add(scale, a); err != nil {
					t.Fatal(err)
				}
			}
		} else if err := P(&tallies[i]).AddAnswers(scale, part); err != nil {
			t.Fatal(err)
		}
	}
	var merged T
	for _, i := range rapid.Permutation(order).Draw(t, "merge order") {
		if err := P(&merged).Merge(&tallies[i]); err != nil {
			t.Fatal(err)
		}
	}
	if merged != one {
		t.Fatalf("merged shards %s, one pass %s", tc.input(&merged), tc.input(&one))
	}

	var shuffled T
	for _, a := range rapid.Permutation(answers).Draw(t, "order") {
		if err := P(&shuffled).Add(scale, a); err != nil {
			t.Fatal(err)
		}
	}
	if shuffled != one {
		t.Fatalf("shuffled %s, one pass %s", tc.input(&shuffled), tc.input(&one))
	}

	answer := rapid.IntRange(scale.Min, scale.Max)
	a := tallyOf[T, P](t, scale, rapid.SliceOfN(answer, 0, 20).Draw(t, "a")...)
	b := tallyOf[T, P](t, scale, rapid.SliceOfN(answer, 0, 20).Draw(t, "b")...)
	c := tallyOf[T, P](t, scale, rapid.SliceOfN(answer, 0, 20).Draw(t, "c")...)
	ab, ba := a, b
	if err := errors.Join(P(&ab).Merge(&b), P(&ba).Merge(&a)); err != nil {
		t.Fatal(err)
	}
	if ab != ba {
		t.Fatalf("a+b %s, b+a %s", tc.input(&ab), tc.input(&ba))
	}
	abc, bc, a_bc := ab, b, a
	if err := errors.Join(P(&abc).Merge(&c), P(&bc).Merge(&c), P(&a_bc).Merge(&bc)); err != nil {
		t.Fatal(err)
	}
	if abc != a_bc {
		t.Fatalf("(a+b)+c %s, a+(b+c) %s", tc.input(&abc), tc.input(&a_bc))
	}

	// No partial effect: an off-scale answer anywhere in a batch.
	at := rapid.IntRange(0, len(answers)).Draw(t, "bad at")
	bad := rapid.SampledFrom([]int{scale.Min - 1, scale.Max + 1, math.MinInt, math.MaxInt}).Draw(t, "bad")
	batch := append(append(append([]int(nil), answers[:at]...), bad), answers[at:]...)
	tally := one
	err := P(&tally).AddAnswers(scale, batch)
	tallyRequireError(t, err, metrics.ErrOutOfRange, "crm."+tc.name+".AddAnswers", "answers", at)
	if tally != one {
		t.Fatalf("tally changed on error")
	}

	// A tally of another scale does not merge, either way.
	other := tallyOf[T, P](t, crm.SurveyScale{Min: scale.Min - 1, Max: scale.Max - 1}, scale.Min)
	if len(answers) > 0 {
		tally, otherWas := one, other
		testkit.RequireSentinel(t, P(&tally).Merge(&other), metrics.ErrMismatch)
		testkit.RequireSentinel(t, P(&other).Merge(&tally), metrics.ErrMismatch)
		if tally != one || other != otherWas {
			t.Fatalf("tallies changed on a mismatch")
		}
	}
	return one
}

// tallyScaleGen draws a scale of 2 to 12 scores around zero, or at times a
// wide one up to the 101 scores a tally holds.
func tallyScaleGen(t *rapid.T) crm.SurveyScale {
	lo := rapid.IntRange(-20, 20).Draw(t, "min")
	span := rapid.OneOf(rapid.IntRange(1, 11), rapid.IntRange(1, crm.MaxTallyScaleScores-1)).Draw(t, "span")
	return crm.SurveyScale{Min: lo, Max: lo + span}
}

// ---- CSATTally ----

func TestCSATTallyAdd(t *testing.T) { testScaleTallyAdd(t, csatTallyCase()) }

func TestCSATTallyAddErrors(t *testing.T) { testScaleTallyAddErrors(t, csatTallyCase()) }

func TestCSATTallyAddAnswers(t *testing.T) { testScaleTallyAddAnswers(t, csatTallyCase()) }

func TestCSATTallyAddAnswersErrors(t *testing.T) { testScaleTallyAddAnswersErrors(t, csatTallyCase()) }

func TestCSATTallyMerge(t *testing.T) { testScaleTallyMerge(t, csatTallyCase()) }

func TestCSATTallyMergeErrors(t *testing.T) { testScaleTallyMergeErrors(t, csatTallyCase()) }

func TestCSATTallyNil(t *testing.T) {
	testScaleTallyNil(t, csatTallyCase())
	var tally *crm.CSATTally
	if diff := cmp.Diff(crm.CSATInput{}, tally.Counts()); diff != "" {
		t.Errorf("Counts (-want +got):\n%s", diff)
	}
	_, err := tally.CSAT(0)
	tallyRequireError(t, err, metrics.ErrEmpty, "crm.CSATTally.CSAT", "answers", -1)
}

func TestCSATTallyScale(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.CSATTally
		want  crm.SurveyScale
	}{
		{"zero value", crm.CSATTally{}, crm.SurveyScale{}},
		{"after an empty batch", csatTallyOf(t, tallyOne5), crm.SurveyScale{}},
		{"first answer", csatTallyOf(t, tallyOne7, 7), tallyOne7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.tally.Scale()); diff != "" {
				t.Errorf("Scale (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCSATTallyTotal(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.CSATTally
		want  int
	}{
		{"zero value", crm.CSATTally{}, 0},
		{"answers", csatTallyOf(t, tallyOne5, 1, 5, 5), 3},
		{"full", tallyFull(t, csatTallyOf(t, tallyOne5, 2)), math.MaxInt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.tally.Total()); diff != "" {
				t.Errorf("Total (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCSATTallyCounts(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.CSATTally
		want  crm.CSATInput
	}{
		{"zero value", crm.CSATTally{}, crm.CSATInput{}},
		{"1–5", csatTallyOf(t, tallyOne5, 5, 4, 3, 5, 2, 4, 4, 1), crm.CSATInput{Scale: tallyOne5, Counts: []int{1, 1, 1, 3, 2}}},
		{"full", tallyFull(t, csatTallyOf(t, crm.SurveyScale{Min: 0, Max: 2}, 1)), crm.CSATInput{Scale: crm.SurveyScale{Min: 0, Max: 2}, Counts: []int{0, math.MaxInt, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.tally.Counts()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Counts (-want +got):\n%s", diff)
			}
			// The slice is the caller's: changing it leaves the tally alone.
			if len(got.Counts) > 0 {
				got.Counts[0] += 7
				if diff := cmp.Diff(tt.want, tt.tally.Counts()); diff != "" {
					t.Errorf("Counts after changing a returned slice (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestCSATTallyCSAT(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.CSATTally
		from  int
		want  metrics.Percent
	}{
		{"top two boxes", csatTallyOf(t, tallyOne5, 5, 4, 3, 5, 2, 4, 4, 1), 0, metrics.MustParsePercent("62.5")},
		{"only 5", csatTallyOf(t, tallyOne5, 5, 4, 3, 5, 2, 4, 4, 1), 5, metrics.PercentInt(25)},
		{"all but the lowest", csatTallyOf(t, tallyOne5, 5, 4, 3, 5, 2, 4, 4, 1), 2, metrics.MustParsePercent("87.5")},
		{"none satisfied", csatTallyOf(t, tallyOne5, 1, 2, 3), 0, metrics.PercentInt(0)},
		{"all satisfied", csatTallyOf(t, tallyOne5, 4, 5), 0, metrics.PercentInt(100)},
		{"repeating", csatTallyOf(t, tallyOne5, 5, 4, 2), 0, metrics.MustParsePercent("66.6666666667")},
		{"two-point scale", csatTallyOf(t, crm.SurveyScale{Min: 0, Max: 1}, 1, 0, 0, 0), 1, metrics.PercentInt(25)},
		{"widest scale", csatTallyOf(t, tallyWide, 100, 99, 98, 0), 0, metrics.PercentInt(50)},
		{"full", tallyFull(t, csatTallyOf(t, tallyOne5, 5)), 0, metrics.PercentInt(100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.tally.CSAT(tt.from)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CSAT(%d) (-want +got):\n%s", tt.from, diff)
			}
		})
	}
}

func TestCSATTallyCSATErrors(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.CSATTally
		from  int
		want  error
		field string
	}{
		{"zero value", crm.CSATTally{}, 0, metrics.ErrEmpty, "answers"},
		{"after an empty batch", csatTallyOf(t, tallyOne5), 4, metrics.ErrEmpty, "answers"},
		{"threshold at the lowest score", csatTallyOf(t, tallyOne5, 3), 1, metrics.ErrOutOfRange, "satisfiedFrom"},
		{"threshold above the scale", csatTallyOf(t, tallyOne5, 3), 6, metrics.ErrOutOfRange, "satisfiedFrom"},
		{"top two boxes of two scores", csatTallyOf(t, crm.SurveyScale{Min: 1, Max: 2}, 2), 0, metrics.ErrInvalid, "satisfiedFrom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.tally.CSAT(tt.from)
			tallyRequireError(t, err, tt.want, "crm.CSATTally.CSAT", tt.field, -1)
			if !got.IsZero() {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestCSATTallyProperties(t *testing.T) {
	tc := csatTallyCase()
	rapid.Check(t, func(t *rapid.T) {
		scale := tallyScaleGen(t)
		answers := rapid.SliceOfN(rapid.IntRange(scale.Min, scale.Max), 0, 200).Draw(t, "answers")
		one := testScaleTallyShards(t, tc, scale, answers)
		from := rapid.IntRange(scale.Min+1, scale.Max).Draw(t, "satisfiedFrom")
		if rapid.Bool().Draw(t, "top two boxes") && scale.Max-scale.Min >= 2 {
			from = 0
		}
		got, err := one.CSAT(from)
		if len(answers) == 0 {
			testkit.RequireSentinel(t, err, metrics.ErrEmpty)
			return
		}
		if from == 0 && scale.Max-scale.Min < 2 {
			// 0 is inside −1..0 or 0..1, but means the top two boxes.
			testkit.RequireSentinel(t, err, metrics.ErrInvalid)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		// Agreement with CSATFromAnswers, CSAT of the counts, and the oracle.
		fromAnswers, err := crm.CSATFromAnswers(scale, from, answers)
		if err != nil || !fromAnswers.Equal(got) {
			t.Fatalf("tally CSAT %v, CSATFromAnswers %v (%v)", got, fromAnswers, err)
		}
		in := one.Counts()
		in.SatisfiedFrom = from
		fromCounts, err := crm.CSAT(in)
		if err != nil || !fromCounts.Equal(got) {
			t.Fatalf("tally CSAT %v, CSAT of its counts %v (%v)", got, fromCounts, err)
		}
		threshold := from
		if from == 0 {
			threshold = scale.Max - 1
		}
		satisfied := 0
		for _, a := range answers {
			if a >= threshold {
				satisfied++
			}
		}
		testkit.RequireRat(t, got.Points(), new(big.Rat).SetFrac64(int64(satisfied)*100, int64(len(answers))))
		if got.Sign() < 0 || got.Cmp(metrics.PercentInt(100)) > 0 {
			t.Fatalf("CSAT %v outside 0..100", got)
		}
	})
}

func TestScaleTalliesAllocs(t *testing.T) {
	answers := []int{5, 4, 3, 5, 2, 4, 4, 1}
	var csat, csatAll crm.CSATTally
	var ces, cesAll crm.CESTally
	allocs := testing.AllocsPerRun(100, func() {
		_ = csat.AddAnswers(tallyOne5, answers)
		_ = csat.Add(tallyOne5, 3)
		_ = csatAll.Merge(&csat)
		_ = ces.AddAnswers(tallyOne5, answers)
		_ = ces.Add(tallyOne5, 3)
		_ = cesAll.Merge(&ces)
	})
	if allocs != 0 {
		t.Errorf("adding and merging allocate %v times, documented as none", allocs)
	}
}

func FuzzCSATTallyAdd(f *testing.F) {
	f.Add(1, 5, 4, false)
	f.Add(0, 0, 0, false)
	f.Add(1, 7, 7, true)
	f.Add(math.MinInt, math.MaxInt, 0, false)
	f.Fuzz(func(t *testing.T, lo, hi, answer int, prefilled bool) {
		scale := crm.SurveyScale{Min: lo, Max: hi}
		var tally crm.CSATTally
		if prefilled {
			tally = csatTallyOf(t, tallyOne5, 5, 1)
		}
		was := tally
		if err := tally.Add(scale, answer); err != nil {
			testkit.RequireKpikitError(t, err)
			if tally != was {
				t.Fatalf("tally changed on error")
			}
			return
		}
		if !scale.Contains(answer) || tally.Scale() != scale || tally.Total() != was.Total()+1 {
			t.Fatalf("Add(%v, %d) accepted and gave scale %v, total %d", scale, answer, tally.Scale(), tally.Total())
		}
		if _, err := tally.CSAT(0); err != nil {
			testkit.RequireKpikitError(t, err)
		}
	})
}

func FuzzCSATTallyAddAnswers(f *testing.F) {
	f.Add(1, 5, 0, []byte{7, 6, 5, 7, 4, 6})
	f.Add(0, 10, 9, []byte{12, 11, 2})
	f.Add(0, 0, 0, []byte{})
	f.Add(1, 2, 0, []byte{2, 3})
	f.Add(-5, 200, 0, []byte{1})
	f.Add(0, 85, 168, []byte{})
	f.Fuzz(func(t *testing.T, lo, hi, from int, data []byte) {
		scale := crm.SurveyScale{Min: lo, Max: hi}
		answers := tallyFuzzInts(lo, data)
		var tally crm.CSATTally
		if err := tally.AddAnswers(scale, answers); err != nil {
			testkit.RequireKpikitError(t, err)
			if tally != (crm.CSATTally{}) {
				t.Fatalf("tally changed on error")
			}
			return
		}
		if tally.Total() != len(answers) {
			t.Fatalf("Total %d of %d answers", tally.Total(), len(answers))
		}
		got, err := tally.CSAT(from)
		if len(answers) == 0 {
			// The empty tally has no scale to check satisfiedFrom against.
			testkit.RequireSentinel(t, err, metrics.ErrEmpty)
			return
		}
		want, wantErr := crm.CSATFromAnswers(scale, from, answers)
		if (err == nil) != (wantErr == nil) || !got.Equal(want) {
			t.Fatalf("tally CSAT %v (%v), CSATFromAnswers %v (%v)", got, err, want, wantErr)
		}
		if err != nil {
			testkit.RequireKpikitError(t, err)
			if metrics.SentinelOf(err) != metrics.SentinelOf(wantErr) {
				t.Fatalf("tally error %v, CSATFromAnswers error %v", err, wantErr)
			}
			return
		}
		if got.Sign() < 0 || got.Cmp(metrics.PercentInt(100)) > 0 {
			t.Fatalf("CSAT %v outside 0..100", got)
		}
	})
}

func FuzzCSATTallyMerge(f *testing.F) {
	f.Add(1, 5, 1, 5, []byte{4, 4, 0}, []byte{2})
	f.Add(1, 5, 1, 7, []byte{4}, []byte{2})
	f.Add(0, 0, 1, 5, []byte{}, []byte{2})
	f.Fuzz(func(t *testing.T, loA, hiA, loB, hiB int, a, b []byte) {
		var ta, tb crm.CSATTally
		_ = ta.AddAnswers(crm.SurveyScale{Min: loA, Max: hiA}, tallyFuzzInts(loA, a))
		_ = tb.AddAnswers(crm.SurveyScale{Min: loB, Max: hiB}, tallyFuzzInts(loB, b))
		ab, ba := ta, tb
		errAB, errBA := ab.Merge(&tb), ba.Merge(&ta)
		if (errAB == nil) != (errBA == nil) {
			t.Fatalf("a+b: %v, b+a: %v", errAB, errBA)
		}
		if errAB != nil {
			testkit.RequireSentinel(t, errAB, metrics.ErrMismatch)
			testkit.RequireSentinel(t, errBA, metrics.ErrMismatch)
			if ab != ta || ba != tb {
				t.Fatalf("tallies changed on error")
			}
			return
		}
		if ab != ba || ab.Total() != ta.Total()+tb.Total() {
			t.Fatalf("a+b %+v, b+a %+v", ab.Counts(), ba.Counts())
		}
		if _, err := ab.CSAT(0); err != nil {
			testkit.RequireKpikitError(t, err)
		}
	})
}

// ---- CESTally ----

func TestCESTallyAdd(t *testing.T) { testScaleTallyAdd(t, cesTallyCase()) }

func TestCESTallyAddErrors(t *testing.T) { testScaleTallyAddErrors(t, cesTallyCase()) }

func TestCESTallyAddAnswers(t *testing.T) { testScaleTallyAddAnswers(t, cesTallyCase()) }

func TestCESTallyAddAnswersErrors(t *testing.T) { testScaleTallyAddAnswersErrors(t, cesTallyCase()) }

func TestCESTallyMerge(t *testing.T) { testScaleTallyMerge(t, cesTallyCase()) }

func TestCESTallyMergeErrors(t *testing.T) { testScaleTallyMergeErrors(t, cesTallyCase()) }

func TestCESTallyNil(t *testing.T) {
	testScaleTallyNil(t, cesTallyCase())
	var tally *crm.CESTally
	if diff := cmp.Diff(crm.CESInput{}, tally.Counts()); diff != "" {
		t.Errorf("Counts (-want +got):\n%s", diff)
	}
	_, err := tally.CES()
	tallyRequireError(t, err, metrics.ErrEmpty, "crm.CESTally.CES", "answers", -1)
}

func TestCESTallyScale(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.CESTally
		want  crm.SurveyScale
	}{
		{"zero value", crm.CESTally{}, crm.SurveyScale{}},
		{"after an empty batch", cesTallyOf(t, tallyOne7), crm.SurveyScale{}},
		{"first answer", cesTallyOf(t, tallyOne7, 1), tallyOne7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.tally.Scale()); diff != "" {
				t.Errorf("Scale (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCESTallyTotal(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.CESTally
		want  int
	}{
		{"zero value", crm.CESTally{}, 0},
		{"answers", cesTallyOf(t, tallyOne7, 1, 7), 2},
		{"full", tallyFull(t, cesTallyOf(t, tallyOne7, 7)), math.MaxInt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.tally.Total()); diff != "" {
				t.Errorf("Total (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCESTallyCounts(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.CESTally
		want  crm.CESInput
	}{
		{"zero value", crm.CESTally{}, crm.CESInput{}},
		{"1–7", cesTallyOf(t, tallyOne7, 6, 1, 7, 6), crm.CESInput{Scale: tallyOne7, Counts: []int{1, 0, 0, 0, 0, 2, 1}}},
		{"full", tallyFull(t, cesTallyOf(t, tallyOne7, 3)), crm.CESInput{Scale: tallyOne7, Counts: []int{0, 0, math.MaxInt, 0, 0, 0, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.tally.Counts()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Counts (-want +got):\n%s", diff)
			}
			if len(got.Counts) > 0 {
				got.Counts[0] += 7
				if diff := cmp.Diff(tt.want, tt.tally.Counts()); diff != "" {
					t.Errorf("Counts after changing a returned slice (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestCESTallyCES(t *testing.T) {
	// CES's worked distribution: 543 / 100 = 5.43.
	var dist []int
	for i, n := range []int{2, 3, 5, 10, 20, 40, 20} {
		dist = append(dist, tallyRepeat(1+i, n)...)
	}
	full := tallyFull(t, cesTallyOf(t, tallyOne7, 7))
	tests := []struct {
		name  string
		tally crm.CESTally
		want  decimal.Decimal
	}{
		{"worked distribution", cesTallyOf(t, tallyOne7, dist...), decimal.RequireFromString("5.43")},
		{"repeating", cesTallyOf(t, tallyOne7, 7, 6, 5, 7, 4, 6), decimal.RequireFromString("5.8333333333")},
		{"one answer", cesTallyOf(t, tallyOne7, 1), decimal.NewFromInt(1)},
		{"negative scale", cesTallyOf(t, crm.SurveyScale{Min: -3, Max: 3}, -3, -2, -3), decimal.RequireFromString("-2.6666666667")},
		{"extreme scale", cesTallyOf(t, crm.SurveyScale{Min: math.MaxInt - 1, Max: math.MaxInt}, math.MaxInt, math.MaxInt-1),
			decimal.NewFromInt(math.MaxInt).Sub(decimal.RequireFromString("0.5"))},
		{"widest scale", cesTallyOf(t, tallyWide, 100, 0, 50, 1), decimal.RequireFromString("37.75")},
		{"full", full, decimal.NewFromInt(7)},
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
	t.Run("near the limit", func(t *testing.T) {
		// 2^(UintSize−2) answers of 7 and 2^(UintSize−2) − 1 answers of 1.
		tally := tallyTimes(t, cesTallyOf(t, tallyOne7, 7), tallyHalf)
		ones := tallyTimes(t, cesTallyOf(t, tallyOne7, 1), tallyHalf-1)
		if err := tally.Merge(&ones); err != nil {
			t.Fatal(err)
		}
		if tally.Total() != math.MaxInt {
			t.Fatalf("Total %d, want MaxInt", tally.Total())
		}
		got, err := tally.CES()
		if err != nil {
			t.Fatal(err)
		}
		num := new(big.Int).Mul(big.NewInt(tallyHalf), big.NewInt(7))
		num.Add(num, big.NewInt(tallyHalf-1))
		testkit.RequireRat(t, got, new(big.Rat).SetFrac(num, big.NewInt(math.MaxInt)))
	})
}

func TestCESTallyCESErrors(t *testing.T) {
	tests := []struct {
		name  string
		tally crm.CESTally
	}{
		{"zero value", crm.CESTally{}},
		{"after an empty batch", cesTallyOf(t, tallyOne7)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.tally.CES()
			tallyRequireError(t, err, metrics.ErrEmpty, "crm.CESTally.CES", "answers", -1)
			if !got.Equal(decimal.Decimal{}) {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestCESTallyProperties(t *testing.T) {
	tc := cesTallyCase()
	rapid.Check(t, func(t *rapid.T) {
		scale := tallyScaleGen(t)
		answers := rapid.SliceOfN(rapid.IntRange(scale.Min, scale.Max), 0, 200).Draw(t, "answers")
		one := testScaleTallyShards(t, tc, scale, answers)
		got, err := one.CES()
		if len(answers) == 0 {
			testkit.RequireSentinel(t, err, metrics.ErrEmpty)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		// Agreement with CESFromAnswers, CES of the counts, and the oracle.
		fromAnswers, err := crm.CESFromAnswers(scale, answers)
		if err != nil || !fromAnswers.Equal(got) {
			t.Fatalf("tally CES %v, CESFromAnswers %v (%v)", got, fromAnswers, err)
		}
		fromCounts, err := crm.CES(one.Counts())
		if err != nil || !fromCounts.Equal(got) {
			t.Fatalf("tally CES %v, CES of its counts %v (%v)", got, fromCounts, err)
		}
		sum := int64(0)
		for _, a := range answers {
			sum += int64(a)
		}
		testkit.RequireRat(t, got, big.NewRat(sum, int64(len(answers))))
		if got.Cmp(decimal.NewFromInt(int64(scale.Min))) < 0 || got.Cmp(decimal.NewFromInt(int64(scale.Max))) > 0 {
			t.Fatalf("CES %v outside %v", got, scale)
		}
	})
}

func FuzzCESTallyAdd(f *testing.F) {
	f.Add(1, 7, 4, false)
	f.Add(0, 0, 0, false)
	f.Add(1, 5, 5, true)
	f.Add(math.MaxInt-3, math.MaxInt, math.MaxInt, false)
	f.Fuzz(func(t *testing.T, lo, hi, answer int, prefilled bool) {
		scale := crm.SurveyScale{Min: lo, Max: hi}
		var tally crm.CESTally
		if prefilled {
			tally = cesTallyOf(t, tallyOne7, 7, 1)
		}
		was := tally
		if err := tally.Add(scale, answer); err != nil {
			testkit.RequireKpikitError(t, err)
			if tally != was {
				t.Fatalf("tally changed on error")
			}
			return
		}
		if !scale.Contains(answer) || tally.Scale() != scale || tally.Total() != was.Total()+1 {
			t.Fatalf("Add(%v, %d) accepted and gave scale %v, total %d", scale, answer, tally.Scale(), tally.Total())
		}
		if _, err := tally.CES(); err != nil {
			t.Fatalf("CES of a tally with answers: %v", err)
		}
	})
}

func FuzzCESTallyAddAnswers(f *testing.F) {
	f.Add(1, 7, []byte{9, 8, 7, 9, 6, 8})
	f.Add(0, 10, []byte{12, 11, 2})
	f.Add(0, 0, []byte{})
	f.Add(math.MaxInt-5, math.MaxInt, []byte{7, 2, 7})
	f.Fuzz(func(t *testing.T, lo, hi int, data []byte) {
		scale := crm.SurveyScale{Min: lo, Max: hi}
		answers := tallyFuzzInts(lo, data)
		var tally crm.CESTally
		if err := tally.AddAnswers(scale, answers); err != nil {
			testkit.RequireKpikitError(t, err)
			if tally != (crm.CESTally{}) {
				t.Fatalf("tally changed on error")
			}
			return
		}
		if tally.Total() != len(answers) {
			t.Fatalf("Total %d of %d answers", tally.Total(), len(answers))
		}
		got, err := tally.CES()
		if len(answers) == 0 {
			testkit.RequireSentinel(t, err, metrics.ErrEmpty)
			return
		}
		want, wantErr := crm.CESFromAnswers(scale, answers)
		if err != nil || wantErr != nil || !got.Equal(want) {
			t.Fatalf("tally CES %v (%v), CESFromAnswers %v (%v)", got, err, want, wantErr)
		}
		if got.Cmp(decimal.NewFromInt(int64(lo))) < 0 || got.Cmp(decimal.NewFromInt(int64(hi))) > 0 {
			t.Fatalf("CES %v outside %v", got, scale)
		}
	})
}

func FuzzCESTallyMerge(f *testing.F) {
	f.Add(1, 7, 1, 7, []byte{4, 4, 0}, []byte{2})
	f.Add(1, 5, 1, 7, []byte{4}, []byte{2})
	f.Add(0, 0, 1, 5, []byte{}, []byte{2})
	f.Fuzz(func(t *testing.T, loA, hiA, loB, hiB int, a, b []byte) {
		var ta, tb crm.CESTally
		_ = ta.AddAnswers(crm.SurveyScale{Min: loA, Max: hiA}, tallyFuzzInts(loA, a))
		_ = tb.AddAnswers(crm.SurveyScale{Min: loB, Max: hiB}, tallyFuzzInts(loB, b))
		ab, ba := ta, tb
		errAB, errBA := ab.Merge(&tb), ba.Merge(&ta)
		if (errAB == nil) != (errBA == nil) {
			t.Fatalf("a+b: %v, b+a: %v", errAB, errBA)
		}
		if errAB != nil {
			testkit.RequireSentinel(t, errAB, metrics.ErrMismatch)
			testkit.RequireSentinel(t, errBA, metrics.ErrMismatch)
			if ab != ta || ba != tb {
				t.Fatalf("tallies changed on error")
			}
			return
		}
		if ab != ba || ab.Total() != ta.Total()+tb.Total() {
			t.Fatalf("a+b %+v, b+a %+v", ab.Counts(), ba.Counts())
		}
		if _, err := ab.CES(); err != nil && ab.Total() > 0 {
			t.Fatalf("CES of %d answers: %v", ab.Total(), err)
		}
	})
}

// ---- all tallies ----

// TestSurveyTalliesConcurrent builds tallies on shards in goroutines, as a
// program would, and merges them; run it under -race.
func TestSurveyTalliesConcurrent(t *testing.T) {
	const n, workers = 100_003, 8
	npsScores, csatAnswers, cesAnswers := make([]int, n), make([]int, n), make([]int, n)
	for i := range n {
		npsScores[i] = (i * 7919) % 11
		csatAnswers[i] = 1 + (i*31)%5
		cesAnswers[i] = 1 + (i*17)%7
	}
	type shard struct {
		nps  crm.NPSTally
		csat crm.CSATTally
		ces  crm.CESTally
		err  error
	}
	results := make(chan shard)
	for w := range workers {
		go func() {
			lo, hi := w*n/workers, (w+1)*n/workers
			var s shard
			s.err = errors.Join(
				s.nps.AddScores(npsScores[lo:hi]),
				s.csat.AddAnswers(tallyOne5, csatAnswers[lo:hi]),
				s.ces.AddAnswers(tallyOne7, cesAnswers[lo:hi]),
			)
			results <- s
		}()
	}
	var nps crm.NPSTally
	var csat crm.CSATTally
	var ces crm.CESTally
	for range workers {
		s := <-results
		if err := errors.Join(s.err, nps.Merge(&s.nps), csat.Merge(&s.csat), ces.Merge(&s.ces)); err != nil {
			t.Fatal(err)
		}
	}
	if want := npsTallyOf(t, npsScores...); nps != want {
		t.Errorf("NPS: merged %+v, one pass %+v", nps.Counts(), want.Counts())
	}
	if want := csatTallyOf(t, tallyOne5, csatAnswers...); csat != want {
		t.Errorf("CSAT: merged %+v, one pass %+v", csat.Counts(), want.Counts())
	}
	if want := cesTallyOf(t, tallyOne7, cesAnswers...); ces != want {
		t.Errorf("CES: merged %+v, one pass %+v", ces.Counts(), want.Counts())
	}
	gotNPS, err1 := nps.NPS()
	wantNPS, err2 := crm.NPSFromScores(npsScores)
	gotCSAT, err3 := csat.CSAT(0)
	wantCSAT, err4 := crm.CSATFromAnswers(tallyOne5, 0, csatAnswers)
	gotCES, err5 := ces.CES()
	wantCES, err6 := crm.CESFromAnswers(tallyOne7, cesAnswers)
	if err := errors.Join(err1, err2, err3, err4, err5, err6); err != nil {
		t.Fatal(err)
	}
	if !gotNPS.Equal(wantNPS) || !gotCSAT.Equal(wantCSAT) || !gotCES.Equal(wantCES) {
		t.Errorf("merged NPS %v CSAT %v CES %v, from the answers %v %v %v", gotNPS, gotCSAT, gotCES, wantNPS, wantCSAT, wantCES)
	}
}

// TestSurveyTallyGlobalsIgnored proves that reading a tally does not depend
// on shopspring/decimal's package globals: every result has a repeating or
// long quotient.
func TestSurveyTallyGlobalsIgnored(t *testing.T) {
	nps := npsTallyOf(t, 0, 0, 9, 7, 7, 7, 7)
	csat := csatTallyOf(t, tallyOne5, 5, 4, 2, 1, 1, 1, 3)
	ces := cesTallyOf(t, tallyOne7, 7, 6, 5, 7, 4, 6)
	bigNPS := tallyFull(t, npsTallyOf(t, 10))
	if err := bigNPS.Merge(&crm.NPSTally{}); err != nil {
		t.Fatal(err)
	}
	testkit.RequireGlobalsIgnored(t, func() string {
		var b strings.Builder
		add := func(s string, err error) {
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(s)
			b.WriteByte(' ')
		}
		n, err := nps.NPS()
		add(exact.Text(n), err)
		n, err = bigNPS.NPS()
		add(exact.Text(n), err)
		c, err := csat.CSAT(0)
		add(c.String(), err)
		c, err = csat.CSAT(2)
		add(c.String(), err)
		e, err := ces.CES()
		add(exact.Text(e), err)
		return b.String()
	})
}

// BenchmarkNPSScores measures NPS from a million raw 0–10 scores: the
// tally's AddScores and NPS (impl=kpikit), the tally's AddScores and Counts
// without building the decimal result (impl=kpikit-counts), and two
// baselines that then score the counts with crm.NPS: a switch per score
// (impl=switch) and decimal sums of per-answer contributions
// (impl=naive-decimal). Divide ns/op by 1e6 for ns per score.
func BenchmarkNPSScores(b *testing.B) {
	const size = 1_000_000
	scores := make([]int, size)
	for i := range scores {
		scores[i] = (i * 7) % 11
	}
	b.Run(fmt.Sprintf("n=%d/impl=kpikit", size), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var tally crm.NPSTally
			if err := tally.AddScores(scores); err != nil {
				b.Fatal(err)
			}
			if _, err := tally.NPS(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run(fmt.Sprintf("n=%d/impl=kpikit-counts", size), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var tally crm.NPSTally
			if err := tally.AddScores(scores); err != nil {
				b.Fatal(err)
			}
			if tally.Counts().Promoters == 0 {
				b.Fatal("no promoters")
			}
		}
	})
	b.Run(fmt.Sprintf("n=%d/impl=switch", size), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var in crm.NPSInput
			for _, s := range scores {
				switch {
				case s < 0 || s > 10:
					b.Fatal("off scale")
				case s >= 9:
					in.Promoters++
				case s >= 7:
					in.Passives++
				default:
					in.Detractors++
				}
			}
			if _, err := crm.NPS(in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run(fmt.Sprintf("n=%d/impl=naive-decimal", size), func(b *testing.B) {
		b.ReportAllocs()
		hundred, zero := decimal.NewFromInt(100), decimal.Zero
		minus := hundred.Neg()
		for b.Loop() {
			sum := decimal.Zero
			for _, s := range scores {
				switch {
				case s >= 9:
					sum = sum.Add(hundred)
				case s <= 6:
					sum = sum.Add(minus)
				default:
					sum = sum.Add(zero)
				}
			}
			_ = sum.DivRound(decimal.NewFromInt(int64(len(scores))), metrics.Scale)
		}
	})
}
