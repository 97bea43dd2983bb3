package clv

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"gonum.org/v1/gonum/integrate/quad"
	"pgregory.net/rapid"
)

// cdnowPareto are the published CDNOW estimates (weeks).
var cdnowPareto = ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}

// legendre integrates a smooth f over [lo, hi].
func legendre(f func(float64) float64, lo, hi float64) float64 {
	return quad.Fixed(f, lo, hi, 2000, quad.Legendre{}, 0)
}

// oracleParetoParts returns the two parts of the Pareto/NBD likelihood of
// a history, without the common factor Γ(r+x) α^r β^s / Γ(r), integrating
// the death time instead of using the 2F1 closed form:
//
//	alive = (α+T)^−(r+x) (β+T)^−s
//	dead  = s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ
func oracleParetoParts(m ParetoNBD, c RFM) (alive, dead float64) {
	k := m.R + float64(c.Frequency)
	alive = math.Pow(m.Alpha+c.Age, -k) * math.Pow(m.Beta+c.Age, -m.S)
	dead = m.S * legendre(func(tau float64) float64 {
		return math.Pow(m.Alpha+tau, -k) * math.Pow(m.Beta+tau, -m.S-1)
	}, c.Recency, c.Age)
	return alive, dead
}

var paretoCases = []struct {
	name string
	m    ParetoNBD
}{
	{"CDNOW (α < β)", cdnowPareto},
	{"α > β", ParetoNBD{R: 1.3, Alpha: 12, S: 0.4, Beta: 3}},
	{"α = β", ParetoNBD{R: 0.8, Alpha: 5, S: 1.5, Beta: 5}},
	{"s = 1", ParetoNBD{R: 0.8, Alpha: 5, S: 1, Beta: 7}},
}

func TestParetoNBDOracle(t *testing.T) {
	histories := []RFM{{}, {Age: 38.86}, {Frequency: 2, Recency: 30.43, Age: 38.86},
		{Frequency: 1, Recency: 1.71, Age: 38.86}, {Frequency: 7, Recency: 12, Age: 30}, {Frequency: 3, Recency: 20, Age: 20}}
	for _, pc := range paretoCases {
		m := pc.m
		for _, c := range histories {
			alive, dead := oracleParetoParts(m, c)
			wantP := alive / (alive + dead)
			gotP, err := m.ProbabilityAlive(c)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(gotP-wantP) > 1e-10 {
				t.Errorf("%s: P(alive | %+v) = %.15g, quadrature %.15g", pc.name, c, gotP, wantP)
			}
			x := float64(c.Frequency)
			lg, _ := math.Lgamma(m.R + x)
			lgr, _ := math.Lgamma(m.R)
			wantLL := lg - lgr + m.R*math.Log(m.Alpha) + m.S*math.Log(m.Beta) + math.Log(alive+dead)
			gotLL, err := m.LogLikelihoodOf([]RFM{c})
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(gotLL-wantLL) > 1e-10*math.Abs(wantLL)+1e-12 {
				t.Errorf("%s: LL(%+v) = %.15g, quadrature %.15g", pc.name, c, gotLL, wantLL)
			}
			const h = 26
			wantE := wantP * (m.R + x) / (m.Alpha + c.Age) * legendre(func(tau float64) float64 {
				return math.Pow((m.Beta+c.Age)/(m.Beta+c.Age+tau), m.S)
			}, 0, h)
			gotE, err := m.ConditionalExpectedPurchases(c, h)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(gotE-wantE) > 1e-10*wantE {
				t.Errorf("%s: E[Y(%v) | %+v] = %.15g, quadrature %.15g", pc.name, h, c, gotE, wantE)
			}
		}
		for _, h := range []float64{0, 1, 39, 520} {
			want := m.R / m.Alpha * legendre(func(tau float64) float64 { return math.Pow(m.Beta/(m.Beta+tau), m.S) }, 0, h)
			got, err := m.ExpectedPurchases(h)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-want) > 1e-10*want {
				t.Errorf("%s: E[X(%v)] = %.15g, quadrature %.15g", pc.name, h, got, want)
			}
		}
	}
}

