package crm_test

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/kpikit/kpikit/crm"
)

// Seed 004's survey of 500 customers, 200 promoters, 150 passives and 150
// detractors, counted by four goroutines, one shard each, and merged:
// 200/500 × 100 − 150/500 × 100 = 40 − 30 = 10.
func ExampleNPSTally() {
	scores := make([]int, 0, 500)
	for i := range 500 {
		switch {
		case i%10 < 4:
			scores = append(scores, 9+i%2) // 200 promoters: 9 or 10
		case i%10 < 7:
			scores = append(scores, 7+i%2) // 150 passives: 7 or 8
		default:
			scores = append(scores, i%7) // 150 detractors: 0 to 6
		}
	}

	const shards = 4
	tallies := make([]crm.NPSTally, shards) // zero values: empty tallies
	errs := make([]error, shards)
	var wg sync.WaitGroup
	for s := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[s] = tallies[s].AddScores(scores[s*len(scores)/shards : (s+1)*len(scores)/shards])
		}()
	}
	wg.Wait()

	var all crm.NPSTally
	for s := range shards {
		if errs[s] != nil {
			fmt.Println(errs[s])
			return
		}
		if err := all.Merge(&tallies[s]); err != nil {
			fmt.Println(err)
			return
		}
	}
	nps, err := all.NPS()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", all.Counts())
	fmt.Println(nps)
	// Output:
	// {Promoters:200 Passives:150 Detractors:150}
	// 10
}

// Answers arrive one by one; an off-scale one is refused and not counted.
// Two promoters, one passive and one detractor: (2 − 1) / 4 × 100 = 25.
func ExampleNPSTally_Add() {
	var tally crm.NPSTally
	for _, score := range []int{10, 9, 7, 3} {
		if err := tally.Add(score); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println(tally.Add(11))
	nps, err := tally.NPS()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", tally.Counts())
	fmt.Println(nps)
	// Output:
	// crm.NPSTally.Add: score 11 is outside the NPS scale 0..10: out of range
	// {Promoters:2 Passives:1 Detractors:1}
	// 25
}

// Six promoters, two passives and two detractors among ten answers:
// (6 − 2) / 10 × 100 = 40. A batch with an off-scale score adds nothing, not
// even the scores before it.
func ExampleNPSTally_AddScores() {
	var tally crm.NPSTally
	if err := tally.AddScores([]int{10, 9, 9, 8, 7, 6, 10, 9, 2, 10}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.AddScores([]int{10, 10, 12, 0}))
	nps, err := tally.NPS()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Total())
	fmt.Println(nps)
	// Output:
	// crm.NPSTally.AddScores: scores[2] 12 is outside the NPS scale 0..10: out of range
	// 10
	// 40
}

// Two days of answers merged into a weekly tally: 4 promoters, 1 passive and
// 3 detractors, (4 − 3) / 8 × 100 = 12.5. The week starts as a copy of
// Monday, and Monday's own tally is left as it was.
func ExampleNPSTally_Merge() {
	var monday, tuesday crm.NPSTally
	if err := monday.AddScores([]int{10, 9, 3}); err != nil {
		fmt.Println(err)
		return
	}
	if err := tuesday.AddScores([]int{8, 6, 10, 10, 0}); err != nil {
		fmt.Println(err)
		return
	}
	week := monday
	if err := week.Merge(&tuesday); err != nil {
		fmt.Println(err)
		return
	}
	nps, err := week.NPS()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", week.Counts())
	fmt.Println(nps)
	fmt.Println(monday.Total())
	// Output:
	// {Promoters:4 Passives:1 Detractors:3}
	// 12.5
	// 3
}

// Two regional servers each count their own answers and send the counts as
// JSON; the head office adds them to one tally: 3 + 2 promoters, 1 + 2
// passives and 2 + 0 detractors of 10, (5 − 2) / 10 × 100 = 30.
func ExampleNPSTally_AddCounts() {
	var north, south crm.NPSTally
	if err := north.AddScores([]int{10, 9, 9, 7, 2, 6}); err != nil {
		fmt.Println(err)
		return
	}
	if err := south.AddScores([]int{10, 10, 8, 7}); err != nil {
		fmt.Println(err)
		return
	}
	var messages [][]byte // what the servers send
	for _, tally := range []crm.NPSTally{north, south} {
		data, err := json.Marshal(tally.Counts())
		if err != nil {
			fmt.Println(err)
			return
		}
		messages = append(messages, data)
	}
	fmt.Println(string(messages[0]))

	var all crm.NPSTally
	for _, data := range messages {
		var counts crm.NPSInput
		if err := json.Unmarshal(data, &counts); err != nil {
			fmt.Println(err)
			return
		}
		if err := all.AddCounts(counts); err != nil {
			fmt.Println(err)
			return
		}
	}
	nps, err := all.NPS()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", all.Counts())
	fmt.Println(nps)
	fmt.Println(all.AddCounts(crm.NPSInput{Promoters: -1}))
	// Output:
	// {"Promoters":3,"Passives":1,"Detractors":2}
	// {Promoters:5 Passives:3 Detractors:2}
	// 30
	// crm.NPSTally.AddCounts: Promoters -1 is negative: negative value
}

