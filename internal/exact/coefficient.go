package exact

import (
	"math/big"
	"reflect"

	"github.com/shopspring/decimal"
)

// Reading a coefficient without copying it.
//
// decimal.Decimal keeps its coefficient in a *big.Int that its API either
// copies (Coefficient, which allocates) or reads modulo 2⁶⁴
// (CoefficientInt64, which gives 5 for 2⁶⁴ + 5). Telling the two apart
// through the API takes a NumDigits call per value, which doubles the time
// of a sum (BenchmarkSumAdd: impl=AddSliceAPI against impl=AddSlice). Sum's
// fast path therefore reads the *big.Int in place (inplace.go, which imports
// unsafe) and asks it IsInt64 and Int64, which are exact and read only.
//
// It does so only when decimal.Decimal has exactly the fields it expects,
// with the same names, types and offsets, AND the in-place read of known
// values (zero, ±(2⁶³−1), −123.45, a 30-digit value) gives the coefficients
// and exponents that decimal's API gives; layoutKnown checks both once, at
// start-up. A decimal release that changes the struct turns the check false
// and Sum falls back to the API (smallCoefficientAPI), with the same results,
// more slowly. TestDecimalLayoutKnown fails in that case, so that the loss of
// speed is seen, not silent.
//
// Built with the kpikit_purego tag, the library does not import unsafe at
// all: inplace.go is left out, layoutKnown is false and every value takes the
// API path (purego.go).

// knownValues are the values whose in-place read must match decimal's API
// before the fast path is used.
var knownValues = func() []decimal.Decimal {
	const max = 1<<63 - 1
	return []decimal.Decimal{
		{},
		decimal.New(0, -2),
		decimal.New(max, 0),
		decimal.New(-max, 0),
		decimal.New(-12345, -2),
		decimal.RequireFromString("123456789012345678901234567890"),
		decimal.RequireFromString("-1234567890.12345678901234567890"),
	}
}()

// readsKnownValues reports whether read, a way to get a decimal's
// coefficient (nil for zero) and exponent, agrees with decimal's API on
// knownValues, including what the fast path asks of the coefficient: whether
// it fits an int64, and its value when it does.
func readsKnownValues(read func(*decimal.Decimal) (*big.Int, int32)) bool {
	for i := range knownValues {
		v := &knownValues[i]
		c, e := read(v)
		want := v.Coefficient()
		if e != v.Exponent() {
			return false
		}
		if c == nil {
			if want.Sign() != 0 {
				return false
			}
			continue
		}
		if c.Cmp(want) != 0 || c.IsInt64() != want.IsInt64() || c.IsInt64() && c.Int64() != v.CoefficientInt64() {
			return false
		}
	}
	return true
}

// sameFields reports whether the struct types a and b have the same size and
// the same fields: names, types and offsets, in order.
func sameFields(a, b reflect.Type) bool {
	if a.Kind() != reflect.Struct || b.Kind() != reflect.Struct ||
		a.Size() != b.Size() || a.NumField() != b.NumField() {
		return false
	}
	for i := range a.NumField() {
		fa, fb := a.Field(i), b.Field(i)
		if fa.Name != fb.Name || fa.Type != fb.Type || fa.Offset != fb.Offset {
			return false
		}
	}
	return true
}

// smallCoefficientAPI returns v's coefficient and exponent, and whether the
// coefficient has at most maxDigits digits (when not, c is meaningless),
// through decimal's API: for a decimal release whose layout is not known,
// where Sum cannot read the coefficient in place (see Sum.addRun). It reports
// false for some coefficients that fit an int64 (those of 19 digits), which
// then take the slow path: a 19-digit coefficient is below 10¹⁹ < 2⁶⁴, so its
// low 64 bits and its sign give it exactly there.
func smallCoefficientAPI(v *decimal.Decimal) (c int64, exp int32, ok bool) {
	return v.CoefficientInt64(), v.Exponent(), v.NumDigits() <= maxDigits
}