func TestParetoNBDLifetimeValue(t *testing.T) {
	m := cdnowPareto
	c := RFM{Frequency: 2, Recency: 30.43, Age: 38.86}
	e := func(t float64) float64 {
		v, err := m.ConditionalExpectedPurchases(c, t)
		if err != nil {
			panic(err)
		}
		return v
	}
	v := Valuation{Spend: 10, DiscountRate: metrics.PercentInt(2), Periods: 2, PeriodLength: 13}
	want := 10*e(13)/1.02 + 10*(e(26)-e(13))/(1.02*1.02)
	got, err := m.LifetimeValue(c, v)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-want) > 1e-12*want {
		t.Errorf("value = %.15g, want %.15g", got, want)
	}
	if _, err := m.LifetimeValue(c, Valuation{Spend: 1}); !errors.Is(err, metrics.ErrOutOfRange) {
		t.Errorf("no periods: %v", err)
	}
}

func TestParetoNBDErrors(t *testing.T) {
	m := cdnowPareto
	ok := RFM{Frequency: 1, Recency: 2, Age: 3}
	call := func(_ float64, err error) error { return err }
	tests := []struct {
		name string
		err  error
		want *metrics.Error
	}{
		{"fit empty", call2(FitParetoNBD([]RFM{}, FitOptions{})), &metrics.Error{Metric: "clv.FitParetoNBD", Field: "Customers", Index: -1, Detail: "is empty", Err: metrics.ErrUndefined}},
		{"fit bad row", call2(FitParetoNBD([]RFM{ok, ok, {Frequency: 2, Recency: 5, Age: 4}}, FitOptions{})), &metrics.Error{Metric: "clv.FitParetoNBD", Field: "Customers.Recency", Index: 2, Value: "5", Detail: "exceeds Age 4", Err: metrics.ErrInconsistent}},
		{"fit bad options", call2(FitParetoNBD([]RFM{ok}, FitOptions{Penalty: math.Inf(1)})), &metrics.Error{Metric: "clv.FitParetoNBD", Field: "Penalty", Index: -1, Value: "+Inf", Detail: "is not finite", Err: metrics.ErrInvalid}},
		{"zero S", call(ParetoNBD{1, 1, 0, 1}.ExpectedPurchases(1)), &metrics.Error{Metric: "clv.ParetoNBD.ExpectedPurchases", Field: "S", Index: -1, Value: "0", Detail: "is not positive and finite", Err: metrics.ErrOutOfRange}},
		{"NaN Beta", call(ParetoNBD{1, 1, 1, math.NaN()}.ProbabilityAlive(ok)), &metrics.Error{Metric: "clv.ParetoNBD.ProbabilityAlive", Field: "Beta", Index: -1, Value: "NaN", Detail: "is not positive and finite", Err: metrics.ErrOutOfRange}},
		{"negative horizon", call(m.ExpectedPurchases(-2)), &metrics.Error{Metric: "clv.ParetoNBD.ExpectedPurchases", Field: "t", Index: -1, Value: "-2", Detail: "is negative", Err: metrics.ErrNegative}},
		{"conditional bad horizon", call(m.ConditionalExpectedPurchases(ok, math.Inf(1))), &metrics.Error{Metric: "clv.ParetoNBD.ConditionalExpectedPurchases", Field: "t", Index: -1, Value: "+Inf", Detail: "is not finite", Err: metrics.ErrInvalid}},
		{"conditional bad history", call(m.ConditionalExpectedPurchases(RFM{Recency: 1, Age: 2}, 1)), &metrics.Error{Metric: "clv.ParetoNBD.ConditionalExpectedPurchases", Field: "Recency", Index: -1, Value: "1", Detail: "is positive with Frequency 0", Err: metrics.ErrInconsistent}},
		{"LL bad parameter", call(ParetoNBD{0, 1, 1, 1}.LogLikelihoodOf([]RFM{ok})), &metrics.Error{Metric: "clv.ParetoNBD.LogLikelihoodOf", Field: "R", Index: -1, Value: "0", Detail: "is not positive and finite", Err: metrics.ErrOutOfRange}},
		{"LL empty", call(m.LogLikelihoodOf(nil)), &metrics.Error{Metric: "clv.ParetoNBD.LogLikelihoodOf", Field: "Customers", Index: -1, Detail: "is empty", Err: metrics.ErrUndefined}},
		{"expected overflows", call(ParetoNBD{1e300, 1e-300, 2, 1e300}.ExpectedPurchases(1)), &metrics.Error{Metric: "clv.ParetoNBD.ExpectedPurchases", Field: "ParetoNBD", Index: -1, Detail: "cannot be evaluated at these parameters", Err: metrics.ErrUndefined}},
		{"2F1 not finite", call(ParetoNBD{1e308, 1, 1e308, 2}.ProbabilityAlive(ok)), &metrics.Error{Metric: "clv.ParetoNBD.ProbabilityAlive", Field: "ParetoNBD", Index: -1, Detail: "cannot be evaluated at these parameters", Err: metrics.ErrUndefined}},
		{"conditional 2F1 not finite", call(ParetoNBD{1e308, 1, 1e308, 2}.ConditionalExpectedPurchases(ok, 1)), &metrics.Error{Metric: "clv.ParetoNBD.ConditionalExpectedPurchases", Field: "ParetoNBD", Index: -1, Detail: "cannot be evaluated at these parameters", Err: metrics.ErrUndefined}},
		{"value 2F1 not finite", call(ParetoNBD{1e308, 1, 1e308, 2}.LifetimeValue(ok, Valuation{Spend: 1, Periods: 1})), &metrics.Error{Metric: "clv.ParetoNBD.LifetimeValue", Field: "ParetoNBD", Index: -1, Detail: "cannot be evaluated at these parameters", Err: metrics.ErrUndefined}},
		{"LL 2F1 not finite", call(ParetoNBD{1e308, 1, 1e308, 2}.LogLikelihoodOf([]RFM{ok})), &metrics.Error{Metric: "clv.ParetoNBD.LogLikelihoodOf", Field: "ParetoNBD", Index: -1, Detail: "gives a log-likelihood that is not finite", Err: metrics.ErrUndefined}},
		{"conditional overflows", call(ParetoNBD{1e300, 1e-300, 2, 1e300}.ConditionalExpectedPurchases(RFM{}, 1)), &metrics.Error{Metric: "clv.ParetoNBD.ConditionalExpectedPurchases", Field: "ParetoNBD", Index: -1, Detail: "cannot be evaluated at these parameters", Err: metrics.ErrUndefined}},
		{"value bad history", call(m.LifetimeValue(RFM{Frequency: -1}, Valuation{Spend: 1, Periods: 1})), &metrics.Error{Metric: "clv.ParetoNBD.LifetimeValue", Field: "Frequency", Index: -1, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
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

func TestFitParetoNBDNotConverged(t *testing.T) {
	_, err := FitParetoNBD([]RFM{{Age: 10}, {Age: 20}, {Age: 30}}, FitOptions{})
	var ce *ConvergenceError
	if !errors.As(err, &ce) || ce.Model != "clv.FitParetoNBD" {
		t.Fatalf("err = %v, want a ConvergenceError", err)
	}
	t.Log(err)
}

func drawPareto(t *rapid.T) ParetoNBD {
	return ParetoNBD{
		R:     rapid.Float64Range(0.01, 20).Draw(t, "r"),
		Alpha: rapid.Float64Range(0.01, 100).Draw(t, "alpha"),
		S:     rapid.Float64Range(0.01, 20).Draw(t, "s"),
		Beta:  rapid.Float64Range(0.01, 100).Draw(t, "beta"),
	}
}

func TestParetoNBDProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := drawPareto(t)
		c := drawHistory(t)
		p, err := m.ProbabilityAlive(c)
		if err != nil {
			if !errors.Is(err, metrics.ErrUndefined) {
				t.Fatal(err)
			}
			return
		}
		if !(p >= 0 && p <= 1) {
			t.Fatalf("P(alive) = %v", p)
		}
		t1 := rapid.Float64Range(0, 100).Draw(t, "t1")
		t2 := t1 + rapid.Float64Range(0, 100).Draw(t, "dt")
		e1, err1 := m.ConditionalExpectedPurchases(c, t1)
		e2, err2 := m.ConditionalExpectedPurchases(c, t2)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !(e1 >= 0) || e2 < e1 {
			t.Fatalf("E[Y(%v)] = %v, E[Y(%v)] = %v: not non-decreasing", t1, e1, t2, e2)
		}
		u1, _ := m.ExpectedPurchases(t1)
		u2, _ := m.ExpectedPurchases(t2)
		if !(u1 >= 0) || u2 < u1 {
			t.Fatalf("E[X(%v)] = %v, E[X(%v)] = %v", t1, u1, t2, u2)
		}
	})
}

func TestParetoNBDCollapsedLikelihood(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := drawPareto(t)
		pool := rapid.SliceOfN(rapid.Custom(drawHistory), 1, 4).Draw(t, "pool")
		idx := rapid.SliceOfN(rapid.IntRange(0, len(pool)-1), 1, 30).Draw(t, "customers")
		customers := make([]RFM, len(idx))
		one := 0.0
		for i, j := range idx {
			customers[i] = pool[j]
			ll, err := m.LogLikelihoodOf([]RFM{pool[j]})
			if err != nil {
				if errors.Is(err, metrics.ErrUndefined) {
					return
				}
				t.Fatal(err)
			}
			one += ll
		}
		all, err := m.LogLikelihoodOf(customers)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(all-one) > 1e-9*math.Abs(one)+1e-9 {
			t.Fatalf("collapsed LL %v, row by row %v", all, one)
		}
	})
}

