package metrics_test

import (
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/normal"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

func ExampleInterval_Contains() {
	// Churn went from 40 of 1,000 customers to 52 of 1,000.
	c, err := metrics.TwoProportionZTest(
		metrics.RateCounts{Part: 40, Whole: 1000},
		metrics.RateCounts{Part: 52, Whole: 1000}, 0.95)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+.1f points, 95%% interval %.2f to %.2f, p = %.2f\n",
		c.Difference, c.Interval.Low, c.Interval.High, c.PValue)
	fmt.Println("a real change:", !c.Interval.Contains(0))
	// Output:
	// +1.2 points, 95% interval -0.64 to 3.04, p = 0.20
	// a real change: false
}

func ExampleInterval() {
	small, _ := metrics.WilsonInterval(metrics.RateCounts{Part: 8, Whole: 40}, 0.95)
	large, _ := metrics.WilsonInterval(metrics.RateCounts{Part: 800, Whole: 4000}, 0.95)
	fmt.Printf("20%% of 40:    %.1f to %.1f (width %.1f)\n", small.Low, small.High, (small.High - small.Low))
	fmt.Printf("20%% of 4,000: %.1f to %.1f (width %.1f)\n", large.Low, large.High, (large.High - large.Low))
	// Output:
	// 20% of 40:    10.5 to 34.8 (width 24.3)
	// 20% of 4,000: 18.8 to 21.3 (width 2.5)
}

func ExampleInterval_Clamp() {
	// One customer of one churned last month, one of two this month: the Wald
	// interval of the difference runs past 100 points.
	c, _ := metrics.TwoProportionZTest(
		metrics.RateCounts{Part: 0, Whole: 1},
		metrics.RateCounts{Part: 1, Whole: 2}, 0.95)
	fmt.Printf("%.1f to %.1f\n", c.Interval.Low, c.Interval.High)
	shown := c.Interval.Clamp(-100, 100)
	fmt.Printf("%.1f to %.1f\n", shown.Low, shown.High)
	// Output:
	// -19.3 to 119.3
	// -19.3 to 100.0
}

func TestIntervalMethods(t *testing.T) {
	i := metrics.Interval{Low: -2.5, High: 7.5}
	got := []any{
		i.Contains(-2.5), i.Contains(7.5), i.Contains(0), i.Contains(-2.6), i.Contains(7.6), i.Contains(math.NaN()),
		(i.High - i.Low),
		i.Clamp(0, 5), i.Clamp(-10, 10), i.Clamp(8, 9), i.Clamp(-9, -8),
	}
	want := []any{
		true, true, true, false, false, false,
		10.0,
		metrics.Interval{Low: 0, High: 5}, i, metrics.Interval{Low: 8, High: 8}, metrics.Interval{Low: -8, High: -8},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestIntervalProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.Float64Range(-1e6, 1e6).Draw(t, "a")
		b := rapid.Float64Range(a, 1e6).Draw(t, "b")
		lo := rapid.Float64Range(-1e6, 1e6).Draw(t, "lo")
		hi := rapid.Float64Range(lo, 1e6).Draw(t, "hi")
		i := metrics.Interval{Low: a, High: b}
		c := i.Clamp(lo, hi)
		if c.Low < lo || c.High > hi || c.Low > c.High {
			t.Fatalf("Clamp(%v, %v) of %v = %v", lo, hi, i, c)
		}
		if (c.High - c.Low) > (i.High - i.Low) {
			t.Fatalf("Clamp widened %v to %v", i, c)
		}
		x := rapid.Float64Range(-1e6, 1e6).Draw(t, "x")
		// Within lo..hi, an interval that reaches into lo..hi keeps its points.
		if a <= hi && b >= lo && x >= lo && x <= hi && i.Contains(x) != c.Contains(x) {
			t.Fatalf("Clamp changed whether %v is in %v: %v", x, i, c)
		}
	})
}

// The high-precision oracles below recompute each formula in its textbook
// form with math/big.Float at 256 bits, independently of the library's
// floating-point arrangement of it.

const oraclePrec = 256

func bf(x float64) *big.Float { return new(big.Float).SetPrec(oraclePrec).SetFloat64(x) }

func bi(n int) *big.Float { return new(big.Float).SetPrec(oraclePrec).SetInt64(int64(n)) }

func add(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(oraclePrec).Add(a, b) }
func sub(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(oraclePrec).Sub(a, b) }
func mul(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(oraclePrec).Mul(a, b) }
func quo(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(oraclePrec).Quo(a, b) }
func sqrt(a *big.Float) *big.Float   { return new(big.Float).SetPrec(oraclePrec).Sqrt(a) }

func f64(a *big.Float) float64 { f, _ := a.Float64(); return f }

// oracleWilson is the Wilson interval of x of n in points:
// 100 × ((p̂ + z²/2n) ∓ z√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n).
func oracleWilson(x, n int, z float64) (low, high float64) {
	N, Z := bi(n), bf(z)
	p := quo(bi(x), N)
	z2 := mul(Z, Z)
	den := add(bf(1), quo(z2, N))
	centre := add(p, quo(z2, mul(bf(2), N)))
	half := mul(Z, sqrt(add(quo(mul(p, sub(bf(1), p)), N), quo(z2, mul(bf(4), mul(N, N))))))
	return f64(mul(bf(100), quo(sub(centre, half), den))), f64(mul(bf(100), quo(add(centre, half), den)))
}

// oracleDifference is the unpooled Wald interval of p̂b − p̂a in points and
// the pooled z statistic.
func oracleDifference(a, b metrics.RateCounts, z float64) (low, high, zstat float64) {
	na, nb := bi(a.Whole), bi(b.Whole)
	pa, pb := quo(bi(a.Part), na), quo(bi(b.Part), nb)
	diff := sub(pb, pa)
	se := sqrt(add(quo(mul(pa, sub(bf(1), pa)), na), quo(mul(pb, sub(bf(1), pb)), nb)))
	margin := mul(bf(z), se)
	pooled := quo(add(bi(a.Part), bi(b.Part)), add(na, nb))
	se0 := sqrt(mul(mul(pooled, sub(bf(1), pooled)), add(quo(bf(1), na), quo(bf(1), nb))))
	hundred := bf(100)
	return f64(mul(hundred, sub(diff, margin))), f64(mul(hundred, add(diff, margin))), f64(quo(diff, se0))
}

// near reports whether got is within rel of want, relative to the larger of
// |want| and floor.
func near(got, want, rel, floor float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), floor)
}

// confidenceLevel draws a confidence level, often one of the usual ones.
func confidenceLevel(t *rapid.T, label string) float64 {
	if rapid.Bool().Draw(t, label+" usual") {
		return rapid.SampledFrom([]float64{0.8, 0.9, 0.95, 0.98, 0.99, 0.999}).Draw(t, label)
	}
	return rapid.Float64Range(1e-6, 1-1e-9).Draw(t, label)
}

// criticalValue is the two-sided critical value the oracles use: the
// (1 + c)/2 quantile, from the tabled-tested internal/normal.
func criticalValue(c float64) float64 {
	return -normal.Quantile((1 - c) / 2)
}
