package crm_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kpikit/kpikit/crm"
	"github.com/kpikit/kpikit/internal/normal"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// whuber's worked example on Cross Validated ("How can I calculate margin of
// error in a NPS (Net Promoter Score) result?", stats.stackexchange.com,
// question 18603): shares of 1/2 promoters, 1/3 passives and 1/6 detractors
// give an NPS of 1/3 and a variance of 5/9 on the −1..1 scale.
func ExampleNPSVariance() {
	in := crm.NPSInput{Promoters: 3, Passives: 2, Detractors: 1}
	v, err := crm.NPSVariance(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f squared points, standard deviation %.2f points\n", v, math.Sqrt(v))
	// Output:
	// 5555.56 squared points, standard deviation 74.54 points
}

// The issue's question: a survey of 40 and one of 4,000 both show an NPS of
// 30 (50% promoters, 20% detractors). Their standard errors differ tenfold.
func ExampleNPSStandardError() {
	small, err := crm.NPSStandardError(crm.NPSInput{Promoters: 20, Passives: 12, Detractors: 8})
	if err != nil {
		fmt.Println(err)
		return
	}
	large, _ := crm.NPSStandardError(crm.NPSInput{Promoters: 2000, Passives: 1200, Detractors: 800})
	fmt.Printf("n = 40:    NPS 30, SE %.2f points\n", small)
	fmt.Printf("n = 4,000: NPS 30, SE %.2f points\n", large)
	// Output:
	// n = 40:    NPS 30, SE 12.35 points
	// n = 4,000: NPS 30, SE 1.23 points
}

func ExampleNPSInterval() {
	for _, in := range []crm.NPSInput{
		{Promoters: 20, Passives: 12, Detractors: 8},
		{Promoters: 2000, Passives: 1200, Detractors: 800},
	} {
		score, _ := crm.NPS(in)
		wald, err := crm.NPSInterval(in, 0.95, crm.NPSWald)
		if err != nil {
			fmt.Println(err)
			return
		}
		adj, _ := crm.NPSInterval(in, 0.95, crm.NPSAdjustedWald)
		fmt.Printf("NPS %s: Wald %.1f to %.1f, adjusted Wald %.1f to %.1f\n",
			score.String(), wald.Low, wald.High, adj.Low, adj.High)
	}
	// Output:
	// NPS 30: Wald 5.8 to 54.2, adjusted Wald 4.6 to 51.2
	// NPS 30: Wald 27.6 to 32.4, adjusted Wald 27.6 to 32.4
}

// An interval can run past 100 when the score is near it; Clamp cuts it for
// display.
func ExampleNPSInterval_pastTheScale() {
	in := crm.NPSInput{Promoters: 99, Passives: 1}
	ci, _ := crm.NPSInterval(in, 0.95, crm.NPSWald)
	fmt.Printf("%.1f to %.1f\n", ci.Low, ci.High)
	shown := ci.Clamp(-100, 100)
	fmt.Printf("%.1f to %.1f\n", shown.Low, shown.High)
	// Output:
	// 97.0 to 101.0
	// 97.0 to 100.0
}

func ExampleNPSSampleSize() {
	// Nothing known: plan for the worst case, 50% promoters and 50% detractors.
	worst, err := crm.NPSSampleSize(crm.NPSPlan{
		Promoters: metrics.PercentInt(50), Detractors: metrics.PercentInt(50), Margin: 5}, 0.95)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The last survey had 40% promoters and 30% detractors (seed 004).
	tracked, _ := crm.NPSSampleSize(crm.NPSPlan{
		Promoters: metrics.PercentInt(40), Detractors: metrics.PercentInt(30), Margin: 5}, 0.95)
	fmt.Println(worst, tracked)
	// Output:
	// 1537 1061
}

func ExampleNPSTwoSampleTest() {
	// Last quarter NPS 30 from 40 answers; this quarter NPS 40 from 50 answers.
	last := crm.NPSInput{Promoters: 20, Passives: 12, Detractors: 8}
	this := crm.NPSInput{Promoters: 30, Passives: 10, Detractors: 10}
	c, err := crm.NPSTwoSampleTest(last, this, 0.95, crm.NPSWald)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+.0f points, 95%% interval %.1f to %.1f, p = %.2f\n", c.Difference, c.Interval.Low, c.Interval.High, c.PValue)
	// The same shares from 100 times as many answers.
	last = crm.NPSInput{Promoters: 2000, Passives: 1200, Detractors: 800}
	this = crm.NPSInput{Promoters: 3000, Passives: 1000, Detractors: 1000}
	c, _ = crm.NPSTwoSampleTest(last, this, 0.95, crm.NPSWald)
	fmt.Printf("%+.0f points, 95%% interval %.1f to %.1f, p = %.1g\n", c.Difference, c.Interval.Low, c.Interval.High, c.PValue)
	// Output:
	// +10 points, 95% interval -22.8 to 42.8, p = 0.55
	// +10 points, 95% interval 6.7 to 13.3, p = 2e-09
}

func ExampleNPSTwoSampleTest_adjustedWald() {
	// Ten promoters of ten against ten detractors of ten: the Wald standard
	// error is 0; the adjusted Wald test still answers.
	all := crm.NPSInput{Promoters: 10}
	none := crm.NPSInput{Detractors: 10}
	_, err := crm.NPSTwoSampleTest(all, none, 0.95, crm.NPSWald)
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	c, _ := crm.NPSTwoSampleTest(all, none, 0.95, crm.NPSAdjustedWald)
	fmt.Printf("%.1f points, 95%% interval %.1f to %.1f, z = %.2f\n", c.Difference, c.Interval.Low, c.Interval.High, c.Z)
	// Output:
	// true
	// -153.8 points, 95% interval -195.5 to -112.2, z = -7.25
}

func ExampleNPSMethod_String() {
	fmt.Println(crm.NPSWald, "/", crm.NPSAdjustedWald, "/", crm.NPSMethod(0))
	// Output: Wald / adjusted Wald / NPSMethod(0)
}

// uncTol is the tolerance of hand-computed reference values: they are worked
// to 4 decimals or more, so 5e-4 relative (or absolute for values near 0).
var uncTol = cmpopts.EquateApprox(5e-4, 5e-4)

func TestNPSVariance(t *testing.T) {
	tests := []struct {
		name   string
		in     crm.NPSInput
		want   float64 // squared points
		wantSE float64 // points
	}{
		// whuber, Cross Validated question 18603: shares 1/2, 1/3, 1/6 give
		// variance 5/9 on the −1..1 scale; ×100². SE = 100 √(5/9/6).
		{"whuber 1/2, 1/3, 1/6", crm.NPSInput{Promoters: 3, Passives: 2, Detractors: 1}, 1e4 * 5 / 9, 100 * math.Sqrt(5.0/54)},
		{"whuber ×100", crm.NPSInput{Promoters: 300, Passives: 200, Detractors: 100}, 1e4 * 5 / 9, 100 * math.Sqrt(5.0/5400)},
		// Seed 004: 200/150/150 of 500: 100² × (0.7 − 0.1²) = 6900; √(6900/500) = 3.7148.
		{"seed 004", crm.NPSInput{Promoters: 200, Passives: 150, Detractors: 150}, 6900, 3.7148},
		// 20/12/8: 100² × (0.7 − 0.3²) = 6100; √(6100/40) = √152.5 = 12.349.
		{"40 answers", crm.NPSInput{Promoters: 20, Passives: 12, Detractors: 8}, 6100, 12.349},
		{"all promoters", crm.NPSInput{Promoters: 7}, 0, 0},
		{"all passives", crm.NPSInput{Passives: 7}, 0, 0},
		{"all detractors", crm.NPSInput{Detractors: 7}, 0, 0},
		// The largest variance: half promoters, half detractors, 100².
		{"half and half", crm.NPSInput{Promoters: 5, Detractors: 5}, 1e4, 100 / math.Sqrt(10)},
		// One promoter, one passive: 100² × (0.5 − 0.25) = 2500.
		{"promoter and passive", crm.NPSInput{Promoters: 1, Passives: 1}, 2500, 100 * math.Sqrt(0.125)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.NPSVariance(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, uncTol); diff != "" {
				t.Errorf("NPSVariance(%+v) (-want +got):\n%s", tt.in, diff)
			}
			se, err := crm.NPSStandardError(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantSE, se, uncTol); diff != "" {
				t.Errorf("NPSStandardError(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// uncRequireError checks an uncertainty function's error: its sentinel, its
// field and its slice index.
func uncRequireError(t *testing.T, err, want error, field string, index int, in any) {
	t.Helper()
	surveyRequireError(t, err, want, field, index, in)
}

// The inputs of the uncertainty functions, as testkit.RequireFieldOf reads
// them: the input struct's fields, then the parameters.
var (
	uncOneIn = struct {
		crm.NPSInput
		confidence float64
		method     crm.NPSMethod
	}{}
	uncTwoIn = struct {
		a, b       crm.NPSInput
		confidence float64
		method     crm.NPSMethod
	}{}
	uncPlanIn = struct {
		crm.NPSPlan
		confidence float64
	}{}
)

// uncCountErrors are the count errors every single-sample function shares.
var uncCountErrors = []struct {
	name  string
	in    crm.NPSInput
	want  error
	field string
}{
	{"zero value", crm.NPSInput{}, metrics.ErrUndefined, "Promoters"},
	{"negative promoters", crm.NPSInput{Promoters: -1, Passives: 3}, metrics.ErrNegative, "Promoters"},
	{"negative passives", crm.NPSInput{Promoters: 1, Passives: -3}, metrics.ErrNegative, "Passives"},
	{"negative detractors", crm.NPSInput{Promoters: 1, Detractors: -3}, metrics.ErrNegative, "Detractors"},
}

func TestNPSVarianceErrors(t *testing.T) {
	for _, tt := range uncCountErrors {
		t.Run(tt.name, func(t *testing.T) {
			v, err := crm.NPSVariance(tt.in)
			uncRequireError(t, err, tt.want, tt.field, -1, crm.NPSInput{})
			se, err2 := crm.NPSStandardError(tt.in)
			uncRequireError(t, err2, tt.want, tt.field, -1, crm.NPSInput{})
			if v != 0 || se != 0 {
				t.Errorf("got %v, %v with an error, want 0", v, se)
			}
		})
	}
	_, err := crm.NPSVariance(crm.NPSInput{})
	if diff := cmp.Diff("crm.NPSVariance: Promoters 0 + Passives 0 + Detractors 0 is zero: there are no answers: undefined for this input", err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

// uncNPSInput draws NPS counts, mostly moderate, sometimes huge, never all 0.
func uncNPSInput(t *rapid.T, label string) crm.NPSInput {
	hi := 100_000
	if rapid.IntRange(0, 9).Draw(t, label+" huge") == 0 {
		hi = math.MaxInt / 4
	}
	in := crm.NPSInput{
		Promoters:  rapid.IntRange(0, hi).Draw(t, label+".Promoters"),
		Passives:   rapid.IntRange(0, hi).Draw(t, label+".Passives"),
		Detractors: rapid.IntRange(0, hi).Draw(t, label+".Detractors"),
	}
	if in == (crm.NPSInput{}) {
		in.Passives = 1
	}
	return in
}

func uncConfidence(t *rapid.T, label string) float64 {
	if rapid.Bool().Draw(t, label+" usual") {
		return rapid.SampledFrom([]float64{0.8, 0.9, 0.95, 0.98, 0.99, 0.999}).Draw(t, label)
	}
	return rapid.Float64Range(1e-6, 1-1e-9).Draw(t, label)
}

func uncMethod(t *rapid.T) crm.NPSMethod {
	return rapid.SampledFrom([]crm.NPSMethod{crm.NPSWald, crm.NPSAdjustedWald}).Draw(t, "method")
}

// uncNear reports whether got is within rel of want, relative to the larger
// of |want| and floor.
func uncNear(got, want, rel, floor float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), floor)
}

// The oracle recomputes the textbook formulas with math/big at 256 bits.
const uncPrec = 256

func uncRatF(r *big.Rat) *big.Float { return new(big.Float).SetPrec(uncPrec).SetRat(r) }

func uncF64(x *big.Float) float64 { f, _ := x.Float64(); return f }

// uncOracleVarianceRat is 100² × (p + d − (p − d)²) as an exact rational,
// with pseudo-counts added (in quarters) for the adjusted method.
func uncOracleVarianceRat(in crm.NPSInput, adjusted bool) (variance, score, n *big.Rat) {
	p, a, d := testkit.RatInt(in.Promoters), testkit.RatInt(in.Passives), testkit.RatInt(in.Detractors)
	if adjusted {
		p.Add(p, big.NewRat(3, 4))
		a.Add(a, big.NewRat(3, 2))
		d.Add(d, big.NewRat(3, 4))
	}
	n = new(big.Rat).Add(p, a)
	n.Add(n, d)
	sp, sd := new(big.Rat).Quo(p, n), new(big.Rat).Quo(d, n)
	net := new(big.Rat).Sub(sp, sd)
	variance = new(big.Rat).Add(sp, sd)
	variance.Sub(variance, new(big.Rat).Mul(net, net))
	variance.Mul(variance, big.NewRat(10000, 1))
	return variance, net.Mul(net, big.NewRat(100, 1)), n
}

// uncOracle returns the score and standard error of a sample by a method.
func uncOracle(in crm.NPSInput, method crm.NPSMethod) (score, se *big.Float) {
	v, s, n := uncOracleVarianceRat(in, method == crm.NPSAdjustedWald)
	se = new(big.Float).SetPrec(uncPrec).Sqrt(uncRatF(new(big.Rat).Quo(v, n)))
	return uncRatF(s), se
}

// uncHalfWidth reports whether the half-width of i is margin, up to 1e-9
// relative and the rounding of ends that are far larger than margin.
func uncHalfWidth(i metrics.Interval, margin float64) bool {
	return math.Abs((i.High-i.Low)/2-margin) <= 1e-9*margin+1e-13*math.Max(math.Abs(i.Low), math.Abs(i.High))
}

func uncCritical(c float64) float64 { return -normal.Quantile((1 - c) / 2) }

func TestNPSVarianceProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := uncNPSInput(t, "in")
		v, err := crm.NPSVariance(in)
		if err != nil {
			t.Fatal(err)
		}
		se, err := crm.NPSStandardError(in)
		if err != nil {
			t.Fatal(err)
		}
		if v < 0 || v > 1e4 || se < 0 || se > 100 {
			t.Fatalf("variance %v or SE %v out of range for %+v", v, se, in)
		}
		// Zero exactly when every respondent is in one category.
		nonzero := 0
		for _, c := range []int{in.Promoters, in.Passives, in.Detractors} {
			if c > 0 {
				nonzero++
			}
		}
		if (v == 0) != (nonzero == 1) {
			t.Fatalf("variance %v for %+v", v, in)
		}
		// Oracle: the first textbook form, exactly, then SE = √(variance/n).
		wantV, _, n := uncOracleVarianceRat(in, false)
		if f, _ := wantV.Float64(); !uncNear(v, f, 1e-12, 1e-300) {
			t.Fatalf("variance %v, oracle %v for %+v", v, f, in)
		}
		_, wantSE := uncOracle(in, crm.NPSWald)
		if !uncNear(se, uncF64(wantSE), 1e-12, 1e-300) {
			t.Fatalf("SE %v, oracle %v", se, wantSE)
		}
		// Identity: SE² × n = variance.
		nf, _ := n.Float64()
		if !uncNear(se*se*nf, v, 1e-12, 1e-300) {
			t.Fatalf("SE² n = %v, variance %v", se*se*nf, v)
		}
		// Swapping promoters and detractors keeps the variance.
		mirror, err := crm.NPSVariance(crm.NPSInput{Promoters: in.Detractors, Passives: in.Passives, Detractors: in.Promoters})
		if err != nil || !uncNear(mirror, v, 1e-12, 1e-300) {
			t.Fatalf("mirror variance %v, variance %v (%v)", mirror, v, err)
		}
		// Larger samples at the same shares: same variance, smaller SE.
		if in.Promoters < 100_000 && in.Passives < 100_000 && in.Detractors < 100_000 {
			k := rapid.IntRange(2, 100).Draw(t, "k")
			scaled := crm.NPSInput{Promoters: k * in.Promoters, Passives: k * in.Passives, Detractors: k * in.Detractors}
			v2, _ := crm.NPSVariance(scaled)
			se2, _ := crm.NPSStandardError(scaled)
			if !uncNear(v2, v, 1e-12, 1e-300) || !uncNear(se2, se/math.Sqrt(float64(k)), 1e-12, 1e-300) {
				t.Fatalf("×%d: variance %v → %v, SE %v → %v", k, v, v2, se, se2)
			}
		}
	})
}

func TestNPSInterval(t *testing.T) {
	tests := []struct {
		name   string
		in     crm.NPSInput
		conf   float64
		method crm.NPSMethod
		want   metrics.Interval
	}{
		// 20/12/8: NPS 30, SE = √(6100/40) = 12.34909; z₀.₉₅ = 1.959964 (A&S
		// table 26.5): 30 ± 24.20377.
		{"40 answers, Wald", crm.NPSInput{Promoters: 20, Passives: 12, Detractors: 8}, 0.95, crm.NPSWald,
			metrics.Interval{Low: 5.79623, High: 54.20377}},
		// Adjusted: 20.75/13.5/8.75 of 43; score 1200/43 = 27.90698; variance
		// 100² × (13.5 × 29.5 + 4 × 20.75 × 8.75)/43² = 100² × 1124.5/1849 =
		// 6081.67; SE = √(6081.67/43) = 11.89261; ± 23.30908.
		{"40 answers, adjusted", crm.NPSInput{Promoters: 20, Passives: 12, Detractors: 8}, 0.95, crm.NPSAdjustedWald,
			metrics.Interval{Low: 4.59790, High: 51.21606}},
		// At 90% and 99%: z = 1.644854 and 2.575829: ± 20.31245 and 31.80914.
		{"40 answers, Wald 90%", crm.NPSInput{Promoters: 20, Passives: 12, Detractors: 8}, 0.90, crm.NPSWald,
			metrics.Interval{Low: 9.68755, High: 50.31245}},
		{"40 answers, Wald 99%", crm.NPSInput{Promoters: 20, Passives: 12, Detractors: 8}, 0.99, crm.NPSWald,
			metrics.Interval{Low: -1.80914, High: 61.80914}},
		// Seed 004: 10 ± 1.959964 × 3.714835 = 10 ± 7.28094.
		{"seed 004, Wald", crm.NPSInput{Promoters: 200, Passives: 150, Detractors: 150}, 0.95, crm.NPSWald,
			metrics.Interval{Low: 2.71906, High: 17.28094}},
		// One category: the Wald interval has zero width.
		{"all promoters, Wald", crm.NPSInput{Promoters: 12}, 0.95, crm.NPSWald, metrics.Interval{Low: 100, High: 100}},
		{"all passives, Wald", crm.NPSInput{Passives: 12}, 0.95, crm.NPSWald, metrics.Interval{Low: 0, High: 0}},
		// One promoter of one, adjusted: 1.75/1.5/0.75 of 4, score 25,
		// variance 100² × (1.5 × 2.5 + 4 × 1.75 × 0.75)/16 = 5625, SE = 37.5:
		// 25 ± 73.49865, which excludes the observed 100.
		{"one promoter, adjusted", crm.NPSInput{Promoters: 1}, 0.95, crm.NPSAdjustedWald,
			metrics.Interval{Low: -48.49865, High: 98.49865}},
		// Past the scale. 99 promoters, 1 passive: variance 100² × 99/100² =
		// 99, SE = √0.99 = 0.994987; 99 ± 1.950140 reaches 100.95.
		{"past 100, Wald", crm.NPSInput{Promoters: 99, Passives: 1}, 0.95, crm.NPSWald,
			metrics.Interval{Low: 97.04986, High: 100.95014}},
		// 50 promoters of 50, adjusted: 50.75/1.5/0.75 of 53; score 5000/53 =
		// 94.33962; variance 100² × (1.5 × 51.5 + 4 × 50.75 × 0.75)/53² =
		// 100² × 229.5/2809 = 817.017; SE = √(817.017/53) = 3.926246; ± 7.69530.
		{"past 100, adjusted", crm.NPSInput{Promoters: 50}, 0.95, crm.NPSAdjustedWald,
			metrics.Interval{Low: 86.64432, High: 102.03492}},
		// The mirror image below −100.
		{"below −100, Wald", crm.NPSInput{Detractors: 99, Passives: 1}, 0.95, crm.NPSWald,
			metrics.Interval{Low: -100.95014, High: -97.04986}},
		// One promoter and one passive: 50 ± 1.959964 × √(2500/2) = 50 ± 69.29519.
		{"two answers, Wald", crm.NPSInput{Promoters: 1, Passives: 1}, 0.95, crm.NPSWald,
			metrics.Interval{Low: -19.29519, High: 119.29519}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.NPSInterval(tt.in, tt.conf, tt.method)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-5)); diff != "" {
				t.Errorf("NPSInterval(%+v, %v, %v) (-want +got):\n%s", tt.in, tt.conf, tt.method, diff)
			}
		})
	}
}

