package clv

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// approx compares floats to a relative tolerance of 1e-12.
var approx = cmp.Comparer(func(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b))
})

func TestGammaGammaExpectedSpend(t *testing.T) {
	m := GammaGamma{P: 6.25, Q: 3.74, V: 15.44}
	tests := []struct {
		name string
		c    RFM
		want float64
	}{
		// (V + x z̄) P / (P x + Q − 1), computed by hand.
		{"new customer", RFM{}, 6.25 * 15.44 / 2.74},
		{"one repeat", RFM{Frequency: 1, MeanValue: 20}, (15.44 + 20) * 6.25 / (6.25 + 2.74)},
		{"ten repeats", RFM{Frequency: 10, MeanValue: 50, Recency: 3, Age: 9}, (15.44 + 500) * 6.25 / (62.5 + 2.74)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := m.ExpectedSpend(tt.c)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	mean, err := m.MeanSpend()
	if diff := cmp.Diff(6.25*15.44/2.74, mean, approx); diff != "" || err != nil {
		t.Errorf("MeanSpend (-want +got):\n%s %v", diff, err)
	}
}

func TestGammaGammaErrors(t *testing.T) {
	good := GammaGamma{P: 2, Q: 3, V: 4}
	tests := []struct {
		name     string
		call     func() error
		field    string
		sentinel error
	}{
		{"P zero", func() error { _, err := GammaGamma{Q: 3, V: 4}.MeanSpend(); return err }, "P", metrics.ErrOutOfRange},
		{"Q NaN", func() error { _, err := GammaGamma{P: 1, Q: math.NaN(), V: 4}.MeanSpend(); return err }, "Q", metrics.ErrOutOfRange},
		{"V Inf", func() error { _, err := GammaGamma{P: 1, Q: 2, V: math.Inf(1)}.ExpectedSpend(RFM{}); return err }, "V", metrics.ErrOutOfRange},
		{"Q at most 1", func() error { _, err := GammaGamma{P: 1, Q: 1, V: 4}.MeanSpend(); return err }, "Q", metrics.ErrUndefined},
		{"new customer, Q at most 1", func() error { _, err := GammaGamma{P: 1, Q: 0.5, V: 4}.ExpectedSpend(RFM{}); return err }, "Q", metrics.ErrUndefined},
		{"negative frequency", func() error { _, err := good.ExpectedSpend(RFM{Frequency: -1}); return err }, "Frequency", metrics.ErrNegative},
		{"negative value", func() error { _, err := good.ExpectedSpend(RFM{Frequency: 1, MeanValue: -1}); return err }, "MeanValue", metrics.ErrNegative},
		{"NaN value", func() error { _, err := good.ExpectedSpend(RFM{Frequency: 1, MeanValue: math.NaN()}); return err }, "MeanValue", metrics.ErrInvalid},
		{"value without repeats", func() error { _, err := good.ExpectedSpend(RFM{MeanValue: 3}); return err }, "MeanValue", metrics.ErrInconsistent},
		{"overflow", func() error {
			_, err := GammaGamma{P: 1e300, Q: 2, V: 1e300}.MeanSpend()
			return err
		}, "GammaGamma", metrics.ErrUndefined},
		{"fit: no repeat buyers", func() error { _, err := FitGammaGamma([]RFM{{Age: 3}}, FitOptions{}); return err }, "Customers", metrics.ErrUndefined},
		{"fit: nil", func() error { _, err := FitGammaGamma(nil, FitOptions{}); return err }, "Customers", metrics.ErrUndefined},
		{"fit: zero value", func() error {
			_, err := FitGammaGamma([]RFM{{Frequency: 1, MeanValue: 2}, {Frequency: 2}}, FitOptions{})
			return err
		}, "Customers.MeanValue", metrics.ErrOutOfRange},
		{"fit: negative penalty", func() error {
			_, err := FitGammaGamma([]RFM{{Frequency: 1, MeanValue: 2}}, FitOptions{Penalty: -1})
			return err
		}, "Penalty", metrics.ErrNegative},
		{"fit: NaN penalty", func() error {
			_, err := FitGammaGamma([]RFM{{Frequency: 1, MeanValue: 2}}, FitOptions{Penalty: math.NaN()})
			return err
		}, "Penalty", metrics.ErrInvalid},
		{"fit: negative iterations", func() error {
			_, err := FitGammaGamma([]RFM{{Frequency: 1, MeanValue: 2}}, FitOptions{MaxIterations: -1})
			return err
		}, "MaxIterations", metrics.ErrNegative},
		{"log-likelihood: bad parameter", func() error { _, err := GammaGamma{}.LogLikelihoodOf([]RFM{{Frequency: 1, MeanValue: 2}}); return err }, "P", metrics.ErrOutOfRange},
		{"log-likelihood: bad customer", func() error { _, err := good.LogLikelihoodOf([]RFM{{Frequency: -1}}); return err }, "Customers.Frequency", metrics.ErrNegative},
		{"log-likelihood: not finite", func() error {
			_, err := GammaGamma{P: 1e308, Q: 1e308, V: 1}.LogLikelihoodOf([]RFM{{Frequency: 1, MeanValue: 2}})
			return err
		}, "GammaGamma", metrics.ErrUndefined},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("error %v, want %v", err, tt.sentinel)
			}
			if got := errorOf(t, err).Field; got != tt.field {
				t.Errorf("Field = %q, want %q", got, tt.field)
			}
		})
	}
}

