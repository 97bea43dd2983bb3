package metrics_test

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"pgregory.net/rapid"
)

// 81 of 263 is Newcombe's (1998) first example; the interval is his Table II,
// method 3.
func ExampleWilsonInterval() {
	ci, err := metrics.WilsonInterval(metrics.RateCounts{Part: 81, Whole: 263}, 0.95)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("30.8%%, 95%% interval %.2f%% to %.2f%%\n", ci.Low, ci.High)
	// Output:
	// 30.8%, 95% interval 25.53% to 36.62%
}

// No customer of 20 churned: the interval still says churn may be up to 16%.
func ExampleWilsonInterval_zero() {
	for _, c := range []float64{0.90, 0.95, 0.99} {
		ci, _ := metrics.WilsonInterval(metrics.RateCounts{Part: 0, Whole: 20}, c)
		fmt.Printf("%.0f%%: %g%% to %.1f%%\n", c*100, ci.Low, ci.High)
	}
	// Output:
	// 90%: 0% to 11.9%
	// 95%: 0% to 16.1%
	// 99%: 0% to 24.9%
}

func ExampleWilsonInterval_error() {
	_, err := metrics.WilsonInterval(metrics.RateCounts{Part: 3, Whole: 10}, 95)
	fmt.Println(err)
	fmt.Println(errors.Is(err, metrics.ErrOutOfRange))
	// Output:
	// metrics.WilsonInterval: confidence 95 is outside (0, 1): out of range
	// true
}

func TestWilsonInterval(t *testing.T) {
	tests := []struct {
		name string
		in   metrics.RateCounts
		conf float64
		want metrics.Interval
		tol  float64 // absolute, in points
	}{
		// Newcombe, R. G. (1998). Two-sided confidence intervals for the single
		// proportion: comparison of seven methods. Statistics in Medicine 17,
		// 857–872, Table II, method 3 (score method, no continuity
		// correction), 95%, printed to 4 decimals of a proportion: half a unit
		// of the last digit is 0.005 points.
		{"Newcombe 81/263", metrics.RateCounts{Part: 81, Whole: 263}, 0.95, metrics.Interval{Low: 25.53, High: 36.62}, 0.005},
		{"Newcombe 15/148", metrics.RateCounts{Part: 15, Whole: 148}, 0.95, metrics.Interval{Low: 6.24, High: 16.05}, 0.005},
		{"Newcombe 0/20", metrics.RateCounts{Part: 0, Whole: 20}, 0.95, metrics.Interval{Low: 0, High: 16.11}, 0.005},
		{"Newcombe 1/29", metrics.RateCounts{Part: 1, Whole: 29}, 0.95, metrics.Interval{Low: 0.61, High: 17.18}, 0.005},
		// Exact ends, by the formula: x = 0 gives 0, x = n gives 100, and for
		// n = 1, x = 0: high = z²/(1 + z²) (Wilson 1927), 3.841459/4.841459.
		{"all", metrics.RateCounts{Part: 20, Whole: 20}, 0.95, metrics.Interval{Low: 83.89, High: 100}, 0.005},
		{"one of one", metrics.RateCounts{Part: 1, Whole: 1}, 0.95, metrics.Interval{Low: 100 / (1 + 3.841458820694124), High: 100}, 1e-12},
		{"none of one", metrics.RateCounts{Part: 0, Whole: 1}, 0.95, metrics.Interval{Low: 0, High: 100 * 3.841458820694124 / (1 + 3.841458820694124)}, 1e-12},
		// Other levels, recomputed by hand from the formula with z = 1.644854
		// (0.90) and 2.575829 (0.99), Abramowitz & Stegun table 26.5:
		// 0/20 at 0.90: high = z²/(n + z²) = 2.705543/22.705543 = 11.916%.
		{"0/20 at 0.90", metrics.RateCounts{Part: 0, Whole: 20}, 0.90, metrics.Interval{Low: 0, High: 11.916}, 0.0005},
		// 0/20 at 0.99: 6.634897/26.634897 = 24.911%.
		{"0/20 at 0.99", metrics.RateCounts{Part: 0, Whole: 20}, 0.99, metrics.Interval{Low: 0, High: 24.911}, 0.0005},
		// Half: symmetric about 50, half-width z√(n/4 + z²/4)/(n + z²) =
		// 1.959964 × √(25 + 0.960365)/103.841459 = 9.986275/103.841459 = 9.6168%.
		{"50 of 100", metrics.RateCounts{Part: 50, Whole: 100}, 0.95, metrics.Interval{Low: 50 - 9.6168, High: 50 + 9.6168}, 0.00005},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := metrics.WilsonInterval(tt.in, tt.conf)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, tt.tol)); diff != "" {
				t.Errorf("WilsonInterval(%+v, %v) (-want +got):\n%s", tt.in, tt.conf, diff)
			}
		})
	}
}