func TestNPSIntervalErrors(t *testing.T) {
	ok := crm.NPSInput{Promoters: 3, Passives: 2, Detractors: 1}
	type tc struct {
		name   string
		in     crm.NPSInput
		conf   float64
		method crm.NPSMethod
		want   error
		field  string
	}
	var tests []tc
	for _, c := range uncCountErrors {
		tests = append(tests, tc{c.name, c.in, 0.95, crm.NPSWald, c.want, c.field})
	}
	tests = append(tests,
		tc{"confidence 0", ok, 0, crm.NPSWald, metrics.ErrOutOfRange, "confidence"},
		tc{"confidence 1", ok, 1, crm.NPSWald, metrics.ErrOutOfRange, "confidence"},
		tc{"confidence in points", ok, 95, crm.NPSAdjustedWald, metrics.ErrOutOfRange, "confidence"},
		tc{"confidence NaN", ok, math.NaN(), crm.NPSWald, metrics.ErrOutOfRange, "confidence"},
		tc{"method zero", ok, 0.95, 0, metrics.ErrInvalid, "method"},
		tc{"method unknown", ok, 0.95, 3, metrics.ErrInvalid, "method"},
		tc{"counts first", crm.NPSInput{}, 2, 0, metrics.ErrUndefined, "Promoters"},
	)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.NPSInterval(tt.in, tt.conf, tt.method)
			uncRequireError(t, err, tt.want, tt.field, -1, uncOneIn)
			if got != (metrics.Interval{}) {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
	_, err := crm.NPSInterval(ok, 0.95, 0)
	if diff := cmp.Diff("crm.NPSInterval: method NPSMethod(0) is not NPSWald or NPSAdjustedWald: invalid value", err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
	_, err = crm.NPSInterval(ok, 95, crm.NPSWald)
	if diff := cmp.Diff("crm.NPSInterval: confidence 95 is outside (0, 1): out of range", err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

func TestNPSIntervalProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := uncNPSInput(t, "in")
		c := uncConfidence(t, "confidence")
		method := uncMethod(t)
		got, err := crm.NPSInterval(in, c, method)
		if err != nil {
			t.Fatal(err)
		}
		n := float64(in.Promoters) + float64(in.Passives) + float64(in.Detractors)
		observed := 100 * (float64(in.Promoters) - float64(in.Detractors)) / n
		centre := (got.Low + got.High) / 2
		// Oracle: the textbook formulas at 256 bits.
		score, se := uncOracle(in, method)
		margin := uncF64(se) * uncCritical(c)
		if !uncNear(centre, uncF64(score), 1e-9, 1) || !uncHalfWidth(got, margin) {
			t.Fatalf("%+v %v at %v: %v, oracle %v ± %v", in, method, c, got, score, margin)
		}
		// The interval contains its point estimate: the observed score for
		// Wald, the adjusted score for adjusted Wald, which lies between 0 and
		// the observed score.
		if !got.Contains(centre) || centre < -100 || centre > 100 {
			t.Fatalf("%v does not contain its centre %v", got, centre)
		}
		switch method {
		case crm.NPSWald:
			if !uncNear(centre, observed, 1e-12, 1) {
				t.Fatalf("Wald centre %v, observed %v", centre, observed)
			}
		case crm.NPSAdjustedWald:
			if math.Abs(centre) > math.Abs(observed)+1e-9 || centre*observed < 0 {
				t.Fatalf("adjusted centre %v not between 0 and %v", centre, observed)
			}
		}
		// The interval leaves −100..100 only when the estimate is within its
		// margin of an end (the doc's "near an end").
		if got.High > 100 && 100-centre >= (got.High-got.Low)/2 || got.Low < -100 && centre+100 >= (got.High-got.Low)/2 {
			t.Fatalf("%v leaves the scale though %v is far from its ends", got, centre)
		}
		// Wider at a higher confidence.
		c2 := rapid.Float64Range(c, 1-1e-9).Draw(t, "higher confidence")
		wider, err := crm.NPSInterval(in, c2, method)
		if err != nil || wider.Low > got.Low || wider.High < got.High {
			t.Fatalf("at %v: %v, at %v: %v (%v)", c, got, c2, wider, err)
		}
		// Narrower with a larger sample at the same shares.
		if in.Promoters < 100_000 && in.Passives < 100_000 && in.Detractors < 100_000 && (got.High-got.Low) > 0 {
			k := rapid.IntRange(2, 100).Draw(t, "k")
			scaled := crm.NPSInput{Promoters: k * in.Promoters, Passives: k * in.Passives, Detractors: k * in.Detractors}
			narrower, err := crm.NPSInterval(scaled, c, method)
			if err != nil || (narrower.High-narrower.Low) >= (got.High-got.Low) {
				t.Fatalf("%+v: %v; ×%d: %v (%v)", in, got, k, narrower, err)
			}
		}
	})
}

// TestNPSIntervalLeavesScale shows when an interval leaves −100..100: for
// every sample of up to 30 answers, the 95% Wald interval leaves it exactly
// when the score is within z × SE of an end without sitting on it (a score
// of ±100 has SE 0), and such samples exist for every size from 2; the
// adjusted interval leaves it for all-promoter samples from 2 answers up
// (one promoter of one: 98.5; two of two: 104.4).
func TestNPSIntervalLeavesScale(t *testing.T) {
	z := uncCritical(0.95)
	for n := 1; n <= 30; n++ {
		leavesWald := false
		for p := 0; p <= n; p++ {
			for d := 0; p+d <= n; d++ {
				in := crm.NPSInput{Promoters: p, Passives: n - p - d, Detractors: d}
				got, err := crm.NPSInterval(in, 0.95, crm.NPSWald)
				if err != nil {
					t.Fatal(err)
				}
				se, _ := crm.NPSStandardError(in)
				score := 100 * float64(p-d) / float64(n)
				want := se > 0 && (100-score < z*se || score+100 < z*se)
				if leaves := got.High > 100 || got.Low < -100; leaves != want {
					t.Errorf("%+v: interval %v, score %v, SE %v", in, got, score, se)
				}
				leavesWald = leavesWald || want
			}
		}
		if n > 1 && !leavesWald {
			t.Errorf("no sample of %d leaves the scale", n)
		}
		adj, err := crm.NPSInterval(crm.NPSInput{Promoters: n}, 0.95, crm.NPSAdjustedWald)
		if err != nil {
			t.Fatal(err)
		}
		if (adj.High > 100) != (n >= 2) {
			t.Errorf("%d promoters of %d: adjusted interval %v", n, n, adj)
		}
	}
}

func TestNPSSampleSize(t *testing.T) {
	pct := metrics.PercentInt
	tests := []struct {
		name string
		plan crm.NPSPlan
		conf float64
		want int
	}{
		// Worst case p = d = 0.5, variance 100²: n = z² × 100²/m².
		// 1.959964² × 10⁴/25 = 3.841459 × 400 = 1536.58 → 1537.
		{"worst ±5 at 95%", crm.NPSPlan{Promoters: pct(50), Detractors: pct(50), Margin: 5}, 0.95, 1537},
		// 3.841459 × 10⁴/9 = 4268.29 → 4269.
		{"worst ±3 at 95%", crm.NPSPlan{Promoters: pct(50), Detractors: pct(50), Margin: 3}, 0.95, 4269},
		// 2.575829² = 6.634897; × 400 = 2653.96 → 2654.
		{"worst ±5 at 99%", crm.NPSPlan{Promoters: pct(50), Detractors: pct(50), Margin: 5}, 0.99, 2654},
		// 1.644854² = 2.705543; × 100 = 270.55 → 271.
		{"worst ±10 at 90%", crm.NPSPlan{Promoters: pct(50), Detractors: pct(50), Margin: 10}, 0.90, 271},
		// Seed 004 shares 40/30: variance 100² × (0.7 − 0.01) = 6900;
		// 3.841459 × 6900/25 = 1060.24 → 1061.
		{"seed 004 ±5 at 95%", crm.NPSPlan{Promoters: pct(40), Detractors: pct(30), Margin: 5}, 0.95, 1061},
		// 50/20: variance 6100; 3.841459 × 6100/100 = 234.33 → 235.
		{"50/20 ±10 at 95%", crm.NPSPlan{Promoters: pct(50), Detractors: pct(20), Margin: 10}, 0.95, 235},
		// Fractional shares and margin: 12.5/37.5 → variance 100² × (0.5 −
		// 0.0625) = 4375; 3.841459 × 4375/2.5² = 2689.02 → 2690.
		{"fractions", crm.NPSPlan{Promoters: metrics.MustParsePercent("12.5"), Detractors: metrics.MustParsePercent("37.5"), Margin: 2.5}, 0.95, 2690},
		// No variance expected: one answer suffices.
		{"all promoters", crm.NPSPlan{Promoters: pct(100), Margin: 5}, 0.95, 1},
		{"all passives", crm.NPSPlan{Margin: 5}, 0.95, 1},
		{"margin wider than the scale", crm.NPSPlan{Promoters: pct(50), Detractors: pct(50), Margin: 500}, 0.95, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.NPSSampleSize(tt.plan, tt.conf)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NPSSampleSize(%+v, %v) (-want +got):\n%s", tt.plan, tt.conf, diff)
			}
		})
	}
}

