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
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Seed 004: of 500 customers surveyed, 200 are promoters, 150 passives and
// 150 detractors: 40% − 30% = 10.
func ExampleNPS() {
	score, err := crm.NPS(crm.NPSInput{Promoters: 200, Passives: 150, Detractors: 150})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(score)
	// Output:
	// 10
}

func ExampleNPS_error() {
	_, err := crm.NPS(crm.NPSInput{})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	// Output:
	// crm.NPS: Promoters+Passives+Detractors 0 is zero: undefined for this input
	// true
}

func ExampleCategorizeNPSScore() {
	for _, score := range []int{0, 6, 7, 8, 9, 10} {
		c, err := crm.CategorizeNPSScore(score)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(score, c)
	}
	_, err := crm.CategorizeNPSScore(11)
	fmt.Println(err)
	// Output:
	// 0 detractor
	// 6 detractor
	// 7 passive
	// 8 passive
	// 9 promoter
	// 10 promoter
	// crm.CategorizeNPSScore: score 11 is outside the NPS scale 0..10: out of range
}

func ExampleNPSCategory_String() {
	fmt.Println(crm.Detractor, crm.Passive, crm.Promoter)
	fmt.Println(crm.NPSCategory(0))
	// Output:
	// detractor passive promoter
	// NPSCategory(0)
}

