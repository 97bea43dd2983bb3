package clv

import (
	"math"
	"strconv"

	"github.com/kpikit/kpikit/metrics"
	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// DefaultMaxIterations is the iteration limit of a fit when
// [FitOptions.MaxIterations] is 0.
const DefaultMaxIterations = 500

// FitOptions controls a maximum-likelihood fit. The zero value is the default.
type FitOptions struct {
	// Penalty is the weight of an L2 penalty on the log-parameters: the fit
	// maximises
	//
	//	log-likelihood − Penalty × Σ (ln θ_i)²
	//
	// 0 means none. A small penalty (0.001 to 0.1) is the remedy when a fit
	// runs off to infinity ([ReasonDiverged]) on data that cannot identify
	// every parameter; it pulls the parameters towards 1, the rate
	// parameters (α, β) towards the time scale s of the fit (see
	// [FitBGNBD]: the penalty applies to the rescaled problem).
	Penalty float64
	// MaxIterations bounds the optimiser's iterations; 0 means
	// [DefaultMaxIterations].
	MaxIterations int
}

// FitInfo reports how a fit went; every model's fit result embeds it.
type FitInfo struct {
	// LogLikelihood is the log-likelihood at the optimum, without the
	// penalty, in the time unit of the data.
	LogLikelihood float64
	// StdErrors are the standard errors of the parameters on the natural
	// scale, in the model's parameter order, from the Hessian of the
	// log-likelihood at the optimum (see [FitBGNBD] for the method).
	StdErrors []float64
	// Iterations is the number of optimiser iterations.
	Iterations int
	// Converged is always true in a returned result: a fit that does not
	// converge returns a *[ConvergenceError] instead.
	Converged bool
}

// ConvergenceReason says why a fit did not converge.
type ConvergenceReason int

// The reasons a fit fails.
const (
	// ReasonDiverged: a parameter ran off towards zero or infinity (below
	// e^−18 ≈ 1.5e-8 or above e^18 ≈ 6.6e7 on the rescaled times): the
	// data cannot identify it. Add a [FitOptions.Penalty].
	ReasonDiverged ConvergenceReason = iota + 1
	// ReasonIterationLimit: the optimiser used its iterations without
	// converging. Raise [FitOptions.MaxIterations].
	ReasonIterationLimit
	// ReasonNonFinite: the log-likelihood was not finite (NaN or infinite) at
	// the start or at the end.
	ReasonNonFinite
	// ReasonFlat: the optimiser stopped where the log-likelihood is flat or
	// not a maximum (its Hessian is not negative definite), so the
	// parameters and their standard errors are not determined.
	ReasonFlat
)

var reasonNames = [...]string{
	ReasonDiverged:       "parameters diverged",
	ReasonIterationLimit: "iteration limit reached",
	ReasonNonFinite:      "non-finite likelihood",
	ReasonFlat:           "likelihood flat at the optimum",
}

var reasonKeys = [...]string{
	ReasonDiverged:       "diverged",
	ReasonIterationLimit: "iteration_limit",
	ReasonNonFinite:      "non_finite",
	ReasonFlat:           "flat",
}

// String returns the reason in words ("parameters diverged").
func (r ConvergenceReason) String() string {
	if r <= 0 || int(r) >= len(reasonNames) {
		return "ConvergenceReason(" + strconv.Itoa(int(r)) + ")"
	}
	return reasonNames[r]
}

// MarshalText returns a stable key for the reason: "diverged",
// "iteration_limit", "non_finite" or "flat".
//
// MarshalText returns an error if r is not one of the reasons
// (metrics.ErrInvalid).
func (r ConvergenceReason) MarshalText() ([]byte, error) {
	if r <= 0 || int(r) >= len(reasonKeys) {
		return nil, &metrics.Error{Metric: "clv.ConvergenceReason.MarshalText", Field: "ConvergenceReason",
			Index: -1, Value: strconv.Itoa(int(r)), Detail: "is not a reason", Err: metrics.ErrInvalid}
	}
	return []byte(reasonKeys[r]), nil
}

// ConvergenceError says why a fit failed. errors.Is(err,
// metrics.ErrNotConverged) holds.
type ConvergenceError struct {
	// Model is the fit that failed ("clv.FitBGNBD").
	Model string
	// Reason says why.
	Reason ConvergenceReason
	// Iterations is the number of optimiser iterations used.
	Iterations int
	// Params are the last parameters, natural scale, in the model's order;
	// they are not estimates and are given only to diagnose the failure.
	Params []float64
}

// Error reads like "clv.FitBGNBD: did not converge after 12 iterations:
// parameters diverged".
func (e *ConvergenceError) Error() string {
	return e.Model + ": did not converge after " + strconv.Itoa(e.Iterations) + " iterations: " + e.Reason.String()
}

// Unwrap returns metrics.ErrNotConverged.
func (e *ConvergenceError) Unwrap() error { return metrics.ErrNotConverged }

// maxLogParam bounds the log-parameters of a converged fit: a parameter
// below e^−18 or above e^18 (about 1.5e-8 and 6.6e7, in the rescaled time
// unit) has run off.
const maxLogParam = 18

// maximize finds the log-parameters that minimise nll (the weighted negative
// log-likelihood as a function of the log-parameters, unpenalised) plus
// opts.Penalty × Σθ², starting from start.
//
// The objective is divided by |nll(start)|+1 so that the optimiser works on
// a per-customer scale whatever the number of customers. It runs BFGS with a
// central finite-difference gradient (gonum diff/fd) and falls back to
// Nelder-Mead from the start when BFGS fails. The standard errors come from
// the finite-difference Hessian H of nll at the optimum (of the penalised
// objective when the penalty is positive and the unpenalised Hessian is not
// positive definite): var(θ_i) = (H⁻¹)_ii, and on the natural scale p_i = e^θ_i
// the delta method gives se(p_i) = p_i × sqrt((H⁻¹)_ii).
func maximize(model string, nll func(logParams []float64) float64, start []float64, opts FitOptions) ([]float64, FitInfo, error) {
	maxIter := opts.MaxIterations
	if maxIter <= 0 {
		maxIter = DefaultMaxIterations
	}
	fail := func(reason ConvergenceReason, iter int, x []float64) ([]float64, FitInfo, error) {
		p := make([]float64, len(x))
		for i, v := range x {
			p[i] = math.Exp(v)
		}
		return nil, FitInfo{}, &ConvergenceError{Model: model, Reason: reason, Iterations: iter, Params: p}
	}
	penalized := func(x []float64) float64 {
		v := nll(x)
		if opts.Penalty > 0 {
			for _, t := range x {
				v += opts.Penalty * t * t
			}
		}
		return v
	}
	f0 := penalized(start)
	if math.IsNaN(f0) || math.IsInf(f0, 0) {
		return fail(ReasonNonFinite, 0, start)
	}
	scale := math.Abs(f0) + 1
	// huge stands in for a non-finite objective so that the line search backs
	// off instead of gonum stopping with an error.
	const huge = 1e300
	obj := func(x []float64) float64 {
		for _, t := range x {
			if math.Abs(t) > 2*maxLogParam+10 {
				return huge
			}
		}
		v := penalized(x) / scale
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return huge
		}
		return v
	}
	gradSettings := &fd.Settings{Formula: fd.Central, Step: 1e-6}
	problem := optimize.Problem{
		Func: obj,
		Grad: func(grad, x []float64) {
			fd.Gradient(grad, obj, x, gradSettings)
		},
	}
	settings := &optimize.Settings{
		MajorIterations:   maxIter,
		GradientThreshold: 1e-8,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-12, Relative: 1e-12, Iterations: 20},
	}
	res, err := optimize.Minimize(problem, start, settings, &optimize.BFGS{})
	if err != nil || res == nil || res.Status == optimize.Failure || res.F >= huge {
		// BFGS stopped on an error (a line search that cannot progress is
		// common with a numerical gradient near the optimum): refine with
		// Nelder-Mead from its best point, or from the start.
		from := start
		if res != nil && res.F < huge {
			from = res.X
		}
		nm, nmErr := optimize.Minimize(optimize.Problem{Func: obj}, from, &optimize.Settings{
			MajorIterations: 20 * maxIter,
			Converger:       &optimize.FunctionConverge{Absolute: 1e-12, Relative: 1e-12, Iterations: 200},
		}, &optimize.NelderMead{})
		if nm == nil || (nmErr != nil && nm.Status != optimize.IterationLimit) {
			return fail(ReasonNonFinite, 0, from)
		}
		if res != nil {
			nm.MajorIterations += res.MajorIterations
		}
		res = nm
	}
	iter := res.MajorIterations
	x := res.X
	if res.Status == optimize.IterationLimit {
		return fail(ReasonIterationLimit, iter, x)
	}
	for _, t := range x {
		if math.Abs(t) > maxLogParam {
			return fail(ReasonDiverged, iter, x)
		}
	}
	ll := -nll(x)
	if math.IsNaN(ll) || math.IsInf(ll, 0) || res.F >= huge {
		return fail(ReasonNonFinite, iter, x)
	}
	se, reason := stdErrors(nll, x)
	if reason == ReasonFlat && opts.Penalty > 0 {
		se, reason = stdErrors(penalized, x)
	}
	if reason != 0 {
		return fail(reason, iter, x)
	}
	return x, FitInfo{LogLikelihood: ll, StdErrors: se, Iterations: iter, Converged: true}, nil
}

