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
	"gonum.org/v1/gonum/mathext"
	"pgregory.net/rapid"
)

// cdnowBGNBD are the published CDNOW estimates (weeks).
var cdnowBGNBD = BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}

// betaIntegral returns ∫₀¹ h(p) p^(a−1) (1−p)^(c−1) dp by Gauss-Legendre
// quadrature, split at 1/2, substituting p = u^(1/a) (1 − p = v^(1/c)) on a
// half where the weight is singular (a < 1, c < 1). It is the oracle of the
// BG/NBD expectations, independent of the 2F1 closed forms.
func betaIntegral(h func(p float64) float64, a, c float64) float64 {
	const n = 4000
	var lo, hi float64
	if a < 1 {
		lo = quad.Fixed(func(u float64) float64 {
			p := math.Pow(u, 1/a)
			return h(p) * math.Pow(1-p, c-1) / a
		}, 0, math.Pow(0.5, a), n, quad.Legendre{}, 0)
	} else {
		lo = quad.Fixed(func(p float64) float64 { return h(p) * math.Pow(p, a-1) * math.Pow(1-p, c-1) }, 0, 0.5, n, quad.Legendre{}, 0)
	}
	if c < 1 {
		hi = quad.Fixed(func(v float64) float64 {
			q := math.Pow(v, 1/c)
			return h(1-q) * math.Pow(1-q, a-1) / c
		}, 0, math.Pow(0.5, c), n, quad.Legendre{}, 0)
	} else {
		hi = quad.Fixed(func(p float64) float64 { return h(p) * math.Pow(p, a-1) * math.Pow(1-p, c-1) }, 0.5, 1, n, quad.Legendre{}, 0)
	}
	return lo + hi
}

// oracleBGNBDConditional integrates E[Y(t) | x, t_x, T] over the posterior
// of p (λ integrated in closed form): with k = r + x,
//
//	E = ∫ (1−p)^x [1 − ((α+T)/(α+T+pt))^k] / p f(p) dp
//	    / [B(a, b+x)/B(a, b) + 1{x>0} B(a+1, b+x−1)/B(a, b) ((α+T)/(α+t_x))^k]
//
// since E[Y(t) | λ, p, alive] = (1 − e^(−λpt))/p.
func oracleBGNBDConditional(m BGNBD, x int, tx, T, t float64) float64 {
	k := m.R + float64(x)
	h := func(p float64) float64 {
		if p == 0 {
			return k * t / (m.Alpha + T)
		}
		return -math.Expm1(-k*math.Log1p(p*t/(m.Alpha+T))) / p
	}
	lb := mathext.Lbeta(m.A, m.B)
	num := betaIntegral(h, m.A, m.B+float64(x)) / math.Exp(lb)
	den := math.Exp(mathext.Lbeta(m.A, m.B+float64(x)) - lb)
	if x > 0 {
		den += math.Exp(mathext.Lbeta(m.A+1, m.B+float64(x)-1)-lb) * math.Pow((m.Alpha+T)/(m.Alpha+tx), k)
	}
	return num / den
}

func TestBGNBDExpectationsOracle(t *testing.T) {
	tests := []struct {
		name string
		m    BGNBD
		c    RFM
		t    float64
	}{
		{"CDNOW new customer", cdnowBGNBD, RFM{}, 39},
		{"CDNOW new customer, long horizon", cdnowBGNBD, RFM{}, 520},
		{"CDNOW repeat buyer", cdnowBGNBD, RFM{Frequency: 2, Recency: 30.43, Age: 38.86}, 39},
		{"CDNOW lapsed buyer", cdnowBGNBD, RFM{Frequency: 5, Recency: 5, Age: 38.86}, 52},
		{"CDNOW no repeat, old", cdnowBGNBD, RFM{Age: 38.86}, 10},
		{"a > 1", BGNBD{R: 1.2, Alpha: 3, A: 2.5, B: 4}, RFM{Frequency: 3, Recency: 8, Age: 12}, 20},
		{"a = 1", BGNBD{R: 0.7, Alpha: 2, A: 1, B: 3}, RFM{Frequency: 1, Recency: 1, Age: 5}, 7},
		{"a near 1", BGNBD{R: 0.7, Alpha: 2, A: 1 + 3e-6, B: 3}, RFM{}, 7},
		{"a+b < 1, x = 0", BGNBD{R: 0.4, Alpha: 2, A: 0.3, B: 0.4}, RFM{Age: 4}, 6},
		{"a+b = 1, x = 0", BGNBD{R: 0.4, Alpha: 2, A: 0.3, B: 0.7}, RFM{}, 6},
		{"a+b < 1, x > 0", BGNBD{R: 0.4, Alpha: 2, A: 0.3, B: 0.4}, RFM{Frequency: 2, Recency: 3, Age: 4}, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := oracleBGNBDConditional(tt.m, tt.c.Frequency, tt.c.Recency, tt.c.Age, tt.t)
			got, err := tt.m.ConditionalExpectedPurchases(tt.c, tt.t)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-want) > 1e-7*want {
				t.Errorf("E[Y(%v) | %+v] = %.12g, quadrature %.12g", tt.t, tt.c, got, want)
			}
			if tt.c == (RFM{}) {
				e, err := tt.m.ExpectedPurchases(tt.t)
				if err != nil || e != got {
					t.Errorf("ExpectedPurchases = %v, %v; conditional on the zero history %v", e, err, got)
				}
			}
		})
	}
}

