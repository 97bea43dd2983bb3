package metrics_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// A landing page test: variant A converts 48 of 80 visitors, variant B 56 of
// 70 (Newcombe's 1998 first example of a difference of proportions).
func ExampleTwoProportionZTest() {
	a := metrics.RateCounts{Part: 48, Whole: 80} // 60%
	b := metrics.RateCounts{Part: 56, Whole: 70} // 80%
	c, err := metrics.TwoProportionZTest(a, b, 0.95)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("B − A = %+.0f points, 95%% interval %.2f to %.2f\n", c.Difference, c.Interval.Low, c.Interval.High)
	fmt.Printf("z = %.3f, p = %.4f\n", c.Z, c.PValue)
	// Output:
	// B − A = +20 points, 95% interval 5.75 to 34.25
	// z = 2.650, p = 0.0080
}

// Two months without a single churned customer: no variation, no evidence.
func ExampleTwoProportionZTest_noVariation() {
	c, _ := metrics.TwoProportionZTest(metrics.RateCounts{Part: 0, Whole: 120}, metrics.RateCounts{Part: 0, Whole: 135}, 0.95)
	fmt.Println(c.Difference, c.Interval, c.Z, c.PValue)
	// Output: 0 {0 0} 0 1
}

func TestTwoProportionZTest(t *testing.T) {
	tests := []struct {
		name string
		a, b metrics.RateCounts
		conf float64
		want metrics.Comparison
		tol  float64 // absolute, on Difference and Interval, in points
		rel  float64 // relative, on Z and PValue
	}{
		// Newcombe, R. G. (1998). Interval estimation for the difference
		// between independent proportions: comparison of eleven methods.
		// Statistics in Medicine 17, 873–890, Table II, method 1 (asymptotic,
		// unpooled), 95%, printed to 4 decimals of a proportion (0.005 points).
		// His difference is the first sample minus the second, so his first
		// sample is our b. Z and PValue are not in his table: Z is worked by
		// hand from the pooled formula in each comment; the p-value is the
		// two-sided normal tail of that Z, computed independently of Go with
		// Python's math.erfc, to 4 significant digits.
		{"Newcombe 56/70 − 48/80", metrics.RateCounts{Part: 48, Whole: 80}, metrics.RateCounts{Part: 56, Whole: 70}, 0.95,
			// p̄ = 104/150 = 0.693333; SE₀ = √(0.693333 × 0.306667 × (1/80 + 1/70))
			// = √0.0056952 = 0.075467; Z = 0.2/0.075467 = 2.6502.
			metrics.Comparison{Difference: 20, Interval: metrics.Interval{Low: 5.75, High: 34.25}, Z: 2.6502, PValue: 0.008045}, 0.005, 5e-4},
		{"Newcombe 9/10 − 3/10", metrics.RateCounts{Part: 3, Whole: 10}, metrics.RateCounts{Part: 9, Whole: 10}, 0.95,
			// p̄ = 0.6; SE₀ = √(0.24 × 0.2); Z = 0.6/√0.048 = √7.5 = 2.7386;
			// P(χ²₁ > 7.5) = 0.006170.
			metrics.Comparison{Difference: 60, Interval: metrics.Interval{Low: 26.05, High: 93.95}, Z: 2.7386, PValue: 0.006170}, 0.005, 5e-4},
		{"Newcombe 6/7 − 2/7", metrics.RateCounts{Part: 2, Whole: 7}, metrics.RateCounts{Part: 6, Whole: 7}, 0.95,
			// Z² = (4/7)² / (8/14 × 6/14 × 2/7) = 14/3; P(χ²₁ > 4.6667) = 0.03075.
			metrics.Comparison{Difference: 100 * 4.0 / 7, Interval: metrics.Interval{Low: 14.81, High: 99.47}, Z: math.Sqrt(14.0 / 3), PValue: 0.03075}, 0.005, 5e-4},
		{"Newcombe 5/56 − 0/29", metrics.RateCounts{Part: 0, Whole: 29}, metrics.RateCounts{Part: 5, Whole: 56}, 0.95,
			// p̄ = 5/85; SE₀ = √(0.0588235 × 0.9411765 × 0.0523399) = 0.053830;
			// Z = 0.0892857/0.053830 = 1.6586.
			metrics.Comparison{Difference: 100 * 5.0 / 56, Interval: metrics.Interval{Low: 1.46, High: 16.40}, Z: 1.6586, PValue: 0.09719}, 0.005, 5e-4},
		// Newcombe's degenerate cases: no variation in either sample gives an
		// interval of zero width (his Table II prints 0.0000 to 0.0000), and
		// here Z 0 and PValue 1 by the documented convention.
		{"Newcombe 0/10 − 0/20", metrics.RateCounts{Part: 0, Whole: 20}, metrics.RateCounts{Part: 0, Whole: 10}, 0.95,
			metrics.Comparison{PValue: 1}, 0, 0},
		{"Newcombe 0/10 − 0/10", metrics.RateCounts{Part: 0, Whole: 10}, metrics.RateCounts{Part: 0, Whole: 10}, 0.95,
			metrics.Comparison{PValue: 1}, 0, 0},
		{"all in both", metrics.RateCounts{Part: 7, Whole: 7}, metrics.RateCounts{Part: 3, Whole: 3}, 0.99,
			metrics.Comparison{PValue: 1}, 0, 0},
		// Newcombe's 10/10 − 0/20: the Wald interval collapses to [1, 1].
		{"Newcombe 10/10 − 0/20", metrics.RateCounts{Part: 0, Whole: 20}, metrics.RateCounts{Part: 10, Whole: 10}, 0.95,
			// p̄ = 1/3; SE₀ = √(2/9 × 3/20) = √(1/30); Z = √30 = 5.4772;
			// P(χ²₁ > 30) = 4.320e-8.
			metrics.Comparison{Difference: 100, Interval: metrics.Interval{Low: 100, High: 100}, Z: math.Sqrt(30), PValue: 4.320e-8}, 0.005, 5e-4},
		// Agresti, A. (2007). An Introduction to Categorical Data Analysis,
		// 2nd ed., §2.2.3 and §2.4.3: the Physicians' Health Study, myocardial
		// infarction with placebo 189 of 11,034, with aspirin 104 of 11,037.
		// Difference 0.0094 − 0.0171 = −0.0077, 95% interval (−0.011, −0.005)
		// printed to 3 decimals (0.05 points), Pearson X² = 25.01 = Z²
		// (±0.005, so Z to 1e-4 relative); P(χ²₁ > 25.01) = 5.69e-7, to the
		// 0.25% that X²'s rounding allows.
		{"Agresti aspirin", metrics.RateCounts{Part: 189, Whole: 11034}, metrics.RateCounts{Part: 104, Whole: 11037}, 0.95,
			metrics.Comparison{Difference: -0.77, Interval: metrics.Interval{Low: -1.1, High: -0.5}, Z: -math.Sqrt(25.01), PValue: 5.69e-7}, 0.05, 3e-3},
		// The Wald interval is not cut to −100..100: 0 of 1 against 1 of 2
		// gives 50 ± 1.959964 × √(0.5 × 0.5/2) × 100 = 50 ± 69.30.
		{"past 100", metrics.RateCounts{Part: 0, Whole: 1}, metrics.RateCounts{Part: 1, Whole: 2}, 0.95,
			// p̄ = 1/3; Z = 0.5/√(1/3 × 2/3 × 1.5) = 0.5/√(1/3) = 0.86603;
			// P(|N| > 0.86603) = 0.3865.
			metrics.Comparison{Difference: 50, Interval: metrics.Interval{Low: -19.30, High: 119.30}, Z: 0.86603, PValue: 0.3865}, 0.005, 5e-4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := metrics.TwoProportionZTest(tt.a, tt.b, tt.conf)
			if err != nil {
				t.Fatal(err)
			}
			estimate := func(c metrics.Comparison) metrics.Comparison {
				return metrics.Comparison{Difference: c.Difference, Interval: c.Interval}
			}
			if diff := cmp.Diff(estimate(tt.want), estimate(got), cmpopts.EquateApprox(0, tt.tol)); diff != "" {
				t.Errorf("TwoProportionZTest(%+v, %+v, %v) (-want +got):\n%s", tt.a, tt.b, tt.conf, diff)
			}
			test := func(c metrics.Comparison) [2]float64 { return [2]float64{c.Z, c.PValue} }
			if diff := cmp.Diff(test(tt.want), test(got), cmpopts.EquateApprox(tt.rel, 0)); diff != "" {
				t.Errorf("TwoProportionZTest(%+v, %+v, %v) Z, PValue (-want +got):\n%s", tt.a, tt.b, tt.conf, diff)
			}
		})
	}
}

