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

// A 1–7 effort survey ("The company made it easy to handle my issue", 7 =
// strongly agree) with 100 answers:
// (1×2 + 2×3 + 3×5 + 4×10 + 5×20 + 6×40 + 7×20) / 100 = 543 / 100 = 5.43.
func ExampleCES() {
	ces, err := crm.CES(crm.CESInput{
		Scale:  crm.SurveyScale{Min: 1, Max: 7},
		Counts: []int{2, 3, 5, 10, 20, 40, 20}, // answers scoring 1, 2, ..., 7
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ces)
	// Output:
	// 5.43
}

func ExampleCES_error() {
	_, err := crm.CES(crm.CESInput{Scale: crm.SurveyScale{Min: 1, Max: 7}, Counts: []int{2, 3, 5, 10, 20}})
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrInconsistent))
	// Output:
	// crm.CES: Counts 5 entries do not match Scale 1..7, which has 7 scores: inconsistent input
	// true
}

// Six answers on a 1–7 scale: (7 + 6 + 5 + 7 + 4 + 6) / 6 = 35 / 6, rounded
// at 10 digits.
func ExampleCESFromAnswers() {
	ces, err := crm.CESFromAnswers(crm.SurveyScale{Min: 1, Max: 7}, []int{7, 6, 5, 7, 4, 6})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ces)
	fmt.Println(ces.StringFixed(2))
	// Output:
	// 5.8333333333
	// 5.83
}