// Counts hands the categories to NPS, or to a report that shows them.
func ExampleNPSTally_Counts() {
	var tally crm.NPSTally
	if err := tally.AddScores([]int{0, 6, 7, 8, 9, 10}); err != nil {
		fmt.Println(err)
		return
	}
	in := tally.Counts()
	nps, err := crm.NPS(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", in)
	fmt.Println(nps)
	// Output:
	// {Promoters:2 Passives:2 Detractors:2}
	// 0
}

func ExampleNPSTally_Total() {
	var tally crm.NPSTally
	fmt.Println(tally.Total())
	if err := tally.AddScores([]int{9, 7, 5}); err != nil {
		fmt.Println(err)
		return
	}
	if err := tally.Add(10); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Total())
	// Output:
	// 0
	// 4
}

// An empty tally has no score. One promoter and two passives:
// (1 − 0) / 3 × 100 = 33.3333333333, rounded at 10 digits.
func ExampleNPSTally_NPS() {
	var tally crm.NPSTally
	_, err := tally.NPS()
	fmt.Println(err)

	if err := tally.AddScores([]int{9, 7, 7}); err != nil {
		fmt.Println(err)
		return
	}
	nps, err := tally.NPS()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(nps)
	fmt.Println(nps.StringFixed(1))
	// Output:
	// crm.NPSTally.NPS: answers is empty: no data
	// 33.3333333333
	// 33.3
}

