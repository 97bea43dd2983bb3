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
	// crm.CES: Counts[5] is missing: Scale 1..7 has 7 scores, one count each: inconsistent input
	// true
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
		{"nil counts", crm.CESInput{Scale: one7}, metrics.ErrInconsistent, "Counts", 0},
		{"too few counts", crm.CESInput{Scale: one7, Counts: make([]int, 6)}, metrics.ErrInconsistent, "Counts", 6},
		{"too many counts", crm.CESInput{Scale: one7, Counts: make([]int, 8)}, metrics.ErrInconsistent, "Counts", 7},
		{"negative count", crm.CESInput{Scale: one7, Counts: []int{1, 1, 1, 1, 1, 1, -1}}, metrics.ErrNegative, "Counts", 6},
		{"no answers", crm.CESInput{Scale: one7, Counts: make([]int, 7)}, metrics.ErrUndefined, "Counts", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.CES(tt.in)
			surveyRequireError(t, err, tt.want, tt.field, tt.index, crm.CESInput{})
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
		// CES of a tally of the answers = CES of the counts.
		if !huge {
			tally := crm.AnswerTally{Scale: scale}
			if err := tally.AddAll(surveyAnswers(t, scale, counts)); err != nil {
				t.Fatal(err)
			}
			fromTally, err := tally.CES()
			if err != nil || !fromTally.Equal(got) {
				t.Fatalf("AnswerTally.CES %v, CES %v (%v)", fromTally, got, err)
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
			testkit.RequireFieldOf(t, err, crm.CESInput{})
			return
		}
		if !cesWithin(got, scale) {
			t.Fatalf("CES %v outside the scale %v", got, scale)
		}
	})
}
