package clv

import (
	"math"
	"strconv"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
	"gonum.org/v1/gonum/mathext"
)

// SBG holds the parameters of the shifted-beta-geometric model of
// contractual retention of Fader & Hardie, "How to Project Customer
// Retention", Journal of Interactive Marketing 21(1), 2007.
//
// Customers renew a contract at the end of each period (a month, a year)
// until they cancel. Each customer cancels at each renewal with a
// probability θ of their own, constant over time; across customers θ is
// beta distributed with parameters Alpha and Beta. Heterogeneity alone
// makes the cohort's retention rate rise over time: the customers likely to
// cancel leave first. Periods are numbered from 0, the period in which the
// cohort is acquired, and t counts the renewals: the survival S(t) is the
// share of the cohort still active at the start of period t.
type SBG struct {
	Alpha, Beta float64
}

// SBGFit is a fitted sBG model: the parameters and how the fit went. Its
// standard errors are in the order Alpha, Beta.
type SBGFit struct {
	SBG
	FitInfo
}

// MaxProjectionPeriods is the most periods [SBG.ProjectSurvivors] projects:
// 100,000, which bounds its allocation.
const MaxProjectionPeriods = 100000

// checkSurvivors validates a cohort's survivors per period.
func checkSurvivors(metric string, survivors []int) error {
	if len(survivors) == 0 {
		return check.Err(metric, "survivors", nil, metrics.ErrUndefined, "is empty")
	}
	for i, n := range survivors {
		if n < 0 {
			return check.ErrAt(metric, "survivors", i, n, metrics.ErrNegative, "is negative")
		}
		if i > 0 && n > survivors[i-1] {
			return check.ErrAt(metric, "survivors", i, n, metrics.ErrInconsistent,
				"exceeds the survivors of the period before, "+strconv.Itoa(survivors[i-1]))
		}
	}
	if survivors[0] == 0 {
		return check.ErrAt(metric, "survivors", 0, 0, metrics.ErrUndefined, "is zero: the cohort is empty")
	}
	if len(survivors) < 2 {
		return check.Err(metric, "survivors", nil, metrics.ErrUndefined, "has one period only: no renewal to learn from")
	}
	return nil
}

// sbgLL returns the log-likelihood of a cohort's survivors n_0..n_k:
//
//	ln L = Σ_{t=1..k} (n_{t−1} − n_t) ln P(T = t) + n_k ln S(k)
func sbgLL(survivors []int, a, b float64) float64 {
	lb := mathext.Lbeta(a, b)
	ll := 0.0
	for t := 1; t < len(survivors); t++ {
		if lost := survivors[t-1] - survivors[t]; lost > 0 {
			ll += float64(lost) * (mathext.Lbeta(a+1, b+float64(t)-1) - lb)
		}
	}
	k := len(survivors) - 1
	if survivors[k] > 0 {
		ll += float64(survivors[k]) * (mathext.Lbeta(a, b+float64(k)) - lb)
	}
	return ll
}

// FitSBG fits the sBG model to one cohort's survivors by maximum
// likelihood: survivors[t] is the number of the cohort's customers still
// active at the start of period t (survivors[0] the cohort's size). Of the
// n_{t−1} − n_t customers lost at renewal t each contributes P(T = t), and
// each of the n_k still active after the last renewal S(k) (Fader & Hardie,
// "How to Project Customer Retention", Journal of Interactive Marketing
// 21(1), 2007):
//
//	ln L = Σ_{t=1..k} (n_{t−1} − n_t) ln P(T = t) + n_k ln S(k)
//	P(T = t) = B(α+1, β+t−1) / B(α, β)
//	S(t)     = B(α, β+t) / B(α, β)
//
// computed with log-beta. The optimiser runs on ln α and ln β from α = β =
// 1; the standard errors come from the Hessian there (see [FitInfo]).
//
// FitSBG returns an error if:
//   - survivors is empty (metrics.ErrUndefined)
//   - a count is negative (metrics.ErrNegative)
//   - a count exceeds the one before (metrics.ErrInconsistent)
//   - survivors[0] is zero, or there is only one period (metrics.ErrUndefined)
//   - opts.Penalty is negative or not finite, or opts.MaxIterations negative
//     (metrics.ErrNegative, metrics.ErrInvalid)
//   - the fit does not converge: a *[ConvergenceError]
//     (metrics.ErrNotConverged), for example when no customer ever leaves
//     or all leave at the first renewal
func FitSBG(survivors []int, opts FitOptions) (SBGFit, error) {
	const metric = "clv.FitSBG"
	if err := check.First(checkOptions(metric, opts), checkSurvivors(metric, survivors)); err != nil {
		return SBGFit{}, err
	}
	nll := func(th []float64) float64 { return -sbgLL(survivors, math.Exp(th[0]), math.Exp(th[1])) }
	th, info, err := maximize(metric, nll, []float64{0, 0}, opts)
	if err != nil {
		return SBGFit{}, err
	}
	return SBGFit{SBG: SBG{Alpha: math.Exp(th[0]), Beta: math.Exp(th[1])}, FitInfo: info}, nil
}

