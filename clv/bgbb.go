package clv

import (
	"math"
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"gonum.org/v1/gonum/mathext"
)

// BGBB holds the parameters of the beta-geometric/beta-Bernoulli (BG/BB)
// model of Fader, Hardie & Shang, "Customer-Base Analysis in a
// Discrete-Time Noncontractual Setting", Marketing Science 29(6), 2010.
//
// It is the discrete-time counterpart of BG/NBD, for businesses whose
// transactions can only happen at fixed opportunities (a yearly gala, a
// weekly class, an annual charity drive). While alive, a customer transacts
// at each opportunity with probability p; at the start of each opportunity
// after the first the customer dies with probability θ. Across customers p
// is beta distributed with parameters Alpha and Beta, θ with Gamma and
// Delta, independently.
type BGBB struct {
	Alpha, Beta, Gamma, Delta float64
}

// BGBBFit is a fitted BG/BB model: the parameters and how the fit went. Its
// standard errors are in the order Alpha, Beta, Gamma, Delta.
type BGBBFit struct {
	BGBB
	FitInfo
}

// BGBBHistory is the history of the customers who share one pattern of
// transactions over a calibration of n opportunities.
type BGBBHistory struct {
	Frequency     int // x: transactions in the Opportunities, 0..n
	Recency       int // t_x: the opportunity of the last transaction, x..n; 0 when x = 0
	Opportunities int // n: the transaction opportunities after the first purchase, ≥ 1
	Count         int // customers with this history; 0 means 1
}

// weight returns the number of customers of h.
func (h BGBBHistory) weight() float64 {
	if h.Count == 0 {
		return 1
	}
	return float64(h.Count)
}

// checkBGBB validates one history; index is its position in a slice, −1
// for a lone history.
func checkBGBB(metric string, index int, h BGBBHistory) error {
	mk := func(name string, v int, sentinel error, detail string) error {
		if index < 0 {
			return check.Err(metric, name, v, sentinel, detail)
		}
		return check.ErrAt(metric, "Histories."+name, index, v, sentinel, detail)
	}
	switch {
	case h.Frequency < 0:
		return mk("Frequency", h.Frequency, metrics.ErrNegative, "is negative")
	case h.Recency < 0:
		return mk("Recency", h.Recency, metrics.ErrNegative, "is negative")
	case h.Count < 0:
		return mk("Count", h.Count, metrics.ErrNegative, "is negative")
	case h.Opportunities < 1:
		return mk("Opportunities", h.Opportunities, metrics.ErrOutOfRange, "is below 1")
	case h.Opportunities > MaxProjectionPeriods:
		return mk("Opportunities", h.Opportunities, metrics.ErrOutOfRange, "is above MaxProjectionPeriods")
	case h.Recency > h.Opportunities:
		return mk("Recency", h.Recency, metrics.ErrInconsistent, "exceeds Opportunities "+strconv.Itoa(h.Opportunities))
	case h.Frequency > h.Recency:
		return mk("Frequency", h.Frequency, metrics.ErrInconsistent, "exceeds Recency "+strconv.Itoa(h.Recency))
	case h.Frequency == 0 && h.Recency != 0:
		return mk("Recency", h.Recency, metrics.ErrInconsistent, "is not 0 with Frequency 0")
	}
	return nil
}

// check validates the parameters.
func (m BGBB) check(metric string) error {
	for _, p := range [...]struct {
		name string
		v    float64
	}{{"Alpha", m.Alpha}, {"Beta", m.Beta}, {"Gamma", m.Gamma}, {"Delta", m.Delta}} {
		if !(p.v > 0) || math.IsInf(p.v, 1) {
			return check.Err(metric, p.name, p.v, metrics.ErrOutOfRange, "is not positive and finite")
		}
	}
	return nil
}

// logAdd returns ln(e^a + e^b).
func logAdd(a, b float64) float64 {
	if math.IsInf(a, -1) {
		return b
	}
	if b > a {
		a, b = b, a
	}
	return a + math.Log1p(math.Exp(b-a))
}

// bgbbLogL returns ln L of one history and the log of its first term (the
// customer alive through all n opportunities):
//
//	L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
//	    + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)
func (m BGBB) bgbbLogL(h BGBBHistory) (ll, alive float64) {
	x, tx, n := float64(h.Frequency), float64(h.Recency), float64(h.Opportunities)
	lab := mathext.Lbeta(m.Alpha, m.Beta)
	lgd := mathext.Lbeta(m.Gamma, m.Delta)
	alive = mathext.Lbeta(m.Alpha+x, m.Beta+n-x) - lab + mathext.Lbeta(m.Gamma, m.Delta+n) - lgd
	ll = alive
	for i := 0; i < h.Opportunities-h.Recency; i++ {
		fi := float64(i)
		ll = logAdd(ll, mathext.Lbeta(m.Alpha+x, m.Beta+tx-x+fi)-lab+mathext.Lbeta(m.Gamma+1, m.Delta+tx+fi)-lgd)
	}
	return ll, alive
}

