package clv

import (
	"errors"
	"gonum.org/v1/gonum/mathext"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// donationsParams are the BG/BB estimates of Fader, Hardie & Shang (2010).
var donationsParams = BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}

// lgammaOf is ln Γ(x).
func lgammaOf(x float64) float64 { v, _ := math.Lgamma(x); return v }

// bgbbDirect is the likelihood of FitBGBB computed by brute force over the
// customer's possible death times, with p and θ integrated out term by term:
// an oracle independent of the log-sum-exp arrangement.
func bgbbDirect(m BGBB, h BGBBHistory) float64 {
	x, tx, n := float64(h.Frequency), float64(h.Recency), float64(h.Opportunities)
	b := func(a, c float64) float64 { return math.Exp(mathext.Lbeta(a, c)) }
	l := b(m.Alpha+x, m.Beta+n-x) / b(m.Alpha, m.Beta) * b(m.Gamma, m.Delta+n) / b(m.Gamma, m.Delta)
	for i := 0.0; i < n-tx; i++ {
		l += b(m.Alpha+x, m.Beta+tx-x+i) / b(m.Alpha, m.Beta) * b(m.Gamma+1, m.Delta+tx+i) / b(m.Gamma, m.Delta)
	}
	return l
}

func TestBGBBPredictions(t *testing.T) {
	m := donationsParams
	// Every history of 6 opportunities: the likelihoods are the
	// probabilities of the patterns, which sum to 1 over (x, t_x) once the
	// C(t_x−1, x−1) orders of the earlier transactions are counted.
	total := 0.0
	for x := 0; x <= 6; x++ {
		for tx := x; tx <= 6; tx++ {
			if (x == 0) != (tx == 0) {
				continue
			}
			h := BGBBHistory{Frequency: x, Recency: tx, Opportunities: 6}
			ll, err := m.LogLikelihoodOf([]BGBBHistory{h})
			if err != nil {
				t.Fatal(err)
			}
			direct := bgbbDirect(m, h)
			if math.Abs(math.Exp(ll)-direct) > 1e-12 {
				t.Errorf("L(%+v) = %v, direct %v", h, math.Exp(ll), direct)
			}
			orders := 1.0
			if x > 0 {
				orders = math.Round(math.Exp(lgammaOf(float64(tx)) - lgammaOf(float64(x)) - lgammaOf(float64(tx-x+1))))
			}
			total += orders * direct
		}
	}
	if math.Abs(total-1) > 1e-12 {
		t.Errorf("the pattern probabilities sum to %v", total)
	}
	// The closed forms of Fader, Hardie & Shang (2010) for E[X(n)] and E[X(n, n+k)].
	g, d, a, bb := m.Gamma, m.Delta, m.Alpha, m.Beta
	for _, n := range []int{1, 5, 30} {
		got, err := m.ExpectedPurchases(n)
		want := a / (a + bb) * d / (g - 1) * (1 - math.Exp(lgammaOf(g+d)+lgammaOf(1+d+float64(n))-lgammaOf(g+d+float64(n))-lgammaOf(1+d)))
		if err != nil || math.Abs(got-want) > 1e-10*want {
			t.Errorf("E[X(%d)] = %v, %v; closed form %v", n, got, err, want)
		}
	}
	for _, h := range []BGBBHistory{{0, 0, 6, 0}, {3, 5, 6, 0}, {6, 6, 6, 0}, {2, 2, 6, 0}} {
		for _, k := range []int{1, 5, 10} {
			got, err := m.ConditionalExpectedPurchases(h, k)
			x, n, nk := float64(h.Frequency), float64(h.Opportunities), float64(k)
			want := math.Exp(mathext.Lbeta(a+x+1, bb+n-x)-mathext.Lbeta(a, bb)) / bgbbDirect(m, h) * d / (g - 1) *
				math.Exp(lgammaOf(g+d)-lgammaOf(1+d)) *
				(math.Exp(lgammaOf(1+d+n)-lgammaOf(g+d+n)) - math.Exp(lgammaOf(1+d+n+nk)-lgammaOf(g+d+n+nk)))
			if err != nil || math.Abs(got-want) > 1e-10*want {
				t.Errorf("E[X(n, n+%d) | %+v] = %v, %v; closed form %v", k, h, got, err, want)
			}
		}
		p, err := m.ProbabilityAlive(h)
		x, n := float64(h.Frequency), float64(h.Opportunities)
		want := math.Exp(mathext.Lbeta(a+x, bb+n-x)-mathext.Lbeta(a, bb)+mathext.Lbeta(g, d+n+1)-mathext.Lbeta(g, d)) / bgbbDirect(m, h)
		if err != nil || math.Abs(p-want) > 1e-12 {
			t.Errorf("P(alive | %+v) = %v, %v; want %v", h, p, err, want)
		}
	}
}

