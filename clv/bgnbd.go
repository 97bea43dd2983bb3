package clv

import (
	"math"

	"github.com/kpikit/kpikit/internal/check"
	"gonum.org/v1/gonum/mathext"
)

// BGNBD holds the parameters of the BG/NBD model of Fader, Hardie & Lee
// (2005), "Counting Your Customers the Easy Way: An Alternative to the
// Pareto/NBD Model", Marketing Science 24(2), 275–284.
//
// While active, a customer buys as a Poisson process of rate λ; after each
// purchase the customer drops out with probability p. Across customers λ is
// gamma distributed with shape R and rate Alpha, and p beta distributed with
// parameters A and B. Alpha is in the time unit of the data (a rate per
// week, per day); R, A and B have no unit.
type BGNBD struct {
	R, Alpha, A, B float64
}

// BGNBDFit is a fitted BG/NBD model: the parameters and how the fit went.
// Its standard errors are in the order R, Alpha, A, B.
type BGNBDFit struct {
	BGNBD
	FitInfo
}

// bgnbdLL returns the log-likelihood of the weighted rows at the
// parameters, caching the terms that depend on x alone:
//
//	ln L = ln Γ(r+x) − ln Γ(r) + r ln α − ln B(a, b)
//	       + ln[ B(a, b+x) / (α+T)^(r+x) + 1{x>0} B(a+1, b+x−1) / (α+t_x)^(r+x) ]
//
// (Fader, Hardie & Lee 2005, eq. 6), the bracket by log-sum-exp.
func bgnbdLL(h *histories, m BGNBD) float64 {
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
				l1 = mathext.Lbeta(a, b+x)
				if row.x > 0 {
					l2 = mathext.Lbeta(a+1, b+x-1)
				}
			}
			rx := r + float64(row.x)
			u := l1 - rx*lt[row.it]
			if row.x > 0 {
				u = logAddExp(u, l2-rx*ltx[row.itx])
			}
			total += row.w * (lg + u)
		}
		return total + common*sumWeights(rows[lo:hi])
	})
}

func sumWeights(rows []row) float64 {
	w := 0.0
	for _, r := range rows {
		w += r.w
	}
	return w
}

// logAddExp returns ln(e^u + e^v) without overflow.
func logAddExp(u, v float64) float64 {
	if u < v {
		u, v = v, u
	}
	if math.IsInf(v, -1) {
		return u
	}
	return u + math.Log1p(math.Exp(v-u))
}

func (m BGNBD) check(metric string) error {
	return check.First(
		checkParam(metric, "R", m.R), checkParam(metric, "Alpha", m.Alpha),
		checkParam(metric, "A", m.A), checkParam(metric, "B", m.B))
}

// FitBGNBD fits the BG/NBD model to customers' histories by maximum
// likelihood, the log-likelihood of Fader, Hardie & Lee (2005), "Counting
// Your Customers the Easy Way", Marketing Science 24(2), eq. 6, summed over
// the customers:
//
//	L(r, α, a, b | x, t_x, T) = B(a, b+x)/B(a, b) × Γ(r+x)/Γ(r) × α^r/(α+T)^(r+x)
//	                          + 1{x>0} B(a+1, b+x−1)/B(a, b) × Γ(r+x)/Γ(r) × α^r/(α+t_x)^(r+x)
//
// It works in log form (log-gamma, log-beta, log-sum-exp), collapses
// customers with the same (x, t_x, T) into one weighted row, and divides the
// times by a factor s that brings the largest age into 1..10 before the
// fit (α is multiplied back by s, so the result is in the data's time
// unit). The optimiser runs on the logarithms of the parameters; the
// standard errors come from the finite-difference Hessian of the
// log-likelihood there, mapped to the natural scale by the delta method
// (se(θ) = θ × se(ln θ)). With more than 40,000 distinct histories it first
// fits a systematic sample of 20,000 of them and starts the full fit from
// that optimum, which saves most of the iterations on large data.
//
// FitBGNBD returns an error if:
//   - customers is empty (metrics.ErrUndefined)
//   - a Frequency, Recency or Age is negative (metrics.ErrNegative)
//   - a Recency or Age is NaN or infinite (metrics.ErrInvalid)
//   - a Recency exceeds its Age, or is positive with Frequency 0
//     (metrics.ErrInconsistent)
//   - opts.Penalty is negative or not finite, or opts.MaxIterations negative
//     (metrics.ErrNegative, metrics.ErrInvalid)
//   - the fit does not converge: a *[ConvergenceError]
//     (metrics.ErrNotConverged), for example when no customer ever repeats
func FitBGNBD(customers []RFM, opts FitOptions) (BGNBDFit, error) {
	m, info, err := fitRFMModel("clv.FitBGNBD", customers, opts, []int{1},
		func(p [4]float64) BGNBD { return BGNBD{p[0], p[1], p[2], p[3]} }, bgnbdLL)
	if err != nil {
		return BGNBDFit{}, err
	}
	return BGNBDFit{BGNBD: m, FitInfo: info}, nil
}

