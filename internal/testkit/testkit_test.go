package testkit

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestRound holds the oracle's own rounding rule to values computed by hand:
// terminating quotients exactly, whatever their length; the others rounded
// half away from zero at metrics.Scale (10) digits.
func TestRound(t *testing.T) {
	pow := func(base, exp int64) *big.Int { return new(big.Int).Exp(big.NewInt(base), big.NewInt(exp), nil) }
	frac := func(num, den *big.Int) *big.Rat { return new(big.Rat).SetFrac(num, den) }
	tests := []struct {
		name string
		r    *big.Rat
		want string // the result's text with all its digits (StringFixed at its exponent)
		exp  int32  // its exponent
	}{
		{"zero", big.NewRat(0, 1), "0", 0},
		{"integer", big.NewRat(5, 1), "5", 0},
		{"negative integer", big.NewRat(-12, 1), "-12", 0},
		{"quarter", big.NewRat(1, 4), "0.25", -2},
		{"eighth", big.NewRat(-1, 8), "-0.125", -3},
		{"terminating, 6 digits", big.NewRat(123456789, 1000), "123456.789", -3},
		{"terminating beyond Scale", frac(big.NewInt(1), pow(2, 30)), "0.000000000931322574615478515625", -30},
		{"terminating beyond Scale, negative", frac(big.NewInt(-3), pow(10, 12)), "-0.000000000003", -12},
		{"a third rounds down", big.NewRat(1, 3), "0.3333333333", -10},
		{"two thirds round up", big.NewRat(2, 3), "0.6666666667", -10},
		{"minus two thirds round away from zero", big.NewRat(-2, 3), "-0.6666666667", -10},
		{"a sixth", big.NewRat(1, 6), "0.1666666667", -10},
		{"minus a sixth", big.NewRat(-1, 6), "-0.1666666667", -10},
		{"a seventh", big.NewRat(1, 7), "0.1428571429", -10},
		{"minus a ninth rounds toward zero", big.NewRat(-1, 9), "-0.1111111111", -10},
		{"a third of 10^-10 rounds to 0", frac(big.NewInt(1), new(big.Int).Mul(big.NewInt(3), pow(10, 10))), "0.0000000000", -10},
		{"two thirds of 10^-10 round to 10^-10", frac(big.NewInt(2), new(big.Int).Mul(big.NewInt(3), pow(10, 10))), "0.0000000001", -10},
		{"minus two thirds of 10^-10", frac(big.NewInt(-2), new(big.Int).Mul(big.NewInt(3), pow(10, 10))), "-0.0000000001", -10},
		{"mixed: 100/3", big.NewRat(100, 3), "33.3333333333", -10},
		{"mixed: -200/3", big.NewRat(-200, 3), "-66.6666666667", -10},
		{"just below a half at Scale", frac(new(big.Int).Sub(new(big.Int).Mul(big.NewInt(5), pow(10, 20)), big.NewInt(1)), new(big.Int).Mul(big.NewInt(3), pow(10, 31))),
			"0.0000000000", -10}, // (5·10²⁰ − 1) / (3·10³¹) = 0.0000000000166…: down
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Round(tt.r)
			if s := got.StringFixed(-got.Exponent()); s != tt.want {
				t.Errorf("Round(%s) = %s, want %s", tt.r.RatString(), s, tt.want)
			}
			if got.Exponent() != tt.exp {
				t.Errorf("Round(%s) has exponent %d, want %d", tt.r.RatString(), got.Exponent(), tt.exp)
			}
		})
	}
}

func TestRequireRat(t *testing.T) {
	var f fakeTB
	RequireRat(&f, decimal.RequireFromString("0.3333333333"), big.NewRat(1, 3))
	if f.failed != "" {
		t.Errorf("RequireRat failed on the right value: %s", f.failed)
	}
	RequireRat(&f, decimal.RequireFromString("0.3333333334"), big.NewRat(1, 3))
	if !strings.Contains(f.failed, "oracle 0.3333333333") {
		t.Errorf("RequireRat accepted a wrong value: %q", f.failed)
	}
	if Rat(decimal.New(-15, -1)).Cmp(big.NewRat(-3, 2)) != 0 || RatInt(7).Cmp(big.NewRat(7, 1)) != 0 {
		t.Error("Rat or RatInt is wrong")
	}
}