func TestBGBBErrors(t *testing.T) {
	m := donationsParams
	h := BGBBHistory{Frequency: 1, Recency: 2, Opportunities: 3}
	tests := []struct {
		name     string
		call     func() error
		field    string
		sentinel error
	}{
		{"alpha", func() error { _, err := BGBB{Beta: 1, Gamma: 1, Delta: 1}.ProbabilityAlive(h); return err }, "Alpha", metrics.ErrOutOfRange},
		{"delta Inf", func() error { _, err := BGBB{1, 1, 1, math.Inf(1)}.ExpectedPurchases(1); return err }, "Delta", metrics.ErrOutOfRange},
		{"bad model LL", func() error { _, err := BGBB{1, 1, math.NaN(), 1}.LogLikelihoodOf([]BGBBHistory{h}); return err }, "Gamma", metrics.ErrOutOfRange},
		{"bad model E", func() error { _, err := BGBB{1, -1, 1, 1}.ConditionalExpectedPurchases(h, 1); return err }, "Beta", metrics.ErrOutOfRange},
		{"negative frequency", func() error { _, err := m.ProbabilityAlive(BGBBHistory{-1, 0, 3, 0}); return err }, "Frequency", metrics.ErrNegative},
		{"negative recency", func() error { _, err := m.ProbabilityAlive(BGBBHistory{0, -1, 3, 0}); return err }, "Recency", metrics.ErrNegative},
		{"negative count", func() error { _, err := m.ProbabilityAlive(BGBBHistory{0, 0, 3, -1}); return err }, "Count", metrics.ErrNegative},
		{"no opportunity", func() error { _, err := m.ProbabilityAlive(BGBBHistory{0, 0, 0, 0}); return err }, "Opportunities", metrics.ErrOutOfRange},
		{"too many opportunities", func() error { _, err := m.ProbabilityAlive(BGBBHistory{0, 0, MaxProjectionPeriods + 1, 0}); return err }, "Opportunities", metrics.ErrOutOfRange},
		{"recency beyond", func() error { _, err := m.ProbabilityAlive(BGBBHistory{1, 4, 3, 0}); return err }, "Recency", metrics.ErrInconsistent},
		{"frequency beyond recency", func() error { _, err := m.ProbabilityAlive(BGBBHistory{3, 2, 3, 0}); return err }, "Frequency", metrics.ErrInconsistent},
		{"recency without frequency", func() error { _, err := m.ProbabilityAlive(BGBBHistory{0, 2, 3, 0}); return err }, "Recency", metrics.ErrInconsistent},
		{"frequency without recency", func() error { _, err := m.ProbabilityAlive(BGBBHistory{1, 0, 3, 0}); return err }, "Frequency", metrics.ErrInconsistent},
		{"k negative", func() error { _, err := m.ConditionalExpectedPurchases(h, -1); return err }, "k", metrics.ErrOutOfRange},
		{"n too large", func() error { _, err := m.ExpectedPurchases(MaxProjectionPeriods + 1); return err }, "n", metrics.ErrOutOfRange},
		{"fit empty", func() error { _, err := FitBGBB(nil, FitOptions{}); return err }, "Histories", metrics.ErrUndefined},
		{"fit bad history", func() error { _, err := FitBGBB([]BGBBHistory{h, {1, 0, 3, 0}}, FitOptions{}); return err }, "Histories.Frequency", metrics.ErrInconsistent},
		{"fit options", func() error { _, err := FitBGBB([]BGBBHistory{h}, FitOptions{MaxIterations: -2}); return err }, "MaxIterations", metrics.ErrNegative},
		{"LL not finite", func() error {
			_, err := BGBB{1e308, 1e308, 1e308, 1e308}.LogLikelihoodOf([]BGBBHistory{h})
			return err
		}, "BGBB", metrics.ErrUndefined},
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

// TestFitBGBBRecovers simulates donors and finds the parameters within
// three standard errors.
func TestFitBGBBRecovers(t *testing.T) {
	want := BGBB{Alpha: 1.5, Beta: 1, Gamma: 0.8, Delta: 3}
	r := rand.New(rand.NewPCG(5, 6))
	const n = 8
	counts := map[[2]int]int{}
	for range 30000 {
		ga, gb := gammaRand(r, want.Alpha), gammaRand(r, want.Beta)
		p := ga / (ga + gb)
		gc, gd := gammaRand(r, want.Gamma), gammaRand(r, want.Delta)
		theta := gc / (gc + gd)
		x, tx := 0, 0
		for t := 1; t <= n; t++ {
			if r.Float64() < theta {
				break
			}
			if r.Float64() < p {
				x, tx = x+1, t
			}
		}
		counts[[2]int{x, tx}]++
	}
	var hs []BGBBHistory
	for k, c := range counts {
		hs = append(hs, BGBBHistory{Frequency: k[0], Recency: k[1], Opportunities: n, Count: c})
	}
	fit, err := FitBGBB(hs, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range [][2]float64{{want.Alpha, fit.Alpha}, {want.Beta, fit.Beta}, {want.Gamma, fit.Gamma}, {want.Delta, fit.Delta}} {
		if math.Abs(p[0]-p[1]) > 3*fit.StdErrors[i] {
			t.Errorf("parameter %d: fitted %.4f ± %.4f, true %.4f", i, p[1], fit.StdErrors[i], p[0])
		}
	}
	ll, err := fit.LogLikelihoodOf(hs)
	if diff := cmp.Diff(fit.LogLikelihood, ll, approx); diff != "" || err != nil {
		t.Errorf("LogLikelihoodOf at the fit (-want +got):\n%s %v", diff, err)
	}
}

// TestBGBBProperties: P(alive) within 0..1 and not rising with one more
// empty opportunity; expected purchases non-negative, non-decreasing in the
// horizon, and at most the horizon.
func TestBGBBProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := BGBB{
			Alpha: rapid.Float64Range(0.05, 20).Draw(t, "alpha"),
			Beta:  rapid.Float64Range(0.05, 20).Draw(t, "beta"),
			Gamma: rapid.Float64Range(0.05, 20).Draw(t, "gamma"),
			Delta: rapid.Float64Range(0.05, 20).Draw(t, "delta"),
		}
		n := rapid.IntRange(1, 40).Draw(t, "n")
		tx := rapid.IntRange(0, n).Draw(t, "tx")
		x := 0
		if tx > 0 {
			x = rapid.IntRange(1, tx).Draw(t, "x")
		}
		h := BGBBHistory{Frequency: x, Recency: tx, Opportunities: n}
		p, err := m.ProbabilityAlive(h)
		if err != nil || p < 0 || p > 1 {
			t.Fatalf("P(alive) = %v, %v", p, err)
		}
		later := h
		later.Opportunities++
		p2, err := m.ProbabilityAlive(later)
		if err != nil || p2 > p*(1+1e-12) {
			t.Fatalf("P(alive) rose from %v to %v after an empty opportunity (%v)", p, p2, err)
		}
		k := rapid.IntRange(0, 30).Draw(t, "k")
		e1, err1 := m.ConditionalExpectedPurchases(h, k)
		e2, err2 := m.ConditionalExpectedPurchases(h, k+1)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		if e1 < 0 || e2 < e1 || e1 > float64(k)*(1+1e-12) {
			t.Fatalf("E over %d = %v, over %d = %v", k, e1, k+1, e2)
		}
	})
}