// bgbbLL returns the log-likelihood of the histories.
func (m BGBB) bgbbLL(hs []BGBBHistory) float64 {
	ll := 0.0
	for _, h := range hs {
		l, _ := m.bgbbLogL(h)
		ll += h.weight() * l
	}
	return ll
}

// checkHistories validates the histories of a fit.
func checkHistories(metric string, hs []BGBBHistory) error {
	if len(hs) == 0 {
		return check.Err(metric, "Histories", nil, metrics.ErrUndefined, "is empty")
	}
	for i, h := range hs {
		if err := checkBGBB(metric, i, h); err != nil {
			return err
		}
	}
	return nil
}

// FitBGBB fits the BG/BB model to customers' histories by maximum
// likelihood. A customer with x transactions in n opportunities, the last
// at opportunity t_x, contributes (Fader, Hardie & Shang, "Customer-Base
// Analysis in a Discrete-Time Noncontractual Setting", Marketing Science
// 29(6), 2010):
//
//	L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
//	    + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)
//
// summed in log form (log-beta, log-sum-exp), each history weighted by its
// Count. The optimiser runs on the logarithms of the parameters from 1; the
// standard errors come from the Hessian there (see [FitInfo]).
//
// FitBGBB returns an error if:
//   - histories is empty (metrics.ErrUndefined)
//   - a Frequency, Recency or Count is negative (metrics.ErrNegative)
//   - Opportunities is below 1 or above MaxProjectionPeriods
//     (metrics.ErrOutOfRange)
//   - Recency exceeds Opportunities, Frequency exceeds Recency (so Recency 0
//     with Frequency > 0), or Recency is positive with Frequency 0
//     (metrics.ErrInconsistent)
//   - opts.Penalty is negative or not finite, or opts.MaxIterations negative
//     (metrics.ErrNegative, metrics.ErrInvalid)
//   - the fit does not converge: a *[ConvergenceError]
//     (metrics.ErrNotConverged)
func FitBGBB(histories []BGBBHistory, opts FitOptions) (BGBBFit, error) {
	const metric = "clv.FitBGBB"
	if err := check.First(checkOptions(metric, opts), checkHistories(metric, histories)); err != nil {
		return BGBBFit{}, err
	}
	nll := func(th []float64) float64 {
		return -BGBB{math.Exp(th[0]), math.Exp(th[1]), math.Exp(th[2]), math.Exp(th[3])}.bgbbLL(histories)
	}
	th, info, err := maximize(metric, nll, []float64{0, 0, 0, 0}, opts)
	if err != nil {
		return BGBBFit{}, err
	}
	return BGBBFit{BGBB: BGBB{math.Exp(th[0]), math.Exp(th[1]), math.Exp(th[2]), math.Exp(th[3])}, FitInfo: info}, nil
}

// LogLikelihoodOf returns the log-likelihood of the histories under the
// model: the sum of Count × ln L of [FitBGBB].
//
// LogLikelihoodOf returns an error if:
//   - a parameter is not positive and finite (metrics.ErrOutOfRange)
//   - the histories are not valid, as [FitBGBB] reports
//   - the log-likelihood is not finite, at extreme parameters
//     (metrics.ErrUndefined)
func (m BGBB) LogLikelihoodOf(histories []BGBBHistory) (float64, error) {
	const metric = "clv.BGBB.LogLikelihoodOf"
	if err := check.First(m.check(metric), checkHistories(metric, histories)); err != nil {
		return 0, err
	}
	return finite(metric, "BGBB", m.bgbbLL(histories))
}

