package metrics

import (
	"math/big"

	"github.com/kpikit/kpikit/internal/exact"
	"github.com/shopspring/decimal"
)

// Sum returns the exact sum of values:
//
//	Sum = values[0] + values[1] + … + values[n−1]
//
// The result has the unit of the values (an amount in their currency, a
// count, ...) and is exact, whatever the values' signs, sizes and scales: it
// equals the result of adding the values one by one with decimal's Add, and
// has the same digits and exponent as decimal.Sum. Its exponent is the
// smallest exponent among the values, so amounts with two digits after the
// point sum to an amount with two digits after the point ("10.50" + "0.25"
// is "10.75"). The sum of no values is zero.
//
// Sum is faster than an Add loop or decimal.Sum: while the running total and
// the values fit in 64-bit integers it adds machine integers, and it carries
// into a big.Int only when a partial sum would overflow, so its allocations do
// not grow with len(values). Mixed scales are brought to the smallest
// exponent; as with Add, the time and memory that takes grow with the spread
// between the largest and the smallest exponent (1e-9 + 1e9 is a number of 19
// digits).
//
// Sum cannot fail and returns no error.
func Sum(values []decimal.Decimal) decimal.Decimal {
	if len(values) == 0 {
		return decimal.Zero
	}
	s := summer{exp: values[0].Exponent()}
	for i := range values {
		v := &values[i]
		// A coefficient of at most 18 digits is below 10^18 < 2^63 in
		// magnitude, so CoefficientInt64 is exact. NumDigits reads the
		// coefficient without copying it (Coefficient().IsInt64() would
		// allocate a copy of every value).
		if v.Exponent() == s.exp && v.NumDigits() <= maxInt64Digits {
			c := v.CoefficientInt64()
			t := s.acc + c
			if (s.acc^t)&(c^t) >= 0 { // no signed overflow
				s.acc = t
				continue
			}
		}
		s.addSlow(*v)
	}
	return s.result()
}

// Mean returns the exact arithmetic mean of values:
//
//	Mean = (values[0] + values[1] + … + values[n−1]) / n
//
// The result has the unit of the values. The sum is exact (see Sum); the
// quotient is exact when its decimal expansion terminates and is otherwise
// rounded half away from zero at Scale (10) digits after the point, so the
// mean of 1, 1 and 2 is 1.3333333333.
//
// Mean returns an error if:
//   - values is empty (ErrEmpty)
func Mean(values []decimal.Decimal) (decimal.Decimal, error) {
	if len(values) == 0 {
		return decimal.Decimal{}, &Error{Metric: "metrics.Mean", Field: "values", Index: -1,
			Detail: "is empty", Err: ErrEmpty}
	}
	return exact.Quo(Sum(values), decimal.NewFromInt(int64(len(values)))), nil
}

// maxInt64Digits is the largest number of decimal digits that every int64
// coefficient of that length fits: |c| ≤ 10^18 − 1 < 2^63 − 1.
const maxInt64Digits = 18

// summer is Sum's running total, hi + acc at exponent exp: a machine integer
// acc for the fast path and a big.Int hi (nil until needed) that receives acc
// whenever adding to it would overflow.
type summer struct {
	acc int64
	exp int32
	hi  *big.Int
	tmp big.Int // scratch, so that carrying into hi does not allocate
}

// addSlow adds v when the fast path cannot: v's exponent differs from the
// total's, v's coefficient does not fit an int64, or the int64 sum overflows.
func (s *summer) addSlow(v decimal.Decimal) {
	x := v.Exponent()
	if x < s.exp {
		s.rescale(x)
	}
	k := int64(x) - int64(s.exp) // v = coefficient × 10^k at the total's exponent
	if v.NumDigits() <= maxInt64Digits {
		c := v.CoefficientInt64()
		if c, ok := mulPow10(c, k); ok {
			t := s.acc + c
			if (s.acc^t)&(c^t) >= 0 {
				s.acc = t
				return
			}
			// The int64 total would overflow: carry it into hi and keep
			// adding machine integers from c.
			s.carry()
			s.acc = c
			return
		}
		s.tmp.SetInt64(c)
	} else {
		s.tmp.Set(v.Coefficient())
	}
	if k > 0 {
		s.tmp.Mul(&s.tmp, bigPow10(k))
	}
	s.addBig(&s.tmp)
}

// rescale lowers the total's exponent to x < s.exp without changing its value.
func (s *summer) rescale(x int32) {
	k := int64(s.exp) - int64(x)
	if c, ok := mulPow10(s.acc, k); ok {
		s.acc = c
	} else {
		s.carry()
	}
	if s.hi != nil {
		s.hi.Mul(s.hi, bigPow10(k))
	}
	s.exp = x
}

// carry moves acc into hi.
func (s *summer) carry() {
	s.tmp.SetInt64(s.acc)
	s.addBig(&s.tmp)
	s.acc = 0
}

// addBig adds z to hi.
func (s *summer) addBig(z *big.Int) {
	if s.hi == nil {
		s.hi = new(big.Int)
	}
	s.hi.Add(s.hi, z)
}

// result returns the total as a Decimal.
func (s *summer) result() decimal.Decimal {
	if s.hi == nil {
		return decimal.New(s.acc, s.exp)
	}
	s.hi.Add(s.hi, s.tmp.SetInt64(s.acc))
	return decimal.NewFromBigInt(s.hi, s.exp)
}

// mulPow10 returns c × 10^k for k ≥ 0 and reports whether it fits an int64.
func mulPow10(c int64, k int64) (int64, bool) {
	if c == 0 {
		return 0, true
	}
	for ; k > 0; k-- {
		if c > maxInt64/10 || c < minInt64/10 {
			return 0, false
		}
		c *= 10
	}
	return c, true
}

const (
	maxInt64 = 1<<63 - 1
	minInt64 = -1 << 63
)

// bigPow10 returns a new 10^k for k ≥ 0.
func bigPow10(k int64) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(k), nil)
}