// LogLikelihoodOf returns the log-likelihood of the customers' histories under
// the model (the sum over customers of the formula in [FitBGNBD]).
//
// LogLikelihoodOf returns an error if a parameter is not positive and
// finite (metrics.ErrOutOfRange), for the customers as [FitBGNBD] does, or
// if the log-likelihood is not finite at these parameters
// (metrics.ErrUndefined).
func (m BGNBD) LogLikelihoodOf(customers []RFM) (float64, error) {
	const metric = "clv.BGNBD.LogLikelihoodOf"
	if err := m.check(metric); err != nil {
		return 0, err
	}
	rows, err := collapse(metric, customers)
	if err != nil {
		return 0, err
	}
	ll := bgnbdLL(rows, m)
	if math.IsNaN(ll) || math.IsInf(ll, 0) {
		return 0, undefined(metric, "BGNBD", "gives a log-likelihood that is not finite")
	}
	return ll, nil
}

// ExpectedPurchases returns E[X(t)], the expected number of purchases in
// (0, t] of a customer who made a first purchase at time 0 (Fader, Hardie &
// Lee 2005, eq. 9):
//
//	E[X(t)] = (a+b−1)/(a−1) × [1 − (α/(α+t))^r × 2F1(r, b; a+b−1; t/(α+t))]
//
// t is in the model's time unit. Where a is within 1e-5 of 1, or a+b within
// 1e-5 of 1, the formula's removable singularity is bridged by linear
// interpolation between the two points 1e-5 either side.
//
// ExpectedPurchases returns an error if:
//   - a parameter is not positive and finite (metrics.ErrOutOfRange)
//   - t is negative (metrics.ErrNegative) or not finite (metrics.ErrInvalid)
//   - the hypergeometric function cannot be evaluated at these parameters
//     (metrics.ErrUndefined)
func (m BGNBD) ExpectedPurchases(t float64) (float64, error) {
	const metric = "clv.BGNBD.ExpectedPurchases"
	if err := check.First(m.check(metric), checkHorizon(metric, t)); err != nil {
		return 0, err
	}
	return m.conditional(metric, 0, 0, 0, t)
}

// ConditionalExpectedPurchases returns E[Y(t) | x, t_x, T], the expected
// number of purchases in the next t after the end of the customer's history
// c (Fader, Hardie & Lee 2005, eq. 10):
//
//	E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1)
//	    × [1 − ((α+T)/(α+T+t))^(r+x) × 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]
//	    / [1 + 1{x>0} a/(b+x−1) × ((α+T)/(α+t_x))^(r+x)]
//
// t is in the model's time unit, the unit of c.
//
// ConditionalExpectedPurchases returns an error as [BGNBD.ExpectedPurchases]
// does, or if c is not a valid history (see [FitBGNBD]).
func (m BGNBD) ConditionalExpectedPurchases(c RFM, t float64) (float64, error) {
	const metric = "clv.BGNBD.ConditionalExpectedPurchases"
	if err := check.First(m.check(metric), checkRFM(metric, "", -1, c), checkHorizon(metric, t)); err != nil {
		return 0, err
	}
	return m.conditional(metric, c.Frequency, c.Recency, c.Age, t)
}

// conditional evaluates E[Y(t) | x, t_x, T] on checked input.
func (m BGNBD) conditional(metric string, x int, tx, T, t float64) (float64, error) {
	return betaGeoConditional(metric, "BGNBD", m.R, m.Alpha, m.A, m.B, false, x, tx, T, t)
}

