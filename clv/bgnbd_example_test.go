package clv_test

import (
	"fmt"
	"github.com/kpikit/kpikit/metrics"

	"github.com/kpikit/kpikit/clv"
)

// cdnow holds the BG/NBD estimates Fader, Hardie & Lee (2005) published for
// the CDNOW sample, in weeks.
var cdnow = clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}

func ExampleFitBGNBD() {
	// A cohort observed for 52 weeks after each customer's first purchase,
	// summarised as histories (x repeat purchases, the last at week t_x)
	// and the number of customers with each.
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
	fit, err := clv.FitBGNBD(customers, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("r = %.3f, α = %.2f weeks, a = %.3f, b = %.3f\n", fit.R, fit.Alpha, fit.A, fit.B)
	fmt.Printf("log-likelihood %.1f, se(r) = %.3f\n", fit.LogLikelihood, fit.StdErrors[0])
	// Output:
	// r = 0.194, α = 7.82 weeks, a = 0.888, b = 1.939
	// log-likelihood -5968.1, se(r) = 0.014
}

func ExampleBGNBD_LogLikelihoodOf() {
	ll, err := cdnow.LogLikelihoodOf([]clv.RFM{
		{Frequency: 2, Recency: 30.43, Age: 38.86},
		{Frequency: 0, Recency: 0, Age: 38.86},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f\n", ll)
	// Output:
	// -10.0133
}

func ExampleBGNBD_ExpectedPurchases() {
	// Expected repeat purchases in the first year (52 weeks) of a new
	// CDNOW customer.
	e, err := cdnow.ExpectedPurchases(52)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f\n", e)
	// Output:
	// 1.4461
}

func ExampleBGNBD_ConditionalExpectedPurchases() {
	// Fader, Hardie & Lee (2005): a customer with 2 repeat purchases, the
	// last at week 30.43 of 38.86, over the next 39 weeks.
	e, err := cdnow.ConditionalExpectedPurchases(clv.RFM{Frequency: 2, Recency: 30.43, Age: 38.86}, 39)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f\n", e)
	// Output:
	// 1.2260
}

func ExampleBGNBD_ProbabilityAlive() {
	for _, c := range []clv.RFM{
		{Frequency: 2, Recency: 30.43, Age: 38.86}, // bought recently
		{Frequency: 2, Recency: 5, Age: 38.86},     // silent for 34 weeks
		{Frequency: 0, Recency: 0, Age: 38.86},     // never repeated
	} {
		p, err := cdnow.ProbabilityAlive(c)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("x=%d t_x=%v: %.4f\n", c.Frequency, c.Recency, p)
	}
	// Output:
	// x=2 t_x=30.43: 0.7266
	// x=2 t_x=5: 0.1237
	// x=0 t_x=0: 1.0000
}

func ExampleBGNBD_ProbabilityOfPurchases() {
	// The distribution of repeat purchases in the 39-week calibration
	// period of the CDNOW cohort.
	for n := 0; n <= 3; n++ {
		p, err := cdnow.ProbabilityOfPurchases(n, 39)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("P(X(39) = %d) = %.4f\n", n, p)
	}
	// Output:
	// P(X(39) = 0) = 0.5738
	// P(X(39) = 1) = 0.1994
	// P(X(39) = 2) = 0.0854
	// P(X(39) = 3) = 0.0459
}

func ExampleBGNBD_LifetimeValue() {
	// The next 12 months of a customer, $35 per purchase, 1% discount per
	// month, months of 52/12 weeks (the model's unit).
	c := clv.RFM{Frequency: 2, Recency: 30.43, Age: 38.86}
	v, err := cdnow.LifetimeValue(c, clv.Valuation{
		Spend:        35,
		DiscountRate: metrics.PercentInt(1),
		Periods:      12,
		PeriodLength: 52.0 / 12,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("$%.2f\n", v)
	// Output:
	// $51.38
}
