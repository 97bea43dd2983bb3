package clv

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"gonum.org/v1/gonum/mathext"
	"pgregory.net/rapid"
)

// oracleMBGNBDConditional integrates E[Y(t) | x, t_x, T] over the
// posterior of p, as oracleBGNBDConditional does, with MBG/NBD's weights:
// alive with probability (1−p)^(x+1), dead at t_x with p(1−p)^x.
func oracleMBGNBDConditional(m MBGNBD, x int, tx, T, t float64) float64 {
	k := m.R + float64(x)
	h := func(p float64) float64 {
		if p == 0 {
			return k * t / (m.Alpha + T)
		}
		return -math.Expm1(-k*math.Log1p(p*t/(m.Alpha+T))) / p
	}
	fx := float64(x)
	lb := mathext.Lbeta(m.A, m.B)
	num := betaIntegral(h, m.A, m.B+fx+1) / math.Exp(lb)
	den := math.Exp(mathext.Lbeta(m.A, m.B+fx+1)-lb) +
		math.Exp(mathext.Lbeta(m.A+1, m.B+fx)-lb)*math.Pow((m.Alpha+T)/(m.Alpha+tx), k)
	return num / den
}

// directMBGNBDLikelihood evaluates the MBG/NBD likelihood as written, in
// two parts: alive at T, and dropped out at t_x.
func directMBGNBDLikelihood(m MBGNBD, c RFM) (alive, dead float64) {
	x := float64(c.Frequency)
	g := math.Gamma(m.R+x) / math.Gamma(m.R) * math.Pow(m.Alpha, m.R)
	alive = mathext.Beta(m.A, m.B+x+1) / mathext.Beta(m.A, m.B) * g / math.Pow(m.Alpha+c.Age, m.R+x)
	dead = mathext.Beta(m.A+1, m.B+x) / mathext.Beta(m.A, m.B) * g / math.Pow(m.Alpha+c.Recency, m.R+x)
	return alive, dead
}

func TestMBGNBDOracle(t *testing.T) {
	models := []MBGNBD{{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}, {R: 1.2, Alpha: 3, A: 2.5, B: 4}, {R: 0.7, Alpha: 2, A: 1, B: 0.3}}
	for _, m := range models {
		ll, want := 0.0, 0.0
		for _, c := range smallHistories {
			alive, dead := directMBGNBDLikelihood(m, c)
			want += math.Log(alive + dead)
			p, err := m.ProbabilityAlive(c)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(p-alive/(alive+dead)) > 1e-12 {
				t.Errorf("%+v: P(alive | %+v) = %.15g, Bayes %.15g", m, c, p, alive/(alive+dead))
			}
			for _, h := range []float64{1, 39, 520} {
				got, err := m.ConditionalExpectedPurchases(c, h)
				if err != nil {
					t.Fatal(err)
				}
				wantE := oracleMBGNBDConditional(m, c.Frequency, c.Recency, c.Age, h)
				if math.Abs(got-wantE) > 1e-7*wantE {
					t.Errorf("%+v: E[Y(%v) | %+v] = %.12g, quadrature %.12g", m, h, c, got, wantE)
				}
				if c == (RFM{}) {
					e, err := m.ExpectedPurchases(h)
					if err != nil || e != got {
						t.Errorf("ExpectedPurchases(%v) = %v, %v; conditional on the zero history %v", h, e, err, got)
					}
				}
			}
		}
		ll, err := m.LogLikelihoodOf(smallHistories)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(ll-want) > 1e-10*math.Abs(want) {
			t.Errorf("%+v: LL = %.15g, direct %.15g", m, ll, want)
		}
	}
}

func TestMBGNBDLifetimeValue(t *testing.T) {
	m := MBGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	c := RFM{Frequency: 2, Recency: 30.43, Age: 38.86}
	e, err := m.ConditionalExpectedPurchases(c, 52)
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.LifetimeValue(c, Valuation{Spend: 20, Periods: 4, PeriodLength: 13})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-20*e) > 1e-12*got {
		t.Errorf("undiscounted value %v, want 20 × E[Y(52)] = %v", got, 20*e)
	}
}

