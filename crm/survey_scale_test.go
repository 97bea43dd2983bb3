package crm_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/internal/testkit"
)

func ExampleSurveyScale_Contains() {
	scale := crm.SurveyScale{Min: 1, Max: 5}
	fmt.Println(scale, scale.Contains(1), scale.Contains(5), scale.Contains(0), scale.Contains(6))
	// Output:
	// 1..5 true true false false
}

func ExampleSurveyScale_String() {
	fmt.Println(crm.SurveyScale{Min: 1, Max: 7})
	fmt.Println(crm.SurveyScale{Min: -3, Max: 3})
	// Output:
	// 1..7
	// -3..3
}

func TestSurveyScaleContains(t *testing.T) {
	tests := []struct {
		scale crm.SurveyScale
		score int
		want  bool
	}{
		{crm.SurveyScale{Min: 1, Max: 5}, 1, true},
		{crm.SurveyScale{Min: 1, Max: 5}, 3, true},
		{crm.SurveyScale{Min: 1, Max: 5}, 5, true},
		{crm.SurveyScale{Min: 1, Max: 5}, 0, false},
		{crm.SurveyScale{Min: 1, Max: 5}, 6, false},
		{crm.SurveyScale{Min: -3, Max: 3}, -3, true},
		{crm.SurveyScale{Min: -3, Max: 3}, -4, false},
		{crm.SurveyScale{Min: math.MinInt, Max: math.MaxInt}, math.MinInt, true},
		{crm.SurveyScale{Min: math.MinInt, Max: math.MaxInt}, math.MaxInt, true},
		{crm.SurveyScale{}, 0, true},
		{crm.SurveyScale{Min: 5, Max: 1}, 3, false},
	}
	for _, tt := range tests {
		if got := tt.scale.Contains(tt.score); got != tt.want {
			t.Errorf("%v.Contains(%d) = %v, want %v", tt.scale, tt.score, got, tt.want)
		}
	}
}

func TestSurveyScaleString(t *testing.T) {
	tests := []struct {
		scale crm.SurveyScale
		want  string
	}{
		{crm.SurveyScale{Min: 1, Max: 5}, "1..5"},
		{crm.SurveyScale{Min: 0, Max: 10}, "0..10"},
		{crm.SurveyScale{Min: -3, Max: 3}, "-3..3"},
		{crm.SurveyScale{}, "0..0"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.scale.String()); diff != "" {
			t.Errorf("SurveyScale%+v.String() (-want +got):\n%s", tt.scale, diff)
		}
	}
}

// TestSurveyGlobalsIgnored proves that the survey metrics do not depend on
// shopspring/decimal's package globals: every result below has a repeating
// or long quotient.
func TestSurveyGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		var b strings.Builder
		add := func(s string, err error) {
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(s)
			b.WriteByte(' ')
		}
		one7 := crm.SurveyScale{Min: 1, Max: 7}
		nps, err := crm.NPS(crm.NPSInput{Promoters: 2, Passives: 3, Detractors: 1})
		add(exact.Text(nps), err)
		nps, err = crm.NPS(crm.NPSInput{Promoters: math.MaxInt, Passives: math.MaxInt, Detractors: 1})
		add(exact.Text(nps), err)
		nps, err = crm.NPSFromScores([]int{0, 0, 9, 7, 7, 7, 7})
		add(exact.Text(nps), err)
		csat, err := crm.CSAT(crm.CSATInput{Scale: crm.SurveyScale{Min: 1, Max: 5}, Counts: []int{1, 1, 1, 1, 3}})
		add(csat.String(), err)
		csat, err = crm.CSAT(crm.CSATInput{Scale: crm.SurveyScale{Min: 1, Max: 5}, Counts: []int{math.MaxInt, 0, 0, 0, 1}})
		add(csat.String(), err)
		tally := crm.AnswerTally{Scale: crm.SurveyScale{Min: 0, Max: 10}}
		add("", tally.AddAll([]int{10, 3, 8, 9, 2, 1, 0}))
		csat, err = tally.CSAT(9)
		add(csat.String(), err)
		ces, err := crm.CES(crm.CESInput{Scale: one7, Counts: []int{1, 0, 0, 0, 0, 5, 1}})
		add(exact.Text(ces), err)
		tally = crm.AnswerTally{Scale: one7}
		add("", tally.AddAll([]int{7, 6, 5, 7, 4, 6}))
		ces, err = tally.CES()
		add(exact.Text(ces), err)
		ces, err = crm.CES(crm.CESInput{Scale: crm.SurveyScale{Min: math.MaxInt - 2, Max: math.MaxInt}, Counts: []int{1, 1, 1}})
		add(exact.Text(ces), err)
		var nt crm.NPSTally
		add("", nt.AddAll([]int{0, 0, 9, 7, 7, 7, 7}))
		nps, err = nt.NPS()
		add(exact.Text(nps), err)
		return b.String()
	})
}
