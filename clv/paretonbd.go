package clv

import (
	"math"

	"github.com/kpikit/kpikit/internal/check"
	"gonum.org/v1/gonum/mathext"
)

// ParetoNBD holds the parameters of the Pareto/NBD model of Schmittlein,
// Morrison & Colombo (1987), "Counting Your Customers: Who Are They and What
// Will They Do Next?", Management Science 33(1), 1–24.
//
// While active, a customer buys as a Poisson process of rate λ and stays
// active for an exponentially distributed time of rate μ. Across customers λ
// is gamma distributed with shape R and rate Alpha, μ gamma distributed with
// shape S and rate Beta. Alpha and Beta are in the time unit of the data; R
// and S have no unit.
type ParetoNBD struct {
	R, Alpha, S, Beta float64
}

// ParetoNBDFit is a fitted Pareto/NBD model: the parameters and how the fit
// went. Its standard errors are in the order R, Alpha, S, Beta.
type ParetoNBDFit struct {
	ParetoNBD
	FitInfo
}

func (m ParetoNBD) check(metric string) error {
	return check.First(
		checkParam(metric, "R", m.R), checkParam(metric, "Alpha", m.Alpha),
		checkParam(metric, "S", m.S), checkParam(metric, "Beta", m.Beta))
}

// logA0 returns ln A₀ of Fader & Hardie's note (2005), "A Note on Deriving
// the Pareto/NBD Model and Related Expressions", for α ≥ β
//
//	A₀ = 2F1(r+s+x, s+1; r+s+x+1; (α−β)/(α+t_x)) / (α+t_x)^(r+s+x)
//	   − 2F1(r+s+x, s+1; r+s+x+1; (α−β)/(α+T))   / (α+T)^(r+s+x)
//
// and for α < β the same with α and β swapped and s+1 replaced by r+x. It
// is −∞ when t_x = T (A₀ = 0).
func (m ParetoNBD) logA0(x int, tx, T float64) (float64, error) {
	l1, err := m.a0Term(x, tx)
	if err != nil {
		return 0, err
	}
	l2, err := m.a0Term(x, T)
	if err != nil {
		return 0, err
	}
	return logSubExp(l1, l2), nil
}

// a0Term returns the logarithm of one of the two terms of A₀, at time t
// (t_x or T).
func (m ParetoNBD) a0Term(x int, t float64) (float64, error) {
	fx := float64(x)
	rsx := m.R + m.S + fx
	hi, lo, b := m.Alpha, m.Beta, m.S+1
	if m.Alpha < m.Beta {
		hi, lo, b = m.Beta, m.Alpha, m.R+fx
	}
	f, s, err := hyp2f1(rsx, b, rsx+1, (hi-lo)/(hi+t))
	if err != nil || !(f > 0) {
		return 0, errHyp2f1
	}
	return math.Log(f) + s - rsx*math.Log(hi+t), nil
}

// logSubExp returns ln(e^u − e^v), −∞ when v ≥ u (A₀'s two terms are equal
// at t_x = T, and rounding may put the second above the first).
func logSubExp(u, v float64) float64 {
	if v >= u {
		return math.Inf(-1)
	}
	return u + math.Log1p(-math.Exp(v-u))
}

// paretoRowLL returns the log-likelihood of one history given ln Γ(r+x),
// ln A₀ and ln(α+T), ln(β+T):
//
//	ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β
//	       + ln[ 1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) × A₀ ]
//
// without the terms −ln Γ(r) + r ln α + s ln β common to all rows.
func (m ParetoNBD) paretoRowLL(x int, lg, la, laT, lbT float64) float64 {
	fx := float64(x)
	u := -(m.R+fx)*laT - m.S*lbT
	v := math.Log(m.S) - math.Log(m.R+m.S+fx) + la
	return lg + logAddExp(u, v)
}

// maxTermCache bounds the table of A₀'s second term (one per distinct age)
// that a likelihood keeps per frequency; above it the term is computed per
// row.
const maxTermCache = 1 << 14