func TestMBGNBDErrors(t *testing.T) {
	ok := RFM{Frequency: 1, Recency: 2, Age: 3}
	m := MBGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	call := func(_ float64, err error) error { return err }
	tests := []struct {
		name string
		err  error
		want *metrics.Error
	}{
		{"fit empty", call2(FitMBGNBD(nil, FitOptions{})), &metrics.Error{Metric: "clv.FitMBGNBD", Field: "Customers", Index: -1, Detail: "is empty", Err: metrics.ErrUndefined}},
		{"fit bad options", call2(FitMBGNBD([]RFM{ok}, FitOptions{MaxIterations: -5})), &metrics.Error{Metric: "clv.FitMBGNBD", Field: "MaxIterations", Index: -1, Value: "-5", Detail: "is negative", Err: metrics.ErrNegative}},
		{"bad A", call(MBGNBD{1, 1, -1, 1}.ExpectedPurchases(1)), &metrics.Error{Metric: "clv.MBGNBD.ExpectedPurchases", Field: "A", Index: -1, Value: "-1", Detail: "is not positive and finite", Err: metrics.ErrOutOfRange}},
		{"bad history", call(m.ProbabilityAlive(RFM{Frequency: 1, Recency: 9, Age: 3})), &metrics.Error{Metric: "clv.MBGNBD.ProbabilityAlive", Field: "Recency", Index: -1, Value: "9", Detail: "exceeds Age 3", Err: metrics.ErrInconsistent}},
		{"bad horizon", call(m.ConditionalExpectedPurchases(ok, -1)), &metrics.Error{Metric: "clv.MBGNBD.ConditionalExpectedPurchases", Field: "t", Index: -1, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
		{"LL bad parameter", call(MBGNBD{1, 1, 1, 0}.LogLikelihoodOf([]RFM{ok})), &metrics.Error{Metric: "clv.MBGNBD.LogLikelihoodOf", Field: "B", Index: -1, Value: "0", Detail: "is not positive and finite", Err: metrics.ErrOutOfRange}},
		{"LL bad row", call(m.LogLikelihoodOf([]RFM{ok, {Age: math.NaN()}})), &metrics.Error{Metric: "clv.MBGNBD.LogLikelihoodOf", Field: "Customers.Age", Index: 1, Value: "NaN", Detail: "is not finite", Err: metrics.ErrInvalid}},
		{"value bad history", call(m.LifetimeValue(RFM{Age: -1}, Valuation{Spend: 1, Periods: 1})), &metrics.Error{Metric: "clv.MBGNBD.LifetimeValue", Field: "Age", Index: -1, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *metrics.Error
			if !errors.As(tt.err, &got) {
				t.Fatalf("err = %v, want a *metrics.Error", tt.err)
			}
			if diff := cmp.Diff(*tt.want, *got, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestFitMBGNBDNotConverged(t *testing.T) {
	_, err := FitMBGNBD([]RFM{{Age: 10}, {Age: 20}, {Age: 30}}, FitOptions{})
	var ce *ConvergenceError
	if !errors.As(err, &ce) || ce.Model != "clv.FitMBGNBD" {
		t.Fatalf("err = %v, want a ConvergenceError", err)
	}
}

func TestMBGNBDProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := drawBGNBD(t)
		m := MBGNBD(b)
		c := drawHistory(t)
		p, err := m.ProbabilityAlive(c)
		if err != nil || !(p >= 0 && p <= 1) {
			t.Fatalf("P(alive) = %v, %v", p, err)
		}
		// At x = 0 the modified model's customer may have dropped out at
		// time 0 (probability a/(a+b) before any evidence), and a silent
		// age T only makes that likelier: P(alive) ≤ b/(a+b).
		if c.Frequency == 0 && p > b.B/(b.A+b.B)*(1+1e-12) {
			t.Fatalf("P(alive | x = 0) = %v above b/(a+b) = %v", p, b.B/(b.A+b.B))
		}
		t1 := rapid.Float64Range(0, 100).Draw(t, "t1")
		t2 := t1 + rapid.Float64Range(0, 100).Draw(t, "dt")
		e1, err1 := m.ConditionalExpectedPurchases(c, t1)
		e2, err2 := m.ConditionalExpectedPurchases(c, t2)
		if err1 != nil || err2 != nil {
			for _, err := range []error{err1, err2} {
				if err != nil && !errors.Is(err, metrics.ErrUndefined) {
					t.Fatal(err)
				}
			}
			return
		}
		if !(e1 >= 0) || e2 < e1*(1-1e-9)-1e-12 {
			t.Fatalf("E[Y(%v)] = %v, E[Y(%v)] = %v: not non-decreasing", t1, e1, t2, e2)
		}
	})
}

func FuzzMBGNBDPredict(f *testing.F) {
	f.Add(0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86, 39.0)
	f.Add(1.0, 1.0, 8.0, 23.0, 500, 9.0, 999983.0, 1e9)
	f.Fuzz(func(t *testing.T, r, alpha, a, b float64, x int, tx, T, h float64) {
		m := MBGNBD{r, alpha, a, b}
		c := RFM{Frequency: x, Recency: tx, Age: T}
		for name, f := range map[string]func() (float64, error){
			"alive":       func() (float64, error) { return m.ProbabilityAlive(c) },
			"conditional": func() (float64, error) { return m.ConditionalExpectedPurchases(c, h) },
			"expected":    func() (float64, error) { return m.ExpectedPurchases(h) },
			"value":       func() (float64, error) { return m.LifetimeValue(c, Valuation{Spend: 1, Periods: 3, PeriodLength: h}) },
		} {
			v, err := f()
			if err != nil {
				if testkit.Sentinel(err) == nil {
					t.Fatalf("%s: %v unwraps to no sentinel", name, err)
				}
				continue
			}
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("%s = %v for %+v %+v t=%v", name, v, m, c, h)
			}
		}
	})
}
