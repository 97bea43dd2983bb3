// Package exact holds the division, summation and formatting rules that
// every kpikit package shares, so that a quotient, a sum or a printed number
// never depends on shopspring/decimal's mutable package globals
// (DivisionPrecision, TrimTrailingZeros, UseScientificNotation), and so that
// kpikit has one exact, allocation-free summation engine (Sum).
package exact

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/kpikit/kpikit/internal/kerr"
	"github.com/shopspring/decimal"
)

var (
	bigOne  = big.NewInt(1)
	bigTwo  = big.NewInt(2)
	bigFive = big.NewInt(5)
	bigTen  = big.NewInt(10)
)

// Scale is kerr.Scale, the one division scale (metrics.Scale re-exports and
// documents it), named here for the callers of Quo.
const Scale = kerr.Scale

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
	if q, ok := quoSmall(num, den); ok {
		return q
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
	if part == 0 {
		return decimal.Zero
	}
	// part × 100 / whole = part / whole × 10^2, without building decimals.
	if q, ok := quoInt64(int64(part), int64(whole), 2); ok {
		return q
	}
	return Rate(decimal.NewFromInt(int64(part)), decimal.NewFromInt(int64(whole)))
}

// QuoInt is Quo for counts.
func QuoInt(num, den int) decimal.Decimal {
	if num == 0 {
		return decimal.Zero
	}
	if q, ok := quoInt64(int64(num), int64(den), 0); ok {
		return q
	}
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

// pow10 holds 10^0 … 10^19, every power of ten a uint64 holds.
var pow10 = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// quoSmall is Quo for the common case of coefficients that fit 64 bits and
// a result that does too: the same rule, in machine integers, without the
// big.Int work (it keeps NPS, rates and means cheap). It reports false when
// it cannot decide, and Quo then takes the general path.
func quoSmall(num, den decimal.Decimal) (decimal.Decimal, bool) {
	if num.NumDigits() > 18 || den.NumDigits() > 18 {
		return decimal.Decimal{}, false
	}
	return quoInt64(num.CoefficientInt64(), den.CoefficientInt64(), int64(num.Exponent())-int64(den.Exponent()))
}

// quoInt64 returns a/b × 10^shift by Quo's rule for b ≠ 0, and false when
// the result does not fit 64 bits.
func quoInt64(a, b int64, shift int64) (decimal.Decimal, bool) {
	neg := (a < 0) != (b < 0)
	ua, ub := abs64(a), abs64(b)
	g := gcd(ua, ub)
	ua, ub = ua/g, ub/g
	// Terminating: ub = 2^i × 5^j, and ua/ub = ua × (10^k / ub) / 10^k.
	i, j, rest := 0, 0, ub
	for rest%2 == 0 {
		rest, i = rest/2, i+1
	}
	for rest%5 == 0 {
		rest, j = rest/5, j+1
	}
	if rest == 1 {
		k := max(i, j)
		if k >= len(pow10) {
			return decimal.Decimal{}, false
		}
		hi, c := bits.Mul64(ua, pow10[k]/ub)
		exp := shift - int64(k)
		if hi != 0 || c > math.MaxInt64 || exp < math.MinInt32 || exp > math.MaxInt32 {
			return decimal.Decimal{}, false
		}
		return decimal.New(signed(c, neg), int32(exp)), true
	}
	// Not terminating: round(ua/ub × 10^(shift+Scale)) × 10^−Scale, half away
	// from zero, as DivRound(den, Scale) does.
	up := shift + Scale
	if up < 0 || up >= int64(len(pow10)) {
		return decimal.Decimal{}, false
	}
	hi, lo := bits.Mul64(ua, pow10[up])
	if hi >= ub {
		return decimal.Decimal{}, false
	}
	q, r := bits.Div64(hi, lo, ub)
	if r >= ub-r { // r ≥ ub/2: round away from zero
		q++
	}
	if q > math.MaxInt64 {
		return decimal.Decimal{}, false
	}
	return decimal.New(signed(q, neg), -Scale), true
}

func abs64(x int64) uint64 {
	if x < 0 {
		return uint64(-x) // also right for math.MinInt64: 2^63
	}
	return uint64(x)
}

func signed(u uint64, neg bool) int64 {
	if neg {
		return -int64(u)
	}
	return int64(u)
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