// betaGeoConditional evaluates E[Y(t) | x, t_x, T] of BG/NBD, or of MBG/NBD
// when modified is set, bridging the removable singularities at a = 1 and
// (BG/NBD, x = 0) a + b = 1 by linear interpolation across ±1e-5.
func betaGeoConditional(metric, model string, r, alpha, a, b float64, modified bool, x int, tx, T, t float64) (float64, error) {
	if t == 0 {
		return 0, nil
	}
	const h = 1e-5
	bridge := func(v, at float64, eval func(v float64) (float64, error)) (float64, error) {
		lo, err := eval(at - h)
		if err != nil {
			return 0, err
		}
		hi, err := eval(at + h)
		if err != nil {
			return 0, err
		}
		return lo + (hi-lo)*(v-(at-h))/(2*h), nil
	}
	// eval bridges a first, then b; once a dimension is bridged it is not
	// bridged again (a − h may still round to within h of 1).
	var eval func(a, b float64, aDone, bDone bool) (float64, error)
	eval = func(a, b float64, aDone, bDone bool) (float64, error) {
		if !aDone && math.Abs(a-1) < h {
			return bridge(a, 1, func(a float64) (float64, error) { return eval(a, b, true, bDone) })
		}
		if !bDone && !modified && x == 0 && math.Abs(a+b-1) < h {
			return bridge(b, 1-a, func(b float64) (float64, error) { return eval(a, b, aDone, true) })
		}
		if modified {
			return betaGeoTerm(r, alpha, a, b+1, true, x, tx, T, t)
		}
		return betaGeoTerm(r, alpha, a, b, x > 0, x, tx, T, t)
	}
	v, err := eval(a, b, false, false)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, undefined(metric, model, "cannot be evaluated at these parameters")
	}
	return max(v, 0), nil
}

// betaGeoTerm is eq. 10 of Fader, Hardie & Lee (2005) without the guards,
// for a ≠ 1 and a+b+x−1 ≠ 0:
//
//	(a+b+x−1)/(a−1) × [1 − ((α+T)/(α+T+t))^(r+x) × 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]
//	/ [1 + 1{died} a/(b+x−1) × ((α+T)/(α+t_x))^(r+x)]
//
// MBG/NBD's expectation is the same with b+1 for b and the denominator's
// term always present (died set).
func betaGeoTerm(r, alpha, a, b float64, died bool, x int, tx, T, t float64) (float64, error) {
	fx := float64(x)
	c := a + b + fx - 1
	z := t / (alpha + T + t)
	f, s, err := hyp2f1(r+fx, b+fx, c, z)
	if err != nil {
		return 0, err
	}
	lq := -math.Log1p(t / (alpha + T)) // ln((α+T)/(α+T+t))
	g := f * math.Exp((r+fx)*lq+s)
	num := c / (a - 1) * (1 - g)
	den := 1.0
	if died {
		den += math.Exp(math.Log(a) - math.Log(b+fx-1) + (r+fx)*(math.Log(alpha+T)-math.Log(alpha+tx)))
	}
	return num / den, nil
}

// ProbabilityAlive returns the probability that a customer with history c
// is still active at the end of it (Fader, Hardie & Lee (2008), "Computing
// P(alive) Using the BG/NBD Model", a note on the model of their 2005
// Marketing Science article):
//
//	P(alive | x, t_x, T) = 1 / [1 + 1{x>0} a/(b+x−1) × ((α+T)/(α+t_x))^(r+x)]
//
// In the BG/NBD model a customer who never repeated is alive: the result is
// 1 when x = 0.
//
// ProbabilityAlive returns an error if a parameter is not positive and
// finite (metrics.ErrOutOfRange) or c is not a valid history (see
// [FitBGNBD]).
func (m BGNBD) ProbabilityAlive(c RFM) (float64, error) {
	const metric = "clv.BGNBD.ProbabilityAlive"
	if err := check.First(m.check(metric), checkRFM(metric, "", -1, c)); err != nil {
		return 0, err
	}
	if c.Frequency == 0 {
		return 1, nil
	}
	x := float64(c.Frequency)
	l := math.Log(m.A) - math.Log(m.B+x-1) + (m.R+x)*(math.Log(m.Alpha+c.Age)-math.Log(m.Alpha+c.Recency))
	return 1 / (1 + math.Exp(l)), nil
}