// directBGNBDLikelihood is eq. 6 of Fader, Hardie & Lee (2005) evaluated
// as written, without logarithms (moderate x only).
func directBGNBDLikelihood(m BGNBD, c RFM) float64 {
	x := float64(c.Frequency)
	g := math.Gamma(m.R+x) / math.Gamma(m.R) * math.Pow(m.Alpha, m.R)
	l := mathext.Beta(m.A, m.B+x) / mathext.Beta(m.A, m.B) * g / math.Pow(m.Alpha+c.Age, m.R+x)
	if c.Frequency > 0 {
		l += mathext.Beta(m.A+1, m.B+x-1) / mathext.Beta(m.A, m.B) * g / math.Pow(m.Alpha+c.Recency, m.R+x)
	}
	return l
}

var smallHistories = []RFM{
	{}, {Age: 38.86}, {Frequency: 2, Recency: 30.43, Age: 38.86}, {Frequency: 1, Recency: 1.71, Age: 38.86},
	{Frequency: 5, Recency: 5, Age: 20}, {Frequency: 2, Recency: 30.43, Age: 38.86}, {Frequency: 12, Recency: 36, Age: 36},
}

func TestBGNBDLikelihoodDirect(t *testing.T) {
	want := 0.0
	for _, c := range smallHistories {
		want += math.Log(directBGNBDLikelihood(cdnowBGNBD, c))
	}
	got, err := cdnowBGNBD.LogLikelihoodOf(smallHistories)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-want) > 1e-10*math.Abs(want) {
		t.Errorf("LL = %.15g, direct %.15g", got, want)
	}
}

func TestBGNBDProbabilityAlive(t *testing.T) {
	for _, c := range smallHistories {
		x := float64(c.Frequency)
		m := cdnowBGNBD
		alive := math.Gamma(m.R+x) / math.Gamma(m.R) * math.Pow(m.Alpha, m.R) *
			mathext.Beta(m.A, m.B+x) / mathext.Beta(m.A, m.B) / math.Pow(m.Alpha+c.Age, m.R+x)
		want := alive / directBGNBDLikelihood(m, c)
		got, err := m.ProbabilityAlive(c)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("P(alive | %+v) = %.15g, Bayes on the likelihood %.15g", c, got, want)
		}
	}
}

// TestBGNBDProbabilityOfPurchases checks that P(X(t) = n) sums to 1 and
// that its mean is E[X(t)].
func TestBGNBDProbabilityOfPurchases(t *testing.T) {
	for _, m := range []BGNBD{cdnowBGNBD, {R: 2, Alpha: 3, A: 1.5, B: 4}} {
		for _, tt := range []float64{0, 1, 39, 78} {
			sum, mean := 0.0, 0.0
			for n := 0; n < 3000; n++ {
				p, err := m.ProbabilityOfPurchases(n, tt)
				if err != nil {
					t.Fatal(err)
				}
				sum += p
				mean += float64(n) * p
			}
			e, err := m.ExpectedPurchases(tt)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(sum-1) > 1e-9 || math.Abs(mean-e) > 1e-7*max(e, 1) {
				t.Errorf("%+v t=%v: Σ P = %.12g, Σ n P = %.12g, E[X(t)] = %.12g", m, tt, sum, mean, e)
			}
		}
	}
}

