package crm_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// "Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM de
// gestion de la relation client?" (3 October 2024, in French): of 500
// customers surveyed, 200 are promoters, 150 passives and 150 detractors:
// 40% − 30% = 10.
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
	// crm.NPS: Promoters 0 + Passives 0 + Detractors 0 is zero: there are no answers: undefined for this input
	// true
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
	_, err = crm.NPSFromScores([]int{10, 9, 11})
	fmt.Println(err)
	_, err = crm.NPSFromScores(nil)
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	// Output:
	// 40
	// crm.NPSFromScores: scores[2] 11 is outside the NPS scale 0..10: out of range
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

func ExampleNPSCategory_UnmarshalText() {
	var c crm.NPSCategory
	if err := c.UnmarshalText([]byte("passive")); err != nil {
		fmt.Println(err)
		return
	}
	text, _ := crm.Promoter.MarshalText()
	fmt.Println(c == crm.Passive, string(text))
	fmt.Println(c.UnmarshalText([]byte("Passive")))
	// Output:
	// true promoter
	// crm.NPSCategory.UnmarshalText: text "Passive" is not detractor, passive or promoter: invalid value
}

func TestNPS(t *testing.T) {
	tests := []struct {
		name string
		in   crm.NPSInput
		want decimal.Decimal
	}{
		{"worked example, 3 Oct 2024 article", crm.NPSInput{Promoters: 200, Passives: 150, Detractors: 150}, decimal.NewFromInt(10)},
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
		{"zero value", crm.NPSInput{}, metrics.ErrUndefined, "Promoters"},
		{"negative promoters", crm.NPSInput{Promoters: -1, Passives: 5}, metrics.ErrNegative, "Promoters"},
		{"negative passives", crm.NPSInput{Promoters: 1, Passives: -5}, metrics.ErrNegative, "Passives"},
		{"negative detractors", crm.NPSInput{Promoters: 3, Detractors: -1}, metrics.ErrNegative, "Detractors"},
		{"negative total zero", crm.NPSInput{Promoters: 1, Detractors: -1}, metrics.ErrNegative, "Detractors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.NPS(tt.in)
			surveyRequireError(t, err, tt.want, tt.field, -1, crm.NPSInput{})
			if diff := cmp.Diff(decimal.Decimal{}, got); diff != "" {
				t.Errorf("result with an error (-want +got):\n%s", diff)
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
			testkit.RequireFieldOf(t, err, crm.NPSInput{})
			return
		}
		if !npsInRange(got) {
			t.Fatalf("NPS %v outside -100..100 for %d/%d/%d", got, p, pa, d)
		}
		testkit.RequireRat(t, got, npsRat(p, pa, d))
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
			surveyRequireError(t, err, metrics.ErrOutOfRange, "score", -1, struct{ score int }{})
			if got != 0 {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
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
			surveyRequireError(t, err, metrics.ErrOutOfRange, "score", -1, struct{ score int }{})
			if score >= 0 && score <= 10 {
				t.Fatalf("score %d rejected: %v", score, err)
			}
			return
		}
		want := crm.Detractor
		switch {
		case score >= 9:
			want = crm.Promoter
		case score >= 7:
			want = crm.Passive
		}
		if c != want {
			t.Fatalf("score %d categorized as %v, want %v", score, c, want)
		}
	})
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

func TestNPSCategoryText(t *testing.T) {
	for _, c := range []crm.NPSCategory{crm.Detractor, crm.Passive, crm.Promoter} {
		text, err := c.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.String(), string(text)); diff != "" {
			t.Errorf("MarshalText of %v (-want +got):\n%s", c, diff)
		}
		var got crm.NPSCategory
		if err := got.UnmarshalText(text); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c, got); diff != "" {
			t.Errorf("round trip of %q (-want +got):\n%s", text, diff)
		}
	}
}

func TestNPSCategoryTextErrors(t *testing.T) {
	for _, c := range []crm.NPSCategory{0, 4, -1} {
		text, err := c.MarshalText()
		surveyRequireError(t, err, metrics.ErrInvalid, "c", -1, struct{ c crm.NPSCategory }{})
		if text != nil {
			t.Errorf("MarshalText(%d) = %q with an error", int(c), text)
		}
	}
	for _, text := range []string{"", "Promoter", "promoters", "NPSCategory(1)", "1"} {
		c := crm.Passive
		err := c.UnmarshalText([]byte(text))
		surveyRequireError(t, err, metrics.ErrInvalid, "text", -1, struct{ text string }{})
		if c != crm.Passive {
			t.Errorf("UnmarshalText(%q) changed the category to %v", text, c)
		}
	}
}