// simulateGammaGamma draws n repeat buyers of the Gamma-Gamma model with
// 1..10 repeat purchases each.
func simulateGammaGamma(r *rand.Rand, m GammaGamma, n int) []RFM {
	out := make([]RFM, n)
	for i := range out {
		nu := gammaRand(r, m.Q) / m.V
		x := 1 + r.IntN(10)
		sum := 0.0
		for range x {
			sum += gammaRand(r, m.P) / nu
		}
		out[i] = RFM{Frequency: x, MeanValue: sum / float64(x)}
	}
	return out
}

// gammaRand draws a gamma variate of shape k and rate 1 (Marsaglia and
// Tsang's method, with the boost for k < 1).
func gammaRand(r *rand.Rand, k float64) float64 {
	if k < 1 {
		return gammaRand(r, k+1) * math.Pow(r.Float64(), 1/k)
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
		u := r.Float64()
		if math.Log(u) < 0.5*x*x+d-d*v+d*math.Log(v) {
			return d * v
		}
	}
}

// TestFitGammaGammaRecovers fits simulated customers and finds the
// parameters within three standard errors.
func TestFitGammaGammaRecovers(t *testing.T) {
	want := GammaGamma{P: 4, Q: 5, V: 60}
	customers := simulateGammaGamma(rand.New(rand.NewPCG(1, 2)), want, 5000)
	customers = append(customers, RFM{Age: 5}) // a one-time buyer is skipped
	fit, err := FitGammaGamma(customers, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range [][2]float64{{want.P, fit.P}, {want.Q, fit.Q}, {want.V, fit.V}} {
		if math.Abs(p[0]-p[1]) > 3*fit.StdErrors[i] {
			t.Errorf("parameter %d: fitted %.4f ± %.4f, true %.4f", i, p[1], fit.StdErrors[i], p[0])
		}
	}
	ll, err := fit.LogLikelihoodOf(customers)
	if diff := cmp.Diff(fit.LogLikelihood, ll, approx); diff != "" || err != nil {
		t.Errorf("LogLikelihoodOf at the fit (-want +got):\n%s %v", diff, err)
	}
	// The fit maximises the likelihood: moving any parameter lowers it.
	for i := range 3 {
		for _, f := range []float64{0.99, 1.01} {
			m := fit.GammaGamma
			switch i {
			case 0:
				m.P *= f
			case 1:
				m.Q *= f
			default:
				m.V *= f
			}
			if l, _ := m.LogLikelihoodOf(customers); l >= fit.LogLikelihood {
				t.Errorf("parameter %d × %v: log-likelihood %v ≥ the fit's %v", i, f, l, fit.LogLikelihood)
			}
		}
	}
}

func TestFitGammaGammaNotConverged(t *testing.T) {
	// Every repeat buyer spends exactly the same: no heterogeneity to fit.
	customers := make([]RFM, 200)
	for i := range customers {
		customers[i] = RFM{Frequency: 1 + i%5, MeanValue: 10}
	}
	_, err := FitGammaGamma(customers, FitOptions{})
	var ce *ConvergenceError
	if !errors.As(err, &ce) || !errors.Is(err, metrics.ErrNotConverged) {
		t.Fatalf("error %v, want a *ConvergenceError", err)
	}
}

// TestGammaGammaProperties: the expected spend lies between the population's
// mean and the customer's mean, and moves towards the customer's mean as
// the number of repeat purchases grows.
func TestGammaGammaProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := GammaGamma{
			P: rapid.Float64Range(0.05, 50).Draw(t, "p"),
			Q: rapid.Float64Range(1.01, 50).Draw(t, "q"),
			V: rapid.Float64Range(0.01, 1e4).Draw(t, "v"),
		}
		x := rapid.IntRange(1, 1000).Draw(t, "x")
		z := rapid.Float64Range(0.01, 1e5).Draw(t, "zbar")
		pop, err := m.MeanSpend()
		if err != nil {
			t.Fatal(err)
		}
		e, err := m.ExpectedSpend(RFM{Frequency: x, MeanValue: z})
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := math.Min(pop, z), math.Max(pop, z)
		if e < lo*(1-1e-12) || e > hi*(1+1e-12) {
			t.Fatalf("E = %v outside [%v, %v]", e, lo, hi)
		}
		e2, err := m.ExpectedSpend(RFM{Frequency: x + 1, MeanValue: z})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(e2-z) > math.Abs(e-z)*(1+1e-12) {
			t.Fatalf("one more purchase moved E away from z̄: %v then %v (z̄ %v)", e, e2, z)
		}
		e0, err := m.ExpectedSpend(RFM{})
		if err != nil || math.Abs(e0-pop) > 1e-12*pop {
			t.Fatalf("E for a new customer %v, population mean %v, %v", e0, pop, err)
		}
	})
}

func FuzzGammaGammaExpectedSpend(f *testing.F) {
	f.Add(6.25, 3.74, 15.44, 2, 30.0)
	f.Add(1.0, 0.5, 1.0, 0, 0.0)
	f.Add(1e308, 1e-308, 1e308, 1<<30, 1e308)
	f.Fuzz(func(t *testing.T, p, q, v float64, x int, z float64) {
		m := GammaGamma{P: p, Q: q, V: v}
		for _, call := range []func() (float64, error){
			func() (float64, error) { return m.ExpectedSpend(RFM{Frequency: x, MeanValue: z}) },
			m.MeanSpend,
			func() (float64, error) { return m.LogLikelihoodOf([]RFM{{Frequency: x, MeanValue: z}}) },
		} {
			got, err := call()
			if err != nil {
				if testkit.Sentinel(err) == nil {
					t.Fatalf("error %v unwraps to no sentinel", err)
				}
				continue
			}
			if math.IsNaN(got) || math.IsInf(got, 0) {
				t.Fatalf("result %v", got)
			}
		}
	})
}
