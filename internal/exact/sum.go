package exact

import (
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Sum is an exact running total of decimals, the one summation engine of
// kpikit: metrics.Sum and metrics.Total loop over it, and sales' DealStats
// keeps its revenue and pipeline in it. The total is
//
//	(hi·2⁶⁴ + lo) × 10^exp + over
//
// where hi·2⁶⁴ + lo is a signed 128-bit two's complement coefficient and over
// an immutable decimal.Decimal that receives only what the 128-bit part
// cannot hold.
//
// Speed: a value at the total's exponent whose coefficient fits an int64 is
// added as a machine integer, without allocating; its coefficient is read in
// place (see coefficient.go), or, should decimal's layout change, through
// decimal's API for coefficients of up to 18 digits. Other coefficients of 19
// digits and values at other exponents are scaled into the 128-bit part when
// they fit, also without allocating. Only coefficients of
// 20 digits or more, values that do not fit 128 bits once brought to the
// total's exponent, and partial sums beyond ±2¹²⁷ go to over, through
// decimal's exact Add, which allocates. The result is exact whatever the
// values.
//
// Exponent: the total's exponent is the smallest exponent among the values
// added (and merged), the exponent that decimal.Sum gives; Value of a Sum to
// which nothing was added is decimal.Zero (exponent 0). A caller that wants
// the exponent of a chain of decimal.Zero.Add calls, min(0, exponents), gets
// it from Value by rescaling a positive exponent to 0 (see sales).
//
// The zero value is an empty total, ready to use. A Sum holds no pointer to
// mutable state: over is never modified in place (each change replaces it
// with a new decimal), so assigning a Sum copies it and the copy changes on
// its own, and Value may run in several goroutines at once. Add, AddSlice and
// Merge must not run alongside any other use of the same Sum.
type Sum struct {
	hi   int64  // high word of the 128-bit coefficient, with its sign
	lo   uint64 // low word of the 128-bit coefficient
	exp  int32  // exponent of the 128-bit part; ≤ over's exponent
	seen bool   // whether a value was added: exp is set
	// over is zero or a decimal of exponent ≥ exp. It is replaced, never
	// mutated, so copies of a Sum may share it.
	over decimal.Decimal
}

// maxDigits is the largest number of decimal digits that every int64
// coefficient of that length fits: |c| ≤ 10¹⁸ − 1 < 2⁶³ − 1. A coefficient
// of maxDigits+1 = 19 digits is below 10¹⁹ < 2⁶⁴ in magnitude, so its low 64
// bits and its sign give it exactly.
const maxDigits = 18

// Add adds v to the total.
func (s *Sum) Add(v decimal.Decimal) { s.add(v, layoutKnown) }

// add is Add, reading v's coefficient in place when inPlace: the fast path
// of a run of one value.
func (s *Sum) add(v decimal.Decimal, inPlace bool) {
	if s.seen && s.addRun([]decimal.Decimal{v}, inPlace) == 1 {
		return
	}
	s.addSlow(v)
}

// AddSlice adds every value of values to the total, in order. It equals a
// loop of Add and is faster: the total stays in local variables while the
// values take the fast path.
func (s *Sum) AddSlice(values []decimal.Decimal) { s.addSlice(values, layoutKnown) }

// addSlice is AddSlice, reading the coefficients in place when inPlace.
func (s *Sum) addSlice(values []decimal.Decimal, inPlace bool) {
	for len(values) > 0 {
		if !s.seen {
			s.addSlow(values[0])
			values = values[1:]
			continue
		}
		i := s.addRun(values, inPlace)
		if i == len(values) {
			return
		}
		s.addSlow(values[i])
		values = values[i+1:]
	}
}

// addRun adds the values of the longest prefix of values that the fast path
// takes (a value at the total's exponent whose coefficient fits an int64, or
// has at most maxDigits digits through the API, and no 128-bit overflow) and
// returns its length. The total must have seen a
// value. It reads the coefficients in place when inPlace (only when
// layoutKnown), through decimal's API otherwise.
func (s *Sum) addRun(values []decimal.Decimal, inPlace bool) int {
	if !inPlace {
		return s.addRunAPI(values)
	}
	return s.addRunInPlace(values)
}

// addRunAPI is addRun through decimal's API (smallCoefficientAPI), for a
// decimal release whose layout is not known: one NumDigits call per value.
func (s *Sum) addRunAPI(values []decimal.Decimal) int {
	hi, lo, exp := s.hi, s.lo, s.exp
	i := 0
	for ; i < len(values); i++ {
		c, e, ok := smallCoefficientAPI(&values[i])
		if !ok || e != exp {
			break
		}
		h, l, ok := add128(hi, lo, c)
		if !ok {
			break
		}
		hi, lo = h, l
	}
	s.hi, s.lo = hi, lo
	return i
}

// add128 returns the two's complement 128-bit integer hi·2⁶⁴ + lo plus c,
// and false on a signed 128-bit overflow.
func add128(hi int64, lo uint64, c int64) (int64, uint64, bool) {
	ext := c >> 63 // the sign extension of c to 128 bits: 0 or −1
	l, carry := bits.Add64(lo, uint64(c), 0)
	h := hi + ext + int64(carry)
	return h, l, (hi^h)&(ext^h) >= 0
}

// addSlow adds v when the fast path cannot: the first value, another
// exponent, a coefficient of 19 digits or more, or a 128-bit overflow.
func (s *Sum) addSlow(v decimal.Decimal) {
	e := v.Exponent()
	switch {
	case !s.seen:
		s.exp, s.seen = e, true
	case e < s.exp:
		s.lower(e)
	}
	if v.NumDigits() > maxDigits+1 {
		s.addOver(v)
		return
	}
	// |coefficient| < 10¹⁹ < 2⁶⁴: CoefficientInt64 is the coefficient modulo
	// 2⁶⁴, so its magnitude is uint64(c), or uint64(−c) when v < 0.
	c := v.CoefficientInt64()
	neg := v.Sign() < 0
	m := uint64(c)
	if neg {
		m = uint64(-c)
	}
	if !s.addCoef(0, m, neg, e) {
		s.addOver(v)
	}
}

// Merge adds the total of o to s, so that s is the total of the values
// added to either: merging the Sums of the parts of a sequence of values, in
// any order, gives the Sum of the whole sequence, with the same digits and
// exponent. o may be s (the total doubles); o is not modified.
func (s *Sum) Merge(o *Sum) {
	if !o.seen {
		return
	}
	t := *o // o may be s
	if !s.seen {
		*s = t
		return
	}
	if t.exp < s.exp {
		s.lower(t.exp)
	}
	mh, ml, neg := abs128(t.hi, t.lo)
	if !s.addCoef(mh, ml, neg, t.exp) {
		s.addOver(wide(t.hi, t.lo, t.exp))
	}
	if t.over.Sign() != 0 {
		s.addOver(t.over)
	}
}

// Value returns the total, exactly. Its exponent is the smallest exponent
// among the values added; the Value of an empty Sum is decimal.Zero. Value
// does not modify s.
func (s *Sum) Value() decimal.Decimal {
	if !s.seen {
		return decimal.Zero
	}
	v := wide(s.hi, s.lo, s.exp)
	if s.over.Sign() == 0 {
		return v
	}
	// over's exponent is at least exp, so the sum keeps exponent exp.
	return v.Add(s.over)
}

// addCoef adds ±(mh·2⁶⁴ + ml) × 10^e, e ≥ s.exp, to the 128-bit part: the
// minus sign when neg. It reports false, leaving s unchanged, when the
// addend does not fit 128 bits at exponent s.exp; when the addend fits but
// the sum does not, the 128-bit part moves to over and the addend takes its
// place.
func (s *Sum) addCoef(mh, ml uint64, neg bool, e int32) bool {
	h, l, ok := scale128(mh, ml, int64(e)-int64(s.exp))
	if !ok || h >= 1<<63 { // beyond the signed range (−2¹²⁷ too, to keep it simple)
		return false
	}
	if neg {
		h, l = neg128(h, l)
	}
	lo, carry := bits.Add64(s.lo, l, 0)
	hi := s.hi + int64(h) + int64(carry)
	if (s.hi^hi)&(int64(h)^hi) < 0 { // signed overflow
		s.spill()
		s.hi, s.lo = int64(h), l
		return true
	}
	s.hi, s.lo = hi, lo
	return true
}

// lower brings the total's exponent down to e < s.exp, keeping its value.
// What no longer fits 128 bits moves to over.
func (s *Sum) lower(e int32) {
	mh, ml, neg := abs128(s.hi, s.lo)
	h, l, ok := scale128(mh, ml, int64(s.exp)-int64(e))
	if !ok || h >= 1<<63 {
		s.spill()
	} else {
		if neg {
			h, l = neg128(h, l)
		}
		s.hi, s.lo = int64(h), l
	}
	s.exp = e
}

// spill moves the 128-bit part of the total into over.
func (s *Sum) spill() {
	s.addOver(wide(s.hi, s.lo, s.exp))
	s.hi, s.lo = 0, 0
}

// addOver adds x, of exponent ≥ s.exp, to over, replacing it. An over of
// zero is replaced by x itself, so that over's exponent stays ≥ s.exp even
// when it is positive (the zero decimal.Decimal has exponent 0).
func (s *Sum) addOver(x decimal.Decimal) {
	if s.over.Sign() == 0 {
		s.over = x
		return
	}
	s.over = s.over.Add(x)
}

// abs128 returns the magnitude of the two's complement 128-bit integer
// hi·2⁶⁴ + lo and whether it is negative. The magnitude of −2¹²⁷ is 2¹²⁷.
func abs128(hi int64, lo uint64) (mh, ml uint64, neg bool) {
	if hi >= 0 {
		return uint64(hi), lo, false
	}
	mh, ml = neg128(uint64(hi), lo)
	return mh, ml, true
}

// neg128 returns −(hi·2⁶⁴ + lo) modulo 2¹²⁸.
func neg128(hi, lo uint64) (uint64, uint64) {
	l, borrow := bits.Sub64(0, lo, 0)
	h, _ := bits.Sub64(0, hi, borrow)
	return h, l
}

// wide returns the two's complement 128-bit integer hi·2⁶⁴ + lo times 10^e.
func wide(hi int64, lo uint64, e int32) decimal.Decimal {
	if hi == int64(lo)>>63 { // the value fits an int64
		return decimal.New(int64(lo), e)
	}
	mh, ml, neg := abs128(hi, lo)
	b := new(big.Int).SetUint64(mh)
	b.Lsh(b, 64)
	b.Or(b, new(big.Int).SetUint64(ml))
	if neg {
		b.Neg(b)
	}
	return decimal.NewFromBigInt(b, e)
}

// scale128 returns (hi·2⁶⁴ + lo) × 10^k for k ≥ 0 and whether it fits 128
// bits. It takes at most three steps for a non-zero value (10⁵⁷ > 2¹²⁸),
// whatever k.
func scale128(hi, lo uint64, k int64) (uint64, uint64, bool) {
	if hi|lo == 0 {
		return 0, 0, true
	}
	for k > 0 {
		step := min(k, int64(len(pow10)-1))
		m := pow10[step]
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