// check validates the parameters.
func (m SBG) check(metric string) error {
	if !(m.Alpha > 0) || math.IsInf(m.Alpha, 1) {
		return check.Err(metric, "Alpha", m.Alpha, metrics.ErrOutOfRange, "is not positive and finite")
	}
	if !(m.Beta > 0) || math.IsInf(m.Beta, 1) {
		return check.Err(metric, "Beta", m.Beta, metrics.ErrOutOfRange, "is not positive and finite")
	}
	return nil
}

// LogLikelihoodOf returns the log-likelihood of a cohort's survivors under
// the model, the formula of [FitSBG].
//
// LogLikelihoodOf returns an error if:
//   - Alpha or Beta is not positive and finite (metrics.ErrOutOfRange)
//   - the survivors are not valid, as [FitSBG] reports
//   - the log-likelihood is not finite, at extreme parameters
//     (metrics.ErrUndefined)
func (m SBG) LogLikelihoodOf(survivors []int) (float64, error) {
	const metric = "clv.SBG.LogLikelihoodOf"
	if err := check.First(m.check(metric), checkSurvivors(metric, survivors)); err != nil {
		return 0, err
	}
	ll := sbgLL(survivors, m.Alpha, m.Beta)
	if math.IsNaN(ll) || math.IsInf(ll, 0) {
		return 0, check.Err(metric, "SBG", nil, metrics.ErrUndefined, "gives a log-likelihood that is not finite")
	}
	return ll, nil
}

// checkPeriod validates a period number t ≥ lo.
func checkPeriod(metric string, t, lo int) error {
	if t < lo {
		return check.Err(metric, "t", t, metrics.ErrOutOfRange, "is below "+strconv.Itoa(lo))
	}
	return nil
}

// Survival returns S(t), the probability that a customer acquired in
// period 0 is still active at the start of period t, having renewed t
// times (Fader & Hardie, "How to Project Customer Retention", Journal of
// Interactive Marketing 21(1), 2007):
//
//	S(t) = B(α, β+t) / B(α, β),   S(0) = 1
//
// It is the expected share of a cohort still active, within 0..1 and
// non-increasing in t.
//
// Survival returns an error if:
//   - Alpha or Beta is not positive and finite (metrics.ErrOutOfRange)
//   - t is negative (metrics.ErrOutOfRange)
func (m SBG) Survival(t int) (float64, error) {
	const metric = "clv.SBG.Survival"
	if err := check.First(m.check(metric), checkPeriod(metric, t, 0)); err != nil {
		return 0, err
	}
	return m.survival(t), nil
}

// survival is S(t) for valid parameters and t ≥ 0.
func (m SBG) survival(t int) float64 {
	if t == 0 {
		return 1
	}
	s := math.Exp(mathext.Lbeta(m.Alpha, m.Beta+float64(t)) - mathext.Lbeta(m.Alpha, m.Beta))
	return min(max(s, 0), 1)
}

// Retention returns r(t), the probability that a customer active in period
// t−1 renews into period t (Fader & Hardie, "How to Project Customer
// Retention", Journal of Interactive Marketing 21(1), 2007):
//
//	r(t) = S(t) / S(t−1) = (β + t − 1) / (α + β + t − 1),   t ≥ 1
//
// It lies within 0..1 and rises with t towards 1.
//
// Retention returns an error if:
//   - Alpha or Beta is not positive and finite (metrics.ErrOutOfRange)
//   - t is below 1 (metrics.ErrOutOfRange)
func (m SBG) Retention(t int) (float64, error) {
	const metric = "clv.SBG.Retention"
	if err := check.First(m.check(metric), checkPeriod(metric, t, 1)); err != nil {
		return 0, err
	}
	b := m.Beta + float64(t) - 1
	return b / (m.Alpha + b), nil
}

// ChurnProbability returns P(T = t), the probability that a customer
// acquired in period 0 cancels at renewal t, so that period t−1 is their
// last (Fader & Hardie, "How to Project Customer Retention", Journal of
// Interactive Marketing 21(1), 2007):
//
//	P(T = t) = B(α+1, β+t−1) / B(α, β) = S(t−1) − S(t),   t ≥ 1
//
// ChurnProbability returns an error if:
//   - Alpha or Beta is not positive and finite (metrics.ErrOutOfRange)
//   - t is below 1 (metrics.ErrOutOfRange)
func (m SBG) ChurnProbability(t int) (float64, error) {
	const metric = "clv.SBG.ChurnProbability"
	if err := check.First(m.check(metric), checkPeriod(metric, t, 1)); err != nil {
		return 0, err
	}
	p := math.Exp(mathext.Lbeta(m.Alpha+1, m.Beta+float64(t)-1) - mathext.Lbeta(m.Alpha, m.Beta))
	return min(max(p, 0), 1), nil
}

