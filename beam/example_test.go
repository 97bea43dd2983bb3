package kpibeam_test

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	kpibeam "github.com/kpikit/kpikit/beam"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
	"github.com/shopspring/decimal"
)

func init() {
	register.Function1x0(printNPS)
	register.Function2x0(printQuarterNPS)
	register.Function2x0(printMovements)
	register.Function1x2(quarterOfAnswer)
}

// printNPS prints the NPS of a tally.
func printNPS(t *crm.NPSTally) {
	nps, err := t.NPS()
	fmt.Println("NPS", nps, err)
}

// printQuarterNPS prints a quarter's NPS.
func printQuarterNPS(quarter string, t *crm.NPSTally) {
	nps, _ := t.NPS()
	fmt.Println(quarter, nps, "of", t.Total(), "answers")
}

// answer is "quarter:score".
func quarterOfAnswer(a string) (string, int) {
	var q string
	var score int
	fmt.Sscanf(a, "%2s:%d", &q, &score)
	return q, score
}

// printMovements prints a period's MRR movements.
func printMovements(p metrics.Period, m crm.SubscriptionMovements) {
	fmt.Println(p.Start.Format("2006-01"), "start", m.MRR.StartMRR, "new", m.MRR.NewMRR, "churned", m.MRR.ChurnedMRR,
		"end", m.MRR.EndMRR(), m.Currency)
}

func ExampleGlobally() {
	p, s := beam.NewPipelineWithRoot()
	scores := beam.Create(s, 10, 9, 8, 6, 10, 3, 9)
	tally, err := kpibeam.Globally(s, kpibeam.NPS{}, scores)
	if err != nil {
		fmt.Println(err)
		return
	}
	beam.ParDo0(s, printNPS, tally)
	if _, err := prism.Execute(context.Background(), p); err != nil {
		fmt.Println(err)
	}
	// Output:
	// NPS 28.5714285714 <nil>
}

func ExamplePerKey() {
	p, s := beam.NewPipelineWithRoot()
	answers := beam.Create(s, "Q1:10", "Q1:6", "Q1:9", "Q2:7", "Q2:10")
	byQuarter := beam.ParDo(s, quarterOfAnswer, answers) // KV<string, int>
	tallies, err := kpibeam.PerKey(s, kpibeam.NPS{}, byQuarter)
	if err != nil {
		fmt.Println(err)
		return
	}
	beam.ParDo0(s, printQuarterNPS, tallies)
	if _, err := prism.Execute(context.Background(), p); err != nil {
		fmt.Println(err)
	}
	// Unordered output:
	// Q1 33.3333333333 of 3 answers
	// Q2 50 of 2 answers
}