// TestTwoProportionZTestChiSquare checks Z² against Pearson's chi-square of
// the 2×2 table, Σ (observed − expected)² / expected, computed exactly with
// big.Rat: an independent path to the pooled statistic.
func TestTwoProportionZTestChiSquare(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rateCounts(t, "a")
		b := rateCounts(t, "b")
		got, err := metrics.TwoProportionZTest(a, b, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		x2, ok := pearsonChiSquare(a, b)
		if !ok {
			if got != (metrics.Comparison{PValue: 1}) {
				t.Fatalf("no variation in %+v, %+v but got %+v", a, b, got)
			}
			return
		}
		if !near(got.Z*got.Z, x2, 1e-9, 1e-300) {
			t.Fatalf("Z² = %v, Pearson X² = %v for %+v, %+v", got.Z*got.Z, x2, a, b)
		}
	})
}

func pearsonChiSquare(a, b metrics.RateCounts) (float64, bool) {
	obs := [2][2]int{{a.Part, a.Whole - a.Part}, {b.Part, b.Whole - b.Part}}
	rows := [2]int{a.Whole, b.Whole}
	cols := [2]*big.Rat{testkit.RatInt(a.Part), testkit.RatInt(a.Whole - a.Part)}
	cols[0].Add(cols[0], testkit.RatInt(b.Part))
	cols[1].Add(cols[1], testkit.RatInt(b.Whole-b.Part))
	if cols[0].Sign() == 0 || cols[1].Sign() == 0 {
		return 0, false
	}
	total := new(big.Rat).Add(testkit.RatInt(a.Whole), testkit.RatInt(b.Whole))
	sum := new(big.Rat)
	for i := range 2 {
		for j := range 2 {
			e := new(big.Rat).Mul(testkit.RatInt(rows[i]), cols[j])
			e.Quo(e, total)
			d := new(big.Rat).Sub(testkit.RatInt(obs[i][j]), e)
			d.Mul(d, d)
			sum.Add(sum, d.Quo(d, e))
		}
	}
	f, _ := sum.Float64()
	return f, true
}

