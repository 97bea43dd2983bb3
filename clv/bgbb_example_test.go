package clv_test

import (
	"fmt"

	"github.com/kpikit/kpikit/clv"
)

// donors are the 1995 cohort of a charity's donors over 6 yearly
// opportunities, by pattern of repeat donations (the data set of Fader,
// Hardie & Shang, "Customer-Base Analysis in a Discrete-Time
// Noncontractual Setting", Marketing Science 29(6), 2010).
var donors = []clv.BGBBHistory{
	{0, 0, 6, 3464}, {1, 1, 6, 1091}, {1, 2, 6, 277}, {1, 3, 6, 129}, {1, 4, 6, 78}, {1, 5, 6, 119},
	{1, 6, 6, 129}, {2, 2, 6, 613}, {2, 3, 6, 255}, {2, 4, 6, 155}, {2, 5, 6, 173}, {2, 6, 6, 234},
	{3, 3, 6, 322}, {3, 4, 6, 181}, {3, 5, 6, 225}, {3, 6, 6, 357}, {4, 4, 6, 240}, {4, 5, 6, 284},
	{4, 6, 6, 512}, {5, 5, 6, 335}, {5, 6, 6, 728}, {6, 6, 6, 1203},
}

func ExampleFitBGBB() {
	fit, err := clv.FitBGBB(donors, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("alpha=%.3f beta=%.3f gamma=%.3f delta=%.3f log-likelihood=%.1f\n",
		fit.Alpha, fit.Beta, fit.Gamma, fit.Delta, fit.LogLikelihood)
	// Output:
	// alpha=1.204 beta=0.750 gamma=0.657 delta=2.783 log-likelihood=-33225.6
}

func ExampleBGBB_ProbabilityAlive() {
	m := clv.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	for _, h := range []clv.BGBBHistory{{6, 6, 6, 0}, {3, 6, 6, 0}, {3, 3, 6, 0}, {0, 0, 6, 0}} {
		p, err := m.ProbabilityAlive(h)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("x=%d t_x=%d: %.3f\n", h.Frequency, h.Recency, p)
	}
	// Output:
	// x=6 t_x=6: 0.930
	// x=3 t_x=6: 0.930
	// x=3 t_x=3: 0.095
	// x=0 t_x=0: 0.108
}

func ExampleBGBB_ConditionalExpectedPurchases() {
	m := clv.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	e, err := m.ConditionalExpectedPurchases(clv.BGBBHistory{Frequency: 4, Recency: 6, Opportunities: 6}, 5)
	fmt.Printf("%.3f donations in the next 5 years %v\n", e, err)
	// Output:
	// 2.710 donations in the next 5 years <nil>
}

func ExampleBGBB_ExpectedPurchases() {
	m := clv.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	for _, n := range []int{1, 6, 11} {
		e, _ := m.ExpectedPurchases(n)
		fmt.Printf("E[X(%d)] = %.3f\n", n, e)
	}
	// Output:
	// E[X(1)] = 0.498
	// E[X(6)] = 2.220
	// E[X(11)] = 3.388
}

func ExampleBGBB_LogLikelihoodOf() {
	m := clv.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	ll, err := m.LogLikelihoodOf(donors)
	fmt.Printf("%.1f %v\n", ll, err)
	// Output:
	// -33225.6 <nil>
}