func TestNPSSampleSizeErrors(t *testing.T) {
	pct := metrics.PercentInt
	tests := []struct {
		name  string
		plan  crm.NPSPlan
		conf  float64
		want  error
		field string
	}{
		{"zero value", crm.NPSPlan{}, 0.95, metrics.ErrOutOfRange, "Margin"},
		{"promoters above 100", crm.NPSPlan{Promoters: pct(101), Margin: 5}, 0.95, metrics.ErrOutOfRange, "Promoters"},
		{"negative detractors", crm.NPSPlan{Detractors: pct(-1), Margin: 5}, 0.95, metrics.ErrOutOfRange, "Detractors"},
		{"shares above 100", crm.NPSPlan{Promoters: pct(60), Detractors: pct(41), Margin: 5}, 0.95, metrics.ErrInconsistent, "Detractors"},
		{"negative margin", crm.NPSPlan{Promoters: pct(50), Margin: -5}, 0.95, metrics.ErrOutOfRange, "Margin"},
		{"NaN margin", crm.NPSPlan{Promoters: pct(50), Margin: math.NaN()}, 0.95, metrics.ErrOutOfRange, "Margin"},
		{"infinite margin", crm.NPSPlan{Promoters: pct(50), Margin: math.Inf(1)}, 0.95, metrics.ErrOutOfRange, "Margin"},
		{"too small a margin", crm.NPSPlan{Promoters: pct(50), Detractors: pct(50), Margin: 1e-8}, 0.95, metrics.ErrOutOfRange, "Margin"},
		{"denormal margin", crm.NPSPlan{Promoters: pct(50), Detractors: pct(50), Margin: 5e-324}, 0.95, metrics.ErrOutOfRange, "Margin"},
		{"confidence 1", crm.NPSPlan{Promoters: pct(50), Margin: 5}, 1, metrics.ErrOutOfRange, "confidence"},
		{"confidence NaN", crm.NPSPlan{Promoters: pct(50), Margin: 5}, math.NaN(), metrics.ErrOutOfRange, "confidence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.NPSSampleSize(tt.plan, tt.conf)
			uncRequireError(t, err, tt.want, tt.field, -1, uncPlanIn)
			if got != 0 {
				t.Errorf("got %d with an error, want 0", got)
			}
		})
	}
	_, err := crm.NPSSampleSize(crm.NPSPlan{Promoters: pct(60), Detractors: pct(41), Margin: 5}, 0.95)
	if diff := cmp.Diff("crm.NPSSampleSize: Detractors 41% plus Promoters 60% exceeds 100%: inconsistent input", err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

func TestNPSSampleSizeProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := testkit.Percent(0, 100).Draw(t, "promoters")
		d := testkit.Percent(0, 100-p.Points().Ceil().IntPart()).Draw(t, "detractors")
		margin := rapid.Float64Range(0.5, 50).Draw(t, "margin")
		c := uncConfidence(t, "confidence")
		plan := crm.NPSPlan{Promoters: p, Detractors: d, Margin: margin}
		n, err := crm.NPSSampleSize(plan, c)
		if err != nil {
			t.Fatal(err)
		}
		// The planned sample reaches the margin, and one answer fewer does not.
		pf, df := p.Fraction().InexactFloat64(), d.Fraction().InexactFloat64()
		variance := 1e4 * (pf + df - (pf-df)*(pf-df))
		z := uncCritical(c)
		half := func(n int) float64 { return z * math.Sqrt(variance/float64(n)) }
		if n < 1 || half(n) > margin*(1+1e-12) || n > 1 && half(n-1) <= margin*(1-1e-12) {
			t.Fatalf("%+v at %v: n = %d, half-widths %v (n), %v (n − 1)", plan, c, n, half(n), half(max(n-1, 1)))
		}
		// More answers for a smaller margin or a higher confidence.
		smaller, err := crm.NPSSampleSize(crm.NPSPlan{Promoters: p, Detractors: d, Margin: margin / 2}, c)
		if err != nil || smaller < n {
			t.Fatalf("margin %v: %d, margin %v: %d (%v)", margin, n, margin/2, smaller, err)
		}
		c2 := rapid.Float64Range(c, 1-1e-9).Draw(t, "higher confidence")
		surer, err := crm.NPSSampleSize(plan, c2)
		if err != nil || surer < n {
			t.Fatalf("at %v: %d, at %v: %d (%v)", c, n, c2, surer, err)
		}
		// The worst case needs at least as many.
		worst, err := crm.NPSSampleSize(crm.NPSPlan{Promoters: metrics.PercentInt(50), Detractors: metrics.PercentInt(50), Margin: margin}, c)
		if err != nil || worst < n {
			t.Fatalf("worst case %d below %d (%v)", worst, n, err)
		}
	})
}

