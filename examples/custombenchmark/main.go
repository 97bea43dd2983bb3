// Command custombenchmark rates a team's own numbers against a benchmark it
// defines itself: the win rate of this year's quarters against bands drawn
// from last year's, and a churn rate against seed 004's built-in figures.
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
			{Tier: benchmark.BelowTypical, Max: benchmark.Exclusive(pct(18))},
			{Tier: benchmark.Typical, Min: benchmark.Inclusive(pct(18)), Max: benchmark.Inclusive(pct(25))},
			{Tier: benchmark.AboveAverage, Min: benchmark.Exclusive(pct(25)), Max: benchmark.Exclusive(pct(30))},
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

	// A built-in benchmark rates the churn rate against seed 004's figures.
	churn, err := crm.ChurnRate(crm.ChurnInput{CustomersAtStart: 1200, CustomersLost: 150})
	if err != nil {
		return err
	}
	builtin, ok := benchmark.Lookup(crm.ChurnRateID, benchmark.Segment{Industry: "CRM software", Region: "United States"})
	if !ok {
		return fmt.Errorf("no built-in churn benchmark")
	}
	rating, err := builtin.Classify(benchmark.Percent(churn))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "churn rate %s — %s\n", churn, rating)

	// Rating a value of the wrong kind is an error, not a silent comparison.
	_, err = own.Classify(benchmark.Money(churn.Points(), "USD"))
	fmt.Fprintf(w, "money against a percent benchmark: %v\n", err)
	return nil
}