// Two channels of a 1–5 satisfaction survey, merged into a zero tally, which
// takes their scale: 3 of 4 web answers and 2 of 4 phone answers are 4 or 5,
// 5/8 = 62.5%. A tally on another scale is refused.
func ExampleCSATTally() {
	scale := crm.SurveyScale{Min: 1, Max: 5}
	var web, phone crm.CSATTally
	if err := web.AddAnswers(scale, []int{5, 4, 3, 5}); err != nil {
		fmt.Println(err)
		return
	}
	if err := phone.AddAnswers(scale, []int{2, 4, 4, 1}); err != nil {
		fmt.Println(err)
		return
	}
	var all crm.CSATTally
	for _, t := range []*crm.CSATTally{&web, &phone} {
		if err := all.Merge(t); err != nil {
			fmt.Println(err)
			return
		}
	}
	csat, err := all.CSAT(0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(all.Scale(), all.Total(), csat)

	var sevenPoint crm.CSATTally
	if err := sevenPoint.Add(crm.SurveyScale{Min: 1, Max: 7}, 6); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(all.Merge(&sevenPoint))
	// Output:
	// 1..5 8 62.5%
	// crm.CSATTally.Merge: other scale 1..7 differs from the tally's scale 1..5: mismatched kinds
}

// The first answer fixes the scale. Two of three answers are 4 or 5:
// 2/3 = 66.6666666667%, rounded at 10 digits.
func ExampleCSATTally_Add() {
	scale := crm.SurveyScale{Min: 1, Max: 5}
	var tally crm.CSATTally
	for _, answer := range []int{5, 4, 2} {
		if err := tally.Add(scale, answer); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println(tally.Add(crm.SurveyScale{Min: 0, Max: 10}, 9))
	fmt.Println(tally.Add(scale, 6))
	csat, err := tally.CSAT(0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(csat)
	// Output:
	// crm.CSATTally.Add: scale 0..10 differs from the tally's scale 1..5: mismatched kinds
	// crm.CSATTally.Add: answer 6 is outside the scale 1..5: out of range
	// 66.6666666667%
}

// Five of eight answers are 4 or 5: 62.5%. A batch with an off-scale answer
// adds nothing.
func ExampleCSATTally_AddAnswers() {
	scale := crm.SurveyScale{Min: 1, Max: 5}
	var tally crm.CSATTally
	if err := tally.AddAnswers(scale, []int{5, 4, 3, 5, 2, 4, 4, 1}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.AddAnswers(scale, []int{5, 5, 0}))
	csat, err := tally.CSAT(0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Total(), csat)
	// Output:
	// crm.CSATTally.AddAnswers: answers[2] 0 is outside the scale 1..5: out of range
	// 8 62.5%
}

// Two regions: 3 of 4 and 3 of 6 answers satisfied, together 6/10 = 60%.
func ExampleCSATTally_Merge() {
	scale := crm.SurveyScale{Min: 1, Max: 5}
	var north, south crm.CSATTally
	if err := north.AddAnswers(scale, []int{5, 5, 4, 1}); err != nil {
		fmt.Println(err)
		return
	}
	if err := south.AddAnswers(scale, []int{3, 2, 4, 5, 5, 1}); err != nil {
		fmt.Println(err)
		return
	}
	if err := north.Merge(&south); err != nil {
		fmt.Println(err)
		return
	}
	csat, err := north.CSAT(0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(north.Total(), csat)
	// Output:
	// 10 60%
}

// Counts kept by another service, 1 to 5, added to a tally that already
// holds two answers: 4 of the 8 answers score 4 or 5, so CSAT is 50%. The
// counts must match the scale: one entry per score.
func ExampleCSATTally_AddCounts() {
	scale := crm.SurveyScale{Min: 1, Max: 5}
	var tally crm.CSATTally
	if err := tally.AddAnswers(scale, []int{5, 1}); err != nil {
		fmt.Println(err)
		return
	}
	if err := tally.AddCounts(crm.CSATInput{Scale: scale, Counts: []int{1, 1, 1, 2, 1}}); err != nil {
		fmt.Println(err)
		return
	}
	csat, err := tally.CSAT(0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Counts().Counts, csat)
	fmt.Println(tally.AddCounts(crm.CSATInput{Scale: scale, Counts: []int{1, 2, 3}}))
	// Output:
	// [2 1 1 2 2] 50%
	// crm.CSATTally.AddCounts: Counts 3 entries do not match Scale 1..5, which has 5 scores: inconsistent input
}

func ExampleCSATTally_Scale() {
	var tally crm.CSATTally
	fmt.Println(tally.Scale())
	if err := tally.Add(crm.SurveyScale{Min: 1, Max: 5}, 4); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Scale())
	// Output:
	// 0..0
	// 1..5
}

func ExampleCSATTally_Total() {
	var tally crm.CSATTally
	if err := tally.AddAnswers(crm.SurveyScale{Min: 1, Max: 3}, []int{3, 3, 1}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Total())
	// Output:
	// 3
}

// Counts gives the distribution per score, ready for CSAT with any
// threshold: only the 2 answers scoring 5 of 8 give 25%.
func ExampleCSATTally_Counts() {
	var tally crm.CSATTally
	if err := tally.AddAnswers(crm.SurveyScale{Min: 1, Max: 5}, []int{5, 4, 3, 5, 2, 4, 4, 1}); err != nil {
		fmt.Println(err)
		return
	}
	in := tally.Counts()
	in.SatisfiedFrom = 5
	csat, err := crm.CSAT(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(in.Scale, in.Counts)
	fmt.Println(csat)
	// Output:
	// 1..5 [1 1 1 3 2]
	// 25%
}

// One tally, several thresholds. On a 0–10 scale, the top two boxes (9 and
// 10) hold 4 of 8 answers, 50%, and 8 or more 5 of 8, 62.5%.
func ExampleCSATTally_CSAT() {
	var tally crm.CSATTally
	if err := tally.AddAnswers(crm.SurveyScale{Min: 0, Max: 10}, []int{10, 9, 8, 7, 3, 10, 6, 9}); err != nil {
		fmt.Println(err)
		return
	}
	for _, from := range []int{0, 8, 11} {
		csat, err := tally.CSAT(from)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(csat)
	}
	// Output:
	// 50%
	// 62.5%
	// crm.CSATTally.CSAT: satisfiedFrom 11 is outside 1..10: out of range
}

// Two support channels of a 1–7 effort survey merged into a zero tally:
// (7 + 6 + 5 + 7 + 4 + 6) / 6 = 35 / 6, rounded at 10 digits.
func ExampleCESTally() {
	scale := crm.SurveyScale{Min: 1, Max: 7}
	var chat, email crm.CESTally
	if err := chat.AddAnswers(scale, []int{7, 6, 5}); err != nil {
		fmt.Println(err)
		return
	}
	if err := email.AddAnswers(scale, []int{7, 4, 6}); err != nil {
		fmt.Println(err)
		return
	}
	var all crm.CESTally
	for _, t := range []*crm.CESTally{&chat, &email} {
		if err := all.Merge(t); err != nil {
			fmt.Println(err)
			return
		}
	}
	ces, err := all.CES()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(all.Scale(), all.Total(), ces)
	// Output:
	// 1..7 6 5.8333333333
}

// (7 + 6 + 2) / 3 = 5. Answers on another scale, or off the tally's, are
// refused.
func ExampleCESTally_Add() {
	scale := crm.SurveyScale{Min: 1, Max: 7}
	var tally crm.CESTally
	for _, answer := range []int{7, 6, 2} {
		if err := tally.Add(scale, answer); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println(tally.Add(crm.SurveyScale{Min: 1, Max: 5}, 5))
	fmt.Println(tally.Add(scale, 8))
	ces, err := tally.CES()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ces)
	// Output:
	// crm.CESTally.Add: scale 1..5 differs from the tally's scale 1..7: mismatched kinds
	// crm.CESTally.Add: answer 8 is outside the scale 1..7: out of range
	// 5
}

// CES's 100 answers on a 1–7 scale, 2, 3, 5, 10, 20, 40 and 20 of each score:
// 543 / 100 = 5.43. A batch with an off-scale answer adds nothing.
func ExampleCESTally_AddAnswers() {
	scale := crm.SurveyScale{Min: 1, Max: 7}
	var answers []int
	for i, n := range []int{2, 3, 5, 10, 20, 40, 20} {
		for range n {
			answers = append(answers, scale.Min+i)
		}
	}
	var tally crm.CESTally
	if err := tally.AddAnswers(scale, answers); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.AddAnswers(scale, []int{7, 9}))
	ces, err := tally.CES()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Total(), ces)
	// Output:
	// crm.CESTally.AddAnswers: answers[1] 9 is outside the scale 1..7: out of range
	// 100 5.43
}

// Merging a tally into itself doubles its counts and keeps its mean,
// (5 + 4) / 2 = 4.5. Tallies of different scales do not merge.
func ExampleCESTally_Merge() {
	var tally crm.CESTally
	if err := tally.AddAnswers(crm.SurveyScale{Min: 1, Max: 5}, []int{5, 4}); err != nil {
		fmt.Println(err)
		return
	}
	if err := tally.Merge(&tally); err != nil {
		fmt.Println(err)
		return
	}
	ces, err := tally.CES()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Total(), ces)

	var other crm.CESTally
	if err := other.Add(crm.SurveyScale{Min: 1, Max: 7}, 7); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Merge(&other))
	// Output:
	// 4 4.5
	// crm.CESTally.Merge: other scale 1..7 differs from the tally's scale 1..5: mismatched kinds
}