// ProbabilityAlive returns the probability that a customer with history h
// is alive at opportunity n+1 (Fader, Hardie & Shang, "Customer-Base
// Analysis in a Discrete-Time Noncontractual Setting", Marketing Science
// 29(6), 2010):
//
//	P(alive at n+1 | x, t_x, n) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L
//
// with L the likelihood of [FitBGBB]. It lies within 0..1. h.Count is not
// used.
//
// ProbabilityAlive returns an error if:
//   - a parameter is not positive and finite (metrics.ErrOutOfRange)
//   - h is not valid, as [FitBGBB] reports for a history
//   - the result overflows, at extreme parameters (metrics.ErrUndefined)
func (m BGBB) ProbabilityAlive(h BGBBHistory) (float64, error) {
	const metric = "clv.BGBB.ProbabilityAlive"
	if err := check.First(m.check(metric), checkBGBB(metric, -1, h)); err != nil {
		return 0, err
	}
	ll, alive := m.bgbbLogL(h)
	n := float64(h.Opportunities)
	// Surviving one more opportunity: B(γ, δ+n+1)/B(γ, δ+n) = (δ+n)/(γ+δ+n).
	p := math.Exp(alive-ll) * (m.Delta + n) / (m.Gamma + m.Delta + n)
	if !(p >= 0) {
		return 0, check.Err(metric, "BGBB", nil, metrics.ErrUndefined, "cannot be evaluated at these parameters")
	}
	return min(p, 1), nil
}

// ConditionalExpectedPurchases returns the expected number of transactions
// of a customer with history h in the next k opportunities, n+1..n+k
// (Fader, Hardie & Shang, "Customer-Base Analysis in a Discrete-Time
// Noncontractual Setting", Marketing Science 29(6), 2010, written
// as the sum over the future opportunities it comes from):
//
//	E[X(n, n+k) | x, t_x, n] = 1/L · B(α+x+1, β+n−x)/B(α,β) · Σ_{j=1..k} B(γ, δ+n+j)/B(γ,δ)
//
// The sum avoids the paper's factor δ/(γ−1), which cancels badly near
// γ = 1. h.Count is not used.
//
// ConditionalExpectedPurchases returns an error if:
//   - a parameter is not positive and finite (metrics.ErrOutOfRange)
//   - h is not valid, as [FitBGBB] reports for a history
//   - k is negative or above MaxProjectionPeriods (metrics.ErrOutOfRange)
//   - the result overflows, at extreme parameters (metrics.ErrUndefined)
func (m BGBB) ConditionalExpectedPurchases(h BGBBHistory, k int) (float64, error) {
	const metric = "clv.BGBB.ConditionalExpectedPurchases"
	if err := check.First(m.check(metric), checkBGBB(metric, -1, h)); err != nil {
		return 0, err
	}
	if k < 0 || k > MaxProjectionPeriods {
		return 0, check.Err(metric, "k", k, metrics.ErrOutOfRange, "is outside 0..MaxProjectionPeriods")
	}
	ll, _ := m.bgbbLogL(h)
	x, n := float64(h.Frequency), float64(h.Opportunities)
	head := mathext.Lbeta(m.Alpha+x+1, m.Beta+n-x) - mathext.Lbeta(m.Alpha, m.Beta) - ll
	lgd := mathext.Lbeta(m.Gamma, m.Delta)
	sum := 0.0
	for j := 1; j <= k; j++ {
		sum += math.Exp(head + mathext.Lbeta(m.Gamma, m.Delta+n+float64(j)) - lgd)
	}
	return finite(metric, "BGBB", sum)
}

// ExpectedPurchases returns the expected number of transactions of a new
// customer in the first n opportunities (Fader, Hardie & Shang,
// "Customer-Base Analysis in a Discrete-Time Noncontractual Setting",
// Marketing Science 29(6), 2010, as the sum over the opportunities):
//
//	E[X(n)] = α/(α+β) · Σ_{t=1..n} B(γ, δ+t)/B(γ,δ)
//
// ExpectedPurchases returns an error if:
//   - a parameter is not positive and finite (metrics.ErrOutOfRange)
//   - n is negative or above MaxProjectionPeriods (metrics.ErrOutOfRange)
//   - the result overflows, at extreme parameters (metrics.ErrUndefined)
func (m BGBB) ExpectedPurchases(n int) (float64, error) {
	const metric = "clv.BGBB.ExpectedPurchases"
	if err := m.check(metric); err != nil {
		return 0, err
	}
	if n < 0 || n > MaxProjectionPeriods {
		return 0, check.Err(metric, "n", n, metrics.ErrOutOfRange, "is outside 0..MaxProjectionPeriods")
	}
	lgd := mathext.Lbeta(m.Gamma, m.Delta)
	sum := 0.0
	for t := 1; t <= n; t++ {
		sum += math.Exp(mathext.Lbeta(m.Gamma, m.Delta+float64(t)) - lgd)
	}
	return finite(metric, "BGBB", m.Alpha/(m.Alpha+m.Beta)*sum)
}
