package clv

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
)

// exponentialNLL is the negative log-likelihood of an exponential sample as
// a function of θ = ln λ: −Σ (θ − e^θ x_i). Its maximum is λ = 1/mean and the
// standard error of λ is λ/√n.
func exponentialNLL(xs []float64) func([]float64) float64 {
	return func(p []float64) float64 {
		lam := math.Exp(p[0])
		v := 0.0
		for _, x := range xs {
			v -= p[0] - lam*x
		}
		return v
	}
}

func TestMaximizeExponential(t *testing.T) {
	xs := []float64{0.5, 1.5, 2, 0.25, 3, 1.25, 0.75, 2.75}
	mean := 0.0
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	theta, info, err := maximize("test", exponentialNLL(xs), []float64{2}, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lam := math.Exp(theta[0])
	if math.Abs(lam-1/mean) > 1e-6 {
		t.Errorf("λ = %v, want %v", lam, 1/mean)
	}
	wantSE := lam / math.Sqrt(float64(len(xs)))
	if math.Abs(info.StdErrors[0]-wantSE) > 1e-4*wantSE {
		t.Errorf("se = %v, want %v", info.StdErrors[0], wantSE)
	}
	wantLL := float64(len(xs)) * (math.Log(1/mean) - 1)
	if math.Abs(info.LogLikelihood-wantLL) > 1e-9 {
		t.Errorf("LL = %v, want %v", info.LogLikelihood, wantLL)
	}
	if !info.Converged || info.Iterations == 0 {
		t.Errorf("info = %+v", info)
	}
}

func TestMaximizePenalty(t *testing.T) {
	// With a penalty P on θ², the optimum of n(θ − e^θ·mean) − Pθ² moves
	// towards θ = 0 (λ = 1): here mean = 4, so λ̂ = 0.25 without a penalty.
	xs := []float64{4, 4, 4, 4}
	free, _, err := maximize("test", exponentialNLL(xs), []float64{0}, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pen, info, err := maximize("test", exponentialNLL(xs), []float64{0}, FitOptions{Penalty: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !(pen[0] > free[0] && pen[0] < 0) {
		t.Errorf("penalised θ = %v, unpenalised %v: want it between that and 0", pen[0], free[0])
	}
	// The reported likelihood is unpenalised.
	if got, want := info.LogLikelihood, -exponentialNLL(xs)(pen); math.Abs(got-want) > 1e-12 {
		t.Errorf("LL = %v, want %v", got, want)
	}
}

func TestMaximizeFailures(t *testing.T) {
	rosen := func(p []float64) float64 {
		a, b := p[0], p[1]
		return (1-a)*(1-a) + 100*(b-a*a)*(b-a*a)
	}
	tests := []struct {
		name  string
		nll   func([]float64) float64
		start []float64
		opts  FitOptions
		want  ConvergenceReason
	}{
		{"runs off", func(p []float64) float64 { return math.Exp(-p[0]) }, []float64{0}, FitOptions{}, ReasonDiverged},
		{"NaN at start", func(p []float64) float64 { return math.NaN() }, []float64{0, 0}, FitOptions{}, ReasonNonFinite},
		{"NaN everywhere but the start", func(p []float64) float64 {
			if p[0] == 0.5 {
				return 1
			}
			return math.NaN()
		}, []float64{0.5}, FitOptions{}, ReasonNonFinite},
		{"iteration limit", rosen, []float64{-1.2, 1}, FitOptions{MaxIterations: 2}, ReasonIterationLimit},
		{"flat", func(p []float64) float64 { return 3 }, []float64{0, 1}, FitOptions{}, ReasonFlat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := maximize("clv.Test", tt.nll, tt.start, tt.opts)
			var ce *ConvergenceError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *ConvergenceError", err)
			}
			if diff := cmp.Diff(tt.want, ce.Reason); diff != "" {
				t.Errorf("reason (-want +got):\n%s", diff)
			}
			if !errors.Is(err, metrics.ErrNotConverged) || testkit.Sentinel(err) != metrics.ErrNotConverged {
				t.Errorf("%v does not unwrap to ErrNotConverged", err)
			}
			if ce.Model != "clv.Test" || len(ce.Params) != len(tt.start) {
				t.Errorf("error fields: %+v", ce)
			}
		})
	}
}

func TestConvergenceReasonText(t *testing.T) {
	tests := []struct {
		r         ConvergenceReason
		str, text string
	}{
		{ReasonDiverged, "parameters diverged", "diverged"},
		{ReasonIterationLimit, "iteration limit reached", "iteration_limit"},
		{ReasonNonFinite, "non-finite likelihood", "non_finite"},
		{ReasonFlat, "likelihood flat at the optimum", "flat"},
	}
	for _, tt := range tests {
		b, err := tt.r.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{tt.str, tt.text}, []string{tt.r.String(), string(b)}); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
	for _, r := range []ConvergenceReason{0, 5, -1} {
		if _, err := r.MarshalText(); !errors.Is(err, metrics.ErrInvalid) {
			t.Errorf("MarshalText(%d) err = %v", int(r), err)
		}
		if got, want := r.String(), "ConvergenceReason("; len(got) < len(want) || got[:len(want)] != want {
			t.Errorf("String(%d) = %q", int(r), got)
		}
	}
	e := &ConvergenceError{Model: "clv.FitBGNBD", Reason: ReasonDiverged, Iterations: 12}
	if diff := cmp.Diff("clv.FitBGNBD: did not converge after 12 iterations: parameters diverged", e.Error()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSumRowsParallel(t *testing.T) {
	for _, n := range []int{0, 1, chunkRows, chunkRows + 1, 5*chunkRows + 7} {
		got := sumRows(n, func(lo, hi int) float64 {
			s := 0.0
			for i := lo; i < hi; i++ {
				s += float64(i)
			}
			return s
		})
		if want := float64(n) * float64(n-1) / 2; got != want {
			t.Errorf("n=%d: %v, want %v", n, got, want)
		}
	}
}

func TestTimeScale(t *testing.T) {
	for _, tt := range []struct{ maxT, want float64 }{{0, 1}, {1, 1}, {7.5, 1}, {10, 1}, {38.86, 3.886}, {1095, 109.5}, {0.5, 0.05}} {
		if got := timeScale(tt.maxT); math.Abs(got-tt.want) > 1e-15*tt.want {
			t.Errorf("timeScale(%v) = %v, want %v", tt.maxT, got, tt.want)
		}
	}
}

func TestSample(t *testing.T) {
	h := &histories{ts: []float64{1}, txs: []float64{0}}
	for i := range 10 {
		h.rows = append(h.rows, row{x: i, w: 2})
	}
	s := h.sample(4) // k = 3: rows 0, 3, 6, 9 with weight 6
	var xs []int
	for _, r := range s.rows {
		xs = append(xs, r.x)
		if r.w != 6 {
			t.Errorf("weight %v, want 6", r.w)
		}
	}
	if diff := cmp.Diff([]int{0, 3, 6, 9}, xs); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestFitWarmStart fits data with more than 2 × warmRows distinct histories,
// so the fit starts from the optimum on a sample (FitParetoNBD shares the
// code), and checks that it still recovers the parameters.
func TestFitWarmStart(t *testing.T) {
	if testing.Short() {
		t.Skip("fits 45,000 customers")
	}
	truth := BGNBD{R: 0.5, Alpha: 6, A: 0.8, B: 2.5}
	data := simulateBGNBD(truth, simOptions{N: 45_000, MinAge: 26, MaxAge: 52, Seed: 4})
	h, err := collapse("test", data)
	if err != nil || len(h.rows) <= 2*warmRows {
		t.Fatalf("%d distinct rows (%v), want more than %d", len(h.rows), err, 2*warmRows)
	}
	fit, err := FitBGNBD(data, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkRecovered(t, []string{"r", "α", "a", "b"},
		[]float64{truth.R, truth.Alpha, truth.A, truth.B},
		[]float64{fit.R, fit.Alpha, fit.A, fit.B}, fit.StdErrors, 3)

}
