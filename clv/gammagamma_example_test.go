package clv_test

import (
	"fmt"

	"github.com/kpikit/kpikit/clv"
)

// repeatBuyers are the repeat purchases (count and mean value in dollars)
// of a small shop's customers, and two customers who bought once.
var repeatBuyers = []clv.RFM{
	{Frequency: 1, MeanValue: 12.5}, {Frequency: 1, MeanValue: 48}, {Frequency: 2, MeanValue: 22},
	{Frequency: 3, MeanValue: 31.2}, {Frequency: 1, MeanValue: 9.9}, {Frequency: 5, MeanValue: 27.4},
	{Frequency: 2, MeanValue: 65}, {Frequency: 1, MeanValue: 18}, {Frequency: 4, MeanValue: 15.75},
	{Frequency: 2, MeanValue: 38.5}, {Frequency: 6, MeanValue: 21.3}, {Frequency: 1, MeanValue: 105},
	{Frequency: 3, MeanValue: 14.1}, {Frequency: 1, MeanValue: 26}, {Frequency: 2, MeanValue: 17.25},
	{Frequency: 8, MeanValue: 33.6}, {Frequency: 1, MeanValue: 7.5}, {Frequency: 2, MeanValue: 24.8},
	{Frequency: 3, MeanValue: 52.3}, {Frequency: 1, MeanValue: 29.99}, {Frequency: 4, MeanValue: 19.6},
	{Frequency: 0, Age: 10}, {Frequency: 0, Age: 3},
}

func ExampleFitGammaGamma() {
	fit, err := clv.FitGammaGamma(repeatBuyers, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("p=%.2f q=%.2f v=%.2f log-likelihood=%.2f\n", fit.P, fit.Q, fit.V, fit.LogLikelihood)
	mean, _ := fit.MeanSpend()
	fmt.Printf("population mean spend %.2f\n", mean)
	// Output:
	// p=2.63 q=10.16 v=102.71 log-likelihood=-85.58
	// population mean spend 29.45
}

func ExampleGammaGamma_ExpectedSpend() {
	// The CDNOW estimates of Fader, Hardie & Lee (2005).
	m := clv.GammaGamma{P: 6.25, Q: 3.74, V: 15.44}
	for _, c := range []clv.RFM{{}, {Frequency: 1, MeanValue: 60}, {Frequency: 10, MeanValue: 60}} {
		e, err := m.ExpectedSpend(c)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("x=%d z̄=%.0f: %.2f\n", c.Frequency, c.MeanValue, e)
	}
	// Output:
	// x=0 z̄=0: 35.22
	// x=1 z̄=60: 52.45
	// x=10 z̄=60: 58.96
}

func ExampleGammaGamma_MeanSpend() {
	m := clv.GammaGamma{P: 6.25, Q: 3.74, V: 15.44}
	mean, err := m.MeanSpend()
	fmt.Printf("%.2f %v\n", mean, err)
	_, err = clv.GammaGamma{P: 6.25, Q: 0.9, V: 15.44}.MeanSpend()
	fmt.Println(err)
	// Output:
	// 35.22 <nil>
	// clv.GammaGamma.MeanSpend: Q 0.9 is at most 1: the mean spend is infinite: undefined for this input
}

func ExampleGammaGamma_LogLikelihoodOf() {
	m := clv.GammaGamma{P: 6.25, Q: 3.74, V: 15.44}
	ll, err := m.LogLikelihoodOf(repeatBuyers)
	fmt.Printf("%.3f %v\n", ll, err)
	// Output:
	// -86.410 <nil>
}