// ProjectSurvivors returns the expected number of a cohort's customers
// still active at the start of periods 0..periods, for a cohort of size
// cohort acquired in period 0 (Fader & Hardie, "How to Project Customer
// Retention", Journal of Interactive Marketing 21(1), 2007):
//
//	E[survivors(t)] = cohort × S(t),   t = 0..periods
//
// The result has periods+1 elements, the first equal to cohort.
//
// ProjectSurvivors returns an error if:
//   - Alpha or Beta is not positive and finite (metrics.ErrOutOfRange)
//   - cohort is negative (metrics.ErrNegative)
//   - periods is negative or above MaxProjectionPeriods (metrics.ErrOutOfRange)
func (m SBG) ProjectSurvivors(cohort, periods int) ([]float64, error) {
	const metric = "clv.SBG.ProjectSurvivors"
	if err := check.First(m.check(metric), check.Count(metric, "cohort", cohort)); err != nil {
		return nil, err
	}
	if periods < 0 || periods > MaxProjectionPeriods {
		return nil, check.Err(metric, "periods", periods, metrics.ErrOutOfRange, "is outside 0..MaxProjectionPeriods")
	}
	out := make([]float64, periods+1)
	s := 1.0
	for t := range out {
		if t > 0 {
			// S(t) = S(t−1) r(t); the product keeps S non-increasing exactly.
			b := m.Beta + float64(t) - 1
			s *= b / (m.Alpha + b)
		}
		out[t] = float64(cohort) * s
	}
	return out, nil
}

// minDERLDiscount is the smallest discount rate per period [SBG.DERL]
// accepts: 0.01%. The series DERL sums needs about 35/d terms at a rate d
// (350,000 at the minimum), which bounds its time.
var minDERLDiscount = metrics.MustParsePercent("0.01")

// derlTolerance is the relative truncation error of the DERL series.
const derlTolerance = 1e-14

// DERL returns the discounted expected residual lifetime of a customer who
// has renewed n times (made n+1 payments, in periods 0..n), valued at the
// end of period n, just before the next renewal: the expected number of
// the customer's future payments, each discounted by (1+d) per period from
// the next one, which is not discounted (Fader & Hardie, "Customer-Base
// Valuation in a Contractual Setting: The Perils of Ignoring
// Heterogeneity", Marketing Science 29(1), 2010):
//
//	DERL(d | α, β, n) = Σ_{t>n} S(t)/S(n) / (1+d)^(t−n−1)
//	                  = (β+n)/(α+β+n) · 2F1(1, β+n+1; α+β+n+1; 1/(1+d))
//
// Multiplied by the payment per period it is the customer's expected
// residual lifetime value. It grows with n: the longer a customer has
// stayed, the likelier the next renewals.
//
// DERL sums the hypergeometric series itself, term by term,
//
//	u_0 = (β+n)/(α+β+n),   u_{k+1} = u_k · (β+n+k+1)/(α+β+n+k+1) / (1+d)
//
// and stops when the bound u_k/d on the rest of the sum (every ratio is
// below 1/(1+d)) falls below 1e-14 of the sum: the result is within a
// relative 1e-14 of the series' value plus the rounding of the additions
// (below 1e-10 relative at the smallest discount). It does not use a 2F1
// routine because those (the package's, and gonum's under it) fail or
// stall for large α+β+n, the nearly homogeneous cohorts.
//
// DERL returns an error if:
//   - Alpha or Beta is not positive and finite (metrics.ErrOutOfRange)
//   - renewals is negative (metrics.ErrNegative)
//   - discount is below 0.01% per period (metrics.ErrOutOfRange): the
//     series would need more than about 350,000 terms
func (m SBG) DERL(renewals int, discount metrics.Percent) (float64, error) {
	const metric = "clv.SBG.DERL"
	if err := check.First(m.check(metric), check.Count(metric, "renewals", renewals)); err != nil {
		return 0, err
	}
	if discount.Cmp(minDERLDiscount) < 0 {
		return 0, check.Err(metric, "discount", discount, metrics.ErrOutOfRange, "is below 0.01% per period")
	}
	d := discount.Fraction().InexactFloat64()
	if math.IsInf(d, 1) {
		return 0, check.Err(metric, "discount", discount, metrics.ErrOutOfRange, "is too large")
	}
	return sbgDERL(m.Alpha, m.Beta, renewals, d), nil
}

// sbgDERL sums the DERL series (see [SBG.DERL]) for valid arguments.
func sbgDERL(alpha, beta float64, renewals int, d float64) float64 {
	z := 1 / (1 + d)
	b := beta + float64(renewals)
	c := alpha + b
	u := b / c
	sum := u
	for k := 1.0; u > 0 && u > derlTolerance*d*sum; k++ {
		u *= z * (b + k) / (c + k)
		sum += u
	}
	return sum
}