// paretoLL returns the log-likelihood of the histories, NaN when a row
// cannot be evaluated. The two terms of A₀ need a 2F1 each; the first is
// computed once per (x, t_x) and the second once per (x, T), so at day
// resolution a likelihood costs far fewer 2F1 than rows.
func paretoLL(h *histories, m ParetoNBD) float64 {
	lgr, _ := math.Lgamma(m.R)
	common := -lgr + m.R*math.Log(m.Alpha) + m.S*math.Log(m.Beta)
	laT, lbT := logShifted(m.Alpha, h.ts), logShifted(m.Beta, h.ts)
	rows := h.rows
	useCache := len(h.ts) <= maxTermCache
	return sumRows(len(rows), func(lo, hi int) float64 {
		// cache[i] holds the second term at ts[i] for the current x when
		// gen[i] is the current generation, so moving to the next x costs
		// nothing.
		var cache []float64
		var gen []int32
		if useCache {
			cache = make([]float64, len(h.ts))
			gen = make([]int32, len(h.ts))
		}
		generation := int32(0)
		total := 0.0
		lastX, lastTx := -1, int32(-1)
		var l1, lg float64
		for _, r := range rows[lo:hi] {
			if r.x != lastX {
				lastX, lastTx = r.x, -1
				lg, _ = math.Lgamma(m.R + float64(r.x))
				generation++
			}
			var err error
			if r.itx != lastTx {
				lastTx = r.itx
				if l1, err = m.a0Term(r.x, r.tx); err != nil {
					return math.NaN()
				}
			}
			var l2 float64
			if useCache && gen[r.it] == generation {
				l2 = cache[r.it]
			} else {
				if l2, err = m.a0Term(r.x, r.t); err != nil {
					return math.NaN()
				}
				if useCache {
					cache[r.it], gen[r.it] = l2, generation
				}
			}
			total += r.w * m.paretoRowLL(r.x, lg, logSubExp(l1, l2), laT[r.it], lbT[r.it])
		}
		return total + common*sumWeights(rows[lo:hi])
	})
}

// FitParetoNBD fits the Pareto/NBD model to customers' histories by maximum
// likelihood. The likelihood of one history is that of Schmittlein,
// Morrison & Colombo (1987), Management Science 33(1), in the form of Fader
// & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
// Expressions":
//
//	L(r, α, s, β | x, t_x, T) = Γ(r+x) α^r β^s / Γ(r)
//	    × [ 1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) × A₀ ]
//
// with A₀ a difference of two Gauss hypergeometric functions (see the note;
// the branch α ≥ β or α < β keeps their argument in [0, 1)). It works in
// log form, collapses identical (x, t_x, T) into weighted rows and rescales
// the times and warms up on a sample of large data as [FitBGNBD] does (α
// and β are multiplied back); the standard errors are computed the same
// way.
//
// FitParetoNBD returns an error as [FitBGNBD] does.
func FitParetoNBD(customers []RFM, opts FitOptions) (ParetoNBDFit, error) {
	m, info, err := fitRFMModel("clv.FitParetoNBD", customers, opts, []int{1, 3},
		func(p [4]float64) ParetoNBD { return ParetoNBD{p[0], p[1], p[2], p[3]} }, paretoLL)
	if err != nil {
		return ParetoNBDFit{}, err
	}
	return ParetoNBDFit{ParetoNBD: m, FitInfo: info}, nil
}

// LogLikelihoodOf returns the log-likelihood of the customers' histories
// under the model (the sum over customers of the formula in
// [FitParetoNBD]).
//
// LogLikelihoodOf returns an error if a parameter is not positive and
// finite (metrics.ErrOutOfRange), for the customers as [FitParetoNBD] does,
// or if the likelihood cannot be evaluated at these parameters
// (metrics.ErrUndefined).
func (m ParetoNBD) LogLikelihoodOf(customers []RFM) (float64, error) {
	const metric = "clv.ParetoNBD.LogLikelihoodOf"
	if err := m.check(metric); err != nil {
		return 0, err
	}
	rows, err := collapse(metric, customers)
	if err != nil {
		return 0, err
	}
	ll := paretoLL(rows, m)
	if math.IsNaN(ll) || math.IsInf(ll, 0) {
		return 0, undefined(metric, "ParetoNBD", "gives a log-likelihood that is not finite")
	}
	return ll, nil
}

// ProbabilityAlive returns the probability that a customer with history c
// is still active at the end of it (Fader & Hardie 2005, note):
//
//	P(alive | x, t_x, T) = 1 / [1 + s/(r+s+x) × (α+T)^(r+x) (β+T)^s × A₀]
//
// with A₀ as in [FitParetoNBD]; it is 1 when T = t_x.
//
// ProbabilityAlive returns an error if a parameter is not positive and
// finite (metrics.ErrOutOfRange), c is not a valid history (see
// [FitBGNBD]), or the hypergeometric function cannot be evaluated
// (metrics.ErrUndefined).
func (m ParetoNBD) ProbabilityAlive(c RFM) (float64, error) {
	const metric = "clv.ParetoNBD.ProbabilityAlive"
	if err := check.First(m.check(metric), checkRFM(metric, "", -1, c)); err != nil {
		return 0, err
	}
	return m.alive(metric, c)
}