// stdErrors returns the natural-scale standard errors of p = e^θ from the
// Hessian of f at θ. The reason is ReasonNonFinite when f is not finite
// around θ and ReasonFlat when the Hessian is not positive definite (f is a
// negative log-likelihood, so a maximum of the likelihood is a minimum of
// f); 0 on success.
func stdErrors(f func([]float64) float64, theta []float64) ([]float64, ConvergenceReason) {
	n := len(theta)
	finite := true
	g := func(x []float64) float64 {
		v := f(x)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			finite = false
		}
		return v
	}
	var h mat.SymDense
	fd.Hessian(&h, g, theta, &fd.Settings{Formula: fd.Central, Step: 1e-4})
	if !finite {
		return nil, ReasonNonFinite
	}
	var ch mat.Cholesky
	if !ch.Factorize(&h) {
		return nil, ReasonFlat
	}
	var inv mat.SymDense
	if err := ch.InverseTo(&inv); err != nil {
		return nil, ReasonFlat
	}
	se := make([]float64, n)
	for i := range se {
		v := inv.At(i, i)
		if !(v > 0) || math.IsInf(v, 0) {
			return nil, ReasonFlat
		}
		se[i] = math.Exp(theta[i]) * math.Sqrt(v)
	}
	return se, 0
}
