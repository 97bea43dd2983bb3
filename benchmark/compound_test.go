package benchmark_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/benchmark"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// A month's churn of 2%, rated against the article's yearly churn figures.
func ExampleValue_CompoundLoss() {
	b, _ := benchmark.Lookup("churn_rate", benchmark.Segment{Industry: "CRM software", Region: "United States"})
	month := benchmark.Percent(metrics.PercentInt(2)).Per(benchmark.Month)
	year, err := month.CompoundLoss(benchmark.Year)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(year)
	r, _ := b.Classify(year)
	fmt.Println(r.Tier, "("+r.Band.String()+" a year)")
	// Output:
	// 21.5283276265199966613504% a year
	// worse than typical (above 15% a year)
}

// A month's MRR growth of 1.5%, rated against the article's yearly figures.
func ExampleValue_CompoundGrowth() {
	b, _ := benchmark.Lookup("mrr_growth_rate", benchmark.Segment{Industry: "SaaS", Region: "United States"})
	month := benchmark.Percent(metrics.MustParsePercent("1.5")).Per(benchmark.Month)
	year, err := month.CompoundGrowth(benchmark.Year)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(year.Decimal().Round(2), "% a year")
	r, _ := b.Classify(year)
	fmt.Println(r.Tier)
	// Output:
	// 19.56 % a year
	// typical
}

// loss and growth are the formulas in big.Rat, as fractions of one.
func lossRat(points *big.Rat, n int) *big.Rat {
	kept := new(big.Rat).Sub(big.NewRat(1, 1), new(big.Rat).Quo(points, big.NewRat(100, 1)))
	pow := big.NewRat(1, 1)
	for range n {
		pow.Mul(pow, kept)
	}
	return new(big.Rat).Mul(new(big.Rat).Sub(big.NewRat(1, 1), pow), big.NewRat(100, 1))
}

func growthRat(points *big.Rat, n int) *big.Rat {
	factor := new(big.Rat).Add(big.NewRat(1, 1), new(big.Rat).Quo(points, big.NewRat(100, 1)))
	pow := big.NewRat(1, 1)
	for range n {
		pow.Mul(pow, factor)
	}
	return new(big.Rat).Mul(new(big.Rat).Sub(pow, big.NewRat(1, 1)), big.NewRat(100, 1))
}

func TestCompound(t *testing.T) {
	m, q, y := benchmark.Month, benchmark.Quarter, benchmark.Year
	tests := []struct {
		name         string
		v            benchmark.Value
		to           benchmark.Basis
		loss, growth string // the exact results in points
	}{
		{"5% a month to a year", pct("5").Per(m), y, "45.9639912337363037109375", "79.5856326022129150390625"},
		{"5% a month to a quarter", pct("5").Per(m), q, "14.2625", "15.7625"},
		{"5% a quarter to a year", pct("5").Per(q), y, "18.549375", "21.550625"},
		{"same basis", pct("5").Per(y), y, "5", "5"},
		{"zero", pct("0").Per(m), y, "0", "0"},
		{"zero written with a large exponent", benchmark.Percent(metrics.NewPercent(decimal.New(0, 1000))).Per(m), y, "0", "0"},
		{"100% loss", pct("100").Per(m), q, "100", "700"},
		{"-100%", pct("-100").Per(m), q, "-700", "-100"},
		{"negative", pct("-1").Per(m), q, "-3.0301", "-2.9701"},
		{"fraction of a point", pct("0.5").Per(q), y, "1.9850499375", "2.0150500625"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				f    func(benchmark.Value, benchmark.Basis) (benchmark.Value, error)
				rat  func(*big.Rat, int) *big.Rat
				want string
			}{
				{benchmark.Value.CompoundLoss, lossRat, tt.loss},
				{benchmark.Value.CompoundGrowth, growthRat, tt.growth},
			} {
				got, err := c.f(tt.v, tt.to)
				if err != nil {
					t.Fatal(err)
				}
				want := benchmark.Percent(metrics.NewPercent(dec(c.want))).Per(tt.to)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				n := map[[2]benchmark.Basis]int{{m, y}: 12, {m, q}: 3, {q, y}: 4, {y, y}: 1}[[2]benchmark.Basis{perOf(t, tt.v), tt.to}]
				if r := c.rat(tt.v.Decimal().Rat(), n); r.Cmp(got.Decimal().Rat()) != 0 {
					t.Errorf("big.Rat oracle %s, got %v", r.FloatString(40), got)
				}
			}
		})
	}
}

