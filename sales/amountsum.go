package sales

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// amountSum is an exact running total of non-negative amounts that does not
// allocate in the common case. The total is
//
//	(hi·2⁶⁴ + lo) × 10^exp + over
//
// Amounts whose coefficient has at most 18 digits are added as machine
// integers into the 128-bit coefficient (hi, lo); over, an immutable
// decimal, receives only what does not fit there (a coefficient of 19 digits
// or more, or a partial sum beyond 2¹²⁸), so a sum of ordinary amounts never
// touches it. over is never mutated in place, so copying an amountSum is
// safe.
//
// exp is the smallest exponent among 0 and the amounts added, as in a chain
// of decimal.Zero.Add calls: the total has the digits and the exponent that
// such a chain gives ("10.50" + "0.25" is "10.75"), so replacing an Add loop
// with an amountSum changes no result. The zero value is a zero total.
type amountSum struct {
	hi, lo uint64
	exp    int32
	over   decimal.Decimal
}

// maxDigits64 is the largest number of decimal digits every coefficient of
// that length fits a uint64 (and an int64) with: 10¹⁸ − 1 < 2⁶³.
const maxDigits64 = 18

// add adds the amount v ≥ 0.
func (s *amountSum) add(v decimal.Decimal) {
	// The fast path: v at the total's exponent, with a coefficient that fits
	// a machine integer. NumDigits reads the coefficient without copying it.
	if v.Exponent() == s.exp && v.NumDigits() <= maxDigits64 {
		lo, carry := bits.Add64(s.lo, uint64(v.CoefficientInt64()), 0)
		if hi, c := bits.Add64(s.hi, 0, carry); c == 0 {
			s.hi, s.lo = hi, lo
			return
		}
	}
	s.addSlow(v)
}

// addSlow adds v ≥ 0 when the fast path cannot: another exponent, a long
// coefficient, or a 128-bit overflow.
func (s *amountSum) addSlow(v decimal.Decimal) {
	if v.NumDigits() > maxDigits64 {
		s.lower(v.Exponent())
		s.over = s.over.Add(v)
		return
	}
	s.addWide(0, uint64(v.CoefficientInt64()), v.Exponent())
}

// addWide adds the coefficient hi·2⁶⁴ + lo at exponent e.
func (s *amountSum) addWide(hi, lo uint64, e int32) {
	s.lower(e)
	if hi|lo == 0 {
		return
	}
	h, l, ok := scale128(hi, lo, int64(e)-int64(s.exp))
	if !ok {
		s.over = s.over.Add(wideDecimal(hi, lo, e))
		return
	}
	if !s.add128(h, l) {
		s.spill()
		s.hi, s.lo = h, l
	}
}

// merge adds the total of o.
func (s *amountSum) merge(o *amountSum) {
	s.addWide(o.hi, o.lo, o.exp)
	if o.over.Sign() != 0 {
		s.over = s.over.Add(o.over)
	}
}

// lower brings the total's exponent down to e if e is smaller, keeping its
// value. What no longer fits 128 bits moves to over.
func (s *amountSum) lower(e int32) {
	if e >= s.exp {
		return
	}
	if s.hi|s.lo != 0 {
		h, l, ok := scale128(s.hi, s.lo, int64(s.exp)-int64(e))
		if !ok {
			s.spill()
		} else {
			s.hi, s.lo = h, l
		}
	}
	s.exp = e
}

// spill moves the 128-bit part of the total into over.
func (s *amountSum) spill() {
	s.over = s.over.Add(wideDecimal(s.hi, s.lo, s.exp))
	s.hi, s.lo = 0, 0
}

// add128 adds (hi, lo) to the 128-bit part and reports whether it fit; on
// overflow the total is unchanged.
func (s *amountSum) add128(hi, lo uint64) bool {
	l, carry := bits.Add64(s.lo, lo, 0)
	h, c := bits.Add64(s.hi, hi, carry)
	if c != 0 {
		return false
	}
	s.hi, s.lo = h, l
	return true
}

// value returns the total.
func (s *amountSum) value() decimal.Decimal {
	v := wideDecimal(s.hi, s.lo, s.exp)
	if s.over.Sign() == 0 {
		return v
	}
	// over's exponent is at least exp, so the sum keeps exponent exp.
	return v.Add(s.over)
}

// wideDecimal returns (hi·2⁶⁴ + lo) × 10^e.
func wideDecimal(hi, lo uint64, e int32) decimal.Decimal {
	if hi == 0 && lo <= math.MaxInt64 {
		return decimal.New(int64(lo), e)
	}
	b := new(big.Int).SetUint64(hi)
	b.Lsh(b, 64)
	b.Or(b, new(big.Int).SetUint64(lo))
	return decimal.NewFromBigInt(b, e)
}

// pow10u64 holds 10⁰ … 10¹⁹, the powers of ten a uint64 holds.
var pow10u64 = func() (t [20]uint64) {
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] * 10
	}
	return t
}()

// scale128 returns (hi·2⁶⁴ + lo) × 10^k for k ≥ 0, and whether it fits 128
// bits.
func scale128(hi, lo uint64, k int64) (uint64, uint64, bool) {
	for k > 0 {
		step := min(k, int64(len(pow10u64)-1))
		m := pow10u64[step]
		h1, l := bits.Mul64(lo, m)
		h2, l2 := bits.Mul64(hi, m)
		h, carry := bits.Add64(h1, l2, 0)
		if h2|carry != 0 {
			return 0, 0, false
		}
		hi, lo, k = h, l, k-step
	}
	return hi, lo, true
}