func TestNPSTwoSampleTest(t *testing.T) {
	tests := []struct {
		name   string
		a, b   crm.NPSInput
		conf   float64
		method crm.NPSMethod
		want   metrics.Comparison
	}{
		// 20/12/8 (NPS 30, SE² = 152.5) against 30/10/10 (NPS 40, variance
		// 100² × (0.8 − 0.16) = 6400, SE² = 128): SE = √280.5 = 16.74813,
		// Z = 10/16.74813 = 0.597081, 10 ± 1.959964 × 16.74813 = 10 ± 32.82574.
		// The p-values here are the two-sided normal tails of these Z,
		// computed independently of Go with Python's math.erfc.
		{"Wald", crm.NPSInput{Promoters: 20, Passives: 12, Detractors: 8}, crm.NPSInput{Promoters: 30, Passives: 10, Detractors: 10}, 0.95, crm.NPSWald,
			metrics.Comparison{Difference: 10, Interval: metrics.Interval{Low: -22.82574, High: 42.82574}, Z: 0.597081, PValue: 0.550453}},
		// The same shares ×100: SE = 1.674813, Z = 5.970814, 10 ± 3.282574.
		{"Wald ×100", crm.NPSInput{Promoters: 2000, Passives: 1200, Detractors: 800}, crm.NPSInput{Promoters: 3000, Passives: 1000, Detractors: 1000}, 0.95, crm.NPSWald,
			metrics.Comparison{Difference: 10, Interval: metrics.Interval{Low: 6.717426, High: 13.282574}, Z: 5.970814, PValue: 2.3607e-9}},
		// Adjusted, 10 promoters of 10 against 10 detractors of 10: scores
		// ±1000/13 = ±76.92308; each variance 100² × (1.5 × 11.5 + 4 × 10.75 ×
		// 0.75)/13² = 100² × 49.5/169, SE² = 225.3072; SE = √450.6144 =
		// 21.22768; Z = −153.8462/21.22768 = −7.247431; ± 41.60549.
		{"adjusted, one category each", crm.NPSInput{Promoters: 10}, crm.NPSInput{Detractors: 10}, 0.95, crm.NPSAdjustedWald,
			metrics.Comparison{Difference: -153.8462, Interval: metrics.Interval{Low: -195.4517, High: -112.2407}, Z: -7.247431, PValue: 4.2475e-13}},
		{"Wald, equal scores", crm.NPSInput{Promoters: 5, Detractors: 5}, crm.NPSInput{Passives: 3}, 0.95, crm.NPSWald,
			// 0 against 0; SE = √(10000/10 + 0) = 31.62278: 0 ± 61.97950.
			metrics.Comparison{Difference: 0, Interval: metrics.Interval{Low: -61.97950, High: 61.97950}, Z: 0, PValue: 1}},
		// No variation in either sample and equal scores: the convention.
		{"Wald, no variation", crm.NPSInput{Promoters: 4}, crm.NPSInput{Promoters: 9}, 0.95, crm.NPSWald,
			metrics.Comparison{PValue: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.NPSTwoSampleTest(tt.a, tt.b, tt.conf, tt.method)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(5e-5, 1e-5)); diff != "" {
				t.Errorf("NPSTwoSampleTest(%+v, %+v, %v, %v) (-want +got):\n%s", tt.a, tt.b, tt.conf, tt.method, diff)
			}
		})
	}
}

