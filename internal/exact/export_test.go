package exact

import (
	"math/big"
	"reflect"

	"github.com/shopspring/decimal"
)

// AddAPI and AddSliceAPI are Add and AddSlice through decimal's API only:
// the path every value takes when decimal.Decimal's layout is not known. The
// tests hold both paths to the same results.
func (s *Sum) AddAPI(v decimal.Decimal)             { s.add(v, false) }
func (s *Sum) AddSliceAPI(values []decimal.Decimal) { s.addSlice(values, false) }

// LayoutKnown reports whether Add and AddSlice read coefficients in place.
func LayoutKnown() bool { return layoutKnown }

// PureGo reports whether the package was built with the kpikit_purego tag.
const PureGo = pureGo

// SameFields is sameFields.
func SameFields(a, b reflect.Type) bool { return sameFields(a, b) }

// ReadsKnownValues is readsKnownValues.
func ReadsKnownValues(read func(*decimal.Decimal) (*big.Int, int32)) bool {
	return readsKnownValues(read)
}
