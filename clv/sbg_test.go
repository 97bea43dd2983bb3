package clv

import (
	"errors"
	"gonum.org/v1/gonum/mathext"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestFitSBGPublished reproduces Fader & Hardie, "How to Project Customer
// Retention", Journal of Interactive Marketing 21(1), 2007, Table 1 and
// its estimates: customers still active at the start of years 0..7 per
// 1,000 who started, High End α = 0.668, β = 3.806, Regular α = 0.704,
// β = 1.182.
func TestFitSBGPublished(t *testing.T) {
	tests := []struct {
		name      string
		survivors []int
		want      []string
	}{
		{"High End", []int{1000, 869, 743, 653, 593, 551, 517, 491}, []string{"0.668", "3.806"}},
		{"Regular", []int{1000, 631, 468, 382, 326, 289, 262, 241}, []string{"0.704", "1.182"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fit, err := FitSBG(tt.survivors, FitOptions{})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("α=%.5f β=%.5f se=%.4f ll=%.4f iterations=%d", fit.Alpha, fit.Beta, fit.StdErrors, fit.LogLikelihood, fit.Iterations)
			got := []string{strconv.FormatFloat(fit.Alpha, 'f', 3, 64), strconv.FormatFloat(fit.Beta, 'f', 3, 64)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("α, β (-want +got):\n%s", diff)
			}
			ll, err := fit.LogLikelihoodOf(tt.survivors)
			if diff := cmp.Diff(fit.LogLikelihood, ll, approx); diff != "" || err != nil {
				t.Errorf("LogLikelihoodOf (-want +got):\n%s %v", diff, err)
			}
		})
	}
}

func TestSBGPredictions(t *testing.T) {
	m := SBG{Alpha: 0.668, Beta: 3.806}
	// Hand-computed from the recursions S(t) = S(t−1)·(β+t−1)/(α+β+t−1).
	r1 := 3.806 / 4.474
	r2 := 4.806 / 5.474
	tests := []struct {
		name string
		call func() (float64, error)
		want float64
	}{
		{"S(0)", func() (float64, error) { return m.Survival(0) }, 1},
		{"S(1)", func() (float64, error) { return m.Survival(1) }, r1},
		{"S(2)", func() (float64, error) { return m.Survival(2) }, r1 * r2},
		{"r(1)", func() (float64, error) { return m.Retention(1) }, r1},
		{"r(2)", func() (float64, error) { return m.Retention(2) }, r2},
		{"P(T=1)", func() (float64, error) { return m.ChurnProbability(1) }, 1 - r1},
		{"P(T=2)", func() (float64, error) { return m.ChurnProbability(2) }, r1 * (1 - r2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.call()
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	got, err := m.ProjectSurvivors(1000, 2)
	if diff := cmp.Diff([]float64{1000, 1000 * r1, 1000 * r1 * r2}, got, approx); diff != "" || err != nil {
		t.Errorf("ProjectSurvivors (-want +got):\n%s %v", diff, err)
	}
}

// derlSeries sums the definition of DERL, Σ_{t>n} S(t)/S(n) / (1+d)^(t−n−1),
// with each survival ratio from log-beta (not from the product of
// retention rates DERL uses), until the terms fall below 1e-17 of the sum:
// an independent oracle of DERL.
func derlSeries(m SBG, n int, d float64) float64 {
	ln := mathext.Lbeta(m.Alpha, m.Beta+float64(n))
	sum := 0.0
	for k := 1; k < 10_000_000; k++ {
		term := math.Exp(mathext.Lbeta(m.Alpha, m.Beta+float64(n+k))-ln) / math.Pow(1+d, float64(k-1))
		sum += term
		if term < 1e-17*sum {
			break
		}
	}
	return sum
}

func TestSBGDERL(t *testing.T) {
	tests := []struct {
		m SBG
		n int
		d string
	}{
		{SBG{Alpha: 0.668, Beta: 3.806}, 0, "10"},
		{SBG{Alpha: 0.668, Beta: 3.806}, 4, "10"},
		{SBG{Alpha: 0.704, Beta: 1.182}, 0, "10"},
		{SBG{Alpha: 0.704, Beta: 1.182}, 12, "5"},
		{SBG{Alpha: 3, Beta: 0.5}, 1, "25"},
		{SBG{Alpha: 0.2, Beta: 0.3}, 2, "1"},
		{SBG{Alpha: 1e4, Beta: 1e4}, 3, "10"},
	}
	for _, tt := range tests {
		d := metrics.MustParsePercent(tt.d)
		got, err := tt.m.DERL(tt.n, d)
		if err != nil {
			t.Fatal(err)
		}
		want := derlSeries(tt.m, tt.n, d.Fraction().InexactFloat64())
		if math.Abs(got-want) > 1e-10*want {
			t.Errorf("DERL(%+v, n=%d, d=%s%%) = %.15g, series %.15g", tt.m, tt.n, tt.d, got, want)
		}
	}
	// The closed form of Fader & Hardie (2010) through the package's 2F1,
	// where that routine works (moderate parameters).
	for _, tt := range tests[:5] {
		d := metrics.MustParsePercent(tt.d)
		got, _ := tt.m.DERL(tt.n, d)
		b := tt.m.Beta + float64(tt.n)
		f, s, err := hyp2f1(1, b+1, tt.m.Alpha+b+1, 1/(1+d.Fraction().InexactFloat64()))
		if err != nil {
			t.Fatal(err)
		}
		want := b / (tt.m.Alpha + b) * f * math.Exp(s)
		if math.Abs(got-want) > 1e-10*want {
			t.Errorf("DERL(%+v, n=%d, d=%s%%) = %.15g, closed form %.15g", tt.m, tt.n, tt.d, got, want)
		}
	}
	// Homogeneous limit: retention 1−θ for everyone, DERL = (1−θ)(1+d)/(d+θ).
	for _, c := range []struct{ a, b, want float64 }{{1e7, 1e7, 0.5 * 1.1 / 0.6}, {1e9, 3e9, 0.75 * 1.1 / 0.35}} {
		got, err := SBG{Alpha: c.a, Beta: c.b}.DERL(3, metrics.MustParsePercent("10"))
		if err != nil || math.Abs(got-c.want) > 1e-5*c.want {
			t.Errorf("homogeneous DERL(%v, %v) = %v, %v; want %v", c.a, c.b, got, err, c.want)
		}
	}
	// The smallest discount: the bound 1/d + 1 on a customer who never leaves.
	got, err := SBG{Alpha: 1e-9, Beta: 1}.DERL(0, metrics.MustParsePercent("0.01"))
	if err != nil || got > 10001 || got < 9990 {
		t.Errorf("DERL at 0.01%% = %v, %v; want just below 10,001", got, err)
	}
}

func TestSBGErrors(t *testing.T) {
	good := SBG{Alpha: 1, Beta: 2}
	ten := metrics.PercentInt(10)
	tests := []struct {
		name     string
		call     func() error
		field    string
		sentinel error
	}{
		{"alpha zero", func() error { _, err := SBG{Beta: 1}.Survival(1); return err }, "Alpha", metrics.ErrOutOfRange},
		{"beta NaN", func() error { _, err := SBG{Alpha: 1, Beta: math.NaN()}.Retention(1); return err }, "Beta", metrics.ErrOutOfRange},
		{"beta Inf", func() error { _, err := SBG{Alpha: 1, Beta: math.Inf(1)}.ChurnProbability(1); return err }, "Beta", metrics.ErrOutOfRange},
		{"survival t<0", func() error { _, err := good.Survival(-1); return err }, "t", metrics.ErrOutOfRange},
		{"retention t<1", func() error { _, err := good.Retention(0); return err }, "t", metrics.ErrOutOfRange},
		{"churn t<1", func() error { _, err := good.ChurnProbability(0); return err }, "t", metrics.ErrOutOfRange},
		{"project negative cohort", func() error { _, err := good.ProjectSurvivors(-1, 3); return err }, "cohort", metrics.ErrNegative},
		{"project negative periods", func() error { _, err := good.ProjectSurvivors(1, -1); return err }, "periods", metrics.ErrOutOfRange},
		{"project too many periods", func() error { _, err := good.ProjectSurvivors(1, MaxProjectionPeriods+1); return err }, "periods", metrics.ErrOutOfRange},
		{"project bad model", func() error { _, err := SBG{}.ProjectSurvivors(1, 1); return err }, "Alpha", metrics.ErrOutOfRange},
		{"DERL negative renewals", func() error { _, err := good.DERL(-1, ten); return err }, "renewals", metrics.ErrNegative},
		{"DERL zero discount", func() error { _, err := good.DERL(1, metrics.Percent{}); return err }, "discount", metrics.ErrOutOfRange},
		{"DERL infinite discount", func() error { _, err := good.DERL(1, metrics.NewPercent(decimal.New(1, 400))); return err }, "discount", metrics.ErrOutOfRange},
		{"DERL tiny discount", func() error { _, err := good.DERL(1, metrics.MustParsePercent("0.0099")); return err }, "discount", metrics.ErrOutOfRange},
		{"DERL negative discount", func() error { _, err := good.DERL(1, metrics.PercentInt(-5)); return err }, "discount", metrics.ErrOutOfRange},
		{"DERL bad model", func() error { _, err := SBG{Alpha: -1, Beta: 1}.DERL(1, ten); return err }, "Alpha", metrics.ErrOutOfRange},
		{"fit empty", func() error { _, err := FitSBG(nil, FitOptions{}); return err }, "survivors", metrics.ErrUndefined},
		{"fit one period", func() error { _, err := FitSBG([]int{10}, FitOptions{}); return err }, "survivors", metrics.ErrUndefined},
		{"fit empty cohort", func() error { _, err := FitSBG([]int{0, 0}, FitOptions{}); return err }, "survivors", metrics.ErrUndefined},
		{"fit negative", func() error { _, err := FitSBG([]int{10, -1}, FitOptions{}); return err }, "survivors", metrics.ErrNegative},
		{"fit increasing", func() error { _, err := FitSBG([]int{10, 8, 9}, FitOptions{}); return err }, "survivors", metrics.ErrInconsistent},
		{"fit options", func() error { _, err := FitSBG([]int{10, 8}, FitOptions{Penalty: -1}); return err }, "Penalty", metrics.ErrNegative},
		{"log-likelihood bad model", func() error { _, err := SBG{}.LogLikelihoodOf([]int{10, 8}); return err }, "Alpha", metrics.ErrOutOfRange},
		{"log-likelihood bad data", func() error { _, err := good.LogLikelihoodOf([]int{}); return err }, "survivors", metrics.ErrUndefined},
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
	// No customer ever leaves: α runs off to zero.
	_, err := FitSBG([]int{100, 100, 100, 100}, FitOptions{})
	if !errors.Is(err, metrics.ErrNotConverged) {
		t.Errorf("FitSBG without churn: %v, want ErrNotConverged", err)
	}
}

// TestFitSBGRecovers simulates a large cohort and finds α and β within
// three standard errors.
func TestFitSBGRecovers(t *testing.T) {
	want := SBG{Alpha: 1.3, Beta: 2.5}
	r := rand.New(rand.NewPCG(3, 4))
	const cohort, periods = 20000, 10
	survivors := make([]int, periods+1)
	for range cohort {
		x, y := gammaRand(r, want.Alpha), gammaRand(r, want.Beta)
		theta := x / (x + y)
		t := 0
		for t < periods && r.Float64() >= theta {
			t++
		}
		for i := 0; i <= t; i++ {
			survivors[i]++
		}
	}
	fit, err := FitSBG(survivors, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range [][2]float64{{want.Alpha, fit.Alpha}, {want.Beta, fit.Beta}} {
		if math.Abs(p[0]-p[1]) > 3*fit.StdErrors[i] {
			t.Errorf("parameter %d: fitted %.4f ± %.4f, true %.4f", i, p[1], fit.StdErrors[i], p[0])
		}
	}
}

// TestSBGProperties: survival is non-increasing within 0..1, retention lies
// within 0..1 and does not fall, the churn probabilities are the drops of
// survival, the projection is the cohort times survival, and DERL matches
// its series and grows with the renewals.
func TestSBGProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := SBG{
			Alpha: rapid.Float64Range(0.01, 100).Draw(t, "alpha"),
			Beta:  rapid.Float64Range(0.01, 100).Draw(t, "beta"),
		}
		k := rapid.IntRange(1, 60).Draw(t, "k")
		proj, err := m.ProjectSurvivors(1, k)
		if err != nil {
			t.Fatal(err)
		}
		prevS, prevR := 1.0, 0.0
		for tt := 1; tt <= k; tt++ {
			s, err1 := m.Survival(tt)
			r, err2 := m.Retention(tt)
			p, err3 := m.ChurnProbability(tt)
			if err := errors.Join(err1, err2, err3); err != nil {
				t.Fatal(err)
			}
			if s < 0 || s > prevS*(1+1e-12) {
				t.Fatalf("S(%d) = %v after %v", tt, s, prevS)
			}
			if r < 0 || r > 1 || r < prevR {
				t.Fatalf("r(%d) = %v after %v", tt, r, prevR)
			}
			if math.Abs(p-(prevS-s)) > 1e-9 {
				t.Fatalf("P(T=%d) = %v, S(t−1) − S(t) = %v", tt, p, prevS-s)
			}
			if math.Abs(proj[tt]-s) > 1e-9 {
				t.Fatalf("projection %v, S(%d) = %v", proj[tt], tt, s)
			}
			prevS, prevR = s, r
		}
		d := metrics.PercentInt(int64(rapid.IntRange(1, 50).Draw(t, "discount")))
		n := rapid.IntRange(0, 50).Draw(t, "n")
		d0, err := m.DERL(n, d)
		if err != nil {
			t.Fatal(err)
		}
		d1, err := m.DERL(n+1, d)
		if err != nil {
			t.Fatal(err)
		}
		want := derlSeries(m, n, d.Fraction().InexactFloat64())
		if math.Abs(d0-want) > 1e-8*want {
			t.Fatalf("DERL %v, series %v", d0, want)
		}
		if d1 < d0*(1-1e-12) {
			t.Fatalf("DERL fell with one more renewal: %v then %v", d0, d1)
		}
	})
}

func FuzzSBG(f *testing.F) {
	f.Add(0.668, 3.806, 3, int64(10))
	f.Add(1e-300, 1e300, 1<<30, int64(1))
	f.Add(1e300, 1e-300, 0, int64(-1))
	f.Fuzz(func(t *testing.T, a, b float64, n int, d int64) {
		m := SBG{Alpha: a, Beta: b}
		for _, call := range []func() (float64, error){
			func() (float64, error) { return m.Survival(n) },
			func() (float64, error) { return m.Retention(n) },
			func() (float64, error) { return m.ChurnProbability(n) },
			func() (float64, error) { return m.DERL(n, metrics.PercentInt(d)) },
			func() (float64, error) { return m.LogLikelihoodOf([]int{1000, max(0, min(1000, n))}) },
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
		if p, err := m.ProjectSurvivors(max(0, n), min(max(0, n), 200)); err == nil {
			for _, v := range p {
				if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					t.Fatalf("projection %v", p)
				}
			}
		}
	})
}