func FuzzBGBB(f *testing.F) {
	f.Add(1.204, 0.75, 0.657, 2.783, 3, 5, 6, 4)
	f.Add(1e-300, 1e300, 1e-300, 1e300, 0, 0, 1, 0)
	f.Fuzz(func(t *testing.T, a, b, g, d float64, x, tx, n, k int) {
		m := BGBB{a, b, g, d}
		h := BGBBHistory{Frequency: x, Recency: tx, Opportunities: n % 1000}
		for _, call := range []func() (float64, error){
			func() (float64, error) { return m.ProbabilityAlive(h) },
			func() (float64, error) { return m.ConditionalExpectedPurchases(h, k%1000) },
			func() (float64, error) { return m.ExpectedPurchases(k % 1000) },
			func() (float64, error) { return m.LogLikelihoodOf([]BGBBHistory{h}) },
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

func TestBGBBEdges(t *testing.T) {
	inf := math.Inf(-1)
	for _, c := range [][3]float64{{inf, 0, 0}, {0, inf, 0}, {inf, inf, inf}, {math.Log(2), math.Log(3), math.Log(5)}} {
		if got := logAdd(c[0], c[1]); got != c[2] && math.Abs(got-c[2]) > 1e-15 {
			t.Errorf("logAdd(%v, %v) = %v, want %v", c[0], c[1], got, c[2])
		}
	}
	// One iteration cannot converge: the fit reports it.
	_, err := FitBGBB([]BGBBHistory{{1, 1, 3, 10}, {0, 0, 3, 20}, {3, 3, 3, 5}, {2, 3, 3, 7}}, FitOptions{MaxIterations: 1})
	var ce *ConvergenceError
	if !errors.As(err, &ce) || !errors.Is(err, metrics.ErrNotConverged) {
		t.Errorf("FitBGBB with one iteration: %v, want a *ConvergenceError", err)
	}
	_, err = BGBB{1e308, 1e-308, 1e308, 1e-308}.ProbabilityAlive(BGBBHistory{Frequency: 1, Recency: 1, Opportunities: 3})
	if !errors.Is(err, metrics.ErrUndefined) {
		t.Errorf("ProbabilityAlive at extreme parameters: %v, want ErrUndefined", err)
	}
}
