// Command clv predicts customer lifetime value for a simulated store, the
// way Fader, Hardie & Lee did for the CDNOW music store ("Counting Your
// Customers the Easy Way: An Alternative to the Pareto/NBD Model",
// Marketing Science 24(2), 2005; "RFM and CLV: Using Iso-Value Curves for
// Customer Base Analysis", Journal of Marketing Research 42(4), 2005).
//
// It generates a store's transactions with a fixed seed, summarises them
// per customer over a 39-week calibration period (in four shards, merged
// through their binary form, as separate processes would), fits BG/NBD to
// the purchase histories and Gamma-Gamma to the repeat purchases' values,
// and prints
//
//   - the purchases predicted for the 39-week holdout beside those the
//     simulation actually made, by the number of repeat purchases in
//     calibration (0, 1, ..., 6, 7+);
//   - the ten customers of the highest predicted 12-month value, with their
//     probability of being still active.
//
// Run it with:
//
//	go run ./examples/clv
package main

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"time"

	"github.com/kpikit/kpikit/clv"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "clv:", err)
		os.Exit(1)
	}
}

// The simulated store: the BG/NBD and Gamma-Gamma parameters published for
// CDNOW (weeks, dollars), a cohort acquired over the first 12 weeks of 2024.
const (
	customers     = 4000
	seed          = 2024
	acquisitionWk = 12
	calWeeks      = 39
	holdWeeks     = 39
	trueR         = 0.243
	trueAlpha     = 4.414
	trueA         = 0.793
	trueB         = 2.426
	trueP         = 6.25
	trueQ         = 3.74
	trueGamma     = 15.44
)

var start = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// simulate returns the store's transactions, in the order they happened
// per customer.
func simulate() []clv.Transaction {
	r := newRand()
	end := float64(calWeeks + holdWeeks)
	var txs []clv.Transaction
	for i := range customers {
		id := fmt.Sprintf("C%04d", i+1)
		lambda := gamma(r, trueR) / trueAlpha
		pa, pb := gamma(r, trueA), gamma(r, trueB)
		dropout := pa / (pa + pb)
		nu := gamma(r, trueQ) / trueGamma
		t := r.Float64() * acquisitionWk // weeks from start
		for t < end {
			value := gamma(r, trueP) / nu
			txs = append(txs, clv.Transaction{
				Customer: id,
				Time:     start.Add(time.Duration(t * 7 * 24 * float64(time.Hour))).Truncate(time.Minute),
				Amount:   decimal.New(int64(math.Round(value*100)), -2),
			})
			if r.Float64() < dropout {
				break
			}
			t += r.ExpFloat64() / lambda
		}
	}
	return txs
}

// newRand returns the seeded source of the simulation.
func newRand() *rand.Rand { return rand.New(rand.NewPCG(seed, seed)) }

// gamma draws a gamma variate of shape k and rate 1 (Marsaglia and Tsang,
// "A Simple Method for Generating Gamma Variables", ACM Transactions on
// Mathematical Software 26(3), 2000, with their boost for k < 1).
func gamma(r *rand.Rand, k float64) float64 {
	if k < 1 {
		return gamma(r, k+1) * math.Pow(r.Float64(), 1/k)
	}
	d := k - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		if math.Log(r.Float64()) < 0.5*x*x+d-d*v+d*math.Log(v) {
			return d * v
		}
	}
}

// summarise builds the summaries in four shards, serialises each, reads
// them back and merges them: what four processes reading parts of the
// transactions and a fifth combining their results would do.
func summarise(txs []clv.Transaction) (*clv.Summaries, error) {
	settings := clv.Summaries{
		Unit:        clv.Week,
		Calibration: metrics.Period{Start: start, End: start.AddDate(0, 0, 7*calWeeks)},
		Holdout:     metrics.Period{Start: start.AddDate(0, 0, 7*calWeeks), End: start.AddDate(0, 0, 7*(calWeeks+holdWeeks))},
	}
	shards := []clv.Summaries{settings, settings, settings, settings}
	for i, tx := range txs {
		if err := shards[i%len(shards)].Add(tx); err != nil {
			return nil, err
		}
	}
	var all clv.Summaries
	for i := range shards {
		b, err := shards[i].MarshalBinary()
		if err != nil {
			return nil, err
		}
		var back clv.Summaries
		if err := back.UnmarshalBinary(b); err != nil {
			return nil, err
		}
		if err := all.Merge(&back); err != nil {
			return nil, err
		}
	}
	return &all, nil
}

// ranked is a customer with the predictions of the top-10 table.
type ranked struct {
	clv.CustomerSummary
	alive, spend, value float64
}

