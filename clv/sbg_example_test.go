package clv_test

import (
	"fmt"

	"github.com/kpikit/kpikit/clv"
	"github.com/kpikit/kpikit/metrics"
)

// highEnd is the High End segment of Fader & Hardie, "How to Project
// Customer Retention", Journal of Interactive Marketing 21(1), 2007,
// Table 1: customers still active at the start of years 0..7, per 1,000.
var highEnd = []int{1000, 869, 743, 653, 593, 551, 517, 491}

func ExampleFitSBG() {
	fit, err := clv.FitSBG(highEnd, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("alpha=%.3f beta=%.3f log-likelihood=%.1f\n", fit.Alpha, fit.Beta, fit.LogLikelihood)
	// Output:
	// alpha=0.668 beta=3.806 log-likelihood=-1611.2
}

func ExampleSBG_ProjectSurvivors() {
	m := clv.SBG{Alpha: 0.668, Beta: 3.806}
	proj, err := m.ProjectSurvivors(1000, 12)
	if err != nil {
		fmt.Println(err)
		return
	}
	for t, n := range proj {
		fmt.Printf("year %2d: %4.0f\n", t, n)
	}
	// Output:
	// year  0: 1000
	// year  1:  851
	// year  2:  747
	// year  3:  670
	// year  4:  610
	// year  5:  562
	// year  6:  522
	// year  7:  489
	// year  8:  460
	// year  9:  436
	// year 10:  414
	// year 11:  395
	// year 12:  378
}

func ExampleSBG_Survival() {
	m := clv.SBG{Alpha: 0.668, Beta: 3.806}
	for _, t := range []int{0, 1, 7, 12} {
		s, _ := m.Survival(t)
		fmt.Printf("S(%d) = %.3f\n", t, s)
	}
	// Output:
	// S(0) = 1.000
	// S(1) = 0.851
	// S(7) = 0.489
	// S(12) = 0.378
}

func ExampleSBG_Retention() {
	m := clv.SBG{Alpha: 0.704, Beta: 1.182}
	for _, t := range []int{1, 2, 5, 10} {
		r, _ := m.Retention(t)
		fmt.Printf("r(%d) = %.3f\n", t, r)
	}
	// Output:
	// r(1) = 0.627
	// r(2) = 0.756
	// r(5) = 0.880
	// r(10) = 0.935
}

func ExampleSBG_ChurnProbability() {
	m := clv.SBG{Alpha: 0.704, Beta: 1.182}
	for _, t := range []int{1, 2, 3} {
		p, _ := m.ChurnProbability(t)
		fmt.Printf("P(T=%d) = %.3f\n", t, p)
	}
	// Output:
	// P(T=1) = 0.373
	// P(T=2) = 0.153
	// P(T=3) = 0.086
}

func ExampleSBG_DERL() {
	m := clv.SBG{Alpha: 0.668, Beta: 3.806}
	d := metrics.PercentInt(10) // per year
	for _, n := range []int{0, 1, 4} {
		derl, err := m.DERL(n, d)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("after %d renewals: %.2f discounted payments ahead\n", n, derl)
	}
	// Output:
	// after 0 renewals: 5.41 discounted payments ahead
	// after 1 renewals: 5.90 discounted payments ahead
	// after 4 renewals: 6.90 discounted payments ahead
}

func ExampleSBG_LogLikelihoodOf() {
	m := clv.SBG{Alpha: 1, Beta: 1}
	ll, err := m.LogLikelihoodOf(highEnd)
	fmt.Printf("%.1f %v\n", ll, err)
	// Output:
	// -2115.5 <nil>
}
