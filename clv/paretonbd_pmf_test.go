package clv

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// oracleParetoPMF returns P(X(t) = n) by integrating the death time τ
// numerically instead of using the 2F1 closed form. With λ ~ Gamma(r, α)
// and μ ~ Gamma(s, β) integrated out, a customer is alive at t with
// probability (β/(β+t))^s and then buys a negative binomial count; one who
// dies at τ ≤ t (density s β^s/(β+τ)^(s+1)) buys the negative binomial
// count of the time τ:
//
//	P = NB(n; r, α/(α+t)) (β/(β+t))^s + ∫_0^t NB(n; r, α/(α+τ)) s β^s/(β+τ)^(s+1) dτ
func oracleParetoPMF(m ParetoNBD, n int, t float64) float64 {
	nb := func(tau float64) float64 {
		fn := float64(n)
		lg, _ := math.Lgamma(m.R + fn)
		lgr, _ := math.Lgamma(m.R)
		lgn, _ := math.Lgamma(fn + 1)
		l := lg - lgr - lgn + m.R*math.Log(m.Alpha/(m.Alpha+tau))
		if n > 0 {
			l += fn * math.Log(tau/(m.Alpha+tau))
		}
		return math.Exp(l)
	}
	alive := nb(t) * math.Pow(m.Beta/(m.Beta+t), m.S)
	if t == 0 {
		return alive
	}
	// Split (0, t] so that the 2000-node rule resolves τⁿ near 0 and the
	// decay of a long horizon.
	dead := 0.0
	for _, p := range [][2]float64{{0, t / 8}, {t / 8, t / 2}, {t / 2, t}} {
		dead += legendre(func(tau float64) float64 {
			return nb(tau) * m.S * math.Pow(m.Beta, m.S) * math.Pow(m.Beta+tau, -m.S-1)
		}, p[0], p[1])
	}
	return alive + dead
}

func TestParetoNBDProbabilityOfPurchasesOracle(t *testing.T) {
	for _, pc := range paretoCases {
		for _, h := range []float64{0, 0.5, 1, 39, 78, 520} {
			for _, n := range []int{0, 1, 2, 3, 5, 10, 25} {
				got, err := pc.m.ProbabilityOfPurchases(n, h)
				if err != nil {
					t.Fatal(err)
				}
				want := oracleParetoPMF(pc.m, n, h)
				if math.Abs(got-want) > 1e-12 {
					t.Errorf("%s: P(X(%v) = %d) = %.15g, quadrature %.15g", pc.name, h, n, got, want)
				}
			}
		}
	}
}

// TestParetoNBDProbabilityOfPurchasesSums checks that P(X(t) = n) sums to 1
// and that its mean is E[X(t)] of ExpectedPurchases, to 1e-8. The sum stops
// where the negative binomial count of a customer who never dies, which
// X(t) never exceeds in distribution, has a tail and a mean tail below
// 1e-12.
func TestParetoNBDProbabilityOfPurchasesSums(t *testing.T) {
	for _, pc := range paretoCases {
		m := pc.m
		for _, h := range []float64{0, 1, 39, 78} {
			q := h / (m.Alpha + h) // success probability of the negative binomial
			sum, mean := 0.0, 0.0
			nb := math.Pow(1-q, m.R) // NB(0)
			for n := 0; ; n++ {
				p, err := m.ProbabilityOfPurchases(n, h)
				if err != nil {
					t.Fatal(err)
				}
				if !(p >= 0 && p <= 1) {
					t.Fatalf("%s: P(X(%v) = %d) = %v", pc.name, h, n, p)
				}
				sum += p
				mean += float64(n) * p
				ratio := (m.R + float64(n)) / float64(n+1) * q // NB(n+1)/NB(n), decreasing in n
				nb *= ratio
				if ratio < 0.99 && float64(n+2)*nb/(1-ratio)/(1-ratio) < 1e-12 {
					break
				}
			}
			e, err := m.ExpectedPurchases(h)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(sum-1) > 1e-8 || math.Abs(mean-e) > 1e-8*max(e, 1) {
				t.Errorf("%s t=%v: Σ P = %.12g, Σ n P = %.12g, E[X(t)] = %.12g", pc.name, h, sum, mean, e)
			}
		}
	}
}

