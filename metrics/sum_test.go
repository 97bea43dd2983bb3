package metrics_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func ExampleSum() {
	amounts := []decimal.Decimal{
		decimal.RequireFromString("19.99"),
		decimal.RequireFromString("5.01"),
		decimal.RequireFromString("-3.5"),
	}
	total := metrics.Sum(amounts)
	fmt.Println(total.StringFixed(2))
	fmt.Println(total.Exponent())
	// Output:
	// 21.50
	// -2
}

func ExampleTotal() {
	var t metrics.Total // the zero value is ready
	t.Add(decimal.NewFromInt(10))
	t.Add(decimal.NewFromInt(20), decimal.NewFromInt(40))
	mean, err := t.Mean()
	fmt.Println(t.Value(), mean, err)

	var empty metrics.Total
	_, err = empty.Mean()
	fmt.Println(empty.Value(), err)
	fmt.Println(errors.Is(err, metrics.ErrUndefined))
	// Output:
	// 70 23.3333333333 <nil>
	// 0 metrics.Total.Mean: values is empty: undefined for this input
	// true
}

// Totals of shards, computed anywhere and carried as bytes, merge into the
// total of all the values.
func ExampleTotal_Merge() {
	var east, west metrics.Total
	east.Add(decimal.RequireFromString("19.99"), decimal.RequireFromString("5.01"))
	west.Add(decimal.RequireFromString("-3.5"))

	b, _ := west.MarshalBinary() // sent from another process
	var received metrics.Total
	if err := received.UnmarshalBinary(b); err != nil {
		fmt.Println(err)
		return
	}
	if err := east.Merge(&received); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(east.Value().StringFixed(2))
	j, _ := json.Marshal(east)
	fmt.Println(string(j))
	// Output:
	// 21.50
	// {"count":3,"sum":"21.50"}
}

// mean is the mean of values through a Total.
func mean(values []decimal.Decimal) (decimal.Decimal, error) {
	var t metrics.Total
	t.Add(values...)
	return t.Mean()
}

// dec parses a decimal for test tables.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// decs parses space-separated decimals.
func decs(s string) []decimal.Decimal {
	var out []decimal.Decimal
	for _, f := range strings.Fields(s) {
		out = append(out, dec(f))
	}
	return out
}

// naiveSum is the reference: decimal's Add, one value at a time.
func naiveSum(values []decimal.Decimal) decimal.Decimal {
	total := decimal.Zero
	for _, v := range values {
		total = total.Add(v)
	}
	return total
}

// ratSum is the big.Rat oracle.
func ratSum(values []decimal.Decimal) *big.Rat {
	r := new(big.Rat)
	for _, v := range values {
		r.Add(r, testkit.Rat(v))
	}
	return r
}

func TestSum(t *testing.T) {
	maxC := decimal.New(math.MaxInt64, 0)
	minC := decimal.New(math.MinInt64, 0)
	tests := []struct {
		name   string
		values []decimal.Decimal
		want   decimal.Decimal
	}{
		{"nil", nil, decimal.Zero},
		{"one", decs("12.34"), dec("12.34")},
		{"same scale", decs("19.99 5.01 -3.50"), dec("21.50")},
		{"mixed scales", decs("1.5 0.25 2"), dec("3.75")},
		{"scale drops later", decs("1 2 0.001"), dec("3.001")},
		{"positive exponents", decs("1e3 2e2 1"), dec("1201")},
		{"zero value elements", []decimal.Decimal{{}, dec("1.1"), {}}, dec("1.1")},
		{"cancels to zero", decs("123.45 -123.45"), dec("0")},
		{"int64 overflow", []decimal.Decimal{maxC, maxC, maxC}, dec("27670116110564327421")},
		{"int64 underflow", []decimal.Decimal{minC, minC}, dec("-18446744073709551616")},
		{"overflow then back", []decimal.Decimal{maxC, maxC, minC, minC}, dec("-2")},
		{"19-digit coefficients", decs("9999999999999999999 1"), dec("10000000000000000000")},
		{"huge coefficients", decs("123456789012345678901234567890.5 -0.5"), dec("123456789012345678901234567890")},
		{"rescale overflows", decs("900000000000000000 0.1"), dec("900000000000000000.1")},
		{"scaled value overflows", decs("0.1 9e18"), dec("9000000000000000000.1")},
		{"wide spread", decs("1e-20 1e20"), dec("100000000000000000000.00000000000000000001")},
		{"money", decs("1000000.00 0.01 -0.01 250.50"), dec("1000250.50")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := metrics.Sum(tt.values)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sum(%v) (-want +got):\n%s", tt.values, diff)
			}
		})
	}
}

