package exact_test

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// near127 is a 19-digit coefficient that, at 10²⁰ times its exponent, lies
// just below 2¹²⁷ = 170141183460469231731687303715884105728: the 128-bit
// total holds it with 3.17 × 10¹⁹ to spare, so about 32 more values of 18
// digits overflow it on the fast path.
const near127 = 1701411834604692317

// decs parses space-separated decimals.
func decs(s string) []decimal.Decimal {
	var out []decimal.Decimal
	for _, f := range strings.Fields(s) {
		out = append(out, d(f))
	}
	return out
}

// repeat returns n copies of v.
func repeat(v decimal.Decimal, n int) []decimal.Decimal {
	out := make([]decimal.Decimal, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// sumOf adds values one at a time with Add.
func sumOf(values []decimal.Decimal) *exact.Sum {
	var s exact.Sum
	for _, v := range values {
		s.Add(v)
	}
	return &s
}

// decimalSum is the reference for digits and exponent: decimal.Sum, and
// decimal.Zero for no values.
func decimalSum(values []decimal.Decimal) decimal.Decimal {
	if len(values) == 0 {
		return decimal.Zero
	}
	return decimal.Sum(values[0], values[1:]...)
}

// ratSum is the big.Rat oracle.
func ratSum(values []decimal.Decimal) *big.Rat {
	r := new(big.Rat)
	for _, v := range values {
		r.Add(r, v.Rat())
	}
	return r
}

// requireSame fails unless got and want have the same coefficient and
// exponent, not only the same value.
func requireSame(t testkit.TB, name string, got, want decimal.Decimal) {
	t.Helper()
	if got.Exponent() != want.Exponent() || got.Coefficient().Cmp(want.Coefficient()) != 0 {
		t.Fatalf("%s: %v×10^%d, want %v×10^%d", name, got.Coefficient(), got.Exponent(),
			want.Coefficient(), want.Exponent())
	}
}

func TestSum(t *testing.T) {
	maxC := decimal.New(math.MaxInt64, 0)
	minC := decimal.New(math.MinInt64, 0)
	big18 := decimal.New(999_999_999_999_999_999, 0)
	top := decimal.New(near127, 20)
	tests := []struct {
		name   string
		values []decimal.Decimal
		want   string // the value, in plain notation
		exp    int32  // and its exponent
	}{
		{"nothing", nil, "0", 0},
		{"zero value", []decimal.Decimal{{}}, "0", 0},
		{"one", decs("12.34"), "12.34", -2},
		{"same scale", decs("19.99 5.01 -3.50"), "21.5", -2},
		{"mixed scales", decs("1.5 0.25 2"), "3.75", -2},
		{"scale drops later", decs("1 2 0.001"), "3.001", -3},
		{"positive exponents", decs("1e3 2e2"), "1200", 2},
		{"positive exponent kept", decs("5e3"), "5000", 3},
		{"cancels to zero", decs("123.45 -123.45"), "0", -2},
		{"int64 overflow", []decimal.Decimal{maxC, maxC, maxC}, "27670116110564327421", 0},
		{"int64 underflow", []decimal.Decimal{minC, minC}, "-18446744073709551616", 0},
		{"overflow then back", []decimal.Decimal{maxC, maxC, minC, minC}, "-2", 0},
		{"19 digits", decs("9999999999999999999 1 -9999999999999999999 -9999999999999999999"),
			"-9999999999999999998", 0},
		{"huge", decs("123456789012345678901234567890.5 -0.5"), "123456789012345678901234567890", -1},
		{"huge after a positive exponent", decs("1e3 1234567890123456789012345e5"),
			"123456789012345678901234501000", 3},
		{"scaled value beyond 128 bits", decs("1 1e50 -1"), "1" + strings.Repeat("0", 50), 0},
		{"rescaled total beyond 128 bits", decs("1e37 0.00001"), "10000000000000000000000000000000000000.00001", -5},
		{"rescaled sum beyond 2¹²⁷", decs("9e37 9e37 1"), "180000000000000000000000000000000000001", 0},
		{"sum beyond 2¹²⁷", decs("0 9e37 9e37 1"), "180000000000000000000000000000000000001", 0},
		{"sum below −2¹²⁷", decs("0 -9e37 -9e37 -1"), "-180000000000000000000000000000000000001", 0},
		// 2¹²⁷ − 3.17 × 10¹⁹, then 40 values of 18 digits: the fast path
		// overflows, and the total goes on exactly.
		{"fast path beyond 2¹²⁷", append([]decimal.Decimal{decimal.New(0, 0), top}, repeat(big18, 40)...),
			"170141183460469231739999999999999999960", 0},
		{"fast path below −2¹²⁷", append([]decimal.Decimal{decimal.New(0, 0), top.Neg()}, repeat(big18.Neg(), 40)...),
			"-170141183460469231739999999999999999960", 0},
		{"wide spread", decs("1e-20 1e20"), "100000000000000000000.00000000000000000001", -20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for impl, s := range map[string]*exact.Sum{"Add": sumOf(tt.values), "AddSlice": addSlice(tt.values),
				"AddAPI": sumOfAPI(tt.values), "AddSliceAPI": addSliceAPI(tt.values)} {
				got := s.Value()
				if diff := cmp.Diff(tt.want+" "+fmt.Sprint(tt.exp), exact.Text(got)+" "+fmt.Sprint(got.Exponent())); diff != "" {
					t.Errorf("%s %v (-want +got):\n%s", impl, tt.values, diff)
				}
				requireSame(t, impl, got, decimalSum(tt.values))
			}
		})
	}
}

// addSlice adds values with one AddSlice call.
func addSlice(values []decimal.Decimal) *exact.Sum {
	var s exact.Sum
	s.AddSlice(values)
	return &s
}

// sumOfAPI and addSliceAPI are sumOf and addSlice through decimal's API
// only, the path taken when decimal.Decimal's layout is not known.
func sumOfAPI(values []decimal.Decimal) *exact.Sum {
	var s exact.Sum
	for _, v := range values {
		s.AddAPI(v)
	}
	return &s
}

func addSliceAPI(values []decimal.Decimal) *exact.Sum {
	var s exact.Sum
	s.AddSliceAPI(values)
	return &s
}

// requireSamePaths fails unless the API-only paths give want for values.
func requireSamePaths(t testkit.TB, values []decimal.Decimal, want decimal.Decimal) {
	t.Helper()
	requireSame(t, "AddAPI", sumOfAPI(values).Value(), want)
	requireSame(t, "AddSliceAPI", addSliceAPI(values).Value(), want)
}

// anyDecimal generates decimals of every kind Sum must handle: ordinary
// amounts, coefficients at and beyond the int64 limits, 19-digit ones, some
// near 2¹²⁷ once scaled, huge ones, negative values, zero values and
// exponents from −25 to 25.
func anyDecimal() *rapid.Generator[decimal.Decimal] {
	return rapid.Custom(func(t *rapid.T) decimal.Decimal {
		exp := int32(rapid.IntRange(-25, 25).Draw(t, "exp"))
		switch rapid.IntRange(0, 6).Draw(t, "kind") {
		case 0:
			return testkit.SignedMoney().Draw(t, "money")
		case 1:
			return decimal.New(rapid.Int64().Draw(t, "coef"), exp)
		case 2:
			edges := []int64{math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1,
				1e18, -1e18, 1e18 - 1, -(1e18 - 1), near127, -near127, 0, 1, -1}
			return decimal.New(rapid.SampledFrom(edges).Draw(t, "edge"), exp)
		case 3:
			words := rapid.SliceOfN(rapid.Uint64(), 1, 3).Draw(t, "words")
			c := new(big.Int)
			for _, w := range words {
				c.Lsh(c, 64)
				c.Or(c, new(big.Int).SetUint64(w))
			}
			if rapid.Bool().Draw(t, "negative") {
				c.Neg(c)
			}
			return decimal.NewFromBigInt(c, exp)
		case 4:
			// 19 digits: beyond int64 or not.
			c := new(big.Int).SetUint64(rapid.Uint64Range(1e18, 1e19-1).Draw(t, "19 digits"))
			if rapid.Bool().Draw(t, "negative") {
				c.Neg(c)
			}
			return decimal.NewFromBigInt(c, exp)
		case 5:
			return decimal.Decimal{}
		default:
			return decimal.New(rapid.Int64Range(-1e6, 1e6).Draw(t, "small"), exp)
		}
	})
}

// cutAt cuts values into parts at sorted random points; parts may be empty.
func cutAt(t *rapid.T, values []decimal.Decimal) [][]decimal.Decimal {
	cuts := rapid.SliceOfN(rapid.IntRange(0, len(values)), 0, 5).Draw(t, "cuts")
	slices.Sort(cuts)
	var parts [][]decimal.Decimal
	last := 0
	for _, c := range cuts {
		parts = append(parts, values[last:c])
		last = c
	}
	return append(parts, values[last:])
}

func TestSumProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		values := rapid.SliceOfN(anyDecimal(), 0, 40).Draw(t, "values")
		s := sumOf(values)
		got := s.Value()
		// Oracle: the exact rational sum.
		if got.Rat().Cmp(ratSum(values)) != 0 {
			t.Fatalf("Sum %s, exact sum %s", got.String(), ratSum(values).RatString())
		}
		// The digits and exponent of decimal.Sum, the value of an Add loop.
		requireSame(t, "Add", got, decimalSum(values))
		naive := decimal.Zero
		for _, v := range values {
			naive = naive.Add(v)
		}
		if !got.Equal(naive) {
			t.Fatalf("Sum %s, Add loop %s", got.String(), naive.String())
		}
		// AddSlice is a loop of Add, also when it starts on a non-empty Sum.
		requireSame(t, "AddSlice", addSlice(values).Value(), got)
		cut := rapid.IntRange(0, len(values)).Draw(t, "cut")
		part := sumOf(values[:cut])
		part.AddSlice(values[cut:])
		requireSame(t, "Add then AddSlice", part.Value(), got)
		requireSamePaths(t, values, got)
		// Value does not change the Sum.
		requireSame(t, "Value again", s.Value(), got)
	})
}

func TestSumMergeProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		values := rapid.SliceOfN(anyDecimal(), 0, 40).Draw(t, "values")
		whole := sumOf(values).Value()
		// The shards' Sums, merged in any order into the zero value, give
		// the one pass's digits and exponent.
		parts := cutAt(t, values)
		sums := make([]*exact.Sum, len(parts))
		for i, p := range parts {
			sums[i] = sumOf(p)
		}
		var merged exact.Sum
		for _, s := range rapid.Permutation(sums).Draw(t, "order") {
			merged.Merge(s)
		}
		requireSame(t, "merged shards", merged.Value(), whole)
		// Merging an empty Sum changes nothing.
		merged.Merge(&exact.Sum{})
		requireSame(t, "merged an empty Sum", merged.Value(), whole)
		// A Sum merged with itself is the Sum of the values twice.
		merged.Merge(&merged)
		requireSame(t, "merged with itself", merged.Value(), sumOf(append(slices.Clone(values), values...)).Value())
	})
}

func TestSumCopies(t *testing.T) {
	// A copy changes on its own, whatever the state of the original: in
	// the 128-bit part only, or with an overflow decimal too.
	rapid.Check(t, func(t *rapid.T) {
		values := rapid.SliceOfN(anyDecimal(), 0, 20).Draw(t, "values")
		more := rapid.SliceOfN(anyDecimal(), 1, 20).Draw(t, "more")
		other := rapid.SliceOfN(anyDecimal(), 1, 20).Draw(t, "other")
		s := sumOf(values)
		before := s.Value()
		c := *s
		c.AddSlice(more)
		c.Merge(s)
		requireSame(t, "original after changing the copy", s.Value(), before)
		s.AddSlice(other)
		requireSame(t, "original", s.Value(), sumOf(append(slices.Clone(values), other...)).Value())
		want := slices.Concat(values, more, values)
		requireSame(t, "copy", c.Value(), sumOf(want).Value())
		if c.Value().Rat().Cmp(ratSum(want)) != 0 {
			t.Fatalf("copy %s, exact sum %s", c.Value().String(), ratSum(want).RatString())
		}
	})
}

