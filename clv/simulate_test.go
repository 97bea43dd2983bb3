package clv

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// This file simulates customer histories from known BG/NBD and Pareto/NBD
// parameters, with a seeded math/rand/v2 source, for the recovery tests and
// the benchmarks.

// simOptions says how to simulate: the customers' ages are drawn uniformly
// in [MinAge, MaxAge]; with Days set, purchase times are rounded up to whole
// days (the resolution of real transaction data), so identical histories
// repeat and collapse.
type simOptions struct {
	N              int
	MinAge, MaxAge float64
	Days           bool
	Seed           uint64
}

func (o simOptions) rng() *rand.Rand { return rand.New(rand.NewPCG(o.Seed, 0x636c76)) }

func (o simOptions) age(rng *rand.Rand) float64 {
	T := o.MinAge + (o.MaxAge-o.MinAge)*rng.Float64()
	if o.Days {
		T = math.Ceil(T)
	}
	return T
}

// record turns purchase times into an RFM; same-day purchases count once
// at day resolution.
func (o simOptions) record(times []float64, T float64) RFM {
	x, tx, last := 0, 0.0, 0.0
	for _, t := range times {
		if o.Days {
			t = math.Ceil(t)
			if t == last || t > T {
				continue
			}
		}
		x++
		tx, last = t, t
	}
	return RFM{Frequency: x, Recency: tx, Age: T}
}

// simulateBGNBD draws customers from the BG/NBD model: λ ~ Gamma(r, α),
// p ~ Beta(a, b); Poisson purchases of rate λ from time 0, and after each
// repeat purchase the customer drops out with probability p.
func simulateBGNBD(m BGNBD, o simOptions) []RFM {
	rng := o.rng()
	lam := distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: rng}
	pd := distuv.Beta{Alpha: m.A, Beta: m.B, Src: rng}
	out := make([]RFM, o.N)
	var times []float64
	for i := range out {
		T := o.age(rng)
		l, p := lam.Rand(), pd.Rand()
		times = times[:0]
		for t := 0.0; ; {
			t += rng.ExpFloat64() / l
			if t > T {
				break
			}
			times = append(times, t)
			if rng.Float64() < p {
				break
			}
		}
		out[i] = o.record(times, T)
	}
	return out
}

// simulateParetoNBD draws customers from the Pareto/NBD model: λ ~ Gamma(r,
// α), μ ~ Gamma(s, β); Poisson purchases of rate λ until an exponential
// lifetime of rate μ ends.
func simulateParetoNBD(m ParetoNBD, o simOptions) []RFM {
	rng := o.rng()
	lam := distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: rng}
	mu := distuv.Gamma{Alpha: m.S, Beta: m.Beta, Src: rng}
	out := make([]RFM, o.N)
	var times []float64
	for i := range out {
		T := o.age(rng)
		l := lam.Rand()
		end := min(T, rng.ExpFloat64()/mu.Rand())
		times = times[:0]
		for t := rng.ExpFloat64() / l; t <= end; t += rng.ExpFloat64() / l {
			times = append(times, t)
		}
		out[i] = o.record(times, T)
	}
	return out
}

// checkRecovered fails unless every estimate lies within k standard errors
// of the true value.
func checkRecovered(t *testing.T, names []string, truth, est, se []float64, k float64) {
	t.Helper()
	for i := range truth {
		if math.Abs(est[i]-truth[i]) > k*se[i] {
			t.Errorf("%s = %.4f ± %.4f, true %v (more than %v standard errors off)", names[i], est[i], se[i], truth[i], k)
		}
	}
}

func TestFitBGNBDRecovers(t *testing.T) {
	truth := BGNBD{R: 0.5, Alpha: 6, A: 0.8, B: 2.5}
	data := simulateBGNBD(truth, simOptions{N: 6000, MinAge: 26, MaxAge: 52, Seed: 1})
	fit, err := FitBGNBD(data, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fit %+v se %.4f LL %.2f", fit.BGNBD, fit.StdErrors, fit.LogLikelihood)
	checkRecovered(t, []string{"r", "α", "a", "b"},
		[]float64{truth.R, truth.Alpha, truth.A, truth.B},
		[]float64{fit.R, fit.Alpha, fit.A, fit.B}, fit.StdErrors, 3)
}

func TestFitParetoNBDRecovers(t *testing.T) {
	truth := ParetoNBD{R: 0.6, Alpha: 8, S: 0.8, Beta: 10}
	data := simulateParetoNBD(truth, simOptions{N: 6000, MinAge: 26, MaxAge: 52, Seed: 2})
	fit, err := FitParetoNBD(data, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fit %+v se %.4f LL %.2f", fit.ParetoNBD, fit.StdErrors, fit.LogLikelihood)
	checkRecovered(t, []string{"r", "α", "s", "β"},
		[]float64{truth.R, truth.Alpha, truth.S, truth.Beta},
		[]float64{fit.R, fit.Alpha, fit.S, fit.Beta}, fit.StdErrors, 3)
}

// TestFitBGNBDDays fits data at day resolution (times in days, ages up to
// three years), the shape of the benchmark: the time rescaling must bring
// α back to days.
func TestFitBGNBDDays(t *testing.T) {
	truth := BGNBD{R: 0.5, Alpha: 40, A: 0.8, B: 2.5}
	data := simulateBGNBD(truth, simOptions{N: 6000, MinAge: 30, MaxAge: 1095, Days: true, Seed: 3})
	fit, err := FitBGNBD(data, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fit %+v se %.4f", fit.BGNBD, fit.StdErrors)
	checkRecovered(t, []string{"r", "α", "a", "b"},
		[]float64{truth.R, truth.Alpha, truth.A, truth.B},
		[]float64{fit.R, fit.Alpha, fit.A, fit.B}, fit.StdErrors, 3)
}

// simulateMBGNBD draws customers from the MBG/NBD model: as BG/NBD, but the
// customer may also drop out right after the first purchase, at time 0.
func simulateMBGNBD(m MBGNBD, o simOptions) []RFM {
	rng := o.rng()
	lam := distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: rng}
	pd := distuv.Beta{Alpha: m.A, Beta: m.B, Src: rng}
	out := make([]RFM, o.N)
	var times []float64
	for i := range out {
		T := o.age(rng)
		l, p := lam.Rand(), pd.Rand()
		times = times[:0]
		for t := 0.0; rng.Float64() >= p; {
			t += rng.ExpFloat64() / l
			if t > T {
				break
			}
			times = append(times, t)
		}
		out[i] = o.record(times, T)
	}
	return out
}

func TestFitMBGNBDRecovers(t *testing.T) {
	truth := MBGNBD{R: 0.5, Alpha: 6, A: 0.8, B: 2.5}
	data := simulateMBGNBD(truth, simOptions{N: 6000, MinAge: 26, MaxAge: 52, Seed: 6})
	fit, err := FitMBGNBD(data, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fit %+v se %.4f LL %.2f", fit.MBGNBD, fit.StdErrors, fit.LogLikelihood)
	checkRecovered(t, []string{"r", "α", "a", "b"},
		[]float64{truth.R, truth.Alpha, truth.A, truth.B},
		[]float64{fit.R, fit.Alpha, fit.A, fit.B}, fit.StdErrors, 3)
}