func ExampleCountNPSScores() {
	in, err := crm.CountNPSScores([]int{10, 9, 9, 8, 7, 6, 10, 9, 2, 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", in)
	score, _ := crm.NPS(in)
	fmt.Println(score)
	// Output:
	// {Promoters:6 Passives:2 Detractors:2}
	// 40
}

func ExampleCountNPSScores_error() {
	_, err := crm.CountNPSScores([]int{10, 9, -1, 8})
	fmt.Println(err)
	var e *metrics.Error
	if errors.As(err, &e) {
		fmt.Println(e.Field, e.Index)
	}
	// Output:
	// crm.CountNPSScores: scores[2] -1 is outside the NPS scale 0..10: out of range
	// scores 2
}

// Six promoters, two passives and two detractors among ten answers:
// 60% − 20% = 40.
func ExampleNPSFromScores() {
	score, err := crm.NPSFromScores([]int{10, 9, 9, 8, 7, 6, 10, 9, 2, 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(score)
	// Output:
	// 40
}

// npsRat is the oracle: (p − d) / (p + pa + d) × 100 in exact rationals.
func npsRat(p, pa, d int) *big.Rat {
	total := new(big.Int).Add(big.NewInt(int64(p)), big.NewInt(int64(pa)))
	total.Add(total, big.NewInt(int64(d)))
	net := new(big.Int).Sub(big.NewInt(int64(p)), big.NewInt(int64(d)))
	net.Mul(net, big.NewInt(100))
	return new(big.Rat).SetFrac(net, total)
}

var (
	npsMin = decimal.NewFromInt(-100)
	npsMax = decimal.NewFromInt(100)
)

// surveyUlp is one unit at metrics.Scale. kpikit's quotients are exact when
// they terminate and rounded at metrics.Scale digits otherwise, so with huge
// counts two neighbouring results can be out of order by less than one unit:
// NPS{Passives: MaxInt − 1000, Detractors: 1000} rounds to 0, while one more
// promoter gives an exact −0.0000000000000108... (total 2⁶³). Monotonicity
// properties hold up to this unit.
var surveyUlp = decimal.New(1, -metrics.Scale)

// surveyNotBelow reports whether a ≥ b up to one unit at metrics.Scale.
func surveyNotBelow(a, b decimal.Decimal) bool { return a.Cmp(b.Sub(surveyUlp)) >= 0 }

func npsInRange(d decimal.Decimal) bool { return d.Cmp(npsMin) >= 0 && d.Cmp(npsMax) <= 0 }

func TestNPS(t *testing.T) {
	tests := []struct {
		name string
		in   crm.NPSInput
		want decimal.Decimal
	}{
		{"seed 004", crm.NPSInput{Promoters: 200, Passives: 150, Detractors: 150}, decimal.NewFromInt(10)},
		{"all promoters", crm.NPSInput{Promoters: 7}, decimal.NewFromInt(100)},
		{"all detractors", crm.NPSInput{Detractors: 3}, decimal.NewFromInt(-100)},
		{"all passives", crm.NPSInput{Passives: 4}, decimal.Zero},
		{"negative score", crm.NPSInput{Promoters: 1, Passives: 1, Detractors: 2}, decimal.NewFromInt(-25)},
		{"fraction", crm.NPSInput{Promoters: 1, Passives: 7}, decimal.RequireFromString("12.5")},
		{"repeating", crm.NPSInput{Promoters: 1, Passives: 2}, decimal.RequireFromString("33.3333333333")},
		{"repeating rounds half away from zero", crm.NPSInput{Detractors: 2, Passives: 1}, decimal.RequireFromString("-66.6666666667")},
		{"total overflows int", crm.NPSInput{Promoters: math.MaxInt, Passives: math.MaxInt}, decimal.NewFromInt(50)},
		{"every count at MaxInt", crm.NPSInput{Promoters: math.MaxInt, Passives: math.MaxInt, Detractors: math.MaxInt}, decimal.Zero},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.NPS(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NPS(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNPSErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    crm.NPSInput
		want  error
		field string
	}{
		{"zero value", crm.NPSInput{}, metrics.ErrUndefined, "Promoters+Passives+Detractors"},
		{"negative promoters", crm.NPSInput{Promoters: -1, Passives: 5}, metrics.ErrNegative, "Promoters"},
		{"negative passives", crm.NPSInput{Promoters: 1, Passives: -5}, metrics.ErrNegative, "Passives"},
		{"negative detractors", crm.NPSInput{Promoters: 3, Detractors: -1}, metrics.ErrNegative, "Detractors"},
		{"negative total zero", crm.NPSInput{Promoters: 1, Detractors: -1}, metrics.ErrNegative, "Detractors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.NPS(tt.in)
			surveyRequireError(t, err, tt.want, tt.field, -1)
			if !got.Equal(decimal.Decimal{}) {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestNPSProperties(t *testing.T) {
	count := rapid.OneOf(rapid.IntRange(0, 1000), rapid.IntRange(0, 1_000_000_000), rapid.IntRange(math.MaxInt-1000, math.MaxInt))
	rapid.Check(t, func(t *rapid.T) {
		p, pa, d := count.Draw(t, "promoters"), count.Draw(t, "passives"), count.Draw(t, "detractors")
		in := crm.NPSInput{Promoters: p, Passives: pa, Detractors: d}
		got, err := crm.NPS(in)
		if p == 0 && pa == 0 && d == 0 {
			testkit.RequireSentinel(t, err, metrics.ErrUndefined)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if !npsInRange(got) {
			t.Fatalf("NPS %v outside -100..100", got)
		}
		testkit.RequireRat(t, got, npsRat(p, pa, d))
		// One more promoter never lowers the score, one more detractor never
		// raises it, and one more passive never moves it away from 0.
		if p < math.MaxInt {
			more, err := crm.NPS(crm.NPSInput{Promoters: p + 1, Passives: pa, Detractors: d})
			if err != nil || !surveyNotBelow(more, got) {
				t.Fatalf("a promoter lowered NPS: %v -> %v (%v)", got, more, err)
			}
		}
		if d < math.MaxInt {
			more, err := crm.NPS(crm.NPSInput{Promoters: p, Passives: pa, Detractors: d + 1})
			if err != nil || !surveyNotBelow(got, more) {
				t.Fatalf("a detractor raised NPS: %v -> %v (%v)", got, more, err)
			}
		}
		if pa < math.MaxInt {
			more, err := crm.NPS(crm.NPSInput{Promoters: p, Passives: pa + 1, Detractors: d})
			if err != nil || !surveyNotBelow(got.Abs(), more.Abs()) {
				t.Fatalf("a passive moved NPS away from 0: %v -> %v (%v)", got, more, err)
			}
		}
		// Swapping promoters and detractors negates the score.
		swapped, err := crm.NPS(crm.NPSInput{Promoters: d, Passives: pa, Detractors: p})
		if err != nil || !swapped.Equal(got.Neg()) {
			t.Fatalf("swapped NPS %v, want %v (%v)", swapped, got.Neg(), err)
		}
	})
}

func FuzzNPS(f *testing.F) {
	f.Add(200, 150, 150)
	f.Add(0, 0, 0)
	f.Add(-1, 0, 5)
	f.Add(math.MaxInt, math.MaxInt, math.MaxInt)
	f.Fuzz(func(t *testing.T, p, pa, d int) {
		got, err := crm.NPS(crm.NPSInput{Promoters: p, Passives: pa, Detractors: d})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if !npsInRange(got) {
			t.Fatalf("NPS %v outside -100..100 for %d/%d/%d", got, p, pa, d)
		}
	})
}

func TestCategorizeNPSScore(t *testing.T) {
	want := []crm.NPSCategory{
		crm.Detractor, crm.Detractor, crm.Detractor, crm.Detractor, crm.Detractor, crm.Detractor, crm.Detractor, // 0..6
		crm.Passive, crm.Passive, // 7, 8
		crm.Promoter, crm.Promoter, // 9, 10
	}
	var got []crm.NPSCategory
	for score := 0; score <= 10; score++ {
		c, err := crm.CategorizeNPSScore(score)
		if err != nil {
			t.Fatalf("CategorizeNPSScore(%d): %v", score, err)
		}
		got = append(got, c)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("categories of 0..10 (-want +got):\n%s", diff)
	}
}

func TestCategorizeNPSScoreErrors(t *testing.T) {
	for _, score := range []int{-1, 11, math.MinInt, math.MaxInt} {
		t.Run(fmt.Sprint(score), func(t *testing.T) {
			got, err := crm.CategorizeNPSScore(score)
			surveyRequireError(t, err, metrics.ErrOutOfRange, "score", -1)
			if got != 0 {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestNPSCategoryString(t *testing.T) {
	tests := []struct {
		c    crm.NPSCategory
		want string
	}{
		{crm.Detractor, "detractor"},
		{crm.Passive, "passive"},
		{crm.Promoter, "promoter"},
		{0, "NPSCategory(0)"},
		{4, "NPSCategory(4)"},
		{-1, "NPSCategory(-1)"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.c.String()); diff != "" {
			t.Errorf("NPSCategory(%d).String() (-want +got):\n%s", int(tt.c), diff)
		}
	}
}

func FuzzCategorizeNPSScore(f *testing.F) {
	f.Add(0)
	f.Add(7)
	f.Add(11)
	f.Add(-1)
	f.Fuzz(func(t *testing.T, score int) {
		c, err := crm.CategorizeNPSScore(score)
		if err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrOutOfRange)
			if score >= 0 && score <= 10 {
				t.Fatalf("score %d rejected: %v", score, err)
			}
			return
		}
		if score < 0 || score > 10 || c < crm.Detractor || c > crm.Promoter {
			t.Fatalf("score %d categorized as %v", score, c)
		}
	})
}

func TestCountNPSScores(t *testing.T) {
	tests := []struct {
		name   string
		scores []int
		want   crm.NPSInput
	}{
		{"nil", nil, crm.NPSInput{}},
		{"empty", []int{}, crm.NPSInput{}},
		{"boundaries", []int{0, 6, 7, 8, 9, 10}, crm.NPSInput{Promoters: 2, Passives: 2, Detractors: 2}},
		{"every score once", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, crm.NPSInput{Promoters: 2, Passives: 2, Detractors: 7}},
		{"promoters only", []int{10, 10, 9}, crm.NPSInput{Promoters: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CountNPSScores(tt.scores)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CountNPSScores(%v) (-want +got):\n%s", tt.scores, diff)
			}
		})
	}
}

func TestCountNPSScoresErrors(t *testing.T) {
	tests := []struct {
		name   string
		scores []int
		index  int
	}{
		{"negative first", []int{-1, 5}, 0},
		{"eleven last", []int{5, 9, 11}, 2},
		{"first bad one reported", []int{3, 12, -4}, 1},
		{"MinInt", []int{math.MinInt}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CountNPSScores(tt.scores)
			surveyRequireError(t, err, metrics.ErrOutOfRange, "scores", tt.index)
			if diff := cmp.Diff(crm.NPSInput{}, got); diff != "" {
				t.Errorf("result with an error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNPSFromScores(t *testing.T) {
	tests := []struct {
		name   string
		scores []int
		want   decimal.Decimal
	}{
		{"six promoters two detractors of ten", []int{10, 9, 9, 8, 7, 6, 10, 9, 2, 10}, decimal.NewFromInt(40)},
		{"one detractor", []int{0}, decimal.NewFromInt(-100)},
		{"one promoter", []int{9}, decimal.NewFromInt(100)},
		{"one passive", []int{8}, decimal.Zero},
		{"thirds", []int{10, 7, 7}, decimal.RequireFromString("33.3333333333")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.NPSFromScores(tt.scores)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NPSFromScores(%v) (-want +got):\n%s", tt.scores, diff)
			}
		})
	}
}

func TestNPSFromScoresErrors(t *testing.T) {
	tests := []struct {
		name   string
		scores []int
		want   error
		index  int
	}{
		{"nil", nil, metrics.ErrEmpty, -1},
		{"empty", []int{}, metrics.ErrEmpty, -1},
		{"off scale", []int{9, 10, 11}, metrics.ErrOutOfRange, 2},
		{"negative", []int{-3}, metrics.ErrOutOfRange, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.NPSFromScores(tt.scores)
			surveyRequireError(t, err, tt.want, "scores", tt.index)
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff("crm.NPSFromScores", e.Metric); diff != "" {
				t.Errorf("metric (-want +got):\n%s", diff)
			}
			if !got.Equal(decimal.Decimal{}) {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestNPSFromScoresProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scores := rapid.SliceOfN(rapid.IntRange(0, 10), 1, 300).Draw(t, "scores")
		got, err := crm.NPSFromScores(scores)
		if err != nil {
			t.Fatal(err)
		}
		in, err := crm.CountNPSScores(scores)
		if err != nil {
			t.Fatal(err)
		}
		// The counts partition the answers, as CategorizeNPSScore assigns them.
		var want crm.NPSInput
		for _, s := range scores {
			c, err := crm.CategorizeNPSScore(s)
			if err != nil {
				t.Fatal(err)
			}
			switch c {
			case crm.Promoter:
				want.Promoters++
			case crm.Passive:
				want.Passives++
			case crm.Detractor:
				want.Detractors++
			}
		}
		if diff := cmp.Diff(want, in); diff != "" {
			t.Fatalf("CountNPSScores disagrees with CategorizeNPSScore (-want +got):\n%s", diff)
		}
		// NPS from scores = NPS from counts.
		fromCounts, err := crm.NPS(in)
		if err != nil || !fromCounts.Equal(got) {
			t.Fatalf("NPSFromScores %v, NPS of the counts %v (%v)", got, fromCounts, err)
		}
		if !npsInRange(got) {
			t.Fatalf("NPS %v outside -100..100", got)
		}
		// Oracle, counting scores independently by their numeric bounds.
		var p, pa, d int
		for _, s := range scores {
			switch {
			case s >= 9:
				p++
			case s >= 7:
				pa++
			default:
				d++
			}
		}
		testkit.RequireRat(t, got, npsRat(p, pa, d))
		// Raising one answer never lowers the score.
		i := rapid.IntRange(0, len(scores)-1).Draw(t, "i")
		if scores[i] < 10 {
			raised := append([]int(nil), scores...)
			raised[i]++
			higher, err := crm.NPSFromScores(raised)
			if err != nil || !surveyNotBelow(higher, got) {
				t.Fatalf("raising answer %d lowered NPS: %v -> %v (%v)", i, got, higher, err)
			}
		}
	})
}

// npsFuzzScores maps fuzz bytes to answers, mostly on the 0..10 scale with
// some just off it.
func npsFuzzScores(data []byte) []int {
	scores := make([]int, len(data))
	for i, b := range data {
		scores[i] = int(b%13) - 1
	}
	return scores
}

func FuzzCountNPSScores(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 8, 11})
	f.Add([]byte{0})
	f.Fuzz(func(t *testing.T, data []byte) {
		scores := npsFuzzScores(data)
		in, err := crm.CountNPSScores(scores)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if in.Promoters < 0 || in.Passives < 0 || in.Detractors < 0 || in.Promoters+in.Passives+in.Detractors != len(scores) {
			t.Fatalf("counts %+v do not partition %d scores", in, len(scores))
		}
	})
}

func FuzzNPSFromScores(f *testing.F) {
	f.Add([]byte{11, 10, 10, 9, 8, 7, 11, 10, 3, 11})
	f.Add([]byte{})
	f.Add([]byte{0})
	f.Fuzz(func(t *testing.T, data []byte) {
		scores := npsFuzzScores(data)
		got, err := crm.NPSFromScores(scores)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if !npsInRange(got) {
			t.Fatalf("NPS %v outside -100..100", got)
		}
		in, err := crm.CountNPSScores(scores)
		if err != nil {
			t.Fatalf("NPSFromScores accepted %v, CountNPSScores did not: %v", scores, err)
		}
		if fromCounts, err := crm.NPS(in); err != nil || !fromCounts.Equal(got) {
			t.Fatalf("NPSFromScores %v, NPS of the counts %v (%v)", got, fromCounts, err)
		}
	})
}

// surveyRequireError checks a survey metric's error: its sentinel, its field,
// and its slice index (−1 when the error is not about one element).
func surveyRequireError(t *testing.T, err, want error, field string, index int) {
	t.Helper()
	testkit.RequireSentinel(t, err, want)
	var e *metrics.Error
	errors.As(err, &e)
	if diff := cmp.Diff(field, e.Field); diff != "" {
		t.Errorf("field (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(index, e.Index); diff != "" {
		t.Errorf("index (-want +got):\n%s", diff)
	}
}

func TestCountNPSScoresAllocs(t *testing.T) {
	scores := []int{10, 9, 9, 8, 7, 6, 10, 9, 2, 10}
	if n := testing.AllocsPerRun(100, func() { _, _ = crm.CountNPSScores(scores) }); n != 0 {
		t.Errorf("CountNPSScores allocates %v times per call, documented as none", n)
	}
}

func BenchmarkNPSFromScores(b *testing.B) {
	for _, size := range []int{100, 10_000, 1_000_000} {
		scores := make([]int, size)
		for i := range scores {
			scores[i] = (i * 7) % 11
		}
		b.Run(fmt.Sprintf("n=%d/impl=kpikit", size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := crm.NPSFromScores(scores); err != nil {
					b.Fatal(err)
				}
			}
		})
		// The naive way: categorize each answer, sum decimal shares.
		b.Run(fmt.Sprintf("n=%d/impl=naive-decimal", size), func(b *testing.B) {
			b.ReportAllocs()
			one := decimal.NewFromInt(1)
			for b.Loop() {
				p, d := decimal.Zero, decimal.Zero
				for _, s := range scores {
					switch {
					case s >= 9:
						p = p.Add(one)
					case s <= 6:
						d = d.Add(one)
					}
				}
				_ = p.Sub(d).Mul(decimal.NewFromInt(100)).DivRound(decimal.NewFromInt(int64(len(scores))), metrics.Scale)
			}
		})
		b.Run(fmt.Sprintf("n=%d/impl=float64", size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var p, d float64
				for _, s := range scores {
					switch {
					case s >= 9:
						p++
					case s <= 6:
						d++
					}
				}
				_ = (p - d) / float64(len(scores)) * 100
			}
		})
	}
}