func TestTwoProportionZTestErrors(t *testing.T) {
	ok := metrics.RateCounts{Part: 1, Whole: 2}
	tests := []struct {
		name  string
		a, b  metrics.RateCounts
		conf  float64
		want  error
		field string
	}{
		{"zero values", metrics.RateCounts{}, metrics.RateCounts{}, 0.95, metrics.ErrUndefined, "a.Whole"},
		{"zero b", ok, metrics.RateCounts{}, 0.95, metrics.ErrUndefined, "b.Whole"},
		{"negative a part", metrics.RateCounts{Part: -1, Whole: 2}, ok, 0.95, metrics.ErrNegative, "a.Part"},
		{"negative b whole", ok, metrics.RateCounts{Whole: -2}, 0.95, metrics.ErrNegative, "b.Whole"},
		{"a part above whole", metrics.RateCounts{Part: 3, Whole: 2}, ok, 0.95, metrics.ErrInconsistent, "a.Part"},
		{"b part above whole", ok, metrics.RateCounts{Part: 3, Whole: 2}, 0.95, metrics.ErrInconsistent, "b.Part"},
		{"confidence 0", ok, ok, 0, metrics.ErrOutOfRange, "confidence"},
		{"confidence 1", ok, ok, 1, metrics.ErrOutOfRange, "confidence"},
		{"confidence in points", ok, ok, 90, metrics.ErrOutOfRange, "confidence"},
		{"confidence NaN", ok, ok, math.NaN(), metrics.ErrOutOfRange, "confidence"},
		{"confidence −Inf", ok, ok, math.Inf(-1), metrics.ErrOutOfRange, "confidence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := metrics.TwoProportionZTest(tt.a, tt.b, tt.conf)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, struct {
				a, b       metrics.RateCounts
				confidence float64
			}{})
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if got != (metrics.Comparison{}) {
				t.Errorf("got %+v with an error, want the zero value", got)
			}
		})
	}
	_, err := metrics.TwoProportionZTest(ok, metrics.RateCounts{Part: 3, Whole: 2}, 0.95)
	want := "metrics.TwoProportionZTest: b.Part 3 exceeds b.Whole 2: inconsistent input"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

func TestTwoProportionZTestProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rateCounts(t, "a")
		b := rateCounts(t, "b")
		c := confidenceLevel(t, "confidence")
		got, err := metrics.TwoProportionZTest(a, b, c)
		if err != nil {
			t.Fatal(err)
		}
		// Ranges and the point estimate inside its interval.
		if got.Difference < -100 || got.Difference > 100 || !got.Interval.Contains(got.Difference) ||
			got.PValue < 0 || got.PValue > 1 || math.IsNaN(got.Z) || math.IsInf(got.Z, 0) {
			t.Fatalf("%+v, %+v: %+v", a, b, got)
		}
		if (got.Z > 0) != (got.Difference > 0) || (got.Z < 0) != (got.Difference < 0) {
			t.Fatalf("Z %v and Difference %v disagree in sign", got.Z, got.Difference)
		}
		// Oracle: textbook formulas at 256 bits.
		if got != (metrics.Comparison{PValue: 1}) {
			low, high, z := oracleDifference(a, b, criticalValue(c))
			d := 100 * (float64(b.Part)/float64(b.Whole) - float64(a.Part)/float64(a.Whole))
			if !near(got.Interval.Low, low, 1e-9, 1) || !near(got.Interval.High, high, 1e-9, 1) ||
				!near(got.Z, z, 1e-9, 1e-300) || !near(got.Difference, d, 1e-12, 1) {
				t.Fatalf("%+v, %+v at %v: %+v, oracle [%v, %v] z %v", a, b, c, got, low, high, z)
			}
			// The p-value is the two-sided normal tail of Z.
			if p := math.Erfc(math.Abs(z) / math.Sqrt2); !near(got.PValue, p, 1e-7, 1e-300) {
				t.Fatalf("p-value %v, want %v for z %v", got.PValue, p, z)
			}
		}
		// Swapping the samples negates the difference and Z, not the p-value.
		swapped, err := metrics.TwoProportionZTest(b, a, c)
		if err != nil || swapped.Difference != -got.Difference || swapped.Z != -got.Z || swapped.PValue != got.PValue ||
			!near(swapped.Interval.Low, -got.Interval.High, 1e-12, 1) || !near(swapped.Interval.High, -got.Interval.Low, 1e-12, 1) {
			t.Fatalf("swapped %+v, original %+v (%v)", swapped, got, err)
		}
		// The same sample twice shows no difference.
		same, err := metrics.TwoProportionZTest(a, a, c)
		if err != nil || same.Difference != 0 || same.Z != 0 || same.PValue != 1 {
			t.Fatalf("same sample %+v: %+v (%v)", a, same, err)
		}
		// Wider at a higher confidence; the test itself does not change.
		c2 := rapid.Float64Range(c, 1-1e-9).Draw(t, "higher confidence")
		wider, err := metrics.TwoProportionZTest(a, b, c2)
		if err != nil || wider.Interval.Low > got.Interval.Low || wider.Interval.High < got.Interval.High ||
			wider.Z != got.Z || wider.PValue != got.PValue {
			t.Fatalf("at %v: %+v, at %v: %+v (%v)", c, got, c2, wider, err)
		}
		// Narrower, and more significant, with larger samples at the same rates.
		if a.Whole <= 1_000_000 && b.Whole <= 1_000_000 {
			k := rapid.IntRange(2, 1000).Draw(t, "k")
			larger, err := metrics.TwoProportionZTest(
				metrics.RateCounts{Part: k * a.Part, Whole: k * a.Whole},
				metrics.RateCounts{Part: k * b.Part, Whole: k * b.Whole}, c)
			if err != nil || (got.Interval.High-got.Interval.Low) > 0 && (larger.Interval.High-larger.Interval.Low) >= (got.Interval.High-got.Interval.Low) ||
				larger.PValue > got.PValue {
				t.Fatalf("%+v, %+v: %+v; ×%d: %+v (%v)", a, b, got, k, larger, err)
			}
		}
	})
}

func FuzzTwoProportionZTest(f *testing.F) {
	f.Add(48, 80, 56, 70, 0.95)
	f.Add(0, 0, 0, 0, 0.95)
	f.Add(0, 10, 0, 20, 0.95)
	f.Add(-1, 5, 1, 2, 0.9)
	f.Add(1, 2, 3, 2, 0.9)
	f.Add(1, 2, 1, 2, math.NaN())
	f.Add(1, math.MaxInt, math.MaxInt-1, math.MaxInt, 0.99)
	f.Fuzz(func(t *testing.T, ap, aw, bp, bw int, c float64) {
		got, err := metrics.TwoProportionZTest(metrics.RateCounts{Part: ap, Whole: aw}, metrics.RateCounts{Part: bp, Whole: bw}, c)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if got.Difference < -100 || got.Difference > 100 || !got.Interval.Contains(got.Difference) ||
			got.PValue < 0 || got.PValue > 1 || math.IsNaN(got.Z) || math.IsInf(got.Z, 0) {
			t.Fatalf("%d/%d, %d/%d at %v: %+v", ap, aw, bp, bw, c, got)
		}
	})
}
