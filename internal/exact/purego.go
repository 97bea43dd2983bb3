//go:build kpikit_purego

package exact

import "github.com/shopspring/decimal"

// pureGo reports whether the library was built with the kpikit_purego tag.
const pureGo = true

// layoutKnown is false: built with kpikit_purego, Sum never reads a
// decimal's fields in place and imports no unsafe.
const layoutKnown = false

// addRunInPlace is never called with layoutKnown false; it is addRunAPI so
// that the code compiles the same way in both builds.
func (s *Sum) addRunInPlace(values []decimal.Decimal) int { return s.addRunAPI(values) }