func TestSumLongRuns(t *testing.T) {
	// Many values of 18 digits on the fast path, after a start near ±2¹²⁷
	// or not, cross the 128-bit limits and come back.
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 500).Draw(t, "n")
		exp := int32(rapid.IntRange(-4, 0).Draw(t, "exp"))
		start := rapid.SampledFrom([]int64{0, near127, -near127}).Draw(t, "start")
		seed := rapid.Uint64().Draw(t, "seed")
		r := rand.New(rand.NewPCG(seed, 1))
		values := []decimal.Decimal{decimal.New(0, exp), decimal.New(start, 20)}
		for range n {
			c := 1e18 - 1 - r.Int64N(1e6)
			if r.IntN(4) == 0 == (start >= 0) { // mostly away from zero
				c = -c
			}
			values = append(values, decimal.New(c, exp))
		}
		requireSame(t, "Add", sumOf(values).Value(), decimalSum(values))
		requireSame(t, "AddSlice", addSlice(values).Value(), decimalSum(values))
		requireSamePaths(t, values, decimalSum(values))
	})
}

func TestSumAllocs(t *testing.T) {
	// Coefficients of up to 19 digits at any exponent go into the 128-bit
	// total without allocating, on either path.
	values := decs("19.99 5.01 -3.5 1e3 0.001 9223372036854775807 -9999999999999999999 0 7e-9")
	var s exact.Sum
	if a := testing.AllocsPerRun(100, func() {
		for _, v := range values {
			s.Add(v)
		}
		s.AddSlice(values)
		for _, v := range values {
			s.AddAPI(v)
		}
		s.AddSliceAPI(values)
		var o exact.Sum
		o.AddSlice(values)
		s.Merge(&o)
	}); a != 0 {
		t.Errorf("Add, AddSlice and Merge allocate %v times", a)
	}
}

