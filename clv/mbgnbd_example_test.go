package clv_test

import (
	"fmt"

	"github.com/kpikit/kpikit/clv"
	"github.com/kpikit/kpikit/metrics"
)

// mbg holds illustrative MBG/NBD parameters, in weeks.
var mbg = clv.MBGNBD{R: 0.25, Alpha: 4.5, A: 0.8, B: 2.5}

func ExampleFitMBGNBD() {
	// The cohort of the FitBGNBD example.
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
	fit, err := clv.FitMBGNBD(customers, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("r = %.3f, α = %.2f, a = %.3f, b = %.3f\n", fit.R, fit.Alpha, fit.A, fit.B)
	fmt.Printf("log-likelihood %.1f\n", fit.LogLikelihood)
	// Output:
	// r = 0.755, α = 14.54, a = 0.942, b = 0.841
	// log-likelihood -5963.3
}

func ExampleMBGNBD_LogLikelihoodOf() {
	ll, err := mbg.LogLikelihoodOf([]clv.RFM{{Frequency: 2, Recency: 30.43, Age: 38.86}, {Age: 38.86}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f\n", ll)
	// Output:
	// -10.0586
}

func ExampleMBGNBD_ExpectedPurchases() {
	e, err := mbg.ExpectedPurchases(52)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f\n", e)
	// Output:
	// 1.2354
}

func ExampleMBGNBD_ConditionalExpectedPurchases() {
	e, err := mbg.ConditionalExpectedPurchases(clv.RFM{Frequency: 2, Recency: 30.43, Age: 38.86}, 39)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f\n", e)
	// Output:
	// 1.3448
}

func ExampleMBGNBD_ProbabilityAlive() {
	// Unlike BG/NBD, a customer who never repeated may be gone.
	p, err := mbg.ProbabilityAlive(clv.RFM{Age: 38.86})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f\n", p)
	// Output:
	// 0.6395
}

func ExampleMBGNBD_LifetimeValue() {
	v, err := mbg.LifetimeValue(clv.RFM{Frequency: 2, Recency: 30.43, Age: 38.86}, clv.Valuation{
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
	// $56.65
}
