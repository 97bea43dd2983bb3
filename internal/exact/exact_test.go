package exact_test

import (
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kpikit/kpikit/internal/exact"
	"github.com/kpikit/kpikit/internal/testkit"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestQuo(t *testing.T) {
	tests := []struct{ num, den, want string }{
		{"1", "3", "0.3333333333"},
		{"2", "3", "0.6666666667"},
		{"-2", "3", "-0.6666666667"},
		{"2", "-3", "-0.6666666667"},
		{"1", "1024", "0.0009765625"},
		{"1", "1099511627776", "0.0000000000009094947017729282379150390625"}, // 2^-40, exact
		{"10000", "500", "20"},
		{"0", "7", "0"},
		{"1.5", "0.5", "3"},
		{"1", "0.003", "333.3333333333"},
		{"123456789012345678901234567890", "10", "12345678901234567890123456789"},
		{"999999999999999999", "7", "142857142857142857"},
		{"999999999999999998", "7", "142857142857142856.8571428571"},
		{"-999999999999999999", "-0.000000001", "999999999999999999000000000"},
		{"1", "524288", "0.0000019073486328125"},                      // 2^-19: the largest k the small path takes
		{"3", "17179869184", "0.00000000017462298274040222167968750"}, // 2^-34: the general path
		{"5", "0.0000000001", "50000000000"},
		{"-1", "6", "-0.1666666667"},
		{"1", "-0.6", "-1.6666666667"},
	}
	for _, tt := range tests {
		got := exact.Quo(d(tt.num), d(tt.den))
		if !got.Equal(d(tt.want)) {
			t.Errorf("Quo(%s, %s) = %s, want %s", tt.num, tt.den, got, tt.want)
		}
	}
	if got := exact.Rate(d("25"), d("500")); !got.Equal(d("5")) {
		t.Errorf("Rate(25, 500) = %s", got)
	}
	if got := exact.RateInt(1, 3); !got.Equal(d("33.3333333333")) {
		t.Errorf("RateInt(1, 3) = %s", got)
	}
	if got := exact.QuoInt(7, 2); !got.Equal(d("3.5")) {
		t.Errorf("QuoInt(7, 2) = %s", got)
	}
}

func TestQuoHugeExponentFallsBack(t *testing.T) {
	// The exact exponent would leave int32: Quo must not wrap around.
	num := decimal.New(1, -2147483000)
	den := decimal.New(1024, 1000)
	if got := exact.Quo(num, den); !got.IsZero() {
		t.Fatalf("Quo of a value far below 10^-Scale = %v, want 0", got)
	}
}

func TestText(t *testing.T) {
	tests := map[string]string{"5.000": "5", "-0.250": "-0.25", "1500": "1500", "0": "0", "0.0": "0", "1E3": "1000"}
	for in, want := range tests {
		if diff := cmp.Diff(want, exact.Text(d(in))); diff != "" {
			t.Errorf("Text(%s) (-want +got): %s", in, diff)
		}
	}
}

func TestQuoMatchesOracle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		num := decimal.New(rapid.Int64().Draw(t, "a"), int32(rapid.IntRange(-12, 12).Draw(t, "ea")))
		den := decimal.New(rapid.Int64().Filter(func(v int64) bool { return v != 0 }).Draw(t, "b"),
			int32(rapid.IntRange(-12, 12).Draw(t, "eb")))
		got := exact.Quo(num, den)
		testkit.RequireRat(t, got, new(big.Rat).Quo(num.Rat(), den.Rat()))
	})
}

func FuzzQuo(f *testing.F) {
	f.Add(int64(1), int8(0), int64(3), int8(0))
	f.Add(int64(-7), int8(-3), int64(1024), int8(2))
	f.Fuzz(func(t *testing.T, a int64, ea int8, b int64, eb int8) {
		if b == 0 {
			return
		}
		num, den := testkit.FuzzDecimal(a, ea), testkit.FuzzDecimal(b, eb)
		testkit.RequireRat(t, exact.Quo(num, den), new(big.Rat).Quo(num.Rat(), den.Rat()))
	})
}

func TestIntPathsMatchOracle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.Int().Draw(t, "a")
		b := rapid.Int().Filter(func(v int) bool { return v != 0 }).Draw(t, "b")
		testkit.RequireRat(t, exact.QuoInt(a, b), big.NewRat(int64(a), int64(b)))
		testkit.RequireRat(t, exact.RateInt(a, b), new(big.Rat).Mul(big.NewRat(int64(a), int64(b)), big.NewRat(100, 1)))
	})
}

func TestIntPathsExtremes(t *testing.T) {
	const maxInt, minInt = int(^uint(0) >> 1), -int(^uint(0)>>1) - 1
	for _, c := range [][2]int{{maxInt, 1}, {minInt, 1}, {minInt, -1}, {maxInt, maxInt}, {minInt, 3}, {1, minInt}, {maxInt, 7}} {
		a, b := c[0], c[1]
		testkit.RequireRat(t, exact.QuoInt(a, b), big.NewRat(int64(a), int64(b)))
		testkit.RequireRat(t, exact.RateInt(a, b), new(big.Rat).Mul(big.NewRat(int64(a), int64(b)), big.NewRat(100, 1)))
	}
}

func BenchmarkRateInt(b *testing.B) {
	parts := []int{2, 25, 1, 7, 150}
	wholes := []int{3, 500, 7, 9, 500}
	b.Run("impl=kpikit", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_ = exact.RateInt(parts[i%5], wholes[i%5])
		}
	})
	b.Run("impl=decimal-divround", func(b *testing.B) {
		b.ReportAllocs()
		hundred := decimal.NewFromInt(100)
		for i := 0; i < b.N; i++ {
			_ = decimal.NewFromInt(int64(parts[i%5])).Mul(hundred).DivRound(decimal.NewFromInt(int64(wholes[i%5])), exact.Scale)
		}
	})
}