func TestNPSTwoSampleTestErrors(t *testing.T) {
	ok := crm.NPSInput{Promoters: 3, Passives: 2, Detractors: 1}
	tests := []struct {
		name   string
		a, b   crm.NPSInput
		conf   float64
		method crm.NPSMethod
		want   error
		field  string
	}{
		{"zero values", crm.NPSInput{}, crm.NPSInput{}, 0.95, crm.NPSWald, metrics.ErrUndefined, "a.Promoters"},
		{"zero b", ok, crm.NPSInput{}, 0.95, crm.NPSWald, metrics.ErrUndefined, "b.Promoters"},
		{"negative a promoters", crm.NPSInput{Promoters: -1}, ok, 0.95, crm.NPSWald, metrics.ErrNegative, "a.Promoters"},
		{"negative b passives", ok, crm.NPSInput{Passives: -1}, 0.95, crm.NPSWald, metrics.ErrNegative, "b.Passives"},
		{"negative b detractors", ok, crm.NPSInput{Detractors: -1}, 0.95, crm.NPSAdjustedWald, metrics.ErrNegative, "b.Detractors"},
		{"confidence 0", ok, ok, 0, crm.NPSWald, metrics.ErrOutOfRange, "confidence"},
		{"confidence NaN", ok, ok, math.NaN(), crm.NPSWald, metrics.ErrOutOfRange, "confidence"},
		{"method zero", ok, ok, 0.95, 0, metrics.ErrInvalid, "method"},
		{"Wald, no variation, different scores", crm.NPSInput{Promoters: 10}, crm.NPSInput{Detractors: 10}, 0.95, crm.NPSWald, metrics.ErrUndefined, "method"},
		{"Wald, no variation, passives", crm.NPSInput{Passives: 1}, crm.NPSInput{Promoters: 2}, 0.95, crm.NPSWald, metrics.ErrUndefined, "method"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crm.NPSTwoSampleTest(tt.a, tt.b, tt.conf, tt.method)
			uncRequireError(t, err, tt.want, tt.field, -1, uncTwoIn)
			if got != (metrics.Comparison{}) {
				t.Errorf("got %+v with an error, want the zero value", got)
			}
		})
	}
	_, err := crm.NPSTwoSampleTest(crm.NPSInput{Promoters: 10}, crm.NPSInput{Detractors: 10}, 0.95, crm.NPSWald)
	want := "crm.NPSTwoSampleTest: method Wald has a zero standard error: neither sample varies but their scores differ: undefined for this input"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

func TestNPSTwoSampleTestProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := uncNPSInput(t, "a")
		b := uncNPSInput(t, "b")
		c := uncConfidence(t, "confidence")
		method := uncMethod(t)
		got, err := crm.NPSTwoSampleTest(a, b, c, method)
		if errors.Is(err, metrics.ErrUndefined) && method == crm.NPSWald {
			va, _ := crm.NPSVariance(a)
			vb, _ := crm.NPSVariance(b)
			if va != 0 || vb != 0 {
				t.Fatalf("ErrUndefined for %+v, %+v with variances %v, %v", a, b, va, vb)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if got.Difference < -200 || got.Difference > 200 || !got.Interval.Contains(got.Difference) ||
			got.PValue < 0 || got.PValue > 1 || math.IsNaN(got.Z) || math.IsInf(got.Z, 0) {
			t.Fatalf("%+v, %+v: %+v", a, b, got)
		}
		// Oracle: each sample's score and SE at 256 bits.
		if got != (metrics.Comparison{PValue: 1}) {
			sa, ea := uncOracle(a, method)
			sb, eb := uncOracle(b, method)
			diff := uncF64(new(big.Float).SetPrec(uncPrec).Sub(sb, sa))
			se := uncF64(new(big.Float).SetPrec(uncPrec).Sqrt(new(big.Float).SetPrec(uncPrec).Add(
				new(big.Float).SetPrec(uncPrec).Mul(ea, ea), new(big.Float).SetPrec(uncPrec).Mul(eb, eb))))
			// Each score is good to about 1e-13 points, so Z to that over SE.
			zTol := 1e-9*math.Abs(diff/se) + 1e-12/se
			if !uncNear(got.Difference, diff, 1e-9, 1) || math.Abs(got.Z-diff/se) > zTol ||
				!uncHalfWidth(got.Interval, uncCritical(c)*se) {
				t.Fatalf("%+v, %+v, %v at %v: %+v, oracle %v, SE %v", a, b, method, c, got, diff, se)
			}
			// The test and the interval agree (away from the boundary).
			alpha := 1 - c
			if math.Abs(got.PValue-alpha) > 1e-9 && (got.PValue < alpha) == got.Interval.Contains(0) {
				t.Fatalf("p = %v at %v but interval %v", got.PValue, c, got.Interval)
			}
		}
		// Swapping the samples negates the difference and Z, not the p-value.
		swapped, err := crm.NPSTwoSampleTest(b, a, c, method)
		if err != nil || swapped.Difference != -got.Difference || swapped.Z != -got.Z || swapped.PValue != got.PValue {
			t.Fatalf("swapped %+v, original %+v (%v)", swapped, got, err)
		}
		// The same sample twice shows no difference.
		same, err := crm.NPSTwoSampleTest(a, a, c, method)
		if err != nil || same.Difference != 0 || same.Z != 0 || same.PValue != 1 {
			t.Fatalf("same sample %+v: %+v (%v)", a, same, err)
		}
		// Wider at a higher confidence, with the same test.
		c2 := rapid.Float64Range(c, 1-1e-9).Draw(t, "higher confidence")
		wider, err := crm.NPSTwoSampleTest(a, b, c2, method)
		if err != nil || wider.Interval.Low > got.Interval.Low || wider.Interval.High < got.Interval.High || wider.Z != got.Z {
			t.Fatalf("at %v: %+v, at %v: %+v (%v)", c, got, c2, wider, err)
		}
	})
}