func TestBGNBDLifetimeValue(t *testing.T) {
	m := cdnowBGNBD
	c := RFM{Frequency: 2, Recency: 30.43, Age: 38.86}
	e := func(t float64) float64 {
		v, err := m.ConditionalExpectedPurchases(c, t)
		if err != nil {
			panic(err)
		}
		return v
	}
	tests := []struct {
		name string
		v    Valuation
		want float64
	}{
		{"no discount telescopes", Valuation{Spend: 20, Periods: 12, PeriodLength: 52.0 / 12}, 20 * e(52)},
		{"one period", Valuation{Spend: 20, DiscountRate: metrics.PercentInt(10), Periods: 1, PeriodLength: 4}, 20 * e(4) / 1.1},
		{"two periods, unit length", Valuation{Spend: 3, DiscountRate: metrics.PercentInt(1), Periods: 2},
			3*e(1)/1.01 + 3*(e(2)-e(1))/(1.01*1.01)},
	}
	for _, tt := range tests {
		got, err := m.LifetimeValue(c, tt.v)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-tt.want) > 1e-12*tt.want {
			t.Errorf("%s: value = %.15g, want %.15g", tt.name, got, tt.want)
		}
	}
}

func TestBGNBDErrors(t *testing.T) {
	m := cdnowBGNBD
	ok := RFM{Frequency: 1, Recency: 2, Age: 3}
	call := func(f func() (float64, error)) error { _, err := f(); return err }
	tests := []struct {
		name string
		err  error
		want *metrics.Error
	}{
		{"fit empty", call2(FitBGNBD(nil, FitOptions{})), &metrics.Error{Metric: "clv.FitBGNBD", Field: "Customers", Index: -1, Detail: "is empty", Err: metrics.ErrUndefined}},
		{"fit negative frequency", call2(FitBGNBD([]RFM{ok, {Frequency: -1}}, FitOptions{})), &metrics.Error{Metric: "clv.FitBGNBD", Field: "Customers.Frequency", Index: 1, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
		{"fit recency over age", call2(FitBGNBD([]RFM{{Frequency: 1, Recency: 4, Age: 3}}, FitOptions{})), &metrics.Error{Metric: "clv.FitBGNBD", Field: "Customers.Recency", Index: 0, Value: "4", Detail: "exceeds Age 3", Err: metrics.ErrInconsistent}},
		{"fit recency without frequency", call2(FitBGNBD([]RFM{{Recency: 1, Age: 3}}, FitOptions{})), &metrics.Error{Metric: "clv.FitBGNBD", Field: "Customers.Recency", Index: 0, Value: "1", Detail: "is positive with Frequency 0", Err: metrics.ErrInconsistent}},
		{"fit negative age", call2(FitBGNBD([]RFM{{Age: -3}}, FitOptions{})), &metrics.Error{Metric: "clv.FitBGNBD", Field: "Customers.Age", Index: 0, Value: "-3", Detail: "is negative", Err: metrics.ErrNegative}},
		{"fit negative recency", call2(FitBGNBD([]RFM{{Frequency: 1, Recency: -1, Age: 3}}, FitOptions{})), &metrics.Error{Metric: "clv.FitBGNBD", Field: "Customers.Recency", Index: 0, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
		{"fit NaN recency", call2(FitBGNBD([]RFM{{Recency: math.NaN(), Age: 3}}, FitOptions{})), &metrics.Error{Metric: "clv.FitBGNBD", Field: "Customers.Recency", Index: 0, Value: "NaN", Detail: "is not finite", Err: metrics.ErrInvalid}},
		{"fit Inf age", call2(FitBGNBD([]RFM{{Age: math.Inf(1)}}, FitOptions{})), &metrics.Error{Metric: "clv.FitBGNBD", Field: "Customers.Age", Index: 0, Value: "+Inf", Detail: "is not finite", Err: metrics.ErrInvalid}},
		{"fit negative penalty", call2(FitBGNBD([]RFM{ok}, FitOptions{Penalty: -1})), &metrics.Error{Metric: "clv.FitBGNBD", Field: "Penalty", Index: -1, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
		{"fit NaN penalty", call2(FitBGNBD([]RFM{ok}, FitOptions{Penalty: math.NaN()})), &metrics.Error{Metric: "clv.FitBGNBD", Field: "Penalty", Index: -1, Value: "NaN", Detail: "is not finite", Err: metrics.ErrInvalid}},
		{"fit negative iterations", call2(FitBGNBD([]RFM{ok}, FitOptions{MaxIterations: -1})), &metrics.Error{Metric: "clv.FitBGNBD", Field: "MaxIterations", Index: -1, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
		{"zero parameter", call(func() (float64, error) { return BGNBD{}.ExpectedPurchases(1) }), &metrics.Error{Metric: "clv.BGNBD.ExpectedPurchases", Field: "R", Index: -1, Value: "0", Detail: "is not positive and finite", Err: metrics.ErrOutOfRange}},
		{"infinite B", call(func() (float64, error) { return BGNBD{1, 1, 1, math.Inf(1)}.ProbabilityAlive(ok) }), &metrics.Error{Metric: "clv.BGNBD.ProbabilityAlive", Field: "B", Index: -1, Value: "+Inf", Detail: "is not positive and finite", Err: metrics.ErrOutOfRange}},
		{"negative horizon", call(func() (float64, error) { return m.ExpectedPurchases(-1) }), &metrics.Error{Metric: "clv.BGNBD.ExpectedPurchases", Field: "t", Index: -1, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
		{"NaN horizon", call(func() (float64, error) { return m.ConditionalExpectedPurchases(ok, math.NaN()) }), &metrics.Error{Metric: "clv.BGNBD.ConditionalExpectedPurchases", Field: "t", Index: -1, Value: "NaN", Detail: "is not finite", Err: metrics.ErrInvalid}},
		{"bad history", call(func() (float64, error) { return m.ConditionalExpectedPurchases(RFM{Frequency: -2}, 1) }), &metrics.Error{Metric: "clv.BGNBD.ConditionalExpectedPurchases", Field: "Frequency", Index: -1, Value: "-2", Detail: "is negative", Err: metrics.ErrNegative}},
		{"negative n", call(func() (float64, error) { return m.ProbabilityOfPurchases(-1, 1) }), &metrics.Error{Metric: "clv.BGNBD.ProbabilityOfPurchases", Field: "n", Index: -1, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
		{"LL bad parameter", call(func() (float64, error) { return BGNBD{1, -1, 1, 1}.LogLikelihoodOf([]RFM{ok}) }), &metrics.Error{Metric: "clv.BGNBD.LogLikelihoodOf", Field: "Alpha", Index: -1, Value: "-1", Detail: "is not positive and finite", Err: metrics.ErrOutOfRange}},
		{"LL empty", call(func() (float64, error) { return m.LogLikelihoodOf(nil) }), &metrics.Error{Metric: "clv.BGNBD.LogLikelihoodOf", Field: "Customers", Index: -1, Detail: "is empty", Err: metrics.ErrUndefined}},
		{"value negative spend", call(func() (float64, error) { return m.LifetimeValue(ok, Valuation{Spend: -1, Periods: 1}) }), &metrics.Error{Metric: "clv.BGNBD.LifetimeValue", Field: "Spend", Index: -1, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
		{"value NaN spend", call(func() (float64, error) { return m.LifetimeValue(ok, Valuation{Spend: math.NaN(), Periods: 1}) }), &metrics.Error{Metric: "clv.BGNBD.LifetimeValue", Field: "Spend", Index: -1, Value: "NaN", Detail: "is not finite", Err: metrics.ErrInvalid}},
		{"value negative rate", call(func() (float64, error) {
			return m.LifetimeValue(ok, Valuation{Spend: 1, DiscountRate: metrics.PercentInt(-1), Periods: 1})
		}), &metrics.Error{Metric: "clv.BGNBD.LifetimeValue", Field: "DiscountRate", Index: -1, Value: "-1%", Detail: "is negative", Err: metrics.ErrNegative}},
		{"value no periods", call(func() (float64, error) { return m.LifetimeValue(ok, Valuation{Spend: 1}) }), &metrics.Error{Metric: "clv.BGNBD.LifetimeValue", Field: "Periods", Index: -1, Value: "0", Detail: "is below 1", Err: metrics.ErrOutOfRange}},
		{"value too many periods", call(func() (float64, error) { return m.LifetimeValue(ok, Valuation{Spend: 1, Periods: 100_001}) }), &metrics.Error{Metric: "clv.BGNBD.LifetimeValue", Field: "Periods", Index: -1, Value: "100001", Detail: "exceeds 100000", Err: metrics.ErrOutOfRange}},
		{"value negative period", call(func() (float64, error) { return m.LifetimeValue(ok, Valuation{Spend: 1, Periods: 1, PeriodLength: -1}) }), &metrics.Error{Metric: "clv.BGNBD.LifetimeValue", Field: "PeriodLength", Index: -1, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
		{"value Inf period", call(func() (float64, error) {
			return m.LifetimeValue(ok, Valuation{Spend: 1, Periods: 1, PeriodLength: math.Inf(1)})
		}), &metrics.Error{Metric: "clv.BGNBD.LifetimeValue", Field: "PeriodLength", Index: -1, Value: "+Inf", Detail: "is not finite", Err: metrics.ErrInvalid}},
		{"value bad history", call(func() (float64, error) { return m.LifetimeValue(RFM{Age: -1}, Valuation{Spend: 1, Periods: 1}) }), &metrics.Error{Metric: "clv.BGNBD.LifetimeValue", Field: "Age", Index: -1, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
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

// call2 keeps the error of a (result, error) pair.
func call2[T any](_ T, err error) error { return err }

// TestFitBGNBDNotConverged: with no repeat purchase at all the likelihood
// grows without bound as the purchase rate goes to 0, so the fit must fail
// with a ConvergenceError, not return parameters.
func TestFitBGNBDNotConverged(t *testing.T) {
	data := []RFM{{Age: 10}, {Age: 20}, {Age: 30}, {Age: 5}}
	_, err := FitBGNBD(data, FitOptions{})
	var ce *ConvergenceError
	if !errors.As(err, &ce) || !errors.Is(err, metrics.ErrNotConverged) {
		t.Fatalf("err = %v, want a ConvergenceError", err)
	}
	if ce.Model != "clv.FitBGNBD" {
		t.Errorf("model %q", ce.Model)
	}
	t.Log(err)
}

func drawBGNBD(t *rapid.T) BGNBD {
	return BGNBD{
		R:     rapid.Float64Range(0.01, 20).Draw(t, "r"),
		Alpha: rapid.Float64Range(0.01, 100).Draw(t, "alpha"),
		A:     rapid.Float64Range(0.01, 20).Draw(t, "a"),
		B:     rapid.Float64Range(0.01, 20).Draw(t, "b"),
	}
}

func drawHistory(t *rapid.T) RFM {
	T := rapid.Float64Range(0, 200).Draw(t, "T")
	x := rapid.IntRange(0, 60).Draw(t, "x")
	tx := 0.0
	if x > 0 {
		tx = T * rapid.Float64Range(0, 1).Draw(t, "tx/T")
	}
	return RFM{Frequency: x, Recency: tx, Age: T}
}

func TestBGNBDProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := drawBGNBD(t)
		c := drawHistory(t)
		p, err := m.ProbabilityAlive(c)
		if err != nil || !(p >= 0 && p <= 1) {
			t.Fatalf("P(alive) = %v, %v", p, err)
		}
		t1 := rapid.Float64Range(0, 100).Draw(t, "t1")
		t2 := t1 + rapid.Float64Range(0, 100).Draw(t, "dt")
		e1, err1 := m.ConditionalExpectedPurchases(c, t1)
		e2, err2 := m.ConditionalExpectedPurchases(c, t2)
		if err1 != nil || err2 != nil {
			// Only the 2F1 may fail, and it must say so with ErrUndefined.
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

// TestBGNBDCollapsedLikelihood: the likelihood over collapsed, weighted rows
// equals the sum of the likelihoods of the customers one by one.
func TestBGNBDCollapsedLikelihood(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := drawBGNBD(t)
		pool := rapid.SliceOfN(rapid.Custom(drawHistory), 1, 5).Draw(t, "pool")
		idx := rapid.SliceOfN(rapid.IntRange(0, len(pool)-1), 1, 40).Draw(t, "customers")
		customers := make([]RFM, len(idx))
		one := 0.0
		for i, j := range idx {
			customers[i] = pool[j]
			ll, err := m.LogLikelihoodOf([]RFM{pool[j]})
			if err != nil {
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

func FuzzBGNBDPredict(f *testing.F) {
	f.Add(0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86, 39.0)
	f.Add(0.4, 2.0, 0.3, 0.7, 0, 0.0, 0.0, 6.0)
	f.Add(1.0, 1.0, 1.0, 1.0, 500, 1.0, 1e6, 1e9)
	f.Fuzz(func(t *testing.T, r, alpha, a, b float64, x int, tx, T, h float64) {
		m := BGNBD{r, alpha, a, b}
		c := RFM{Frequency: x, Recency: tx, Age: T}
		for name, f := range map[string]func() (float64, error){
			"alive":       func() (float64, error) { return m.ProbabilityAlive(c) },
			"conditional": func() (float64, error) { return m.ConditionalExpectedPurchases(c, h) },
			"expected":    func() (float64, error) { return m.ExpectedPurchases(h) },
			"pmf":         func() (float64, error) { return m.ProbabilityOfPurchases(x, h) },
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