func TestWilsonIntervalErrors(t *testing.T) {
	ok := metrics.RateCounts{Part: 1, Whole: 2}
	tests := []struct {
		name  string
		in    metrics.RateCounts
		conf  float64
		want  error
		field string
	}{
		{"zero value", metrics.RateCounts{}, 0.95, metrics.ErrUndefined, "Whole"},
		{"negative part", metrics.RateCounts{Part: -1, Whole: 5}, 0.95, metrics.ErrNegative, "Part"},
		{"negative whole", metrics.RateCounts{Part: 0, Whole: -5}, 0.95, metrics.ErrNegative, "Whole"},
		{"part above whole", metrics.RateCounts{Part: 6, Whole: 5}, 0.95, metrics.ErrInconsistent, "Part"},
		{"confidence 0", ok, 0, metrics.ErrOutOfRange, "confidence"},
		{"confidence 1", ok, 1, metrics.ErrOutOfRange, "confidence"},
		{"confidence in points", ok, 95, metrics.ErrOutOfRange, "confidence"},
		{"confidence negative", ok, -0.95, metrics.ErrOutOfRange, "confidence"},
		{"confidence NaN", ok, math.NaN(), metrics.ErrOutOfRange, "confidence"},
		{"confidence +Inf", ok, math.Inf(1), metrics.ErrOutOfRange, "confidence"},
		{"counts checked first", metrics.RateCounts{Part: -1}, 2, metrics.ErrNegative, "Part"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := metrics.WilsonInterval(tt.in, tt.conf)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, struct {
				metrics.RateCounts
				confidence float64
			}{})
			var e *metrics.Error
			errors.As(err, &e)
			if diff := cmp.Diff(tt.field, e.Field); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
			if got != (metrics.Interval{}) {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

func TestWilsonIntervalMessage(t *testing.T) {
	_, err := metrics.WilsonInterval(metrics.RateCounts{Part: 6, Whole: 5}, 0.95)
	want := "metrics.WilsonInterval: Part 6 exceeds Whole 5: inconsistent input"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// rateCounts draws counts, mostly moderate, sometimes huge.
func rateCounts(t *rapid.T, label string) metrics.RateCounts {
	hi := 1_000_000
	if rapid.IntRange(0, 9).Draw(t, label+" huge") == 0 {
		hi = math.MaxInt
	}
	n := rapid.IntRange(1, hi).Draw(t, label+".Whole")
	x := rapid.IntRange(0, n).Draw(t, label+".Part")
	return metrics.RateCounts{Part: x, Whole: n}
}

func TestWilsonIntervalProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := rateCounts(t, "in")
		c := confidenceLevel(t, "confidence")
		got, err := metrics.WilsonInterval(in, c)
		if err != nil {
			t.Fatal(err)
		}
		// Within 0..100 and around the observed rate.
		rate := 100 * (float64(in.Part) / float64(in.Whole))
		if got.Low < 0 || got.High > 100 || !got.Contains(rate) {
			t.Fatalf("interval %v for %d/%d (%v%%) is outside 0..100 or misses the rate", got, in.Part, in.Whole, rate)
		}
		// Exact ends at 0% and 100%.
		if in.Part == 0 && got.Low != 0 || in.Part == in.Whole && got.High != 100 {
			t.Fatalf("interval %v for %d/%d: wrong exact ends", got, in.Part, in.Whole)
		}
		// Oracle: the textbook formula at 256 bits.
		low, high := oracleWilson(in.Part, in.Whole, criticalValue(c))
		if !near(got.Low, low, 1e-12, 1e-60) || !near(got.High, high, 1e-12, 1e-60) {
			t.Fatalf("interval %v for %d/%d at %v, oracle [%v, %v]", got, in.Part, in.Whole, c, low, high)
		}
		// Mirror: the interval of the complement is 100 minus this one.
		mirror, err := metrics.WilsonInterval(metrics.RateCounts{Part: in.Whole - in.Part, Whole: in.Whole}, c)
		if err != nil || !near(mirror.Low, 100-got.High, 1e-12, 1) || !near(mirror.High, 100-got.Low, 1e-12, 1) {
			t.Fatalf("mirror %v of %v (%v)", mirror, got, err)
		}
		// Wider at a higher confidence.
		c2 := rapid.Float64Range(c, 1-1e-9).Draw(t, "higher confidence")
		wider, err := metrics.WilsonInterval(in, c2)
		if err != nil || wider.Low > got.Low || wider.High < got.High {
			t.Fatalf("at %v: %v, at %v: %v (%v)", c, got, c2, wider, err)
		}
		// Narrower with a larger sample at the same rate.
		if in.Whole <= 1_000_000 {
			k := rapid.IntRange(2, 1000).Draw(t, "k")
			larger, err := metrics.WilsonInterval(metrics.RateCounts{Part: k * in.Part, Whole: k * in.Whole}, c)
			if err != nil || (larger.High-larger.Low) >= (got.High-got.Low) && (got.High-got.Low) > 0 {
				t.Fatalf("%d/%d: %v, ×%d: %v (%v)", in.Part, in.Whole, got, k, larger, err)
			}
		}
	})
}

func FuzzWilsonInterval(f *testing.F) {
	f.Add(81, 263, 0.95)
	f.Add(0, 0, 0.95)
	f.Add(-1, 5, 0.9)
	f.Add(6, 5, 0.99)
	f.Add(1, 2, 1.0)
	f.Add(math.MaxInt, math.MaxInt, 0.5)
	f.Fuzz(func(t *testing.T, part, whole int, c float64) {
		got, err := metrics.WilsonInterval(metrics.RateCounts{Part: part, Whole: whole}, c)
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		rate := 100 * (float64(part) / float64(whole))
		if got.Low < 0 || got.High > 100 || !got.Contains(rate) {
			t.Fatalf("interval %v for %d/%d at %v", got, part, whole, c)
		}
	})
}

func TestUncertaintyGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		var b strings.Builder
		w, err := metrics.WilsonInterval(metrics.RateCounts{Part: 81, Whole: 263}, 0.95)
		b.WriteString(fmt.Sprint(err))
		c, err := metrics.TwoProportionZTest(metrics.RateCounts{Part: 48, Whole: 80}, metrics.RateCounts{Part: 56, Whole: 70}, 0.9)
		b.WriteString(fmt.Sprint(err))
		for _, x := range []float64{w.Low, w.High, c.Difference, c.Interval.Low, c.Interval.High, c.Z, c.PValue} {
			b.WriteString(strconv.FormatFloat(x, 'g', -1, 64) + " ")
		}
		return b.String()
	})
}
