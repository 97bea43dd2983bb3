package clv

import (
	"math"

	"github.com/kpikit/kpikit/internal/check"
	"gonum.org/v1/gonum/mathext"
)

// MBGNBD holds the parameters of the MBG/NBD model of Batislam, Denizel &
// Filiztekin (2007), "Empirical validation and comparison of models for
// customer base analysis", International Journal of Research in Marketing
// 24(3), 201–209.
//
// It is BG/NBD ([BGNBD]) with one change: a customer may also drop out
// right after the first purchase, not only after a repeat purchase, so a
// customer who never repeated is not certainly alive. The parameters mean
// what they mean in BG/NBD: λ ~ Gamma(R, Alpha), p ~ Beta(A, B).
type MBGNBD struct {
	R, Alpha, A, B float64
}

// MBGNBDFit is a fitted MBG/NBD model: the parameters and how the fit went.
// Its standard errors are in the order R, Alpha, A, B.
type MBGNBDFit struct {
	MBGNBD
	FitInfo
}

func (m MBGNBD) check(metric string) error {
	return check.First(
		checkParam(metric, "R", m.R), checkParam(metric, "Alpha", m.Alpha),
		checkParam(metric, "A", m.A), checkParam(metric, "B", m.B))
}

// mbgnbdLL returns the log-likelihood of the histories:
//
//	ln L = ln Γ(r+x) − ln Γ(r) + r ln α − ln B(a, b)
//	       + ln[ B(a, b+x+1) / (α+T)^(r+x) + B(a+1, b+x) / (α+t_x)^(r+x) ]
func mbgnbdLL(h *histories, m MBGNBD) float64 {
	r, alpha, a, b := m.R, m.Alpha, m.A, m.B
	lgr, _ := math.Lgamma(r)
	common := r*math.Log(alpha) - lgr - mathext.Lbeta(a, b)
	ltx, lt := logShifted(alpha, h.txs), logShifted(alpha, h.ts)
	rows := h.rows
	return sumRows(len(rows), func(lo, hi int) float64 {
		total := 0.0
		lastX := -1
		var lg, l1, l2 float64
		for _, row := range rows[lo:hi] {
			if row.x != lastX {
				lastX = row.x
				x := float64(row.x)
				lg, _ = math.Lgamma(r + x)
				l1 = mathext.Lbeta(a, b+x+1)
				l2 = mathext.Lbeta(a+1, b+x)
			}
			rx := r + float64(row.x)
			total += row.w * (lg + logAddExp(l1-rx*lt[row.it], l2-rx*ltx[row.itx]))
		}
		return total + common*sumWeights(rows[lo:hi])
	})
}

// FitMBGNBD fits the MBG/NBD model to customers' histories by maximum
// likelihood (Batislam, Denizel & Filiztekin 2007):
//
//	L(r, α, a, b | x, t_x, T) = B(a, b+x+1)/B(a, b) × Γ(r+x)/Γ(r) × α^r/(α+T)^(r+x)
//	                          + B(a+1, b+x)/B(a, b) × Γ(r+x)/Γ(r) × α^r/(α+t_x)^(r+x)
//
// The second term, dropping out at the last purchase, is present for every
// customer, also for x = 0 (with t_x = 0). Log form, collapsed rows, time
// rescaling, warm start and standard errors are as in [FitBGNBD].
//
// FitMBGNBD returns an error as [FitBGNBD] does.
func FitMBGNBD(customers []RFM, opts FitOptions) (MBGNBDFit, error) {
	m, info, err := fitRFMModel("clv.FitMBGNBD", customers, opts, []int{1},
		func(p [4]float64) MBGNBD { return MBGNBD{p[0], p[1], p[2], p[3]} }, mbgnbdLL)
	if err != nil {
		return MBGNBDFit{}, err
	}
	return MBGNBDFit{MBGNBD: m, FitInfo: info}, nil
}