func TestCES(t *testing.T) {
	one7 := crm.SurveyScale{Min: 1, Max: 7}
	around0 := crm.SurveyScale{Min: -3, Max: 3}
	tests := []struct {
		name string
		in   crm.CESInput
		want decimal.Decimal
	}{
		{"1..7 survey of 100", crm.CESInput{Scale: one7, Counts: []int{2, 3, 5, 10, 20, 40, 20}}, decimal.RequireFromString("5.43")},
		{"all at the top", crm.CESInput{Scale: one7, Counts: []int{0, 0, 0, 0, 0, 0, 9}}, decimal.NewFromInt(7)},
		{"all at the bottom", crm.CESInput{Scale: one7, Counts: []int{4, 0, 0, 0, 0, 0, 0}}, decimal.NewFromInt(1)},
		{"both ends of 1..5", crm.CESInput{Scale: crm.SurveyScale{Min: 1, Max: 5}, Counts: []int{1, 0, 0, 0, 1}}, decimal.NewFromInt(3)},
		{"negative scores", crm.CESInput{Scale: around0, Counts: []int{2, 0, 0, 0, 0, 0, 1}}, decimal.NewFromInt(-1)},
		{"negative half", crm.CESInput{Scale: around0, Counts: []int{1, 1, 0, 0, 0, 0, 0}}, decimal.RequireFromString("-2.5")},
		{"negative repeating rounds away from zero", crm.CESInput{Scale: around0, Counts: []int{2, 1, 0, 0, 0, 0, 0}}, decimal.RequireFromString("-2.6666666667")},
		{"counts overflow int", crm.CESInput{Scale: one7, Counts: []int{math.MaxInt, 0, 0, 0, 0, 0, math.MaxInt}}, decimal.NewFromInt(4)},
		{"two-point scale", crm.CESInput{Scale: crm.SurveyScale{Min: 0, Max: 1}, Counts: []int{1, 3}}, decimal.RequireFromString("0.75")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CES(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CES(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestCESErrors(t *testing.T) {
	one7 := crm.SurveyScale{Min: 1, Max: 7}
	tests := []struct {
		name  string
		in    crm.CESInput
		want  error
		field string
		index int
	}{
		{"zero value", crm.CESInput{}, metrics.ErrInvalid, "Scale", -1},
		{"zero scale with counts", crm.CESInput{Counts: []int{1, 2, 3}}, metrics.ErrInvalid, "Scale", -1},
		{"reversed scale", crm.CESInput{Scale: crm.SurveyScale{Min: 7, Max: 1}, Counts: []int{1}}, metrics.ErrInvalid, "Scale", -1},
		{"nil counts", crm.CESInput{Scale: one7}, metrics.ErrInconsistent, "Counts", -1},
		{"too few counts", crm.CESInput{Scale: one7, Counts: make([]int, 6)}, metrics.ErrInconsistent, "Counts", -1},
		{"too many counts", crm.CESInput{Scale: one7, Counts: make([]int, 8)}, metrics.ErrInconsistent, "Counts", -1},
		{"negative count", crm.CESInput{Scale: one7, Counts: []int{1, 1, 1, 1, 1, 1, -1}}, metrics.ErrNegative, "Counts", 6},
		{"no answers", crm.CESInput{Scale: one7, Counts: make([]int, 7)}, metrics.ErrUndefined, "Counts", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CES(tt.in)
			surveyRequireError(t, err, tt.want, tt.field, tt.index)
			if !got.Equal(decimal.Decimal{}) {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

// cesRat is the oracle: Σ score × count / Σ count in exact rationals.
func cesRat(scale crm.SurveyScale, counts []int) *big.Rat {
	sum, total := new(big.Int), new(big.Int)
	for i, c := range counts {
		n := new(big.Int).SetInt64(int64(c))
		total.Add(total, n)
		sum.Add(sum, n.Mul(n, new(big.Int).SetInt64(int64(scale.Min+i))))
	}
	return new(big.Rat).SetFrac(sum, total)
}

// cesWithin reports whether mean lies on the scale.
func cesWithin(mean decimal.Decimal, scale crm.SurveyScale) bool {
	return mean.Cmp(decimal.NewFromInt(int64(scale.Min))) >= 0 && mean.Cmp(decimal.NewFromInt(int64(scale.Max))) <= 0
}

func TestCESProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scale := surveyScaleGen(t)
		huge := rapid.Bool().Draw(t, "huge counts")
		count := rapid.IntRange(0, 30)
		if huge {
			count = rapid.OneOf(rapid.IntRange(0, 1000), rapid.IntRange(math.MaxInt-1000, math.MaxInt))
		}
		counts := surveyCountsGen(t, scale, count)
		got, err := crm.CES(crm.CESInput{Scale: scale, Counts: counts})
		if err != nil {
			t.Fatal(err)
		}
		if !cesWithin(got, scale) {
			t.Fatalf("CES %v outside the scale %v", got, scale)
		}
		testkit.RequireRat(t, got, cesRat(scale, counts))
		// Shifting the scale and every answer by k shifts the mean by k.
		k := rapid.IntRange(-100, 100).Draw(t, "shift")
		shifted, err := crm.CES(crm.CESInput{Scale: crm.SurveyScale{Min: scale.Min + k, Max: scale.Max + k}, Counts: counts})
		if err != nil || !shifted.Equal(got.Add(decimal.NewFromInt(int64(k)))) {
			t.Fatalf("shifted by %d: %v, want %v + %d (%v)", k, shifted, got, k, err)
		}
		// One more answer at the top never lowers the mean, at the bottom
		// never raises it.
		last := len(counts) - 1
		if counts[last] < math.MaxInt {
			up := append([]int(nil), counts...)
			up[last]++
			higher, err := crm.CES(crm.CESInput{Scale: scale, Counts: up})
			if err != nil || !surveyNotBelow(higher, got) {
				t.Fatalf("a top answer lowered CES: %v -> %v (%v)", got, higher, err)
			}
		}
		if counts[0] < math.MaxInt {
			down := append([]int(nil), counts...)
			down[0]++
			lower, err := crm.CES(crm.CESInput{Scale: scale, Counts: down})
			if err != nil || !surveyNotBelow(got, lower) {
				t.Fatalf("a bottom answer raised CES: %v -> %v (%v)", got, lower, err)
			}
		}
		// CES from answers = CES from counts.
		if !huge {
			answers := surveyAnswers(t, scale, counts)
			fromAnswers, err := crm.CESFromAnswers(scale, answers)
			if err != nil || !fromAnswers.Equal(got) {
				t.Fatalf("CESFromAnswers %v, CES %v (%v)", fromAnswers, got, err)
			}
		}
	})
}

func FuzzCES(f *testing.F) {
	f.Add(1, 7, []byte{2, 3, 5, 10, 20, 40, 20})
	f.Add(0, 0, []byte{})
	f.Add(-3, 3, []byte{0, 0, 0, 0, 0, 0, 0})
	f.Add(1, 5, []byte{1, 255, 1, 1, 1})
	f.Fuzz(func(t *testing.T, lo, hi int, data []byte) {
		scale := crm.SurveyScale{Min: lo, Max: hi}
		got, err := crm.CES(crm.CESInput{Scale: scale, Counts: surveyFuzzCounts(data)})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if !cesWithin(got, scale) {
			t.Fatalf("CES %v outside the scale %v", got, scale)
		}
	})
}

func TestCESFromAnswers(t *testing.T) {
	one7 := crm.SurveyScale{Min: 1, Max: 7}
	tests := []struct {
		name    string
		scale   crm.SurveyScale
		answers []int
		want    decimal.Decimal
	}{
		{"six answers", one7, []int{7, 6, 5, 7, 4, 6}, decimal.RequireFromString("5.8333333333")},
		{"one answer", one7, []int{3}, decimal.NewFromInt(3)},
		{"half", one7, []int{3, 4}, decimal.RequireFromString("3.5")},
		{"negative scale", crm.SurveyScale{Min: -3, Max: 3}, []int{-3, -3, -2}, decimal.RequireFromString("-2.6666666667")},
		{"widest scale", crm.SurveyScale{Min: math.MinInt, Max: math.MaxInt}, []int{math.MinInt, math.MaxInt}, decimal.RequireFromString("-0.5")},
		{"bottom of the widest scale", crm.SurveyScale{Min: math.MinInt, Max: 0}, []int{math.MinInt, math.MinInt}, decimal.NewFromInt(math.MinInt)},
		{"offsets beyond int", crm.SurveyScale{Min: 0, Max: math.MaxInt}, []int{math.MaxInt, math.MaxInt, math.MaxInt}, decimal.NewFromInt(math.MaxInt)},
		{"offset sum beyond int", crm.SurveyScale{Min: 0, Max: math.MaxInt}, []int{math.MaxInt / 2, math.MaxInt / 2, math.MaxInt / 2}, decimal.NewFromInt(math.MaxInt / 2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CESFromAnswers(tt.scale, tt.answers)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CESFromAnswers(%v, %v) (-want +got):\n%s", tt.scale, tt.answers, diff)
			}
		})
	}
}

func TestCESFromAnswersErrors(t *testing.T) {
	one7 := crm.SurveyScale{Min: 1, Max: 7}
	tests := []struct {
		name    string
		scale   crm.SurveyScale
		answers []int
		want    error
		field   string
		index   int
	}{
		{"zero values", crm.SurveyScale{}, nil, metrics.ErrInvalid, "scale", -1},
		{"zero scale", crm.SurveyScale{}, []int{0, 0}, metrics.ErrInvalid, "scale", -1},
		{"one-point scale", crm.SurveyScale{Min: 4, Max: 4}, []int{4}, metrics.ErrInvalid, "scale", -1},
		{"nil answers", one7, nil, metrics.ErrEmpty, "answers", -1},
		{"empty answers", one7, []int{}, metrics.ErrEmpty, "answers", -1},
		{"answer above", one7, []int{7, 8}, metrics.ErrOutOfRange, "answers", 1},
		{"answer below", one7, []int{0}, metrics.ErrOutOfRange, "answers", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CESFromAnswers(tt.scale, tt.answers)
			surveyRequireError(t, err, tt.want, tt.field, tt.index)
			if !got.Equal(decimal.Decimal{}) {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestCESFromAnswersProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Scales of any width, from a few scores to the whole int range.
		lo := rapid.OneOf(rapid.IntRange(-20, 20), rapid.Int()).Draw(t, "min")
		near := lo + 10
		if near < lo {
			near = math.MaxInt
		}
		hi := rapid.OneOf(rapid.IntRange(lo, near), rapid.IntRange(lo, math.MaxInt)).Draw(t, "max")
		if hi == lo {
			if hi == math.MaxInt {
				lo--
			} else {
				hi++
			}
		}
		scale := crm.SurveyScale{Min: lo, Max: hi}
		answers := rapid.SliceOfN(rapid.IntRange(lo, hi), 1, 100).Draw(t, "answers")
		got, err := crm.CESFromAnswers(scale, answers)
		if err != nil {
			t.Fatal(err)
		}
		if !cesWithin(got, scale) {
			t.Fatalf("CES %v outside the scale %v", got, scale)
		}
		sum := new(big.Int)
		for _, a := range answers {
			sum.Add(sum, new(big.Int).SetInt64(int64(a)))
		}
		testkit.RequireRat(t, got, new(big.Rat).SetFrac(sum, new(big.Int).SetInt64(int64(len(answers)))))
	})
}

func FuzzCESFromAnswers(f *testing.F) {
	f.Add(1, 7, []byte{7, 6, 5, 7, 4, 6})
	f.Add(0, 0, []byte{})
	f.Add(1, 7, []byte{8})
	f.Add(-3, 3, []byte{0, 255, 6})
	f.Fuzz(func(t *testing.T, lo, hi int, data []byte) {
		// Answers are near the scale's bottom, some below it or above it.
		answers := make([]int, len(data))
		for i, b := range data {
			answers[i] = lo + int(int8(b))
		}
		scale := crm.SurveyScale{Min: lo, Max: hi}
		got, err := crm.CESFromAnswers(scale, answers)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if !cesWithin(got, scale) {
			t.Fatalf("CES %v outside the scale %v", got, scale)
		}
		// Cross-check with CES over the same answers counted per score.
		if span := uint64(hi) - uint64(lo); span <= 1000 {
			counts := make([]int, span+1)
			for _, a := range answers {
				counts[uint64(a)-uint64(lo)]++
			}
			fromCounts, err := crm.CES(crm.CESInput{Scale: scale, Counts: counts})
			if err != nil || !fromCounts.Equal(got) {
				t.Fatalf("CESFromAnswers %v, CES of the counts %v (%v)", got, fromCounts, err)
			}
		}
	})
}

func BenchmarkCESFromAnswers(b *testing.B) {
	scale := crm.SurveyScale{Min: 1, Max: 7}
	for _, size := range []int{100, 10_000, 1_000_000} {
		answers := make([]int, size)
		for i := range answers {
			answers[i] = 1 + (i*5)%7
		}
		b.Run(fmt.Sprintf("n=%d/impl=kpikit", size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := crm.CESFromAnswers(scale, answers); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/impl=decimal-sum", size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sum := decimal.Zero
				for _, a := range answers {
					sum = sum.Add(decimal.NewFromInt(int64(a)))
				}
				_ = sum.DivRound(decimal.NewFromInt(int64(len(answers))), metrics.Scale)
			}
		})
		b.Run(fmt.Sprintf("n=%d/impl=float64", size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var sum float64
				for _, a := range answers {
					sum += float64(a)
				}
				_ = sum / float64(len(answers))
			}
		})
	}
}