func (m ParetoNBD) alive(metric string, c RFM) (float64, error) {
	la, err := m.logA0(c.Frequency, c.Recency, c.Age)
	if err != nil {
		return 0, undefined(metric, "ParetoNBD", "cannot be evaluated at these parameters")
	}
	fx := float64(c.Frequency)
	l := math.Log(m.S) - math.Log(m.R+m.S+fx) + (m.R+fx)*math.Log(m.Alpha+c.Age) + m.S*math.Log(m.Beta+c.Age) + la
	return 1 / (1 + math.Exp(l)), nil
}

// expm1Ratio returns (1 − e^(εl))/ε, and its limit −l at ε = 0, without
// cancellation.
func expm1Ratio(eps, l float64) float64 {
	if eps == 0 {
		return -l
	}
	return -math.Expm1(eps*l) / eps
}

// ExpectedPurchases returns E[X(t)], the expected number of purchases in
// (0, t] of a customer who made a first purchase at time 0 (Schmittlein,
// Morrison & Colombo 1987):
//
//	E[X(t)] = r β / (α (s−1)) × [1 − (β/(β+t))^(s−1)]
//
// and its limit r β / α × ln((β+t)/β) at s = 1, computed without
// cancellation near s = 1. t is in the model's time unit.
//
// ExpectedPurchases returns an error if a parameter is not positive and
// finite (metrics.ErrOutOfRange) or t is negative or not finite
// (metrics.ErrNegative, metrics.ErrInvalid).
func (m ParetoNBD) ExpectedPurchases(t float64) (float64, error) {
	const metric = "clv.ParetoNBD.ExpectedPurchases"
	if err := check.First(m.check(metric), checkHorizon(metric, t)); err != nil {
		return 0, err
	}
	v := m.R * m.Beta / m.Alpha * expm1Ratio(m.S-1, -math.Log1p(t/m.Beta))
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, undefined(metric, "ParetoNBD", "cannot be evaluated at these parameters")
	}
	return v, nil
}

// ConditionalExpectedPurchases returns E[Y(t) | x, t_x, T], the expected
// number of purchases in the next t after the end of the customer's history
// c (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005, note):
// eq. 21):
//
//	E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) × [1 − ((β+T)/(β+T+t))^(s−1)]
//	                      × P(alive | x, t_x, T)
//
// with the limit at s = 1 as in [ParetoNBD.ExpectedPurchases].
//
// ConditionalExpectedPurchases returns an error as
// [ParetoNBD.ProbabilityAlive] does, or if t is negative or not finite
// (metrics.ErrNegative, metrics.ErrInvalid).
func (m ParetoNBD) ConditionalExpectedPurchases(c RFM, t float64) (float64, error) {
	const metric = "clv.ParetoNBD.ConditionalExpectedPurchases"
	if err := check.First(m.check(metric), checkRFM(metric, "", -1, c), checkHorizon(metric, t)); err != nil {
		return 0, err
	}
	p, err := m.alive(metric, c)
	if err != nil {
		return 0, err
	}
	return m.conditional(metric, c, p, t)
}

func (m ParetoNBD) conditional(metric string, c RFM, alive, t float64) (float64, error) {
	fx := float64(c.Frequency)
	v := (m.R + fx) * (m.Beta + c.Age) / (m.Alpha + c.Age) *
		expm1Ratio(m.S-1, -math.Log1p(t/(m.Beta+c.Age))) * alive
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, undefined(metric, "ParetoNBD", "cannot be evaluated at these parameters")
	}
	return v, nil
}

// LifetimeValue returns the expected discounted value of the customer with
// history c over the horizon of v, counting each period's expected
// purchases at the end of the period:
//
//	value = Σ_{k=1..H} m × (E[Y(k·L) | x, t_x, T] − E[Y((k−1)·L) | x, t_x, T]) / (1 + d)^k
//
// with E[Y(t) | x, t_x, T] from [ParetoNBD.ConditionalExpectedPurchases] and
// m, d, H, L from v as in [BGNBD.LifetimeValue]. For a new customer pass the
// zero RFM.
//
// LifetimeValue returns an error as [ParetoNBD.ConditionalExpectedPurchases]
// and [BGNBD.LifetimeValue] do.
func (m ParetoNBD) LifetimeValue(c RFM, v Valuation) (float64, error) {
	const metric = "clv.ParetoNBD.LifetimeValue"
	if err := check.First(m.check(metric), checkRFM(metric, "", -1, c)); err != nil {
		return 0, err
	}
	p, err := m.alive(metric, c)
	if err != nil {
		return 0, err
	}
	return lifetimeValue(metric, "ParetoNBD", v, func(t float64) (float64, error) {
		return m.conditional(metric, c, p, t)
	})
}