// ProbabilityOfPurchases returns P(X(t) = n), the probability that a
// customer who made a first purchase at time 0 makes n purchases in (0, t]
// (Fader, Hardie & Lee 2005, eq. 8):
//
//	P(X(t) = n) = B(a, b+n)/B(a, b) × Γ(r+n)/(Γ(r) n!) × (α/(α+t))^r × (t/(α+t))^n
//	            + 1{n>0} B(a+1, b+n−1)/B(a, b) × [1 − (α/(α+t))^r Σ_{j<n} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j]
//
// The bracket, the tail of a negative binomial distribution, is computed as
// the regularized incomplete beta function I_{t/(α+t)}(n, r), so it does not
// lose digits to cancellation.
//
// ProbabilityOfPurchases returns an error if a parameter is not positive
// and finite (metrics.ErrOutOfRange), n is negative (metrics.ErrNegative),
// or t is negative or not finite (metrics.ErrNegative, metrics.ErrInvalid).
func (m BGNBD) ProbabilityOfPurchases(n int, t float64) (float64, error) {
	const metric = "clv.BGNBD.ProbabilityOfPurchases"
	if err := check.First(m.check(metric), check.Count(metric, "n", n), checkHorizon(metric, t)); err != nil {
		return 0, err
	}
	if t == 0 {
		if n == 0 {
			return 1, nil
		}
		return 0, nil
	}
	r, alpha, a, b := m.R, m.Alpha, m.A, m.B
	fn := float64(n)
	lbab := mathext.Lbeta(a, b)
	lgrn, _ := math.Lgamma(r + fn)
	lgr, _ := math.Lgamma(r)
	lgn, _ := math.Lgamma(fn + 1)
	lp := math.Log(alpha / (alpha + t))
	lz := math.Log(t / (alpha + t))
	p := math.Exp(mathext.Lbeta(a, b+fn) - lbab + lgrn - lgr - lgn + r*lp + fn*lz)
	if n > 0 {
		tail := mathext.RegIncBeta(fn, r, t/(alpha+t))
		p += math.Exp(mathext.Lbeta(a+1, b+fn-1)-lbab) * tail
	}
	if math.IsNaN(p) || math.IsInf(p, 0) {
		return 0, undefined(metric, "BGNBD", "cannot be evaluated at these parameters")
	}
	return min(max(p, 0), 1), nil
}

// LifetimeValue returns the expected discounted value of the customer with
// history c over the horizon of v, counting each period's expected
// purchases at the end of the period:
//
//	value = Σ_{k=1..H} m × (E[Y(k·L) | x, t_x, T] − E[Y((k−1)·L) | x, t_x, T]) / (1 + d)^k
//
// with E[Y(t) | x, t_x, T] from [BGNBD.ConditionalExpectedPurchases], m =
// v.Spend, d = v.DiscountRate, H = v.Periods and L = v.PeriodLength in the
// model's time unit. For a new customer pass the zero RFM (x = t_x = T = 0):
// the expectation is then E[X(t)] of [BGNBD.ExpectedPurchases].
//
// LifetimeValue returns an error as [BGNBD.ConditionalExpectedPurchases]
// does, or if:
//   - v.Spend, v.DiscountRate or v.PeriodLength is negative
//     (metrics.ErrNegative), or v.Spend or v.PeriodLength not finite
//     (metrics.ErrInvalid)
//   - v.Periods is below 1 or above 100,000 (metrics.ErrOutOfRange)
func (m BGNBD) LifetimeValue(c RFM, v Valuation) (float64, error) {
	const metric = "clv.BGNBD.LifetimeValue"
	if err := check.First(m.check(metric), checkRFM(metric, "", -1, c)); err != nil {
		return 0, err
	}
	return lifetimeValue(metric, "BGNBD", v, func(t float64) (float64, error) {
		return m.conditional(metric, c.Frequency, c.Recency, c.Age, t)
	})
}