// LogLikelihoodOf returns the log-likelihood of the customers' histories
// under the model (the sum over customers of the formula in [FitMBGNBD]).
//
// LogLikelihoodOf returns an error if a parameter is not positive and
// finite (metrics.ErrOutOfRange), for the customers as [FitBGNBD] does, or
// if the log-likelihood is not finite at these parameters
// (metrics.ErrUndefined).
func (m MBGNBD) LogLikelihoodOf(customers []RFM) (float64, error) {
	const metric = "clv.MBGNBD.LogLikelihoodOf"
	if err := m.check(metric); err != nil {
		return 0, err
	}
	rows, err := collapse(metric, customers)
	if err != nil {
		return 0, err
	}
	ll := mbgnbdLL(rows, m)
	if math.IsNaN(ll) || math.IsInf(ll, 0) {
		return 0, undefined(metric, "MBGNBD", "gives a log-likelihood that is not finite")
	}
	return ll, nil
}

// ExpectedPurchases returns E[X(t)], the expected number of repeat
// purchases in (0, t] of a customer who made a first purchase at time 0:
//
//	E[X(t)] = b/(a−1) × [1 − (α/(α+t))^r × 2F1(r, b+1; a+b; t/(α+t))]
//
// with the removable singularity at a = 1 bridged as in
// [BGNBD.ExpectedPurchases].
//
// ExpectedPurchases returns an error as [BGNBD.ExpectedPurchases] does.
func (m MBGNBD) ExpectedPurchases(t float64) (float64, error) {
	const metric = "clv.MBGNBD.ExpectedPurchases"
	if err := check.First(m.check(metric), checkHorizon(metric, t)); err != nil {
		return 0, err
	}
	return betaGeoConditional(metric, "MBGNBD", m.R, m.Alpha, m.A, m.B, true, 0, 0, 0, t)
}

// ConditionalExpectedPurchases returns E[Y(t) | x, t_x, T], the expected
// number of purchases in the next t after the end of the customer's history
// c:
//
//	E[Y(t) | x, t_x, T] = (a+b+x)/(a−1)
//	    × [1 − ((α+T)/(α+T+t))^(r+x) × 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))]
//	    / [1 + a/(b+x) × ((α+T)/(α+t_x))^(r+x)]
//
// ConditionalExpectedPurchases returns an error as
// [BGNBD.ConditionalExpectedPurchases] does.
func (m MBGNBD) ConditionalExpectedPurchases(c RFM, t float64) (float64, error) {
	const metric = "clv.MBGNBD.ConditionalExpectedPurchases"
	if err := check.First(m.check(metric), checkRFM(metric, "", -1, c), checkHorizon(metric, t)); err != nil {
		return 0, err
	}
	return betaGeoConditional(metric, "MBGNBD", m.R, m.Alpha, m.A, m.B, true, c.Frequency, c.Recency, c.Age, t)
}

// ProbabilityAlive returns the probability that a customer with history c
// is still active at the end of it:
//
//	P(alive | x, t_x, T) = 1 / [1 + a/(b+x) × ((α+T)/(α+t_x))^(r+x)]
//
// Unlike BG/NBD, it is below 1 for a customer who never repeated.
//
// ProbabilityAlive returns an error as [BGNBD.ProbabilityAlive] does.
func (m MBGNBD) ProbabilityAlive(c RFM) (float64, error) {
	const metric = "clv.MBGNBD.ProbabilityAlive"
	if err := check.First(m.check(metric), checkRFM(metric, "", -1, c)); err != nil {
		return 0, err
	}
	x := float64(c.Frequency)
	l := math.Log(m.A) - math.Log(m.B+x) + (m.R+x)*(math.Log(m.Alpha+c.Age)-math.Log(m.Alpha+c.Recency))
	return 1 / (1 + math.Exp(l)), nil
}

// LifetimeValue returns the expected discounted value of the customer with
// history c over the horizon of v, as [BGNBD.LifetimeValue] defines it, with
// the expectations of [MBGNBD.ConditionalExpectedPurchases].
//
// LifetimeValue returns an error as [BGNBD.LifetimeValue] does.
func (m MBGNBD) LifetimeValue(c RFM, v Valuation) (float64, error) {
	const metric = "clv.MBGNBD.LifetimeValue"
	if err := check.First(m.check(metric), checkRFM(metric, "", -1, c)); err != nil {
		return 0, err
	}
	return lifetimeValue(metric, "MBGNBD", v, func(t float64) (float64, error) {
		return betaGeoConditional(metric, "MBGNBD", m.R, m.Alpha, m.A, m.B, true, c.Frequency, c.Recency, c.Age, t)
	})
}