// A day's effort scores on 1..7 arrive as counts from another service and
// join the tally's two answers: (2 + 6 + 1×1 + 2×2 + 1×7) / 6 = 20 / 6,
// rounded at 10 digits.
func ExampleCESTally_AddCounts() {
	scale := crm.SurveyScale{Min: 1, Max: 7}
	var tally crm.CESTally
	if err := tally.AddAnswers(scale, []int{2, 6}); err != nil {
		fmt.Println(err)
		return
	}
	if err := tally.AddCounts(crm.CESInput{Scale: scale, Counts: []int{1, 2, 0, 0, 0, 0, 1}}); err != nil {
		fmt.Println(err)
		return
	}
	ces, err := tally.CES()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Total(), ces)
	fmt.Println(tally.AddCounts(crm.CESInput{Scale: crm.SurveyScale{Min: 1, Max: 5}, Counts: []int{1, 0, 0, 0, 0}}))
	// Output:
	// 6 3.3333333333
	// crm.CESTally.AddCounts: Scale 1..5 differs from the tally's scale 1..7: mismatched kinds
}

func ExampleCESTally_Scale() {
	var tally crm.CESTally
	fmt.Println(tally.Scale())
	if err := tally.Add(crm.SurveyScale{Min: 1, Max: 7}, 6); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Scale())
	// Output:
	// 0..0
	// 1..7
}

func ExampleCESTally_Total() {
	var tally crm.CESTally
	if err := tally.AddAnswers(crm.SurveyScale{Min: 1, Max: 7}, []int{7, 1}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Total())
	// Output:
	// 2
}

// Counts gives the distribution per score, the input of CES:
// (1 + 6 + 6 + 7) / 4 = 5.
func ExampleCESTally_Counts() {
	var tally crm.CESTally
	if err := tally.AddAnswers(crm.SurveyScale{Min: 1, Max: 7}, []int{6, 1, 7, 6}); err != nil {
		fmt.Println(err)
		return
	}
	in := tally.Counts()
	ces, err := crm.CES(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(in.Scale, in.Counts)
	fmt.Println(ces)
	// Output:
	// 1..7 [1 0 0 0 0 2 1]
	// 5
}

// An empty tally has no mean. On a −3..3 scale, (−3 + 2 + 3 + 3) / 4 = 1.25.
func ExampleCESTally_CES() {
	var tally crm.CESTally
	_, err := tally.CES()
	fmt.Println(err)

	if err := tally.AddAnswers(crm.SurveyScale{Min: -3, Max: 3}, []int{-3, 2, 3, 3}); err != nil {
		fmt.Println(err)
		return
	}
	ces, err := tally.CES()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ces)
	// Output:
	// crm.CESTally.CES: answers is empty: no data
	// 1.25
}