func FuzzParetoNBDPredict(f *testing.F) {
	f.Add(0.553, 10.578, 0.606, 11.669, 2, 30.43, 38.86, 39.0)
	f.Add(1.0, 5.0, 1.0, 5.0, 0, 0.0, 0.0, 6.0)
	f.Add(1.0, 1.0, 8.0, 23.0, 500, 9.0, 999983.0, 1e9)
	f.Fuzz(func(t *testing.T, r, alpha, s, beta float64, x int, tx, T, h float64) {
		m := ParetoNBD{r, alpha, s, beta}
		c := RFM{Frequency: x, Recency: tx, Age: T}
		for name, f := range map[string]func() (float64, error){
			"alive":       func() (float64, error) { return m.ProbabilityAlive(c) },
			"conditional": func() (float64, error) { return m.ConditionalExpectedPurchases(c, h) },
			"expected":    func() (float64, error) { return m.ExpectedPurchases(h) },
			"value":       func() (float64, error) { return m.LifetimeValue(c, Valuation{Spend: 1, Periods: 3, PeriodLength: h}) },
			// The pmf costs n+2 2F1: keep n below 1000 (negative n stays
			// negative and must be an error).
			"pmf": func() (float64, error) { return m.ProbabilityOfPurchases(x%1000, h) },
		} {
			v, err := f()
			if err != nil {
				if testkit.Sentinel(err) == nil {
					t.Fatalf("%s: %v unwraps to no sentinel", name, err)
				}
				continue
			}
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || (name == "pmf" || name == "alive") && v > 1 {
				t.Fatalf("%s = %v for %+v %+v t=%v", name, v, m, c, h)
			}
		}
		// A log-likelihood of continuous times may have either sign, but is
		// finite or an error.
		if ll, err := m.LogLikelihoodOf([]RFM{c}); err == nil && (math.IsNaN(ll) || math.IsInf(ll, 0)) {
			t.Fatalf("LL = %v for %+v %+v", ll, m, c)
		} else if err != nil && testkit.Sentinel(err) == nil {
			t.Fatalf("LL: %v unwraps to no sentinel", err)
		}
	})
}
