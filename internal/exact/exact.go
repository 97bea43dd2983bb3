// Package exact holds the division and formatting rules that every kpikit
// package shares, so that a quotient or a printed number never depends on
// shopspring/decimal's mutable package globals (DivisionPrecision,
// TrimTrailingZeros, UseScientificNotation).
package exact

import (
	"math"
	"math/big"

	"github.com/shopspring/decimal"
)

var (
	bigOne  = big.NewInt(1)
	bigTwo  = big.NewInt(2)
	bigFive = big.NewInt(5)
	bigTen  = big.NewInt(10)
)

// Scale is the number of digits after the point at which a quotient that does
// not terminate is rounded; metrics.Scale documents it for users.
const Scale = 10

var hundred = decimal.NewFromInt(100)

// Quo returns num / den. When the quotient has a finite decimal expansion it
// is returned exactly, whatever its length; otherwise it is rounded half away
// from zero to Scale digits after the point. den must not be zero: callers
// check it first and report metrics.ErrUndefined.
func Quo(num, den decimal.Decimal) decimal.Decimal {
	const scale = Scale
	if num.IsZero() {
		return decimal.Zero
	}
	// num/den = (a / b) × 10^(ea−eb) with integer coefficients a and b.
	a := num.Coefficient()
	b := den.Coefficient()
	if b.Sign() < 0 {
		a.Neg(a)
		b.Neg(b)
	}
	g := new(big.Int).GCD(nil, nil, new(big.Int).Abs(a), b)
	a.Quo(a, g)
	b.Quo(b, g)
	// The reduced fraction terminates iff b has no prime factor but 2 and 5.
	twos, fives, rest := 0, 0, new(big.Int).Set(b)
	mod := new(big.Int)
	for {
		q, r := new(big.Int).QuoRem(rest, bigTwo, mod)
		if r.Sign() != 0 {
			break
		}
		rest, twos = q, twos+1
	}
	for {
		q, r := new(big.Int).QuoRem(rest, bigFive, mod)
		if r.Sign() != 0 {
			break
		}
		rest, fives = q, fives+1
	}
	if rest.Cmp(bigOne) != 0 {
		return num.DivRound(den, scale)
	}
	// a/b = a × (10^k / b) / 10^k with k = max(twos, fives).
	k := max(twos, fives)
	m := new(big.Int).Exp(bigTen, big.NewInt(int64(k)), nil)
	m.Quo(m, b)
	a.Mul(a, m)
	exp := int64(num.Exponent()) - int64(den.Exponent()) - int64(k)
	if exp < math.MinInt32 {
		// Far below 10^−Scale: rounds to zero (decimal cannot hold the exact form).
		return decimal.Zero
	}
	if exp > math.MaxInt32 {
		return num.DivRound(den, scale)
	}
	return decimal.NewFromBigInt(a, int32(exp))
}

// Rate returns part / whole × 100 in points, by the rule of Quo.
func Rate(part, whole decimal.Decimal) decimal.Decimal {
	return Quo(part.Mul(hundred), whole)
}

// RateInt is Rate for counts.
func RateInt(part, whole int) decimal.Decimal {
	return Rate(decimal.NewFromInt(int64(part)), decimal.NewFromInt(int64(whole)))
}

// QuoInt is Quo for counts.
func QuoInt(num, den int) decimal.Decimal {
	return Quo(decimal.NewFromInt(int64(num)), decimal.NewFromInt(int64(den)))
}

// Text formats d in plain notation without trailing zeros ("5", "12.5",
// "-0.25"), independent of shopspring's formatting globals.
func Text(d decimal.Decimal) string {
	n := d.Normalize()
	places := -n.Exponent()
	if places < 0 {
		places = 0
	}
	return n.StringFixed(places)
}