func ExampleMRRMovements() {
	day := func(d string) time.Time { t, _ := time.Parse(time.DateOnly, d); return t }
	subs := []crm.Subscription{
		{CustomerID: "acme", Amount: decimal.RequireFromString("99"), Interval: crm.BillingMonthly, Start: day("2026-01-10"), Currency: "EUR"},
		{CustomerID: "initech", Amount: decimal.RequireFromString("1200"), Interval: crm.BillingYearly, Start: day("2025-11-01"), End: day("2026-02-15"), Currency: "EUR"},
	}
	p, s := beam.NewPipelineWithRoot()
	months, err := kpibeam.MRRMovements(s, kpibeam.MRR{Currency: "EUR"}, beam.CreateList(s, subs),
		metrics.Month(2026, time.January, time.UTC), metrics.Month(2026, time.February, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	beam.ParDo0(s, printMovements, months)
	if _, err := prism.Execute(context.Background(), p); err != nil {
		fmt.Println(err)
	}
	// Unordered output:
	// 2026-01 start 100 new 99 churned 0 end 199 EUR
	// 2026-02 start 199 new 0 churned 100 end 99 EUR
}

// The combiners' methods are Beam's CombineFn methods; a runner calls them,
// and so can a test.
func ExampleNPS() {
	var fn kpibeam.NPS
	a, b := fn.CreateAccumulator(), fn.CreateAccumulator()
	for _, score := range []int{10, 9, 8} {
		a, _ = fn.AddInput(a, score)
	}
	b, _ = fn.AddInput(b, 3)
	merged, _ := fn.MergeAccumulators(a, b)
	fmt.Println(fn.ExtractOutput(merged).NPS())
	// Output:
	// 25 <nil>
}

func ExampleAnswers() {
	fn := kpibeam.Answers{Scale: crm.SurveyScale{Min: 1, Max: 5}}
	t := fn.CreateAccumulator()
	for _, answer := range []int{5, 4, 2, 5} {
		t, _ = fn.AddInput(t, answer)
	}
	fmt.Println(fn.ExtractOutput(t).CSAT(4))
	_, err := fn.AddInput(t, 6)
	fmt.Println(err)
	// Output:
	// 75% <nil>
	// crm.AnswerTally.Add: answer 6 is outside the scale 1..5: out of range
}

func ExampleTickets() {
	fn := kpibeam.Tickets{Period: metrics.Month(2026, time.March, time.UTC)}
	opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s := fn.CreateAccumulator()
	s, _ = fn.AddInput(s, crm.Ticket{ID: "T-1", Opened: opened, FirstResponse: opened.Add(time.Hour), Resolved: opened.Add(5 * time.Hour)})
	s, _ = fn.AddInput(s, crm.Ticket{ID: "T-2", Opened: opened.Add(time.Hour)})
	fmt.Printf("%+v\n", fn.ExtractOutput(s).Counts())
	// Output:
	// {Received:2 Answered:1 Open:1 Resolved:1}
}

func ExampleSum() {
	var fn kpibeam.Sum
	t := fn.CreateAccumulator()
	for _, a := range []string{"19.99", "0.01", "5"} {
		t, _ = fn.AddInput(t, decimal.RequireFromString(a))
	}
	fmt.Println(fn.ExtractOutput(t).Value())
	// Output:
	// 25
}

func ExampleDeals() {
	fn := kpibeam.Deals{Period: metrics.Quarter(2026, 1, time.UTC)}
	created := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	s := fn.CreateAccumulator()
	s, _ = fn.AddInput(s, sales.Deal{ID: "D-1", Amount: decimal.RequireFromString("1000"), Stage: sales.StageWon, Created: created, Closed: created.AddDate(0, 1, 0)})
	s, _ = fn.AddInput(s, sales.Deal{ID: "D-2", Amount: decimal.RequireFromString("400"), Stage: sales.StageLost, Created: created, Closed: created.AddDate(0, 0, 10)})
	fmt.Println(fn.ExtractOutput(s).WinRate())
	// Output:
	// 50% <nil>
}

func ExampleLeads() {
	fn := kpibeam.Leads{Period: metrics.Quarter(2026, 1, time.UTC)}
	created := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	s := fn.CreateAccumulator()
	s, _ = fn.AddInput(s, sales.Lead{ID: "L-1", Created: created, Converted: created.AddDate(0, 0, 20)})
	s, _ = fn.AddInput(s, sales.Lead{ID: "L-2", Created: created})
	fmt.Println(fn.ExtractOutput(s).LeadsGenerated(), "leads")
	// Output:
	// 2 leads
}

func ExampleMRR() {
	fn := kpibeam.MRR{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": decimal.RequireFromString("0.92")}}
	l := fn.CreateAccumulator()
	l, _ = fn.AddInput(l, crm.Subscription{CustomerID: "acme", Amount: decimal.RequireFromString("100"),
		Interval: crm.BillingMonthly, Start: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC), Currency: "USD"})
	m, _ := fn.ExtractOutput(l).Movements(metrics.Month(2026, time.January, time.UTC))
	fmt.Println(m.MRR.NewMRR, m.Currency)
	// Output:
	// 92 EUR
}

func ExampleMRR_MarshalJSON() {
	fn := kpibeam.MRR{Currency: "EUR", Rates: map[string]decimal.Decimal{"USD": decimal.RequireFromString("0.920")}}
	data, _ := json.Marshal(fn)
	fmt.Println(string(data))
	var back kpibeam.MRR
	_ = json.Unmarshal(data, &back)
	fmt.Println(back.Rates["USD"].StringFixed(3))
	// Output:
	// {"currency":"EUR","rates":{"USD":"920e-3"}}
	// 0.920
}

func ExampleCohorts() {
	var fn kpibeam.Cohorts
	c := fn.CreateAccumulator()
	c, _ = fn.AddInput(c, crm.Customer{ID: "acme", Start: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)})
	c, _ = fn.AddInput(c, crm.Customer{ID: "initech", Start: time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC),
		End: time.Date(2026, 2, 25, 0, 0, 0, 0, time.UTC)})
	table, _ := fn.ExtractOutput(c).Retention(metrics.Quarter(2026, 1, time.UTC))
	fmt.Println(len(table.Cohorts), "cohort of", table.Cohorts[0].Size, "customers")
	// Output:
	// 1 cohort of 2 customers
}