func TestRequireKpikitError(t *testing.T) {
	good := &metrics.Error{Metric: "m", Field: "f", Index: -1, Err: metrics.ErrNegative}
	tests := []struct {
		name string
		err  error
		want error // the sentinel RequireSentinel asks for
		fail string
	}{
		{"good", fmt.Errorf("wrapped: %w", good), metrics.ErrNegative, ""},
		{"nil", nil, metrics.ErrNegative, "got no error"},
		{"plain error", errors.New("x"), metrics.ErrNegative, "is not a *metrics.Error"},
		{"no metric", &metrics.Error{Field: "f", Err: metrics.ErrNegative}, metrics.ErrNegative, "does not name its metric"},
		{"no field", &metrics.Error{Metric: "m", Err: metrics.ErrNegative}, metrics.ErrNegative, "does not name its metric and field"},
		{"no sentinel", &metrics.Error{Metric: "m", Field: "f", Err: errors.New("x")}, metrics.ErrNegative, "unwraps to no metrics sentinel"},
		{"other sentinel", good, metrics.ErrUndefined, "does not wrap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f fakeTB
			RequireSentinel(&f, tt.err, tt.want)
			if (tt.fail == "") != (f.failed == "") || !strings.Contains(f.failed, tt.fail) {
				t.Errorf("failure %q, want one containing %q", f.failed, tt.fail)
			}
		})
	}
}

func TestSentinel(t *testing.T) {
	for _, s := range []error{metrics.ErrNegative, metrics.ErrUndefined, metrics.ErrInconsistent,
		metrics.ErrOutOfRange, metrics.ErrMismatch, metrics.ErrInvalid} {
		if got := Sentinel(fmt.Errorf("x: %w", s)); got != s {
			t.Errorf("Sentinel(%v) = %v", s, got)
		}
	}
	if Sentinel(nil) != nil || Sentinel(errors.New("x")) != nil {
		t.Error("Sentinel of a non-kpikit error is not nil")
	}
}

func TestGenerators(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := Money().Draw(t, "money")
		if m.Sign() < 0 || m.Exponent() < -4 || m.Cmp(decimal.New(1, 16)) > 0 {
			t.Fatalf("Money drew %s", m.String())
		}
		s := SignedMoney().Draw(t, "signed")
		if s.Exponent() < -4 || s.Abs().Cmp(decimal.New(1, 16)) > 0 {
			t.Fatalf("SignedMoney drew %s", s.String())
		}
		p := Percent(-5, 120).Draw(t, "percent")
		if p.Cmp(metrics.PercentInt(-5)) < 0 || p.Cmp(metrics.PercentInt(120)) > 0 || p.Points().Exponent() < -4 {
			t.Fatalf("Percent(-5, 120) drew %v", p)
		}
	})
	if d := FuzzDecimal(7, 25); d.Exponent() != 4 || !d.Equal(decimal.New(7, 4)) {
		t.Errorf("FuzzDecimal(7, 25) = %s", d.String())
	}
	if d := FuzzDecimal(-7, -128); d.Exponent() != -2 {
		t.Errorf("FuzzDecimal(-7, -128) has exponent %d", d.Exponent())
	}
}

func TestRequireGlobalsIgnored(t *testing.T) {
	calls := 0
	RequireGlobalsIgnored(t, func() string {
		calls++
		return decimal.New(15, -1).StringFixed(1) // reads no global
	})
	if calls != 5 {
		t.Errorf("compute ran %d times, want once plus once per setting (5)", calls)
	}
	if decimal.DivisionPrecision != 16 || !decimal.TrimTrailingZeros || decimal.UseScientificNotation {
		t.Error("RequireGlobalsIgnored did not restore the globals")
	}
}
