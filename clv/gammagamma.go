package clv

import (
	"cmp"
	"math"
	"slices"

	"github.com/kpikit/kpikit/internal/check"
	"github.com/kpikit/kpikit/metrics"
)

// GammaGamma holds the parameters of the Gamma-Gamma model of spend per
// transaction of Fader, Hardie & Lee, "RFM and CLV: Using Iso-Value Curves
// for Customer Base Analysis", Journal of Marketing Research 42(4), 2005,
// set out in Fader & Hardie, "The Gamma-Gamma Model of Monetary Value"
// (note, 2013).
//
// The value of each of a customer's transactions is gamma distributed with
// shape P and a rate ν of the customer's own; across customers ν is gamma
// distributed with shape Q and rate V. So a customer's mean transaction
// value is P/ν, and the population's mean is P·V/(Q−1) when Q > 1. P and Q
// have no unit; V is in the money unit of the values (dollars, say).
//
// The model assumes that a customer's spend does not depend on how often
// the customer buys: check that Frequency and MeanValue are only weakly
// correlated among the repeat buyers before combining it with BG/NBD or
// Pareto/NBD.
type GammaGamma struct {
	P, Q, V float64
}

// GammaGammaFit is a fitted Gamma-Gamma model: the parameters and how the
// fit went. Its standard errors are in the order P, Q, V.
type GammaGammaFit struct {
	GammaGamma
	FitInfo
}

// ggRow is a set of repeat buyers with the same (x, z̄), counted by w.
type ggRow struct {
	x    int
	zbar float64
	w    float64
}

// checkSpend validates the spend part of one customer's RFM: field is the
// prefix of the field names ("Customers." in a slice, "" for a lone
// customer) and index its position, −1 for a lone customer.
func checkSpend(metric, field string, index int, c RFM) error {
	mk := func(name string, v any, sentinel error, detail string) error {
		if index < 0 {
			return check.Err(metric, name, v, sentinel, detail)
		}
		return check.ErrAt(metric, field+name, index, v, sentinel, detail)
	}
	switch {
	case c.Frequency < 0:
		return mk("Frequency", c.Frequency, metrics.ErrNegative, "is negative")
	case math.IsNaN(c.MeanValue) || math.IsInf(c.MeanValue, 0):
		return mk("MeanValue", c.MeanValue, metrics.ErrInvalid, "is not finite")
	case c.MeanValue < 0:
		return mk("MeanValue", c.MeanValue, metrics.ErrNegative, "is negative")
	case c.Frequency == 0 && c.MeanValue != 0:
		return mk("MeanValue", c.MeanValue, metrics.ErrInconsistent, "is not 0 with Frequency 0")
	}
	return nil
}

// ggCollapse checks the customers and returns the repeat buyers as weighted
// rows sorted by (x, z̄), and their weighted mean z̄.
func ggCollapse(metric string, customers []RFM) ([]ggRow, float64, error) {
	type key struct {
		x    int
		zbar float64
	}
	counts := make(map[key]int)
	for i, c := range customers {
		if err := checkSpend(metric, "Customers.", i, c); err != nil {
			return nil, 0, err
		}
		if c.Frequency == 0 {
			continue
		}
		if c.MeanValue == 0 {
			return nil, 0, check.ErrAt(metric, "Customers.MeanValue", i, c.MeanValue, metrics.ErrOutOfRange,
				"is 0 with Frequency > 0: the model needs positive values")
		}
		counts[key{c.Frequency, c.MeanValue}]++
	}
	if len(counts) == 0 {
		return nil, 0, check.Err(metric, "Customers", nil, metrics.ErrUndefined, "has no customer with Frequency > 0")
	}
	rows := make([]ggRow, 0, len(counts))
	for k, n := range counts {
		rows = append(rows, ggRow{x: k.x, zbar: k.zbar, w: float64(n)})
	}
	slices.SortFunc(rows, func(a, b ggRow) int {
		return cmp.Or(cmp.Compare(a.x, b.x), cmp.Compare(a.zbar, b.zbar))
	})
	sum, n := 0.0, 0.0
	for _, r := range rows {
		sum += r.w * r.zbar
		n += r.w
	}
	return rows, sum / n, nil
}

