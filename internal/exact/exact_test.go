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
