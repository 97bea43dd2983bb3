// Command npssurvey turns a survey export into a Net Promoter Score report:
// each quarter's promoters, passives and detractors, its NPS with a 95%
// confidence interval, whether the change between quarters is more than
// sampling noise, and the detractors to call back.
//
//	go run ./examples/npssurvey                 # the embedded sample export
//	go run ./examples/npssurvey answers.csv     # your own: respondent,quarter,score
package main

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/kpikit/kpikit/crm"
)

//go:embed answers.csv
var sampleExport string

func main() {
	name, text := "answers.csv", sampleExport
	if len(os.Args) > 1 {
		b, err := os.ReadFile(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "npssurvey:", err)
			os.Exit(1)
		}
		name, text = os.Args[1], string(b)
	}
	if err := run(os.Stdout, name, text); err != nil {
		fmt.Fprintln(os.Stderr, "npssurvey:", err)
		os.Exit(1)
	}
}

// answer is one row of the export.
type answer struct {
	respondent, quarter string
	score               int
}

// run reads the export and prints the report; it prints nothing when the
// export has an error.
func run(w io.Writer, name, text string) error {
	answers, err := parse(name, text)
	if err != nil {
		return err
	}
	byQuarter := map[string][]int{}
	var quarters []string
	for _, a := range answers {
		if _, ok := byQuarter[a.quarter]; !ok {
			quarters = append(quarters, a.quarter)
		}
		byQuarter[a.quarter] = append(byQuarter[a.quarter], a.score)
	}
	sort.Strings(quarters)

	var out strings.Builder
	counts := map[string]crm.NPSInput{}
	for _, q := range quarters {
		var tally crm.NPSTally
		if err := tally.AddAll(byQuarter[q]); err != nil {
			return err
		}
		c := tally.Counts()
		counts[q] = c
		nps, err := tally.NPS()
		if err != nil {
			return err
		}
		ci, err := crm.NPSInterval(c, 0.95, crm.NPSAdjustedWald)
		if err != nil {
			return err
		}
		ci = ci.Clamp(-100, 100)
		fmt.Fprintf(&out, "%s  %3d answers  %3d promoters  %3d passives  %3d detractors  NPS %6s  95%% CI %.1f to %.1f\n",
			q, len(byQuarter[q]), c.Promoters, c.Passives, c.Detractors, nps.StringFixed(1), ci.Low, ci.High)
	}

	for i := 1; i < len(quarters); i++ {
		a, b := quarters[i-1], quarters[i]
		cmp, err := crm.NPSTwoSampleTest(counts[a], counts[b], 0.95, crm.NPSWald)
		if err != nil {
			return err
		}
		verdict := "within sampling noise"
		if cmp.PValue < 0.05 {
			verdict = "a real change at 95% confidence"
		}
		fmt.Fprintf(&out, "%s vs %s: %+.1f points (Wald 95%% CI %+.1f to %+.1f, p = %.3f): %s\n",
			b, a, cmp.Difference, cmp.Interval.Low, cmp.Interval.High, cmp.PValue, verdict)
	}

	last := quarters[len(quarters)-1]
	var callBack []string
	for _, a := range answers {
		if c, _ := crm.CategorizeNPSScore(a.score); c == crm.Detractor && a.quarter == last {
			callBack = append(callBack, fmt.Sprintf("%s (%d)", a.respondent, a.score))
		}
	}
	fmt.Fprintf(&out, "detractors to call back in %s: %s\n", last, strings.Join(callBack, ", "))
	_, err = io.WriteString(w, out.String())
	return err
}

// parse reads respondent,quarter,score rows, naming file, line and column of
// the first bad cell.
func parse(name, text string) ([]answer, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = 3
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty file, want the header respondent,quarter,score", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if strings.Join(header, ",") != "respondent,quarter,score" {
		return nil, fmt.Errorf("%s:1:1: header %q, want respondent,quarter,score", name, strings.Join(header, ","))
	}
	var answers []answer
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(2)
		score, err := strconv.Atoi(rec[2])
		if err != nil {
			return nil, fmt.Errorf("%s:%d:3: score %q is not a whole number", name, line, rec[2])
		}
		if _, err := crm.CategorizeNPSScore(score); err != nil {
			return nil, fmt.Errorf("%s:%d:3: %w", name, line, err)
		}
		answers = append(answers, answer{respondent: rec[0], quarter: rec[1], score: score})
	}
	if len(answers) == 0 {
		return nil, fmt.Errorf("%s: no answers", name)
	}
	return answers, nil
}