func TestSumExponent(t *testing.T) {
	// The exponent is the smallest among the values, as decimal.Sum's.
	tests := []struct {
		values string
		want   int32
	}{
		{"19.99 5.01", -2},
		{"1.5 0.25 2", -2},
		{"1e3 2e2", 2},
		{"10.50 0.25", -2},
		{"1 2 0.001", -3},
	}
	for _, tt := range tests {
		got := metrics.Sum(decs(tt.values)).Exponent()
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Sum(%s).Exponent() (-want +got):\n%s", tt.values, diff)
		}
	}
}

func TestMean(t *testing.T) {
	tests := []struct {
		name   string
		values []decimal.Decimal
		want   decimal.Decimal
	}{
		{"one", decs("7.25"), dec("7.25")},
		{"terminating", decs("19.99 5.01"), dec("12.5")},
		{"repeating", decs("10 20 40"), dec("23.3333333333")},
		{"rounds half away from zero", decs("1 1 2"), dec("1.3333333333")},
		{"negative repeating", decs("-2 -2 -1"), dec("-1.6666666667")},
		{"exact beyond Scale", decs("1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"), dec("0.0625")},
		{"huge", decs("123456789012345678901234567890 0"), dec("61728394506172839450617283945")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mean(tt.values)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Mean(%v) (-want +got):\n%s", tt.values, diff)
			}
			// One at a time gives the same.
			var one metrics.Total
			for _, v := range tt.values {
				one.Add(v)
			}
			if got, err := one.Mean(); err != nil || !got.Equal(tt.want) {
				t.Errorf("Mean after one-by-one Add = %v, %v", got, err)
			}
		})
	}
}

func TestMeanErrors(t *testing.T) {
	tests := []struct {
		name   string
		values []decimal.Decimal
		want   error
	}{
		{"nil", nil, metrics.ErrUndefined},
		{"empty", []decimal.Decimal{}, metrics.ErrUndefined},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mean(tt.values)
			testkit.RequireSentinel(t, err, tt.want)
			testkit.RequireFieldOf(t, err, struct{ values []decimal.Decimal }{})
			if diff := cmp.Diff(decimal.Decimal{}, got); diff != "" || got.Exponent() != 0 {
				t.Errorf("got %v with an error, want the zero value", got)
			}
		})
	}
}

// anyDecimal generates decimals of every kind Sum must handle: ordinary
// amounts, coefficients at and beyond the int64 limits, huge coefficients,
// negative values, zero values and scales from −25 to 25.
func anyDecimal() *rapid.Generator[decimal.Decimal] {
	return rapid.Custom(func(t *rapid.T) decimal.Decimal {
		exp := int32(rapid.IntRange(-25, 25).Draw(t, "exp"))
		switch rapid.IntRange(0, 5).Draw(t, "kind") {
		case 0:
			return testkit.SignedMoney().Draw(t, "money")
		case 1:
			return decimal.New(rapid.Int64().Draw(t, "coef"), exp)
		case 2:
			edges := []int64{math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1,
				1e18, -1e18, 1e18 - 1, -(1e18 - 1), 0, 1, -1}
			return decimal.New(rapid.SampledFrom(edges).Draw(t, "edge"), exp)
		case 3:
			words := rapid.SliceOfN(rapid.Uint(), 1, 3).Draw(t, "words")
			c := new(big.Int)
			for _, w := range words {
				c.Lsh(c, 64)
				c.Or(c, new(big.Int).SetUint64(uint64(w)))
			}
			if rapid.Bool().Draw(t, "negative") {
				c.Neg(c)
			}
			return decimal.NewFromBigInt(c, exp)
		case 4:
			return decimal.Decimal{}
		default:
			return decimal.New(rapid.Int64Range(-1e6, 1e6).Draw(t, "small"), exp)
		}
	})
}

func TestSumProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		values := rapid.SliceOfN(anyDecimal(), 0, 40).Draw(t, "values")
		got := metrics.Sum(values)
		// Oracle: the exact rational sum.
		testkit.RequireRat(t, got, ratSum(values))
		// Agreement: equal to an Add loop.
		if want := naiveSum(values); !got.Equal(want) {
			t.Fatalf("Sum %s, Add loop %s", got.String(), want.String())
		}
		// Agreement: the same digits and exponent as decimal.Sum.
		if len(values) > 0 {
			want := decimal.Sum(values[0], values[1:]...)
			if got.Exponent() != want.Exponent() || got.Coefficient().Cmp(want.Coefficient()) != 0 {
				t.Fatalf("Sum %v×10^%d, decimal.Sum %v×10^%d", got.Coefficient(), got.Exponent(),
					want.Coefficient(), want.Exponent())
			}
		}
		// Split: Sum(a ++ b) = Sum(a) + Sum(b).
		cut := rapid.IntRange(0, len(values)).Draw(t, "cut")
		if split := metrics.Sum(values[:cut]).Add(metrics.Sum(values[cut:])); !split.Equal(got) {
			t.Fatalf("split at %d: %s, whole %s", cut, split.String(), got.String())
		}
		// Negation: Sum(−v) = −Sum(v).
		neg := make([]decimal.Decimal, len(values))
		for i, v := range values {
			neg[i] = v.Neg()
		}
		if n := metrics.Sum(neg); !n.Equal(got.Neg()) {
			t.Fatalf("Sum of negations %s, want %s", n.String(), got.Neg().String())
		}
	})
}

func TestSumLongRuns(t *testing.T) {
	// Many values near the int64 limit force repeated carries into the big.Int.
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 3000).Draw(t, "n")
		lo := rapid.Int64Range(math.MinInt64/4, 0).Draw(t, "lo")
		hi := rapid.Int64Range(0, math.MaxInt64/4).Draw(t, "hi")
		exp := int32(rapid.IntRange(-4, 0).Draw(t, "exp"))
		seed := rapid.Uint64().Draw(t, "seed")
		r := rand.New(rand.NewPCG(seed, 1))
		values := make([]decimal.Decimal, n)
		for i := range values {
			values[i] = decimal.New(lo+r.Int64N(hi-lo+1), exp-int32(r.IntN(2)))
		}
		got := metrics.Sum(values)
		testkit.RequireRat(t, got, ratSum(values))
	})
}

func TestMeanProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		values := rapid.SliceOfN(anyDecimal(), 1, 40).Draw(t, "values")
		got, err := mean(values)
		if err != nil {
			t.Fatal(err)
		}
		// Oracle: the exact rational sum over n, at the documented scale.
		want := ratSum(values)
		want.Quo(want, new(big.Rat).SetInt64(int64(len(values))))
		testkit.RequireRat(t, got, want)
		// Range: within the smallest and the largest value.
		requireWithin(t, got, values)
		// Shift: Mean(v + c) = Mean(v) + c when the mean terminates.
		if got.Rat().Cmp(want) == 0 {
			c := testkit.SignedMoney().Draw(t, "c")
			shifted := make([]decimal.Decimal, len(values))
			for i, v := range values {
				shifted[i] = v.Add(c)
			}
			ms, err := mean(shifted)
			if err != nil {
				t.Fatal(err)
			}
			if !ms.Equal(got.Add(c)) {
				t.Fatalf("Mean(v+%s) = %s, want %s", c.String(), ms.String(), got.Add(c).String())
			}
		}
	})
}

// fuzzValues decodes 9 bytes per value: an int64 coefficient and an int8
// exponent.
func fuzzValues(data []byte) []decimal.Decimal {
	var values []decimal.Decimal
	for len(data) >= 9 {
		c := int64(binary.LittleEndian.Uint64(data))
		values = append(values, testkit.FuzzDecimal(c, int8(data[8])))
		data = data[9:]
	}
	return values
}

func FuzzSum(f *testing.F) {
	f.Add([]byte{})
	f.Add(binary.LittleEndian.AppendUint64(nil, math.MaxInt64))
	f.Add(append(append(binary.LittleEndian.AppendUint64(nil, math.MaxInt64), 3),
		append(binary.LittleEndian.AppendUint64(nil, math.MaxInt64), 0xf0)...))
	f.Add(append(append(binary.LittleEndian.AppendUint64(nil, 1<<63), 0),
		append(binary.LittleEndian.AppendUint64(nil, 1<<63), 0)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		values := fuzzValues(data)
		got := metrics.Sum(values)
		if want := naiveSum(values); !got.Equal(want) {
			t.Fatalf("Sum %s, Add loop %s", got.String(), want.String())
		}
	})
}