func run(w io.Writer) error {
	txs := simulate()
	s, err := summarise(txs)
	if err != nil {
		return err
	}
	cs := s.Customers()
	_, holdout, err := s.Periods()
	if err != nil {
		return err
	}
	rfm := s.RFM()
	bg, err := clv.FitBGNBD(rfm, clv.FitOptions{})
	if err != nil {
		return err
	}
	gg, err := clv.FitGammaGamma(rfm, clv.FitOptions{})
	if err != nil {
		return err
	}
	meanSpend, err := gg.MeanSpend()
	if err != nil {
		return err
	}

	cal := s.Calibration
	fmt.Fprintf(w, "A simulated store: %d customers acquired in the first %d weeks of 2024, %d transactions.\n",
		len(cs), acquisitionWk, len(txs))
	fmt.Fprintf(w, "Calibration %s to %s (%d weeks), holdout to %s (%.0f weeks).\n",
		cal.Start.Format(time.DateOnly), cal.End.AddDate(0, 0, -1).Format(time.DateOnly), calWeeks,
		s.Holdout.End.AddDate(0, 0, -1).Format(time.DateOnly), holdout)
	fmt.Fprintf(w, "\nBG/NBD, weeks (simulated with r=%.3f alpha=%.3f a=%.3f b=%.3f):\n", trueR, trueAlpha, trueA, trueB)
	fmt.Fprintf(w, "  r=%.3f alpha=%.3f a=%.3f b=%.3f  log-likelihood %.1f\n", bg.R, bg.Alpha, bg.A, bg.B, bg.LogLikelihood)
	fmt.Fprintf(w, "Gamma-Gamma, dollars (simulated with p=%.2f q=%.2f v=%.2f):\n", trueP, trueQ, trueGamma)
	fmt.Fprintf(w, "  p=%.2f q=%.2f v=%.2f  population mean spend %.2f\n", gg.P, gg.Q, gg.V, meanSpend)

	// Holdout purchases by calibration frequency.
	const groups = 8
	var n [groups]int
	var actual, predicted [groups]float64
	for _, c := range cs {
		g := min(c.Frequency, groups-1)
		e, err := bg.ConditionalExpectedPurchases(c.RFM, holdout)
		if err != nil {
			return err
		}
		n[g]++
		actual[g] += float64(c.HoldoutFrequency)
		predicted[g] += e
	}
	fmt.Fprintf(w, "\nHoldout purchases per customer, by repeat purchases in calibration:\n")
	fmt.Fprintf(w, "%-4s %9s %8s %9s\n", "x", "customers", "actual", "predicted")
	var totalActual, totalPredicted float64
	for g := range groups {
		label := fmt.Sprint(g)
		if g == groups-1 {
			label += "+"
		}
		if n[g] == 0 {
			fmt.Fprintf(w, "%-4s %9d %8s %9s\n", label, 0, "-", "-")
			continue
		}
		fmt.Fprintf(w, "%-4s %9d %8.3f %9.3f\n", label, n[g], actual[g]/float64(n[g]), predicted[g]/float64(n[g]))
		totalActual += actual[g]
		totalPredicted += predicted[g]
	}
	fmt.Fprintf(w, "%-4s %9d %8.0f %9.1f  (total purchases)\n", "all", len(cs), totalActual, totalPredicted)

	// The top 10 by predicted 12-month value.
	v := clv.Valuation{DiscountRate: metrics.PercentInt(1), Periods: 12, PeriodLength: 52.0 / 12}
	rs := make([]ranked, 0, len(cs))
	for _, c := range cs {
		spend, err := gg.ExpectedSpend(c.RFM)
		if err != nil {
			return err
		}
		alive, err := bg.ProbabilityAlive(c.RFM)
		if err != nil {
			return err
		}
		v.Spend = spend
		value, err := bg.LifetimeValue(c.RFM, v)
		if err != nil {
			return err
		}
		rs = append(rs, ranked{c, alive, spend, value})
	}
	slices.SortStableFunc(rs, func(a, b ranked) int { return cmp.Compare(b.value, a.value) })
	fmt.Fprintf(w, "\nTop 10 customers by predicted 12-month value (1%% monthly discount):\n")
	fmt.Fprintf(w, "%-6s %3s %6s %6s %8s %8s %8s %10s\n", "id", "x", "t_x", "T", "P(alive)", "spend", "value", "holdout $")
	for _, c := range rs[:10] {
		fmt.Fprintf(w, "%-6s %3d %6.2f %6.2f %8.3f %8.2f %8.2f %10s\n", c.ID, c.Frequency, c.Recency, c.Age,
			c.alive, c.spend, c.value, c.HoldoutValue.StringFixed(2))
	}
	return nil
}