// ggLL returns the log-likelihood of the weighted rows:
//
//	ln L = Σ w [ ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln z̄ + px ln x − (px+q) ln(v + x z̄) ]
func ggLL(rows []ggRow, p, q, v float64) float64 {
	lgq, _ := math.Lgamma(q)
	lv := math.Log(v)
	ll := 0.0
	for _, r := range rows {
		px := p * float64(r.x)
		a, _ := math.Lgamma(px + q)
		b, _ := math.Lgamma(px)
		ll += r.w * (a - b - lgq + q*lv + (px-1)*math.Log(r.zbar) + px*math.Log(float64(r.x)) -
			(px+q)*math.Log(v+float64(r.x)*r.zbar))
	}
	return ll
}

// FitGammaGamma fits the Gamma-Gamma model to the repeat buyers among the
// customers (Frequency > 0; the others are skipped) by maximum likelihood.
// A customer with x repeat purchases of mean value z̄ contributes (Fader &
// Hardie, "The Gamma-Gamma Model of Monetary Value", 2013; Fader,
// Hardie & Lee, "RFM and CLV: Using Iso-Value Curves for Customer Base
// Analysis", Journal of Marketing Research 42(4), 2005):
//
//	ln L = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln z̄ + px ln x − (px+q) ln(v + x z̄)
//
// It works in log form with log-gamma, collapses customers with the same
// (x, z̄) into one weighted row, and divides the values by their mean before
// the fit (V is multiplied back, so the result is in the values' unit). The
// optimiser runs on the logarithms of the parameters, starting from
// P = Q = V = 1 on the rescaled values; the standard errors come from the
// Hessian there (see [FitInfo]).
//
// FitGammaGamma returns an error if:
//   - no customer has Frequency > 0 (metrics.ErrUndefined)
//   - a Frequency or MeanValue is negative (metrics.ErrNegative)
//   - a MeanValue is NaN or infinite (metrics.ErrInvalid)
//   - a MeanValue is not 0 with Frequency 0 (metrics.ErrInconsistent), or is
//     0 with Frequency > 0 (metrics.ErrOutOfRange)
//   - opts.Penalty is negative or not finite, or opts.MaxIterations negative
//     (metrics.ErrNegative, metrics.ErrInvalid)
//   - the fit does not converge: a *[ConvergenceError]
//     (metrics.ErrNotConverged), for example when every repeat buyer spends
//     the same, so that P and Q run off together
func FitGammaGamma(customers []RFM, opts FitOptions) (GammaGammaFit, error) {
	const metric = "clv.FitGammaGamma"
	if err := checkOptions(metric, opts); err != nil {
		return GammaGammaFit{}, err
	}
	rows, mean, err := ggCollapse(metric, customers)
	if err != nil {
		return GammaGammaFit{}, err
	}
	scaled := make([]ggRow, len(rows))
	for i, r := range rows {
		scaled[i] = ggRow{x: r.x, zbar: r.zbar / mean, w: r.w}
	}
	nll := func(th []float64) float64 {
		return -ggLL(scaled, math.Exp(th[0]), math.Exp(th[1]), math.Exp(th[2]))
	}
	th, info, err := maximize(metric, nll, []float64{0, 0, 0}, opts)
	if err != nil {
		if ce, ok := err.(*ConvergenceError); ok && len(ce.Params) == 3 {
			ce.Params[2] *= mean
		}
		return GammaGammaFit{}, err
	}
	m := GammaGamma{P: math.Exp(th[0]), Q: math.Exp(th[1]), V: math.Exp(th[2]) * mean}
	info.StdErrors[2] *= mean
	// Finite: the scaled log-likelihood is, and rescaling subtracts Σ w ln(mean).
	info.LogLikelihood = ggLL(rows, m.P, m.Q, m.V)
	return GammaGammaFit{GammaGamma: m, FitInfo: info}, nil
}

// check validates the parameters.
func (m GammaGamma) check(metric string) error {
	for _, p := range [...]struct {
		name string
		v    float64
	}{{"P", m.P}, {"Q", m.Q}, {"V", m.V}} {
		if !(p.v > 0) || math.IsInf(p.v, 1) {
			return check.Err(metric, p.name, p.v, metrics.ErrOutOfRange, "is not positive and finite")
		}
	}
	return nil
}

