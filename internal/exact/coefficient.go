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
// fast path therefore reads the *big.Int in place, through decimalFields,
// and asks it IsInt64 and Int64, which are exact and read only.
//
// It does so only when decimal.Decimal has exactly the fields of
// decimalFields, with the same names, types and offsets; layoutKnown checks
// that once, at start-up. A decimal release that changes the struct turns
// the check false and Sum falls back to the API (smallCoefficientAPI), with
// the same results, more slowly. TestDecimalLayoutKnown fails in that case,
// so that the loss of speed is seen, not silent.

// decimalFields mirrors decimal.Decimal's unexported fields: a nil value
// means a zero coefficient.
type decimalFields struct {
	value *big.Int
	exp   int32
}

// layoutKnown reports whether decimal.Decimal is laid out as decimalFields.
var layoutKnown = sameFields(reflect.TypeFor[decimal.Decimal](), reflect.TypeFor[decimalFields]())

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