// perOf reads a value's basis from its JSON.
func perOf(t testing.TB, v benchmark.Value) benchmark.Basis {
	t.Helper()
	var j struct {
		Per benchmark.Basis `json:"per"`
	}
	data, err := v.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &j); err != nil {
		t.Fatal(err)
	}
	return j.Per
}

func TestCompoundErrors(t *testing.T) {
	m, q, y := benchmark.Month, benchmark.Quarter, benchmark.Year
	huge := benchmark.Percent(metrics.NewPercent(decimal.New(1, 2000000000))).Per(m)
	tests := []struct {
		name       string
		v          benchmark.Value
		to         benchmark.Basis
		loss, grow error // the sentinels; nil when the conversion succeeds
		field      string
	}{
		{"zero value", benchmark.Value{}, y, metrics.ErrInvalid, metrics.ErrInvalid, "v"},
		{"no basis", pct("5"), y, metrics.ErrInvalid, metrics.ErrInvalid, "v"},
		{"unknown basis", pct("5").Per(5), y, metrics.ErrInvalid, metrics.ErrInvalid, "v"},
		{"money", benchmark.Money(dec("5"), "USD").Per(m), y, metrics.ErrMismatch, metrics.ErrMismatch, "v"},
		{"score", score("5").Per(m), y, metrics.ErrMismatch, metrics.ErrMismatch, "v"},
		{"Number of percent", benchmark.Number(metrics.UnitPercent, dec("5")).Per(m), y, metrics.ErrMismatch, metrics.ErrMismatch, "v"},
		{"no target", pct("5").Per(m), 0, metrics.ErrInvalid, metrics.ErrInvalid, "to"},
		{"unknown target", pct("5").Per(m), 4, metrics.ErrInvalid, metrics.ErrInvalid, "to"},
		{"year to month", pct("5").Per(y), m, metrics.ErrInvalid, metrics.ErrInvalid, "to"},
		{"quarter to month", pct("5").Per(q), m, metrics.ErrInvalid, metrics.ErrInvalid, "to"},
		{"loss above 100%", pct("100.01").Per(m), y, metrics.ErrOutOfRange, nil, "v"},
		{"growth below -100%", pct("-100.01").Per(m), y, nil, metrics.ErrOutOfRange, "v"},
		{"too many places", benchmark.Percent(metrics.NewPercent(decimal.New(1, -1001))).Per(m), y, metrics.ErrOutOfRange, metrics.ErrOutOfRange, "v"},
		{"too large", benchmark.Percent(metrics.NewPercent(decimal.New(1, 18))).Per(m), y, metrics.ErrOutOfRange, metrics.ErrOutOfRange, "v"},
		{"too large, many digits", benchmark.Percent(metrics.NewPercent(dec("1000000000000000000.5"))).Per(m), y, metrics.ErrOutOfRange, metrics.ErrOutOfRange, "v"},
		{"huge exponent", huge, y, metrics.ErrOutOfRange, metrics.ErrOutOfRange, "v"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				name string
				f    func(benchmark.Value, benchmark.Basis) (benchmark.Value, error)
				want error
			}{
				{"CompoundLoss", benchmark.Value.CompoundLoss, tt.loss},
				{"CompoundGrowth", benchmark.Value.CompoundGrowth, tt.grow},
			} {
				got, err := c.f(tt.v, tt.to)
				if c.want == nil {
					if err != nil {
						t.Errorf("%s: %v", c.name, err)
					}
					continue
				}
				testkit.RequireSentinel(t, err, c.want)
				testkit.RequireFieldOf(t, err, struct {
					v  benchmark.Value // the receiver
					to benchmark.Basis
				}{})
				var e *metrics.Error
				errors.As(err, &e)
				if diff := cmp.Diff([2]string{"benchmark.Value." + c.name, tt.field}, [2]string{e.Metric, e.Field}); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(benchmark.Value{}, got); diff != "" {
					t.Errorf("%s returned a value with its error (-want +got):\n%s", c.name, diff)
				}
			}
		})
	}
}