// LogLikelihoodOf returns the log-likelihood of the repeat buyers among the
// customers under the model: the sum over customers with Frequency > 0 of
// the formula in [FitGammaGamma].
//
// LogLikelihoodOf returns an error if:
//   - P, Q or V is not positive and finite (metrics.ErrOutOfRange)
//   - the customers are not valid, as [FitGammaGamma] reports
//   - the log-likelihood is not finite, at extreme parameters
//     (metrics.ErrUndefined)
func (m GammaGamma) LogLikelihoodOf(customers []RFM) (float64, error) {
	const metric = "clv.GammaGamma.LogLikelihoodOf"
	if err := m.check(metric); err != nil {
		return 0, err
	}
	rows, _, err := ggCollapse(metric, customers)
	if err != nil {
		return 0, err
	}
	ll := ggLL(rows, m.P, m.Q, m.V)
	if math.IsNaN(ll) || math.IsInf(ll, 0) {
		return 0, check.Err(metric, "GammaGamma", nil, metrics.ErrUndefined, "gives a log-likelihood that is not finite")
	}
	return ll, nil
}

// MeanSpend returns the population's mean value per transaction, the
// expected spend of a customer of whom nothing is known (Fader, Hardie &
// Lee, "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
// Journal of Marketing Research 42(4), 2005):
//
//	E[Z] = P·V / (Q − 1)
//
// in the values' unit.
//
// MeanSpend returns an error if:
//   - P, Q or V is not positive and finite (metrics.ErrOutOfRange)
//   - Q ≤ 1: the mean is infinite (metrics.ErrUndefined)
//   - the result overflows, at extreme parameters (metrics.ErrUndefined)
func (m GammaGamma) MeanSpend() (float64, error) {
	const metric = "clv.GammaGamma.MeanSpend"
	if err := m.check(metric); err != nil {
		return 0, err
	}
	if m.Q <= 1 {
		return 0, check.Err(metric, "Q", m.Q, metrics.ErrUndefined, "is at most 1: the mean spend is infinite")
	}
	return finite(metric, "GammaGamma", m.P*m.V/(m.Q-1))
}

// finite returns v, or an ErrUndefined error naming the model when v is not
// finite (the parameters are too extreme to evaluate).
func finite(metric, model string, v float64) (float64, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, check.Err(metric, model, nil, metrics.ErrUndefined, "cannot be evaluated at these parameters")
	}
	return v, nil
}

// ExpectedSpend returns the expected value of a future transaction of a
// customer with c.Frequency = x repeat purchases of mean value
// c.MeanValue = z̄ (Fader, Hardie & Lee, "RFM and CLV: Using Iso-Value
// Curves for Customer Base Analysis", Journal of Marketing Research 42(4),
// 2005; Fader & Hardie, "The Gamma-Gamma Model of Monetary Value",
// 2013):
//
//	E[Z | x, z̄] = P (V + x z̄) / (P x + Q − 1)
//	            = (Q − 1)/(P x + Q − 1) · P V/(Q − 1) + P x/(P x + Q − 1) · z̄
//
// a weighted mean of the population's mean ([GammaGamma.MeanSpend]) and the
// customer's own, which weighs more as x grows. For x = 0 it is the
// population's mean. Recency and Age are not used.
//
// ExpectedSpend returns an error if:
//   - P, Q or V is not positive and finite (metrics.ErrOutOfRange)
//   - c.Frequency or c.MeanValue is negative (metrics.ErrNegative)
//   - c.MeanValue is NaN or infinite (metrics.ErrInvalid)
//   - c.MeanValue is not 0 with Frequency 0 (metrics.ErrInconsistent)
//   - P x + Q ≤ 1: the expectation is infinite (metrics.ErrUndefined)
//   - the result overflows, at extreme parameters (metrics.ErrUndefined)
func (m GammaGamma) ExpectedSpend(c RFM) (float64, error) {
	const metric = "clv.GammaGamma.ExpectedSpend"
	if err := check.First(m.check(metric), checkSpend(metric, "", -1, c)); err != nil {
		return 0, err
	}
	x := float64(c.Frequency)
	den := m.P*x + m.Q - 1
	if !(den > 0) {
		return 0, check.Err(metric, "Q", m.Q, metrics.ErrUndefined,
			"with P·Frequency gives P·x + Q ≤ 1: the expected spend is infinite")
	}
	return finite(metric, "GammaGamma", m.P*m.V/den+m.P*x/den*c.MeanValue)
}
