package normal_test

import (
	"math"
	"testing"

	"github.com/kpikit/kpikit/internal/normal"
	"pgregory.net/rapid"
)

// Reference values: R's qnorm and pnorm (R Core Team, R 4.x) printed to 17
// significant digits; they agree with the normal tables of Abramowitz &
// Stegun, Handbook of Mathematical Functions, tables 26.1 and 26.5, to the
// digits printed there (1.959964 for 0.975, 0.9750021 for 1.96).
func TestQuantileTable(t *testing.T) {
	tests := []struct{ p, want float64 }{
		{0.5, 0},
		{0.8, 0.8416212335729143},
		{0.9, 1.2815515655446004},
		{0.95, 1.6448536269514722},
		{0.975, 1.959963984540054},
		{0.99, 2.3263478740408408},
		{0.995, 2.5758293035489004},
		{0.9995, 3.2905267314918945},
		{0.025, -1.959963984540054},
		{1e-10, -6.361340902404056},
	}
	for _, tt := range tests {
		got := normal.Quantile(tt.p)
		if math.Abs(got-tt.want) > 1e-12*math.Max(1, math.Abs(tt.want)) {
			t.Errorf("Quantile(%v) = %.17g, want %.17g", tt.p, got, tt.want)
		}
	}
	for _, p := range []float64{-0.1, 1.1, math.NaN()} {
		if !math.IsNaN(normal.Quantile(p)) {
			t.Errorf("Quantile(%v) is not NaN", p)
		}
	}
	if !math.IsInf(normal.Quantile(0), -1) || !math.IsInf(normal.Quantile(1), 1) {
		t.Errorf("Quantile(0) or Quantile(1) is not infinite")
	}
}

func TestCDFTable(t *testing.T) {
	tests := []struct{ x, want float64 }{
		{0, 0.5},
		{1, 0.8413447460685429},
		{1.96, 0.9750021048517795},
		{-1.96, 0.024997895148220435},
		{3, 0.9986501019683699},
	}
	for _, tt := range tests {
		if got := normal.CDF(tt.x); math.Abs(got-tt.want) > 1e-15 {
			t.Errorf("CDF(%v) = %.17g, want %.17g", tt.x, got, tt.want)
		}
	}
	if got := normal.TwoSided(0.95); math.Abs(got-1.959963984540054) > 1e-12 {
		t.Errorf("TwoSided(0.95) = %v", got)
	}
	if got := normal.TwoSided(1 - 1e-15); math.IsInf(got, 0) || got < 7.9 {
		t.Errorf("TwoSided(1 − 1e-15) = %v, want a finite value near 7.94", got)
	}
	if got := normal.TwoSidedP(1.959963984540054); math.Abs(got-0.05) > 1e-12 {
		t.Errorf("TwoSidedP(1.96) = %v", got)
	}
}

func TestQuantileInvertsCDF(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.Float64Range(1e-12, 1-1e-12).Draw(t, "p")
		x := normal.Quantile(p)
		if got := normal.CDF(x); math.Abs(got-p) > 1e-14*math.Max(1, p/(1-p)) && math.Abs(got-p)/math.Min(p, 1-p) > 1e-9 {
			t.Fatalf("CDF(Quantile(%v)) = %v", p, got)
		}
		q := rapid.Float64Range(p, 1-1e-12).Draw(t, "q")
		if normal.Quantile(q) < x {
			t.Fatalf("Quantile not monotone at %v, %v", p, q)
		}
	})
}