// A month's rate converted to a year is rated as the exact yearly rate is;
// conversions compose; a loss compounds as the opposite growth; and a worse
// month is never rated better once converted.
func TestCompoundProperties(t *testing.T) {
	churn, _ := benchmark.Lookup("churn_rate", benchmark.Segment{Industry: "CRM software", Region: "United States"})
	mrr, _ := benchmark.Lookup("mrr_growth_rate", benchmark.Segment{Industry: "SaaS", Region: "United States"})
	rate := func(t *rapid.T, label string, lo, hi int64) benchmark.Value {
		places := rapid.IntRange(0, 6).Draw(t, label+" places")
		scale := decimal.New(1, int32(places))
		coef := rapid.Int64Range(lo*scale.IntPart(), hi*scale.IntPart()).Draw(t, label)
		return benchmark.Percent(metrics.NewPercent(decimal.New(coef, -int32(places)))).Per(benchmark.Month)
	}
	rapid.Check(t, func(t *rapid.T) {
		for _, c := range []struct {
			b      benchmark.Benchmark
			f      func(benchmark.Value, benchmark.Basis) (benchmark.Value, error)
			rat    func(*big.Rat, int) *big.Rat
			lo, hi int64
		}{
			{churn, benchmark.Value.CompoundLoss, lossRat, 0, 100},
			{mrr, benchmark.Value.CompoundGrowth, growthRat, -100, 40},
		} {
			x, y := rate(t, "x", c.lo, c.hi), rate(t, "y", c.lo, c.hi)
			yearly, err := c.f(x, benchmark.Year)
			if err != nil {
				t.Fatal(err)
			}
			// The exact yearly value, from big.Rat: its denominator is a power
			// of ten, so FloatString with enough places is exact.
			r := c.rat(x.Decimal().Rat(), 12)
			exact := benchmark.Percent(metrics.NewPercent(dec(r.FloatString(12 * 10)))).Per(benchmark.Year)
			if !exact.Equal(yearly) {
				t.Fatalf("%v to a year: %v, oracle %v", x, yearly, exact)
			}
			got, err := c.b.Classify(yearly)
			if err != nil {
				t.Fatal(err)
			}
			want, err := c.b.Classify(exact)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("%v (-want +got):\n%s", x, diff)
			}
			// Month → quarter → year is month → year.
			quarterly, err := c.f(x, benchmark.Quarter)
			if err != nil {
				t.Fatal(err)
			}
			twice, err := c.f(quarterly, benchmark.Year)
			if err != nil {
				t.Fatal(err)
			}
			if !twice.Equal(yearly) {
				t.Fatalf("%v: via a quarter %v, directly %v", x, twice, yearly)
			}
			// Monotone: the better month is not rated worse over the year.
			yy, err := c.f(y, benchmark.Year)
			if err != nil {
				t.Fatal(err)
			}
			ry, err := c.b.Classify(yy)
			if err != nil {
				t.Fatal(err)
			}
			requireMonotone(t, c.b.Spec().Metric.Better, x, got.Tier, y, ry.Tier)
		}
		// A loss compounds as the opposite growth.
		m := rate(t, "m", -100, 100)
		loss, err := m.CompoundLoss(benchmark.Year)
		if err != nil {
			t.Fatal(err)
		}
		neg := benchmark.Percent(metrics.NewPercent(m.Decimal().Neg())).Per(benchmark.Month)
		growth, err := neg.CompoundGrowth(benchmark.Year)
		if err != nil {
			t.Fatal(err)
		}
		if !loss.Decimal().Equal(growth.Decimal().Neg()) {
			t.Fatalf("%v: loss %v, growth of the opposite %v", m, loss, growth)
		}
	})
}

// FuzzCompound: the conversions never panic, every error unwraps to a
// sentinel, and a loss and a growth agree as opposites.
func FuzzCompound(f *testing.F) {
	f.Add(int64(5), int8(0), uint8(1), uint8(3))
	f.Add(int64(-10001), int8(-2), uint8(2), uint8(3))
	f.Add(int64(1), int8(100), uint8(1), uint8(3))
	f.Add(int64(0), int8(-128), uint8(0), uint8(9))
	f.Fuzz(func(t *testing.T, coef int64, exp int8, from, to uint8) {
		v := benchmark.Percent(metrics.NewPercent(testkit.FuzzDecimal(coef, exp))).Per(benchmark.Basis(from % 5))
		loss, errLoss := v.CompoundLoss(benchmark.Basis(to % 5))
		neg := benchmark.Percent(metrics.NewPercent(v.Decimal().Neg())).Per(benchmark.Basis(from % 5))
		growth, errGrowth := neg.CompoundGrowth(benchmark.Basis(to % 5))
		for _, err := range []error{errLoss, errGrowth} {
			if err != nil {
				testkit.RequireKpikitError(t, err)
			}
		}
		if errLoss == nil && errGrowth == nil && !loss.Decimal().Equal(growth.Decimal().Neg()) {
			t.Fatalf("%v: loss %v, growth of the opposite %v", v, loss, growth)
		}
	})
}