// ProbabilityOfPurchases returns P(X(t) = n), the probability that a
// customer who made a first purchase at time 0 makes n purchases in (0, t]
// (Fader, Hardie & Lee 2005, "A Note on Deriving the Pareto/NBD Model and
// Related Expressions", the distribution of transactions):
//
//	P(X(t) = n) = Γ(r+n)/(Γ(r) n!) × (α/(α+t))^r (t/(α+t))^n (β/(β+t))^s
//	            + α^r β^s B(r+n, s+1)/B(r, s)
//	              × [ B₁ − Σ_{i=0..n} Γ(r+s+i)/(Γ(r+s) i!) tⁱ B₂(i) ]
//
// The first term is a customer still active at t, the second one who died
// at some τ in (0, t] after n purchases. For α ≥ β
//
//	B₁   = 2F1(r+s,   s+1; r+s+n+1; (α−β)/α)     / α^(r+s)
//	B₂(i) = 2F1(r+s+i, s+1; r+s+n+1; (α−β)/(α+t)) / (α+t)^(r+s+i)
//
// and for α < β the same with α and β swapped and s+1 replaced by r+n (as
// in A₀ of [FitParetoNBD]). B₁ is the integral over all death times and the
// sum its part after t, so the bracket, computed in log form, is a
// difference of two positive numbers: the result has an absolute error of
// about 1e-16 (a few roundings of B₁), so a probability far below that (n ≥
// 1 at a horizon t much shorter than 1/λ) carries no correct digits. Where
// a 2F1 argument exceeds 0.9 with an integer c−a−b (α > 10β with an
// integer s, or β > 10α with an integer r) the 2F1 has a relative error
// of about 1e-9, and so has the second term. It costs n+2 evaluations of
// 2F1.
//
// ProbabilityOfPurchases returns an error if a parameter is not positive
// and finite (metrics.ErrOutOfRange), n is negative (metrics.ErrNegative),
// t is negative or not finite (metrics.ErrNegative, metrics.ErrInvalid), or
// the hypergeometric function cannot be evaluated (metrics.ErrUndefined).
func (m ParetoNBD) ProbabilityOfPurchases(n int, t float64) (float64, error) {
	const metric = "clv.ParetoNBD.ProbabilityOfPurchases"
	if err := check.First(m.check(metric), check.Count(metric, "n", n), checkHorizon(metric, t)); err != nil {
		return 0, err
	}
	if t == 0 {
		if n == 0 {
			return 1, nil
		}
		return 0, nil
	}
	p, err := m.pmf(n, t)
	if err != nil || math.IsNaN(p) || math.IsInf(p, 0) {
		return 0, undefined(metric, "ParetoNBD", "cannot be evaluated at these parameters")
	}
	return min(max(p, 0), 1), nil
}

// pmf is ProbabilityOfPurchases for t > 0 without the checks.
func (m ParetoNBD) pmf(n int, t float64) (float64, error) {
	r, s, fn := m.R, m.S, float64(n)
	lgrn, _ := math.Lgamma(r + fn)
	lgr, _ := math.Lgamma(r)
	lgn, _ := math.Lgamma(fn + 1)
	lt := math.Log(t)
	// Alive at t: a negative binomial count times the survival (β/(β+t))^s.
	alive := lgrn - lgr - lgn - r*math.Log1p(t/m.Alpha) + fn*(lt-math.Log(m.Alpha+t)) - s*math.Log1p(t/m.Beta)
	// α^r β^s B(r+n, s+1)/B(r, s) = Γ(r+n)/(Γ(r) n!) × s α^r β^s B(n+1, r+s).
	lc := lgrn - lgr - lgn + math.Log(s) + mathext.Lbeta(fn+1, r+s) + r*math.Log(m.Alpha) + s*math.Log(m.Beta)
	hi, lo, b := m.Alpha, m.Beta, s+1
	if m.Alpha < m.Beta {
		hi, lo, b = m.Beta, m.Alpha, r+fn
	}
	rs := r + s
	c := rs + fn + 1
	term := func(a, z, shift float64) (float64, error) {
		f, sc, err := hyp2f1(a, b, c, z)
		if err != nil || !(f > 0) {
			return 0, errHyp2f1
		}
		return math.Log(f) + sc - a*math.Log(shift), nil
	}
	lb1, err := term(rs, (hi-lo)/hi, hi)
	if err != nil {
		return 0, err
	}
	lgrs, _ := math.Lgamma(rs)
	z2 := (hi - lo) / (hi + t)
	tail := math.Inf(-1)
	for i := 0; i <= n; i++ {
		fi := float64(i)
		l2, err := term(rs+fi, z2, hi+t)
		if err != nil {
			return 0, err
		}
		lg, _ := math.Lgamma(rs + fi)
		li, _ := math.Lgamma(fi + 1)
		k := lg - lgrs - li + l2
		if i > 0 {
			k += fi * lt
		}
		tail = logAddExp(tail, k)
	}
	return math.Exp(alive) + math.Exp(lc+logSubExp(lb1, tail)), nil
}
