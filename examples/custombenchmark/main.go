// Command custombenchmark rates a team's own numbers against a benchmark it
// defines itself: the win rate of this year's quarters against bands drawn
// from last year's; and churn rates against the built-in figures of the
// article "Quels sont les 7 principaux KPI d'une entreprise de logiciels CRM
// de gestion de la relation client?" (French, 3 October 2024), which kpikit
// reads as yearly: a year's churn is rated as it is, a month's after it is
// converted to its yearly compound.
//
//	go run ./examples/custombenchmark
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/metrics"
	"github.com/kpikit/kpikit/sales"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "custombenchmark:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	// Last year the team won 18% to 25% of its closed deals each quarter.
	// Below 18% is below typical, 18% to 25% typical, above 25% and below 30%
	// above average, 30% or more exceptional.
	winRate, ok := sales.Describe("win_rate")
	if !ok {
		return fmt.Errorf("no descriptor for %q", "win_rate")
	}
	pct := func(n int64) benchmark.Value { return benchmark.Percent(metrics.PercentInt(n)) }
	own, err := benchmark.New(benchmark.Spec{
		Metric:  winRate,
		Segment: benchmark.Segment{Industry: "Our team", Region: "EMEA"},
		Source:  benchmark.Source{Name: "our 2025 quarters"},
		Bands: []benchmark.Band{
			{Tier: benchmark.WorseThanTypical, Max: benchmark.Exclusive(pct(18))},
			{Tier: benchmark.Typical, Min: benchmark.Inclusive(pct(18)), Max: benchmark.Inclusive(pct(25))},
			{Tier: benchmark.BetterThanTypical, Min: benchmark.Exclusive(pct(25)), Max: benchmark.Exclusive(pct(30))},
			{Tier: benchmark.Exceptional, Min: benchmark.Inclusive(pct(30))},
		},
	})
	if err != nil {
		return err
	}

	quarters := []struct {
		name      string
		won, lost int
	}{{"Q1", 12, 68}, {"Q2", 21, 63}, {"Q3", 27, 73}, {"Q4", 33, 67}}
	for _, q := range quarters {
		rate, err := sales.WinRate(sales.WinRateInput{Won: q.won, Lost: q.lost})
		if err != nil {
			return err
		}
		rating, err := own.Classify(benchmark.Percent(rate))
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s win rate %s — %s\n", q.name, rate.StringFixed(1), rating)
	}

	// A built-in benchmark rates churn rates against the article's figures,
	// which describe a year.
	builtin, err := benchmark.Lookup("churn_rate", benchmark.Segment{Industry: "CRM software", Region: "United States"})
	if err != nil {
		return err
	}
	// The year's churn: 150 of the 1,200 customers at the start of the year.
	yearly, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 1200, CustomersLost: 150})
	if err != nil {
		return err
	}
	rating, err := builtin.Classify(benchmark.Percent(yearly).Per(benchmark.Year))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "churn rate %s a year — %s\n", yearly, rating.Tier)

	// December's churn: 13 of 1,100. A month's churn is not rated against a
	// yearly band...
	monthly, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 1100, CustomersLost: 13})
	if err != nil {
		return err
	}
	december := benchmark.Percent(monthly).Per(benchmark.Month)
	_, err = builtin.Classify(december)
	fmt.Fprintf(w, "a month's churn against a yearly band: %v\n", err)
	// ... until it is converted to the churn of a year at that monthly rate.
	compounded, err := december.CompoundLoss(benchmark.Year)
	if err != nil {
		return err
	}
	rating, err = builtin.Classify(compounded)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "churn rate %s a month is %s%% a year — %s\n", monthly.StringFixed(2),
		compounded.Decimal().StringFixed(2), rating.Tier)

	// Rating a value of the wrong kind is an error, not a silent comparison.
	_, err = own.Classify(benchmark.Money(yearly.Points(), "USD"))
	fmt.Fprintf(w, "money against a percent benchmark: %v\n", err)
	return nil
}
