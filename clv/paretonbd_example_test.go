package clv_test

import (
	"fmt"

	"github.com/kpikit/kpikit/clv"
	"github.com/kpikit/kpikit/metrics"
)

// cdnowPareto holds the Pareto/NBD estimates published for the CDNOW
// sample (Fader, Hardie & Lee 2005, Journal of Marketing Research), in
// weeks.
var cdnowPareto = clv.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}

func ExampleFitParetoNBD() {
	// The cohort of the FitBGNBD example: histories over 52 weeks and the
	// number of customers with each.
	cohort := []struct {
		x      int
		tx     float64
		buyers int
	}{
		{0, 0, 1200}, {1, 2, 90}, {1, 10, 80}, {1, 30, 70}, {1, 50, 60},
		{2, 8, 40}, {2, 25, 45}, {2, 48, 50}, {3, 12, 20}, {3, 40, 35},
		{4, 20, 12}, {4, 51, 25}, {6, 30, 8}, {6, 50, 20}, {10, 45, 6}, {10, 52, 12},
	}
	var customers []clv.RFM
	for _, h := range cohort {
		for range h.buyers {
			customers = append(customers, clv.RFM{Frequency: h.x, Recency: h.tx, Age: 52})
		}
	}
	fit, err := clv.FitParetoNBD(customers, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("r = %.3f, α = %.2f, s = %.3f, β = %.2f\n", fit.R, fit.Alpha, fit.S, fit.Beta)
	fmt.Printf("log-likelihood %.1f\n", fit.LogLikelihood)
	// Output:
	// r = 0.718, α = 26.94, s = 0.406, β = 4.57
	// log-likelihood -5959.9
}

func ExampleParetoNBD_LogLikelihoodOf() {
	ll, err := cdnowPareto.LogLikelihoodOf([]clv.RFM{
		{Frequency: 2, Recency: 30.43, Age: 38.86},
		{Frequency: 0, Recency: 0, Age: 38.86},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f\n", ll)
	// Output:
	// -10.0753
}

func ExampleParetoNBD_ExpectedPurchases() {
	e, err := cdnowPareto.ExpectedPurchases(52)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f\n", e)
	// Output:
	// 1.4730
}

func ExampleParetoNBD_ConditionalExpectedPurchases() {
	e, err := cdnowPareto.ConditionalExpectedPurchases(clv.RFM{Frequency: 2, Recency: 30.43, Age: 38.86}, 39)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f\n", e)
	// Output:
	// 1.4551
}

func ExampleParetoNBD_ProbabilityAlive() {
	for _, c := range []clv.RFM{
		{Frequency: 2, Recency: 30.43, Age: 38.86},
		{Frequency: 2, Recency: 5, Age: 38.86},
		{Frequency: 0, Recency: 0, Age: 38.86}, // unlike BG/NBD, below 1
	} {
		p, err := cdnowPareto.ProbabilityAlive(c)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("x=%d t_x=%v: %.4f\n", c.Frequency, c.Recency, p)
	}
	// Output:
	// x=2 t_x=30.43: 0.8692
	// x=2 t_x=5: 0.1302
	// x=0 t_x=0: 0.2953
}

func ExampleParetoNBD_ProbabilityOfPurchases() {
	// The distribution of repeat purchases in the 39-week calibration
	// period of the CDNOW cohort.
	for n := 0; n <= 3; n++ {
		p, err := cdnowPareto.ProbabilityOfPurchases(n, 39)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("P(X(39) = %d) = %.4f\n", n, p)
	}
	// Output:
	// P(X(39) = 0) = 0.5936
	// P(X(39) = 1) = 0.1656
	// P(X(39) = 2) = 0.0825
	// P(X(39) = 3) = 0.0490
}

func ExampleParetoNBD_LifetimeValue() {
	// A new customer (the zero history) over 3 years of 52 weeks, $35 per
	// purchase, 10% discount per year.
	v, err := cdnowPareto.LifetimeValue(clv.RFM{}, clv.Valuation{
		Spend:        35,
		DiscountRate: metrics.PercentInt(10),
		Periods:      3,
		PeriodLength: 52,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("$%.2f\n", v)
	// Output:
	// $85.88
}