// TestNPSTwoSampleTestAgreesWithProportions: without passives, an NPS is
// 2p − 1 of the promoter share p, so the Wald NPS difference and its interval
// are twice TwoProportionZTest's unpooled ones (the z statistics differ, as
// that test pools).
func TestNPSTwoSampleTestAgreesWithProportions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		na := rapid.IntRange(1, 100_000).Draw(t, "a.n")
		nb := rapid.IntRange(1, 100_000).Draw(t, "b.n")
		pa := rapid.IntRange(0, na).Draw(t, "a.promoters")
		pb := rapid.IntRange(0, nb).Draw(t, "b.promoters")
		c := uncConfidence(t, "confidence")
		nps, err := crm.NPSTwoSampleTest(crm.NPSInput{Promoters: pa, Detractors: na - pa}, crm.NPSInput{Promoters: pb, Detractors: nb - pb}, c, crm.NPSWald)
		if errors.Is(err, metrics.ErrUndefined) {
			return // all promoters against all detractors
		}
		if err != nil {
			t.Fatal(err)
		}
		rate, err := metrics.TwoProportionZTest(metrics.RateCounts{Part: pa, Whole: na}, metrics.RateCounts{Part: pb, Whole: nb}, c)
		if err != nil {
			t.Fatal(err)
		}
		if !uncNear(nps.Difference, 2*rate.Difference, 1e-9, 1) ||
			!uncNear(nps.Interval.Low, 2*rate.Interval.Low, 1e-9, 1) || !uncNear(nps.Interval.High, 2*rate.Interval.High, 1e-9, 1) {
			t.Fatalf("NPS %+v, rates %+v", nps, rate)
		}
	})
}

func FuzzNPSVariance(f *testing.F) {
	f.Add(3, 2, 1)
	f.Add(0, 0, 0)
	f.Add(-1, 2, 3)
	f.Add(math.MaxInt, math.MaxInt, math.MaxInt)
	f.Fuzz(func(t *testing.T, p, a, d int) {
		in := crm.NPSInput{Promoters: p, Passives: a, Detractors: d}
		v, err := crm.NPSVariance(in)
		se, err2 := crm.NPSStandardError(in)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("NPSVariance error %v, NPSStandardError error %v", err, err2)
		}
		if err != nil {
			testkit.RequireFieldOf(t, err, crm.NPSInput{})
			testkit.RequireFieldOf(t, err2, crm.NPSInput{})
			return
		}
		if !(v >= 0 && v <= 1e4) || !(se >= 0 && se <= 100) {
			t.Fatalf("%+v: variance %v, SE %v", in, v, se)
		}
	})
}

func FuzzNPSStandardError(f *testing.F) {
	f.Add(20, 12, 8)
	f.Add(0, 0, 0)
	f.Add(1, -1, 0)
	f.Fuzz(func(t *testing.T, p, a, d int) {
		se, err := crm.NPSStandardError(crm.NPSInput{Promoters: p, Passives: a, Detractors: d})
		if err != nil {
			testkit.RequireKpikitError(t, err)
			return
		}
		if !(se >= 0 && se <= 100) {
			t.Fatalf("SE %v", se)
		}
	})
}

