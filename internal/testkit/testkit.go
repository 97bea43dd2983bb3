// Package testkit is the shared test equipment of kpikit's packages: the
// big.Rat oracle's rounding rule, rapid generators for money and percentages,
// the check that an error is a documented kpikit error, and the check that a
// result does not depend on shopspring/decimal's globals. Only tests import it.
package testkit

import (
	"errors"
	"math/big"
	"testing"

	"github.com/kpikit/kpikit/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TB is the part of testing.TB that both *testing.T and *rapid.T have.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// RequireKpikitError fails t unless err is a *metrics.Error that names its
// metric and field and unwraps to one of the metrics sentinels.
func RequireKpikitError(t TB, err error) {
	t.Helper()
	var e *metrics.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *metrics.Error", err, err)
		return
	}
	if e.Metric == "" || e.Field == "" {
		t.Fatalf("error %q does not name its metric and field", err)
	}
	if Sentinel(err) == nil {
		t.Fatalf("error %q unwraps to no metrics sentinel", err)
	}
}

// Sentinel returns the metrics sentinel that err wraps, or nil, so that a
// test can compare the outcomes of two paths: Sentinel(got) == Sentinel(want).
func Sentinel(err error) error {
	for _, s := range []error{metrics.ErrNegative, metrics.ErrUndefined, metrics.ErrInconsistent,
		metrics.ErrOutOfRange, metrics.ErrMismatch, metrics.ErrInvalid, metrics.ErrNotConverged,
	} {
		if errors.Is(err, s) {
			return s
		}
	}
	return nil
}

// RequireSentinel fails t unless err is a kpikit error wrapping want.
func RequireSentinel(t TB, err, want error) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", want)
	}
	RequireKpikitError(t, err)
	if !errors.Is(err, want) {
		t.Fatalf("error %q does not wrap %v", err, want)
	}
}

// Round is the oracle's rounding rule, written independently of the
// library's: the exact value of r when its decimal expansion terminates, and
// otherwise r rounded half away from zero to metrics.Scale digits.
func Round(r *big.Rat) decimal.Decimal {
	den := new(big.Int).Set(r.Denom())
	for _, p := range []int64{2, 5} {
		bp := big.NewInt(p)
		m := new(big.Int)
		for {
			q, rem := new(big.Int).QuoRem(den, bp, m)
			if rem.Sign() != 0 {
				break
			}
			den = q
		}
	}
	if den.Cmp(big.NewInt(1)) == 0 {
		// Terminating: scale up by 10 until the value is an integer.
		num := new(big.Int).Set(r.Num())
		d := new(big.Int).Set(r.Denom())
		exp := int32(0)
		ten := big.NewInt(10)
		for new(big.Int).Rem(num, d).Sign() != 0 {
			num.Mul(num, ten)
			exp--
		}
		return decimal.NewFromBigInt(num.Quo(num, d), exp)
	}
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(metrics.Scale), nil)))
	abs := new(big.Rat).Abs(scaled)
	// floor(|x| + 1/2)
	abs.Add(abs, big.NewRat(1, 2))
	q := new(big.Int).Quo(abs.Num(), abs.Denom())
	if scaled.Sign() < 0 {
		q.Neg(q)
	}
	return decimal.NewFromBigInt(q, -metrics.Scale)
}

// RequireRat fails t unless got equals the oracle's rounding of want.
func RequireRat(t TB, got decimal.Decimal, want *big.Rat) {
	t.Helper()
	if w := Round(want); !got.Equal(w) {
		t.Fatalf("got %s, oracle %s (exact %s)", got.String(), w.String(), want.RatString())
	}
}

// Rat returns d as an exact big.Rat.
func Rat(d decimal.Decimal) *big.Rat { return d.Rat() }

// RatInt returns n as a big.Rat.
func RatInt(n int) *big.Rat { return new(big.Rat).SetInt64(int64(n)) }

// Money generates non-negative amounts with up to 4 digits after the point
// and up to 12 before it.
func Money() *rapid.Generator[decimal.Decimal] {
	return rapid.Custom(func(t *rapid.T) decimal.Decimal {
		return decimal.New(rapid.Int64Range(0, 1e16).Draw(t, "coef"), -int32(rapid.IntRange(0, 4).Draw(t, "places")))
	})
}

// SignedMoney generates amounts of either sign, as Money.
func SignedMoney() *rapid.Generator[decimal.Decimal] {
	return rapid.Custom(func(t *rapid.T) decimal.Decimal {
		return decimal.New(rapid.Int64Range(-1e16, 1e16).Draw(t, "coef"), -int32(rapid.IntRange(0, 4).Draw(t, "places")))
	})
}

// Percent generates percentages within lo..hi points (inclusive) with up to
// 4 digits after the point.
func Percent(lo, hi int64) *rapid.Generator[metrics.Percent] {
	return rapid.Custom(func(t *rapid.T) metrics.Percent {
		return metrics.NewPercent(decimal.New(rapid.Int64Range(lo*10000, hi*10000).Draw(t, "points×10⁴"), -4))
	})
}

// FuzzDecimal turns a fuzzer's coefficient and exponent into a decimal with
// an exponent within −20..20, so fuzz targets reach odd scales and signs.
func FuzzDecimal(coef int64, exp int8) decimal.Decimal {
	return decimal.New(coef, int32(exp%21))
}

// RequireGlobalsIgnored fails t if compute returns a different text while
// shopspring/decimal's package globals are set to unusual values. compute
// should format every result it wants to pin down with exact String methods.
func RequireGlobalsIgnored(t *testing.T, compute func() string) {
	t.Helper()
	want := compute()
	saved := struct {
		div, pow  int32
		trim, sci bool
		quotes    bool
	}{int32(decimal.DivisionPrecision), int32(decimal.PowPrecisionNegativeExponent),
		decimal.TrimTrailingZeros, decimal.UseScientificNotation, decimal.MarshalJSONWithoutQuotes}
	defer func() {
		decimal.DivisionPrecision = int(saved.div)
		decimal.PowPrecisionNegativeExponent = int(saved.pow)
		decimal.TrimTrailingZeros = saved.trim
		decimal.UseScientificNotation = saved.sci
		decimal.MarshalJSONWithoutQuotes = saved.quotes
	}()
	for _, precision := range []int{0, 1, 3, 40} {
		decimal.DivisionPrecision = precision
		decimal.PowPrecisionNegativeExponent = precision
		decimal.TrimTrailingZeros = precision%2 == 0
		decimal.UseScientificNotation = precision%2 == 1
		decimal.MarshalJSONWithoutQuotes = precision%2 == 1
		if got := compute(); got != want {
			t.Fatalf("with DivisionPrecision=%d the result changed:\n got %s\nwant %s", precision, got, want)
		}
	}
}