func TestParetoNBDProbabilityOfPurchasesCases(t *testing.T) {
	m := cdnowPareto
	tests := []struct {
		name string
		n    int
		t    float64
		want float64
	}{
		{"no time, no purchase", 0, 0, 1},
		{"no time, a purchase", 1, 0, 0},
		{"no time, many purchases", 1000, 0, 0},
	}
	for _, tt := range tests {
		got, err := m.ProbabilityOfPurchases(tt.n, tt.t)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestParetoNBDProbabilityOfPurchasesErrors(t *testing.T) {
	m := cdnowPareto
	call := func(_ float64, err error) error { return err }
	const metric = "clv.ParetoNBD.ProbabilityOfPurchases"
	tests := []struct {
		name string
		err  error
		want *metrics.Error
	}{
		{"negative n", call(m.ProbabilityOfPurchases(-1, 1)), &metrics.Error{Metric: metric, Field: "n", Index: -1, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
		{"negative t", call(m.ProbabilityOfPurchases(1, -1)), &metrics.Error{Metric: metric, Field: "t", Index: -1, Value: "-1", Detail: "is negative", Err: metrics.ErrNegative}},
		{"NaN t", call(m.ProbabilityOfPurchases(1, math.NaN())), &metrics.Error{Metric: metric, Field: "t", Index: -1, Value: "NaN", Detail: "is not finite", Err: metrics.ErrInvalid}},
		{"Inf t", call(m.ProbabilityOfPurchases(1, math.Inf(1))), &metrics.Error{Metric: metric, Field: "t", Index: -1, Value: "+Inf", Detail: "is not finite", Err: metrics.ErrInvalid}},
		{"zero R", call(ParetoNBD{0, 1, 1, 1}.ProbabilityOfPurchases(1, 1)), &metrics.Error{Metric: metric, Field: "R", Index: -1, Value: "0", Detail: "is not positive and finite", Err: metrics.ErrOutOfRange}},
		{"negative Alpha", call(ParetoNBD{1, -1, 1, 1}.ProbabilityOfPurchases(1, 1)), &metrics.Error{Metric: metric, Field: "Alpha", Index: -1, Value: "-1", Detail: "is not positive and finite", Err: metrics.ErrOutOfRange}},
		{"Inf S", call(ParetoNBD{1, 1, math.Inf(1), 1}.ProbabilityOfPurchases(1, 1)), &metrics.Error{Metric: metric, Field: "S", Index: -1, Value: "+Inf", Detail: "is not positive and finite", Err: metrics.ErrOutOfRange}},
		{"NaN Beta", call(ParetoNBD{1, 1, 1, math.NaN()}.ProbabilityOfPurchases(1, 1)), &metrics.Error{Metric: metric, Field: "Beta", Index: -1, Value: "NaN", Detail: "is not positive and finite", Err: metrics.ErrOutOfRange}},
		{"2F1 not finite", call(ParetoNBD{1e308, 1, 1e308, 2}.ProbabilityOfPurchases(1, 1)), &metrics.Error{Metric: metric, Field: "ParetoNBD", Index: -1, Detail: "cannot be evaluated at these parameters", Err: metrics.ErrUndefined}},
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

// TestParetoNBDProbabilityOfPurchasesProperties checks that every value is
// a probability, that the first values sum to at most 1, and that
// P(X(t) = 0) does not increase with t.
func TestParetoNBDProbabilityOfPurchasesProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := drawPareto(t)
		t1 := rapid.Float64Range(0, 200).Draw(t, "t1")
		t2 := t1 + rapid.Float64Range(0, 200).Draw(t, "dt")
		sum := 0.0
		for n := 0; n <= 20; n++ {
			p, err := m.ProbabilityOfPurchases(n, t1)
			if err != nil {
				if errors.Is(err, metrics.ErrUndefined) {
					return
				}
				t.Fatal(err)
			}
			if !(p >= 0 && p <= 1) {
				t.Fatalf("P(X(%v) = %d) = %v", t1, n, p)
			}
			sum += p
		}
		if sum > 1+1e-9 {
			t.Fatalf("Σ_{n≤20} P(X(%v) = n) = %v", t1, sum)
		}
		p1, err1 := m.ProbabilityOfPurchases(0, t1)
		p2, err2 := m.ProbabilityOfPurchases(0, t2)
		if err1 != nil || err2 != nil {
			return
		}
		if p2 > p1+1e-12 {
			t.Fatalf("P(X(%v) = 0) = %v < P(X(%v) = 0) = %v", t1, p1, t2, p2)
		}
	})
}