func FuzzTotalMean(f *testing.F) {
	f.Add([]byte{})
	f.Add(append(binary.LittleEndian.AppendUint64(nil, 10), 0))
	f.Add(append(append(binary.LittleEndian.AppendUint64(nil, math.MaxInt64), 3),
		append(binary.LittleEndian.AppendUint64(nil, 7), 0xf0)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		values := fuzzValues(data)
		got, err := mean(values)
		if err != nil {
			testkit.RequireSentinel(t, err, metrics.ErrUndefined)
			if len(values) != 0 {
				t.Fatalf("error %v for %d values", err, len(values))
			}
			return
		}
		requireWithin(t, got, values)
	})
}

// requireWithin fails t unless mean lies within the smallest and the largest
// value, each rounded outward to metrics.Scale digits (a rounded mean may
// step past a value with more digits than that).
func requireWithin(t testkit.TB, mean decimal.Decimal, values []decimal.Decimal) {
	t.Helper()
	lo := decimal.Min(values[0], values[1:]...).RoundFloor(metrics.Scale)
	hi := decimal.Max(values[0], values[1:]...).RoundCeil(metrics.Scale)
	if mean.Cmp(lo) < 0 || mean.Cmp(hi) > 0 {
		t.Fatalf("mean %s outside %s..%s", mean.String(), lo.String(), hi.String())
	}
}

func TestSumGlobalsIgnored(t *testing.T) {
	testkit.RequireGlobalsIgnored(t, func() string {
		values := decs("19.99 5.01 -3.5 1e3 0.001 9223372036854775807 9223372036854775807")
		m, err := mean(decs("10 20 40"))
		_, errEmpty := mean(nil)
		var t metrics.Total
		t.Add(decs("10.50 2e3 -0.125")...)
		j, _ := json.Marshal(t)
		return exact.Text(metrics.Sum(values)) + " " + strconv.Itoa(int(metrics.Sum(values).Exponent())) +
			" " + exact.Text(m) + " " + fmt.Sprint(err) + " " + errEmpty.Error() + " " + string(j)
	})
}

// sumInputs returns n amounts (non-negative, as check.Amount requires) with
// two digits after the point, up to 1,000,000.00, the same for every run.
func sumInputs(n int) ([]decimal.Decimal, []float64) {
	r := rand.New(rand.NewPCG(5, 5))
	values := make([]decimal.Decimal, n)
	floats := make([]float64, n)
	for i := range values {
		c := r.Int64N(100_000_001)
		values[i] = decimal.New(c, -2)
		floats[i] = float64(c) / 100
	}
	return values, floats
}

func BenchmarkSum(b *testing.B) {
	for _, n := range []int{1000, 1_000_000} {
		values, floats := sumInputs(n)
		want := naiveSum(values)
		b.Run(fmt.Sprintf("n=%d/impl=kpikit", n), func(b *testing.B) {
			b.ReportAllocs()
			var got decimal.Decimal
			for b.Loop() {
				got = metrics.Sum(values)
			}
			if !got.Equal(want) {
				b.Fatalf("Sum %s, want %s", got.String(), want.String())
			}
		})
		b.Run(fmt.Sprintf("n=%d/impl=kpikit-total-add", n), func(b *testing.B) {
			// One value at a time into a Total, as a stream or a combiner adds.
			b.ReportAllocs()
			var got decimal.Decimal
			for b.Loop() {
				var t metrics.Total
				for _, v := range values {
					t.Add(v)
				}
				got = t.Value()
			}
			if !got.Equal(want) {
				b.Fatalf("Total %s, want %s", got.String(), want.String())
			}
		})
		b.Run(fmt.Sprintf("n=%d/impl=naive-decimal", n), func(b *testing.B) {
			b.ReportAllocs()
			var got decimal.Decimal
			for b.Loop() {
				got = naiveSum(values)
			}
			if !got.Equal(want) {
				b.Fatalf("Add loop %s, want %s", got.String(), want.String())
			}
		})
		b.Run(fmt.Sprintf("n=%d/impl=decimal-sum", n), func(b *testing.B) {
			b.ReportAllocs()
			var got decimal.Decimal
			for b.Loop() {
				got = decimal.Sum(values[0], values[1:]...)
			}
			if !got.Equal(want) {
				b.Fatalf("decimal.Sum %s, want %s", got.String(), want.String())
			}
		})
		b.Run(fmt.Sprintf("n=%d/impl=float64", n), func(b *testing.B) {
			b.ReportAllocs()
			var got float64
			for b.Loop() {
				got = 0
				for _, f := range floats {
					got += f
				}
			}
			_ = got
		})
	}
}
