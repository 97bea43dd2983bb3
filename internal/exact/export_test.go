package exact

import (
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

// SameFields is sameFields.
func SameFields(a, b reflect.Type) bool { return sameFields(a, b) }
