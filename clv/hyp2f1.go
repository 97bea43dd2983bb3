package clv

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// errHyp2f1 is returned by hyp2f1 when the function cannot be evaluated;
// callers turn it into a *metrics.Error naming their metric.
var errHyp2f1 = errors.New("2F1 not finite")

// hyp2f1 returns the Gauss hypergeometric function
//
//	2F1(a, b; c; z) = Σ_{n≥0} (a)_n (b)_n / ((c)_n n!) zⁿ
//
// for real z < 1 as f × e^s: f carries the sign (it may be negative when c
// or a parameter is negative) and s ≥ −∞ a scale that keeps f finite where
// the function itself grows like (1 − z)^(c−a−b) near z = 1. Callers work
// in log form with s + ln f only where they know the function is positive
// (all of a, b, c positive and z ≥ 0); nothing here takes a logarithm of f.
//
// Before calling gonum's mathext.Hypergeo it moves the argument where the
// series converges well (Abramowitz & Stegun 15.3.3–15.3.5):
//
//   - z < 0, Pfaff: 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z/(z − 1))
//     = (1 − z)^(−b) 2F1(c − a, b; c; z/(z − 1)), so the argument lies in
//     (0, 1);
//   - z ≥ 0, c − a − b < 0 and c − a, c − b ≥ 0, Euler: 2F1(a, b; c; z) =
//     (1 − z)^(c−a−b) 2F1(c − a, c − b; c; z), whose series converges at
//     z = 1 with terms of one sign (with c − a or c − b negative they
//     alternate and cancel, so the form is not used); the factor goes into s (after a Pfaff step only when the new
//     argument exceeds 0.9, since the two compose to the other Pfaff form).
//
// For z > 0.9 and an integer c − a − b it averages c ± 1e-6 (gonum v0.17.0
// can loop forever there, see the code), with a relative error of about
// 1e-9.
//
// It returns errHyp2f1 when an argument is not finite, z ≥ 1, c is zero or a
// negative integer, or the result is not finite.
func hyp2f1(a, b, c, z float64) (f, s float64, err error) {
	for _, v := range [...]float64{a, b, c, z} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, 0, errHyp2f1
		}
	}
	if z >= 1 || (c <= 0 && c == math.Trunc(c)) {
		return 0, 0, errHyp2f1
	}
	pfaff := false
	if z < 0 {
		// Both forms are exact; the one whose first term is smaller has
		// the shorter series with less cancellation.
		w := z / (z - 1)
		l := math.Log1p(-z)
		if math.Abs(a*(c-b)) <= math.Abs((c-a)*b) {
			s = -a * l
			b = c - b
		} else {
			s = -b * l
			a = c - a
		}
		z = w
		pfaff = true
	}
	// After Pfaff, Euler would only undo it (the two compose to the other
	// Pfaff form) unless the new argument is close to 1.
	if z > 0 && c-a-b < 0 && c-a >= 0 && c-b >= 0 && (!pfaff || z > 0.9) {
		s += (c - a - b) * math.Log1p(-z)
		a, b = c-a, c-b
	}
	if d := c - a - b; z > 0.9 && math.Abs(d-math.Round(d)) < 1e-9 {
		// For z > 0.9 and an integer c − a − b, Hypergeo takes a digamma
		// expansion (A&S 15.3.10–12) whose loop never ends when its terms
		// overflow (large |c − a − b|, or a large parameter times 1 − z).
		// Average c ± 1e-6 instead: the function is smooth in c and the
		// argument no longer takes that branch; the price is a relative
		// error of about 1e-9 there.
		const delta = 1e-6
		f = (mathext.Hypergeo(a, b, c+delta, z) + mathext.Hypergeo(a, b, c-delta, z)) / 2
	} else {
		f = mathext.Hypergeo(a, b, c, z)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || math.IsNaN(s) || math.IsInf(s, 1) {
		return 0, 0, errHyp2f1
	}
	return f, s, nil
}