func FuzzNPSInterval(f *testing.F) {
	f.Add(20, 12, 8, 0.95, 1)
	f.Add(0, 0, 0, 0.95, 2)
	f.Add(1, 0, 0, 0.5, 2)
	f.Add(1, 1, 1, 1.5, 1)
	f.Add(1, 1, 1, 0.9, 0)
	f.Add(math.MaxInt, math.MaxInt, math.MaxInt, 0.99, 2)
	f.Fuzz(func(t *testing.T, p, a, d int, c float64, method int) {
		got, err := crm.NPSInterval(crm.NPSInput{Promoters: p, Passives: a, Detractors: d}, c, crm.NPSMethod(method))
		if err != nil {
			testkit.RequireFieldOf(t, err, uncOneIn)
			return
		}
		centre := (got.Low + got.High) / 2
		if !(got.Low <= got.High) || centre < -100-1e-9 || centre > 100+1e-9 || (got.High-got.Low) > 2*100*uncCritical(c) {
			t.Fatalf("interval %v", got)
		}
	})
}

func FuzzNPSSampleSize(f *testing.F) {
	f.Add(int64(500000), int64(500000), 5.0, 0.95)
	f.Add(int64(0), int64(0), 0.0, 0.0)
	f.Add(int64(1000000), int64(1), 5.0, 0.95)
	f.Add(int64(500000), int64(500000), 1e-9, 0.999)
	f.Fuzz(func(t *testing.T, p, d int64, margin, c float64) {
		plan := crm.NPSPlan{Promoters: metrics.NewPercent(decimal.New(p, -4)), Detractors: metrics.NewPercent(decimal.New(d, -4)), Margin: margin}
		n, err := crm.NPSSampleSize(plan, c)
		if err != nil {
			testkit.RequireFieldOf(t, err, uncPlanIn)
			return
		}
		if n < 1 {
			t.Fatalf("n = %d for %+v at %v", n, plan, c)
		}
	})
}

func FuzzNPSTwoSampleTest(f *testing.F) {
	f.Add(20, 12, 8, 30, 10, 10, 0.95, 1)
	f.Add(10, 0, 0, 0, 0, 10, 0.95, 1)
	f.Add(10, 0, 0, 0, 0, 10, 0.95, 2)
	f.Add(0, 0, 0, 1, 1, 1, 0.95, 2)
	f.Add(1, 1, 1, 1, 1, 1, -1.0, 3)
	f.Fuzz(func(t *testing.T, pa, aa, da, pb, ab, db int, c float64, method int) {
		got, err := crm.NPSTwoSampleTest(crm.NPSInput{Promoters: pa, Passives: aa, Detractors: da},
			crm.NPSInput{Promoters: pb, Passives: ab, Detractors: db}, c, crm.NPSMethod(method))
		if err != nil {
			testkit.RequireFieldOf(t, err, uncTwoIn)
			return
		}
		if got.Difference < -200 || got.Difference > 200 || !got.Interval.Contains(got.Difference) ||
			got.PValue < 0 || got.PValue > 1 || math.IsNaN(got.Z) || math.IsInf(got.Z, 0) {
			t.Fatalf("%+v", got)
		}
	})
}

func ExampleNPSMethod_MarshalText() {
	text, err := crm.NPSAdjustedWald.MarshalText()
	if err != nil {
		fmt.Println(err)
		return
	}
	var m crm.NPSMethod
	fmt.Println(string(text), m.UnmarshalText([]byte("wald")), m == crm.NPSWald)
	// Output: adjusted_wald <nil> true
}

func TestNPSMethodText(t *testing.T) {
	for _, tt := range []struct {
		m    crm.NPSMethod
		text string
	}{{crm.NPSWald, "wald"}, {crm.NPSAdjustedWald, "adjusted_wald"}} {
		text, err := tt.m.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back crm.NPSMethod
		if err := back.UnmarshalText(text); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([2]any{tt.text, tt.m}, [2]any{string(text), back}); diff != "" {
			t.Errorf("text and round trip of %v (-want +got):\n%s", tt.m, diff)
		}
	}
}

func TestNPSMethodTextErrors(t *testing.T) {
	for _, m := range []crm.NPSMethod{0, 3, -1} {
		text, err := m.MarshalText()
		uncRequireError(t, err, metrics.ErrInvalid, "m", -1, struct{ m crm.NPSMethod }{})
		if text != nil {
			t.Errorf("MarshalText(%d) = %q with an error", int(m), text)
		}
	}
	for _, text := range []string{"", "Wald", "adjusted Wald", "adjusted-wald", "1"} {
		m := crm.NPSAdjustedWald
		err := m.UnmarshalText([]byte(text))
		uncRequireError(t, err, metrics.ErrInvalid, "text", -1, struct{ text string }{})
		if m != crm.NPSAdjustedWald {
			t.Errorf("UnmarshalText(%q) changed the method to %v", text, m)
		}
	}
}

func TestNPSMethodString(t *testing.T) {
	got := []string{crm.NPSWald.String(), crm.NPSAdjustedWald.String(), crm.NPSMethod(0).String(), crm.NPSMethod(-2).String()}
	want := []string{"Wald", "adjusted Wald", "NPSMethod(0)", "NPSMethod(-2)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestNPSUncertaintyGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		in := crm.NPSInput{Promoters: 20, Passives: 12, Detractors: 8}
		other := crm.NPSInput{Promoters: 30, Passives: 10, Detractors: 10}
		var xs []float64
		var errs []error
		v, err := crm.NPSVariance(in)
		xs, errs = append(xs, v), append(errs, err)
		v, err = crm.NPSStandardError(in)
		xs, errs = append(xs, v), append(errs, err)
		for _, m := range []crm.NPSMethod{crm.NPSWald, crm.NPSAdjustedWald} {
			ci, err := crm.NPSInterval(in, 0.9, m)
			xs, errs = append(xs, ci.Low, ci.High), append(errs, err)
			c, err := crm.NPSTwoSampleTest(in, other, 0.99, m)
			xs, errs = append(xs, c.Difference, c.Interval.Low, c.Interval.High, c.Z, c.PValue), append(errs, err)
		}
		n, err := crm.NPSSampleSize(crm.NPSPlan{Promoters: metrics.MustParsePercent("12.5"), Detractors: metrics.MustParsePercent("37.5"), Margin: 2.5}, 0.95)
		xs, errs = append(xs, float64(n)), append(errs, err)
		_, err = crm.NPSSampleSize(crm.NPSPlan{Promoters: metrics.MustParsePercent("60.5"), Detractors: metrics.MustParsePercent("41"), Margin: 5}, 0.95)
		errs = append(errs, err)
		var b strings.Builder
		for _, x := range xs {
			b.WriteString(strconv.FormatFloat(x, 'g', -1, 64) + " ")
		}
		b.WriteString(fmt.Sprint(errs))
		return b.String()
	})
}