func TestNPSFromScores(t *testing.T) {
	tests := []struct {
		name   string
		scores []int
		want   decimal.Decimal
	}{
		{"boundaries", []int{0, 6, 7, 8, 9, 10}, decimal.Zero},
		{"every score once", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, decimal.RequireFromString("-45.4545454545")},
		{"one promoter", []int{10}, decimal.NewFromInt(100)},
		{"ten answers", []int{10, 9, 9, 8, 7, 6, 10, 9, 2, 10}, decimal.NewFromInt(40)},
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
	in := struct{ scores []int }{}
	tests := []struct {
		name   string
		scores []int
		want   error
		field  string
		index  int
	}{
		{"nil", nil, metrics.ErrUndefined, "Promoters", -1},
		{"empty", []int{}, metrics.ErrUndefined, "Promoters", -1},
		{"below the scale", []int{10, -1}, metrics.ErrOutOfRange, "scores", 1},
		{"above the scale", []int{11, 10}, metrics.ErrOutOfRange, "scores", 0},
		{"first of two off the scale", []int{1, 2, 3, 4, 99, -7}, metrics.ErrOutOfRange, "scores", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.NPSFromScores(tt.scores)
			// An empty slice is reported on the counts, as NPS reports it.
			var desc any = in
			if tt.field == "Promoters" {
				desc = crm.NPSInput{}
			}
			surveyRequireError(t, err, tt.want, tt.field, tt.index, desc)
			if diff := cmp.Diff(decimal.Decimal{}, got); diff != "" {
				t.Errorf("result with an error (-want +got):\n%s", diff)
			}
		})
	}
}

// The three paths agree: raw scores, counts from the test's own
// categorisation, and a tally fed one answer at a time.
func TestNPSFromScoresProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scores := rapid.SliceOfN(rapid.IntRange(0, 10), 0, 300).Draw(t, "scores")
		got, err := crm.NPSFromScores(scores)
		want, wantErr := crm.NPS(npsCountsOf(scores))
		var tally crm.NPSTally
		for _, s := range scores {
			if err := tally.Add(s); err != nil {
				t.Fatal(err)
			}
		}
		one, oneErr := tally.NPS()
		if len(scores) == 0 {
			for _, err := range []error{err, wantErr, oneErr} {
				testkit.RequireSentinel(t, err, metrics.ErrUndefined)
			}
			return
		}
		if err != nil || wantErr != nil || oneErr != nil {
			t.Fatal(err, wantErr, oneErr)
		}
		if diff := cmp.Diff([]decimal.Decimal{want, want}, []decimal.Decimal{got, one}); diff != "" {
			t.Fatalf("NPSFromScores and NPSTally.NPS against NPS of counts (-want +got):\n%s", diff)
		}
		c := npsCountsOf(scores)
		testkit.RequireRat(t, got, npsRat(c.Promoters, c.Passives, c.Detractors))
	})
}

func FuzzNPSFromScores(f *testing.F) {
	f.Add([]byte{10, 9, 8, 0})
	f.Add([]byte{})
	f.Add([]byte{11, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		scores := surveyFuzzInts(0, data)
		got, err := crm.NPSFromScores(scores)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			for _, s := range scores {
				if s < 0 || s > 10 {
					testkit.RequireSentinel(t, err, metrics.ErrOutOfRange)
					return
				}
			}
			testkit.RequireSentinel(t, err, metrics.ErrUndefined)
			if len(scores) != 0 {
				t.Fatalf("scores %v on the scale rejected: %v", scores, err)
			}
			return
		}
		c := npsCountsOf(scores)
		testkit.RequireRat(t, got, npsRat(c.Promoters, c.Passives, c.Detractors))
	})
}

// NPSFromScores allocates the result only: as many times for a million
// scores as for ten.
func TestNPSFromScoresAllocs(t *testing.T) {
	small := []int{10, 9, 9, 8, 7, 6, 10, 9, 2, 10}
	large := make([]int, 1_000_000)
	for i := range large {
		large[i] = small[i%len(small)]
	}
	few := testing.AllocsPerRun(20, func() { _, _ = crm.NPSFromScores(small) })
	many := testing.AllocsPerRun(5, func() { _, _ = crm.NPSFromScores(large) })
	if few != many {
		t.Errorf("NPSFromScores allocates %v times for 10 scores, %v for a million", few, many)
	}
}