// fuzzValues decodes 10 bytes per value: an int64 coefficient, an int8
// exponent and a byte whose low bits stretch the coefficient to 19 digits or
// beyond 2¹²⁸ (×10^(byte mod 32)).
func fuzzValues(data []byte) []decimal.Decimal {
	var values []decimal.Decimal
	for len(data) >= 10 {
		c := int64(binary.LittleEndian.Uint64(data))
		v := testkit.FuzzDecimal(c, int8(data[8]))
		if k := data[9] % 32; k != 0 {
			m := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
			v = decimal.NewFromBigInt(m.Mul(m, big.NewInt(c)), v.Exponent())
		}
		values = append(values, v)
		data = data[10:]
	}
	return values
}

func FuzzSum(f *testing.F) {
	f.Add([]byte{}, uint8(0))
	value := func(c int64, exp, stretch byte) []byte {
		return append(binary.LittleEndian.AppendUint64(nil, uint64(c)), exp, stretch)
	}
	f.Add(slices.Concat(value(math.MaxInt64, 0, 0), value(math.MaxInt64, 3, 0), value(1, 0xf0, 0)), uint8(1))
	f.Add(slices.Concat(value(math.MinInt64, 0, 0), value(near127, 0, 20), value(1e18-1, 0, 0)), uint8(2))
	f.Add(slices.Concat(value(-5, 0, 25), value(7, 3, 1), value(-1, 0xfe, 0)), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, cut uint8) {
		values := fuzzValues(data)
		got := sumOf(values).Value()
		requireSame(t, "Add", got, decimalSum(values))
		requireSame(t, "AddSlice", addSlice(values).Value(), got)
		requireSamePaths(t, values, got)
		c := int(cut) % (len(values) + 1)
		a, b := sumOf(values[:c]), addSlice(values[c:])
		b.Merge(a)
		requireSame(t, "merged halves", b.Value(), got)
	})
}

// BenchmarkSumAdd compares AddSlice (impl=kpikit) and Add one value at a
// time (impl=kpikit-add) with the paths they take through decimal's API
// alone, with the kpikit_purego tag or should decimal.Decimal's layout change
// (impl=kpikit-purego, impl=kpikit-purego-add), and with what a Go programmer
// writes without kpikit: an Add loop (impl=naive-decimal) and decimal.Sum
// (impl=decimal-sum).
func BenchmarkSumAdd(b *testing.B) {
	for _, n := range []int{1000, 1_000_000} {
		r := rand.New(rand.NewPCG(5, 5))
		values := make([]decimal.Decimal, n)
		for i := range values {
			values[i] = decimal.New(r.Int64N(100_000_001), -2)
		}
		want := decimalSum(values)
		impls := []struct {
			name string
			sum  func([]decimal.Decimal) *exact.Sum
		}{
			{"kpikit", addSlice}, {"kpikit-add", sumOf}, {"kpikit-purego", addSliceAPI}, {"kpikit-purego-add", sumOfAPI},
		}
		for _, impl := range impls {
			b.Run(fmt.Sprintf("n=%d/impl=%s", n, impl.name), func(b *testing.B) {
				b.ReportAllocs()
				var s *exact.Sum
				for b.Loop() {
					s = impl.sum(values)
				}
				requireSame(b, impl.name, s.Value(), want)
			})
		}
		b.Run(fmt.Sprintf("n=%d/impl=naive-decimal", n), func(b *testing.B) {
			b.ReportAllocs()
			var got decimal.Decimal
			for b.Loop() {
				got = decimal.Zero
				for _, v := range values {
					got = got.Add(v)
				}
			}
			requireSame(b, "Add loop", got, want)
		})
		b.Run(fmt.Sprintf("n=%d/impl=decimal-sum", n), func(b *testing.B) {
			b.ReportAllocs()
			var got decimal.Decimal
			for b.Loop() {
				got = decimal.Sum(values[0], values[1:]...)
			}
			requireSame(b, "decimal.Sum", got, want)
		})
	}
}
