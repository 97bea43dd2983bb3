//go:build !kpikit_purego

package exact

import (
	"math/big"
	"reflect"
	"unsafe"

	"github.com/shopspring/decimal"
)

// pureGo reports whether the library was built with the kpikit_purego tag.
const pureGo = false

// decimalFields mirrors decimal.Decimal's unexported fields: a nil value
// means a zero coefficient.
type decimalFields struct {
	value *big.Int
	exp   int32
}

// layoutKnown reports whether decimal.Decimal is laid out as decimalFields
// and the in-place read decodes the known values right (see coefficient.go).
var layoutKnown = sameFields(reflect.TypeFor[decimal.Decimal](), reflect.TypeFor[decimalFields]()) &&
	readsKnownValues(readInPlace)

// readInPlace returns v's coefficient (nil for zero) and exponent, read in
// place. Only valid when the layout is decimalFields'.
func readInPlace(v *decimal.Decimal) (*big.Int, int32) {
	f := (*decimalFields)(unsafe.Pointer(v))
	return f.value, f.exp
}

// addRunInPlace is addRun reading the coefficients in place: the hot loop of
// Sum. The layout must be known.
func (s *Sum) addRunInPlace(values []decimal.Decimal) int {
	hi, lo, exp := s.hi, s.lo, s.exp
	i := 0
	for ; i < len(values); i++ {
		// In place, without a call.
		f := (*decimalFields)(unsafe.Pointer(&values[i]))
		if f.exp != exp {
			break
		}
		var c int64
		if f.value != nil {
			if !f.value.IsInt64() {
				break
			}
			c = f.value.Int64()
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
